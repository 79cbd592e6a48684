"""The order kind: "what became of my order?". The venue's order record and, for a resting order, where the
market is; what the facts show and what the reply may say."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from supportctl import replies
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
    """What the reply may say; numbers stay ``Decimal`` (the order's own) for the reply to write in the
    customer's locale."""
    symbol = facts.symbol
    values: dict[str, object] = {"symbol": symbol}
    order = facts.order
    if order is not None:
        side = order.side
        values["order"] = replies.fragment(
            lang, ("order", "order_no_amount"), amount=order.amount, symbol=symbol,
            side=replies.fragment(lang, f"side_{side}") if side in ("buy", "sell") else side)
        values["filled_line"] = replies.fragment(lang, "filled_line", filled=order.filled)
        values["average_line"] = replies.fragment(lang, "average_line", average=order.average,
                                                  quote=symbol.split("/")[-1])
    return _values(findings, lang, values)


def _values(findings: tuple[Finding, ...], lang: Lang, values: dict[str, object], base: str | None = None,
            quote: str | None = None) -> dict[str, object]:
    """The reply values both order kinds take from their findings: distance, slippage, balance, the fix.
    Only values (the evidence's decimal strings read back as numbers): the words and the locale's way of writing
    numbers are the ``replies``'."""
    for f in findings:
        for key in ("distance", "slippage"):
            if key in f.evidence:
                values[key] = replies.as_percent(f.evidence[key])
        ev = f.evidence
        if f.check == "OCK006":
            values["balance_line"] = replies.fragment(
                lang, "balance_line", needed=replies.as_decimal(ev.get("needed")),
                free=replies.as_decimal(ev.get("free")), currency=ev.get("currency"))
    steps = [step for f in findings if f.verdict is not None and f.severity == "error"
             for step in _fix_steps(f, base, quote)]
    values["fix"] = replies.fix(lang, _coherent(steps))
    return values


_RAISES = {"fix_min_amount": "min_amount", "fix_min_notional": "min_amount_at_price"}


def _coherent(steps: list[tuple[str, dict[str, object]]]) -> list[tuple[str, dict[str, object]]]:
    """The steps as one instruction: of the minimums the largest (it passes the others); the step-rounded
    amount only when it is within the limits ("change the amount to 0; raise it to at least 0.00001" would
    contradict itself)."""
    def floor_of(step: tuple[str, dict[str, object]]) -> Decimal:
        return Decimal(str(step[1][_RAISES[step[0]]]))

    raises = [step for step in steps if step[0] in _RAISES]
    chosen = max(raises, key=floor_of) if raises else None
    floor = floor_of(chosen) if chosen else None
    ceiling = min((Decimal(str(v["max_amount"])) for n, v in steps if n == "fix_max_amount"), default=None)
    out = []
    for step in steps:
        name, v = step
        if name in _RAISES and step is not chosen:
            continue
        if name == "fix_amount_step":
            amount = Decimal(str(v["corrected_amount"]))
            if (floor is not None and amount < floor) or (ceiling is not None and amount > ceiling):
                continue
        out.append(step)
    return out


def _fix_steps(f: Finding, base: str | None, quote: str | None) -> list[tuple[str, dict[str, object]]]:
    """How to change the order so this finding passes, as ``replies`` fragment names and the values they take
    from the finding's evidence (never its message: that is the agent's English). A finding with no
    structured fix gives no step; nor does the balance (OCK006), which is not a market rule and has its own
    reply (``balance_line``). Numbers as ``Decimal``, for the reply to write in the customer's locale."""
    ev = {k: replies.as_decimal(v) for k, v in f.evidence.items()}
    if f.check == "OCK002":
        if "corrected_amount" in ev:
            return [("fix_amount_step", {"corrected_amount": ev["corrected_amount"], "step": ev.get("step")})]
        if "corrected_price" in ev:
            return [("fix_price_tick", {"corrected_price": ev["corrected_price"], "tick": ev.get("tick")})]
    elif f.check == "OCK003":
        if "min_amount" in ev:
            return [("fix_min_amount", {"min_amount": ev["min_amount"], "base": base})]
        if "max_amount" in ev:
            return [("fix_max_amount", {"max_amount": ev["max_amount"], "base": base})]
    elif f.check == "OCK004":
        if "min_amount_at_price" in ev:
            return [("fix_min_notional", {"min_amount_at_price": ev["min_amount_at_price"],
                                          "min_cost": ev.get("min_cost"), "base": base, "quote": quote})]
        if "max_cost" in ev:
            return [("fix_max_notional", {"max_cost": ev["max_cost"], "quote": quote})]
    elif f.check == "OCK005":
        if "market" in ev:
            return [("fix_price_band", {"market": ev["market"], "quote": quote})]
        return [("fix_price_limits", {})]
    return []
