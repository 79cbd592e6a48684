"""The pipeline's tail, once for every kind, and the entry point of each kind."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from supportctl import checks, kinds, replies
from supportctl.core.decide import decide
from supportctl.core.model import Diagnosis, Finding, Kind, Lang, Subject

if TYPE_CHECKING:
    from supportctl.core.config import Config
    from supportctl.engine.session import Session
    from supportctl.venue.interface import Venue


def conclude(kind: Kind, facts: Any, lang: Lang) -> Diagnosis:
    """Facts → findings (the kind's notes, then its checks) → verdict → what is shown → the reply."""
    k = kinds.module(kind)
    notes: tuple[Finding, ...] = tuple(getattr(k, "notes", lambda _: ())(facts))
    findings = notes + checks.run_all(kind, facts)
    verdict, decisive = decide(k.PRECEDENCE, findings)
    shown = k.shown(facts, findings)
    values = k.reply_values(facts, findings, shown, lang)
    variant = getattr(k, "reply_variant", lambda *_: None)(facts, verdict, findings)
    reply = replies.render(kind, verdict, lang, values, variant)
    extra: list[str] = getattr(k, "reply_notes", lambda *_: [])(facts, findings, lang)
    if extra:  # before the sign-off
        reply = replies.sign(lang, " ".join([replies.unsigned(reply, lang), *extra]))
    summary = decisive.message if decisive else "No check could reach a verdict"
    return Diagnosis(facts.subject, verdict, summary, shown, findings, reply, lang)


async def diagnose_deposit(session: Session, subject: Subject, lang: Lang) -> Diagnosis:
    from supportctl.kinds import deposit

    return conclude(Kind.DEPOSIT, await deposit.gather(session, subject), lang)


async def diagnose_withdrawal(session: Session, venue: Venue, subject: Subject, lang: Lang) -> Diagnosis:
    from supportctl.kinds import withdrawal

    return conclude(Kind.WITHDRAWAL, await withdrawal.gather(session, venue, subject), lang)


def diagnose_address(subject: Subject, config: Config, lang: Lang) -> Diagnosis:
    from supportctl.kinds import address

    return conclude(Kind.ADDRESS, address.gather(subject, config), lang)


def diagnose_order(venue: Venue, config: Config, subject: Subject, symbol: str, lang: Lang) -> Diagnosis:
    from supportctl.kinds import order

    return conclude(Kind.ORDER, order.gather(venue, config, subject, symbol), lang)


def diagnose_order_check(venue: Venue, config: Config, subject: Subject, symbol: str, side: str, type_: str,
                         amount: Decimal, price: Decimal | None, lang: Lang) -> Diagnosis:
    from supportctl.kinds import order_check

    facts = order_check.gather(venue, config, subject, symbol, side, type_, amount, price)
    return conclude(Kind.ORDER_CHECK, facts, lang)
