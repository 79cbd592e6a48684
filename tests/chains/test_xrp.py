"""XRP adapter: recorded rippled answers replayed through the real command line and the real HTTP client.

Bodies live in data/xrp/responses.json with their sources. The fake endpoint behaves like rippled's
JSON-RPC port: one JSON object per request, and a list (a JSON-RPC batch) refused with HTTP 400.

Memo verdicts (memo_missing, memo_mismatch) are decided by DEP009, which is not written yet: those verdict
assertions are marked ``# verdict: … (DEP009)`` and fail until it lands; the facts they rest on are
asserted separately and pass now.
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

DATA = json.loads((Path(__file__).parent / "data" / "xrp" / "responses.json").read_text("utf-8"))["entries"]
URL = "https://xrpl.test"
TIP = DATA["server_info"]["response"]["result"]["info"]["validated_ledger"]["seq"]

TAGGED = "3F72E3C4C391AD1CE4E436CE68C3D6E16F8BA9FCDE911886D0AA6078BC8D1DF6"  # 4 XRP, DestinationTag 2
TAGGED_TO = "rpyUV8W6XRvss6SBkAS8PyzGwMsSDxgNXW"
NO_TAG = "43CAAC76C95358CA2F84EA8BF5BFC327B90B21039A3C69EC4EAC7FEDC54CDB9F"  # 100 XRP, no tag
NO_TAG_TO = "rLDYrujdKUfVx28T9vRDAbyJ7G2WVXKo4K"
PARTIAL_XRP = "F" * 64  # the recorded message carries no hash; the adapter takes the one it asked about
PARTIAL_XRP_TO = "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe"
PARTIAL_IOU = "A0A074D10355223CBE2520A42F93A52E3CC8B4D692570EB4841084F9BBB39F7A"
PARTIAL_IOU_TO = "rNNuQMuExCiEjeZ4h9JJnj5PSWypdMXDj4"
USD = "USD.rvYAfWj5gh67oV6fW32ZzP3Aw4Eubs59B"
V2_IOU = "F4AB442A6D4CBB935D66E1DA7309A5FC71C7143ED4049053EC14E3875B0CF9BF"
FAILED = "80575096E403379AD2F37A4006FF59A69E9AFD0DF4CA70AC9C4CEE08B1AB5F09"


def config(memo_required: bool) -> str:
    return f"""
defaults = false

[chains.xrp]
rpc = ["{URL}"]
confirmations = 1

[[assets]]
currency = "XRP"
chain = "xrp"
decimals = 6
min_deposit = "1"
memo_required = {str(memo_required).lower()}

[[assets]]
currency = "USD"
chain = "xrp"
contract = "{USD}"
decimals = 6
min_deposit = "1"
"""


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    path = tmp_path / "supportctl.toml"
    path.write_text(config(memo_required=True), "utf-8")
    return str(path)


@pytest.fixture
def cfg_no_memo(tmp_path: Path) -> str:
    path = tmp_path / "no-memo.toml"
    path.write_text(config(memo_required=False), "utf-8")
    return str(path)


class Rippled:
    """A rippled JSON-RPC port serving canned ``{"result": …}`` bodies by method."""

    def __init__(self, router: respx.MockRouter, answers: dict[str, dict[str, Any]]) -> None:
        self.answers = answers
        self.bodies: list[Any] = []
        self.route = router.post(URL).mock(side_effect=self.reply)

    def reply(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        if not isinstance(body, dict):  # ServerHandler::processRequest: the request must be a JSON object
            return httpx.Response(400, text="Unable to parse request: ")
        return httpx.Response(200, json=copy.deepcopy(self.answers[body["method"]]))


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as r:
        yield r


def rippled(router: respx.MockRouter, tx: str, info: str = "server_info") -> Rippled:
    return Rippled(router, {"tx": DATA[tx]["response"], "server_info": DATA[info]["response"]})


def deposit(cli: Any, cfg: str, tx: str, *extra: str) -> tuple[int, dict[str, Any]]:
    r = cli("--config", cfg, "--format", "json", "deposit", tx, "--chain", "xrp", *extra)
    return r.code, json.loads(r.out)


def facts_of(cfg: str, tx: str) -> TxFacts:
    async def run() -> TxFacts:
        async with Session(load(cfg)) as session:
            lk = await session.lookup(ChainKey("xrp"), tx)
        assert lk.error is None, lk.error
        assert lk.facts is not None
        return lk.facts

    return asyncio.run(run())


def test_payment_with_the_right_tag_is_confirmed(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    node = rippled(router, "tx_tagged")
    code, out = deposit(cli, cfg, TAGGED, "--to", TAGGED_TO, "--memo", "2")
    assert (code, out["verdict"]) == (0, "confirmed")
    facts = out["facts"]
    assert (facts["amount"], facts["currency"], facts["to"]) == ("4", "XRP", TAGGED_TO)
    assert (facts["block"], facts["tip"], facts["confirmations"]) == (4718685, TIP, TIP - 4718685 + 1)
    # two requests, each one JSON object: rippled refuses a JSON-RPC batch
    assert node.route.call_count == 2
    assert all(isinstance(b, dict) for b in node.bodies)
    assert {b["method"]: b["params"] for b in node.bodies} == {
        "tx": [{"transaction": TAGGED, "binary": False}], "server_info": [{}]}


def test_tagged_payment_facts(cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_tagged")
    f = facts_of(cfg, TAGGED.lower())
    assert (f.status, f.finality, f.block, f.tip) == (TxStatus.SUCCESS, "validated", 4718685, TIP)
    assert f.tip_age == 1.0  # server_info's validated_ledger.age
    (t,) = f.transfers
    assert (t.sender, t.to, t.raw, t.decimals, t.contract, t.memo, t.stated_raw) == (
        "rs1KQkwBYW1pY7jGeRiNgBkbD6WkPG4cYE", TAGGED_TO, 4_000_000, 6, None, "2", None)


def test_payment_with_the_wrong_tag(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_tagged")
    code, out = deposit(cli, cfg, TAGGED, "--to", TAGGED_TO, "--memo", "3")
    assert out["facts"]["amount"] == "4"
    # verdict: memo_mismatch (DEP009)
    assert (code, out["verdict"]) == (1, "memo_mismatch")


def test_payment_without_a_tag_facts(cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_no_tag")
    f = facts_of(cfg, NO_TAG)
    (t,) = f.transfers
    assert (t.to, t.raw, t.memo, f.memo) == (NO_TAG_TO, 100_000_000, None, None)


def test_payment_without_a_tag(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_no_tag")
    code, out = deposit(cli, cfg, NO_TAG, "--to", NO_TAG_TO, "--memo", "12345")
    assert (out["facts"]["amount"], out["facts"]["status"]) == ("100", "success")
    # verdict: memo_missing (DEP009)
    assert (code, out["verdict"]) == (1, "memo_missing")


def test_partial_payment_credits_what_was_delivered(cli: Any, cfg_no_memo: str,
                                                   router: respx.MockRouter) -> None:
    rippled(router, "tx_partial_xrp")
    code, out = deposit(cli, cfg_no_memo, PARTIAL_XRP, "--to", PARTIAL_XRP_TO)
    # Amount says 1,000,000,000 XRP; 0.004456 XRP arrived, below the 1 XRP minimum
    assert out["facts"]["amount"] == "0.004456"
    assert (code, out["verdict"]) == (1, "below_minimum")


def test_partial_payment_facts(cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_partial_xrp")
    (t,) = facts_of(cfg, PARTIAL_XRP).transfers
    assert (t.raw, t.stated_raw, t.decimals) == (4456, 1_000_000_000_000_000, 6)


def test_partial_payment_of_an_issued_currency_is_exact(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_partial_iou")
    code, out = deposit(cli, cfg, PARTIAL_IOU, "--to", PARTIAL_IOU_TO)
    facts = out["facts"]
    assert (facts["amount"], facts["currency"], facts["contract"]) == ("9.980039920159681", "USD", USD)
    assert (code, out["verdict"]) == (0, "confirmed")


def test_issued_currency_facts(cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_partial_iou")
    (t,) = facts_of(cfg, PARTIAL_IOU).transfers
    # 16 significant digits do not fit the asset's 6 decimals: the scale grows so that nothing is rounded
    assert (t.raw, t.decimals, t.stated_raw) == (9_980_039_920_159_681, 15, 10 * 10**15)
    assert t.amount == Decimal("9.980039920159681")
    assert (t.symbol, t.symbol_from_chain) == ("USD", False)


def test_api_v2_answer_and_an_unlisted_token(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_v2_iou")
    issuer = "rMH4UxPrbuMa1spCBR98hLLyNJp4d8p4tM"
    code, out = deposit(cli, cfg, V2_IOU, "--to", issuer)
    assert (out["facts"]["amount"], out["facts"]["contract"]) == ("0.001", f"USD.{issuer}")
    assert (out["facts"]["block"], out["facts"]["confirmations"]) == (348860, TIP - 348860 + 1)
    assert (code, out["verdict"]) == (1, "unsupported_token")


def test_failed_payment_explains_the_result_code(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_tec_path_partial")
    code, out = deposit(cli, cfg, FAILED, "--to", "rfUW4KCKvzdA4MCgoft1u5ojuQbpSFRktB")
    assert (code, out["verdict"]) == (1, "tx_failed")
    reason = out["facts"]["fail_reason"]
    assert reason.startswith("tecPATH_PARTIAL: the payment could not deliver the full amount")


def test_not_found(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_not_found")
    code, out = deposit(cli, cfg, TAGGED, "--to", TAGGED_TO)
    assert (code, out["verdict"]) == (1, "not_found")


def test_not_found_on_a_server_without_full_history_is_unknown(cli: Any, cfg: str,
                                                              router: respx.MockRouter) -> None:
    rippled(router, "tx_not_found", info="server_info_recent_history")
    code, out = deposit(cli, cfg, TAGGED, "--to", TAGGED_TO)
    assert (code, out["verdict"]) == (3, "unknown")
    assert "holds only ledgers 82000000-82521761" in json.dumps(out["findings"])


def test_not_yet_validated_is_pending(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    rippled(router, "tx_pending")
    code, out = deposit(cli, cfg, TAGGED, "--to", TAGGED_TO, "--memo", "2")
    assert (code, out["verdict"]) == (0, "pending")
    assert "confirmations" not in out["facts"]


def test_unreachable_endpoint_exits_3(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    router.post(URL).mock(side_effect=httpx.ConnectError("connection refused"))
    code, out = deposit(cli, cfg, TAGGED, "--to", TAGGED_TO)
    assert (code, out["verdict"]) == (3, "unknown")
    assert "xrpl.test unreachable" in json.dumps(out["findings"])
