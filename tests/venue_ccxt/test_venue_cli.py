"""withdrawal, order, order check and deposit through the real command line, against recorded binance and okx
responses: ``[venue] api_url`` points ccxt's real HTTP path (signing with fake keys included) at a replay server on
127.0.0.1, the rules are cached on disk under the test's XDG_CACHE_HOME, and the chain side of a withdrawal or
deposit (httpx JSON-RPC) is mocked with respx.

Derived answers (a recorded withdrawal moved to ERC20 with the chain's answer built to match, an LTC/USDT ticker)
live in ``data/cli/derived.json``, each with ``derived: true`` and why.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from tests.venue_ccxt.conftest import DATA, entry, serve_binance, serve_okx
from tests.venue_ccxt.replay import ReplayServer

KEY, SECRET, PASSWORD = "test-key-AKIAFAKE123", "test-secret-XYZ987", "test-pass-QWE"
RPC = "https://eth-rpc.test/v1"
USDT = "0xdAC17F958D2ee523a2206206994597c13d831ec7"
EXCHANGES = ("binance", "okx")
RULES = {  # the requests that read a venue's rules (ccxt's loadMarkets)
    "binance": ("/sapi/v1/capital/config/getall", "/api/v3/exchangeInfo"),
    "okx": ("/api/v5/asset/currencies", "/api/v5/public/instruments"),
}
WITHDRAWALS = {"binance": "/sapi/v1/capital/withdraw/history", "okx": "/api/v5/asset/withdrawal-history"}
DEPOSITS = {"binance": "/sapi/v1/capital/deposit/hisrec", "okx": "/api/v5/asset/deposit-history"}


@cache
def _derived() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((DATA / "cli" / "derived.json").read_text("utf-8"))
    return doc


def derived(*path: str) -> Any:
    node = _derived()
    for p in path:
        node = node[p]
    assert node.get("derived") is True and node.get("why"), path
    return copy.deepcopy(node)


# ------------------------------------------------------------------------------------------ the chain (respx)


class Node:
    """Ethereum's JSON-RPC endpoint: answers each call of a batch from the derived transactions it knows."""

    def __init__(self) -> None:
        evm = derived("evm")
        self.block: int = evm["block"]
        self.tip = self.block + 11  # tip - block + 1 = 12 confirmations: what [chains.ethereum] requires
        self.chain_id: str = evm["eth_chainId"]
        self.latest: dict[str, Any] = evm["eth_getBlockByNumber"]
        self.txs: dict[str, dict[str, Any]] = {}
        self.asked: list[str] = []

    def know(self, exchange: str) -> dict[str, Any]:
        answers: dict[str, Any] = derived("withdrawals", exchange)["chain"]
        self.txs[answers["eth_getTransactionByHash"]["hash"]] = answers
        return answers

    def __call__(self, request: httpx.Request) -> httpx.Response:
        out = []
        for call in json.loads(request.content):
            method, params = call["method"], call["params"]
            self.asked.append(method)
            if method == "eth_chainId":
                result: Any = self.chain_id
            elif method == "eth_getBlockByNumber":
                result = {**self.latest, "number": hex(self.tip), "timestamp": hex(int(time.time()))}  # fresh tip
            elif method in ("eth_getTransactionByHash", "eth_getTransactionReceipt"):
                result = self.txs.get(params[0].lower(), {}).get(method)
            else:
                out.append({"jsonrpc": "2.0", "id": call["id"], "error": {"code": -32601, "message": "not here"}})
                continue
            out.append({"jsonrpc": "2.0", "id": call["id"], "result": result})
        return httpx.Response(200, json=out)


# ------------------------------------------------------------------------------------------- the venue world


@dataclass
class World:
    exchange: str
    server: ReplayServer
    config: str
    node: Node

    def requests_to(self, path: str) -> int:
        return self.server.count(path)

    def withdrawal(self, changes: dict[str, Any] | None = None, *, evm: bool = False) -> str:
        """Serve the recorded withdrawal with ``changes`` (and, with ``evm``, moved to ERC20 as derived.json says);
        returns its id."""
        d = derived("withdrawals", self.exchange)
        changes = {**(d["changes"] if evm else {}), **(changes or {})}
        if self.exchange == "binance":
            body = entry("binance", "fetchWithdrawals")["httpResponse"]
            body[0].update(changes)
            self.server.add("GET", WITHDRAWALS["binance"], body)
            return str(body[0]["id"])
        body = entry("okx", "fetchWithdrawal")["httpResponse"]
        body["data"][0].update(changes)
        self.server.add("GET", WITHDRAWALS["okx"], body, query={"wdId": "25147041"})
        return "25147041"


def _config(url: str, tmp: Path, exchange: str) -> str:
    path = tmp / f"{exchange}.toml"
    path.write_text(
        f'defaults = false\n\n[venue]\nexchange = "{exchange}"\napi_url = "{url}"\nlive_ttl = 0\n\n'
        f'[chains.ethereum]\nrpc = ["{RPC}"]\nconfirmations = 12\n\n'
        f'[[assets]]\ncurrency = "USDT"\nchain = "ethereum"\ncontract = "{USDT}"\ndecimals = 6\n',
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, str]:
    monkeypatch.setenv("SUPPORTCTL_API_KEY", KEY)
    monkeypatch.setenv("SUPPORTCTL_API_SECRET", SECRET)
    monkeypatch.setenv("SUPPORTCTL_API_PASSWORD", PASSWORD)
    return KEY, SECRET, PASSWORD


@pytest.fixture
def fast_ccxt(monkeypatch: pytest.MonkeyPatch) -> None:
    """ccxt's rate limiter sleeps between requests to a real venue: there is none to spare here."""
    from supportctl.venue.ccxt import venue as ccxt_venue

    real = ccxt_venue.CcxtVenue.__init__

    def init(self: Any, *args: Any, **kw: Any) -> None:
        real(self, *args, **kw)
        self._exchange.rateLimit = 1

    monkeypatch.setattr(ccxt_venue.CcxtVenue, "__init__", init)


@pytest.fixture
def world(keys: tuple[str, ...], fast_ccxt: None, tmp_path: Path) -> Iterator[Callable[[str], World]]:
    """``world("binance")``: a replay server with binance's recordings, a config pointing at it, ethereum's RPC
    mocked (respx; ccxt talks through ``requests``, which respx does not touch)."""
    with ExitStack() as stack:
        router = stack.enter_context(respx.mock(assert_all_called=False))
        node = Node()
        router.post(RPC).mock(side_effect=node)

        def make(exchange: str) -> World:
            server = stack.enter_context(ReplayServer())
            (serve_binance if exchange == "binance" else serve_okx)(server)
            if exchange == "binance":  # derived: no LTCUSDT ticker was recorded (see derived.json)
                ticker = entry("binance", "fetchTicker")["httpResponse"]
                ticker.update(derived("binance_ltc_ticker")["changes"])
                server.add("GET", "/api/v3/ticker/24hr", ticker, query={"symbol": "LTCUSDT"})
            return World(exchange, server, _config(server.url, tmp_path, exchange), node)

        yield make


def run(cli: Any, w: World, *args: str) -> tuple[int, dict[str, Any]]:
    r = cli("--config", w.config, "--format", "json", *args)
    assert r.err == "", r.err
    lines = r.out.splitlines()
    assert len(lines) == 1, r.out
    assert not w.server.unmatched, w.server.unmatched
    return r.code, json.loads(lines[0])


def by_check(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


# ================================================================================================ withdrawals


def test_binance_withdrawal_not_found(cli: Any, world: Callable[[str], World]) -> None:
    w = world("binance")
    code, doc = run(cli, w, "withdrawal", "no-such-id", "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, "not_found")
    assert doc["facts"] == {"id": "no-such-id", "status": "not_found"}
    assert w.requests_to(WITHDRAWALS["binance"]) == 1


def test_okx_withdrawal_not_found(cli: Any, world: Callable[[str], World]) -> None:
    """fetchWithdrawal gets OKX's empty envelope for an unknown wdId; the history is then searched, in vain."""
    w = world("okx")
    code, doc = run(cli, w, "withdrawal", "99999999", "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, "not_found")
    assert [r.query.get("wdId") for r in w.server.requests if r.path == WITHDRAWALS["okx"]] == ["99999999", None]


@pytest.mark.parametrize(
    ("exchange", "status", "verdict", "words"),
    [
        # the recorded withdrawals, only the status changed: binance 5 = Failure, 1 = Cancelled; okx -1, -2.
        # binance's recorded `info` is its failure reason (a placeholder string in ccxt's recording)
        ("binance", {"status": "5"}, "withdrawal_failed", "The withdrawal of 9 USDT failed: TJDENs5435LK4J3"),
        ("binance", {"status": "1"}, "canceled", "The withdrawal of 9 USDT was canceled (the venue says '1')"),
        ("okx", {"state": "-1"}, "withdrawal_failed", "The withdrawal of 54.561 USDT failed (the venue says '-1')"),
        ("okx", {"state": "-2"}, "canceled", "The withdrawal of 54.561 USDT was canceled (the venue says '-2')"),
    ],
)
def test_withdrawal_failed_or_canceled(
    cli: Any, world: Callable[[str], World], exchange: str, status: dict[str, str], verdict: str, words: str
) -> None:
    w = world(exchange)
    code, doc = run(cli, w, "withdrawal", w.withdrawal(status), "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, verdict)
    assert words in by_check(doc)["WDR001"]["message"]
    assert w.node.asked == []  # a failed or canceled withdrawal's txid is not looked up


@pytest.mark.parametrize(
    ("exchange", "changes", "evm"),
    [
        # binance 2 = Awaiting Approval, no txid yet; on the ERC20-derived record (the recorded address is a
        # placeholder that is not a valid address, which would make it invalid_address)
        ("binance", {"status": "2", "txId": ""}, True),
        ("okx", {"state": "0", "txId": ""}, False),  # okx 0 = waiting withdrawal: the recorded TRC20 record
    ],
)
def test_withdrawal_processing(
    cli: Any, world: Callable[[str], World], exchange: str, changes: dict[str, str], evm: bool
) -> None:
    w = world(exchange)
    code, doc = run(cli, w, "withdrawal", w.withdrawal(changes, evm=evm), "--currency", "USDT")
    assert (code, doc["verdict"]) == (0, "processing")
    assert "not yet broadcast" in doc["summary"]
    assert "txid" not in doc["facts"] and w.node.asked == []
    fee = by_check(doc)["WDR003"]
    amount, fee_, arrives = ("9", "1", "8") if exchange == "binance" else ("54.561", "0.8", "53.761")
    assert f"{amount} USDT withdrawn with a {fee_} USDT network fee: {arrives} USDT arrives" in fee["message"]


@pytest.mark.parametrize(
    ("exchange", "amount", "fee", "arrived"), [("binance", "9", "1", "8"), ("okx", "54.561", "0.8", "53.761")]
)
def test_withdrawal_completed_on_chain_with_the_fee_arithmetic(
    cli: Any, world: Callable[[str], World], exchange: str, amount: str, fee: str, arrived: str
) -> None:
    w = world(exchange)
    d = derived("withdrawals", exchange)
    address = d["changes"]["address" if exchange == "binance" else "to"]
    txid = d["changes"]["txId"]
    w.node.know(exchange)
    wid = w.withdrawal(evm=True)
    code, doc = run(cli, w, "withdrawal", wid, "--currency", "USDT", "--address", address)
    assert (code, doc["verdict"]) == (0, "completed")
    facts = doc["facts"]
    assert (facts["chain"], facts["network"], facts["txid"], facts["status"]) == ("ethereum", "ERC20", txid, "ok")
    assert (facts["amount"], facts["fee"], facts["arrived"]) == (amount, fee, arrived)
    assert (facts["confirmations"], facts["block"]) == (12, w.node.block)
    found = by_check(doc)
    assert found["WDR002"]["evidence"] == {"confirmations": 12, "required_confirmations": 12, "txid": txid}
    assert f"{amount} USDT withdrawn − {fee} USDT fee = {arrived} USDT arrived" in found["WDR003"]["message"]
    assert f"{arrived} USDT arrived" in doc["reply"]["text"]
    assert found["WDR004"]["severity"] == "ok"  # sent where the customer says
    assert sorted(set(w.node.asked)) == ["eth_chainId", "eth_getBlockByNumber", "eth_getTransactionByHash",
                                         "eth_getTransactionReceipt"]  # fmt: skip


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_withdrawal_awaiting_confirmations(cli: Any, world: Callable[[str], World], exchange: str) -> None:
    w = world(exchange)
    w.node.know(exchange)
    w.node.tip = w.node.block + 4  # 5 of 12
    code, doc = run(cli, w, "withdrawal", w.withdrawal(evm=True), "--currency", "USDT")
    assert (code, doc["verdict"]) == (0, "awaiting_confirmations")
    onchain = by_check(doc)["WDR002"]
    assert onchain["message"] == "On chain with 5 of 12 confirmations"
    assert onchain["evidence"]["remaining"] == 7


# ===================================================================================================== orders


@pytest.mark.parametrize(
    ("exchange", "order_id", "side", "average", "fee"),
    [("binance", "3397148653", "sell", "90.8", None), ("okx", "1339107111507525632", "buy", "101.58", "0.0001")],
)
def test_order_filled(
    cli: Any, world: Callable[[str], World], exchange: str, order_id: str, side: str, average: str, fee: str | None
) -> None:
    w = world(exchange)
    code, doc = run(cli, w, "order", order_id, "--symbol", "LTC/USDT")
    assert (code, doc["verdict"]) == (0, "filled")
    facts = doc["facts"]
    assert (facts["side"], facts["amount"], facts["filled"], facts["average"]) == (side, "0.1", "0.1", average)
    assert facts.get("fee") == fee
    fills = by_check(doc)["ORD003"]["message"]
    assert fills == f"Filled 0.1 at an average {average}" + (f", fee {fee} LTC" if fee else "")
    assert f"at an average price of {average} USDT" in doc["reply"]["text"]


def test_binance_order_open_with_the_distance_to_the_market(cli: Any, world: Callable[[str], World]) -> None:
    """binance's recorded open order (fetchOpenOrders' answer: the same order object GET /api/v3/order returns)
    against the LTC/USDT ticker (derived): a buy at 50 while the best ask is 90.81."""
    w = world("binance")
    (resting,) = entry("binance", "fetchOpenOrders")["httpResponse"]
    w.server.add("GET", "/api/v3/order", resting, query={"orderId": "3811057334"})
    code, doc = run(cli, w, "order", "3811057334", "--symbol", "LTC/USDT")
    assert (code, doc["verdict"]) == (0, "open")
    assert (doc["facts"]["price"], doc["facts"]["remaining"], doc["facts"]["venue_status"]) == ("50", "0.2", "NEW")
    distance = by_check(doc)["ORD002"]
    # (90.81 - 50) / 90.81 = 0.44940…
    assert distance["evidence"] == {"ask": "90.81", "distance": "44.94%", "price": "50"}
    assert "44.94% below the best ask 90.81" in distance["message"]
    assert "44.94%" in doc["reply"]["text"]


@pytest.mark.parametrize(
    ("exchange", "path", "status", "body"),
    [
        ("binance", "/api/v3/order", 400, {"code": -2013, "msg": "Order does not exist."}),  # binance's documented
        ("okx", "/api/v5/trade/order", 200, {"code": "51603", "data": [], "msg": "Order does not exist"}),  # okx's
    ],
)
def test_order_not_found(
    cli: Any, world: Callable[[str], World], exchange: str, path: str, status: int, body: dict[str, Any]
) -> None:
    w = world(exchange)
    w.server.add("GET", path, body, status=status)
    code, doc = run(cli, w, "order", "12345", "--symbol", "LTC/USDT")
    assert (code, doc["verdict"]) == (1, "not_found")
    assert doc["summary"] == "The venue has no order 12345 on LTC/USDT"


# =============================================================================================== order check

# Each exchange's recorded rules, balance, ticker and book:
#   binance LTC/USDT: step 0.001, tick 0.01, min notional 5; LTC free 0.919741; ticker (derived) 90.79 / 90.81
#   binance BTC/USDT: asks 42574.31 × 0.0087, 42574.8 × 0.00893 (0.01763 in all); no USDT in the balance
#   okx BTC/USDT: step 0.00000001, tick 0.1, min amount 0.00001, max notional 1000000; BTC free 0.6612664522199999
#                 (okx's availBal, as recorded) of 1.06126645222 (ccxt's used: the difference); no free USDT;
#                 ticker 73384.7 / 73384.8; bids 67973.3 × 0.05, 67973.2 × 0.00725939
ORDER_CHECKS = [
    ("binance", "LTC/USDT sell limit 0.5 90.8", 0, "ok", "OCK006", "0.919741 LTC free covers the 0.5 LTC needed"),
    ("binance", "LTC/USDT sell limit 0.12345 90.8", 1, "precision_error", "OCK002",
     "Amount 0.12345 is not a multiple of the step 0.001: use 0.123"),
    ("binance", "LTC/USDT sell limit 0.05 90.8", 1, "below_min_notional", "OCK004",
     "Order value 4.54 USDT is below the minimum 5 USDT: at this price the amount must be at least 0.056"),
    ("binance", "LTC/USDT sell limit 1 90.8", 1, "insufficient_balance", "OCK006",
     "Needs 1 LTC, 0.919741 LTC is free"),
    ("binance", "LTC/USDT sell limit 0.5 120", 1, "price_out_of_band", "OCK005",
     "Price 120 is 32.16% from the market 90.8; the venue accepts within 10%"),
    ("binance", "BTC/USDT buy market 0.02", 1, "high_slippage", "OCK007",
     "The book holds only 0.01763 of the 0.02 wanted"),
    ("okx", "BTC/USDT sell limit 0.001 73384.8", 0, "ok", "OCK006",
     "0.6612664522199999 BTC free covers the 0.001 BTC needed; 0.4000000000000001 BTC is locked in open orders"),
    ("okx", "BTC/USDT sell limit 0.001 73384.85", 1, "precision_error", "OCK002",
     "Price 73384.85 is not a multiple of the tick 0.1: use 73384.9"),  # a sell rounds up
    ("okx", "BTC/USDT sell limit 0.000005 73384.8", 1, "below_min_amount", "OCK003",
     "Amount 0.000005 is below the minimum 0.00001 BTC"),
    ("okx", "BTC/USDT sell limit 1 73384.8", 1, "insufficient_balance", "OCK006",
     "Needs 1 BTC, 0.6612664522199999 BTC is free; 0.4000000000000001 BTC is locked in open orders"),
    ("okx", "BTC/USDT sell market 0.06", 1, "high_slippage", "OCK007",
     "The book holds only 0.05725939 of the 0.06 wanted"),
    ("okx", "BTC/USDT buy limit 20 73384.8", 1, "above_max", "OCK004",
     "Order value 1467696 USDT is above the maximum 1000000 USDT"),
]  # fmt: skip


@pytest.mark.parametrize(("exchange", "order", "code", "verdict", "check", "words"), ORDER_CHECKS)
def test_order_check(
    cli: Any,
    world: Callable[[str], World],
    exchange: str,
    order: str,
    code: int,
    verdict: str,
    check: str,
    words: str,
) -> None:
    w = world(exchange)
    got, doc = run(cli, w, "order", "check", *order.split())
    assert (got, doc["verdict"]) == (code, verdict), doc["findings"]
    assert words in by_check(doc)[check]["message"]
    if verdict == "ok":
        assert [f["severity"] for f in doc["findings"]] == ["ok", "ok"], doc["findings"]  # market and balance
    else:
        assert by_check(doc)[check]["severity"] == "error"


UNREADABLE = "<html>503 Service Unavailable</html>"


def test_order_check_without_a_ticker_is_not_ok(cli: Any, world: Callable[[str], World]) -> None:
    """A limit 36% above the market is price_out_of_band when the ticker is read; with the ticker unreadable the
    band cannot be checked, which must not pass as ok."""
    w = world("okx")
    assert run(cli, w, "order", "check", "BTC/USDT", "sell", "limit", "0.001", "99999")[1]["verdict"] == (
        "price_out_of_band"
    )
    w = world("okx")
    w.server.add("GET", "/api/v5/market/ticker", UNREADABLE, status=503, headers={"Content-Type": "text/html"})
    code, doc = run(cli, w, "order", "check", "BTC/USDT", "sell", "limit", "0.001", "99999")
    assert (code, doc["verdict"]) == (3, "unknown")


def test_market_order_check_without_a_book_is_not_ok(cli: Any, world: Callable[[str], World]) -> None:
    """okx's recorded book holds 0.05725939 BTC of bids: selling 0.5 at market is high_slippage when the book is
    read; with the book unreadable the slippage is not known, which must not pass as ok."""
    w = world("okx")
    w.server.add("GET", "/api/v5/market/books", UNREADABLE, status=503, headers={"Content-Type": "text/html"})
    code, doc = run(cli, w, "order", "check", "BTC/USDT", "sell", "market", "0.5")
    assert (code, doc["verdict"]) == (3, "unknown")


# ======================================================================================= secrets never leak


def _signatures(server: ReplayServer) -> list[str]:
    """What the venue saw signed with the secret: binance's signature parameter, okx's OK-ACCESS-SIGN header."""
    return [v for r in server.requests for v in (r.query.get("signature"), r.headers.get("ok-access-sign")) if v]


def _assert_clean(texts: list[str], signatures: list[str]) -> None:
    for text in texts:
        for s in (KEY, SECRET, PASSWORD, *signatures):
            assert s not in text, f"{s[:12]}… leaked into: {text[:300]}"


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_no_secret_in_any_command_format_output_file_or_log(
    cli: Any, world: Callable[[str], World], exchange: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    w = world(exchange)
    d = derived("withdrawals", exchange)
    w.node.know(exchange)
    address, txid = d["changes"]["address" if exchange == "binance" else "to"], d["changes"]["txId"]
    order_id, check = (
        ("3397148653", "LTC/USDT sell limit 0.5 90.8") if exchange == "binance"
        else ("1339107111507525632", "BTC/USDT sell limit 0.001 73384.8")
    )  # fmt: skip
    commands = {
        "completed": ["withdrawal", w.withdrawal(evm=True), "--currency", "USDT", "--address", address],
        "filled": ["order", order_id, "--symbol", "LTC/USDT"],
        "ok": ["order", "check", *check.split()],
        # the derived withdrawal's transaction, pasted as a deposit: the chain says confirmed, the venue is asked
        "confirmed": ["deposit", txid, "--chain", "ERC20", "--to", address, "--currency", "USDT"],
    }
    report = tmp_path / "report.md"
    seen: list[str] = []
    for verdict, args in commands.items():
        for output in (["--format", "rich"], ["--format", "json"], ["--format", "markdown"], ["--output", str(report)]):
            r = cli("--config", w.config, *output, *args)
            assert r.code == 0, (args, r.err)
            seen += [r.out, r.err]
            if output[0] == "--output":
                text = report.read_text("utf-8")
                assert r.out == "" and r.err.startswith(f"wrote {report}")
                assert text.startswith("#") and verdict in text  # a markdown attachment
                seen.append(text)
                report.unlink()
            else:
                assert verdict in r.out and "Traceback" not in r.err
    (cache_file,) = _cache_dir(exchange).glob("rules-*.json")
    seen += [caplog.text, *(str(rec.__dict__) for rec in caplog.records), cache_file.read_text("utf-8")]
    signatures = _signatures(w.server)
    assert len(signatures) >= 16, "every run made signed requests"
    signed = [r for r in w.server.requests if r.query.get("signature") or r.headers.get("ok-access-sign")]
    sent = {
        (r.headers.get("x-mbx-apikey") or r.headers.get("ok-access-key"), r.headers.get("ok-access-passphrase"))
        for r in signed
    }
    assert sent == {(KEY, PASSWORD if exchange == "okx" else None)}  # the keys were in play
    assert w.requests_to(DEPOSITS[exchange]) == 4  # the deposit asked the venue whether it was credited
    assert any("GET http://127.0.0.1" in m for m in caplog.messages), "ccxt's request log passes, redacted"
    _assert_clean(seen, signatures)


def _cache_dir(exchange: str) -> Path:
    """Where the ccxt venue keeps the rules: the user cache dir, which tests/conftest.py points at a tmp dir."""
    return Path(os.environ["XDG_CACHE_HOME"]) / "supportctl" / "venue" / exchange


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


ERRORS = [
    # (exchange, the request that fails, its answer, exit code, words in the message, words in the hint)
    ("binance", WITHDRAWALS["binance"], 401, {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."},
     2, ["AuthenticationError", "Invalid API-key"], ["SUPPORTCTL_API_KEY", "SUPPORTCTL_API_SECRET"]),
    ("okx", WITHDRAWALS["okx"], 401, {"code": "50111", "msg": "Invalid OK-ACCESS-KEY", "data": []},
     2, ["AuthenticationError", "Invalid OK-ACCESS-KEY"],
     ["SUPPORTCTL_API_KEY", "SUPPORTCTL_API_SECRET", "SUPPORTCTL_API_PASSWORD"]),
    # ccxt's binance class calls an HTTP 429 DDoSProtection (a kind of rate-limit error to supportctl)
    ("binance", WITHDRAWALS["binance"], 429,
     {"code": -1003, "msg": "Too many requests; current limit is 6000 request weight per 1 MINUTE."},
     3, ["429 Too Many Requests"], ["slow down", "retry in a minute"]),
    ("okx", WITHDRAWALS["okx"], 429, {"code": "50011", "msg": "Rate limit reached. Please refer to API documentation "
                                      "and throttle requests accordingly.", "data": []},
     3, ["RateLimitExceeded", "Rate limit reached"], ["slow down", "retry in a minute"]),
    ("binance", None, None, None, 3, ["loading markets failed: NetworkError"], ["could not be reached"]),
    ("okx", None, None, None, 3, ["loading markets failed: NetworkError"], ["could not be reached"]),
]  # fmt: skip


@pytest.mark.parametrize(("exchange", "path", "status", "body", "code", "words", "hint_words"), ERRORS)
def test_venue_errors_are_one_line_without_secrets(
    cli: Any,
    world: Callable[[str], World],
    exchange: str,
    path: str | None,
    status: int | None,
    body: dict[str, Any] | None,
    code: int,
    words: list[str],
    hint_words: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    w = world(exchange)
    wid = w.withdrawal()
    if path is None:  # the venue unreachable: api_url to a port nobody listens on
        config = Path(w.config)
        config.write_text(config.read_text().replace(w.server.url, _closed_port()))
    else:
        w.server.add("GET", path, body, status=status)
    seen: list[str] = []
    for fmt in ("json", "rich", "markdown"):
        r = cli("--config", w.config, "--format", fmt, "withdrawal", wid, "--currency", "USDT")
        assert (r.code, r.out) == (code, "")
        (line,) = r.err.splitlines()
        message, hint = line.split(" — ")
        assert message.startswith(f"supportctl: error: {exchange}: ") and "Traceback" not in line
        assert all(word in message for word in words), line
        assert all(word in hint for word in hint_words), line
        seen += [r.out, r.err]
    if exchange == "binance" and code == 2:
        assert "SUPPORTCTL_API_PASSWORD" not in seen[1]  # binance needs none
    signatures = _signatures(w.server)
    assert bool(signatures) == (path is not None)
    _assert_clean([*seen, caplog.text, *(str(rec.__dict__) for rec in caplog.records)], signatures)


# ================================================================================================ the cache


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_rules_come_from_the_disk_cache_and_refresh_rereads_them(
    cli: Any, world: Callable[[str], World], exchange: str
) -> None:
    w = world(exchange)
    wid = w.withdrawal()
    order_id = "3397148653" if exchange == "binance" else "1339107111507525632"
    check = (
        ["LTC/USDT", "sell", "limit", "0.5", "90.8"]
        if exchange == "binance"
        else ["BTC/USDT", "sell", "limit", "0.001", "73384.8"]
    )
    commands = (
        ["withdrawal", wid, "--currency", "USDT"],
        ["order", order_id, "--symbol", "LTC/USDT"],
        ["order", "check", *check],
    )

    def rule_requests() -> list[int]:
        return [w.requests_to(p) for p in RULES[exchange]]

    verdicts = []
    for args in commands:  # the first run reads the rules; the others read them from the disk cache
        verdicts.append(run(cli, w, *args)[1]["verdict"])
        assert rule_requests() == [1, 1], (args, w.server.paths())
    # the recorded withdrawal: binance's placeholder address is not valid; okx's TRC20 txid cannot be checked (no
    # [chains.tron] here)
    assert verdicts == ["invalid_address" if exchange == "binance" else "unknown", "filled", "ok"]
    (cache_file,) = _cache_dir(exchange).glob("rules-*.json")
    assert json.loads(cache_file.read_text("utf-8"))["exchange"] == exchange
    for n, args in enumerate(commands, start=2):  # --refresh: each run asks the venue again, same answers
        assert run(cli, w, *args, "--refresh")[1]["verdict"] == verdicts[n - 2]
        assert rule_requests() == [n, n], (args, w.server.paths())
    run(cli, w, *commands[2])  # and the refreshed cache serves the next run
    assert rule_requests() == [4, 4]
