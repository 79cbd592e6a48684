"""EVM addresses (Ethereum and the other EVM chains): 0x + 40 hex, EIP-55 mixed-case checksum."""

from __future__ import annotations

from ._codec import describe_char, is_hex, keccak256
from .interface import EVM_CHAINS, INVALID_CHECKSUM, INVALID_FORMAT, AddressInfo, FamilyResult, reject

FAMILY = "evm"


def to_checksum_address(address: str) -> str:
    """EIP-55 spelling of `0x` + 40 hex (any case). Raises ValueError on anything else."""
    body = address[2:] if address[:2] in ("0x", "0X") else address
    if len(body) != 40 or not is_hex(body):
        raise ValueError(f"not a 20-byte hex address: {address!r}")
    lower = body.lower()
    digest = keccak256(lower.encode("ascii")).hex()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(h, 16) >= 8 else c for c, h in zip(lower, digest[:40], strict=True)
    )


def parse(text: str) -> FamilyResult:
    if text[:2] not in ("0x", "0X"):
        if len(text) == 40 and is_hex(text):
            return reject(
                INVALID_FORMAT,
                FAMILY,
                "40 hex characters without the 0x prefix: an EVM address "
                "must start with 0x (check the whole address was copied)",
                2,
            )
        return None
    body = text[2:]
    if text[:2] == "0X":
        return reject(INVALID_FORMAT, FAMILY, "an EVM address starts with a lowercase '0x', not '0X'", 3)
    bad = next((c for c in body if not is_hex(c)), None)
    if bad is not None:
        return reject(
            INVALID_FORMAT,
            FAMILY,
            f"it contains {describe_char(bad)}, which is not a hex digit "
            "(an EVM address is 0x followed by 40 characters 0-9/a-f)",
            3,
        )
    if len(body) != 40:
        family = "tron" if len(body) == 42 and body[:2] == "41" else FAMILY
        return reject(INVALID_FORMAT, family, _length_reason(body), 3)
    normalized = to_checksum_address(text)
    if body == body.lower() or body == body.upper():
        return [AddressInfo(FAMILY, EVM_CHAINS, "mainnet", "unchecksummed", "none", normalized)]
    if "0x" + body == normalized:
        return [AddressInfo(FAMILY, EVM_CHAINS, "mainnet", "eip55", "valid", normalized)]
    return reject(
        INVALID_CHECKSUM,
        FAMILY,
        "EIP-55 checksum does not match: the mixed upper/lower case is wrong, "
        "so a character was probably changed (typo?) - do not send to it",
        3,
    )


def _length_reason(body: str) -> str:
    n = len(body)
    if n == 64:
        return (
            "0x + 64 hex digits is a 32-byte value (a transaction hash, block hash or private key), "
            "not an address (0x + 40)"
        )
    if n == 42 and body[:2] == "41":
        return "0x41 + 40 hex digits is a Tron hex address written with an 0x prefix, not an EVM address"
    if 36 <= n <= 44:
        diff = n - 40
        return (
            f"it has {n} hex digits after 0x instead of 40 "
            f"({abs(diff)} character{'s' if abs(diff) > 1 else ''} {'extra' if diff > 0 else 'missing'})"
        )
    return f"it has {n} hex digits after 0x; an EVM address has exactly 40"
