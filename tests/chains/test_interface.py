"""The chain adapter contract: every built-in family is on it, and the registry keeps its rules."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest

import supportctl.chains
from supportctl.addressing import analyze
from supportctl.addressing.interface import FAMILIES, FAMILY_CHAINS, address_families
from supportctl.chains import interface, jsonrpc
from supportctl.chains.interface import Adapter, UnknownFamily
from supportctl.core.config import load
from supportctl.core.model import ChainKey, TxFacts
from supportctl.core.registry import CHAINS, ChainSpec, Family, register_chain, spec, unregister_chain
from supportctl.engine.session import Session

BUILT_IN = (Family.EVM, Family.BITCOIN, Family.TRON, Family.SOLANA, Family.XRP)
SIG = "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW"


def test_every_built_in_family_is_one_module_and_one_entry() -> None:
    assert interface.families()[: len(BUILT_IN)] == BUILT_IN
    for family in BUILT_IN:
        module = interface.ADAPTERS[family]
        assert module == f"supportctl.chains.{family}"
        adapter = interface.adapter(family)
        assert adapter.family is family and adapter is sys.modules[module].ADAPTER
        assert adapter.hash_hint and isinstance(adapter.tx_pattern, re.Pattern)


def test_every_chain_has_a_registered_family() -> None:
    assert {s.family for s in CHAINS.values()} <= set(interface.families())


@pytest.mark.parametrize(
    ("text", "families"),
    [
        ("0x" + "ab" * 32, {Family.EVM}),
        ("0X" + "AB" * 32, {Family.EVM}),
        ("ab" * 32, {Family.BITCOIN, Family.TRON, Family.XRP}),
        (SIG, {Family.SOLANA}),
        (SIG[:87], {Family.SOLANA}),
        ("0x" + "ab" * 31, set()),
        ("ab" * 31, set()),
        (SIG[:86], set()),
        (SIG[:-1] + "0", set()),  # 0 is not base58
        ("0x52908400098527886E0F7030069857D2E4169EE7", set()),  # an address
    ],
)
def test_tx_families_come_from_the_adapters_patterns(text: str, families: set[Family]) -> None:
    assert interface.tx_families(text) == families


def test_hints_and_probes_are_what_deposit_and_doctor_used() -> None:
    assert {f: interface.hash_hint(f) for f in BUILT_IN} == {
        Family.EVM: "an EVM transaction hash is 0x followed by 64 hex digits",
        Family.BITCOIN: "a Bitcoin transaction id is 64 hex digits",
        Family.TRON: "a Tron transaction id is 64 hex digits",
        Family.SOLANA: "a Solana signature is 87-88 base58 characters",
        Family.XRP: "an XRP transaction hash is 64 hex digits",
    }
    assert {f: interface.adapter(f).probe_tx for f in BUILT_IN} == {
        Family.EVM: "0x" + "00" * 32,
        Family.BITCOIN: "00" * 32,
        Family.TRON: "00" * 32,
        Family.XRP: "00" * 32,
        Family.SOLANA: "1" * 64,  # base58 of a 64-byte all-zero signature
    }


def test_only_evm_nodes_declare_how_they_tell_their_tip() -> None:
    probes = {f: interface.adapter(f).tip_probe for f in BUILT_IN}
    evm_probe = probes.pop(Family.EVM)
    assert evm_probe is not None and evm_probe.method == "eth_getBlockByNumber"
    assert set(probes.values()) == {None}
    assert jsonrpc.RpcFault is interface.RpcFault and jsonrpc.TipProbe is interface.TipProbe


def test_adapters_never_import_the_session() -> None:
    package = Path(supportctl.chains.__file__).parent
    for module in package.glob("*.py"):
        assert "core.session" not in module.read_text(encoding="utf-8"), module.name


def test_the_contract_and_every_adapter_load_without_httpx() -> None:
    code = ("import sys; from supportctl.engine.identify import tx_families; tx_families('ab' * 32); "
            "from supportctl.chains import interface; assert len(interface.adapters()) >= 5; "
            "print(sorted(m for m in ('httpx', 'asyncio', 'supportctl.engine.session') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_families_are_one_open_interned_vocabulary() -> None:
    assert Family("evm") is Family.EVM and Family.EVM == "evm" and str(Family.XRP) == "xrp"
    assert Family.BITCOIN.value == "bitcoin" and f"{Family.TRON}" == "tron"
    with pytest.raises(ValueError, match="lower-case identifier"):
        Family("Not A Family")


def test_registering_keeps_the_registry_honest() -> None:
    with pytest.raises(ValueError, match="registered already"):
        interface.register(Family.EVM, "somewhere.else")
    evm = interface.adapter(Family.EVM)
    with pytest.raises(ValueError, match="cannot be registered as"):
        interface.register(Family("elsewhere"), evm)
    with pytest.raises(UnknownFamily):
        interface.adapter(Family("nowhere"))
    with pytest.raises(UnknownFamily):
        interface.unregister(Family("nowhere"))
    with pytest.raises(ValueError, match="already names a known chain"):
        register_chain(spec(ChainKey("ethereum")))


def test_a_family_registered_by_module_name_is_imported_on_first_use(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "toy_adapter_module.py").write_text(
        "import re\nfrom supportctl.chains.interface import Adapter\nfrom supportctl.core.registry import Family\n"
        "async def lookup(clients, chain, tx):\n    raise NotImplementedError\n"
        "ADAPTER = Adapter(Family('modtoy'), re.compile('modtoy[0-9]{8}'), 'a modtoy id', 'modtoy00000000', lookup)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    interface.register(Family("modtoy"), "toy_adapter_module")
    try:
        assert "toy_adapter_module" not in sys.modules
        assert interface.tx_families("modtoy12345678") == {Family("modtoy")}
        assert isinstance(interface.adapter(Family("modtoy")), Adapter)
    finally:
        interface.unregister(Family("modtoy"))
        sys.modules.pop("toy_adapter_module", None)
    assert interface.tx_families("modtoy12345678") == set()


def test_a_chain_whose_family_has_no_adapter_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    nomad = ChainSpec(ChainKey("nomadnet"), "Nomad", Family("nomad"), "NMD", 8, "https://n.example/tx/{tx}",
                      "https://n.example/a/{address}", ("n.example",), (), 5.0)
    register_chain(nomad)
    try:
        cfg = tmp_path / "c.toml"
        cfg.write_text('defaults = false\n[chains.nomadnet]\nrpc = ["http://127.0.0.1:9"]\n')

        async def ask() -> tuple[TxFacts | None, str | None, str | None]:
            async with Session(load(cfg)) as session:
                lookup = await session.lookup(nomad.key, "x")
                health = await session.health(nomad.key)
            return lookup.facts, lookup.error, health.error

        why = "Nomad lookups are not supported yet"
        assert asyncio.run(ask()) == (None, why, why)
    finally:
        unregister_chain(nomad.key)


def test_address_families_follow_the_chains_not_a_bridge() -> None:
    assert address_families({Family.BITCOIN, Family.TRON, Family.XRP}) == {"bitcoin", "litecoin", "tron", "xrp"}
    assert address_families({Family.EVM}) == {"evm"} and address_families({Family.SOLANA}) == {"solana"}
    assert address_families(set()) == frozenset()
    assert set(FAMILIES) == set(FAMILY_CHAINS)
    for family, chains in FAMILY_CHAINS.items():
        assert {spec(ChainKey(c)).family for c in chains} <= set(interface.families()), family


@pytest.mark.parametrize(
    "address",
    [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",  # Bitcoin and Litecoin P2SH
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "LbfVMz974gbbGFqXF7FZUpSBWSbwBHDwR5",
        "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
        "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
        "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
    ],
)
def test_every_address_reading_is_in_the_vocabulary(address: str) -> None:
    result = analyze(address)
    assert result.matches, address
    for m in result.matches:
        assert m.family in FAMILIES and set(m.chains) <= set(FAMILY_CHAINS[m.family]), m
