"""The order-check kind: "would this order be accepted?" (before it is placed). The market's rules, the
ticker, the book and the balance it spends; what the facts show and what the reply may say."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from supportctl.core.amounts import fmt
from supportctl.core.config import Config
from supportctl.core.model import Finding, Kind, Lang, Subject, Verdict
from supportctl.kinds.order import _values
from supportctl.venue.interface import Balance, MarketRule, OrderBook, Ticker, Venue, VenueError

KIND = Kind.ORDER_CHECK

PRECEDENCE: tuple[Verdict, ...] = (
    Verdict.MARKET_INACTIVE,
    Verdict.PRECISION_ERROR,
    Verdict.BELOW_MIN_AMOUNT,
    Verdict.ABOVE_MAX,
    Verdict.BELOW_MIN_NOTIONAL,
    Verdict.PRICE_OUT_OF_BAND,
    Verdict.INSUFFICIENT_BALANCE,
    Verdict.HIGH_SLIPPAGE,
    Verdict.UNKNOWN,
    Verdict.OK,
)


@dataclass(frozen=True)
class OrderCheckFacts:
    subject: Subject  # input = "SYMBOL SIDE TYPE AMOUNT [PRICE]"
    config: Config
    symbol: str
    side: str
    type: str
    amount: Decimal
    price: Decimal | None
    market: MarketRule | None
    ticker: Ticker | None
    book: OrderBook | None
    balance: Balance | None  # of what the order spends: the quote for a buy, the base for a sell

    @property
    def reference_price(self) -> Decimal | None:
        """The price the order is judged at: its limit, else the side of the market it would take."""
        if self.price is not None:
            return self.price
        if self.ticker is None:
            return None
        return self.ticker.ask if self.side == "buy" else self.ticker.bid


def gather(venue: Venue, config: Config, subject: Subject, symbol: str, side: str, type_: str,
           amount: Decimal, price: Decimal | None) -> OrderCheckFacts:
    """Threads, not asyncio: with warm caches nothing waits, and asyncio's import (ssl with it) is a fifth of
    the run; when the venue must be asked, ticker, book and balance are fetched at once."""
    from concurrent.futures import ThreadPoolExecutor

    market = venue.markets().get(symbol)

    def optional(fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except VenueError:
            return None

    ticker = book = balance = None
    if market is not None:
        spend = market.quote if side == "buy" else market.base
        with ThreadPoolExecutor(max_workers=3) as pool:
            t = pool.submit(optional, venue.ticker, symbol)
            b = pool.submit(optional, venue.order_book, symbol) if type_ == "market" else None
            bal = pool.submit(optional, venue.balance, spend)
            ticker, book, balance = t.result(), b.result() if b else None, bal.result()
    return OrderCheckFacts(subject, config, symbol, side, type_, amount, price, market, ticker, book, balance)


def shown(facts: OrderCheckFacts, findings: tuple[Finding, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"symbol": facts.symbol, "side": facts.side, "type": facts.type, "amount": fmt(facts.amount)}
    if facts.price is not None:
        out["price"] = fmt(facts.price)
    if facts.ticker is not None:
        t = facts.ticker
        out.update({k: fmt(v) for k, v in (("bid", t.bid), ("ask", t.ask), ("last", t.last)) if v is not None})
    return out


def reply_values(facts: OrderCheckFacts, findings: tuple[Finding, ...], shown: dict[str, Any],
                 lang: Lang) -> dict[str, object]:
    m = facts.market
    base, _, quote = facts.symbol.partition("/")
    return _values(findings, lang, {"symbol": facts.symbol}, base=m.base if m else base, quote=m.quote if m else quote)
