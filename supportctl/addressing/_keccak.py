"""Keccak-256 (the pre-NIST padding Ethereum uses) in pure Python, for the first few hashes of a run.

pycryptodome's keccak takes ~7 ms to import (its ctypes loader asks ``platform.architecture()``, which runs
``file`` on the interpreter), a twelfth of ``supportctl address``, which hashes one or two addresses. This one
costs ~0.3 ms a 136-byte block and nothing to import; ``_codec.keccak256`` uses it for a run's first hashes and
pycryptodome after. tests/addressing/test_keccak.py holds it to pycryptodome's digests.
"""

from __future__ import annotations

_ROUND_CONSTANTS = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)
# The rotation of lane x + 5y (rho), and where it goes (pi: (x, y) → (y, 2x + 3y)).
_ROTATIONS = (0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14)
_DESTINATIONS = tuple(y + 5 * ((2 * x + 3 * y) % 5) for y in range(5) for x in range(5))
_MASK = (1 << 64) - 1
RATE = 136  # bytes absorbed per permutation for a 256-bit digest


def _permute(a: list[int]) -> list[int]:
    """Keccak-f[1600] on 25 lanes of 64 bits."""
    mask = _MASK
    for constant in _ROUND_CONSTANTS:
        c = [a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] for x in range(5)]
        d = [c[x - 1] ^ (((c[(x + 1) % 5] << 1) | (c[(x + 1) % 5] >> 63)) & mask) for x in range(5)]
        b = [0] * 25
        for i in range(25):
            v = a[i] ^ d[i % 5]
            r = _ROTATIONS[i]
            b[_DESTINATIONS[i]] = (((v << r) | (v >> (64 - r))) & mask) if r else v
        a = [b[i] ^ (~b[(i + 1) % 5 + i - i % 5] & b[(i + 2) % 5 + i - i % 5]) for i in range(25)]
        a[0] ^= constant
    return a


def keccak256(data: bytes) -> bytes:
    padded = bytearray(data) + b"\x01" + bytes(-(len(data) + 1) % RATE)
    padded[-1] |= 0x80
    lanes = [0] * 25
    for start in range(0, len(padded), RATE):
        for i in range(RATE // 8):
            lanes[i] ^= int.from_bytes(padded[start + 8 * i : start + 8 * i + 8], "little")
        lanes = _permute(lanes)
    return b"".join(lane.to_bytes(8, "little") for lane in lanes[:4])
