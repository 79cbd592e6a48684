"""Solana addresses: base58 (Bitcoin alphabet) of exactly 32 bytes, no checksum.

`kind` tells an ed25519 public key (a point on the curve: a wallet that can sign) from a program-derived
address (32 bytes off the curve: owned by a program, no private key). The test is the one Solana uses
(curve25519-dalek `CompressedEdwardsY::decompress`): y = the 255 low bits mod p, on the curve iff
(y^2 - 1) / (d*y^2 + 1) is a square mod p - one modular exponentiation.
"""

from __future__ import annotations

from ._codec import HEX_LETTERS, b58decode, describe_char, is_hex, near_base58
from .interface import INVALID_FORMAT, AddressInfo, FamilyResult, reject

FAMILY = "solana"
CHAINS = ("solana",)

_P = 2**255 - 19
_D = (-121665 * pow(121666, _P - 2, _P)) % _P


def is_on_curve(key: bytes) -> bool:
    """True when the 32 bytes decompress to an ed25519 point (same rule as Solana's `is_on_curve`)."""
    if len(key) != 32:
        return False
    y = int.from_bytes(key, "little") & ((1 << 255) - 1)
    y2 = y * y % _P
    u = (y2 - 1) % _P
    v = (_D * y2 + 1) % _P  # never 0: -1/d is not a square mod p
    x2 = u * pow(v, -1, _P) % _P  # the inverse by the extended Euclid algorithm: ~6x cheaper than v^(p-2)
    return x2 == 0 or pow(x2, (_P - 1) // 2, _P) == 1


def parse(text: str) -> FamilyResult:
    if not 32 <= len(text) <= 46 or (is_hex(text) and any(c in HEX_LETTERS for c in text)):
        return None  # hex strings (hashes, keys) are never read as Solana; "1111…" (all digits) still is
    raw = b58decode(text)
    if raw is None:
        bad = near_base58(text)
        if bad is None or text.islower() or text.isupper():
            return None  # single-case text is bech32 or hex, not a base58 key with a typo
        return reject(
            INVALID_FORMAT,
            FAMILY,
            f"it contains {describe_char(bad)}, which base58 never uses "
            "(0, O, I and l are excluded): not a valid Solana address, probably a typo",
            1,
        )
    if len(raw) != 32 or len(text) > 44:
        if 30 <= len(raw) <= 34:
            return reject(
                INVALID_FORMAT,
                FAMILY,
                f"it decodes to {len(raw)} bytes; a Solana address is exactly 32 "
                "(a character is missing or extra)",
                1,
            )
        return None
    kind = "ed25519_pubkey" if is_on_curve(raw) else "pda"
    return [AddressInfo(FAMILY, CHAINS, "mainnet", kind, "none", text)]
