"""The deposit kind: "my deposit has not arrived". Its facts record, how they are gathered (every chain that
can hold the hash, the venue's books), what the facts show, and what the reply may say.

Claims (``--chain``, ``--to``, ``--currency``, ``--memo``) are checked against the evidence by the checks in
``checks/deposit.py``; nothing here filters evidence by a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from supportctl.chains.interface import hash_hint, tx_families
from supportctl.core.amounts import fmt, units_to_decimal
from supportctl.core.config import Asset, Config
from supportctl.core.errors import InputError
from supportctl.core.model import (
    ChainKey,
    CheckCode,
    Finding,
    Kind,
    Lang,
    Lookup,
    Severity,
    Subject,
    Transfer,
    TxFacts,
    TxStatus,
    Verdict,
)
from supportctl.core.registry import spec
from supportctl.core.textio import clip

if TYPE_CHECKING:
    from supportctl.engine.session import Session  # the venue's records, only on the venue path
    from supportctl.venue.interface import NetworkRule, VenueTransfer

KIND = Kind.DEPOSIT

# Strongest first (see core/decide.py): definite problems, then unknown, then what tells the customer all is well.
PRECEDENCE: tuple[Verdict, ...] = (
    Verdict.WRONG_NETWORK,  # it is not where the customer says: nothing else about it applies
    Verdict.NOT_FOUND,
    Verdict.TX_FAILED,
    Verdict.REPLACED,
    Verdict.WRONG_ADDRESS,  # real funds went to another (often look-alike) address
    Verdict.ADDRESS_POISONING,  # only zero-value or look-alike transfers: nothing was deposited
    Verdict.UNSUPPORTED_TOKEN,
    Verdict.NETWORK_SUSPENDED,
    Verdict.MEMO_MISSING,
    Verdict.MEMO_MISMATCH,
    Verdict.BELOW_MINIMUM,
    Verdict.UNKNOWN,
    Verdict.PENDING,
    Verdict.AWAITING_CONFIRMATIONS,
    Verdict.CONFIRMED,
)

_BECH32 = re.compile(r"(bc|tb|ltc|tltc|bcrt)1[02-9ac-hj-np-z]{6,87}", re.IGNORECASE)


def same_address(a: str | None, b: str | None) -> bool:
    """Address equality: hex addresses compare case-insensitively, every other form exactly."""
    if a is None or b is None:
        return False
    a, b = a.strip(), b.strip()
    if a.lower().startswith("0x") and b.lower().startswith("0x"):
        return a.lower() == b.lower()
    if _BECH32.fullmatch(a) and _BECH32.fullmatch(b):
        return a.lower() == b.lower()  # bech32 is valid all-uppercase (QR codes); chains print it lowercase
    return a == b


@dataclass(frozen=True)
class DepositFacts:
    subject: Subject
    config: Config
    lookups: tuple[Lookup, ...]  # every chain asked, in the order asked (the requested chain first)
    venue_asked: bool = False  # a venue is configured and was asked about this deposit
    credit: VenueTransfer | None = None  # the venue's deposit record for this txid (None: it has none)
    venue_error: str | None = None  # why the venue could not be asked
    live_rule: NetworkRule | None = None  # the venue's live rule for the asset on this chain
    notes: tuple[str, ...] = ()  # what was cleaned in the customer's claims (punctuation around --to …)

    def stale(self, facts: TxFacts) -> bool:
        return facts.tip_age is not None and facts.tip_age > self.config.chain(facts.chain).max_tip_age

    @cached_property
    def found(self) -> tuple[TxFacts, ...]:
        """The chains that know the transaction (mined, pending, failed or replaced)."""
        return tuple(
            lk.facts for lk in self.lookups if lk.facts is not None and lk.facts.status is not TxStatus.NOT_FOUND
        )

    @cached_property
    def tx(self) -> TxFacts | None:
        """The transaction to judge, where it really is: on the named chain when it is there, else on the
        chain that knows it. A network the customer named is a claim (DEP002), never a filter."""
        named = [f for f in self.found if f.chain == self.subject.chain]
        return next(iter(named or self.found), None)

    @cached_property
    def off_network(self) -> bool:
        """The customer named a network, and the transaction is on another one."""
        return self.subject.chain is not None and self.tx is not None and self.tx.chain != self.subject.chain

    @cached_property
    def elsewhere(self) -> tuple[ChainKey, ...]:
        """Chains other than the named one that know the transaction."""
        if self.subject.chain is None:
            return ()
        return tuple(f.chain for f in self.found if f.chain != self.subject.chain)

    @cached_property
    def transfers(self) -> tuple[Transfer, ...]:
        """Everything the judged transaction moved, whatever the customer says they sent."""
        return self.tx.transfers if self.tx is not None else ()

    @cached_property
    def to_customer(self) -> tuple[Transfer, ...]:
        """Transfers paid to the customer's address (``--to``), zero-value ones included."""
        if not self.subject.to:
            return ()
        return tuple(t for t in self.transfers if same_address(t.to, self.subject.to))

    @cached_property
    def deposit(self) -> tuple[Transfer, ...]:
        """The transfers that make up the customer's deposit: value paid to ``--to``, of one asset. When
        several assets arrived, the venue's own asset is the deposit (the one the customer named, if they
        named one of them) and the rest are ``other_arrivals``. Without ``--to``: the transaction's only
        transfer of value, if there is exactly one. Zero-value transfers are never a deposit (address
        poisoning, DEP012)."""
        valued = [t for t in (self.to_customer if self.subject.to else self.transfers) if t.raw > 0]
        if not self.subject.to and len(valued) != 1:
            return ()
        groups: dict[str, list[Transfer]] = {}
        for t in valued:
            groups.setdefault((t.contract or "").lower(), []).append(t)
        if not groups:
            return ()
        return tuple(groups[self._deposit_contract(groups)])

    def _deposit_contract(self, groups: dict[str, list[Transfer]]) -> str:
        """Which of several assets paid to ``--to`` is the deposit to judge: a listed asset at or above its
        minimum (the one the customer named, if several), else an unlisted token (what the customer most likely
        asks about: a swap leaves dust of the native coin beside it), else listed dust."""
        assert self.tx is not None
        claim = (self.subject.currency or "").upper()

        def rank(contract: str) -> tuple[int, str]:
            asset = self.config.asset_for(self.tx.chain, contract or None)  # type: ignore[union-attr]
            if asset is None:
                return 2, contract
            transfers = groups[contract]
            decimals = transfers[0].decimals
            enough = asset.min_deposit is None or decimals is None or \
                Decimal(sum(t.raw for t in transfers)).scaleb(-decimals) >= asset.min_deposit
            if not enough:
                return 3, contract  # dust never outranks a real arrival, even when it is what the customer named
            return (0 if asset.currency == claim else 1), contract

        return min(groups, key=rank)

    @cached_property
    def other_arrivals(self) -> tuple[Transfer, ...]:
        """Value paid to ``--to`` besides the deposit (another token in the same transaction)."""
        return tuple(t for t in self.to_customer if t.raw > 0 and t not in self.deposit)

    @cached_property
    def asset(self) -> Asset | None:
        """The venue's asset row for the deposit (one contract), if the venue accepts it on this chain."""
        if self.tx is None or not self.deposit:
            return None
        return self.config.asset_for(self.tx.chain, self.deposit[0].contract)

    @cached_property
    def currency(self) -> str | None:
        """What the deposit is, from the evidence: the venue's asset, else the chain's native coin, else the
        token's own (untrusted) symbol."""
        if not self.deposit or self.tx is None:
            return None
        if self.asset is not None:
            return self.asset.currency
        if self.deposit[0].contract is None:
            from supportctl.core.registry import spec

            return spec(self.tx.chain).native
        return self.deposit[0].symbol

    @cached_property
    def memo(self) -> str | None:
        """The memo / destination tag of the deposit: its transfers' own, else the transaction's."""
        memos = {t.memo for t in self.deposit if t.memo is not None}
        if memos:
            return sorted(memos)[0]
        return self.tx.memo if self.tx is not None else None

    @cached_property
    def amount(self) -> tuple[int, int | None]:
        """(raw units, decimals) of the deposit summed over its transfers of one contract."""
        raw = sum(t.raw for t in self.deposit)
        decimals = {t.decimals for t in self.deposit}
        return raw, decimals.pop() if len(decimals) == 1 else None


_EDGE_PUNCTUATION = ".,;:!?()[]{}<>\"'`“”‘’（）。，；：！？、《》「」"


def check_claims(subject: Subject) -> tuple[Subject, tuple[str, ...]]:
    """The customer's claims made fit to check, before any request: ``--to`` trimmed of punctuation copied
    from a ticket and required to be an address a chain of this hash's family can pay; ``--memo`` a
    destination tag where the address is an XRP one; ``--currency`` a symbol. Returns the cleaned subject
    and notes saying what was cleaned. Raises InputError (exit 2) naming the option and why."""
    from dataclasses import replace

    from supportctl.addressing import analyze
    from supportctl.addressing.interface import address_families

    notes: list[str] = []
    families = address_families(tx_families(subject.input))
    to = subject.to
    xrp_to = False
    if to is not None:
        cleaned = to.strip().strip(_EDGE_PUNCTUATION).strip()
        if cleaned != to.strip():
            notes.append(f"--to: removed {to.strip().replace(cleaned, '', 1)!r} copied around the address")
        analysis = analyze(cleaned)
        fitting = [m for m in analysis.matches if m.family in families]
        if not fitting:
            why = analysis.error.reason if analysis.error else "it is an address of another chain family (" + \
                ", ".join(sorted({m.family for m in analysis.matches})) + ")"
            raise InputError(f"--to {clip(cleaned)!r} is not an address this transaction could pay: {why}",
                             hint=f"give the customer's deposit address on {' / '.join(sorted(families))}, "
                             "copied from the deposit page or the venue's records")
        xrp_to = any(m.family == "xrp" for m in fitting)
        if any(m.tag is not None for m in fitting) and subject.memo is None:
            subject = replace(subject, memo=str(next(m.tag for m in fitting if m.tag is not None)))
            notes.append("--memo: taken from the X-address's destination tag")
        to = cleaned
    memo = subject.memo
    if memo is not None and (xrp_to or subject.chain == "xrp"):
        if not (memo.isascii() and memo.isdigit() and int(memo) < 2**32):
            raise InputError(f"--memo {clip(memo)!r} is not an XRP destination tag",
                             hint="a destination tag is a whole number from 0 to 4294967295")
    elif memo is not None and (len(memo) > 128 or not memo.isprintable()):
        raise InputError("--memo is not a memo: longer than 128 characters or holding control characters")
    currency = subject.currency
    if currency is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-_]{0,19}", currency):
        raise InputError(f"--currency {clip(currency)!r} is not a currency symbol", hint="e.g. USDT, ETH, BTC")
    return replace(subject, to=to), tuple(notes)


async def gather(session: Session, subject: Subject) -> DepositFacts:
    """Ask the named chain; if the hash is not there, ask the other configured chains of its family
    (to tell `wrong_network`). With no chain named, ask every configured chain of the family at once."""
    config = session.config
    tx = subject.input
    families = tx_families(tx)
    if not families:
        raise InputError(f"{tx!r} is not a transaction hash", hint="an EVM hash is 0x followed by 64 hex digits")
    subject, notes = check_claims(subject)
    configured = [c for c in config.chains if spec(c).family in families]
    if subject.chain is not None:
        if spec(subject.chain).family not in families:
            raise InputError(f"{tx} is not a {spec(subject.chain).name} transaction hash",
                             hint=hash_hint(spec(subject.chain).family))
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
    facts = DepositFacts(subject=subject, config=config, lookups=lookups, notes=notes)
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
    currency = facts.currency or facts.subject.currency
    try:
        credit, rule = await asyncio.gather(
            asyncio.to_thread(venue.deposit_by_txid, facts.subject.input, currency),
            asyncio.to_thread(network_rule, venue, session.config, currency, tx.chain) if currency
            else asyncio.sleep(0),
        )
    except VenueError as e:
        return replace(facts, venue_asked=True, venue_error=e.message)
    return replace(facts, venue_asked=True, credit=credit, live_rule=rule)


MAX_TRANSFERS_SHOWN = 50


def shown(facts: DepositFacts, findings: tuple[Finding, ...]) -> dict[str, Any]:
    """The facts as the JSON ``facts`` object shows them (amounts as decimal strings): what the chain shows,
    where the transaction really is, every transfer it made, and — apart — what the customer claimed."""
    tx = facts.tx
    out: dict[str, Any] = {"chain": tx.chain if tx else facts.subject.chain, "tx_hash": facts.subject.input}
    claims = {"chain": facts.subject.chain, "to": facts.subject.to, "currency": facts.subject.currency,
              "memo": facts.subject.memo, "amount": facts.subject.amount, "from": facts.subject.sender}
    if any(v is not None for v in claims.values()):
        out["claims"] = {k: v for k, v in claims.items() if v is not None}
    if facts.off_network:
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
    moved = tx.status in (TxStatus.SUCCESS, TxStatus.PENDING)  # a failed or replaced one moved nothing
    if facts.deposit and moved:
        first = facts.deposit[0]
        out["to"] = first.to
        out["contract"] = first.contract
        out["currency"] = facts.currency
        out["listed"] = facts.asset is not None
        if decimals is not None:
            out["amount"] = fmt(units_to_decimal(raw, decimals))
    if facts.transfers:
        # what a failed transaction meant to move is evidence too, but never shown as moved
        out["transfers" if moved else "intended_transfers"] = [_transfer(facts, t) for t in _shown_transfers(facts)]
        if len(facts.transfers) > MAX_TRANSFERS_SHOWN:
            out["transfers_total"] = len(facts.transfers)
    if tx.fail_reason:
        out["fail_reason"] = tx.fail_reason
    if tx.replay_error:
        out["replay_error"] = tx.replay_error
    if tx.replaced_by:
        out["replaced_by"] = tx.replaced_by
    if facts.memo is not None:
        out["memo"] = facts.memo
    if tx.finality:
        out["finality"] = tx.finality
    return {k: v for k, v in out.items() if v is not None}


def _shown_transfers(facts: DepositFacts) -> list[Transfer]:
    """At most ``MAX_TRANSFERS_SHOWN`` transfers in chain order; those to or from the customer's address are
    always among them (a spam batch of hundreds must not push the customer's own transfer out)."""
    every = list(facts.transfers)
    if len(every) <= MAX_TRANSFERS_SHOWN:
        return every
    to = facts.subject.to
    theirs = [i for i, t in enumerate(every) if same_address(t.to, to) or same_address(t.sender, to)]
    keep = set(theirs[:MAX_TRANSFERS_SHOWN])
    for i in range(len(every)):
        if len(keep) >= MAX_TRANSFERS_SHOWN:
            break
        keep.add(i)
    return [every[i] for i in sorted(keep)]


def _transfer(facts: DepositFacts, t: Transfer) -> dict[str, Any]:
    """One movement of value as the facts show it: the venue's name for a listed asset, else the chain's
    native symbol or the token's own (untrusted) symbol."""
    assert facts.tx is not None
    asset = facts.config.asset_for(facts.tx.chain, t.contract)
    currency = asset.currency if asset else (spec(facts.tx.chain).native if t.contract is None else t.symbol)
    row = {"from": t.sender, "to": t.to, "contract": t.contract, "currency": currency, "memo": t.memo,
           "amount": fmt(units_to_decimal(t.raw, t.decimals)) if t.decimals is not None else None,
           "listed": asset is not None}
    if t.decimals is None:
        row["raw"] = str(t.raw)
    return {k: v for k, v in row.items() if v is not None}


def reply_variant(facts: DepositFacts, verdict: Verdict, findings: tuple[Finding, ...]) -> str | None:
    """Which reply of the verdict fits the findings (``replies.render``'s ``variant``)."""
    ev = {f.check: f.evidence for f in findings}
    if verdict is Verdict.CONFIRMED and facts.venue_asked and not facts.venue_error:
        credit = facts.credit
        if credit is None:
            return "escalated"
        if credit.status == "ok":
            return "credited"
        return "venue_failed" if credit.status in ("failed", "canceled") else "crediting"
    if verdict is Verdict.WRONG_NETWORK:
        network = ev.get(CheckCode("DEP002"), {})
        if network.get("credited_there"):
            return "credited_there"
        if network.get("accepted_there"):
            return "accepted_there"
    if verdict is Verdict.UNSUPPORTED_TOKEN and "expected_contract" not in ev.get(CheckCode("DEP005"), {}):
        return "unlisted"
    return None


def reply_values(facts: DepositFacts, findings: tuple[Finding, ...], shown: dict[str, Any],
                 lang: Lang) -> dict[str, object]:
    """What the reply may say, all taken from the evidence (the network the transaction is on, not the one
    the customer named; the amount that arrived, not the one they claimed). Values only: the words of the
    token and credit reference are the ``replies`` fragments', and numbers stay numbers (``replies.Amount``,
    ints) for the reply to write in the customer's locale."""
    from supportctl import replies

    values: dict[str, object] = {"explorer": shown.get("explorer_url"), "to": facts.subject.to,
                                 "memo": facts.memo}
    if facts.tx is not None:
        values["chain"] = values["found_chain"] = spec(facts.tx.chain).name
    elif facts.subject.chain:
        values["chain"] = spec(facts.subject.chain).name
    if facts.subject.chain:
        values["expected_chain"] = spec(facts.subject.chain).name
    if "amount" in shown and shown.get("currency"):
        values["amount"] = replies.Amount(Decimal(shown["amount"]), shown["currency"])
    if facts.deposit and facts.deposit[0].contract:
        values["token"] = replies.fragment(lang, ("token", "token_contract"), contract=facts.deposit[0].contract,
                                           symbol=(facts.deposit[0].symbol or "").strip())
    for f in findings:
        ev = f.evidence
        for src, dst in (("confirmations", "confirmations"), ("required_confirmations", "required"),
                         ("remaining", "remaining"), ("eta_seconds", "eta_seconds"), ("reason", "reason")):
            if src in ev:
                values[dst] = ev[src]
        minimum = replies.as_decimal(ev.get("min_deposit"))
        if isinstance(minimum, Decimal) and "currency" in ev:
            values["min_deposit"] = replies.Amount(minimum, str(ev["currency"]))
        accepted = ev.get("accepted_chains")
        if f.check == "DEP002" and isinstance(accepted, list) and accepted:
            values["accepted"] = ", ".join(spec(c).name for c in accepted)
        if f.check == "DEP011" and "deposit_id" in ev:
            values["credit_ref"] = replies.fragment(lang, ("credit_ref_dated", "credit_ref"),
                                                    deposit_id=str(ev["deposit_id"]), credited_at=ev.get("credited_at"))
    if "required" not in values and "required_confirmations" in shown:
        values["required"] = shown["required_confirmations"]
    return values



def reply_notes(facts: DepositFacts, findings: tuple[Finding, ...], lang: Lang) -> list[str]:
    """Sentences added to the reply: when less arrived than the customer says they sent (DEP014), both amounts
    and the usual reason, so the reply never seems to ignore what they wrote."""
    from supportctl import replies

    gap = next((f for f in findings if f.check == "DEP014" and f.severity is Severity.WARNING), None)
    if gap is None:
        return []
    currency = str(gap.evidence["currency"])
    line = replies.fragment(lang, "amount_gap",
                            claimed=replies.Amount(Decimal(str(gap.evidence["claimed_amount"])), currency),
                            arrived=replies.Amount(Decimal(str(gap.evidence["arrived_amount"])), currency))
    return [line] if line else []


def notes(facts: DepositFacts) -> tuple[Finding, ...]:
    """What was cleaned in the customer's claims, as findings shown before the checks'."""
    return tuple(Finding(CheckCode("INP003"), "input", Severity.INFO, note) for note in facts.notes)
