"""The withdrawal pipeline: the venue's record → the chain's view of its txid → checks → verdict → reply."""

from __future__ import annotations

import asyncio
from typing import Any

from supportctl import checks, replies
from supportctl.chains.registry import spec
from supportctl.checks.withdrawal import WithdrawalFacts
from supportctl.core.amounts import fmt
from supportctl.core.decide import decide
from supportctl.core.model import Diagnosis, Kind, Lang, Lookup, Subject
from supportctl.core.session import Session
from supportctl.venue.interface import Venue
from supportctl.venue.rules import network_rule


async def gather(session: Session, venue: Venue, subject: Subject) -> WithdrawalFacts:
    record = await asyncio.to_thread(venue.withdrawal, subject.input, subject.currency)
    lookup: Lookup | None = None
    rule = None
    if record is not None:
        if record.txid and record.chain is not None and record.chain in session.config.chains:
            lookup = await session.lookup(record.chain, record.txid)
        elif record.txid and record.chain is not None:
            lookup = Lookup(record.chain, error=f"{spec(record.chain).name} is not configured")
        rule = await asyncio.to_thread(network_rule, venue, session.config, record.currency, record.chain,
                                       record.network)
    return WithdrawalFacts(subject, session.config, record, lookup, rule)


def diagnose_facts(facts: WithdrawalFacts, lang: Lang) -> Diagnosis:
    findings = checks.run_all(Kind.WITHDRAWAL, facts)
    verdict, decisive = decide(Kind.WITHDRAWAL, findings)
    shown = fact_record(facts)
    values: dict[str, object] = {
        "withdrawal": f"{shown['amount']} {shown['currency']}" if "amount" in shown else None,
        "address": shown.get("address"), "explorer": shown.get("explorer_url"), "txid": shown.get("txid"),
        "chain": spec(facts.record.chain).name if facts.record and facts.record.chain else None,
    }
    for f in findings:
        for key in ("confirmations", "required_confirmations", "reason"):
            if key in f.evidence:
                values["required" if key == "required_confirmations" else key] = f.evidence[key]
        if f.check == "WDR003" and f.evidence.get("fee") and f.evidence.get("arrived"):
            values["fee_line"] = _fee_line(lang, f.evidence)
    reply = replies.render(Kind.WITHDRAWAL, verdict, lang, values)
    summary = decisive.message if decisive else "No check could reach a verdict"
    return Diagnosis(facts.subject, verdict, summary, shown, findings, reply, lang)


async def diagnose(session: Session, venue: Venue, subject: Subject, lang: Lang) -> Diagnosis:
    return diagnose_facts(await gather(session, venue, subject), lang)


def fact_record(facts: WithdrawalFacts) -> dict[str, Any]:
    r = facts.record
    if r is None:
        return {"id": facts.subject.input, "status": "not_found"}
    out: dict[str, Any] = {
        "id": r.id, "currency": r.currency, "status": r.status or "unknown", "venue_status": r.raw_status,
        "network": r.network, "chain": r.chain, "address": r.address, "memo": r.memo, "txid": r.txid,
        "amount": fmt(r.amount) if r.amount is not None else None,
        "fee": fmt(r.fee) if r.fee is not None else None, "reason": r.reason,
    }
    if facts.arrived is not None:
        out["arrived"] = fmt(facts.arrived)
    tx = facts.tx
    if tx is not None:
        out["confirmations"] = tx.confirmations
        out["block"] = tx.block
    if r.txid and r.chain is not None:
        out["explorer_url"] = spec(r.chain).explorer_tx.format(tx=r.txid)
    return {k: v for k, v in out.items() if v is not None}


def _fee_line(lang: Lang, ev: Any) -> str:
    cur = ev.get("currency", "")
    if lang is Lang.ZH:
        return f"（提币 {ev['amount']} {cur}，扣除 {ev['fee']} {cur} 网络手续费，实际到账 {ev['arrived']} {cur}。）"
    return (f" You withdrew {ev['amount']} {cur}; the {ev['fee']} {cur} network fee was deducted, so "
            f"{ev['arrived']} {cur} arrived.")
