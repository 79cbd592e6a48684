"""The fact records checks read. Built by the gatherers, frozen, never fetched from inside a check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from supportctl.config import Asset, Config
from supportctl.model import ChainKey, Lookup, Subject, Transfer, TxFacts, TxStatus

if TYPE_CHECKING:  # the venue's records, only on the venue path
    from supportctl.venue.interface import NetworkRule
    from supportctl.venue.interface import Transfer as VenueTransfer

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
        """The transaction to judge: on the requested chain, or where it was found when none was named."""
        for f in self.found:
            if self.subject.chain is None or f.chain == self.subject.chain:
                return f
        return None

    @cached_property
    def elsewhere(self) -> tuple[ChainKey, ...]:
        """Chains other than the requested one that know the transaction."""
        if self.subject.chain is None:
            return ()
        return tuple(f.chain for f in self.found if f.chain != self.subject.chain)

    @cached_property
    def candidates(self) -> tuple[Transfer, ...]:
        """Transfers of the judged transaction, narrowed to ``--currency`` when given."""
        if self.tx is None:
            return ()
        transfers = self.tx.transfers
        if self.subject.currency:
            cur = self.subject.currency.upper()
            transfers = tuple(t for t in transfers if (t.symbol or "").strip().upper() == cur)
        return transfers

    @cached_property
    def deposit(self) -> tuple[Transfer, ...]:
        """The transfers that make up the customer's deposit: those paid to ``--to``; without ``--to``,
        the only candidate if there is exactly one. Empty when it cannot be told."""
        if self.subject.to:
            return tuple(t for t in self.candidates if same_address(t.to, self.subject.to))
        return self.candidates if len(self.candidates) == 1 else ()

    @cached_property
    def asset(self) -> Asset | None:
        """The venue's asset row for the deposit (one contract), if the venue accepts it on this chain."""
        if self.tx is None or not self.deposit:
            return None
        contracts = {t.contract for t in self.deposit}
        if len(contracts) != 1:
            return None
        return self.config.asset_for(self.tx.chain, contracts.pop())

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
