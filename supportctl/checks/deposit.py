"""Deposit checks. Each reads ``DepositFacts`` and returns findings; none of them fetches anything."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from supportctl.checks.base import Check
from supportctl.core.amounts import duration, fmt, units_to_decimal
from supportctl.core.model import CheckCode, Finding, Kind, Severity, Transfer, TxStatus, Verdict
from supportctl.core.registry import Family, spec
from supportctl.kinds.deposit import DepositFacts, same_address


def _name(chain: str) -> str:
    return spec(chain).name  # type: ignore[arg-type]


class TransactionStatus(Check[DepositFacts]):
    """DEP001 transaction — is the transaction on chain, and did it succeed?

    Asks the chain named with --chain (or, for a bare hash, every configured chain of the hash's family
    at once). Verdicts: `not_found` when every asked chain answered and none knows the hash; `pending`
    while it waits in the mempool; `tx_failed` when it was mined but reverted (status 0), with the reason
    when it can be told (out of gas vs reverted by the contract); `replaced` when another transaction took
    its place. A chain that could not be asked, or whose node is stale, makes the answer `unknown`:
    "not found" is said only when every source could really be asked.
    """

    code = CheckCode("DEP001")
    name = "transaction"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        unreachable = [lk for lk in facts.lookups if lk.error is not None]
        tx = facts.tx
        if tx is None:
            for lk in unreachable:
                yield self.unknown(f"Could not ask {_name(lk.chain)}: {lk.error}", chain=lk.chain, error=lk.error)
            stale = [lk.facts for lk in facts.lookups if lk.facts is not None and facts.stale(lk.facts)]
            for f in stale:
                yield self.unknown(
                    f"{_name(f.chain)}'s node is {duration(f.tip_age or 0)} behind, so its 'not found' is not trusted",
                    chain=f.chain, tip_age_seconds=round(f.tip_age or 0),
                )
            if not unreachable and not stale:
                asked = ", ".join(_name(lk.chain) for lk in facts.lookups)
                yield self.problem(
                    Verdict.NOT_FOUND, f"No transaction with this hash on {asked}",
                    chains=[lk.chain for lk in facts.lookups],
                )
            return
        where = _name(tx.chain)
        if tx.status is TxStatus.PENDING:
            yield self.finding(Severity.INFO, f"Waiting in the mempool on {where}: not yet in a block",
                               Verdict.PENDING, chain=tx.chain)
        elif tx.status is TxStatus.FAILED:
            why = tx.fail_reason or "reason unknown"
            unread = f"; the node could not replay it: {tx.replay_error}" if tx.replay_error else ""
            yield self.problem(Verdict.TX_FAILED, f"The transaction failed on {where} ({why}): nothing was "
                               f"transferred{unread}", chain=tx.chain, block=tx.block, reason=tx.fail_reason,
                               replay_error=tx.replay_error)
        elif tx.status is TxStatus.REPLACED:
            by = f" ({tx.replaced_by})" if tx.replaced_by else ""
            yield self.problem(Verdict.REPLACED, f"The transaction was replaced by another one{by} and will never "
                               "confirm", chain=tx.chain, replaced_by=tx.replaced_by)
        else:
            yield self.ok(f"Succeeded on {where} in block {tx.block}", chain=tx.chain, block=tx.block)


class Network(Check[DepositFacts]):
    """DEP002 network — is the transaction on the network the customer named, and does the venue accept it there?

    The network the customer names (--chain, an explorer link, a word in the ticket) is a claim: the
    transaction is looked for on every configured chain of its family and judged where it really is.
    On another chain than the one named, the verdict is `wrong_network`, and the facts (status, amount,
    confirmations, explorer link) are those of the chain it is on. The finding says whether the venue
    accepts that asset on that chain (`accepted_there`) and whether it reached the customer's address
    there (`paid_to_address`); the reply promises a credit only when both hold and the venue uses one
    address on every EVM network (`venue.shared_evm_address = true`), and a recovery path otherwise.
    A native coin sent on a chain where the venue does not accept it (ETH on Arbitrum when it takes ETH
    only on Ethereum) is `wrong_network` too, with the accepted networks.
    """

    code = CheckCode("DEP002")
    name = "network"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        tx = facts.tx
        if tx is None:
            return
        currency = facts.currency or (facts.subject.currency or "").upper() or None
        accepted = sorted({a.chain for a in facts.config.assets if currency and a.currency == currency.upper()})
        if facts.off_network:
            named = facts.subject.chain
            assert named is not None
            there = facts.asset is not None
            credit = there and bool(facts.deposit) and spec(tx.chain).family is spec(named).family is Family.EVM \
                and facts.config.venue.shared_evm_address
            if credit:
                outlook = "the venue accepts it there at the same address, so it is credited once confirmed"
            elif there:
                outlook = (f"the venue accepts {currency} on {_name(tx.chain)}; check that the address there is "
                           "the customer's before crediting")
            else:
                outlook = "the venue does not accept it there: a recovery case"
            yield self.problem(
                Verdict.WRONG_NETWORK,
                f"The customer named {_name(named)}, but the transaction is on {_name(tx.chain)}: {outlook}",
                expected_chain=named, chain=tx.chain, found_on=[tx.chain], accepted_there=there,
                paid_to_address=bool(facts.deposit), credited_there=credit,
                accepted_chains=accepted or None,
            )
            return
        deposit = facts.deposit
        if deposit and deposit[0].contract is None and facts.asset is None and accepted:
            names = ", ".join(_name(c) for c in accepted)
            yield self.problem(
                Verdict.WRONG_NETWORK,
                f"{currency} is not accepted on {_name(tx.chain)}; accepted networks: {names}",
                chain=tx.chain, accepted_chains=accepted,
            )


class Confirmations(Check[DepositFacts]):
    """DEP003 confirmations — has the transaction enough confirmations for the venue to credit it?

    Confirmations are `tip − block + 1` (the block holding the transaction counts as one). The number
    required is the asset's `confirmations`, else the chain's. Fewer is `awaiting_confirmations`, with
    how many are left and an ETA from recent block times (or the chain's typical block time when the
    node does not say when blocks were made). Enough is `confirmed`.
    """

    code = CheckCode("DEP003")
    name = "confirmations"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        tx = facts.tx
        if tx is None or tx.status is not TxStatus.SUCCESS or tx.confirmations is None:
            return
        required = facts.config.required_confirmations(tx.chain, facts.asset)
        have = tx.confirmations
        if have >= required:
            yield self.finding(Severity.OK, f"{have} confirmations (the venue requires {required})",
                               Verdict.CONFIRMED, confirmations=have, required_confirmations=required)
            return
        left = required - have
        eta = left * (tx.block_time or spec(tx.chain).block_time)
        basis = "recent blocks" if tx.block_time_measured else "the chain's typical block time"
        yield self.finding(
            Severity.INFO,
            f"{have} of {required} confirmations: {left} more needed, {duration(eta)} (from {basis})",
            Verdict.AWAITING_CONFIRMATIONS, confirmations=have, required_confirmations=required,
            remaining=left, eta_seconds=round(eta),
        )


class Recipient(Check[DepositFacts]):
    """DEP004 recipient — did the funds go to the customer's deposit address (--to)?

    Every transfer in the transaction counts, whatever the customer says they sent: the native value and
    each token `Transfer` event, so a deposit paid from inside a contract (a batch payout through
    `transferFrom`) is found too, and so is a token other than the one the customer named. Nothing of
    value paid to --to is `wrong_address`, and the finding lists where the funds went; when a recipient
    shares the first and last characters of --to but differs, it warns of a look-alike address (address
    poisoning: the customer copied a fake address from their history). Only zero-value transfers to --to
    are not a deposit at all (DEP012 explains them). Without --to the recipient cannot be checked, so the
    verdict can be no better than `unknown`.
    """

    code = CheckCode("DEP004")
    name = "recipient"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        tx = facts.tx
        if tx is None or (tx.status is TxStatus.REPLACED and not tx.transfers):
            return  # a replaced transaction's outputs may be unknown (Esplora: gone); DEP001 has the verdict
        if tx.status is TxStatus.PENDING and not tx.transfers:
            yield self.unknown("The pending transaction's content is not readable yet: the recipient can be "
                               "checked once it is in a block")
            return
        to = facts.subject.to
        valued = [t for t in facts.transfers if t.raw > 0]
        recipients = sorted({t.to for t in valued})
        if tx.status is TxStatus.FAILED:
            if to and valued and not facts.deposit:  # what it meant to do; DEP001 has the verdict
                yield self.finding(Severity.INFO, f"It was meant to pay {', '.join(recipients)}, not {to}",
                                   to=to, recipients=recipients)
            return
        if not to:
            if not valued:
                yield self.unknown("The transaction moved no coins or tokens that could be a deposit")
            elif len(valued) == 1:
                yield self.unknown(f"Paid to {recipients[0]}; pass --to with the customer's deposit address to "
                                   "check it", recipients=recipients)
            else:
                yield self.unknown(f"{len(valued)} transfers in this transaction; pass --to with the "
                                   "customer's deposit address to tell which is theirs", recipients=recipients)
            return
        if facts.deposit:
            yield self.ok(f"Paid to the customer's address {to}: {_moved(facts.deposit)}", to=to)
            return
        if facts.to_customer or (not valued and facts.transfers):
            return  # only zero-value transfers: not a deposit, DEP012 says what they are
        from supportctl.addressing import lookalike

        fakes = [r for r in recipients if lookalike(r, to)]
        went = "; ".join(f"{_moved([t])} to {t.to}" for t in valued[:5]) + (" …" if len(valued) > 5 else "")
        if fakes:
            yield self.problem(
                Verdict.WRONG_ADDRESS,
                f"Sent to {fakes[0]}, a look-alike of the customer's address {to} (address poisoning): "
                "same start and end, different middle",
                to=to, recipients=recipients, lookalike=fakes[0],
            )
        elif recipients:
            sent = same_address(to, tx.sender) or any(same_address(to, t.sender) for t in valued)
            own = f" ({to} sent this transaction: was the customer's own wallet given instead of the deposit " \
                  "address?)" if sent else ""
            yield self.problem(Verdict.WRONG_ADDRESS, f"Nothing was paid to the customer's address {to}; the "
                               f"transaction moved {went}{own}", to=to, recipients=recipients,
                               sender_is_to=bool(own) or None)
        else:
            yield self.problem(Verdict.WRONG_ADDRESS, f"Nothing in this transaction was paid to {to}: it moved "
                               "no coins or tokens", to=to)


class TokenContract(Check[DepositFacts]):
    """DEP005 token — is the asset one the venue accepts on this chain, from the right contract?

    A token is identified by its contract, never by its symbol: anyone can deploy a token called USDT.
    The same symbol as a listed asset from another contract is `unsupported_token` (a fake token); a
    token the venue does not list on this chain is `unsupported_token` too. Symbols read from the chain
    are untrusted text and are shown literally.
    """

    code = CheckCode("DEP005")
    name = "token"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        if facts.tx is None or not facts.deposit or facts.tx.status in (TxStatus.FAILED, TxStatus.REPLACED):
            return  # a failed or replaced transaction moved nothing: its token is not a deposit
        chain = facts.tx.chain
        if facts.other_arrivals:
            yield self.finding(Severity.WARNING, f"Also paid to the customer's address: {_moved(facts.other_arrivals)}"
                               " — not part of this deposit; credit it separately if the venue lists it",
                               other_arrivals=[_describe(t) for t in facts.other_arrivals])
        for contract in sorted({t.contract or "" for t in facts.deposit}):
            transfer = next(t for t in facts.deposit if (t.contract or "") == contract)
            asset = facts.config.asset_for(chain, contract or None)
            if asset is not None:
                yield self.ok(f"{asset.currency} is accepted on {_name(chain)}", currency=asset.currency,
                              contract=contract or None)
                continue
            symbol = (transfer.symbol or "").strip()
            if not contract:
                yield self.problem(Verdict.UNSUPPORTED_TOKEN,
                                   f"{spec(chain).native} deposits on {_name(chain)} are not accepted",
                                   currency=spec(chain).native)
                continue
            real = [a for a in facts.config.assets_on(chain) if a.currency == symbol.upper()]
            if real:
                yield self.problem(
                    Verdict.UNSUPPORTED_TOKEN,
                    f"Not the real {real[0].currency}: token contract {contract} calls itself {symbol!r}, but "
                    f"{real[0].currency} on {_name(chain)} is {real[0].contract}",
                    contract=contract, symbol=symbol, expected_contract=real[0].contract,
                )
            else:
                shown = f"Token {symbol!r}" if symbol else "An unnamed token"
                yield self.problem(Verdict.UNSUPPORTED_TOKEN,
                                   f"{shown} (contract {contract}) is not supported on {_name(chain)}",
                                   contract=contract, symbol=symbol or None)


class Minimum(Check[DepositFacts]):
    """DEP006 minimum — is the amount at least the venue's minimum deposit (`min_deposit`)?

    Deposits below the minimum are not credited automatically: `below_minimum`, with the amount and the
    minimum. Several transfers to the customer's address in one transaction are added up.
    """

    code = CheckCode("DEP006")
    name = "minimum"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        asset = facts.asset
        raw, decimals = facts.amount
        if facts.tx is None or facts.tx.status not in (TxStatus.SUCCESS, TxStatus.PENDING):
            return  # a failed or replaced transaction moved nothing: its amount is not a deposit
        if asset is None or asset.min_deposit is None or decimals is None:
            return
        amount = units_to_decimal(raw, decimals)
        if amount < asset.min_deposit:
            yield self.problem(
                Verdict.BELOW_MINIMUM,
                f"{fmt(amount)} {asset.currency} is below the minimum deposit of {fmt(asset.min_deposit)} "
                f"{asset.currency}", amount=fmt(amount), min_deposit=fmt(asset.min_deposit), currency=asset.currency,
            )
        else:
            yield self.ok(f"{fmt(amount)} {asset.currency} is at least the minimum of {fmt(asset.min_deposit)}",
                          amount=fmt(amount), min_deposit=fmt(asset.min_deposit))


class DepositsEnabled(Check[DepositFacts]):
    """DEP007 suspension — are deposits of this asset on this network open?

    An asset with `deposit_enabled = false` (wallet maintenance, a network upgrade, a delisting) is
    `network_suspended`: the deposit will be credited when the network reopens, not before.
    """

    code = CheckCode("DEP007")
    name = "suspension"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        asset = facts.asset
        if asset is not None and asset.deposit_enabled is False:
            yield self.problem(Verdict.NETWORK_SUSPENDED,
                               f"{asset.currency} deposits on {_name(asset.chain)} are suspended",
                               currency=asset.currency, chain=asset.chain)
        elif asset is not None and facts.live_rule is not None and facts.live_rule.deposit_enabled is False:
            yield self.problem(Verdict.NETWORK_SUSPENDED,
                               f"The venue has suspended {asset.currency} deposits on {_name(asset.chain)} "
                               f"(network {facts.live_rule.network})", currency=asset.currency, chain=asset.chain,
                               source="venue")


class NodeFreshness(Check[DepositFacts]):
    """DEP008 freshness — is the node that answered up to date?

    A node whose newest block is older than the chain's `max_tip_age` (300 s by default) is stale: its
    confirmation counts and its "not found" cannot be trusted, so no success verdict is given from it.
    """

    code = CheckCode("DEP008")
    name = "freshness"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        tx = facts.tx
        if tx is not None and facts.stale(tx):
            yield self.unknown(
                f"{_name(tx.chain)}'s node ({tx.source}) last saw a block {duration(tx.tip_age or 0)} ago: "
                "it is behind, so its answer is not trusted", tip_age_seconds=round(tx.tip_age or 0),
                source=tx.source,
            )


class Memo(Check[DepositFacts]):
    """DEP009 memo — does the deposit carry the customer's memo / destination tag?

    On memo chains (any asset with `memo_required = true`, as the built-in XRP row says) the venue's deposit
    address is shared by many customers and the memo/tag says whose deposit it is. No memo is `memo_missing`;
    a memo other than the customer's (--memo) is `memo_mismatch`. Both need a manual credit: the reply asks for the
    proof the wallet team needs. Without --memo the tag cannot be matched to the customer: `unknown`.
    Memos are untrusted text from the chain and are shown literally.
    """

    code = CheckCode("DEP009")
    name = "memo"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        if facts.tx is None or not facts.deposit:
            return
        memo = facts.memo
        wanted = (facts.subject.memo or "").strip()
        # the venue's asset row says whether its deposit address is shared (the built-in XRP row does): a venue
        # that gives each customer their own XRP address writes memo_required = false
        required = facts.asset is not None and facts.asset.memo_required
        if memo is None:
            if required:
                yield self.problem(Verdict.MEMO_MISSING, "The deposit carries no memo/tag, which this network needs "
                                   "to tell whose deposit it is", expected=wanted or None)
            elif wanted:
                yield self.finding(Severity.INFO, f"No memo on chain (the customer's is {wanted}); this asset does "
                                   "not need one", expected=wanted)
            return
        if wanted:
            if _same_memo(memo, wanted):
                yield self.ok(f"Memo/tag {memo} is the customer's", memo=memo)
            else:
                yield self.problem(Verdict.MEMO_MISMATCH, f"Memo/tag on chain is {memo!r}, the customer's is "
                                   f"{wanted!r}", memo=memo, expected=wanted)
        elif required:
            yield self.unknown(f"Memo/tag {memo!r} is on chain; pass --memo with the customer's to check it is "
                               "theirs", memo=memo)


class PartialPayment(Check[DepositFacts]):
    """DEP010 delivered — was less delivered than the transaction states (an XRP partial payment)?

    A partial payment names a large `Amount` but delivers only `delivered_amount`: only what was delivered
    is credited. The finding shows both, so the agent can answer "I sent more than you credited".
    """

    code = CheckCode("DEP010")
    name = "delivered"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        for t in facts.deposit:
            if t.stated_raw is None or t.stated_raw == t.raw or t.decimals is None:
                continue
            stated = fmt(units_to_decimal(t.stated_raw, t.decimals))
            delivered = fmt(units_to_decimal(t.raw, t.decimals))
            unit = t.symbol or ""
            yield self.finding(
                Severity.WARNING,
                f"Partial payment: the transaction states {stated} {unit} but delivered {delivered} {unit}; only "
                "the delivered amount is credited".replace("  ", " "),
                stated=stated, delivered=delivered,
            )


class Credited(Check[DepositFacts]):
    """DEP011 credited — has the venue credited the deposit to the customer's account?

    With a venue configured, its deposit history is searched for the txid. A deposit confirmed on chain
    but missing from the venue's books is the case to escalate to wallet operations, with this evidence.
    A venue that cannot be asked leaves the chain's verdict standing, with a warning.
    """

    code = CheckCode("DEP011")
    name = "credited"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        if not facts.venue_asked or facts.tx is None:
            return
        if facts.venue_error:
            yield self.finding(Severity.WARNING, f"Could not read the venue's deposit history: {facts.venue_error}")
            return
        c = facts.credit
        if c is None:
            if facts.tx.status is TxStatus.SUCCESS:
                yield self.finding(Severity.WARNING, "Not in the venue's deposit history: if it is confirmed, "
                                   "escalate to wallet operations with this evidence", None, credited=False)
            return
        amount = f"{fmt(c.amount)} {c.currency}" if c.amount is not None else c.currency
        status = c.raw_status or c.status
        if c.status == "ok":
            yield self.ok(f"Credited by the venue: {amount} (deposit {c.id})", credited=True, deposit_id=c.id,
                          credited_at=_when(c.timestamp))
        elif c.status in ("failed", "canceled"):
            yield self.finding(Severity.WARNING, f"The venue's deposit record says {status} ({amount}, deposit "
                               f"{c.id}): escalate to wallet operations with this record", None, credited=False,
                               deposit_id=c.id, venue_status=status)
        else:
            yield self.finding(Severity.INFO, f"The venue has seen the deposit ({amount}, status {status}): it is "
                               "being credited", None, credited=False, deposit_id=c.id, venue_status=status)


class Poisoning(Check[DepositFacts]):
    """DEP012 poisoning — is this transaction an address-poisoning attempt?

    Poisoners fill a wallet's history with transfers from or to addresses that imitate the victim's
    (same first and last characters), so that the victim later copies the fake one. Two real patterns
    are called out: zero-value token transfers (`transferFrom(victim, look-alike, 0)` is accepted by many
    tokens, USDT included), and transfers whose sender is a look-alike of their recipient or of the
    customer's address. When nothing of value reached the customer's address except such transfers, the
    verdict is `address_poisoning`: it is not a deposit, and the customer is warned never to copy an
    address from their history.
    """

    code = CheckCode("DEP012")
    name = "poisoning"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        if facts.tx is None or facts.tx.status is not TxStatus.SUCCESS:
            return
        from supportctl.addressing import lookalike

        to = facts.subject.to
        zero = sorted((t for t in facts.transfers if t.raw == 0),  # the customer's own first
                      key=lambda t: not (same_address(t.sender, to) or same_address(t.to, to)))
        mimics = [t for t in facts.transfers if t.raw > 0 and (lookalike(t.sender, t.to)
                                                                 or (to is not None and lookalike(t.sender, to)))]
        if not zero and not mimics:
            return
        parts = []
        if zero:
            pairs = "; ".join(f"{t.sender} → {t.to}" for t in zero[:3]) + (" …" if len(zero) > 3 else "")
            parts.append(f"{len(zero)} zero-value transfer{'s' if len(zero) > 1 else ''} ({pairs})")
        for t in mimics[:3]:
            imitated = to if to and lookalike(t.sender, to) else t.to
            parts.append(f"{_moved([t])} from {t.sender}, a look-alike of {imitated}")
        message = "Address poisoning: " + ", and ".join(parts) + ". Never copy an address from the wallet history"
        evidence: dict[str, object] = {"zero_value_transfers": len(zero) or None,
                                       "lookalike_senders": sorted({t.sender for t in mimics}) or None}
        deposit_poisoned = bool(facts.deposit) and all(t in mimics for t in facts.deposit)
        nothing_paid = to is not None and not facts.deposit and bool(facts.to_customer)
        whole_tx = not facts.deposit and not [t for t in facts.transfers if t.raw > 0 and t not in mimics]
        if deposit_poisoned or nothing_paid or whole_tx:
            yield self.problem(Verdict.ADDRESS_POISONING, message, **evidence)
        else:
            yield self.finding(Severity.WARNING, message, None, **evidence)


class CurrencyClaim(Check[DepositFacts]):
    """DEP013 currency — is what arrived what the customer says they sent (--currency)?

    The currency the customer names is a claim, checked against what really reached their address; it
    never hides a transfer. When another asset arrived, the finding names both sides ("you said ETH; 300
    USDT arrived") and the verdict follows what arrived: a listed asset is judged as that deposit, an
    unlisted token is `unsupported_token` (DEP005). A currency the venue does not list anywhere is a
    warning.
    """

    code = CheckCode("DEP013")
    name = "currency"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        claim = (facts.subject.currency or "").strip().upper()
        if not claim:
            return
        known = {a.currency for a in facts.config.assets} | {spec(c).native for c in facts.config.chains}
        if claim not in known:
            yield self.finding(Severity.WARNING, f"The customer says {claim}, which the venue does not list on any "
                               "network", claimed_currency=claim)
        if not facts.deposit or facts.currency is None:
            return
        if facts.currency.strip().upper() == claim:
            yield self.ok(f"The customer says {claim}, and {claim} arrived", claimed_currency=claim)
        else:
            yield self.finding(Severity.INFO, f"The customer says {claim}; what arrived at their address is "
                               f"{_moved(facts.deposit)}", claimed_currency=claim, arrived_currency=facts.currency,
                               contract=facts.deposit[0].contract)


class AmountClaim(Check[DepositFacts]):
    """DEP014 amount — did the amount the customer says they sent (a ticket's "800 USDT") arrive?

    A claim, never a filter. The same amount: ok. Less arrived than claimed: a warning naming both sides (a
    network or withdrawal fee taken on the way, or another transfer than the one they mean); more arrived:
    information. Compared only when the claimed currency is the one that arrived (DEP013 names any other).
    """

    code = CheckCode("DEP014")
    name = "amount"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        claim = facts.subject.amount
        raw, decimals = facts.amount
        if claim is None or not facts.deposit or facts.currency is None or decimals is None:
            return
        claimed_currency = (facts.subject.currency or facts.currency).strip().upper()
        if claimed_currency != facts.currency.strip().upper():
            return
        claimed, arrived = Decimal(claim), units_to_decimal(raw, decimals)
        said, got, cur = fmt(claimed), fmt(arrived), facts.currency
        if arrived == claimed:
            yield self.ok(f"The customer says {said} {cur}, and {got} arrived", claimed_amount=said,
                          arrived_amount=got, currency=cur)
        elif arrived < claimed:
            yield self.finding(Severity.WARNING, f"The customer says {said} {cur}; {got} {cur} arrived at their "
                               "address (a fee taken by the sending platform, or another transfer than the one they "
                               "mean)", None, claimed_amount=said, arrived_amount=got, currency=cur)
        else:
            yield self.finding(Severity.INFO, f"The customer says {said} {cur}; {got} {cur} arrived at their address",
                               None, claimed_amount=said, arrived_amount=got, currency=cur)


class SenderClaim(Check[DepositFacts]):
    """DEP015 sender — was the transaction sent from the wallet the customer says is theirs?

    Information only: a withdrawal from another exchange comes from that exchange's hot wallet, not from the
    customer's own address there, so a different sender is never a problem by itself.
    """

    code = CheckCode("DEP015")
    name = "sender"
    kind = Kind.DEPOSIT

    def run(self, facts: DepositFacts) -> Iterable[Finding]:
        claim, tx = facts.subject.sender, facts.tx
        if claim is None or tx is None:
            return
        senders = {t.sender for t in facts.deposit} or ({tx.sender} if tx.sender else set())
        if not senders:
            return
        if any(same_address(claim, s) for s in senders):
            yield self.ok(f"Sent from {claim}, the wallet the customer names", claimed_sender=claim)
        else:
            yield self.finding(Severity.INFO, f"The customer names {claim} as their wallet; the transaction was "
                               f"sent from {', '.join(sorted(senders))} (another platform's hot wallet, or "
                               "another wallet of theirs)", claimed_sender=claim, senders=sorted(senders))


def _when(ms: int | None) -> str | None:
    from datetime import UTC, datetime

    return None if ms is None else datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _describe(t: Transfer) -> dict[str, object]:
    return {"amount": fmt(units_to_decimal(t.raw, t.decimals)) if t.decimals is not None else None,
            "currency": t.symbol, "contract": t.contract, "from": t.sender, "to": t.to}


def _moved(transfers: Iterable[Transfer]) -> str:
    """"300 USDT (contract 0xdAC1…)" for each transfer, joined; the symbol is the chain's (untrusted) text."""
    out = []
    for t in transfers:
        amount = fmt(units_to_decimal(t.raw, t.decimals)) if t.decimals is not None else f"{t.raw} units"
        unit = t.symbol or ("of a token" if t.contract else "")
        out.append(f"{amount} {unit}".strip() + (f" (contract {t.contract})" if t.contract else ""))
    return ", ".join(out)


def _same_memo(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    if a.isdigit() and b.isdigit():
        return int(a) == int(b)
    return a == b


CHECKS: tuple[type[Check[DepositFacts]], ...] = (
    TransactionStatus, Network, Confirmations, Recipient, TokenContract, Minimum, DepositsEnabled, NodeFreshness,
    Memo, PartialPayment, Credited, Poisoning, CurrencyClaim, AmountClaim, SenderClaim,
)
