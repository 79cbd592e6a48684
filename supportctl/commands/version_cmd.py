"""``supportctl --version`` (``-V``, ``version``): supportctl's version, Python's, and those of the libraries that
decide how it behaves (httpx, typer, rich; ccxt when installed), for bug reports and "works on my machine".

Fast, because it is what people run first: no library is imported to ask its version (ccxt alone takes a quarter
of a second). Versions are read from the installed distributions' metadata: the ``NAME-VERSION.dist-info``
directory names on ``sys.path`` (what installers write), and ``importlib.metadata`` only for a distribution not
found that way (an egg, an unusual layout) — importing ``importlib.metadata`` costs more than the rest together.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

from supportctl.core.errors import ExitCode
from supportctl.core.options import Format

if TYPE_CHECKING:
    from supportctl.commands import Context

LIBRARIES = ("httpx", "typer", "rich", "ccxt")  # in this order; ccxt only when installed
OPTIONAL = frozenset({"ccxt"})


def versions() -> dict[str, str]:
    """``{"supportctl": "0.1.0", "python": "3.11.7", "httpx": …}``: a library that is not installed is left out
    when optional, and "not installed" otherwise."""
    installed = _dist_info()
    out = {"supportctl": _version("supportctl", installed) or "unknown",
           "python": f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"}
    for name in LIBRARIES:
        found = _version(name, installed)
        if found is not None or name not in OPTIONAL:
            out[name] = found or "not installed"
    return out


def text() -> str:
    """One line each, supportctl first (``supportctl --version | head -1`` is the version alone)."""
    found = versions()
    implementation = sys.implementation.name.replace("cpython", "CPython").replace("pypy", "PyPy")
    lines = [f"supportctl {found.pop('supportctl')}", f"python {found.pop('python')} ({implementation})"]
    return "\n".join([*lines, *(f"{name} {v}" for name, v in found.items())]) + "\n"


def run(ctx: Context) -> ExitCode:
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        sys.stdout.write(dumps(versions()) + "\n")
    else:
        sys.stdout.write(text())
    return ExitCode.OK


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _dist_info() -> dict[str, str]:
    """Normalised distribution name → version, from the ``*.dist-info`` directories on ``sys.path`` (the first
    one on the path wins, as it does for imports)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip, a missing directory
            continue
        for n in names:
            if n.endswith(".dist-info"):
                name, _, version = n[: -len(".dist-info")].partition("-")
                if version:
                    found.setdefault(_normalized(name), version)
    return found


def _version(name: str, installed: dict[str, str]) -> str | None:
    found = installed.get(_normalized(name))
    if found is not None:
        return found
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
