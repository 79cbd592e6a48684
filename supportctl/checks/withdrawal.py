"""Withdrawal checks: the venue's record, the chain's view of its txid, the fee arithmetic, the address."""

from __future__ import annotations

from collections.abc import Iterable

from supportctl.checks.base import Check
from supportctl.core.amounts import fmt
from supportctl.core.model import CheckCode, Finding, Kind, Severity, TxStatus, Verdict
from supportctl.core.registry import Family, spec
from supportctl.kinds.deposit import same_address
from supportctl.kinds.withdrawal import WithdrawalFacts
from supportctl.venue.interface import TransferStatus


def _chain_name(facts: WithdrawalFacts) -> str:
    r = facts.record
    if r is not None and r.chain is not None:
        return spec(r.chain).name
    return (r.network if r else None) or "its network"


class WithdrawalStatus(Check[WithdrawalFacts]):
    """WDR001 status — what the venue's books say about the withdrawal.

    `not_found` when the venue has no withdrawal with this id; `processing` while it is pending (in review,
    waiting for the wallet, or broadcasting); `withdrawal_failed` and `canceled` as the venue reports them,
    with its reason. A withdrawal the venue calls done is `completed` only once the chain agrees (WDR002),
    or, with no txid at all, on the venue's word (an internal transfer).
    """

    code = CheckCode("WDR001")
    name = "status"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r = facts.record
        if r is None:
            yield self.problem(Verdict.NOT_FOUND, f"The venue has no withdrawal {facts.subject.input}")
            return
        said = f" (the venue says {r.raw_status!r})" if r.raw_status else ""
        amount = f"{fmt(r.amount)} {r.currency}" if r.amount is not None else r.currency
        if r.status == TransferStatus.FAILED:
            why = f": {r.reason}" if r.reason else ""
            yield self.problem(Verdict.WITHDRAWAL_FAILED, f"The withdrawal of {amount} failed{why}{said}",
                               status=r.status, reason=r.reason)
        elif r.status == TransferStatus.CANCELED:
            yield self.problem(Verdict.CANCELED, f"The withdrawal of {amount} was canceled{said}", status=r.status,
                               reason=r.reason)
        elif r.status == TransferStatus.PENDING:
            if r.txid:
                yield self.finding(Severity.INFO, f"The withdrawal of {amount} was broadcast; the venue still "
                                   f"calls it pending{said}", None, status=r.status)
            else:
                yield self.finding(Severity.INFO, f"The withdrawal of {amount} is being processed (review or "
                                   f"wallet queue): not yet broadcast{said}", Verdict.PROCESSING, status=r.status)
        elif r.status == TransferStatus.OK:
            if r.txid:
                yield self.ok(f"The venue marks the withdrawal of {amount} as sent{said}", status=r.status)
            else:
                yield self.finding(Severity.OK, f"The venue marks the withdrawal of {amount} as completed with no "
                                   "on-chain transaction (an internal transfer)", Verdict.COMPLETED, status=r.status)
        else:
            yield self.unknown(f"The venue's status {r.raw_status!r} for this withdrawal is not one supportctl "
                               "knows", status=r.raw_status)


class OnChain(Check[WithdrawalFacts]):
    """WDR002 on-chain — does the chain confirm the withdrawal's txid?

    The txid is looked up on the withdrawal's network: confirmations against the venue's requirement
    (`awaiting_confirmations` or `completed`), a failed transaction (`withdrawal_failed`), a recipient other
    than the withdrawal's address (the sources contradict each other: `unknown`). A chain that cannot be
    asked, or that does not know the txid yet, leaves it `unknown` / `processing`.
    """

    code = CheckCode("WDR002")
    name = "on-chain"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r = facts.record
        if r is None or not r.txid or r.status in (TransferStatus.FAILED, TransferStatus.CANCELED):
            return
        if r.chain is None:
            yield self.unknown(f"The withdrawal's network {r.network!r} is not a chain supportctl can read; "
                               f"check {r.txid} on its explorer", network=r.network, txid=r.txid)
            return
        lk = facts.lookup
        if lk is None or lk.error is not None:
            yield self.unknown(f"Could not ask {spec(r.chain).name} about {r.txid}: "
                               f"{lk.error if lk else 'not configured'}", txid=r.txid)
            return
        tx = facts.tx
        if tx is None:
            yield self.finding(Severity.INFO, f"{spec(r.chain).name} does not know {r.txid} yet (not broadcast "
                               "or not propagated)", Verdict.PROCESSING, txid=r.txid)
            return
        if tx.status is TxStatus.FAILED:
            yield self.problem(Verdict.WITHDRAWAL_FAILED, f"The withdrawal's transaction failed on chain "
                               f"({tx.fail_reason})", txid=r.txid, reason=tx.fail_reason)
            return
        if tx.status is TxStatus.PENDING:
            yield self.finding(Severity.INFO, "The withdrawal's transaction is in the mempool, not yet in a block",
                               Verdict.AWAITING_CONFIRMATIONS, txid=r.txid, confirmations=0)
            return
        if r.address and tx.transfers and not any(same_address(t.to, r.address) for t in tx.transfers):
            yield self.unknown(f"The chain shows {r.txid} paying {', '.join(sorted({t.to for t in tx.transfers}))}"
                               f", but the venue's record says {r.address}: the sources disagree",
                               txid=r.txid, address=r.address)
            return
        required = facts.config.required_confirmations(r.chain, None) if r.chain in facts.config.chains else 1
        have = tx.confirmations or 0
        if have >= required:
            yield self.finding(Severity.OK, f"On chain with {have} confirmations: the withdrawal has arrived at "
                               f"{r.address or 'its address'}", Verdict.COMPLETED, confirmations=have,
                               required_confirmations=required, txid=r.txid)
        else:
            yield self.finding(Severity.INFO, f"On chain with {have} of {required} confirmations",
                               Verdict.AWAITING_CONFIRMATIONS, confirmations=have, required_confirmations=required,
                               remaining=required - have, txid=r.txid)


class FeeArithmetic(Check[WithdrawalFacts]):
    """WDR003 fee — "I received less than I sent": the arithmetic.

    Shows the amount withdrawn, the venue's fee, and what arrived on chain, so the agent can answer with
    numbers. Arrival = amount − fee when the fee is taken from the amount (most venues); when the chain
    shows the full amount, the fee was charged on top. A shortfall the fee does not explain is a warning.
    """

    code = CheckCode("WDR003")
    name = "fee"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r = facts.record
        if r is None or r.amount is None:
            return
        fee = r.fee if (r.fee is not None and (r.fee_currency in (None, r.currency))) else None
        arrived = facts.arrived
        cur = r.currency
        ev = {"amount": fmt(r.amount), "fee": fmt(fee) if fee is not None else None,
              "arrived": fmt(arrived) if arrived is not None else None, "currency": cur}
        if arrived is None:
            if fee is not None and fee > 0:
                yield self.finding(Severity.INFO, f"{fmt(r.amount)} {cur} withdrawn with a {fmt(fee)} {cur} network "
                                   f"fee: {fmt(r.amount - fee)} {cur} arrives if the fee is taken from the amount",
                                   None, **ev)
            return
        if arrived == r.amount:
            extra = f" (the {fmt(fee)} {cur} fee was charged on top)" if fee else ""
            yield self.ok(f"{fmt(arrived)} {cur} arrived: the full amount{extra}", **ev)
        elif fee is not None and arrived == r.amount - fee:
            yield self.finding(Severity.INFO, f"{fmt(r.amount)} {cur} withdrawn − {fmt(fee)} {cur} fee = "
                               f"{fmt(arrived)} {cur} arrived: the difference is the network fee", None, **ev)
        elif arrived < r.amount:
            yield self.finding(Severity.WARNING, f"{fmt(arrived)} {cur} arrived of {fmt(r.amount)} {cur} withdrawn; "
                               f"the fee ({fmt(fee) if fee is not None else 'unknown'}) does not explain the "
                               "difference", None, **ev)


class DestinationAddress(Check[WithdrawalFacts]):
    """WDR004 address — is the withdrawal's address valid for its network, and the one the customer meant?

    An address that is not valid on the withdrawal's chain is `invalid_address`. With --address (what the
    customer says they entered), a different address is `wrong_address`, and a look-alike (same start and
    end, different middle) is called out as address poisoning.
    """

    code = CheckCode("WDR004")
    name = "address"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r = facts.record
        if r is None or not r.address:
            return
        from supportctl.addressing import analyze, lookalike

        if r.chain is not None:
            analysis = analyze(r.address)
            chains = {c for m in analysis.matches for c in m.chains}
            if not analysis.matches:
                reason = analysis.error.reason if analysis.error else "not a valid address"
                yield self.problem(Verdict.INVALID_ADDRESS, f"{r.address} is not a valid address: {reason}",
                                   address=r.address)
                return
            if all(m.network == "testnet" for m in analysis.matches):
                yield self.problem(Verdict.INVALID_ADDRESS, f"{r.address} is a testnet address: funds sent to it on "
                                   "mainnet are lost", address=r.address, network="testnet")
                return
            if r.chain not in chains:
                names = ", ".join(spec(c).name for c in sorted(chains))  # type: ignore[arg-type]
                yield self.problem(Verdict.INVALID_ADDRESS, f"{r.address} is an address on {names}, not on "
                                   f"{spec(r.chain).name}", address=r.address, chains=sorted(chains))
                return
        said = facts.subject.to
        if not said:
            return
        if same_address(said, r.address):
            yield self.ok(f"Sent to {r.address}, the address the customer gave", address=r.address)
        elif lookalike(said, r.address):
            yield self.problem(Verdict.WRONG_ADDRESS, f"Sent to {r.address}, a look-alike of the customer's "
                               f"{said} (address poisoning: the wrong address was pasted from their history)",
                               address=r.address, customer_address=said, lookalike=True)
        else:
            yield self.problem(Verdict.WRONG_ADDRESS, f"Sent to {r.address}, the address entered in the "
                               f"withdrawal, not {said}", address=r.address, customer_address=said)


class WithdrawalMemo(Check[WithdrawalFacts]):
    """WDR005 memo — a memo/tag network without a memo.

    Withdrawing to an exchange on a memo chain (XRP, or an asset with `memo_required`) without the
    receiving platform's memo/tag leaves the funds unassigned there: `memo_missing`, and the customer must
    ask the receiving platform to credit it manually.
    """

    code = CheckCode("WDR005")
    name = "memo"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r = facts.record
        if r is None:
            return  # a network with no chain key (TON, XLM …) still has the venue's rule: it is read below
        xrp = r.chain is not None and spec(r.chain).family is Family.XRP
        needs = xrp or bool(facts.rule and facts.rule.memo_required)
        if needs and not r.memo:
            yield self.problem(Verdict.MEMO_MISSING, f"{_chain_name(facts)} needs a memo/tag for exchange "
                               "addresses, and this withdrawal has none", network=r.network)
        elif r.memo:
            yield self.ok(f"Sent with memo/tag {r.memo}", memo=r.memo)


class WithdrawalSuspension(Check[WithdrawalFacts]):
    """WDR006 suspension — are withdrawals of this currency on this network suspended?

    A pending withdrawal on a network whose withdrawals the venue has suspended (live rules, or
    `withdraw_enabled = false`) is `network_suspended`: it goes out when the network reopens.
    """

    code = CheckCode("WDR006")
    name = "suspension"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r, rule = facts.record, facts.rule
        if r is None or rule is None or rule.withdraw_enabled is not False:
            return
        if r.status == TransferStatus.PENDING:
            yield self.problem(Verdict.NETWORK_SUSPENDED, f"{r.currency} withdrawals on {_chain_name(facts)} are "
                               "suspended by the venue", network=r.network)


CHECKS: tuple[type[Check[WithdrawalFacts]], ...] = (
    WithdrawalStatus, OnChain, FeeArithmetic, DestinationAddress, WithdrawalMemo, WithdrawalSuspension,
)
