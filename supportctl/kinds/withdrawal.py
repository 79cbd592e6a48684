"""The withdrawal kind: "where is my withdrawal?". The venue's record, the chain's view of its txid, and the
venue's rule for the network; what the facts show and what the reply may say."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from supportctl import replies
from supportctl.core.amounts import fmt
from supportctl.core.config import Config
from supportctl.core.model import Finding, Kind, Lang, Lookup, Subject, TxFacts, TxStatus, Verdict
from supportctl.core.registry import spec
from supportctl.kinds.deposit import same_address
from supportctl.venue.interface import NetworkRule, Venue, VenueTransfer
from supportctl.venue.rules import network_rule

if TYPE_CHECKING:
    from supportctl.engine.session import Session

KIND = Kind.WITHDRAWAL

PRECEDENCE: tuple[Verdict, ...] = (
    Verdict.NOT_FOUND,
    Verdict.WITHDRAWAL_FAILED,
    Verdict.CANCELED,
    Verdict.INVALID_ADDRESS,
    Verdict.WRONG_ADDRESS,
    Verdict.MEMO_MISSING,
    Verdict.NETWORK_SUSPENDED,
    Verdict.UNKNOWN,
    Verdict.PROCESSING,
    Verdict.AWAITING_CONFIRMATIONS,
    Verdict.COMPLETED,
)


@dataclass(frozen=True)
class WithdrawalFacts:
    subject: Subject  # input = the withdrawal id; to = what the customer says they entered (--address)
    config: Config
    record: VenueTransfer | None
    lookup: Lookup | None  # the chain's answer about record.txid, when there is one to ask
    rule: NetworkRule | None  # the venue's rule for this currency on this network (live, or [[assets]])

    @property
    def tx(self) -> TxFacts | None:
        if self.lookup is None or self.lookup.facts is None or self.lookup.facts.status is TxStatus.NOT_FOUND:
            return None
        return self.lookup.facts

    @cached_property
    def arrived(self) -> Decimal | None:
        """What reached the address on chain (summed transfers to the record's address)."""
        if self.tx is None or self.record is None or not self.record.address:
            return None
        paid = [t for t in self.tx.transfers if same_address(t.to, self.record.address) and t.amount is not None]
        if not paid:
            return None
        return sum((t.amount for t in paid if t.amount is not None), Decimal(0))


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


def shown(facts: WithdrawalFacts, findings: tuple[Finding, ...]) -> dict[str, Any]:
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


def reply_values(facts: WithdrawalFacts, findings: tuple[Finding, ...], shown: dict[str, Any],
                 lang: Lang) -> dict[str, object]:
    """What the reply may say; numbers stay numbers (``replies.Amount``, ``Decimal``, ints) for the reply to
    write in the customer's locale."""
    r = facts.record
    values: dict[str, object] = {
        "withdrawal": replies.Amount(r.amount, r.currency) if r is not None and r.amount is not None else None,
        "address": shown.get("address"), "explorer": shown.get("explorer_url"), "txid": shown.get("txid"),
        "chain": spec(facts.record.chain).name if facts.record and facts.record.chain else None,
    }
    for f in findings:
        for key in ("confirmations", "required_confirmations", "reason"):
            if key in f.evidence:
                values["required" if key == "required_confirmations" else key] = f.evidence[key]
        ev = f.evidence
        if f.check == "WDR003" and ev.get("fee") and ev.get("arrived"):
            values["fee_line"] = replies.fragment(
                lang, "fee_line", amount=replies.as_decimal(ev.get("amount")), fee=replies.as_decimal(ev["fee"]),
                arrived=replies.as_decimal(ev["arrived"]), currency=ev.get("currency"))
    return values
