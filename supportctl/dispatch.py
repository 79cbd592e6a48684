"""One item → one diagnosis, whatever its kind: shared by ``diagnose``, ``bulk`` and ``shell``.

Never raises for a bad item: what cannot be understood becomes an ``invalid_input`` diagnosis with the
reason, a pasted secret a ``secret_exposed`` one; a source that cannot answer is the pipeline's `unknown`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence

from supportctl.core.errors import SupportctlError
from supportctl.core.identify import Item, Unrecognised, tx_families
from supportctl.core.model import CheckCode, Diagnosis, Finding, Kind, Lang, Severity, Subject, Verdict
from supportctl.core.session import Session


async def diagnose_item(session: Session, item: Item, lang: Lang) -> Diagnosis:
    if isinstance(item, Unrecognised):
        return invalid(item.input, item.reason, lang)
    try:
        if item.kind is Kind.ADDRESS:
            from supportctl import address

            return address.diagnose(item, session.config, lang)
        if item.kind is Kind.DEPOSIT:
            from supportctl import deposit

            return await deposit.diagnose(session, item, lang)
        if item.kind is Kind.WITHDRAWAL:
            from supportctl import withdrawal
            from supportctl.venue.load import load

            venue = session.venue or load(session.config)
            return await withdrawal.diagnose(session, venue, item, lang)
        if item.kind is Kind.ORDER:
            from supportctl import order
            from supportctl.venue.load import load

            if not item.currency:
                return invalid(item.input, "an order needs its symbol (BASE/QUOTE)", lang)
            venue = session.venue or load(session.config)
            return await asyncio.to_thread(order.order_status, venue, session.config, item, item.currency, lang)
    except SupportctlError as e:
        if e.exit_code == 2:  # the item itself (or the set-up it needs) is wrong: this row says why
            return invalid(item.input, e.message + (f" — {e.hint}" if e.hint else ""), lang)
        return unknown(item, e.message, lang)
    return invalid(item.input, f"{item.kind.value} items cannot be diagnosed here", lang)


def with_recipient(items: Sequence[Item]) -> list[Item]:
    """A ticket with exactly one address of a transaction's family: that address is the customer's deposit
    address (``--to``) for the transaction."""
    from supportctl.addressing import analyze

    addresses = [i for i in items if isinstance(i, Subject) and i.kind is Kind.ADDRESS]
    out: list[Item] = []
    for item in items:
        if isinstance(item, Subject) and item.kind is Kind.DEPOSIT and item.to is None:
            families = {str(f) for f in tx_families(item.input)}
            if "bitcoin" in families:
                families.add("litecoin")
            fitting = [a for a in addresses if families & set(analyze(a.input).families)]
            if len(fitting) == 1:
                item = dataclasses.replace(item, to=fitting[0].input)
        out.append(item)
    return out


def invalid(text: str, reason: str, lang: Lang) -> Diagnosis:
    from supportctl import replies

    finding = Finding(CheckCode("INP001"), "input", Severity.ERROR, reason, {}, Verdict.INVALID_INPUT)
    reply = replies.render(Kind.INPUT, Verdict.INVALID_INPUT, lang, {"input": text[:120]})
    return Diagnosis(Subject(Kind.INPUT, text), Verdict.INVALID_INPUT, reason, {}, (finding,), reply, lang)


def unknown(subject: Subject, reason: str, lang: Lang) -> Diagnosis:
    from supportctl import replies

    finding = Finding(CheckCode("SRC001"), "source", Severity.UNKNOWN, reason, {}, Verdict.UNKNOWN)
    reply = replies.render(subject.kind, Verdict.UNKNOWN, lang, {})
    return Diagnosis(subject, Verdict.UNKNOWN, reason, {}, (finding,), reply, lang)


def exposed(kind: str, lang: Lang) -> Diagnosis:
    """A pasted private key or seed phrase: the funds are at risk. The secret itself is never shown."""
    from supportctl import replies

    message = (f"The customer pasted a {kind}: anyone who has seen it can take the funds. Tell them to move "
               "the funds to a new wallet now; delete the secret from the ticket and never ask for it")
    finding = Finding(CheckCode("INP002"), "secret", Severity.ERROR, message, {"kind": kind}, Verdict.SECRET_EXPOSED)
    seed = kind.startswith("seed")
    secret = ("助记词" if seed else "私钥") if lang is Lang.ZH else ("seed phrase" if seed else "private key")
    reply = replies.render(Kind.INPUT, Verdict.SECRET_EXPOSED, lang, {"secret": secret})
    return Diagnosis(Subject(Kind.INPUT, f"[redacted {kind}]"), Verdict.SECRET_EXPOSED, message, {"secret": kind},
                     (finding,), reply, lang)
