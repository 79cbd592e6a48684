"""``supportctl withdrawal ID``, ``supportctl order ID --symbol S``, ``supportctl order check …``: the venue's
side of a ticket. The venue (ccxt, a plugin, or the static config) is loaded only on these paths."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from supportctl.commands import Context, emit, option, run_async
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import Diagnosis, Kind, Subject
from supportctl.core.suggest import did_you_mean
from supportctl.engine.identify import parse_symbol


def withdrawal(ctx: Context, id: str, currency: str | None, address: str | None, refresh: bool) -> ExitCode:
    from supportctl.engine import diagnose_withdrawal
    from supportctl.engine.session import Session
    from supportctl.venue.load import load

    if not id.strip():
        raise InputError("empty withdrawal id", hint="use the ID from the customer's withdrawal history")
    subject = Subject(Kind.WITHDRAWAL, id.strip(), currency=option(currency, upper=True), to=option(address))
    venue = load(ctx.config, refresh=refresh)

    async def go() -> Diagnosis:
        async with Session(ctx.config) as session:
            return await diagnose_withdrawal(session, venue, subject, ctx.lang)

    return emit(ctx, [run_async(go())])


def order(ctx: Context, id: str, symbol: str, refresh: bool) -> ExitCode:
    from supportctl.engine import diagnose_order
    from supportctl.venue.load import load

    sym = parse_symbol(symbol)
    subject = Subject(Kind.ORDER, id.strip(), symbol=sym)
    venue = load(ctx.config, refresh=refresh)
    return emit(ctx, [diagnose_order(venue, ctx.config, subject, sym, ctx.lang)])


def order_check(ctx: Context, symbol: str, side: str, type_: str, amount: str, price: str | None,
                refresh: bool) -> ExitCode:
    from supportctl.engine import diagnose_order_check
    from supportctl.venue.load import load

    sym = parse_symbol(symbol)
    side, type_ = side.strip().lower(), type_.strip().lower()
    if side not in ("buy", "sell"):
        raise InputError(f"side must be buy or sell, not {side!r}", hint=did_you_mean(side, ("buy", "sell")))
    if type_ not in ("limit", "market"):
        raise InputError(f"type must be limit or market, not {type_!r}", hint=did_you_mean(type_, ("limit", "market")))
    qty = _decimal(amount, "amount")
    limit = _decimal(price, "price") if price is not None else None
    if type_ == "limit" and limit is None:
        raise InputError("a limit order needs a PRICE", hint="supportctl order check BTC/USDT buy limit 0.01 60000")
    text = " ".join(x for x in (sym, side, type_, amount, price) if x)
    subject = Subject(Kind.ORDER_CHECK, text, symbol=sym)
    venue = load(ctx.config, refresh=refresh)
    return emit(ctx, [diagnose_order_check(venue, ctx.config, subject, sym, side, type_, qty, limit, ctx.lang)])


def _decimal(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise InputError(f"{what} {text!r} is not a number") from None
    if not value.is_finite() or value <= 0:
        raise InputError(f"{what} must be a positive number, not {text!r}")
    return value

