"""One ticket, one case: every item diagnosed with the customer's claims, the ticket's evidence related, one
verdict and one reply. Used by ``diagnose`` and the shell.

The ticket's verdict is the most pressing of its findings: a pasted secret first, then a scam warning (an
address or a link someone else gave the customer), then look-alike addresses in the ticket, then the items'
verdicts by severity (a problem, advice, ``unknown``, in progress, fine). The reply is one text: the urgent
paragraphs first, then each looked-up item's reply (named when there are several), the sign-off once.
Nothing the customer reported (a link, a phone number) is ever part of it.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping, Sequence

from supportctl import replies
from supportctl.core.errors import InputError
from supportctl.core.model import (
    CheckCode,
    Diagnosis,
    Finding,
    Kind,
    Lang,
    Severity,
    Subject,
    TicketDiagnosis,
    TicketItem,
    Verdict,
)
from supportctl.engine import ticket
from supportctl.engine.dispatch import not_the_recipient, without_a_guess
from supportctl.engine.identify import Item
from supportctl.engine.session import Session
from supportctl.kinds.input import details_needed, exposed

MAX_ITEMS = 20  # items diagnosed from one ticket

_RANK = {Severity.ERROR: 3, Severity.WARNING: 4, Severity.UNKNOWN: 5, Severity.INFO: 6, Severity.OK: 7}
_TX_KINDS = (Kind.DEPOSIT, Kind.WITHDRAWAL, Kind.ORDER)


async def diagnose(session: Session, text: str, lang: Lang, *, detected: str | None = None,
                   secrets: Sequence[str] = (), note: Callable[[str], object] = lambda _: None,
                   to: str | None = None) -> TicketDiagnosis:
    """``text`` (secrets already cut out; ``secrets`` the kinds that were) as one case; ``to``: the customer's
    deposit address given apart (the shell's ``:to``). More than ``MAX_ITEMS`` items: the first are diagnosed,
    and ``note`` is told how many were left."""
    config = session.config
    reading = ticket.read(text, lang, currencies={a.currency for a in config.assets}, to=to, limit=MAX_ITEMS * 2)
    pairs = ticket.subjects(reading, config.chains)
    if reading.total > MAX_ITEMS:
        note(f"supportctl: note: the ticket holds {reading.total:,} items; only the first {MAX_ITEMS} were "
             "diagnosed — for a list, put one item a line in a file and run 'supportctl bulk FILE'")
        pairs = pairs[:MAX_ITEMS]
    notes: list[Finding] = []
    usable = []
    for found, item in pairs:
        item, dropped = _usable(item)
        notes += dropped
        usable.append((found, item))
    diagnoses = await asyncio.gather(*(_diagnose_item(session, item, lang) for _, item in usable))
    diagnoses, unpaid = await _not_a_guess(session, reading, [item for _, item in usable], diagnoses, lang)
    if unpaid:
        reading = _reclaimed(reading, unpaid)
    items = tuple(TicketItem(f.role, f.words, d) for (f, _), d in zip(usable, diagnoses, strict=True))
    findings = tuple(notes) + relate(reading, items, unpaid)
    items = tuple(_never_endorsed(i, findings, lang) for i in items)
    return conclude(lang, detected, reading, items, findings, tuple(dict.fromkeys(secrets)))


async def _not_a_guess(session: Session, reading: ticket.Reading, items: Sequence[Item],
                       diagnoses: Sequence[Diagnosis], lang: Lang) -> tuple[list[Diagnosis], dict[str, bool]]:
    """Each transaction whose deposit address is only assumed (TKT006) held against the evidence
    (``dispatch.without_a_guess``). Returns the diagnoses and, for each address set aside, whether it is the
    transaction's sender (TKT007)."""
    assumed = {f.item.input for f in reading.addresses if f.assumed}
    out, unpaid = list(diagnoses), {}
    for i, (item, d) in enumerate(zip(items, diagnoses, strict=True)):
        if isinstance(item, Subject) and item.to in assumed and item.to:
            again = await without_a_guess(session, item, d, lang)
            if again is not None:
                out[i], unpaid[item.to] = again
    return out, unpaid


def _reclaimed(reading: ticket.Reading, unpaid: dict[str, bool]) -> ticket.Reading:
    """The reading's claims with an address set aside by ``_not_a_guess``: no longer the deposit address
    (``to``); the customer's own wallet (``from``) when it is the transaction's sender."""
    from supportctl.core.model import Claim

    claims = []
    for c in reading.claims:
        if c.name == "to" and c.value in unpaid and not c.words:
            if unpaid[c.value]:
                claims.append(Claim("from", c.value, c.words))
            continue
        claims.append(c)
    return dataclasses.replace(reading, claims=tuple(claims))


async def _diagnose_item(session: Session, item: Item, lang: Lang) -> Diagnosis:
    from supportctl.engine.dispatch import diagnose_item

    return await diagnose_item(session, item, lang)


def _usable(item: Item) -> tuple[Item, list[Finding]]:
    """A transaction's claims taken from the ticket's words, less those that cannot be used as they are (a memo
    that is not a destination tag for an XRP address …): each dropped claim is a note, never an invalid item."""
    if not isinstance(item, Subject) or item.kind is not Kind.DEPOSIT:
        return item, []
    from supportctl.kinds.deposit import check_claims

    dropped: list[Finding] = []
    for name in ("memo", "currency", "sender", "to", "chain"):
        try:
            check_claims(item)
            break
        except InputError as e:
            if getattr(item, name) is None:
                continue
            dropped.append(Finding(CheckCode("TKT005"), "claim", Severity.INFO,
                                   f"Not used as a claim of {item.input[:12]}…: {e.message}", {"claim": name}))
            item = dataclasses.replace(item, **{name: None})  # type: ignore[arg-type]
    return item, dropped


def relate(reading: ticket.Reading, items: Sequence[TicketItem],
           unpaid: Mapping[str, bool] | None = None) -> tuple[Finding, ...]:
    """What the ticket's evidence says taken together: look-alike pairs of its addresses, an address someone
    else gave the customer, links and phone numbers they report, network words another family's hash cannot be
    on, and claims that disagree with each other. ``unpaid``: the addresses ``_not_a_guess`` set aside."""
    unpaid = unpaid or {}
    from supportctl.addressing import lookalike

    out: list[Finding] = []
    addresses = reading.addresses
    for i, a in enumerate(addresses):
        for b in addresses[i + 1:]:
            if lookalike(a.item.input, b.item.input):
                suspect = a if b.role == ticket.DEPOSIT_ADDRESS and a.role != ticket.DEPOSIT_ADDRESS else b
                trusted = a if suspect is b else b
                out.append(Finding(
                    CheckCode("TKT001"), "lookalike", Severity.ERROR,
                    f"Two addresses in the ticket look alike (same start and end): {trusted.item.input} "
                    f"({_role_name(trusted.role)}) and {suspect.item.input} ({_role_name(suspect.role)}): "
                    "an address-poisoning look-alike", {"address": trusted.item.input, "lookalike": suspect.item.input},
                    Verdict.LOOKALIKE))
    out.extend(Finding(
        CheckCode("TKT002"), "given_by_someone", Severity.ERROR,
        f"Someone else gave the customer {f.item.input} to send to ({f.words!r}): never confirm it as the venue's "
        "address; only the deposit page's address is", {"address": f.item.input, "words": f.words},
        Verdict.SCAM_WARNING) for f in addresses if f.role == ticket.GIVEN)
    if reading.reported:
        scam = bool(reading.scam_words or reading.given_words) or any(f.role == ticket.GIVEN for f in addresses)
        what = ", ".join(reading.reported)
        out.append(Finding(
            CheckCode("TKT003"), "reported", Severity.ERROR if scam else Severity.INFO,
            f"The customer reports {what}: not an explorer link; never repeated in the reply"
            + (" — with words of a scam (" + ", ".join((*reading.scam_words, *reading.given_words)) + ")"
               if reading.scam_words or reading.given_words else ""),
            {"reported": list(reading.reported), "scam_words": list(reading.scam_words)},
            Verdict.SCAM_WARNING if scam else None))
    out.extend(Finding(
        CheckCode("TKT006"), "deposit_address", Severity.WARNING,
        f"{f.item.input} is taken as the customer's deposit address because it is the one address beside the "
        "transaction (no words call it their deposit address): check it is theirs before crediting",
        {"address": f.item.input}) for f in addresses if f.assumed and f.item.input not in unpaid)
    out.extend(not_the_recipient(address, sender) for address, sender in unpaid.items())
    networks = {c.value for c in reading.claims if c.name == "chain"}
    if len(networks) > 1:
        out.append(Finding(CheckCode("TKT004"), "claims", Severity.INFO,
                           "The ticket names several networks (" + ", ".join(
                               f"{c.words!r}" for c in reading.claims if c.name == "chain") + "): none is used as "
                           "the claim; the transaction is judged where it is", {"chains": sorted(networks)}))
    for it in items:
        claimed = reading.claim("chain")
        if claimed and it.diagnosis.subject.kind is Kind.DEPOSIT and it.diagnosis.subject.chain is None:
            from supportctl.core.model import ChainKey
            from supportctl.core.registry import spec

            out.append(Finding(CheckCode("TKT004"), "claims", Severity.INFO,
                               f"The customer names {spec(ChainKey(claimed)).name}, which "
                               f"{it.diagnosis.subject.input[:12]}… cannot be on (or it is not configured): "
                               "judged where it is", {"claimed_chain": claimed}))
    return tuple(out)


def _never_endorsed(item: TicketItem, findings: Sequence[Finding], lang: Lang) -> TicketItem:
    """An address someone else gave the customer is never shown as ``valid``: its diagnosis keeps the format
    facts and findings, and takes the scam warning as its verdict, summary and reply."""
    d = item.diagnosis
    warning = next((f for f in findings if f.check == "TKT002" and f.evidence.get("address") == d.subject.input), None)
    if item.role != ticket.GIVEN or warning is None or d.subject.kind is not Kind.ADDRESS:
        return item
    reply = replies.render(Kind.INPUT, Verdict.SCAM_WARNING, lang, {})
    return dataclasses.replace(item, diagnosis=dataclasses.replace(
        d, verdict=Verdict.SCAM_WARNING, summary=warning.message, findings=(*d.findings, warning), reply=reply))


def _role_name(role: str) -> str:
    return {ticket.DEPOSIT_ADDRESS: "the deposit address", ticket.OWN_WALLET: "the customer's wallet",
            ticket.GIVEN: "given by someone", ticket.QUESTION: "asked about"}.get(role, "in the ticket")


def _rank(d: Diagnosis) -> tuple[int, int]:
    if d.verdict is Verdict.SECRET_EXPOSED:
        return 0, 0
    if d.verdict is Verdict.INVALID_INPUT:
        return 9, 0
    kind = 0 if d.subject.kind in _TX_KINDS else 1
    return _RANK[d.severity], kind


def conclude(lang: Lang, detected: str | None, reading: ticket.Reading, items: Sequence[TicketItem],
             findings: Sequence[Finding], secrets: Sequence[str]) -> TicketDiagnosis:
    """The ticket's verdict, summary and one reply from its items and what relating them found."""
    warnings = [exposed(kind, lang) for kind in secrets]
    ranked = sorted([*warnings, *(i.diagnosis for i in items)], key=_rank)
    scam = next((f for f in findings if f.verdict is Verdict.SCAM_WARNING), None)
    alike = next((f for f in findings if f.verdict is Verdict.LOOKALIKE), None)
    if warnings:
        verdict, summary = Verdict.SECRET_EXPOSED, warnings[0].summary
    elif scam is not None:
        verdict, summary = Verdict.SCAM_WARNING, scam.message
    elif alike is not None:
        verdict, summary = Verdict.LOOKALIKE, alike.message
    elif ranked:
        top = ranked[0]
        verdict, summary = top.verdict, f"{top.subject.kind.value} {_short(top.subject.input)}: {top.summary}"
        if len(ranked) > 1:
            summary += f" (and {len(ranked) - 1} more item{'s' if len(ranked) > 2 else ''})"
    else:  # nothing to look up: the reply asks for the TxID, the network and the address (INP004)
        needed = details_needed("", lang)
        verdict, summary, findings = needed.verdict, needed.summary, (*findings, *needed.findings)
    reply = _reply(lang, verdict, warnings, items, scam, alike)
    return TicketDiagnosis(lang, detected, tuple(items), reading.claims, reading.reported,
                           tuple(findings), verdict, summary, reply, tuple(secrets))


def _reply(lang: Lang, verdict: Verdict, warnings: Sequence[Diagnosis], items: Sequence[TicketItem],
           scam: Finding | None, alike: Finding | None) -> str:
    """One reply: urgent paragraphs (secret, scam, look-alike), then the replies of the items the customer asked
    about — transactions, withdrawals and orders; an address only when nothing else was found or it is wrong;
    an unreadable item only alone — each named when there are several. The sign-off once, at the end."""
    paragraphs = [replies.unsigned(w.reply, lang) for w in warnings]
    if scam is not None:
        paragraphs.append(replies.unsigned(replies.render(Kind.INPUT, Verdict.SCAM_WARNING, lang, {}), lang))
    if alike is not None:
        address = str(alike.evidence.get("lookalike", ""))
        paragraphs.append(replies.unsigned(
            replies.render(Kind.ADDRESS, Verdict.LOOKALIKE, lang, {"address": address}), lang))
    looked = [i for i in items if i.diagnosis.subject.kind in _TX_KINDS]
    paired = {str(alike.evidence.get(k, "")).lower() for k in ("address", "lookalike")} if alike else set()
    asked = [i for i in items if i.diagnosis.subject.kind is Kind.ADDRESS and i.role != ticket.GIVEN
             and i.diagnosis.subject.input.lower() not in paired  # the look-alike paragraph speaks of them
             and (i.diagnosis.severity in (Severity.ERROR, Severity.WARNING) or not (looked or paragraphs))]
    chosen = looked + asked
    if not chosen and not paragraphs:
        chosen = [i for i in items if i.diagnosis.verdict is not Verdict.DETAILS_NEEDED][:1]
    if not chosen and not paragraphs or verdict is Verdict.DETAILS_NEEDED:
        paragraphs.append(replies.unsigned(replies.render(Kind.INPUT, Verdict.DETAILS_NEEDED, lang, {}), lang))
        chosen = []
    for i in chosen:
        text = replies.unsigned(i.diagnosis.reply, lang)
        if len(chosen) > 1:
            name = replies.fragment(lang, "ticket_item", item=_short(i.diagnosis.subject.input))
            text = f"{name} {text}" if name else text
        paragraphs.append(text)
    return replies.sign(lang, "\n\n".join(dict.fromkeys(p for p in paragraphs if p)))


def _short(text: str) -> str:
    return text if len(text) <= 16 else f"{text[:8]}…{text[-6:]}"

