"""Untrusted text (token symbols, memos, revert reasons, pasted tickets) shown literally.

Control characters — ESC and every other C0/C1 code, DEL — and the Unicode bidi controls that can reorder
what a reader sees are replaced by visible escapes such as ``\\x1b``. Nothing from a chain or a customer
reaches a terminal as a control sequence.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")
_UNSAFE_ONE_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def literal(text: str, *, one_line: bool = True) -> str:
    """``text`` with every control character made visible (newlines too when ``one_line``)."""
    return (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)


def json_safe(text: str) -> str:
    """Serialised JSON with C1 controls and bidi overrides escaped (json already escapes C0)."""
    return re.sub(f"[\\x7f-\\x9f{_BIDI}]", lambda m: f"\\u{ord(m.group(0)):04x}", text)
