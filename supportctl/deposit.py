"""The deposit pipeline: gather → check → decide → reply."""

from __future__ import annotations

from typing import Any

from supportctl import checks, replies
from supportctl.amounts import fmt, units_to_decimal
from supportctl.chains.registry import Family, spec
from supportctl.decide import decide
from supportctl.errors import InputError
from supportctl.facts import DepositFacts
from supportctl.identify import tx_families
from supportctl.model import Diagnosis, Finding, Kind, Lang, Lookup, Subject, TxStatus
from supportctl.session import Session


async def gather(session: Session, subject: Subject) -> DepositFacts:
    """Ask the named chain; if the hash is not there, ask the other configured chains of its family
    (to tell `wrong_network`). With no chain named, ask every configured chain of the family at once."""
    config = session.config
    tx = subject.input
    families = tx_families(tx)
    if not families:
        raise InputError(f"{tx!r} is not a transaction hash", hint="an EVM hash is 0x followed by 64 hex digits")
    configured = [c for c in config.chains if spec(c).family in families]
    if subject.chain is not None:
        if spec(subject.chain).family not in families:
            raise InputError(f"{tx} is not a {spec(subject.chain).name} transaction hash",
                             hint=_hash_hint(spec(subject.chain).family))
        config.chain(subject.chain)  # a clear error if the named chain is not configured
        first = await session.lookup(subject.chain, tx)
        lookups: tuple[Lookup, ...] = (first,)
        if first.facts is not None and first.facts.status is TxStatus.NOT_FOUND:
            others = [c for c in configured if c != subject.chain]
            lookups += await session.probe(others, tx)
    else:
        if not configured:
            raise InputError("no configured chain can hold this transaction",
                             hint="add the chain to the config file or pass --chain")
        lookups = await session.probe(configured, tx)
    facts = DepositFacts(subject=subject, config=config, lookups=lookups)
    if session.venue is not None and facts.tx is not None:
        facts = await _venue_view(session, facts)
    return facts


async def _venue_view(session: Session, facts: DepositFacts) -> DepositFacts:
    """The venue's books: was this txid credited, and are deposits on this network open (live rules)?"""
    import asyncio
    from dataclasses import replace

    from supportctl.venue.interface import VenueError
    from supportctl.venue.rules import network_rule

    venue, tx = session.venue, facts.tx
    assert venue is not None and tx is not None
    currency = facts.asset.currency if facts.asset else facts.subject.currency
    try:
        credit, rule = await asyncio.gather(
            asyncio.to_thread(venue.deposit_by_txid, facts.subject.input, currency),
            asyncio.to_thread(network_rule, venue, session.config, currency, tx.chain) if currency
            else asyncio.sleep(0),
        )
    except VenueError as e:
        return replace(facts, venue_asked=True, venue_error=e.message)
    return replace(facts, venue_asked=True, credit=credit, live_rule=rule)


def run_checks(facts: DepositFacts) -> tuple[Finding, ...]:
    return tuple(f for check in checks.for_kind(Kind.DEPOSIT) for f in check.run(facts))


def diagnose_facts(facts: DepositFacts, lang: Lang) -> Diagnosis:
    findings = run_checks(facts)
    verdict, decisive = decide(Kind.DEPOSIT, findings)
    shown = fact_record(facts, findings)
    summary = decisive.message if decisive else "No check could reach a verdict"
    reply = replies.render(Kind.DEPOSIT, verdict, lang, reply_values(facts, findings, shown))
    return Diagnosis(facts.subject, verdict, summary, shown, findings, reply, lang)


async def diagnose(session: Session, subject: Subject, lang: Lang) -> Diagnosis:
    return diagnose_facts(await gather(session, subject), lang)


def fact_record(facts: DepositFacts, findings: tuple[Finding, ...]) -> dict[str, Any]:
    """The facts as the JSON ``facts`` object shows them (amounts as decimal strings)."""
    tx = facts.tx
    out: dict[str, Any] = {"chain": tx.chain if tx else facts.subject.chain, "tx_hash": facts.subject.input}
    if facts.elsewhere:
        out["found_on"] = list(facts.elsewhere)
    if tx is None:
        out["status"] = "not_found" if not any(lk.error for lk in facts.lookups) else "unknown"
        out["chains_asked"] = [lk.chain for lk in facts.lookups]
        return {k: v for k, v in out.items() if v is not None}
    out.update(status=str(tx.status), block=tx.block, tip=tx.tip, confirmations=tx.confirmations,
               source=tx.source, explorer_url=spec(tx.chain).explorer_tx.format(tx=facts.subject.input),
               **{"from": tx.sender})
    if tx.status in (TxStatus.SUCCESS, TxStatus.PENDING):
        out["required_confirmations"] = facts.config.required_confirmations(tx.chain, facts.asset)
    raw, decimals = facts.amount
    if facts.deposit:
        first = facts.deposit[0]
        out["to"] = first.to
        out["contract"] = first.contract
        out["currency"] = facts.asset.currency if facts.asset else first.symbol
        if decimals is not None:
            out["amount"] = fmt(units_to_decimal(raw, decimals))
    if tx.fail_reason:
        out["fail_reason"] = tx.fail_reason
    if tx.replaced_by:
        out["replaced_by"] = tx.replaced_by
    if facts.memo is not None:
        out["memo"] = facts.memo
    if tx.finality:
        out["finality"] = tx.finality
    return {k: v for k, v in out.items() if v is not None}


def reply_values(facts: DepositFacts, findings: tuple[Finding, ...], shown: dict[str, Any]) -> dict[str, object]:
    values: dict[str, object] = {"explorer": shown.get("explorer_url"), "to": facts.subject.to,
                                 "memo": facts.memo}
    chain = facts.subject.chain or (facts.tx.chain if facts.tx else None)
    if chain:
        values["chain"] = spec(chain).name
    if "amount" in shown and shown.get("currency"):
        values["amount"] = f"{shown['amount']} {shown['currency']}"
    for f in findings:
        ev = f.evidence
        for src, dst in (("confirmations", "confirmations"), ("required_confirmations", "required"),
                         ("remaining", "remaining"), ("eta_seconds", "eta_seconds"), ("reason", "reason")):
            if src in ev:
                values[dst] = ev[src]
        if "min_deposit" in ev and "currency" in ev:
            values["min_deposit"] = f"{ev['min_deposit']} {ev['currency']}"
        if "found_on" in ev:
            found = ev["found_on"]
            if isinstance(found, list) and found:
                values["found_chain"] = spec(found[0]).name
        if "accepted_chains" in ev and isinstance(ev["accepted_chains"], list):
            values["accepted"] = ", ".join(spec(c).name for c in ev["accepted_chains"])
            if facts.tx:
                values["found_chain"] = spec(facts.tx.chain).name
                values.pop("chain", None)
    if "required" not in values and "required_confirmations" in shown:
        values["required"] = shown["required_confirmations"]
    if facts.elsewhere and facts.subject.currency:
        accepted = sorted({a.chain for a in facts.config.assets if a.currency == facts.subject.currency.upper()})
        if accepted:
            values["accepted"] = ", ".join(spec(c).name for c in accepted)
    return values


def _hash_hint(family: Family) -> str:
    return {
        Family.EVM: "an EVM transaction hash is 0x followed by 64 hex digits",
        Family.BITCOIN: "a Bitcoin transaction id is 64 hex digits",
        Family.TRON: "a Tron transaction id is 64 hex digits",
        Family.SOLANA: "a Solana signature is 87-88 base58 characters",
        Family.XRP: "an XRP transaction hash is 64 hex digits",
    }[family]

