"""A chain family added from outside supportctl: this module is the whole of it.

One adapter registered through the contract (``chains.interface.register``) and one chain registered with
``registry.register_chain``; then the real command line reads it — ``deposit`` with and without ``--chain``,
``diagnose`` finding its hash in a ticket, ``doctor`` asking its ``health`` — with no edit to any supportctl
module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supportctl.addressing.interface import AddressInfo, FamilyResult
from supportctl.chains import interface
from supportctl.chains.interface import Adapter, ChainAdapter, Clients, Health
from supportctl.core.model import ChainKey, Kind, Subject, Transfer, TxFacts, TxStatus
from supportctl.core.registry import ChainSpec, Family, chain_key, register_chain, spec, unregister_chain
from supportctl.engine.identify import identify, parse_tx

TOY = Family("toy")
TOYNET = ChainKey("toynet")
TX = "toy" + "5c" * 20  # a toy transaction id: "toy" and 40 hex digits
UNKNOWN_TX = "toy" + "ee" * 20
PROBE = "toy" + "00" * 20
SENDER, RECEIVER = "toyalice", "toybob"


async def _lookup(clients: Clients, chain: ChainKey, tx: str) -> TxFacts:
    """A toy node: it knows one transaction, ten blocks deep. What it is handed is the contract's
    ``Clients``: the configuration (and, were it a real node, the chain's RPC and REST clients)."""
    confirmations = clients.config.chain(chain).confirmations
    common: dict[str, Any] = {"chain": chain, "tx_hash": tx, "source": "toy-node", "tip": 110, "tip_age": 5.0}
    if tx != TX:
        return TxFacts(status=TxStatus.NOT_FOUND, **common)
    transfer = Transfer(sender=SENDER, to=RECEIVER, raw=2_500_000, decimals=6, symbol="TOY")
    assert confirmations == 3
    return TxFacts(status=TxStatus.SUCCESS, block=101, block_time=1.0, sender=SENDER, tx_to=RECEIVER,
                   transfers=(transfer,), **common)


def _parse_address(text: str) -> FamilyResult:
    """Toy addresses: "toy" and a lowercase name; valid on every chain of the toy family."""
    if re.fullmatch(r"toy[a-z]{2,20}", text):
        return [AddressInfo(str(TOY), (TOYNET,), "mainnet", "toy", "none", text)]
    return None


TOY_ADAPTER: ChainAdapter = Adapter(
    family=TOY,
    tx_pattern=re.compile(r"toy[0-9a-f]{40}"),
    hash_hint="a toy transaction id is toy followed by 40 hex digits",
    probe_tx=PROBE,
    lookup=_lookup,
    parse_address=_parse_address,
)
TOY_CHAIN = ChainSpec(TOYNET, "Toy Net", TOY, "TOY", 6, "https://toyscan.example/tx/{tx}",
                      "https://toyscan.example/address/{address}", ("toyscan.example",), ("toy chain",), 1.0)


@pytest.fixture
def toy(tmp_path: Path) -> Iterator[str]:
    """The toy family and its chain registered; the path of a config that names only the toy chain."""
    interface.register(TOY, TOY_ADAPTER)
    register_chain(TOY_CHAIN)
    config = tmp_path / "toy.toml"
    config.write_text('defaults = false\n[chains.toynet]\nrpc = ["http://127.0.0.1:9"]\nconfirmations = 3\n'
                      '[[assets]]\ncurrency = "TOY"\nchain = "toynet"\ndecimals = 6\nmin_deposit = "1"\n')
    try:
        yield str(config)
    finally:
        unregister_chain(TOYNET)
        interface.unregister(TOY)


def test_the_toy_family_is_known_through_the_contract_alone(toy: str) -> None:
    assert TOY in interface.families() and interface.adapter(TOY) is TOY_ADAPTER
    assert interface.tx_families(TX) == {TOY} and interface.hash_hint(TOY).startswith("a toy transaction id")
    assert chain_key("Toy Chain") == TOYNET and spec(TOYNET).family is TOY
    assert parse_tx(TX) == (TX, None)
    assert parse_tx(f"https://toyscan.example/tx/{TX}") == (TX, TOYNET)
    assert identify(f"my deposit {TX} has not arrived") == [Subject(Kind.DEPOSIT, TX)]


def test_deposit_of_a_toy_transaction(cli: Any, toy: str) -> None:
    """Every check the chain's facts decide passes; the recipient stays `unknown` (no ``--to``: see below)."""
    for args in (("--chain", "toynet"), ()):
        r = cli("--config", toy, "--format", "json", "deposit", TX, *args)
        out = json.loads(r.out)
        assert r.code == 3 and out["verdict"] == "unknown", (r.out, r.err)
        assert {f["check"]: f["severity"] for f in out["findings"]} == {
            "DEP001": "ok", "DEP003": "ok", "DEP004": "unknown", "DEP005": "ok", "DEP006": "ok"}
        facts = out["facts"]
        assert (facts["chain"], facts["status"], facts["confirmations"], facts["source"]) == (
            "toynet", "success", 10, "toy-node")
        assert facts["explorer_url"] == f"https://toyscan.example/tx/{TX}"


def test_deposit_to_a_toy_address(cli: Any, toy: str) -> None:
    """The family's address format came with its adapter: --to is checked against it, and the deposit is judged."""
    r = cli("--config", toy, "--format", "json", "deposit", TX, "--to", RECEIVER)
    assert r.code == 0 and json.loads(r.out)["verdict"] == "confirmed", (r.out, r.err)
    r = cli("--config", toy, "--format", "json", "deposit", TX, "--to", "0x52908400098527886E0F7030069857D2E4169EE7")
    assert r.code == 2 and "--to" in r.err  # an address of another family cannot be paid by a toy transaction


def test_a_toy_transaction_the_node_does_not_know(cli: Any, toy: str) -> None:
    r = cli("--config", toy, "--format", "json", "deposit", UNKNOWN_TX, "--chain", "toynet")
    assert json.loads(r.out)["verdict"] == "not_found", r.out


def test_diagnose_finds_the_toy_hash_in_a_ticket(cli: Any, toy: str) -> None:
    r = cli("--config", toy, "--format", "json", "diagnose", f"hi, I sent TOY: {TX} — where is it?")
    (ticket,) = [json.loads(line) for line in r.out.splitlines()]
    (item,) = ticket["items"]
    out = item["diagnosis"]
    assert out["subject"]["input"] == TX and item["role"] == "deposit", out
    assert out["facts"]["source"] == "toy-node" and out["facts"]["status"] == "success", out


def test_doctor_asks_the_toy_adapters_health(cli: Any, toy: str) -> None:
    r = cli("--config", toy, "--format", "json", "doctor")
    (probe,) = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and probe["source"] == "toynet" and probe["ok"], r.out
    assert probe["detail"].startswith("tip 110"), probe


def test_an_adapter_may_define_its_own_health(cli: Any, toy: str) -> None:
    class Stale:
        """Any object that meets the contract will do: here one whose node is an hour behind."""

        family, tx_pattern, hash_hint, probe_tx, tip_probe = TOY, re.compile("toy[0-9a-f]{40}"), "toy", PROBE, None
        lookup = staticmethod(_lookup)

        async def health(self, clients: Clients, chain: ChainKey) -> Health:
            return Health("toy-node", 50, 3600.0)

    stale: ChainAdapter = Stale()
    interface.unregister(TOY)
    interface.register(TOY, stale)
    r = cli("--config", toy, "doctor")
    assert r.code == 3 and r.out.startswith("toynet\n  FAIL ") and "stale" in r.out, r.out  # grouped by chain
    assert r.out.rstrip().endswith("1 of 1 endpoint reachable, 0 healthy; no healthy endpoint for toynet")


def test_a_hash_of_another_family_named_for_the_toy_chain_gets_the_toy_hint(cli: Any, toy: str) -> None:
    r = cli("--config", toy, "deposit", "ab" * 32, "--chain", "toynet")
    assert r.code == 2 and "toy followed by 40 hex digits" in r.err, r.err
