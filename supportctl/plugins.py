"""Entry points of an entry-point group, found quickly.

``importlib.metadata`` costs ~15–25 ms to import and scan on every run, a fifth of what ``supportctl
address`` may take. The entry points found are cached in the user cache dir, keyed by the installed
distributions (the names and modification times of every ``*.dist-info`` on ``sys.path``), so a run after
any install or uninstall scans again and every other run reads one small file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from supportctl.core import jsoncache


@dataclass(frozen=True, slots=True)
class EntryPoint:
    name: str
    value: str  # "module:attr"

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj: Any = import_module(module.strip())
        for part in attr.strip().split(".") if attr else ():
            obj = getattr(obj, part)
        return obj


def entry_points(group: str) -> list[EntryPoint]:
    key = _fingerprint()
    cache = _cache_file()
    data = jsoncache.read(cache)
    groups = data.get("groups") if isinstance(data, dict) and data.get("key") == key else None
    groups = groups if isinstance(groups, dict) else {}  # another install's, or not a cache at all: scan
    try:
        if group in groups:
            return [EntryPoint(n, v) for n, v in groups[group]]
    except (ValueError, TypeError):
        groups = {}
    from importlib.metadata import entry_points as scan

    found = [(ep.name, ep.value) for ep in scan(group=group)]
    groups[group] = found
    jsoncache.write(cache, {"key": key, "groups": groups})  # a read-only cache dir only costs the scan
    return [EntryPoint(n, v) for n, v in found]


_MARKERS = (".dist-info", ".egg-info", ".egg-link", ".pth")  # what an install or uninstall changes


def _fingerprint() -> str:
    parts: list[str] = [sys.prefix]
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                parts.extend(f"{d.name}:{d.stat().st_mtime_ns}" for d in it if d.name.endswith(_MARKERS))
        except OSError:
            continue
    try:  # hashlib's own blake2b, without loading OpenSSL for hashlib's other algorithms (~2 ms)
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module
        from hashlib import blake2b

    return blake2b("\n".join(sorted(parts)).encode(), digest_size=12).hexdigest()


def _cache_file() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("supportctl")) / "entry_points.json"
