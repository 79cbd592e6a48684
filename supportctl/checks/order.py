"""Order checks: what happened to an order (ORD…), and whether an order would be accepted (OCK…)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from supportctl.checks.base import Check
from supportctl.core.amounts import fmt
from supportctl.core.model import CheckCode, Finding, Kind, Severity, Verdict
from supportctl.kinds.order import OrderFacts
from supportctl.kinds.order_check import OrderCheckFacts


def pct(x: Decimal) -> str:
    return f"{fmt((x * 100).quantize(Decimal('0.01')))}%"


# ------------------------------------------------------------------------------------------ orders


class OrderStatus(Check[OrderFacts]):
    """ORD001 status — what became of the order.

    `filled`, `partially_filled` (open with fills), `open`, `canceled` (with what had filled before),
    `expired` (time-in-force ran out) and `rejected`, from the venue's record; `not_found` when the venue
    has no such order for the symbol.
    """

    code = CheckCode("ORD001")
    name = "status"
    kind = Kind.ORDER

    def run(self, facts: OrderFacts) -> Iterable[Finding]:
        o = facts.order
        if o is None:
            yield self.problem(Verdict.NOT_FOUND, f"The venue has no order {facts.subject.input} on "
                               f"{facts.subject.symbol or facts.symbol or 'this symbol'}")
            return
        filled = o.filled or Decimal(0)
        ev = {"status": o.status, "filled": fmt(filled), "amount": fmt(o.amount) if o.amount is not None else None}
        what = f"{o.side} {fmt(o.amount) if o.amount is not None else '?'} {o.symbol} ({o.type})"
        if o.status == "closed":
            if o.amount is not None and filled < o.amount:
                yield self.finding(Severity.INFO, f"The order to {what} closed with {fmt(filled)} filled",
                                   Verdict.PARTIALLY_FILLED, **ev)
            else:
                yield self.finding(Severity.OK, f"The order to {what} was filled", Verdict.FILLED, **ev)
        elif o.status == "open":
            verdict = Verdict.PARTIALLY_FILLED if filled > 0 else Verdict.OPEN
            yield self.finding(Severity.INFO, f"The order to {what} is open with {fmt(filled)} filled", verdict, **ev)
        elif o.status == "canceled":
            part = f" after {fmt(filled)} had filled" if filled > 0 else ", nothing filled"
            yield self.problem(Verdict.CANCELED, f"The order to {what} was canceled{part}", **ev)
        elif o.status == "expired":
            tif = f" ({o.time_in_force})" if o.time_in_force else ""
            yield self.problem(Verdict.EXPIRED, f"The order to {what} expired{tif} with {fmt(filled)} filled", **ev)
        elif o.status == "rejected":
            yield self.problem(Verdict.REJECTED, f"The venue rejected the order to {what}", **ev)
        else:
            yield self.unknown(f"The venue's order status {o.raw_status or o.status!r} is not one supportctl knows",
                               **ev)


class RestingDistance(Check[OrderFacts]):
    """ORD002 market distance — for an open limit order: how far is its price from the market, can it fill?

    A buy fills when the best ask comes down to its price, a sell when the best bid rises to it. The
    finding gives the distance in percent, so the agent can say "the price has to fall 2.3% first".
    """

    code = CheckCode("ORD002")
    name = "market distance"
    kind = Kind.ORDER

    def run(self, facts: OrderFacts) -> Iterable[Finding]:
        o, t = facts.order, facts.ticker
        if o is None or o.status != "open" or o.price is None or t is None:
            return
        # a buy waits for the best ask to come down to it, a sell for the best bid to rise to it
        buy = o.side == "buy"
        best, book_side = (t.ask, "ask") if buy else (t.bid, "bid")
        if best is None or best <= 0:
            return
        gap = (best - o.price) / best if buy else (o.price - best) / best
        words = ("below", "fall", "at or above") if buy else ("above", "rise", "at or below")
        ev = {"price": fmt(o.price), book_side: fmt(best)}
        if gap <= 0:
            yield self.finding(Severity.INFO, f"The {o.side} limit {fmt(o.price)} is {words[2]} the best {book_side} "
                               f"{fmt(best)}: it should be filling", None, **ev)
        else:
            yield self.finding(Severity.INFO, f"The {o.side} limit {fmt(o.price)} is {pct(gap)} {words[0]} the best "
                               f"{book_side} {fmt(best)}: the price has to {words[1]} that far before it fills", None,
                               distance=pct(gap), **ev)


class Fills(Check[OrderFacts]):
    """ORD003 fills — average price, fees and slippage of what filled.

    For a limit order, the average against the limit (price improvement is good news); for a market order,
    the average against its best fill, so "I got a worse price than I saw" is answered with numbers.
    """

    code = CheckCode("ORD003")
    name = "fills"
    kind = Kind.ORDER

    def run(self, facts: OrderFacts) -> Iterable[Finding]:
        o = facts.order
        if o is None or not o.filled or o.average is None:
            return
        fee = f", fee {fmt(o.fee)} {o.fee_currency or ''}".rstrip() if o.fee is not None else ""
        ev = {"average": fmt(o.average), "filled": fmt(o.filled), "fee": fmt(o.fee) if o.fee is not None else None}
        sign = Decimal(1) if o.side == "buy" else Decimal(-1)
        if o.type == "limit" and o.price:
            worse = sign * (o.average - o.price) / o.price
            word = "better than" if worse < 0 else ("worse than" if worse > 0 else "at")
            yield self.finding(Severity.OK if worse <= 0 else Severity.WARNING,
                               f"Filled {fmt(o.filled)} at an average {fmt(o.average)}, {word} the limit "
                               f"{fmt(o.price)}{fee}", None, limit=fmt(o.price), **ev)
            return
        best = min((f.price for f in o.fills), default=None) if o.side == "buy" else max(
            (f.price for f in o.fills), default=None)
        if best:
            slip = sign * (o.average - best) / best
            yield self.finding(Severity.WARNING if slip > facts.config.venue.max_slippage else Severity.INFO,
                               f"Filled {fmt(o.filled)} at an average {fmt(o.average)}; the best fill was "
                               f"{fmt(best)}: slippage {pct(slip)}{fee}", None, best_fill=fmt(best),
                               slippage=pct(slip), **ev)
        else:
            yield self.finding(Severity.INFO, f"Filled {fmt(o.filled)} at an average {fmt(o.average)}{fee}", None,
                               **ev)


# ------------------------------------------------------------------------------------ order check


def _step(value: Decimal, step: Decimal, rounding: str) -> Decimal:
    return (value / step).to_integral_value(rounding=rounding) * step


class MarketActive(Check[OrderCheckFacts]):
    """OCK001 market — does the market exist and is it trading?

    A market the venue lists as inactive (delisted, halted, in maintenance) is `market_inactive`. When
    every rule below passes, this check gives `ok`.
    """

    code = CheckCode("OCK001")
    name = "market"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        m = facts.market
        if m is None:
            yield self.unknown(f"The venue lists no market {facts.symbol}", symbol=facts.symbol)
        elif m.active is False:
            yield self.problem(Verdict.MARKET_INACTIVE, f"{facts.symbol} is not trading on the venue (inactive)")
        else:
            yield self.finding(Severity.OK, f"{facts.symbol} is trading", Verdict.OK)


class Precision(Check[OrderCheckFacts]):
    """OCK002 precision — is the amount a multiple of the step and the price a multiple of the tick?

    Orders off the step or tick are rejected by the venue (`precision_error`); the finding gives the
    corrected values (amount rounded down to the step, price to the tick).
    """

    code = CheckCode("OCK002")
    name = "precision"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        m = facts.market
        if m is None:
            return
        if m.amount_step and facts.amount % m.amount_step != 0:
            fixed = _step(facts.amount, m.amount_step, ROUND_DOWN)
            yield self.problem(Verdict.PRECISION_ERROR, f"Amount {fmt(facts.amount)} is not a multiple of the step "
                               f"{fmt(m.amount_step)}: use {fmt(fixed)}", amount=fmt(facts.amount),
                               step=fmt(m.amount_step), corrected_amount=fmt(fixed))
        if facts.price is not None and m.price_tick and facts.price % m.price_tick != 0:
            fixed = _step(facts.price, m.price_tick, ROUND_DOWN if facts.side == "buy" else ROUND_UP)
            yield self.problem(Verdict.PRECISION_ERROR, f"Price {fmt(facts.price)} is not a multiple of the tick "
                               f"{fmt(m.price_tick)}: use {fmt(fixed)}", price=fmt(facts.price),
                               tick=fmt(m.price_tick), corrected_price=fmt(fixed))


class AmountLimits(Check[OrderCheckFacts]):
    """OCK003 amount limits — at least the minimum amount, at most the maximum?

    Below `min_amount` is `below_min_amount`; above `max_amount` is `above_max`.
    """

    code = CheckCode("OCK003")
    name = "amount limits"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        m = facts.market
        if m is None:
            return
        if m.min_amount is not None and facts.amount < m.min_amount:
            yield self.problem(Verdict.BELOW_MIN_AMOUNT, f"Amount {fmt(facts.amount)} is below the minimum "
                               f"{fmt(m.min_amount)} {m.base}", amount=fmt(facts.amount), min_amount=fmt(m.min_amount))
        if m.max_amount is not None and facts.amount > m.max_amount:
            yield self.problem(Verdict.ABOVE_MAX, f"Amount {fmt(facts.amount)} is above the maximum "
                               f"{fmt(m.max_amount)} {m.base}", amount=fmt(facts.amount), max_amount=fmt(m.max_amount))


class Notional(Check[OrderCheckFacts]):
    """OCK004 notional — is amount × price at least the market's minimum order value?

    Below `min_cost` is `below_min_notional`, with the smallest amount that would pass at this price.
    A market order is valued at the side of the book it would take; without a price it is `unknown`.
    """

    code = CheckCode("OCK004")
    name = "notional"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        m = facts.market
        if m is None or (m.min_cost is None and m.max_cost is None):
            return
        price = facts.reference_price
        if price is None or price <= 0:
            yield self.unknown("No price to value the order at (no limit price and no ticker)")
            return
        cost = facts.amount * price
        if m.min_cost is not None and cost < m.min_cost:
            need = _step(m.min_cost / price, m.amount_step, ROUND_UP) if m.amount_step else m.min_cost / price
            yield self.problem(Verdict.BELOW_MIN_NOTIONAL, f"Order value {fmt(cost)} {m.quote} is below the minimum "
                               f"{fmt(m.min_cost)} {m.quote}: at this price the amount must be at least {fmt(need)}",
                               cost=fmt(cost), min_cost=fmt(m.min_cost), min_amount_at_price=fmt(need))
        if m.max_cost is not None and cost > m.max_cost:
            yield self.problem(Verdict.ABOVE_MAX, f"Order value {fmt(cost)} {m.quote} is above the maximum "
                               f"{fmt(m.max_cost)} {m.quote}", cost=fmt(cost), max_cost=fmt(m.max_cost))


class PriceBand(Check[OrderCheckFacts]):
    """OCK005 price band — is a limit price within the venue's limits and near the market?

    A price outside the market's `min_price`/`max_price`, or further from the current price than the
    venue's band (`[venue] price_band`, 10% by default, the usual percent-price filter), is
    `price_out_of_band`.
    """

    code = CheckCode("OCK005")
    name = "price band"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        m, p = facts.market, facts.price
        if m is None or p is None:
            return
        if (m.min_price is not None and p < m.min_price) or (m.max_price is not None and p > m.max_price):
            yield self.problem(Verdict.PRICE_OUT_OF_BAND, f"Price {fmt(p)} is outside the market's limits "
                               f"{fmt(m.min_price) if m.min_price else '-'}–{fmt(m.max_price) if m.max_price else '-'}",
                               price=fmt(p))
            return
        t = facts.ticker
        ref = t.last if t and t.last else (t.bid if t else None)
        if ref is None or ref <= 0:
            yield self.unknown("No market price to check the limit against (the ticker could not be read)")
            return
        off = abs(p - ref) / ref
        if off > facts.config.venue.price_band:
            yield self.problem(Verdict.PRICE_OUT_OF_BAND, f"Price {fmt(p)} is {pct(off)} from the market {fmt(ref)}; "
                               f"the venue accepts within {pct(facts.config.venue.price_band)}", price=fmt(p),
                               market=fmt(ref), distance=pct(off))


class Funds(Check[OrderCheckFacts]):
    """OCK006 balance — are there enough free funds, and how much is locked in open orders?

    A buy spends the quote currency (amount × price), a sell the base. Free below what the order needs is
    `insufficient_balance`; the finding says how much is locked in open orders (cancelling them frees it).
    """

    code = CheckCode("OCK006")
    name = "balance"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        m, b = facts.market, facts.balance
        if m is None:
            return
        if b is None or b.free is None:
            yield self.unknown("The balance could not be read")
            return
        if facts.side == "buy":
            price = facts.reference_price
            if price is None:
                yield self.unknown("No price to tell what the buy would cost")
                return
            need, cur = facts.amount * price, m.quote
        else:
            need, cur = facts.amount, m.base
        locked = f"; {fmt(b.used)} {cur} is locked in open orders" if b.used else ""
        ev = {"free": fmt(b.free), "used": fmt(b.used) if b.used is not None else None, "needed": fmt(need),
              "currency": cur}
        if b.free < need:
            yield self.problem(Verdict.INSUFFICIENT_BALANCE, f"Needs {fmt(need)} {cur}, {fmt(b.free)} {cur} is "
                               f"free{locked}", **ev)
        else:
            yield self.ok(f"{fmt(b.free)} {cur} free covers the {fmt(need)} {cur} needed{locked}", **ev)


class Slippage(Check[OrderCheckFacts]):
    """OCK007 slippage — what would a market order pay, walking the order book?

    The average price of filling the amount from the book, against the best price. Worse than
    `[venue] max_slippage` (1% by default), or a book too thin to fill it, is `high_slippage`.
    """

    code = CheckCode("OCK007")
    name = "slippage"
    kind = Kind.ORDER_CHECK

    def run(self, facts: OrderCheckFacts) -> Iterable[Finding]:
        if facts.type != "market":
            return
        if facts.book is None:
            yield self.unknown("The order book could not be read: the slippage is unknown")
            return
        levels = facts.book.asks if facts.side == "buy" else facts.book.bids
        if not levels:
            yield self.problem(Verdict.HIGH_SLIPPAGE, "The order book is empty on that side")
            return
        left, cost = facts.amount, Decimal(0)
        for price, size in levels:
            take = min(left, size)
            cost += take * price
            left -= take
            if left <= 0:
                break
        if left > 0:
            yield self.problem(Verdict.HIGH_SLIPPAGE, f"The book holds only {fmt(facts.amount - left)} of the "
                               f"{fmt(facts.amount)} wanted within the levels read", available=fmt(facts.amount - left))
            return
        best = levels[0][0]
        avg = cost / facts.amount
        slip = abs(avg - best) / best
        shown = fmt(avg.quantize(Decimal(1).scaleb(min(best.as_tuple().exponent, -2) - 2)))  # type: ignore[operator]
        ev = {"best": fmt(best), "average": shown, "slippage": pct(slip)}
        if slip > facts.config.venue.max_slippage:
            yield self.problem(Verdict.HIGH_SLIPPAGE, f"A market order would fill at an average "
                               f"{shown} against the best {fmt(best)}: slippage {pct(slip)}", **ev)
        else:
            yield self.ok(f"Expected slippage {pct(slip)} (average {shown}, best {fmt(best)})", **ev)


ORDER_CHECKS: tuple[type[Check[OrderFacts]], ...] = (OrderStatus, RestingDistance, Fills)
ORDER_CHECK_CHECKS: tuple[type[Check[OrderCheckFacts]], ...] = (
    MarketActive, Precision, AmountLimits, Notional, PriceBand, Funds, Slippage,
)
