"""The fact records checks read. Built by the gatherers, frozen, never fetched from inside a check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from supportctl.core.config import Asset, Config
from supportctl.core.model import ChainKey, Lookup, Subject, Transfer, TxFacts, TxStatus

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
            from supportctl.chains.registry import spec

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
