"""Shared codec helpers: base58/base58check (via `base58`), bech32/bech32m (via `bech32`), keccak-256.

The libraries are imported inside the functions so that importing the package costs nothing.
`bech32` 1.2.0 (the BIP-173 reference code) knows only the bech32 constant; the BIP-350 bech32m variant is
the same polymod compared with a different constant, done here with the library's own polymod.
"""

from __future__ import annotations

import sys
from typing import Any, NamedTuple

BITCOIN_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
XRP_ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
BASE58_CHARS = frozenset(BITCOIN_ALPHABET)  # the XRP alphabet is a permutation of the same 58 characters
HEX_CHARS = frozenset("0123456789abcdefABCDEF")
HEX_LETTERS = frozenset("abcdefABCDEF")
# Characters base58 leaves out because they are easy to confuse; a typo'd address often contains one.
BASE58_EXCLUDED = frozenset("0OIl")

MAX_BASE58_LEN = 120  # longer strings are never an address; bounds the (quadratic) big-int decoding

BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32_CONST = 1
BECH32M_CONST = 0x2BC830A3
BECH32_MAX_LEN = 90


def is_base58(text: str) -> bool:
    return 0 < len(text) <= MAX_BASE58_LEN and all(c in BASE58_CHARS for c in text)


def is_hex(text: str) -> bool:
    return bool(text) and all(c in HEX_CHARS for c in text)


def near_base58(text: str) -> str | None:
    """The first excluded character (0 O I l) when `text` is base58 but for one or two of them, else None."""
    if not text.isascii() or not text.isalnum():
        return None
    bad = [c for c in text if c in BASE58_EXCLUDED]
    return bad[0] if 1 <= len(bad) <= 2 else None


def b58decode(text: str, *, xrp: bool = False) -> bytes | None:
    """Raw base58 decoding (no checksum), or None when `text` is not base58."""
    if not is_base58(text):
        return None
    import base58

    return base58.b58decode(text, alphabet=(base58.XRP_ALPHABET if xrp else base58.BITCOIN_ALPHABET))


def b58encode(data: bytes, *, xrp: bool = False) -> str:
    import base58

    alphabet = base58.XRP_ALPHABET if xrp else base58.BITCOIN_ALPHABET
    return base58.b58encode(data, alphabet=alphabet).decode("ascii")


def sha256d(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def split_check(raw: bytes) -> tuple[bytes, bool]:
    """Split base58check bytes into (payload, checksum_ok)."""
    if len(raw) < 5:
        return raw, False
    payload, check = raw[:-4], raw[-4:]
    return payload, sha256d(payload)[:4] == check


def b58check_encode(payload: bytes, *, xrp: bool = False) -> str:
    import base58

    alphabet = base58.XRP_ALPHABET if xrp else base58.BITCOIN_ALPHABET
    return base58.b58encode_check(payload, alphabet=alphabet).decode("ascii")


_PURE_HASHES = 8  # a run's first hashes (of short inputs) are done in pure Python: pycryptodome takes ~7 ms to load


def keccak256(data: bytes) -> bytes:
    global _PURE_HASHES
    if _PURE_HASHES > 0 and len(data) < 512 and "Crypto.Hash.keccak" not in sys.modules:
        _PURE_HASHES -= 1
        from ._keccak import keccak256 as pure

        return pure(data)
    keccak = _keccak_module()
    digest: bytes = keccak.new(digest_bits=256, data=data).digest()
    return digest


def _keccak_module() -> Any:
    """pycryptodome's keccak, on its ctypes backend: when cffi is installed (ccxt's cryptography brings it),
    pycryptodome loads it with pycparser, which costs ~30 ms on every ``supportctl address``. Hiding cffi for
    the first import makes pycryptodome take its ctypes path (same C code, same results)."""
    if "Crypto.Util._raw_api" in sys.modules or "cffi" in sys.modules:
        from Crypto.Hash import keccak

        return keccak
    sys.modules["cffi"] = None  # type: ignore[assignment]  # an ImportError for pycryptodome's probe
    try:
        from Crypto.Hash import keccak
    finally:
        del sys.modules["cffi"]
    return keccak


def describe_char(c: str) -> str:
    """'o' for printable ASCII, otherwise the code point (look-alike letters and invisible characters)."""
    if " " < c <= "~":
        return repr(c)
    return f"U+{ord(c):04X}"


class Bech32(NamedTuple):
    """A bech32 string split into parts; `spec` is "bech32", "bech32m" or None (checksum matches neither)."""

    hrp: str
    data: tuple[int, ...]  # 5-bit groups, checksum removed
    spec: str | None


def bech32_check(hrp: str, data_part: str) -> Bech32 | str:
    """Verify the lowercase data part (after the '1') of a bech32 string; an error sentence on bad chars."""
    from bech32 import bech32_hrp_expand, bech32_polymod

    for i, c in enumerate(data_part):
        if c not in BECH32_CHARSET:
            where = "checksum" if i >= len(data_part) - 6 else "data"
            return f"it contains {describe_char(c)}, which is not a bech32 character (in the {where} part)"
    if len(data_part) < 6:
        return "the part after the '1' is shorter than the 6-character checksum"
    values = [BECH32_CHARSET.index(c) for c in data_part]
    polymod = bech32_polymod(bech32_hrp_expand(hrp) + values)
    spec = "bech32" if polymod == BECH32_CONST else "bech32m" if polymod == BECH32M_CONST else None
    return Bech32(hrp, tuple(values[:-6]), spec)


def bech32_split(text: str) -> Bech32 | str | None:
    """Generic bech32 decoding of a string of unknown prefix: None when it is not bech32-shaped at all."""
    if not text or len(text) > BECH32_MAX_LEN or any(not (" " < c <= "~") for c in text):
        return None
    if text.lower() != text and text.upper() != text:
        return None
    low = text.lower()
    pos = low.rfind("1")
    if pos < 1 or len(low) - pos - 1 < 6:
        return None
    return bech32_check(low[:pos], low[pos + 1 :])


def convertbits(data: tuple[int, ...] | bytes, frombits: int, tobits: int, pad: bool) -> list[int] | None:
    from bech32 import convertbits as _convertbits

    return _convertbits(data, frombits, tobits, pad)


def bech32_encode(hrp: str, data: list[int], spec: str) -> str:
    """Encode 5-bit `data` with a bech32 or bech32m checksum (used to re-encode, e.g. in tests)."""
    from bech32 import bech32_hrp_expand, bech32_polymod

    const = BECH32M_CONST if spec == "bech32m" else BECH32_CONST
    polymod = bech32_polymod(bech32_hrp_expand(hrp) + data + [0] * 6) ^ const
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32_CHARSET[d] for d in data + checksum)
