"""Solana adapter: recorded JSON-RPC answers replayed through the real command line and the real HTTP client.

Bodies live in data/solana/responses.json with their sources. The answers a test makes up around them (the
signature status, the current slot) are written here, next to the test that needs them, and say so.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from supportctl.core.config import load
from supportctl.core.model import ChainKey, TxFacts, TxStatus
from supportctl.engine.session import Session

DATA = json.loads((Path(__file__).parent / "data" / "solana" / "responses.json").read_text("utf-8"))
DATA = DATA["entries"]
URL = "https://solana.test"

SOL_SIG = "5QMfuqThWSMMpLCRe3tk7qn7iSwWKfJV8EvD1ZPvyqAWa7Z2JftZ4rPq8YCxCwzSykX7dMkDB8RrovQMoL9ZZWKY"
SOL_TO = "2b7iQq3PbWwWTotRSDFNXT9DauU418aCHK4jcAzETUem"
SPL_SIG = "2S2rTZjaqzxYRw9mnqzwtyqitKtSsnE8GVqLn1KrD5R2YpXZnU4GdjppsgfSAbrzJfaqadfi8CtrqEBy588WVQ3E"
SPL_OWNER = "3i476kTBBTy7pBGx4CXwJpJ6phuwLQgcwLTdHhU3c7ui"
SPL_ATA = "H51DXRt3ubThhdhNeDMScfkbC5X4AWzYfHaZS3JKEfPh"
USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
LUT_SIG = "2CxNRsyRT7y88GBwvAB3hRg8wijMSZh3VNYXAdUesGSyvbRJbRR2q9G1KSEpQENmXHmmMLHiXumw4dp8CvzQMjrM"
KISS_SIG = "5GkSm41sEeE72H2tVnpV8SRgz6476ikz6T2x7ANJ6btGbK1zzKa1523Tf7nkGm88b7tCA4zoHXiDqGDUqD3AAm8D"
# The failed transaction's fixture does not carry its signature: any well-formed one asks the same question.
FAILED_SIG = "4" * 88

CONFIG = f"""
defaults = false

[chains.solana]
rpc = ["{URL}"]
confirmations = 32

[[assets]]
currency = "SOL"
chain = "solana"
decimals = 9
min_deposit = "0.0001"

[[assets]]
currency = "USDC"
chain = "solana"
contract = "{USDC}"
decimals = 6
min_deposit = "0.0001"
"""


def ok(result: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "result": result, "id": 1}


def status(slot: int, level: str, err: Any = None) -> dict[str, Any]:
    """A getSignatureStatuses answer (made up here, in the shape of the docs' example entry)."""
    entry = {"slot": slot, "confirmations": None if level == "finalized" else 0, "err": err,
             "status": {"Ok": None} if err is None else {"Err": err}, "confirmationStatus": level}
    return ok({"context": {"slot": slot + 40}, "value": [entry]})


NO_STATUS = ok({"context": {"slot": 300000000}, "value": [None]})


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    path = tmp_path / "supportctl.toml"
    path.write_text(CONFIG, "utf-8")
    return str(path)


class Node:
    """A Solana RPC endpoint answering JSON-RPC batches from canned bodies, keyed by method."""

    def __init__(self, router: respx.MockRouter, answers: dict[str, dict[str, Any]]) -> None:
        self.answers = answers
        self.batches: list[list[dict[str, Any]]] = []
        self.route = router.post(URL).mock(side_effect=self.reply)

    def reply(self, request: httpx.Request) -> httpx.Response:
        calls = json.loads(request.content)
        self.batches.append(calls)
        out = []
        for call in calls:
            body = copy.deepcopy(self.answers[call["method"]])
            body["id"] = call["id"]
            out.append(body)
        return httpx.Response(200, json=out)


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as r:
        yield r


def node(router: respx.MockRouter, tx: dict[str, Any] | None, statuses: dict[str, Any], slot: int,
         health: str = "health_ok") -> Node:
    return Node(router, {
        "getTransaction": tx if tx is not None else ok(None),
        "getSignatureStatuses": statuses,
        "getSlot": ok(slot),
        "getHealth": DATA[health]["response"],
    })


def deposit(cli: Any, cfg: str, sig: str, *extra: str) -> tuple[int, dict[str, Any]]:
    r = cli("--config", cfg, "--format", "json", "deposit", sig, "--chain", "solana", *extra)
    return r.code, json.loads(r.out)


def facts_of(cfg: str, sig: str) -> TxFacts:
    async def run() -> TxFacts:
        async with Session(load(cfg)) as session:
            lk = await session.lookup(ChainKey("solana"), sig)
        assert lk.error is None, lk.error
        assert lk.facts is not None
        return lk.facts

    return asyncio.run(run())


def test_sol_transfer_is_confirmed_in_one_request(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    slot = DATA["tx_sol_memo"]["response"]["result"]["slot"]
    n = node(router, DATA["tx_sol_memo"]["response"], status(slot, "finalized"), slot + 40)
    code, out = deposit(cli, cfg, SOL_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (0, "confirmed")
    facts = out["facts"]
    assert (facts["amount"], facts["currency"], facts["to"]) == ("0.001", "SOL", SOL_TO)
    assert (facts["block"], facts["confirmations"], facts["required_confirmations"]) == (slot, 41, 32)
    assert n.route.call_count == 1
    (batch,) = n.batches
    params = {c["method"]: c["params"] for c in batch}
    assert params["getTransaction"] == [
        SOL_SIG, {"encoding": "jsonParsed", "maxSupportedTransactionVersion": 0, "commitment": "confirmed"}]
    assert params["getSignatureStatuses"] == [[SOL_SIG], {"searchTransactionHistory": True}]
    assert params["getSlot"] == [{"commitment": "confirmed"}]


def test_sol_transfer_facts(cfg: str, router: respx.MockRouter) -> None:
    slot = DATA["tx_sol_memo"]["response"]["result"]["slot"]
    node(router, DATA["tx_sol_memo"]["response"], status(slot, "finalized"), slot + 40)
    f = facts_of(cfg, SOL_SIG)
    assert (f.status, f.finality, f.memo) == (TxStatus.SUCCESS, "finalized", "transfer")
    assert f.sender == "FG4Y3yX4AAchp1HvNZ7LfzFTewF2f6nDoMDCohTFrdpT"  # the fee payer
    (t,) = f.transfers  # the fee payer's 10000-lamport fee is not a transfer
    assert (t.sender, t.to, t.raw, t.contract, t.decimals, t.symbol) == (
        "DT1mBDFsNBc1UXa25RdxNvnjL5Lro7su7gX1zpLyCmWe", SOL_TO, 1_000_000, None, 9, "SOL")


def test_spl_usdc_is_credited_to_the_owner_wallet(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    slot = DATA["tx_spl_usdc_memo"]["response"]["result"]["slot"]
    # status derived from the recorded getSignaturesForAddress answer for this signature (finalized)
    recorded = DATA["sigs_for_address_spl"]["response"]["result"][0]
    assert (recorded["signature"], recorded["slot"]) == (SPL_SIG, slot)
    level = recorded["confirmationStatus"]
    node(router, DATA["tx_spl_usdc_memo"]["response"], status(slot, level), slot + 100)
    code, out = deposit(cli, cfg, SPL_SIG, "--to", SPL_OWNER)
    assert (code, out["verdict"]) == (0, "confirmed")
    facts = out["facts"]
    shown = (facts["amount"], facts["currency"], facts["contract"], facts["to"])
    assert shown == ("0.001", "USDC", USDC, SPL_OWNER)
    assert facts["confirmations"] == 101


def test_spl_usdc_facts(cfg: str, router: respx.MockRouter) -> None:
    slot = DATA["tx_spl_usdc_memo"]["response"]["result"]["slot"]
    node(router, DATA["tx_spl_usdc_memo"]["response"], status(slot, "finalized"), slot + 100)
    f = facts_of(cfg, SPL_SIG)
    (t,) = f.transfers  # the new token account's 2039280 lamports are rent, not a SOL deposit
    assert (t.to, t.sender, t.contract, t.raw, t.decimals, t.symbol) == (
        SPL_OWNER, "8fusVwhgo4oS1fGpZKeRaXrJXQk9auKnAgcj9A97wR3t", USDC, 1000, 6, "USDC")
    assert t.amount == Decimal("0.001")
    assert all(x.to != SPL_ATA for x in f.transfers)
    assert (f.memo, f.finality) == ("transfer", "finalized")


def test_memo_read_from_the_log_when_not_parsed(cfg: str, router: respx.MockRouter) -> None:
    # the recorded body without its parsed spl-memo instruction: only the program's log line says the memo
    body = copy.deepcopy(DATA["tx_sol_memo"]["response"])
    message = body["result"]["transaction"]["message"]
    message["instructions"] = [i for i in message["instructions"] if i.get("program") != "spl-memo"]
    slot = body["result"]["slot"]
    node(router, body, status(slot, "finalized"), slot + 40)
    assert facts_of(cfg, SOL_SIG).memo == "transfer"


def test_lookup_table_recipient_awaits_confirmations(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    slot = DATA["tx_sol_lookup_table"]["response"]["result"]["slot"]
    node(router, DATA["tx_sol_lookup_table"]["response"], status(slot, "confirmed"), slot + 9)
    code, out = deposit(cli, cfg, LUT_SIG, "--to", "G1wZ113tiUHdSpQEBcid8n1x8BAvcWZoZgxPKxgE5B7o")
    assert (code, out["verdict"]) == (0, "awaiting_confirmations")
    assert (out["facts"]["amount"], out["facts"]["confirmations"]) == ("0.01", 10)
    (finding,) = [f for f in out["findings"] if f["check"] == "DEP003"]
    assert finding["evidence"]["remaining"] == 22


def test_json_encoded_keys_from_lookup_tables(cfg: str, router: respx.MockRouter) -> None:
    body = DATA["tx_usdc_json_encoding"]["response"]
    slot = body["result"]["slot"]
    node(router, body, status(slot, "finalized"), slot + 50)
    f = facts_of(cfg, KISS_SIG)
    moved = {(t.to, t.contract, t.raw) for t in f.transfers}
    assert moved == {
        # account 13, named only in meta.loadedAddresses.writable
        ("DttWaMuVvTiduZRnguLF7jNxTgiMBZ1hyAumKUiL2KRL", None, 100_000),
        ("8PDYaC2zz9UYN3qVoAyZvAF7qRkmTByBT5TnT2mHGPuZ", USDC, 42),
    }
    assert f.memo is None


def test_failed_transaction(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    body = DATA["tx_failed"]["response"]
    slot = body["result"]["slot"]
    node(router, body, status(slot, "finalized", body["result"]["meta"]["err"]), slot + 40)
    code, out = deposit(cli, cfg, FAILED_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (1, "tx_failed")
    assert out["facts"]["fail_reason"] == "instruction 1 failed: incorrect program id"


def test_not_found(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    node(router, None, NO_STATUS, 300000000)
    code, out = deposit(cli, cfg, SOL_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (1, "not_found")


def test_known_but_not_yet_confirmed_is_pending(cfg: str, router: respx.MockRouter) -> None:
    node(router, None, status(185471096, "processed"), 185471095)
    f = facts_of(cfg, SOL_SIG)
    # getTransaction does not serve "processed" transactions: the node knows the signature, not its content
    assert (f.status, f.finality, f.block, f.transfers) == (TxStatus.PENDING, "processed", None, ())


def test_pending_verdict(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    """Only "processed": the node has no readable content yet, so the recipient cannot be checked — never a
    guess that it is the customer's deposit."""
    node(router, None, status(185471096, "processed"), 185471095)
    code, out = deposit(cli, cfg, SOL_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (3, "unknown")
    assert out["facts"]["status"] == "pending"
    assert "not readable yet" in out["summary"]


def test_lagging_node_not_found_is_not_trusted(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    node(router, None, NO_STATUS, 300000000, health="health_behind")  # 2000 slots ≈ 800 s behind
    code, out = deposit(cli, cfg, SOL_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (3, "unknown")
    (finding,) = [f for f in out["findings"] if f["check"] == "DEP001"]
    assert finding["evidence"]["tip_age_seconds"] == 800


def test_unhealthy_node_not_found_is_not_trusted(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    node(router, None, NO_STATUS, 300000000, health="health_unhealthy")
    code, out = deposit(cli, cfg, SOL_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (3, "unknown")
    assert "unhealthy" in json.dumps(out["findings"])


def test_unreachable_endpoint_exits_3(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    router.post(URL).mock(side_effect=httpx.ConnectError("connection refused"))
    code, out = deposit(cli, cfg, SOL_SIG, "--to", SOL_TO)
    assert (code, out["verdict"]) == (3, "unknown")
    assert "solana.test unreachable" in json.dumps(out["findings"])
