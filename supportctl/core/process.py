"""How a supportctl process starts and ends when it is the console script (``supportctl/__main__.py``).

Two costs of a short run are not its work. Measured on one deposit lookup (~160 ms in all, bench/deposit.py):

- **The cycle collector** runs ~70 times while the modules load (~7–10 ms) and finds nothing to free: modules,
  classes and functions live until the end anyway. A run of one command keeps it off (``short_run``). A long
  run (``bulk``, ``shell``, ``stats``), whose tasks and failures do make cycles, turns it back on with
  ``long_run`` after moving what the imports made out of its sight (``gc.freeze``): each collection then walks
  only the run's own objects.
- **Tearing the interpreter down** (one more collection, then freeing every object of ~400 modules) takes
  ~25 ms after the answer is written. ``hard_exit`` flushes stdout and stderr and ends the process at once, as
  mypy does (``mypy.util.hard_exit``). Every file supportctl writes is closed before ``cli.main`` returns, and
  it registers no exit handler.

Neither applies when supportctl is imported (tests, ``cli.main`` called in-process): only the console script
turns the collector off, and ``long_run`` changes nothing where it is on.

Imports only the standard library.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn


def short_run() -> None:
    """Keep the cycle collector off until the run ends or turns long (``long_run``)."""
    gc.disable()


def long_run() -> None:
    """A run that may go on for hours: the cycle collector back on, blind to what the imports made."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def hard_exit(code: int) -> NoReturn:
    """Flush stdout and stderr and end the process with ``code``, without tearing the interpreter down."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # the reader went away (`| head`), or the stream is closed
            stream.flush()
    os._exit(code)
