"""Tron addresses: base58check of 0x41 + 20 bytes (T…, 34 characters), or the same 21 bytes as hex (41…)."""

from __future__ import annotations

from ._codec import b58check_encode, b58decode, describe_char, is_hex, near_base58, split_check
from .interface import INVALID_CHECKSUM, INVALID_FORMAT, AddressInfo, FamilyResult, reject

FAMILY = "tron"
CHAINS = ("tron",)
PREFIX = 0x41


def from_hex(hex_address: str) -> str:
    """`41…` (42 hex, optionally `0x41…`) -> `T…`. Raises ValueError on anything else."""
    body = hex_address[2:] if hex_address[:2] in ("0x", "0X") else hex_address
    if len(body) != 42 or not is_hex(body) or body[:2] != "41":
        raise ValueError(f"not a Tron hex address: {hex_address!r}")
    return b58check_encode(bytes.fromhex(body))


def to_hex(address: str) -> str:
    """`T…` -> lowercase `41…`. Raises ValueError when the address is not a valid Tron address."""
    raw = b58decode(address)
    if raw is None or len(raw) != 25:
        raise ValueError(f"not a Tron address: {address!r}")
    payload, ok = split_check(raw)
    if not ok or payload[0] != PREFIX:
        raise ValueError(f"not a Tron address: {address!r}")
    return payload.hex()


def parse(text: str) -> FamilyResult:
    if len(text) == 42 and text[:2] == "41" and is_hex(text):
        normalized = b58check_encode(bytes.fromhex(text))
        return [AddressInfo(FAMILY, CHAINS, "mainnet", "hex", "none", normalized)]
    if text[:1] != "T" or not 30 <= len(text) <= 38:
        return None
    raw = b58decode(text)
    if raw is None:
        bad = near_base58(text)
        if bad is None:
            return None
        return reject(
            INVALID_FORMAT,
            FAMILY,
            f"it contains {describe_char(bad)}, which base58 addresses never "
            "use (0, O, I and l are excluded to avoid confusion): probably a typo",
            2,
        )
    if len(raw) != 25:
        return reject(
            INVALID_FORMAT,
            FAMILY,
            f"a Tron address has 34 characters; this one has {len(text)} (a character is missing or extra)",
            2,
        )
    payload, ok = split_check(raw)
    if payload[0] != PREFIX:
        return reject(
            INVALID_FORMAT,
            FAMILY,
            "it decodes with a version byte other than 0x41, so it is not a "
            "Tron address (a character is probably wrong)",
            2,
        )
    if not ok:
        return reject(
            INVALID_CHECKSUM,
            FAMILY,
            "the base58check checksum does not match: a character was mistyped or swapped "
            "(case matters in base58)",
            3,
        )
    return [AddressInfo(FAMILY, CHAINS, "mainnet", "base58check", "valid", text)]
