"""Fixtures for the ccxt venue: replay servers loaded with recorded binance and okx responses, fake keys, and a
factory that points a ``CcxtVenue`` at a server through ``api_url`` (ccxt's real HTTP path, signing included).

Every file under ``data/<exchange>/`` keeps the ``source`` of what it holds (repository, path, commit).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.venue_ccxt.replay import ReplayServer

DATA = Path(__file__).parent / "data"

FAKE_KEY = "test-key-AKIAFAKE123"
FAKE_SECRET = "test-secret-XYZ987"
FAKE_PASSWORD = "test-pass-QWE456"
SECRETS = (FAKE_KEY, FAKE_SECRET, FAKE_PASSWORD)


@cache
def _read(exchange: str, name: str) -> Any:
    return json.loads((DATA / exchange / f"{name}.json").read_text("utf-8"))


def data(exchange: str, name: str) -> Any:
    """A data file, as a fresh copy (tests may change it)."""
    return json.loads(json.dumps(_read(exchange, name)))


def entry(exchange: str, method: str) -> dict[str, Any]:
    """One recorded entry of ``data/<exchange>/responses.json``: source, input, httpResponse, parsed …"""
    result: dict[str, Any] = data(exchange, "responses")["entries"][method]
    return result


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, str]:
    monkeypatch.setenv("SUPPORTCTL_API_KEY", FAKE_KEY)
    monkeypatch.setenv("SUPPORTCTL_API_SECRET", FAKE_SECRET)
    monkeypatch.setenv("SUPPORTCTL_API_PASSWORD", FAKE_PASSWORD)
    return SECRETS


@pytest.fixture
def no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SUPPORTCTL_API_KEY", "SUPPORTCTL_API_SECRET", "SUPPORTCTL_API_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def serve_binance(server: ReplayServer) -> None:
    """The endpoints ccxt's binance class calls (learnt from the server's unmatched log), with recorded answers."""
    server.add("GET", "/api/v3/exchangeInfo", data("binance", "exchangeInfo")["response"])
    server.add("GET", "/sapi/v1/capital/config/getall", data("binance", "capital_config_getall")["response"])
    for method, path in (
        ("fetchOrder", "/api/v3/order"),
        ("fetchOpenOrders", "/api/v3/openOrders"),
        ("fetchBalance", "/api/v3/account"),
        ("fetchOrderBook", "/api/v3/depth"),
        ("fetchTicker", "/api/v3/ticker/24hr"),
        ("fetchWithdrawals", "/sapi/v1/capital/withdraw/history"),
        ("fetchDeposits", "/sapi/v1/capital/deposit/hisrec"),
    ):
        server.add("GET", path, entry("binance", method)["httpResponse"])


def serve_okx(server: ReplayServer) -> None:
    instruments = data("okx", "instruments")
    server.add("GET", "/api/v5/public/instruments", instruments["SPOT"], query={"instType": "SPOT"})
    server.add("GET", "/api/v5/public/instruments", instruments["SWAP"], query={"instType": "SWAP"})
    server.add("GET", "/api/v5/asset/currencies", data("okx", "currencies")["response"])
    for method, path in (
        ("fetchOrder", "/api/v5/trade/order"),
        ("fetchOpenOrders", "/api/v5/trade/orders-pending"),
        ("fetchBalance", "/api/v5/account/balance"),
        ("fetchOrderBook", "/api/v5/market/books"),
        ("fetchTicker", "/api/v5/market/ticker"),
        ("fetchDeposits", "/api/v5/asset/deposit-history"),
    ):
        server.add("GET", path, entry("okx", method)["httpResponse"])
    # withdrawal-history answers fetchWithdrawal (wdId=…) and fetchWithdrawals (no wdId); an id it does not know
    # gets OKX's empty envelope
    history = "/api/v5/asset/withdrawal-history"
    server.add("GET", history, {"code": "0", "data": [], "msg": ""}, query=lambda q: "wdId" in q)
    server.add("GET", history, entry("okx", "fetchWithdrawal")["httpResponse"], query={"wdId": "25147041"})
    server.add("GET", history, entry("okx", "fetchWithdrawals")["httpResponse"], query=lambda q: "wdId" not in q)


@pytest.fixture
def binance_server() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        serve_binance(server)
        yield server


@pytest.fixture
def okx_server() -> Iterator[ReplayServer]:
    with ReplayServer() as server:
        serve_okx(server)
        yield server


VenueFactory = Callable[..., Any]


@pytest.fixture
def make_venue(tmp_path: Path) -> VenueFactory:
    """``make_venue("binance", server, **kw)``: a CcxtVenue whose REST URLs all point at the replay server, with
    its cache in this test's tmp dir. ccxt's rate limiter is set to 1 ms: there is no real venue to spare."""
    from supportctl.venue.ccxt import CcxtVenue

    def make(exchange: str, server: ReplayServer | str, **kw: Any) -> CcxtVenue:
        url = server if isinstance(server, str) else server.url
        kw.setdefault("cache_dir", tmp_path / "cache" / exchange)
        kw.setdefault("live_ttl", 0)  # every venue here asks the server; the live cache has its own test
        venue = CcxtVenue(exchange, api_url=url, **kw)
        venue._exchange.rateLimit = 1
        return venue

    return make
