"""One item → one diagnosis, whatever its kind: shared by ``diagnose``, ``bulk`` and ``shell``.

Never raises for a bad item: what cannot be understood becomes an ``invalid_input`` diagnosis with the
reason, a pasted secret a ``secret_exposed`` one; a source that cannot answer is the pipeline's `unknown`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Sequence

from supportctl import engine
from supportctl.core.errors import SupportctlError
from supportctl.core.model import Diagnosis, Kind, Lang, Subject
from supportctl.engine.identify import Item, Unrecognised, tx_families
from supportctl.engine.session import Session
from supportctl.kinds.input import invalid, unknown


async def _address(session: Session, item: Subject, lang: Lang) -> Diagnosis:
    return engine.diagnose_address(item, session.config, lang)


async def _deposit(session: Session, item: Subject, lang: Lang) -> Diagnosis:
    return await engine.diagnose_deposit(session, item, lang)


async def _withdrawal(session: Session, item: Subject, lang: Lang) -> Diagnosis:
    from supportctl.venue.load import load

    if session.config.venue.exchange is None:  # the customer's ID is fine: the venue's records are not at hand
        return unknown(item, "a withdrawal is read from the venue's records, and no venue is configured "
                       "([venue] exchange in the config)", lang)

    return await engine.diagnose_withdrawal(session, session.venue or load(session.config), item, lang)


async def _order(session: Session, item: Subject, lang: Lang) -> Diagnosis:
    from supportctl.venue.load import load

    if not item.symbol:
        return invalid(item.input, "an order needs its symbol (BASE/QUOTE)", lang)
    venue = session.venue or load(session.config)
    return await asyncio.to_thread(engine.diagnose_order, venue, session.config, item, item.symbol, lang)


# The kinds an item of a ticket or a bulk line can be, and how each is diagnosed: one entry per kind.
HANDLERS: dict[Kind, Callable[[Session, Subject, Lang], Awaitable[Diagnosis]]] = {
    Kind.ADDRESS: _address,
    Kind.DEPOSIT: _deposit,
    Kind.WITHDRAWAL: _withdrawal,
    Kind.ORDER: _order,
}


async def diagnose_item(session: Session, item: Item, lang: Lang) -> Diagnosis:
    if isinstance(item, Unrecognised):
        return invalid(item.input, item.reason, lang)
    handler = HANDLERS.get(item.kind)
    if handler is None:
        return invalid(item.input, f"{item.kind.value} items cannot be diagnosed here", lang)
    try:
        return await handler(session, item, lang)
    except SupportctlError as e:
        if e.exit_code == 2:  # the item itself (or the set-up it needs) is wrong: this row says why
            return invalid(item.input, e.message + (f" — {e.hint}" if e.hint else ""), lang)
        return unknown(item, e.message, lang)


def with_recipient(items: Sequence[Item]) -> list[Item]:
    """A ticket with exactly one address of a transaction's family: that address is the customer's deposit
    address (``--to``) for the transaction."""
    from supportctl.addressing import analyze
    from supportctl.addressing.interface import address_families

    addresses = [i for i in items if isinstance(i, Subject) and i.kind is Kind.ADDRESS]
    out: list[Item] = []
    for item in items:
        if isinstance(item, Subject) and item.kind is Kind.DEPOSIT and item.to is None:
            families = address_families(tx_families(item.input))
            fitting = [a for a in addresses if families & set(analyze(a.input).families)]
            if len(fitting) == 1:
                item = dataclasses.replace(item, to=fitting[0].input)
        out.append(item)
    return out

