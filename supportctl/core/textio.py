"""The text boundary: what comes in is decoded, what goes out is UTF-8, whatever the locale.

Input: command-line arguments (which Python decodes with ``surrogateescape``, so an undecodable byte becomes a
lone surrogate), stdin and input files are decoded as UTF-8 with replacement: an undecodable byte is U+FFFD,
never a surrogate that a later write chokes on (strict locales) or turns back into a raw byte (C.UTF-8).
Output: stdout and stderr are UTF-8 with replacement, so no write can fail on what it was given. What is shown
is escaped by ``render.safe.literal``; this module only makes sure the text is text.

Start-up cost matters (``supportctl address``): nothing here imports more than the interpreter already has.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import TextIO

ENCODING = "utf-8"
ERRORS = "replace"
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without lone surrogates: bytes smuggled in by ``surrogateescape`` are decoded as UTF-8 with
    replacement (a valid sequence split over escapes is rejoined); any other surrogate is U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode(ENCODING, "surrogateescape").decode(ENCODING, ERRORS)
    except UnicodeEncodeError:  # a surrogate that no byte stands for (a JSON "\ud800" escape, say)
        return _SURROGATE.sub("\ufffd", text)


def setup_streams() -> None:
    """stdin, stdout and stderr as UTF-8 with replacement (a strict locale would raise on a bad byte; C.UTF-8
    would pass an undecodable byte through as itself). A stream that cannot be reconfigured is left alone."""
    for name in ("stdin", "stdout", "stderr"):
        reconfigure = getattr(getattr(sys, name, None), "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(encoding=ENCODING, errors=ERRORS)
        except (ValueError, OSError, AttributeError):  # already read from, or not a real text stream
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors=ERRORS)


def read_stdin(limit: int) -> str:
    """At most ``limit`` characters of stdin, decoded (an absent stdin reads as empty)."""
    stream: TextIO | None = sys.stdin
    if stream is None:
        return ""
    return clean(stream.read(limit))


def clip(text: str, n: int = 80) -> str:
    """``text`` cut to ``n`` characters with an ellipsis, for quoting input in one line of an error."""
    return text if len(text) <= n else text[: n - 1] + "…"
