"""WDR001–WDR006: one table per check, each row a withdrawal situation and the finding it must give.

The facts are ``WithdrawalFacts``: the venue's record (``venue.interface.Transfer``), the chain's answer about its
txid (``Lookup``/``TxFacts``) and the venue's rule for the network (``NetworkRule``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from supportctl.core.model import ChainKey, Kind, Lookup, Severity, Subject, TxStatus, Verdict
from supportctl.kinds.withdrawal import WithdrawalFacts
from supportctl.venue.interface import NetworkRule, VenueTransfer

from .build import (
    BSC,
    BTC,
    CONFIG,
    ETH,
    OTHER,
    POLYGON,
    SKIP,
    TXID,
    USDT_ETH,
    XRP,
    XRP_TO,
    Case,
    case,
    expect,
    missing,
    table,
    token,
    tx,
    unreachable,
)

OK, INFO, WARNING, ERROR, UNKNOWN = Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.UNKNOWN
V = Verdict

ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # where the withdrawal went (EIP-55)
LOOKALIKE = "0x5aae" + "1" * 32 + "eaed"  # same start and end as ADDRESS
HOT = "0x" + "40" * 20  # the venue's hot wallet
TRON_ADDRESS = "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL"
BTC_TESTNET = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"


def record(status: str | None = "ok", raw_status: str | None = None, *, currency: str = "USDT",
           network: str | None = "ERC20", chain: ChainKey | None = ETH, amount: str | None = "100",
           fee: str | None = "1", address: str | None = ADDRESS, txid: str | None = TXID, **kw: Any) -> VenueTransfer:
    """The venue's withdrawal record W1: 100 USDT with a 1 USDT fee to ADDRESS on Ethereum, sent as TXID."""
    return VenueTransfer("W1", "withdrawal", currency, status, raw_status, network=network, chain=chain,
                         amount=None if amount is None else Decimal(amount), fee=None if fee is None else Decimal(fee),
                         address=address, txid=txid, **kw)


def paid(*amounts: str, to: str = ADDRESS, chain: ChainKey = ETH, **kw: Any) -> Lookup:
    """The chain's answer about TXID: mined with 12 confirmations, paying ``amounts`` USDT to ``to``."""
    return Lookup(chain, tx(chain, *(token(a, USDT_ETH, to=to, sender=HOT) for a in amounts), tx_hash=TXID, **kw))


def withdrawal(record: VenueTransfer | None, lookup: Lookup | None = None, rule: NetworkRule | None = None, *,
               said: str | None = None) -> WithdrawalFacts:
    """The facts of ``supportctl withdrawal W1 [--address said]``."""
    return WithdrawalFacts(Subject(Kind.WITHDRAWAL, "W1", to=said), CONFIG, record, lookup, rule)


def suspended(**kw: Any) -> NetworkRule:
    return NetworkRule("USDT", "ERC20", ETH, withdraw_enabled=False, **kw)


# ------------------------------------------------------------------------------------------ WDR001 status

WDR001 = table("WDR001", [
    case("not-found", withdrawal(None), V.NOT_FOUND, ERROR, "The venue has no withdrawal W1"),
    case("failed-with-the-venue's-reason", withdrawal(record("failed", "FAILURE", reason="hot wallet empty")),
         V.WITHDRAWAL_FAILED, ERROR, "The withdrawal of 100 USDT failed: hot wallet empty (the venue says 'FAILURE')",
         reason="hot wallet empty"),
    case("failed-amount-unknown", withdrawal(record("failed", amount=None)), V.WITHDRAWAL_FAILED, ERROR,
         "The withdrawal of USDT failed"),
    case("canceled", withdrawal(record("canceled", "CANCELLED_BY_USER")), V.CANCELED, ERROR,
         "The withdrawal of 100 USDT was canceled (the venue says 'CANCELLED_BY_USER')"),
    case("pending-not-broadcast", withdrawal(record("pending", txid=None)), V.PROCESSING, INFO,
         "is being processed (review or wallet queue): not yet broadcast"),
    case("pending-but-broadcast", withdrawal(record("pending"), paid("99")), None, INFO,
         "was broadcast; the venue still calls it pending"),
    case("sent", withdrawal(record("ok"), paid("99")), None, OK, "The venue marks the withdrawal of 100 USDT as sent"),
    case("internal-transfer", withdrawal(record("ok", txid=None)), V.COMPLETED, OK,
         "completed with no on-chain transaction (an internal transfer)"),
    case("status-unmapped", withdrawal(record(None, "AWAITING_2FA")), V.UNKNOWN, UNKNOWN,
         "The venue's status 'AWAITING_2FA' for this withdrawal is not one supportctl knows"),
])


@pytest.mark.parametrize("row", WDR001)
def test_wdr001_status(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------------- WDR002 on-chain

WDR002 = table("WDR002", [
    case("arrived", withdrawal(record(), paid("99")), V.COMPLETED, OK,
         f"On chain with 12 confirmations: the withdrawal has arrived at {ADDRESS}", confirmations=12,
         required_confirmations=12, txid=TXID),
    case("address-case-does-not-matter", withdrawal(record(), paid("99", to=ADDRESS.lower())), V.COMPLETED, OK,
         "has arrived"),
    case("nothing-read-to-compare", withdrawal(record(), paid()), V.COMPLETED, OK, "On chain with 12 confirmations"),
    case("awaiting-confirmations", withdrawal(record(), paid("99", tip=102)), V.AWAITING_CONFIRMATIONS, INFO,
         "On chain with 3 of 12 confirmations", remaining=9),
    case("a-chain-not-configured-needs-one", withdrawal(record(network="MATIC", chain=POLYGON),
                                                        paid("99", chain=POLYGON, tip=100)),
         V.COMPLETED, OK, "On chain with 1 confirmations", required_confirmations=1),
    case("in-the-mempool", withdrawal(record("pending"), paid("99", status=TxStatus.PENDING)),
         V.AWAITING_CONFIRMATIONS, INFO, "in the mempool, not yet in a block", confirmations=0),
    case("failed-on-chain", withdrawal(record(), paid("99", status=TxStatus.FAILED, fail_reason="out of gas")),
         V.WITHDRAWAL_FAILED, ERROR, "The withdrawal's transaction failed on chain (out of gas)", reason="out of gas"),
    case("the-chain-does-not-know-it-yet", withdrawal(record("pending"), missing(ETH)), V.PROCESSING, INFO,
         f"Ethereum does not know {TXID} yet"),
    case("the-sources-disagree", withdrawal(record(), paid("99", to=OTHER)), V.UNKNOWN, UNKNOWN,
         f"The chain shows {TXID} paying {OTHER}, but the venue's record says {ADDRESS}: the sources disagree",
         absent=[V.COMPLETED]),
    case("chain-unreachable", withdrawal(record(), unreachable(ETH, "timed out")), V.UNKNOWN, UNKNOWN,
         f"Could not ask Ethereum about {TXID}: timed out"),
    case("chain-not-asked", withdrawal(record()), V.UNKNOWN, UNKNOWN, "not configured"),
    case("network-unmapped", withdrawal(record(network="TON", chain=None)), V.UNKNOWN, UNKNOWN,
         f"The withdrawal's network 'TON' is not a chain supportctl can read; check {TXID} on its explorer"),
    case("no-record", withdrawal(None), None, SKIP),
    case("no-txid", withdrawal(record("pending", txid=None)), None, SKIP),
    case("failed-at-the-venue", withdrawal(record("failed"), paid("99")), None, SKIP),
    case("canceled-at-the-venue", withdrawal(record("canceled"), paid("99")), None, SKIP),
])


@pytest.mark.parametrize("row", WDR002)
def test_wdr002_on_chain(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------------- WDR003 fee

WDR003 = table("WDR003", [
    case("fee-deducted", withdrawal(record(), paid("99")), None, INFO,
         "100 USDT withdrawn − 1 USDT fee = 99 USDT arrived: the difference is the network fee",
         amount="100", fee="1", arrived="99", currency="USDT"),
    case("arrived-in-several-transfers", withdrawal(record(), paid("50", "49")), None, INFO,
         "= 99 USDT arrived: the difference is the network fee"),
    case("full-amount-fee-on-top", withdrawal(record(), paid("100")), None, OK,
         "100 USDT arrived: the full amount (the 1 USDT fee was charged on top)"),
    case("full-amount-no-fee", withdrawal(record(fee=None), paid("100")), None, OK,
         "100 USDT arrived: the full amount", fee=None),
    case("unexplained-shortfall", withdrawal(record(), paid("90")), None, WARNING,
         "90 USDT arrived of 100 USDT withdrawn; the fee (1) does not explain the difference"),
    case("fee-in-another-currency-is-not-counted", withdrawal(record(fee_currency="ETH"), paid("99")), None, WARNING,
         "the fee (unknown) does not explain the difference", fee=None),
    case("not-arrived-yet-with-a-fee", withdrawal(record("pending", txid=None)), None, INFO,
         "100 USDT withdrawn with a 1 USDT network fee: 99 USDT arrives if the fee is taken from the amount"),
    case("not-arrived-yet-no-fee", withdrawal(record("pending", txid=None, fee=None)), None, SKIP),
    case("not-arrived-yet-zero-fee", withdrawal(record("pending", txid=None, fee="0")), None, SKIP),
    case("amount-unknown", withdrawal(record(amount=None), paid("99")), None, SKIP),
    case("no-record", withdrawal(None), None, SKIP),
])


@pytest.mark.parametrize("row", WDR003)
def test_wdr003_fee(row: Case) -> None:
    expect(row)


# ----------------------------------------------------------------------------------------- WDR004 address

WDR004 = table("WDR004", [
    case("the-address-the-customer-gave", withdrawal(record(), said=ADDRESS), None, OK,
         f"Sent to {ADDRESS}, the address the customer gave"),
    case("hex-case-does-not-matter", withdrawal(record(), said=ADDRESS.lower()), None, OK, "the address the customer"),
    case("a-look-alike-of-the-customer's", withdrawal(record(address=LOOKALIKE), said=ADDRESS), V.WRONG_ADDRESS,
         ERROR, f"Sent to {LOOKALIKE}, a look-alike of the customer's {ADDRESS} (address poisoning",
         lookalike=True, customer_address=ADDRESS),
    case("another-address", withdrawal(record(), said=OTHER), V.WRONG_ADDRESS, ERROR,
         f"Sent to {ADDRESS}, the address entered in the withdrawal, not {OTHER}", customer_address=OTHER),
    case("not-an-address", withdrawal(record(address="0xnothex")), V.INVALID_ADDRESS, ERROR,
         "0xnothex is not a valid address: "),
    case("checksum-typo", withdrawal(record(address="0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed")),
         V.INVALID_ADDRESS, ERROR, "checksum"),
    case("testnet-address", withdrawal(record(currency="BTC", network="BTC", chain=BTC, address=BTC_TESTNET)),
         V.INVALID_ADDRESS, ERROR, "is a testnet address: funds sent to it on mainnet are lost", network="testnet"),
    case("an-address-of-another-chain", withdrawal(record(address=TRON_ADDRESS)), V.INVALID_ADDRESS, ERROR,
         f"{TRON_ADDRESS} is an address on Tron, not on Ethereum", chains=["tron"]),
    case("network-unmapped-compared-only", withdrawal(record(network="TON", chain=None, address="EQ-somewhere"),
                                                      said="EQ-elsewhere"),
         V.WRONG_ADDRESS, ERROR, "Sent to EQ-somewhere, the address entered in the withdrawal, not EQ-elsewhere"),
    case("valid-none-claimed", withdrawal(record(network="BEP20", chain=BSC)), None, SKIP),
    case("no-address", withdrawal(record(address=None), said=ADDRESS), None, SKIP),
    case("no-record", withdrawal(None, said=ADDRESS), None, SKIP),
])


@pytest.mark.parametrize("row", WDR004)
def test_wdr004_address(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------------- WDR005 memo

XRP_RECORD = {"currency": "XRP", "network": "XRP", "chain": XRP, "address": XRP_TO, "fee": "0.25"}

WDR005 = table("WDR005", [
    case("xrp-without-a-tag", withdrawal(record("pending", **XRP_RECORD)), V.MEMO_MISSING, ERROR,
         "XRP Ledger needs a memo/tag for exchange addresses, and this withdrawal has none", network="XRP"),
    case("xrp-with-a-tag", withdrawal(record(memo="12345", **XRP_RECORD)), None, OK, "Sent with memo/tag 12345",
         memo="12345"),
    case("the-rule-needs-a-memo", withdrawal(record(currency="BNB", network="BEP2", chain=BSC),
                                            rule=NetworkRule("BNB", "BEP2", BSC, memo_required=True)),
         V.MEMO_MISSING, ERROR, "BNB Smart Chain needs a memo/tag"),
    case("a-memo-nobody-needed", withdrawal(record(memo="note")), None, OK, "Sent with memo/tag note"),
    case("no-memo-needed", withdrawal(record(), rule=NetworkRule("USDT", "ERC20", ETH, memo_required=False)),
         None, SKIP),
    case("no-record", withdrawal(None), None, SKIP),
    # The docstring: "a memo/tag network without a memo" is memo_missing, "an asset with memo_required" included;
    # but a network supportctl cannot map to a chain returns early, so the venue's own rule is never read — and
    # the memo networks (TON, XLM, EOS, ATOM …) are exactly the unmapped ones.
    case("an-unmapped-memo-network-by-the-venue's-rule",
         withdrawal(record("pending", currency="TON", network="TON", chain=None, address="EQ-somewhere"),
                    rule=NetworkRule("TON", "TON", None, memo_required=True)),
         V.MEMO_MISSING, ERROR, "TON needs a memo/tag"),
])


@pytest.mark.parametrize("row", WDR005)
def test_wdr005_memo(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- WDR006 suspension

WDR006 = table("WDR006", [
    case("pending-on-a-suspended-network", withdrawal(record("pending", txid=None), rule=suspended()),
         V.NETWORK_SUSPENDED, ERROR, "USDT withdrawals on Ethereum are suspended by the venue", network="ERC20"),
    case("suspended-network-unmapped", withdrawal(record("pending", txid=None, network="TRC20", chain=None),
                                                  rule=NetworkRule("USDT", "TRC20", None, withdraw_enabled=False)),
         V.NETWORK_SUSPENDED, ERROR, "USDT withdrawals on TRC20 are suspended"),
    case("already-sent", withdrawal(record("ok"), rule=suspended()), None, SKIP),
    case("failed-anyway", withdrawal(record("failed"), rule=suspended()), None, SKIP),
    case("open", withdrawal(record("pending"), rule=NetworkRule("USDT", "ERC20", ETH, withdraw_enabled=True)),
         None, SKIP),
    case("the-venue-does-not-say", withdrawal(record("pending"), rule=NetworkRule("USDT", "ERC20", ETH)), None, SKIP),
    case("no-rule", withdrawal(record("pending")), None, SKIP),
    case("no-record", withdrawal(None, rule=suspended()), None, SKIP),
])


@pytest.mark.parametrize("row", WDR006)
def test_wdr006_suspension(row: Case) -> None:
    expect(row)
