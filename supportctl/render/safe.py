"""Untrusted text (token symbols, memos, revert reasons, pasted tickets) shown literally.

Every character that is not visible text is replaced by a visible escape such as ``\\x1b`` or ``\\u202e``:
C0 and C1 controls and DEL (ESC and the 8-bit CSI start terminal sequences), lone surrogates (an undecodable
byte that slipped past the input boundary, which a C.UTF-8 terminal would get as the raw byte), the Unicode bidi
controls that reorder what a reader sees, and the zero-width and other invisible characters that make two
different strings (an address and its look-alike) look the same. Nothing from a chain or a customer reaches a
terminal as a control sequence, and what is shown is what is there.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Zero-width and invisible: soft hyphen, Hangul fillers, Mongolian vowel separator, zero-width space/joiners,
# line and paragraph separators, word joiner and invisible operators, BOM, interlinear annotation, tag characters.
_INVISIBLE = ("\u00ad\u115f\u1160\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u3164\ufeff\uffa0\ufff9-\ufffb"
              "\U000e0000-\U000e007f")
_SURROGATES = "\ud800-\udfff"
_SHOWN_ESCAPED = f"\\x7f-\\x9f{_SURROGATES}{_BIDI}{_INVISIBLE}"  # beyond C0, which depends on the use
_UNSAFE = re.compile(f"[\\x00-\\x09\\x0b-\\x1f{_SHOWN_ESCAPED}]")
_UNSAFE_ONE_LINE = re.compile(f"[\\x00-\\x1f{_SHOWN_ESCAPED}]")
_UNSAFE_IN_JSON = re.compile(f"[{_SHOWN_ESCAPED}]")  # json.dumps escapes C0 itself


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" if c < 0x10000 else f"\\U{c:08x}"


def literal(text: str, *, one_line: bool = True) -> str:
    """``text`` with every control and invisible character made visible (newlines too when ``one_line``)."""
    return (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)


def _json_escape(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    if 0xD800 <= c <= 0xDFFF:  # a lone surrogate is not text: JSON must stay valid UTF-8 for every parser
        return "\\ufffd"
    if c >= 0x10000:  # JSON escapes astral characters as a surrogate pair
        c -= 0x10000
        return f"\\u{0xD800 + (c >> 10):04x}\\u{0xDC00 + (c & 0x3FF):04x}"
    return f"\\u{c:04x}"


def json_safe(text: str) -> str:
    """Serialised JSON with C1 controls, bidi and invisible characters escaped (json already escapes C0; the
    values read back unchanged) and lone surrogates replaced by U+FFFD: the bytes are always valid UTF-8."""
    return _UNSAFE_IN_JSON.sub(_json_escape, text)
