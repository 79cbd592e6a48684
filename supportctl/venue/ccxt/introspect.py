"""What the installed ccxt offers, found mostly without importing it (a quarter of a second).

``exchange_exists`` and ``ccxt_version`` read ccxt's package folder and metadata, so a venue served from the disk
cache never imports ccxt; ``supported_exchanges`` imports it, and is asked only to list or suggest ids.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ccxt_version", "exchange_exists", "supported_exchanges"]


def _ccxt_spec_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("ccxt")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def exchange_exists(exid: str) -> bool:
    """Whether ccxt has an exchange class of this id, without importing ccxt (a quarter of a second)."""
    root = _ccxt_spec_dir()
    return root is not None and exid.isidentifier() and (root / f"{exid}.py").is_file()


def ccxt_version() -> str:
    """ccxt's version without importing it: from its installed metadata's folder name."""
    root = _ccxt_spec_dir()
    if root is not None:
        for d in root.parent.glob("ccxt-*.dist-info"):
            return d.name.removeprefix("ccxt-").removesuffix(".dist-info")
    return "unknown"


def supported_exchanges() -> list[str]:
    """Every exchange id ccxt knows (``ccxt.exchanges``)."""
    import ccxt  # type: ignore[import-untyped]

    return list(ccxt.exchanges)
