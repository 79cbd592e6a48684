"""ORD001–ORD003 (what became of an order) and OCK001–OCK007 (would an order be accepted): one table per check.

The facts are ``OrderFacts`` / ``OrderCheckFacts`` built from the venue's records (``Order``, ``Fill``, ``Ticker``,
``MarketRule``, ``OrderBook``, ``Balance``); nothing is asked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from supportctl.core.model import Kind, Severity, Subject, Verdict
from supportctl.kinds.order import OrderFacts
from supportctl.kinds.order_check import OrderCheckFacts
from supportctl.venue.interface import Balance, Fill, MarketRule, Order, OrderBook, Ticker

from .build import CONFIG, SKIP, Case, case, config, expect, table

OK, INFO, WARNING, ERROR, UNKNOWN = Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.UNKNOWN
V = Verdict
D = Decimal
SYMBOL = "BTC/USDT"


def order(status: str = "closed", *, side: str = "buy", type: str = "limit", amount: str | None = "1",
          filled: str | None = "1", price: str | None = "100", average: str | None = None,
          fills: tuple[Fill, ...] = (), fee: str | None = None, **kw: Any) -> Order:
    """The venue's order 42: by default a limit buy of 1 BTC at 100 USDT, closed and filled."""
    def dec(x: str | None) -> Decimal | None:
        return None if x is None else Decimal(x)

    return Order("42", SYMBOL, side, type, status, price=dec(price), amount=dec(amount), filled=dec(filled),
                 average=dec(average), fills=fills, fee=dec(fee), **kw)


def ticker(bid: str | None = "99", ask: str | None = "101", last: str | None = "100") -> Ticker:
    def dec(x: str | None) -> Decimal | None:
        return None if x is None else Decimal(x)

    return Ticker(SYMBOL, dec(bid), dec(ask), dec(last))


def about(o: Order | None, t: Ticker | None = None, *, settings: Any = CONFIG) -> OrderFacts:
    """The facts of ``supportctl order 42 --symbol BTC/USDT``."""
    return OrderFacts(Subject(Kind.ORDER, "42", currency=SYMBOL), settings, o, t, SYMBOL)


# ----------------------------------------------------------------------------------------- ORD001 status

ORD001 = table("ORD001", [
    case("filled", about(order()), V.FILLED, OK, "The order to buy 1 BTC/USDT (limit) was filled", status="closed",
         filled="1"),
    case("filled-amount-unknown", about(order(amount=None)), V.FILLED, OK, "The order to buy ? BTC/USDT"),
    case("closed-partly-filled", about(order(filled="0.4")), V.PARTIALLY_FILLED, INFO, "closed with 0.4 filled"),
    case("open", about(order("open", filled="0")), V.OPEN, INFO, "is open with 0 filled"),
    case("open-nothing-said-filled", about(order("open", filled=None)), V.OPEN, INFO, "is open with 0 filled"),
    case("open-partly-filled", about(order("open", filled="0.25")), V.PARTIALLY_FILLED, INFO,
         "is open with 0.25 filled"),
    case("canceled-after-fills", about(order("canceled", filled="0.4")), V.CANCELED, ERROR,
         "was canceled after 0.4 had filled"),
    case("canceled-nothing-filled", about(order("canceled", filled="0")), V.CANCELED, ERROR,
         "was canceled, nothing filled"),
    case("expired", about(order("expired", filled="0", time_in_force="IOC")), V.EXPIRED, ERROR,
         "expired (IOC) with 0 filled"),
    case("rejected", about(order("rejected", filled="0", side="sell", type="market", price=None)), V.REJECTED, ERROR,
         "The venue rejected the order to sell 1 BTC/USDT (market)"),
    case("status-unmapped", about(order("triggered", raw_status="TRIGGERED")), V.UNKNOWN, UNKNOWN,
         "The venue's order status 'TRIGGERED' is not one supportctl knows"),
    case("not-found", about(None), V.NOT_FOUND, ERROR, "The venue has no order 42 on BTC/USDT"),
])


@pytest.mark.parametrize("row", ORD001)
def test_ord001_status(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------- ORD002 market distance

RESTING = order("open", filled="0", price="97.5")

ORD002 = table("ORD002", [
    case("buy-below-the-ask", about(RESTING, ticker(ask="100")), None, INFO,
         "The buy limit 97.5 is 2.5% below the best ask 100: the price has to fall that far before it fills",
         distance="2.5%", price="97.5", ask="100"),
    case("buy-at-or-above-the-ask", about(order("open", filled="0", price="101"), ticker()), None, INFO,
         "The buy limit 101 is at or above the best ask 101: it should be filling"),
    case("sell-above-the-bid", about(order("open", filled="0", side="sell", price="110"), ticker(bid="100")),
         None, INFO,
         "The sell limit 110 is 10% above the best bid 100: the price has to rise that far", bid="100"),
    case("sell-at-or-below-the-bid", about(order("open", filled="0", side="sell", price="98"), ticker()), None, INFO,
         "is at or below the best bid 99: it should be filling"),
    case("not-open", about(order(), ticker()), None, SKIP),
    case("market-order-has-no-price", about(order("open", type="market", price=None), ticker()), None, SKIP),
    case("no-ticker", about(RESTING), None, SKIP),
    case("no-ask-in-the-ticker", about(RESTING, ticker(ask=None)), None, SKIP),
    case("not-found", about(None, ticker()), None, SKIP),
])


@pytest.mark.parametrize("row", ORD002)
def test_ord002_market_distance(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------------ ORD003 fills

ORD003 = table("ORD003", [
    case("limit-buy-better-than-the-limit", about(order(average="99", fee="0.1", fee_currency="USDT")), None, OK,
         "Filled 1 at an average 99, better than the limit 100, fee 0.1 USDT", limit="100", average="99", fee="0.1"),
    case("limit-buy-at-the-limit", about(order(average="100")), None, OK, "at the limit 100"),
    case("limit-buy-worse-than-the-limit", about(order(average="100.5")), None, WARNING,
         "average 100.5, worse than the limit 100"),
    case("limit-sell-better-than-the-limit", about(order(side="sell", average="101")), None, OK,
         "better than the limit 100"),
    case("market-buy-within-the-slippage", about(order(type="market", price=None, average="100.5",
                                                       fills=(Fill(D("100"), D("0.5")), Fill(D("101"), D("0.5"))))),
         None, INFO, "Filled 1 at an average 100.5; the best fill was 100: slippage 0.5%", best_fill="100",
         slippage="0.5%"),
    case("market-buy-beyond-the-slippage", about(order(type="market", price=None, average="103",
                                                       fills=(Fill(D("100"), D("0.5")), Fill(D("106"), D("0.5"))))),
         None, WARNING, "slippage 3%"),
    case("the-venue's-slippage-setting", about(order(type="market", price=None, average="103",
                                                     fills=(Fill(D("100"), D("0.5")), Fill(D("106"), D("0.5")))),
                                               settings=config(max_slippage="0.05")),
         None, INFO, "slippage 3%"),
    case("market-sell-best-is-the-highest", about(order(type="market", side="sell", price=None, average="99",
                                                        fills=(Fill(D("100"), D("0.5")), Fill(D("98"), D("0.5"))))),
         None, INFO, "the best fill was 100: slippage 1%"),
    case("market-no-fills-listed", about(order(type="market", price=None, average="100")), None, INFO,
         "Filled 1 at an average 100"),
    case("nothing-filled", about(order("open", filled="0", average="100")), None, SKIP),
    case("no-average", about(order(average=None)), None, SKIP),
    case("not-found", about(None), None, SKIP),
])


@pytest.mark.parametrize("row", ORD003)
def test_ord003_fills(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------------ order check

MARKET = MarketRule(SYMBOL, "BTC", "USDT", active=True, amount_step=D("0.001"), price_tick=D("0.01"),
                    min_amount=D("0.001"), max_amount=D("100"), min_cost=D("10"), max_cost=D("1000000"))
BOOK = OrderBook(SYMBOL, bids=((D("99"), D("1")), (D("98"), D("1"))), asks=((D("101"), D("1")), (D("102"), D("1"))))


def rule(**kw: Any) -> MarketRule:
    from dataclasses import replace

    return replace(MARKET, **kw)


def would(side: str, type: str, amount: str, price: str | None = None, *, market: MarketRule | None = MARKET,
          tick: Ticker | None = None, book: OrderBook | None = BOOK, free: str | None = "1000000",
          used: str | None = None, settings: Any = CONFIG, no_balance: bool = False) -> OrderCheckFacts:
    """The facts of ``supportctl order check "BTC/USDT side type amount [price]"``; the ticker is bid 99 / ask 101
    / last 100 unless given."""
    text = f"{SYMBOL} {side} {type} {amount} {price or ''}".strip()
    balance = None if no_balance else Balance("USDT" if side == "buy" else "BTC", None if free is None else D(free),
                                              None if used is None else D(used), None)
    return OrderCheckFacts(Subject(Kind.ORDER_CHECK, text, currency=SYMBOL), settings, SYMBOL, side, type, D(amount),
                           None if price is None else D(price), market, ticker() if tick is None else tick, book,
                           balance)


# ----------------------------------------------------------------------------------------- OCK001 market

OCK001 = table("OCK001", [
    case("trading", would("buy", "limit", "1", "100"), V.OK, OK, "BTC/USDT is trading"),
    case("active-not-said", would("buy", "limit", "1", "100", market=rule(active=None)), V.OK, OK, "is trading"),
    case("inactive", would("buy", "limit", "1", "100", market=rule(active=False)), V.MARKET_INACTIVE, ERROR,
         "BTC/USDT is not trading on the venue (inactive)"),
    case("no-such-market", would("buy", "limit", "1", "100", market=None), V.UNKNOWN, UNKNOWN,
         "The venue lists no market BTC/USDT", symbol=SYMBOL),
])


@pytest.mark.parametrize("row", OCK001)
def test_ock001_market(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- OCK002 precision

OCK002 = table("OCK002", [
    case("amount-off-the-step", would("buy", "limit", "0.12345", "100"), V.PRECISION_ERROR, ERROR,
         "Amount 0.12345 is not a multiple of the step 0.001: use 0.123", corrected_amount="0.123"),
    case("buy-price-off-the-tick-rounds-down", would("buy", "limit", "1", "100.005"), V.PRECISION_ERROR, ERROR,
         "Price 100.005 is not a multiple of the tick 0.01: use 100", corrected_price="100"),
    case("sell-price-off-the-tick-rounds-up", would("sell", "limit", "1", "100.005"), V.PRECISION_ERROR, ERROR,
         "use 100.01", corrected_price="100.01"),
    case("both-off-amount-reported", would("buy", "limit", "0.0015", "100.005"), V.PRECISION_ERROR, ERROR,
         "Amount 0.0015 is not a multiple"),
    case("both-off-price-reported", would("buy", "limit", "0.0015", "100.005"), V.PRECISION_ERROR, ERROR,
         "Price 100.005 is not a multiple"),
    case("market-order-amount-only", would("sell", "market", "0.0015"), V.PRECISION_ERROR, ERROR,
         "use 0.001"),
    case("on-the-step-and-tick", would("buy", "limit", "0.123", "100.01"), None, SKIP),
    case("no-step-or-tick", would("buy", "limit", "0.12345", "100.005", market=rule(amount_step=None,
                                                                                   price_tick=None)), None, SKIP),
    case("no-such-market", would("buy", "limit", "0.12345", "100.005", market=None), None, SKIP),
])


@pytest.mark.parametrize("row", OCK002)
def test_ock002_precision(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------- OCK003 amount limits

OCK003 = table("OCK003", [
    case("below-the-minimum", would("buy", "limit", "0.0005", "100"), V.BELOW_MIN_AMOUNT, ERROR,
         "Amount 0.0005 is below the minimum 0.001 BTC", min_amount="0.001"),
    case("above-the-maximum", would("sell", "limit", "150", "100"), V.ABOVE_MAX, ERROR,
         "Amount 150 is above the maximum 100 BTC", max_amount="100"),
    case("at-the-limits", would("buy", "limit", "0.001", "100"), None, SKIP),
    case("no-limits", would("buy", "limit", "0.0005", "100", market=rule(min_amount=None, max_amount=None)),
         None, SKIP),
    case("no-such-market", would("buy", "limit", "0.0005", "100", market=None), None, SKIP),
])


@pytest.mark.parametrize("row", OCK003)
def test_ock003_amount_limits(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------- OCK004 notional

OCK004 = table("OCK004", [
    case("below-the-minimum-value", would("buy", "limit", "0.05", "100"), V.BELOW_MIN_NOTIONAL, ERROR,
         "Order value 5 USDT is below the minimum 10 USDT: at this price the amount must be at least 0.1",
         cost="5", min_cost="10", min_amount_at_price="0.1"),
    case("the-smallest-amount-is-rounded-up-to-the-step", would("buy", "limit", "0.05", "30"), V.BELOW_MIN_NOTIONAL,
         ERROR, "the amount must be at least 0.334"),
    case("above-the-maximum-value", would("buy", "limit", "1", "100", market=rule(max_cost=D("50"))), V.ABOVE_MAX,
         ERROR, "Order value 100 USDT is above the maximum 50 USDT"),
    case("market-buy-valued-at-the-ask", would("buy", "market", "0.05", tick=ticker(ask="150")),
         V.BELOW_MIN_NOTIONAL, ERROR, "Order value 7.5 USDT"),
    case("market-sell-valued-at-the-bid", would("sell", "market", "0.05", tick=ticker(bid="180")),
         V.BELOW_MIN_NOTIONAL, ERROR, "Order value 9 USDT"),
    case("no-price-to-value-it-at", would("buy", "market", "0.05", tick=ticker(ask=None)), V.UNKNOWN, UNKNOWN,
         "No price to value the order at"),
    case("enough", would("buy", "limit", "0.1", "100"), None, SKIP),
    case("no-value-limits", would("buy", "limit", "0.05", "100", market=rule(min_cost=None, max_cost=None)), None,
         SKIP),
    case("no-such-market", would("buy", "limit", "0.05", "100", market=None), None, SKIP),
])


@pytest.mark.parametrize("row", OCK004)
def test_ock004_notional(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------- OCK005 price band

OCK005 = table("OCK005", [
    case("below-the-market's-minimum-price", would("buy", "limit", "1", "5", market=rule(min_price=D("10"),
                                                                                        max_price=D("1000"))),
         V.PRICE_OUT_OF_BAND, ERROR, "Price 5 is outside the market's limits 10–1000", price="5"),
    case("above-the-market's-maximum-price", would("sell", "limit", "1", "2000", market=rule(max_price=D("1000"))),
         V.PRICE_OUT_OF_BAND, ERROR, "outside the market's limits -–1000"),
    case("too-far-from-the-market", would("buy", "limit", "1", "85"), V.PRICE_OUT_OF_BAND, ERROR,
         "Price 85 is 15% from the market 100; the venue accepts within 10%", market="100", distance="15%"),
    case("the-bid-when-there-is-no-last", would("sell", "limit", "1", "120", tick=ticker(last=None, bid="100")),
         V.PRICE_OUT_OF_BAND, ERROR, "is 20% from the market 100"),
    case("the-venue's-band-setting", would("buy", "limit", "1", "85", settings=config(price_band="0.20")), None, SKIP),
    case("within-the-band", would("buy", "limit", "1", "95"), None, SKIP),
    case("no-ticker-price", would("buy", "limit", "1", "95", tick=ticker(bid=None, ask=None, last=None)),
         V.UNKNOWN, UNKNOWN, "No market price to check the limit against"),
    case("market-order", would("buy", "market", "1"), None, SKIP),
    case("no-such-market", would("buy", "limit", "1", "5", market=None), None, SKIP),
])


@pytest.mark.parametrize("row", OCK005)
def test_ock005_price_band(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------------- OCK006 balance

OCK006 = table("OCK006", [
    case("buy-short-of-quote", would("buy", "limit", "5", "100", free="100", used="50"), V.INSUFFICIENT_BALANCE, ERROR,
         "Needs 500 USDT, 100 USDT is free; 50 USDT is locked in open orders", needed="500", free="100", used="50",
         currency="USDT"),
    case("sell-short-of-base", would("sell", "limit", "2", "100", free="1.5"), V.INSUFFICIENT_BALANCE, ERROR,
         "Needs 2 BTC, 1.5 BTC is free", currency="BTC"),
    case("market-buy-costed-at-the-ask", would("buy", "market", "1", free="100"), V.INSUFFICIENT_BALANCE, ERROR,
         "Needs 101 USDT, 100 USDT is free"),
    case("enough", would("buy", "limit", "1", "100", free="100"), None, OK,
         "100 USDT free covers the 100 USDT needed", needed="100"),
    case("enough-with-some-locked", would("sell", "limit", "1", "100", free="2", used="3"), None, OK,
         "2 BTC free covers the 1 BTC needed; 3 BTC is locked in open orders"),
    case("balance-unreadable", would("buy", "limit", "1", "100", no_balance=True), V.UNKNOWN, UNKNOWN,
         "The balance could not be read"),
    case("free-unknown", would("buy", "limit", "1", "100", free=None), V.UNKNOWN, UNKNOWN,
         "The balance could not be read"),
    case("market-buy-without-a-price", would("buy", "market", "1", tick=ticker(ask=None)), V.UNKNOWN, UNKNOWN,
         "No price to tell what the buy would cost"),
    case("no-such-market", would("buy", "limit", "5", "100", market=None, free="0"), None, SKIP),
])


@pytest.mark.parametrize("row", OCK006)
def test_ock006_balance(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------- OCK007 slippage

DEEP = OrderBook(SYMBOL, bids=((D("99.9"), D("10")),), asks=((D("100.0"), D("1")), (D("100.5"), D("10"))))
STEEP = OrderBook(SYMBOL, bids=((D("100"), D("1")), (D("96"), D("1"))), asks=((D("100"), D("1")), (D("104"), D("1"))))

OCK007 = table("OCK007", [
    case("within-the-limit", would("buy", "market", "2", book=DEEP), None, OK,
         "Expected slippage 0.25% (average 100.25, best 100)", best="100", slippage="0.25%"),
    case("sell-walks-the-bids", would("sell", "market", "2"), None, OK, "Expected slippage 0.51%"),
    case("beyond-the-limit", would("buy", "market", "2", book=STEEP), V.HIGH_SLIPPAGE, ERROR,
         "A market order would fill at an average 102 against the best 100: slippage 2%", slippage="2%"),
    case("beyond-the-limit-selling", would("sell", "market", "2", book=STEEP), V.HIGH_SLIPPAGE, ERROR,
         "an average 98 against the best 100: slippage 2%"),
    case("the-venue's-slippage-setting", would("buy", "market", "2", book=STEEP, settings=config(max_slippage="0.05")),
         None, OK, "Expected slippage 2%"),
    case("the-book-is-too-thin", would("buy", "market", "5"), V.HIGH_SLIPPAGE, ERROR,
         "The book holds only 2 of the 5 wanted within the levels read", available="2"),
    case("an-empty-side", would("sell", "market", "1", book=OrderBook(SYMBOL, bids=(), asks=BOOK.asks)),
         V.HIGH_SLIPPAGE, ERROR, "The order book is empty on that side"),
    case("book-unreadable", would("buy", "market", "1", book=None), V.UNKNOWN, UNKNOWN,
         "The order book could not be read: the slippage is unknown"),
    case("limit-order", would("buy", "limit", "5", "100"), None, SKIP),
    # Selling 2 into bids 99 and 98 averages 98.5; the average is rounded to the best price's exponent (whole
    # numbers here), so the finding says "average 98" beside a slippage (0.51%) that only 98.5 gives.
    case("the-average-keeps-its-precision", would("sell", "market", "2"), None, OK, "average 98.5, best 99"),
])


@pytest.mark.parametrize("row", OCK007)
def test_ock007_slippage(row: Case) -> None:
    expect(row)
