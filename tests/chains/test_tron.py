"""Tron deposits from recorded TronGrid answers, through the real command line.

The recorded bodies and their sources are in ``data/tron/trongrid.json``; the tip (newest block) answer is
derived per test from the recorded ``getnowblock`` (its number and timestamp set), as the file says.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

DATA = json.loads((Path(__file__).parent / "data" / "tron" / "trongrid.json").read_text("utf-8"))
GRID = "https://grid.test"
BACKUP = "https://grid-backup.test"
USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

TRX_TX = "d8b112509ef71870ddeeb7b6edd3b8b2042ef278c582baf444b2d7ea7f03f3a6"  # 177.986418 TRX, block 69316336
TRX_TO = "TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre"
USDT_TX = "0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99"  # 41.677389 USDT, block 69316562
USDT_TO = "TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx"
FAILED_TX = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"  # OUT_OF_ENERGY, 66860010


def write_config(tmp: Path, *, rpc: tuple[str, ...] = (GRID,)) -> str:
    path = tmp / "supportctl.toml"
    path.write_text(f"""defaults = false

[chains.tron]
rpc = [{", ".join(json.dumps(u) for u in rpc)}]
confirmations = 19

[[assets]]
currency = "TRX"
chain = "tron"
decimals = 6
min_deposit = "1"

[[assets]]
currency = "USDT"
chain = "tron"
contract = "{USDT}"
decimals = 6
min_deposit = "1"
""")
    return str(path)


def tip_block(number: int, *, age: float = 3.0, detail: bool = True) -> dict[str, Any]:
    """Derived tip: the recorded getnowblock answer with its number and timestamp set (trongrid.json
    "tip_template"); without transactions for getblock {"detail": false}."""
    block = copy.deepcopy(DATA["tip_template"]["getnowblock"]["body"])
    raw = block["block_header"]["raw_data"]
    raw["number"], raw["timestamp"] = number, int((time.time() - age) * 1000)
    if not detail:
        del block["transactions"]
    return block


def serve(mock: respx.MockRouter, case: str, txid: str, *, tip: int | None, base: str = GRID,
          info: dict[str, Any] | None = None) -> None:
    recorded = DATA[case]
    mock.post(f"{base}/wallet/gettransactionbyid", json={"value": txid}).respond(
        json=recorded["gettransactionbyid"]["body"])
    mock.post(f"{base}/wallet/gettransactioninfobyid", json={"value": txid}).respond(
        json=recorded["gettransactioninfobyid"]["body"] if info is None else info)
    if tip is not None:
        head = tip_block(tip, detail=False)
        mock.post(f"{base}/wallet/getblock", json={"detail": False}).respond(json=head)


def run(cli: Any, config: str, txid: str, *args: str, fmt: str = "json") -> tuple[int, Any, str]:
    r = cli("--config", config, "--format", fmt, "deposit", txid, "--chain", "TRC20", *args)
    return r.code, json.loads(r.out) if fmt == "json" else r.out, r.err


def findings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


def test_trx_transfer_confirmed(cli: Any, tmp_path: Path) -> None:
    with respx.mock(assert_all_called=True) as mock:
        serve(mock, "trx_d8b11250", TRX_TX, tip=69316336 + 25)
        code, doc, _ = run(cli, write_config(tmp_path), TRX_TX, "--to", TRX_TO)
    assert (code, doc["verdict"]) == (0, "confirmed")
    facts = doc["facts"]
    assert (facts["amount"], facts["currency"], facts["to"]) == ("177.986418", "TRX", TRX_TO)
    assert (facts["block"], facts["confirmations"], facts["required_confirmations"]) == (69316336, 26, 19)
    assert facts["from"].startswith("T") and len(facts["from"]) == 34
    assert facts["source"] == GRID


def test_usdt_trc20_transfer_confirmed(cli: Any, tmp_path: Path) -> None:
    with respx.mock() as mock:
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562 + 19)
        code, doc, _ = run(cli, write_config(tmp_path), USDT_TX, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (0, "confirmed")
    facts = doc["facts"]
    assert (facts["amount"], facts["currency"]) == ("41.677389", "USDT")
    assert (facts["to"], facts["contract"]) == (USDT_TO, USDT)
    assert (facts["from"], facts["confirmations"]) == (TRX_TO, 20)  # the sender is TL24LCps…
    assert "41.677389 USDT" in doc["reply"]["text"]


def test_usdt_awaiting_solidification(cli: Any, tmp_path: Path) -> None:
    with respx.mock() as mock:
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562 + 4)
        code, doc, _ = run(cli, write_config(tmp_path), USDT_TX, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (0, "awaiting_confirmations")
    ev = findings(doc)["DEP003"]["evidence"]
    assert (ev["confirmations"], ev["remaining"]) == (5, 14)


def test_pending_transfer_is_read_from_its_calldata(cli: Any, tmp_path: Path) -> None:
    """Known to the node, no receipt yet ({}): pending, and the amount comes from the transfer() call."""
    with respx.mock() as mock:
        no_receipt = DATA["not_found"]["gettransactioninfobyid"]["body"]
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562, info=no_receipt)
        code, doc, _ = run(cli, write_config(tmp_path), USDT_TX, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (0, "pending")
    assert (doc["facts"]["amount"], doc["facts"]["currency"]) == ("41.677389", "USDT")


def test_failed_call_says_why(cli: Any, tmp_path: Path) -> None:
    with respx.mock() as mock:
        serve(mock, "failed_e63a324a", FAILED_TX, tip=66860010 + 30)
        code, doc, _ = run(cli, write_config(tmp_path), FAILED_TX, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (1, "tx_failed")
    reason = "OUT_OF_ENERGY: the sender did not have enough energy/TRX to pay for the contract call"
    assert doc["facts"]["fail_reason"] == reason
    assert findings(doc)["DEP001"]["evidence"]["reason"] == reason


def test_unknown_id_is_not_found(cli: Any, tmp_path: Path) -> None:
    txid = "ab" * 32
    with respx.mock() as mock:
        serve(mock, "not_found", txid, tip=69316562)
        code, doc, _ = run(cli, write_config(tmp_path), txid, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (1, "not_found")


def test_unreachable_api_is_unknown(cli: Any, tmp_path: Path) -> None:
    with respx.mock() as mock:
        mock.route(host="grid.test").mock(side_effect=httpx.ConnectError("refused"))
        code, doc, _ = run(cli, write_config(tmp_path), USDT_TX, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "grid.test unreachable" in doc["summary"]


def test_failover_to_the_second_base_url(cli: Any, tmp_path: Path) -> None:
    with respx.mock() as mock:
        mock.route(host="grid.test").respond(503, text="Service Temporarily Unavailable")
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562 + 40, base=BACKUP)
        code, doc, _ = run(cli, write_config(tmp_path, rpc=(GRID, BACKUP)), USDT_TX, "--to", USDT_TO)
    assert (code, doc["verdict"], doc["facts"]["confirmations"]) == (0, "confirmed", 41)
    assert doc["facts"]["source"] == BACKUP


def test_endpoint_without_the_wallet_api_is_unknown_not_not_found(cli: Any, tmp_path: Path) -> None:
    with respx.mock() as mock:
        mock.route(host="grid.test").respond(404, text="Not Found")
        code, doc, _ = run(cli, write_config(tmp_path), USDT_TX, "--to", USDT_TO)
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "/wallet/" in doc["summary"]


def test_node_without_getblock_falls_back_to_getnowblock(tmp_path: Path) -> None:
    from supportctl.core import config as config_mod
    from supportctl.core.model import ChainKey, TxStatus
    from supportctl.engine.session import Session

    cfg = config_mod.load(write_config(tmp_path))

    async def lookup() -> tuple[Any, int]:
        async with Session(cfg) as session:
            found = await session.lookup(ChainKey("tron"), USDT_TX)
            return found, session.requests

    with respx.mock() as mock:
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562 + 19)
        found, requests = asyncio.run(lookup())
    assert (found.facts.status, found.facts.confirmations, requests) == (TxStatus.SUCCESS, 20, 3)

    with respx.mock() as mock:
        serve(mock, "usdt_0130dfde", USDT_TX, tip=None)
        mock.post(f"{GRID}/wallet/getblock").respond(404, text="Not Found")  # an older java-tron
        mock.post(f"{GRID}/wallet/getnowblock").respond(json=tip_block(69316562 + 2))
        found, requests = asyncio.run(lookup())
    assert (found.facts.status, found.facts.confirmations, requests) == (TxStatus.SUCCESS, 3, 4)
    assert found.facts.block_time_measured and found.facts.block_time > 0


@pytest.mark.parametrize("fmt", ["json", "rich", "markdown"])
def test_api_key_is_sent_but_never_shown(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         fmt: str) -> None:
    secret = "5e1f0c3a-7b2d-4c1e-9a8f-0d2b6c4e8f10"
    monkeypatch.setenv("TRON_PRO_API_KEY", secret)
    with respx.mock() as mock:
        mock.route(host="grid.test").respond(503)  # the first endpoint fails: the key goes to the second too
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562 + 19, base=BACKUP)
        config = write_config(tmp_path, rpc=(GRID, BACKUP))
        code, out, err = run(cli, config, USDT_TX, "--to", USDT_TO, fmt=fmt)
        seen = [call.request.headers.get("TRON-PRO-API-KEY") for call in mock.calls]
    assert code == 0
    assert len(seen) >= 4 and all(h == secret for h in seen)  # both endpoints were asked, each with the key
    assert secret not in json.dumps(out) + err


@pytest.mark.parametrize(("behind", "verdict", "code"),
                         [(1, "awaiting_confirmations", 0), (100, "unknown", 3)])
def test_tip_from_a_replica_behind_the_transaction(cli: Any, tmp_path: Path, behind: int, verdict: str,
                                                   code: int) -> None:
    """TronGrid is load-balanced: a tip a block behind the receipt counts as the receipt's block; a tip far
    behind means the answers cannot be put together."""
    with respx.mock() as mock:
        serve(mock, "usdt_0130dfde", USDT_TX, tip=69316562 - behind)
        got, doc, _ = run(cli, write_config(tmp_path), USDT_TX, "--to", USDT_TO)
    assert (got, doc["verdict"]) == (code, verdict)
    if code == 0:
        assert doc["facts"]["confirmations"] == 1
