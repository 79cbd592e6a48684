"""The order pipelines: what became of an order, and whether an order would be accepted (order check)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from supportctl import checks, replies
from supportctl.checks.order import OrderCheckFacts, OrderFacts
from supportctl.core.amounts import fmt
from supportctl.core.config import Config
from supportctl.core.decide import decide
from supportctl.core.model import Diagnosis, Finding, Kind, Lang, Subject
from supportctl.venue.interface import Ticker, Venue, VenueError


def _run(kind: Kind, facts: Any, subject: Subject, shown: dict[str, Any], lang: Lang,
         values: dict[str, object]) -> Diagnosis:
    findings: tuple[Finding, ...] = checks.run_all(kind, facts)
    verdict, decisive = decide(kind, findings)
    for f in findings:
        for key in ("distance", "slippage"):
            if key in f.evidence:
                values[key] = f.evidence[key]
        ev = f.evidence
        if f.check == "OCK006" and "needed" in ev and "free" in ev:
            cur = ev.get("currency", "")
            values["balance_line"] = (
                f"（需要 {ev['needed']} {cur}，可用 {ev['free']} {cur}）" if lang is Lang.ZH
                else f": it needs {ev['needed']} {cur} and {ev['free']} {cur} is available"
            )
    fixes = [f.message.split(": ", 1)[-1] for f in findings if f.verdict is not None and f.severity == "error"]
    if fixes and lang is Lang.EN:
        values["fix"] = "To pass: " + "; ".join(fixes) + "."
    reply = replies.render(kind, verdict, lang, values)
    summary = decisive.message if decisive else "No check could reach a verdict"
    return Diagnosis(subject, verdict, summary, shown, findings, reply, lang)


def order_status(venue: Venue, config: Config, subject: Subject, symbol: str, lang: Lang) -> Diagnosis:
    order = venue.order(subject.input, symbol)
    ticker: Ticker | None = None
    if order is not None and order.status == "open":
        try:
            ticker = venue.ticker(symbol)
        except VenueError:
            ticker = None  # the distance finding is skipped; the status stands on its own
    facts = OrderFacts(subject, config, order, ticker)
    shown: dict[str, Any] = {"id": subject.input, "symbol": symbol}
    values: dict[str, object] = {"symbol": symbol}
    if order is not None:
        shown.update({k: (fmt(v) if isinstance(v, Decimal) else v) for k, v in {
            "side": order.side, "type": order.type, "status": order.status, "venue_status": order.raw_status,
            "price": order.price, "average": order.average, "amount": order.amount, "filled": order.filled,
            "remaining": order.remaining, "fee": order.fee, "fee_currency": order.fee_currency,
        }.items() if v is not None})
        values["order"] = f"{order.side} {shown.get('amount', '')} {symbol}".replace("  ", " ")
        filled, average = shown.get("filled"), shown.get("average")
        quote = symbol.split("/")[-1]
        if lang is Lang.ZH:
            values["filled_line"] = f"（已成交 {filled}）" if filled else None
            values["average_line"] = f"，成交均价 {average} {quote}" if average else None
        else:
            values["filled_line"] = f" ({filled} filled)" if filled else None
            values["average_line"] = f" at an average price of {average} {quote}" if average else None
    return _run(Kind.ORDER, facts, subject, shown, lang, values)


def order_check(venue: Venue, config: Config, subject: Subject, symbol: str, side: str, type_: str,
                amount: Decimal, price: Decimal | None, lang: Lang) -> Diagnosis:
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
    facts = OrderCheckFacts(subject, config, symbol, side, type_, amount, price, market, ticker, book, balance)
    shown: dict[str, Any] = {"symbol": symbol, "side": side, "type": type_, "amount": fmt(amount)}
    if price is not None:
        shown["price"] = fmt(price)
    if ticker is not None:
        shown.update({k: fmt(v) for k, v in (("bid", ticker.bid), ("ask", ticker.ask), ("last", ticker.last))
                      if v is not None})
    return _run(Kind.ORDER_CHECK, facts, subject, shown, lang, {"symbol": symbol})
