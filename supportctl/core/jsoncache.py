"""A JSON file kept as a cache: read whole or not at all, written atomically, never an error.

A cache only ever saves time, so nothing here raises. ``read`` gives None for a file that is missing,
unreadable or not JSON; ``write`` goes to a temporary file in the same directory and moves it into place with
``os.replace``, so a reader (another run, another thread) sees the old file or the new one, never half of one;
a file that cannot be written (read-only dir, full disk, a value JSON cannot hold) is skipped and ``write``
says so by returning False. Both note a failure at DEBUG on the ``supportctl.cache`` logger.

Every disk cache in supportctl goes through here: the entry points (``plugins``), a ccxt venue's rules and its
live data (``venue.ccxt``). Imports only the standard library, and ``logging``/``tempfile`` only when needed:
``plugins`` is on every run's start-up path.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["read", "write"]

_LOGGER = "supportctl.cache"


def read(path: Path) -> Any | None:
    """The JSON value stored at ``path``; None when the file is missing, unreadable or not JSON."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except Exception as e:  # a directory, no permission, not UTF-8
        _debug("ignoring the cache %s: %s", path, type(e).__name__)
        return None
    try:
        return json.loads(text)
    except Exception as e:  # truncated, corrupt, nested past the recursion limit
        _debug("ignoring the cache %s: %s", path, type(e).__name__)
        return None


def write(path: Path, data: Any, *, default: Callable[[Any], Any] | None = None, fsync: bool = False) -> bool:
    """Store ``data`` as compact JSON at ``path`` atomically, creating its directory; False when it could not.

    ``default`` is ``json.dump``'s (``str`` to write values JSON has no type for); ``fsync`` flushes the file
    to disk before it replaces the old one (a cache rarely needs it: a lost write only costs time)."""
    import tempfile

    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, separators=(",", ":"), default=default)
            if fsync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
        return True
    except BaseException as e:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if not isinstance(e, OSError | TypeError | ValueError):
            raise  # Ctrl-C, or a bug: not the cache's to swallow
        _debug("could not write the cache %s: %s", path, type(e).__name__)
        return False


def _debug(msg: str, *args: object) -> None:
    import logging

    logging.getLogger(_LOGGER).debug(msg, *args)
