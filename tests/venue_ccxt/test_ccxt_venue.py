"""CcxtVenue against recorded binance and okx responses, through ccxt's real HTTP path (``api_url`` → a replay
server on 127.0.0.1): records, rules, error mapping, redaction, the rules cache and the import rule."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from supportctl.core.errors import ConfigError, ExitCode
from supportctl.venue.ccxt import CcxtVenue
from supportctl.venue.ccxt.introspect import supported_exchanges
from supportctl.venue.ccxt.logs import scrub_credentials
from supportctl.venue.ccxt.networks import network_chain
from supportctl.venue.ccxt.parsing import _step
from supportctl.venue.interface import (
    Balance,
    MarketRule,
    NetworkRule,
    Order,
    Venue,
    VenueAuthError,
    VenueError,
    VenueRateLimited,
    VenueTransfer,
    VenueUnsupported,
)
from tests.venue_ccxt.conftest import FAKE_KEY, FAKE_PASSWORD, FAKE_SECRET, SECRETS, VenueFactory, entry, serve_binance
from tests.venue_ccxt.replay import ReplayServer

D = Decimal


def _num(x: Any) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _recorded_path(exchange: str, method: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(entry(exchange, method)["request_url"])
    return parts.path, parse_qs(parts.query)


def _no_secret_in(text: str) -> None:
    for s in SECRETS:
        assert s not in text, f"a secret leaked into: {text[:200]}"
    assert "signature=" not in text.replace("signature=***", "")


# =============================================================================================== binance


@pytest.mark.usefixtures("keys")
class TestBinance:
    def test_is_a_venue(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        venue = make_venue("binance", binance_server)
        assert isinstance(venue, Venue)
        assert venue.name == "binance"

    def test_withdrawal_completed(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        rec = entry("binance", "fetchWithdrawals")
        raw = rec["httpResponse"][0]
        t = make_venue("binance", binance_server).withdrawal(raw["id"], "USDT")
        assert t == VenueTransfer(
            id="54c1b7543534543fsdfsdf6", direction="withdrawal", currency="USDT", status="ok", raw_status="6",
            network="TRC20", chain="tron", amount=D("9"), fee=D("1"), fee_currency="USDT",
            address="TKRxCKea88FDKDSJFSDKJ43243K", memo=None, txid="FDSJHFKDSHFJ4KR5H4KJH3454JHK",
            timestamp=1714923536000, updated=None, reason=None,
        )  # fmt: skip
        # what ccxt's own test expects from the same answer
        parsed = rec["parsedResponse"][0]
        assert (t.status, t.amount, t.fee) == (parsed["status"], _num(parsed["amount"]), _num(parsed["fee"]["cost"]))
        # the request is the one ccxt's request recording shows, signed, with the key in its header
        path, query = _recorded_path("binance", "fetchWithdrawals")
        (req,) = [r for r in binance_server.requests if r.path == path]
        assert {"timestamp", "signature"} <= req.query.keys() and "timestamp" in query
        assert req.headers["x-mbx-apikey"] == FAKE_KEY
        assert FAKE_SECRET not in json.dumps(req.query)
        assert not binance_server.unmatched

    def test_withdrawal_found_by_txid(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        t = make_venue("binance", binance_server).withdrawal("FDSJHFKDSHFJ4KR5H4KJH3454JHK", "USDT")
        assert t is not None and t.id == "54c1b7543534543fsdfsdf6"

    def test_withdrawal_not_found(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        assert make_venue("binance", binance_server).withdrawal("no-such-id", "USDT") is None

    @pytest.mark.parametrize(
        ("raw", "status"), [("0", "pending"), ("2", "pending"), ("4", "pending"), ("1", "canceled"), ("3", "failed"),
                            ("5", "failed")],
    )  # fmt: skip
    def test_withdrawal_statuses(
        self, binance_server: ReplayServer, make_venue: VenueFactory, raw: str, status: str
    ) -> None:
        """Derived from the recorded withdrawal, only its ``status`` changed (the recording has only "6", done):
        binance's codes as ccxt maps them. A failure reason is passed on for failed and canceled ones only."""
        body = entry("binance", "fetchWithdrawals")["httpResponse"]
        body[0]["status"] = raw
        binance_server.add("GET", "/sapi/v1/capital/withdraw/history", body)
        t = make_venue("binance", binance_server).withdrawal(body[0]["id"], "USDT")
        assert t is not None and (t.status, t.raw_status) == (status, raw)
        assert t.reason == ("TJDENs5435LK4J3" if status in ("failed", "canceled") else None)

    def test_deposit_by_txid(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        venue = make_venue("binance", binance_server)
        t = venue.deposit_by_txid("435kl435jh4354j3k5", "USDT")
        assert t == VenueTransfer(
            id="4534543435", direction="deposit", currency="USDT", status="ok", raw_status="1", network="TRC20",
            chain="tron", amount=D("10"), address="534j5h435j34hk", txid="435kl435jh4354j3k5",
            timestamp=1714923704000,
        )  # fmt: skip
        assert venue.deposit_by_txid("not-there", "USDT") is None
        assert binance_server.count("/sapi/v1/capital/deposit/hisrec") == 1  # memoised within the run
        path, _ = _recorded_path("binance", "fetchDeposits")
        assert binance_server.count(path) == 1

    def test_order_filled(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        rec = entry("binance", "fetchOrder")
        o = make_venue("binance", binance_server).order("3397148653", "LTC/USDT")
        assert o is not None
        assert (o.id, o.symbol, o.side, o.type, o.status, o.raw_status) == (
            "3397148653",
            "LTC/USDT",
            "sell",
            "market",
            "closed",
            "FILLED",
        )
        assert (o.amount, o.filled, o.remaining, o.cost, o.average) == (
            D("0.1"),
            D("0.1"),
            D("0"),
            D("9.08"),
            D("90.8"),
        )
        assert o.time_in_force == "GTC" and o.timestamp == 1679571174472 and o.fills == ()
        parsed = rec["parsedResponse"]
        assert (o.status, o.filled, o.average) == (parsed["status"], _num(parsed["filled"]), _num(parsed["average"]))
        (req,) = [r for r in binance_server.requests if r.path == "/api/v3/order"]
        assert (req.query["symbol"], req.query["orderId"]) == ("LTCUSDT", "3397148653")
        assert req.path == _recorded_path("binance", "fetchOrder")[0]

    def test_order_not_found_is_none(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        # binance's documented answer for an unknown order id
        binance_server.add("GET", "/api/v3/order", {"code": -2013, "msg": "Order does not exist."}, status=400)
        assert make_venue("binance", binance_server).order("1", "LTC/USDT") is None

    def test_open_orders(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        (o,) = make_venue("binance", binance_server).open_orders("LTC/USDT")
        parsed = entry("binance", "fetchOpenOrders")["parsedResponse"][0]
        assert (o.id, o.status, o.raw_status, o.side) == ("3811057334", "open", "NEW", "buy")
        assert (o.price, o.amount, o.filled, o.remaining) == (D("50"), D("0.2"), D("0"), D("0.2"))
        assert o.type == parsed["type"] and o.price == _num(parsed["price"])

    def test_ticker_and_book(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        venue = make_venue("binance", binance_server)
        t = venue.ticker("BTC/USDT")
        assert (t.symbol, t.bid, t.ask, t.last) == ("BTC/USDT", D("73369.83"), D("73369.84"), D("73369.84"))
        book = venue.order_book("BTC/USDT", 5)
        assert book.bids == ((D("42574.3"), D("0.0107")), (D("42574.2"), D("0.00646")))
        assert book.asks[0] == (D("42574.31"), D("0.0087"))
        assert venue.ticker("BTC/USDT") == t and venue.order_book("BTC/USDT", 5) == book  # one request each a run
        (req,) = [r for r in binance_server.requests if r.path == "/api/v3/depth"]
        assert req.query == {"symbol": "BTCUSDT", "limit": "5"}  # as in ccxt's request recording
        assert binance_server.count("/api/v3/ticker/24hr") == 1
        _, recorded = _recorded_path("binance", "fetchOrderBook")
        assert recorded == {"symbol": ["BTCUSDT"], "limit": ["5"]}

    def test_balance(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        venue = make_venue("binance", binance_server)
        assert venue.balance("ltc") == Balance("LTC", D("0.919741"), D("0"), D("0.919741"))
        assert venue.balance("BTC") == Balance("BTC", D("0"), D("0"), D("0"))
        assert venue.balance("DOGE") is None
        assert binance_server.count("/api/v3/account") == 1

    def test_markets(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        markets = make_venue("binance", binance_server).markets()
        assert set(markets) == {"BTC/USDT", "LTC/USDT"}  # spot only, by default
        assert markets["BTC/USDT"] == MarketRule(
            symbol="BTC/USDT", base="BTC", quote="USDT", active=True, amount_step=D("0.00001"), price_tick=D("0.01"),
            min_amount=D("0.00001"), max_amount=D("9000"), min_cost=D("5"), max_cost=D("9000000"),
            min_price=D("0.01"), max_price=D("1000000"), taker_fee=D("0.001"), maker_fee=D("0.001"),
        )  # fmt: skip
        ltc = markets["LTC/USDT"]
        assert (ltc.amount_step, ltc.price_tick, ltc.min_amount, ltc.max_price) == (
            D("0.001"),
            D("0.01"),
            D("0.001"),
            D("100000"),
        )
        assert [r.path for r in binance_server.requests] == ["/sapi/v1/capital/config/getall", "/api/v3/exchangeInfo"]

    def test_networks(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        rules = {r.network: r for r in make_venue("binance", binance_server).networks() if r.currency == "BTC"}
        # ccxt's codes for binance's BSC, BNB, ETH, SEGWITBTC and LIGHTNING network ids
        assert set(rules) == {"BEP20", "BTC", "BEP2", "BTCSEGWIT", "ERC20", "BTCLIGHTNING"}
        assert rules["BTC"] == NetworkRule(
            currency="BTC", network="BTC", chain="bitcoin", deposit_enabled=True, withdraw_enabled=True,
            withdraw_fee=D("0.0001"), withdraw_min=D("0.00015"), deposit_min=D("0.000006"), contract=None,
            confirmations=1, memo_required=False,
        )  # fmt: skip
        bep20 = rules["BEP20"]
        assert (bep20.chain, bep20.withdraw_fee, bep20.withdraw_min, bep20.confirmations) == (
            "bsc",
            D("0.0000088"),
            D("0.000018"),
            15,
        )
        assert bep20.contract == "0x7130d2a12b9bcbfae4f2634d864a1ee1ce3ead9c"
        assert (rules["ERC20"].chain, rules["BTCSEGWIT"].chain) == ("ethereum", "bitcoin")
        assert rules["BTCSEGWIT"].withdraw_enabled is False and rules["BTCSEGWIT"].deposit_enabled is True
        bep2 = rules["BEP2"]  # the retired Beacon Chain: not BSC, withdrawals closed, a memo needed
        assert (bep2.chain, bep2.withdraw_enabled, bep2.memo_required) == (None, False, True)
        assert rules["BTCLIGHTNING"].chain is None


# =================================================================================================== okx


@pytest.mark.usefixtures("keys")
class TestOkx:
    def test_withdrawal_by_id(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        t = make_venue("okx", okx_server).withdrawal("25147041", "USDT")
        assert t == VenueTransfer(
            id="25147041", direction="withdrawal", currency="USDT", status="ok", raw_status="2", network="TRC20",
            chain="tron", amount=D("54.561"), fee=D("0.8"), fee_currency="USDT",
            address="TEY6qjnKDyyq5jDc3DJizWLCdUySrpQ4yp",
            txid="00cff6ec7fa7c7d7d184bd84e82b9ff36863f07c0421188607f87dfa94e06b70", timestamp=1641376485000,
        )  # fmt: skip
        (req,) = okx_server.requests[-1:]
        assert (req.path, req.query) == ("/api/v5/asset/withdrawal-history", {"wdId": "25147041", "ccy": "USDT"})
        assert req.headers["ok-access-key"] == FAKE_KEY
        assert req.headers["ok-access-passphrase"] == FAKE_PASSWORD
        assert req.headers["ok-access-sign"] and FAKE_SECRET not in req.headers["ok-access-sign"]

    def test_withdrawal_by_0x_txid_any_case(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        """fetchWithdrawal knows no such wdId (OKX's empty answer), so the history is searched by txid, and a
        0x hash matches whatever its case."""
        txid = "0x62477BAC6509A04512819BB1455E923A60DEA5966C7CAEAA0B24EB8FB0432B85"
        t = make_venue("okx", okx_server).withdrawal(txid, "ETH")
        assert t is not None
        assert (t.id, t.currency, t.status, t.amount) == ("4703879", "ETH", "ok", D("0.094"))
        assert t.fee is None  # the example's fee is "0.01000000eth": not a number, so none (ccxt agrees)
        assert t.txid == txid.lower()
        assert [r.query.get("wdId") for r in okx_server.requests if "withdrawal" in r.path] == [txid, None]

    @pytest.mark.parametrize(("raw", "status"), [("-2", "canceled"), ("-1", "failed"), ("0", "pending"),
                                                 ("4", "pending"), ("2", "ok")])  # fmt: skip
    def test_withdrawal_statuses(
        self, okx_server: ReplayServer, make_venue: VenueFactory, raw: str, status: str
    ) -> None:
        """Derived from the recorded withdrawal, only its ``state`` changed."""
        body = entry("okx", "fetchWithdrawal")["httpResponse"]
        body["data"][0]["state"] = raw
        okx_server.add("GET", "/api/v5/asset/withdrawal-history", body, query={"wdId": "25147041"})
        t = make_venue("okx", okx_server).withdrawal("25147041", "USDT")
        assert t is not None and (t.status, t.raw_status) == (status, raw)

    def test_deposit_by_txid(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        t = make_venue("okx", okx_server).deposit_by_txid(
            "6d892c669225b1092c780bf0da0c6f912fc7dc8f6b8cc53b003288624c", "usdt"
        )
        assert t is not None
        assert (t.id, t.direction, t.currency, t.status, t.amount) == (
            "4703779",
            "deposit",
            "USDT",
            "ok",
            D("223.18782496"),
        )
        assert t.address == "39kK4XvgEuM7rX9frgyHoZkWqx4iKu1spD"
        (req,) = [r for r in okx_server.requests if r.path == "/api/v5/asset/deposit-history"]
        assert req.query == {"ccy": "USDT"}

    def test_order_filled(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        parsed = entry("okx", "fetchOrder")["parsed"]
        o = make_venue("okx", okx_server).order("1339107111507525632", "LTC/USDT")
        assert o == Order(
            id="1339107111507525632", symbol="LTC/USDT", side="buy", type="market", status="closed",
            raw_status="filled", price=D("101.58"), average=D("101.58"), amount=D("0.1"), filled=D("0.1"),
            remaining=D("0"), cost=D("10.158"), fee=D("0.0001"), fee_currency="LTC", timestamp=1712410901848,
            time_in_force="IOC",
        )  # fmt: skip
        assert (o.cost, o.fee) == (_num(parsed["cost"]), _num(parsed["fee"]["cost"]))
        (req,) = [r for r in okx_server.requests if r.path == "/api/v5/trade/order"]
        assert req.query == {"instId": "LTC-USDT", "ordId": "1339107111507525632"}

    def test_open_swap_order(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        (o,) = make_venue("okx", okx_server, market_types=("spot", "swap")).open_orders("ADA/USDT:USDT")
        assert (o.id, o.symbol, o.status, o.raw_status, o.type, o.time_in_force) == (
            "645348448086081536",
            "ADA/USDT:USDT",
            "open",
            "live",
            "limit",
            "PO",
        )
        assert (o.price, o.amount, o.filled, o.remaining) == (D("0.2"), D("50"), D("0"), D("50"))
        assert okx_server.count("/api/v5/public/instruments") == 2  # SPOT and SWAP

    def test_ticker_book_balance(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        venue = make_venue("okx", okx_server)
        t = venue.ticker("BTC/USDT")
        assert (t.bid, t.ask, t.last) == (D("73384.7"), D("73384.8"), D("73384.8"))
        book = venue.order_book("BTC/USDT", 2)
        assert book.bids == ((D("67973.3"), D("0.05")), (D("67973.2"), D("0.00725939")))
        assert book.asks == ((D("67973.4"), D("1.40848059")), (D("67975.9"), D("0.08292002")))
        btc = venue.balance("BTC")
        parsed = entry("okx", "fetchBalance")["parsed"]["BTC"]
        assert btc == Balance("BTC", _num(parsed["free"]), _num(parsed["used"]), _num(parsed["total"]))
        assert btc is not None and btc.total == D("1.06126645222") and btc.used == btc.total - btc.free
        assert venue.balance("ETH") == Balance("ETH", D("5"), D("0"), D("5"))

    def test_markets_tick_size(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        markets = make_venue("okx", okx_server).markets()
        assert set(markets) == {"BTC/USDT", "LTC/USDT"}
        btc = markets["BTC/USDT"]
        assert (btc.amount_step, btc.price_tick, btc.min_amount, btc.max_cost, btc.min_cost) == (
            D("0.00000001"),
            D("0.1"),
            D("0.00001"),
            D("1000000"),
            None,
        )
        assert markets["LTC/USDT"].amount_step == D("0.000001") and markets["LTC/USDT"].min_amount == D("0.01")
        assert okx_server.count("/api/v5/public/instruments") == 1  # instType=SPOT only

    def test_networks(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        rules = {(r.currency, r.network): r for r in make_venue("okx", okx_server).networks()}
        usdt = {net: r.chain for (cur, net), r in rules.items() if cur == "USDT"}
        assert usdt == {"ERC20": "ethereum", "TRC20": "tron", "MATIC": "polygon", "SOL": "solana",
                        "AVAXC": "avalanche", "OKTC": None}  # fmt: skip
        erc20 = rules[("USDT", "ERC20")]
        assert (erc20.withdraw_min, erc20.confirmations, erc20.deposit_enabled, erc20.withdraw_enabled) == (
            D("2"),
            64,
            True,
            True,
        )
        assert erc20.memo_required is False
        # these rows predate OKX's `fee` field, the one ccxt reads: no fee rather than a guessed one
        assert erc20.withdraw_fee is None
        assert rules[("USDT", "OKTC")].withdraw_enabled is False
        assert rules[("BTC", "BTC")].chain == "bitcoin" and rules[("BTC", "BTC")].withdraw_min == D("0.001")
        lightning = [r for (cur, _), r in rules.items() if cur == "BTC" and "LIGHTNING" in r.network.upper()]
        assert len(lightning) == 1 and lightning[0].chain is None


# ================================================================================================ errors


@pytest.mark.usefixtures("keys")
class TestErrors:
    def test_auth_error_is_redacted(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        body = {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}  # binance's documented answer
        binance_server.add("GET", "/api/v3/account", body, status=401)
        with pytest.raises(VenueAuthError) as exc:
            make_venue("binance", binance_server).balance("BTC")
        e = exc.value
        assert e.exit_code == ExitCode.USAGE
        assert "Invalid API-key" in e.message
        assert "SUPPORTCTL_API_KEY" in (e.hint or "") and "SUPPORTCTL_API_SECRET" in (e.hint or "")
        assert "SUPPORTCTL_API_PASSWORD" not in (e.hint or "")  # binance needs none
        (req,) = [r for r in binance_server.requests if r.path == "/api/v3/account"]
        signature = req.query["signature"]
        for text in (str(e), e.message, e.hint or "", repr(e)):
            _no_secret_in(text)
            assert signature not in text
        assert e.__cause__ is None and e.__suppress_context__

    def test_okx_auth_hint_names_the_password(self, okx_server: ReplayServer, make_venue: VenueFactory) -> None:
        okx_server.add("GET", "/api/v5/account/balance", {"msg": "Invalid OK-ACCESS-KEY", "code": "50111"}, status=401)
        with pytest.raises(VenueAuthError) as exc:
            make_venue("okx", okx_server).balance("BTC")
        assert "SUPPORTCTL_API_PASSWORD" in (exc.value.hint or "")
        _no_secret_in(str(exc.value))

    def test_rate_limited(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        body = {"code": -1003, "msg": "Too many requests; current limit is 6000 request weight per 1 MINUTE."}
        binance_server.add("GET", "/api/v3/ticker/24hr", body, status=429)
        with pytest.raises(VenueRateLimited) as exc:
            make_venue("binance", binance_server).ticker("BTC/USDT")
        assert "back off and retry" in (exc.value.hint or "")
        assert exc.value.exit_code == ExitCode.UNKNOWN

    def test_connection_refused(self, make_venue: VenueFactory) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        venue = make_venue("binance", f"http://127.0.0.1:{port}", timeout=2)
        with pytest.raises(VenueError) as exc:
            venue.ticker("BTC/USDT")
        assert type(exc.value) is VenueError
        assert exc.value.exit_code == ExitCode.UNKNOWN
        _no_secret_in(str(exc.value))

    def test_maintenance_is_unknown(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        binance_server.add("GET", "/api/v3/ticker/24hr", "<html>503 Service Unavailable</html>", status=503,
                           headers={"Content-Type": "text/html"})  # fmt: skip
        with pytest.raises(VenueError) as exc:
            make_venue("binance", binance_server).ticker("BTC/USDT")
        assert type(exc.value) is VenueError and exc.value.exit_code == ExitCode.UNKNOWN

    def test_unknown_symbol(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        with pytest.raises(VenueUnsupported) as exc:
            make_venue("binance", binance_server).ticker("NOPE/USDT")
        assert "NOPE/USDT" in exc.value.message
        assert exc.value.exit_code == ExitCode.USAGE

    def test_unknown_exchange(self) -> None:
        with pytest.raises(VenueUnsupported) as exc:
            CcxtVenue("binanse")
        assert "binance" in (exc.value.hint or "")

    def test_bad_api_url(self) -> None:
        with pytest.raises(ConfigError):
            CcxtVenue("binance", api_url="ftp://example")

    def test_unmatched_requests_are_recorded(self, make_venue: VenueFactory) -> None:
        with ReplayServer() as empty:
            with pytest.raises(VenueError):
                make_venue("binance", empty).markets()
            assert [r.path for r in empty.unmatched] == ["/sapi/v1/capital/config/getall"]


@pytest.mark.usefixtures("no_keys")
@pytest.mark.parametrize(
    ("exchange", "call"),
    [
        ("binance", lambda v: v.balance("BTC")),
        ("binance", lambda v: v.withdrawal("1", "USDT")),
        ("binance", lambda v: v.deposit_by_txid("0xab", None)),
        ("binance", lambda v: v.order("1", "BTC/USDT")),
        ("binance", lambda v: v.open_orders(None)),
        ("okx", lambda v: v.balance("BTC")),
    ],
)
def test_missing_keys_fail_before_any_request(exchange: str, call: Any, make_venue: VenueFactory) -> None:
    with ReplayServer() as server:
        venue = make_venue(exchange, server)
        with pytest.raises(VenueAuthError) as exc:
            call(venue)
        assert server.requests == []
    names = "SUPPORTCTL_API_KEY, SUPPORTCTL_API_SECRET"
    assert names in exc.value.message
    assert ("SUPPORTCTL_API_PASSWORD" in exc.value.message) == (exchange == "okx")


@pytest.mark.usefixtures("no_keys")
def test_networks_without_keys_say_which_keys(binance_server: ReplayServer, make_venue: VenueFactory) -> None:
    """binance lists networks only to signed requests: without keys the answer is not "no networks"."""
    venue = make_venue("binance", binance_server)
    assert set(venue.markets()) == {"BTC/USDT", "LTC/USDT"}  # public: fine
    with pytest.raises(VenueAuthError) as exc:
        venue.networks()
    assert "SUPPORTCTL_API_KEY" in (exc.value.hint or "")
    assert binance_server.count("/sapi/v1/capital/config/getall") == 0


# =============================================================================================== secrets


def test_no_secret_reaches_messages_records_or_logs(
    keys: tuple[str, ...], make_venue: VenueFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with ReplayServer() as b, ReplayServer() as o:
        serve_binance(b)
        from tests.venue_ccxt.conftest import serve_okx

        serve_okx(o)
        binance, okx = make_venue("binance", b), make_venue("okx", o)
        for venue in (binance, okx):
            seen.append(repr(venue))
            seen += [repr(venue.markets()), repr(venue.networks())]
            seen.append(repr(venue.ticker("BTC/USDT")))
            seen.append(repr(venue.order_book("BTC/USDT", 5)))
            seen.append(repr(venue.balance("BTC")))
            seen.append(repr(venue.open_orders(None)))
            seen.append(repr(venue.deposit_by_txid("435kl435jh4354j3k5", "USDT")))
        seen.append(repr(binance.order("3397148653", "LTC/USDT")))
        seen.append(repr(binance.withdrawal("54c1b7543534543fsdfsdf6", "USDT")))
        seen.append(repr(okx.order("1339107111507525632", "LTC/USDT")))
        seen.append(repr(okx.withdrawal("25147041", "USDT")))
        # failures whose ccxt text carries the signed URL
        b.add("GET", "/api/v3/account", {"code": -2015, "msg": "Invalid API-key, IP, or permissions."}, status=401)
        o.add("GET", "/api/v5/trade/order", {"code": "50113", "msg": "Invalid Sign"}, status=401)
        b.add("GET", "/sapi/v1/capital/deposit/hisrec", "bad gateway", status=502)
        fresh_b, fresh_o = make_venue("binance", b), make_venue("okx", o)
        for call in (
            lambda: fresh_b.balance("BTC"),
            lambda: fresh_o.order("1", "LTC/USDT"),
            lambda: fresh_b.deposit_by_txid("x", "USDT"),
        ):
            with pytest.raises(VenueError) as exc:
                call()
            seen += [str(exc.value), exc.value.hint or "", repr(exc.value)]
        assert b.requests and all(r.headers.get("x-mbx-apikey") == FAKE_KEY for r in b.requests if "sapi" in r.path)
    logs = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("GET http://127.0.0.1") for m in logs), "ccxt's request log should pass, redacted"
    for text in seen + logs:
        _no_secret_in(text)
    assert not any("ok-access-sign" in m.lower() and "***" not in m for m in logs)


# ================================================================================================= cache


@pytest.mark.usefixtures("keys")
class TestCache:
    RULES = ("/sapi/v1/capital/config/getall", "/api/v3/exchangeInfo")

    def _rule_requests(self, server: ReplayServer) -> int:
        return sum(server.count(p) for p in self.RULES)

    def test_second_venue_reads_the_cache(
        self, binance_server: ReplayServer, make_venue: VenueFactory, tmp_path: Path
    ) -> None:
        first = make_venue("binance", binance_server)
        markets, networks = first.markets(), first.networks()
        assert self._rule_requests(binance_server) == 2
        second = make_venue("binance", binance_server)
        assert second.markets() == markets and second.networks() == networks
        # ccxt's own markets come from the cache too: a private call needs no loadMarkets request
        order = second.order("3397148653", "LTC/USDT")
        assert order is not None and order.status == "closed"
        assert self._rule_requests(binance_server) == 2
        (cache_file,) = (tmp_path / "cache" / "binance").glob("rules-*.json")
        text = cache_file.read_text()
        for s in SECRETS:
            assert s not in text

    def test_refresh_ignores_the_cache(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        make_venue("binance", binance_server).markets()
        make_venue("binance", binance_server, refresh=True).markets()
        assert self._rule_requests(binance_server) == 4

    def test_expired_cache_is_refetched(self, binance_server: ReplayServer, make_venue: VenueFactory) -> None:
        make_venue("binance", binance_server).markets()
        make_venue("binance", binance_server, ttl=0).markets()
        assert self._rule_requests(binance_server) == 4

    @pytest.mark.parametrize("garbage", ["", "{not json", '{"version": 1}', "[]", '{"version": 1, "created": "x"}'])
    def test_corrupt_cache_is_ignored(
        self, binance_server: ReplayServer, make_venue: VenueFactory, tmp_path: Path, garbage: str
    ) -> None:
        make_venue("binance", binance_server).markets()
        (cache_file,) = (tmp_path / "cache" / "binance").glob("rules-*.json")
        cache_file.write_text(garbage)
        assert set(make_venue("binance", binance_server).markets()) == {"BTC/USDT", "LTC/USDT"}
        assert self._rule_requests(binance_server) == 4
        assert json.loads(cache_file.read_text())["version"] == 1  # rewritten whole

    def test_cache_dir_defaults_to_the_user_cache(self, binance_server: ReplayServer) -> None:
        venue = CcxtVenue("binance", api_url=binance_server.url)  # XDG_CACHE_HOME is a tmp dir (tests/conftest.py)
        venue._exchange.rateLimit = 1
        venue.markets()
        assert "supportctl" in str(venue._cache_file()) and venue._cache_file().exists()
        assert venue._cache_file().parent.name == "binance"


# ========================================================================================== pure helpers


def test_steps_in_every_precision_mode() -> None:
    modes = {"DECIMAL_PLACES": 2, "SIGNIFICANT_DIGITS": 3, "TICK_SIZE": 4}  # ccxt's constants
    assert _step(1e-08, 4, modes) == D("0.00000001")
    assert _step(0.5, 4, modes) == D("0.5")
    assert _step(5, 2, modes) == D("0.00001")
    assert _step(0, 2, modes) == D("1")
    assert _step(-1, 2, modes) == D("10")
    assert _step(2.5, 2, modes) is None
    assert _step(4, 3, modes) is None  # significant digits: the step depends on the value
    assert _step(None, 4, modes) is None and _step(0, 4, modes) is None


@pytest.mark.parametrize(
    ("code", "chain"),
    [("ERC20", "ethereum"), ("BEP20", "bsc"), ("BSC", "bsc"), ("TRC20", "tron"), ("TRX", "tron"),
     ("ARBITRUM", "arbitrum"), ("ARBONE", "arbitrum"), ("MATIC", "polygon"), ("POLYGON", "polygon"),
     ("SOL", "solana"), ("OPTIMISM", "optimism"), ("AVAXC", "avalanche"), ("BASE", "base"), ("BTC", "bitcoin"),
     ("SEGWITBTC", "bitcoin"), ("BTCSEGWIT", "bitcoin"), ("LTC", "litecoin"), ("XRP", "xrp"), ("BEP2", None),
     ("BNB", None), ("LIGHTNING", None), ("BTCLIGHTNING", None), ("TON", None), ("", None), (None, None)],
)  # fmt: skip
def test_network_codes_map_to_chain_keys(code: str | None, chain: str | None) -> None:
    assert network_chain(code) == chain


def test_redact() -> None:
    url = "https://api.binance.com/sapi/v1/capital/deposit/hisrec?timestamp=1&recvWindow=10000&signature=deadbeef00"
    out = scrub_credentials(f"binance GET {url} 401 Unauthorized", [FAKE_KEY])
    assert "deadbeef00" not in out and "timestamp=1" not in out
    assert "https://api.binance.com/sapi/v1/capital/deposit/hisrec" in out
    assert scrub_credentials("sign=abc&x=1 signature=ZZZ") == "sign=***&x=1 signature=***"
    assert scrub_credentials(f"key {FAKE_KEY} secret {FAKE_SECRET}", SECRETS) == "key *** secret ***"
    headers = "{'OK-ACCESS-KEY': 'k1', 'OK-ACCESS-SIGN': 'c2lnbg==', 'OK-ACCESS-PASSPHRASE': 'p', 'Accept': 'json'}"
    out = scrub_credentials(headers)
    assert "k1" not in out and "c2lnbg==" not in out and "'p'" not in out and "'json'" in out
    assert scrub_credentials('{"apiKey": "abc", "amount": "1"}') == '{"apiKey": "***", "amount": "1"}'
    assert (scrub_credentials("/api/v5/trade/order?ordId=1&instId=LTC-USDT failed")
            == "/api/v5/trade/order?<redacted> failed")
    assert scrub_credentials("plain text, nothing to hide", ["", None, "ab"]) == "plain text, nothing to hide"


def test_supported_exchanges() -> None:
    ids = supported_exchanges()
    assert {"binance", "okx", "kraken"} <= set(ids)


# =========================================================================================== import rule


def test_ccxt_is_imported_only_by_venue_code() -> None:
    code = (
        "import sys\n"
        "import supportctl.venue.interface, supportctl.cli, supportctl.venue.ccxt\n"
        "assert 'ccxt' not in sys.modules, sorted(m for m in sys.modules if m.startswith('ccxt'))[:5]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# ============================================================================================ live cache


def test_live_data_is_kept_briefly_and_ccxt_is_not_needed_to_read_it(
    binance_server: ReplayServer, make_venue: VenueFactory, keys: tuple[str, str, str]
) -> None:
    first = make_venue("binance", binance_server, live_ttl=30)
    ticker, balance = first.ticker("BTC/USDT"), first.balance("BTC")
    asked = len(binance_server.requests)
    from supportctl.venue.ccxt import CcxtVenue

    again = CcxtVenue("binance", api_url=binance_server.url, cache_dir=first._cache_dir, live_ttl=30)
    assert again.ticker("BTC/USDT") == ticker and again.balance("BTC") == balance and again.markets()
    assert len(binance_server.requests) == asked  # rules, ticker and balance all from the disk cache
    assert again._ex is None  # ... so ccxt's exchange was never built (nor ccxt imported for it)
    other = CcxtVenue("binance", api_url=binance_server.url, cache_dir=first._cache_dir, live_ttl=30)
    other._creds = {**other._creds, "apiKey": "another-account-key"}
    assert other._live_file(("balance", None), True) != first._live_file(("balance", None), True)  # per account
    assert other._live_file(("ticker", "BTC/USDT"), False) == first._live_file(("ticker", "BTC/USDT"), False)
    stale = make_venue("binance", binance_server, live_ttl=30, refresh=True)
    stale.ticker("BTC/USDT")
    assert len(binance_server.requests) > asked + 1  # --refresh reads live again
