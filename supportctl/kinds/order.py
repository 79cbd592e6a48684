"""The order kind: "what became of my order?". The venue's order record and, for a resting order, where the
market is; what the facts show and what the reply may say."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from supportctl.core.amounts import fmt
from supportctl.core.config import Config
from supportctl.core.model import Finding, Kind, Lang, Subject, Verdict
from supportctl.venue.interface import Order, Ticker, Venue, VenueError

KIND = Kind.ORDER

PRECEDENCE: tuple[Verdict, ...] = (
    Verdict.NOT_FOUND,
    Verdict.REJECTED,
    Verdict.EXPIRED,
    Verdict.CANCELED,
    Verdict.UNKNOWN,
    Verdict.PARTIALLY_FILLED,
    Verdict.OPEN,
    Verdict.FILLED,
)


@dataclass(frozen=True)
class OrderFacts:
    subject: Subject
    config: Config
    order: Order | None
    ticker: Ticker | None  # for open orders: where the market is
    symbol: str = ""  # the market, BASE/QUOTE


def gather(venue: Venue, config: Config, subject: Subject, symbol: str) -> OrderFacts:
    order = venue.order(subject.input, symbol)
    ticker: Ticker | None = None
    if order is not None and order.status == "open":
        try:
            ticker = venue.ticker(symbol)
        except VenueError:
            ticker = None  # the distance finding is skipped; the status stands on its own
    return OrderFacts(subject, config, order, ticker, symbol)


def shown(facts: OrderFacts, findings: tuple[Finding, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": facts.subject.input, "symbol": facts.symbol}
    order = facts.order
    if order is not None:
        out.update({k: (fmt(v) if isinstance(v, Decimal) else v) for k, v in {
            "side": order.side, "type": order.type, "status": order.status, "venue_status": order.raw_status,
            "price": order.price, "average": order.average, "amount": order.amount, "filled": order.filled,
            "remaining": order.remaining, "fee": order.fee, "fee_currency": order.fee_currency,
        }.items() if v is not None})
    return out


def reply_values(facts: OrderFacts, findings: tuple[Finding, ...], shown: dict[str, Any],
                 lang: Lang) -> dict[str, object]:
    symbol = facts.symbol
    values: dict[str, object] = {"symbol": symbol}
    if facts.order is not None:
        values["order"] = f"{facts.order.side} {shown.get('amount', '')} {symbol}".replace("  ", " ")
        filled, average = shown.get("filled"), shown.get("average")
        quote = symbol.split("/")[-1]
        if lang is Lang.ZH:
            values["filled_line"] = f"（已成交 {filled}）" if filled else None
            values["average_line"] = f"，成交均价 {average} {quote}" if average else None
        else:
            values["filled_line"] = f" ({filled} filled)" if filled else None
            values["average_line"] = f" at an average price of {average} {quote}" if average else None
    return _values(findings, lang, values)


def _values(findings: tuple[Finding, ...], lang: Lang, values: dict[str, object]) -> dict[str, object]:
    """The reply values both order kinds take from their findings: distance, slippage, balance, the fix."""
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
    return values
