"""XRP Ledger addresses: classic r-addresses and XLS-5d X-addresses (which also carry the destination tag).

Classic: base58check in the XRP alphabet of version 0x00 + 20-byte account ID.
X-address: base58check (XRP alphabet) of 31 bytes: prefix 0x05 0x44 (mainnet, "X…") or 0x04 0x93
(testnet, "T…"), the 20-byte account ID, a flag byte (0 = no tag, 1 = tag) and an 8-byte little-endian tag
field; tags above 2^32-1 are not valid (as in xrpl.js / xrpl-py `xaddress_to_classic_address`).
"""

from __future__ import annotations

from typing import NamedTuple

from ._codec import b58check_encode, b58decode, describe_char, near_base58, split_check
from .interface import INVALID_CHECKSUM, INVALID_FORMAT, AddressInfo, FamilyResult, Rejection, reject

FAMILY = "xrp"
CHAINS = ("xrp",)
MAX_TAG = 2**32 - 1
_X_PREFIXES = {b"\x05\x44": "mainnet", b"\x04\x93": "testnet"}
_SEED_VERSIONS = (b"\x21", b"\x01\xe1\x4b")  # secp256k1 family seed ("s…"), ed25519 seed ("sEd…")


class XAddress(NamedTuple):
    classic: str
    tag: int | None
    network: str


def encode_classic(account_id: bytes) -> str:
    if len(account_id) != 20:
        raise ValueError("an XRP account ID is 20 bytes")
    return b58check_encode(b"\x00" + account_id, xrp=True)


def decode_x_address(text: str) -> XAddress | Rejection | None:
    """Decode an X-address; a Rejection when it is shaped like one but invalid, None when it is not one."""
    if not 44 <= len(text) <= 50:
        return None
    raw = b58decode(text, xrp=True)
    if raw is None:
        return None
    payload, ok = split_check(raw)
    if text[0] not in ("X", "T"):
        if ok and len(raw) == 35:  # an X-address body with a wrong prefix (xrpl.js: "bad prefix")
            return _bad("it has the structure of an X-address but not its prefix (X… mainnet, T… testnet)", 2)
        return None
    if len(raw) != 35:
        return _bad(f"it decodes to {len(raw)} bytes instead of 35 (a character is missing or extra)", 2)
    if not ok:
        return reject(
            INVALID_CHECKSUM,
            FAMILY,
            "the X-address checksum does not match: a character was mistyped or swapped (case matters)",
            3 if text[0] == "X" else 2,
        )
    network = _X_PREFIXES.get(payload[:2])
    if network is None:
        return _bad("it is not an X-address: the prefix bytes are neither mainnet nor testnet", 2)
    flag, tag_bytes = payload[22], payload[23:31]
    tag = int.from_bytes(tag_bytes, "little")
    if flag == 0:
        if tag:
            return _bad("the X-address says 'no tag' but its tag field is not zero (corrupted)", 3)
        tag_value = None
    elif flag == 1:
        if tag > MAX_TAG:
            return _bad(f"the destination tag {tag} is larger than 2^32-1, the largest tag XRP allows", 3)
        tag_value = tag
    else:
        return _bad(f"unsupported X-address flag {flag} (64-bit tags are not supported by the XRP Ledger)", 3)
    return XAddress(encode_classic(payload[2:22]), tag_value, network)


def parse(text: str) -> FamilyResult:
    if text[:1] == "r" and 25 <= len(text) <= 35:
        return _parse_classic(text)
    if text[:1] == "s" and 25 <= len(text) <= 35:
        return _parse_seed(text)
    decoded = decode_x_address(text)
    if isinstance(decoded, XAddress):
        return [
            AddressInfo(FAMILY, CHAINS, decoded.network, "x-address", "valid", decoded.classic, decoded.tag)
        ]
    return decoded


def _parse_classic(text: str) -> FamilyResult:
    raw = b58decode(text, xrp=True)
    if raw is None:
        bad = near_base58(text)
        if bad is None:
            return None
        return _bad(
            f"it contains {describe_char(bad)}, which XRP addresses never use (0, O, I and l are not in "
            "the alphabet): probably a typo",
            2,
        )
    payload, ok = split_check(raw)
    if len(raw) == 25 and raw[0] == 0:
        if not ok:
            return reject(
                INVALID_CHECKSUM,
                FAMILY,
                "the checksum of this r-address does not match: a character was mistyped or swapped "
                "(case matters)",
                3,
            )
        return [AddressInfo(FAMILY, CHAINS, "mainnet", "classic", "valid", text)]
    if ok:
        return _bad(
            f"it is valid XRP base58check but carries {len(payload) - 1} bytes, not a 20-byte account ID", 2
        )
    return _bad("it is not a valid r-address (wrong length or a character missing/extra)", 2)


def _parse_seed(text: str) -> Rejection | None:
    raw = b58decode(text, xrp=True)
    if raw is None:
        return None
    payload, ok = split_check(raw)
    if ok and any(payload.startswith(v) and len(payload) == len(v) + 16 for v in _SEED_VERSIONS):
        return _bad(
            "this is an XRP SECRET KEY (seed), not an address: it gives full control of the account and "
            "must never be shared - treat it as compromised",
            3,
        )
    return None


def _bad(reason: str, strength: int) -> Rejection:
    return reject(INVALID_FORMAT, FAMILY, reason, strength)
