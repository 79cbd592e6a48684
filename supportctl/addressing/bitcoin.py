"""Bitcoin and Litecoin addresses: base58check (p2pkh/p2sh) and segwit bech32 (v0) / bech32m (v1+).

Segwit rules per BIP-173 (bech32, witness v0) and BIP-350 (bech32m, witness v1+).

Version bytes and bech32 prefixes per Bitcoin Core and Litecoin Core `chainparams.cpp`; signet and regtest
count as "testnet". Litecoin keeps accepting Bitcoin's 0x05 (3…) script prefix on mainnet and shares 0x6f/0xc4
with Bitcoin's testnets, so such strings are valid on both chains and yield two readings.
"""

from __future__ import annotations

from typing import NamedTuple

from ._codec import (
    BECH32_MAX_LEN,
    Bech32,
    b58decode,
    bech32_check,
    convertbits,
    describe_char,
    near_base58,
    split_check,
)
from .interface import INVALID_CHECKSUM, INVALID_FORMAT, AddressInfo, FamilyResult, Rejection, reject

# version byte -> [(family, network, kind)]
_BASE58_VERSIONS: dict[int, list[tuple[str, str, str]]] = {
    0x00: [("bitcoin", "mainnet", "p2pkh")],
    0x05: [("bitcoin", "mainnet", "p2sh"), ("litecoin", "mainnet", "p2sh")],
    0x6F: [("bitcoin", "testnet", "p2pkh"), ("litecoin", "testnet", "p2pkh")],
    0xC4: [("bitcoin", "testnet", "p2sh"), ("litecoin", "testnet", "p2sh")],
    0x30: [("litecoin", "mainnet", "p2pkh")],
    0x32: [("litecoin", "mainnet", "p2sh")],
    0x3A: [("litecoin", "testnet", "p2sh")],
}
# WIF private keys: never an address, and worth a loud warning when pasted into a ticket.
_WIF_VERSIONS = {0x80: "Bitcoin", 0xEF: "Bitcoin testnet", 0xB0: "Litecoin"}

# bech32 human-readable part -> (family, network); longest first so "bcrt" wins over "bc"
SEGWIT_HRPS: dict[str, tuple[str, str]] = {
    "bcrt": ("bitcoin", "testnet"),
    "tltc": ("litecoin", "testnet"),
    "rltc": ("litecoin", "testnet"),
    "ltc": ("litecoin", "mainnet"),
    "bc": ("bitcoin", "mainnet"),
    "tb": ("bitcoin", "testnet"),
}
# first characters of base58 addresses (for guessing the family of a broken one)
_BASE58_FIRST = {
    "1": "bitcoin",
    "3": "bitcoin",
    "m": "bitcoin",
    "n": "bitcoin",
    "2": "bitcoin",
    "L": "litecoin",
    "M": "litecoin",
    "Q": "litecoin",
}


class Decoded(NamedTuple):
    info: AddressInfo
    script_pubkey: bytes


def parse(text: str) -> FamilyResult:
    result = decode(text)
    if isinstance(result, list):
        return [d.info for d in result]
    return result


def script_pubkey(address: str) -> bytes | None:
    """The output script an address pays to (the same for every reading), or None when it is not valid."""
    result = decode(address.strip())
    return result[0].script_pubkey if isinstance(result, list) and result else None


def decode(text: str) -> list[Decoded] | Rejection | None:
    hrp = segwit_hrp(text)
    if hrp is not None:
        return _decode_segwit(text, hrp)
    return _decode_base58(text)


def segwit_hrp(text: str) -> str | None:
    low = text.lower()
    return next((h for h in SEGWIT_HRPS if low.startswith(h + "1")), None)


def bech32_shaped(text: str) -> bool:
    """True when `text` looks like a segwit address of ours whether or not its checksum verifies.

    A known prefix (bc/tb/bcrt/ltc/tltc/rltc) and "1", then only ASCII letters and digits, all in one case
    (all lowercase or all uppercase, as BIP-173 allows). Such a string is a Bitcoin/Litecoin address, valid or
    corrupted, and never another family's: an uppercase one is also base58 and may decode to 32 bytes, but it
    is not a Solana key.
    """
    hrp = segwit_hrp(text)
    if hrp is None or len(text) <= len(hrp) + 1 or not (text.isascii() and text.isalnum()):
        return False
    return text.islower() or text.isupper()


def _decode_segwit(text: str, hrp: str) -> list[Decoded] | Rejection:
    family, network = SEGWIT_HRPS[hrp]
    name = family.capitalize()
    odd = next((c for c in text if not (" " < c <= "~")), None)
    if odd is not None:
        return _bad(family, f"it contains {describe_char(odd)}, which never appears in a {name} address")
    if text.lower() != text and text.upper() != text:
        return _bad(family, "bech32 addresses must be all lowercase or all uppercase; this one mixes both")
    if len(text) > BECH32_MAX_LEN:
        return _bad(
            family, f"it is {len(text)} characters long; a bech32 address has at most {BECH32_MAX_LEN}"
        )
    low = text.lower()
    checked = bech32_check(hrp, low[len(hrp) + 1 :])
    if isinstance(checked, str):
        return _bad(family, checked)
    return _segwit_program(checked, family, network, low)


def _bad(family: str, reason: str, verdict: str = INVALID_FORMAT) -> Rejection:
    return reject(verdict, family, reason, 3)


def _segwit_program(dec: Bech32, family: str, network: str, low: str) -> list[Decoded] | Rejection:
    def bad(reason: str, verdict: str = INVALID_FORMAT) -> Rejection:
        return _bad(family, reason, verdict)

    if dec.spec is None:
        return bad(
            "the bech32 checksum does not match: a character was mistyped, or the address was cut short",
            INVALID_CHECKSUM,
        )
    if not dec.data:
        return bad("the data part is empty (no witness version or program)")
    version = dec.data[0]
    if version > 16:
        return bad(f"witness version {version} does not exist (0-16)")
    program = convertbits(dec.data[1:], 5, 8, False)
    if program is None:
        return bad("the witness program has invalid padding (corrupted or truncated address)")
    if not 2 <= len(program) <= 40:
        return bad(f"the witness program is {len(program)} bytes; it must be 2-40 bytes")
    if version == 0 and len(program) not in (20, 32):
        return bad(f"a version-0 witness program must be 20 or 32 bytes, this one is {len(program)}")
    if version == 0 and dec.spec != "bech32":
        return bad(
            "a witness v0 address must use the bech32 checksum (BIP-173), this one uses bech32m",
            INVALID_CHECKSUM,
        )
    if version > 0 and dec.spec != "bech32m":
        return bad(
            f"a witness v{version} address must use the bech32m checksum (BIP-350); this one uses the "
            "old bech32 checksum",
            INVALID_CHECKSUM,
        )
    if version == 0:
        kind = "p2wpkh" if len(program) == 20 else "p2wsh"
    elif version == 1 and len(program) == 32:
        kind = "p2tr"
    else:
        kind = f"witness_v{version}"
    script = bytes([version + 0x50 if version else 0, len(program)]) + bytes(program)
    info = AddressInfo(family, (family,), network, kind, "valid", low)
    return [Decoded(info, script)]


def _decode_base58(text: str) -> list[Decoded] | Rejection | None:
    if not 25 <= len(text) <= 60:
        return None
    raw = b58decode(text)
    if raw is None:
        return _near_base58(text)
    payload, ok = split_check(raw)
    if len(raw) == 25:
        readings = _BASE58_VERSIONS.get(raw[0])
        if readings is None:
            return None  # another chain's version byte (Tron is 0x41); not ours
        first_family = readings[0][0]
        if not ok:
            return reject(
                INVALID_CHECKSUM,
                first_family,
                "the base58check checksum does not match: a character was mistyped or swapped "
                "(case matters in base58)",
                3,
            )
        h = payload[1:]
        out = []
        for fam, network, kind in readings:
            script = b"\x76\xa9\x14" + h + b"\x88\xac" if kind == "p2pkh" else b"\xa9\x14" + h + b"\x87"
            out.append(Decoded(AddressInfo(fam, (fam,), network, kind, "valid", text), script))
        return out
    wif_shape = len(payload) == 33 or (
        len(payload) == 34 and payload[-1] == 0x01
    )  # uncompressed / compressed
    if ok and wif_shape and payload[0] in _WIF_VERSIONS:
        coin = _WIF_VERSIONS[payload[0]]
        return reject(
            INVALID_FORMAT,
            "litecoin" if coin == "Litecoin" else "bitcoin",
            f"this is a {coin} PRIVATE KEY (WIF), not an address: it gives full control of the funds "
            "and must never be shared - treat it as compromised",
            3,
        )
    family = _BASE58_FIRST.get(text[0])
    if family is not None and 26 <= len(text) <= 35:
        return reject(
            INVALID_FORMAT,
            family,
            f"it decodes to {len(raw)} bytes instead of 25: a character is missing or extra",
            2,
        )
    return None


def _near_base58(text: str) -> Rejection | None:
    family = _BASE58_FIRST.get(text[0])
    bad = near_base58(text)
    if family is None or bad is None or not 26 <= len(text) <= 35:
        return None
    return reject(
        INVALID_FORMAT,
        family,
        f"it contains {describe_char(bad)}, which base58 addresses never use "
        "(0, O, I and l are excluded to avoid confusion): probably a typo",
        2,
    )
