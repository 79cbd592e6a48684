"""Every address vector in tests/addressing/vectors_*.json must be classified as its source says.

Each entry keeps its `source`; entries with `derived: true` are our labelled mutations of a real vector.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from supportctl.addressing import EVM_CHAINS, analyze, find_candidates
from supportctl.addressing.bitcoin import script_pubkey

HERE = Path(__file__).parent
CHAINS = {
    "evm": EVM_CHAINS,
    "bitcoin": ("bitcoin",),
    "litecoin": ("litecoin",),
    "tron": ("tron",),
    "solana": ("solana",),
    "xrp": ("xrp",),
}
GENERIC_FILES = [
    "vectors_bip173_350_eip55.json",
    "vectors_evm.json",
    "vectors_litecoin.json",
    "vectors_tron.json",
    "vectors_solana.json",
    "vectors_xrp.json",
]


def _load(name: str) -> Any:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def _generic() -> list[Any]:
    params = []
    for name in GENERIC_FILES:
        for i, entry in enumerate(_load(name)["entries"]):
            params.append(pytest.param(entry, id=f"{name[8:-5]}-{i}-{entry['address'][:24]}"))
    return params


CORE = _load("vectors_bitcoin_core.json")


def _check_valid(entry: dict[str, Any]) -> None:
    result = analyze(entry["address"])
    expect = entry["expect"]
    family = expect["family"]
    assert result.error is None, result.error
    readings = [m for m in result.matches if m.family == family]
    assert len(readings) == 1, result.matches
    info = readings[0]
    assert info.chains == CHAINS[family]
    for key in ("network", "kind", "checksum", "normalized", "tag"):
        if key in expect:
            assert getattr(info, key) == expect[key], (key, info)
    assert sorted(m.family for m in result.matches) == sorted(expect.get("families", [family]))
    if info.kind != "x-address":
        assert info.tag is None
    if "script_pubkey" in entry:
        assert (script_pubkey(entry["address"]) or b"").hex() == entry["script_pubkey"]
    if "expected_scriptpubkey" in entry:
        assert (script_pubkey(entry["address"]) or b"").hex() == entry["expected_scriptpubkey"]


def _check_invalid(entry: dict[str, Any]) -> None:
    result = analyze(entry["address"])
    expect = entry["expect"]
    assert result.matches == (), result.matches
    assert result.error is not None
    if "verdict" in expect:
        assert result.error.verdict == expect["verdict"], result.error
    if "family" in expect:
        assert result.error.family == expect["family"], result.error
    if "reason_contains" in expect:
        assert expect["reason_contains"] in result.error.reason, result.error
    assert result.error.reason and "could not be analysed" not in result.error.reason


@pytest.mark.parametrize("entry", _generic())
def test_vector(entry: dict[str, Any]) -> None:
    if entry["valid"]:
        _check_valid(entry)
    else:
        _check_invalid(entry)


@pytest.mark.parametrize("entry", CORE["valid"], ids=lambda e: e["address"][:30])
def test_bitcoin_core_valid(entry: dict[str, Any]) -> None:
    address = entry["address"]
    spellings = [address]
    if entry["metadata"].get("tryCaseFlip"):  # Core also checks the all-uppercase spelling of bech32
        spellings.append(address.upper())
    for spelling in spellings:
        result = analyze(spelling)
        btc = [m for m in result.matches if m.family == "bitcoin"]
        assert len(btc) == 1 and result.error is None, result
        assert btc[0].network == entry["network"]
        assert btc[0].checksum == "valid"
        assert btc[0].normalized == (address.lower() if address[:2].lower() in ("bc", "tb") else address)
        assert (script_pubkey(spelling) or b"").hex() == entry["script_pubkey"]
        shared = address[0] in "3mn2"  # 0x05 / 0x6f / 0xc4 are Litecoin prefixes too
        assert sorted(m.family for m in result.matches) == (
            ["bitcoin", "litecoin"] if shared else ["bitcoin"]
        )
        kind = btc[0].kind
        spk = entry["script_pubkey"]
        if spk.startswith("76a914"):
            assert kind == "p2pkh"
        elif spk.startswith("a914"):
            assert kind == "p2sh"
        elif spk.startswith("0014"):
            assert kind == "p2wpkh"
        elif spk.startswith("0020"):
            assert kind == "p2wsh"
        elif spk.startswith("5120"):
            assert kind == "p2tr"
        else:
            assert kind == f"witness_v{int(spk[:2], 16) - 0x50}"


@pytest.mark.parametrize("entry", CORE["invalid"], ids=lambda e: e["address"][:30] or "empty")
def test_bitcoin_core_invalid(entry: dict[str, Any]) -> None:
    result = analyze(entry["address"])
    # invalid as a Bitcoin address on every chain; none of them happens to be valid for another family either
    assert result.matches == ()
    assert result.error is not None and "could not be analysed" not in result.error.reason


@pytest.mark.parametrize("entry", CORE["private_keys"], ids=lambda e: e["address"][:12])
def test_private_key_is_flagged(entry: dict[str, Any]) -> None:
    result = analyze(entry["address"])
    assert result.matches == ()
    assert result.error is not None and result.error.family == "bitcoin"
    assert "PRIVATE KEY" in result.error.reason


def _valid_addresses() -> list[str]:
    out = [e["address"] for e in CORE["valid"]]
    for name in GENERIC_FILES:
        out += [e["address"] for e in _load(name)["entries"] if e["valid"]]
    return out


def test_every_valid_vector_is_found_in_free_text() -> None:
    for address in _valid_addresses():
        text = f"Hi, I sent 0.5 to {address}, but nothing arrived (see https://explorer/x/{address})."
        assert find_candidates(text) == [address, address], address
