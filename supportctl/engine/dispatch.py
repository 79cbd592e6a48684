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
from supportctl.core.model import CheckCode, Diagnosis, Finding, Kind, Lang, Severity, Subject, Verdict
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


async def without_a_guess(session: Session, item: Subject, diagnosis: Diagnosis,
                          lang: Lang) -> tuple[Diagnosis, bool] | None:
    """``item``'s ``to`` is only assumed to be the customer's deposit address: the one address beside the
    transaction, in a ticket (TKT006) or on a bulk line (``with_recipient``). When the transaction did not pay it
    (DEP004 ``wrong_address``; a recipient that looks like it is evidence of poisoning, and stands), nothing says
    it is their deposit address: it may be their own wallet, the sender ("tx 0x… 0xMYWALLET not arrived"). The
    transaction is then judged again without it — its recipient left to the agent (DEP004: ``unknown``), the
    address its sender when it is one — never ``wrong_address`` on a guess. The node's answers are memoised: no
    request is repeated. Returns that diagnosis and whether the address is the sender; None when it stands."""
    if item.kind is not Kind.DEPOSIT or not item.to:
        return None
    if not any(f.check == "DEP004" and f.verdict is Verdict.WRONG_ADDRESS for f in diagnosis.findings):
        return None
    sender = _same_address(diagnosis.facts.get("from"), item.to)
    again = dataclasses.replace(item, to=None, sender=item.sender or (item.to if sender else None))
    return await diagnose_item(session, again, lang), sender


def not_the_recipient(address: str, sender: bool) -> Finding:
    """TKT007: the address ``without_a_guess`` set aside, and what it is."""
    return Finding(
        CheckCode("TKT007"), "not_the_recipient", Severity.WARNING,
        f"{address}, the one address beside the transaction, is not where it paid"
        + (" but its sender: taken as the customer's own wallet" if sender else " nor where it came from")
        + ", not as their deposit address; the recipient is not checked until they give that (their deposit "
        "page, or the venue's records)", {"address": address, "sender": sender})


def _same_address(a: object, b: str) -> bool:
    if not isinstance(a, str):
        return False
    return a.lower() == b.lower() if a.startswith("0x") and b.startswith("0x") else a == b


def with_recipient(items: Sequence[Item]) -> list[Item]:
    """A ticket with exactly one address of a transaction's family: that address is the customer's deposit
    address (``--to``) for the transaction — assumed, and held against the evidence (``without_a_guess``)."""
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

