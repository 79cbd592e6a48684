"""DEP001–DEP015: one table per check, each row a deposit situation and the finding it must give.

The facts are ``DepositFacts`` built from chain records (``TxFacts``, ``Transfer``, ``Lookup``), the customer's
claims (``Subject``) and the venue's books (``venue.interface`` records); the checks are pure, so nothing is asked.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from supportctl.core.model import ChainKey, Kind, Lookup, Severity, Subject, Transfer, TxFacts, TxStatus, Verdict
from supportctl.kinds.deposit import DepositFacts
from supportctl.venue.interface import NetworkRule, VenueTransfer

from .build import (
    ARB,
    ASSETS,
    BSC,
    BTC,
    CONFIG,
    DAI_ETH,
    ETH,
    FAKE,
    FAKE_USDT,
    LTC,
    LTC_TO,
    OTHER,
    PAYOUT,
    PEPE,
    SENDER,
    SKIP,
    TO,
    TRON,
    TX_HASH,
    USDC_ETH,
    USDT_BSC,
    USDT_ETH,
    XRP,
    XRP_FROM,
    XRP_TO,
    Case,
    case,
    config,
    eth,
    expect,
    lookups,
    missing,
    table,
    token,
    tx,
    unreachable,
    usdt,
    xrp,
)

OK, INFO, WARNING, ERROR, UNKNOWN = Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.UNKNOWN
V = Verdict
PENDING, FAILED, REPLACED = TxStatus.PENDING, TxStatus.FAILED, TxStatus.REPLACED

SHARED = config(shared_evm_address=True)  # the customer's deposit address is the same on every EVM network
XRP_UNFLAGGED = config([replace(a, memo_required=False) if a.chain == XRP else a for a in ASSETS])


def deposit(*found: TxFacts | Lookup, to: str | None = TO, chain: ChainKey | None = None, currency: str | None = None,
            memo: str | None = None, config: Any = CONFIG, amount: str | None = None, sender: str | None = None,
            **kw: Any) -> DepositFacts:
    """The facts of ``supportctl deposit TX_HASH --to TO [--chain …] [--currency …] [--memo …]``: every chain
    asked (a ``TxFacts`` is a chain that knows the hash), and what the venue's books said (``kw``)."""
    claims = Subject(Kind.DEPOSIT, TX_HASH, chain=chain, to=to, memo=memo, currency=currency, amount=amount,
                     sender=sender)
    return DepositFacts(claims, config, lookups(found), **kw)


def bsc_usdt(amount: str, **kw: Any) -> Transfer:
    return token(amount, USDT_BSC, decimals=18, **kw)


def pepe(amount: str, **kw: Any) -> Transfer:
    return token(amount, PEPE, decimals=18, symbol="PEPE", **kw)


def credit(status: str | None, raw_status: str | None = None, amount: str | None = "300", **kw: Any) -> VenueTransfer:
    """The venue's deposit record for the txid."""
    value = None if amount is None else Decimal(amount)
    return VenueTransfer("D1", "deposit", "USDT", status, raw_status, amount=value, txid=TX_HASH, **kw)


# ------------------------------------------------------------------------------------ DEP001 transaction

DEP001 = table("DEP001", [
    case("succeeded", deposit(tx(ETH, usdt("300"))), None, OK, "Succeeded on Ethereum in block 100"),
    case("found-on-another-chain-of-the-family", deposit(missing(ETH), tx(BSC, bsc_usdt("300"))),
         None, OK, "Succeeded on BNB Smart Chain"),
    case("pending", deposit(tx(ETH, usdt("300"), status=PENDING)), V.PENDING, INFO,
         "Waiting in the mempool on Ethereum"),
    case("failed-with-reason", deposit(tx(ETH, usdt("300"), status=FAILED, fail_reason="out of gas")),
         V.TX_FAILED, ERROR, "failed on Ethereum (out of gas): nothing was transferred", reason="out of gas"),
    case("failed-reason-unreadable", deposit(tx(ETH, status=FAILED, replay_error="debug_traceTransaction refused")),
         V.TX_FAILED, ERROR, "(reason unknown): nothing was transferred; the node could not replay it: debug_trace",
         replay_error="debug_traceTransaction refused"),
    case("replaced", deposit(tx(BTC, status=REPLACED, replaced_by="f" * 64)), V.REPLACED, ERROR,
         f"replaced by another one ({'f' * 64}) and will never confirm", replaced_by="f" * 64),
    case("replaced-by-an-unknown-one", deposit(tx(BTC, status=REPLACED)), V.REPLACED, ERROR,
         "replaced by another one and will never confirm"),
    case("not-found-on-every-chain-asked", deposit(missing(ETH), missing(BSC)), V.NOT_FOUND, ERROR,
         "No transaction with this hash on Ethereum, BNB Smart Chain", chains=[ETH, BSC]),
    case("a-chain-unreachable-is-unknown-not-not-found", deposit(unreachable(ETH, "timed out"), missing(BSC)),
         V.UNKNOWN, UNKNOWN, "Could not ask Ethereum: timed out", absent=[V.NOT_FOUND], error="timed out"),
    case("a-stale-node's-not-found-is-not-trusted", deposit(missing(ETH, tip_age=1000.0), missing(BSC)),
         V.UNKNOWN, UNKNOWN, "Ethereum's node is about 17 minutes behind, so its 'not found' is not trusted",
         absent=[V.NOT_FOUND], tip_age_seconds=1000),
])


@pytest.mark.parametrize("row", DEP001)
def test_dep001_transaction(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------------- DEP002 network

DEP002 = table("DEP002", [
    case("no-transaction", deposit(missing(ETH), chain=ETH), None, SKIP),
    case("on-the-named-network", deposit(tx(ETH, usdt("300")), chain=ETH), None, SKIP),
    case("no-network-named", deposit(tx(BSC, bsc_usdt("300"))), None, SKIP),
    case("elsewhere-accepted-there", deposit(missing(ETH), tx(BSC, bsc_usdt("300")), chain=ETH),
         V.WRONG_NETWORK, ERROR, "The customer named Ethereum, but the transaction is on BNB Smart Chain: the venue "
         "accepts USDT on BNB Smart Chain; check that the address there is the customer's",
         expected_chain=ETH, chain=BSC, found_on=[BSC], accepted_there=True, paid_to_address=True,
         credited_there=False),
    case("elsewhere-credited-there", deposit(missing(ETH), tx(BSC, bsc_usdt("300")), chain=ETH, config=SHARED),
         V.WRONG_NETWORK, ERROR, "the venue accepts it there at the same address, so it is credited once confirmed",
         accepted_there=True, paid_to_address=True, credited_there=True),
    case("elsewhere-not-accepted-there", deposit(missing(ETH), tx(BSC, pepe("300")), chain=ETH, config=SHARED),
         V.WRONG_NETWORK, ERROR, "the venue does not accept it there: a recovery case",
         accepted_there=False, paid_to_address=True, credited_there=False),
    case("elsewhere-not-paid-to-the-customer", deposit(missing(ETH), tx(BSC, bsc_usdt("300", to=OTHER)), chain=ETH,
                                                       config=SHARED),
         V.WRONG_NETWORK, ERROR, "a recovery case", accepted_there=False, paid_to_address=False, credited_there=False),
    case("elsewhere-claimed-currency-lists-its-networks",
         deposit(missing(ETH), tx(BSC, bsc_usdt("300", to=OTHER)), chain=ETH, currency="usdt"),
         V.WRONG_NETWORK, ERROR, "but the transaction is on BNB Smart Chain",
         accepted_chains=[ARB, BSC, ETH]),
    case("elsewhere-not-evm-is-never-promised", deposit(missing(BTC), tx(LTC, token("1", None, decimals=8, symbol="LTC",
                                                                                 to=LTC_TO, sender="ltc1qsender")),
                                                        chain=BTC, to=LTC_TO, config=SHARED),
         V.WRONG_NETWORK, ERROR, "the venue accepts LTC on Litecoin; check that the address there",
         accepted_there=True, credited_there=False),
    case("native-coin-not-accepted-on-this-chain", deposit(tx(ARB, eth("1"))), V.WRONG_NETWORK, ERROR,
         "ETH is not accepted on Arbitrum One; accepted networks: Ethereum", chain=ARB, accepted_chains=[ETH]),
    case("native-coin-listed-nowhere-is-dep005s", deposit(tx(TRON, token("5", None, symbol="TRX", to="TCustomer",
                                                                         sender="TSender")), to="TCustomer"),
         None, SKIP),
    case("unlisted-token-is-dep005s", deposit(tx(ARB, pepe("1"))), None, SKIP),
])


@pytest.mark.parametrize("row", DEP002)
def test_dep002_network(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------- DEP003 confirmations

DEP003 = table("DEP003", [
    case("enough", deposit(tx(ETH, usdt("300"))), V.CONFIRMED, OK, "12 confirmations (the venue requires 12)",
         confirmations=12, required_confirmations=12),
    case("more-than-enough", deposit(tx(ETH, usdt("300"), tip=1000)), V.CONFIRMED, OK, "901 confirmations"),
    case("the-block-counts-as-one", deposit(tx(ETH, usdt("300"), tip=100)), V.AWAITING_CONFIRMATIONS, INFO,
         "1 of 12 confirmations: 11 more needed", confirmations=1, remaining=11),
    case("fewer-eta-from-the-typical-block-time", deposit(tx(ETH, usdt("300"), tip=104)),
         V.AWAITING_CONFIRMATIONS, INFO,
         "5 of 12 confirmations: 7 more needed, about 84 seconds (from the chain's typical block time)",
         remaining=7, eta_seconds=84),
    case("fewer-eta-from-measured-blocks", deposit(tx(ETH, usdt("300"), tip=104, block_time=2.0,
                                                      block_time_measured=True)),
         V.AWAITING_CONFIRMATIONS, INFO, "7 more needed, about 14 seconds (from recent blocks)", eta_seconds=14),
    case("the-asset's-requirement-wins", deposit(tx(ETH, token("5", USDC_ETH, symbol="USDC"))),
         V.AWAITING_CONFIRMATIONS, INFO, "12 of 64 confirmations: 52 more needed", required_confirmations=64),
    case("the-chain's-requirement-for-an-unlisted-token", deposit(tx(ETH, pepe("1"))), V.CONFIRMED, OK,
         "(the venue requires 12)"),
    case("pending", deposit(tx(ETH, usdt("300"), status=PENDING)), None, SKIP),
    case("failed", deposit(tx(ETH, usdt("300"), status=FAILED)), None, SKIP),
    case("no-block-number", deposit(tx(ETH, usdt("300"), block=None)), None, SKIP),
    case("no-transaction", deposit(missing(ETH)), None, SKIP),
])


@pytest.mark.parametrize("row", DEP003)
def test_dep003_confirmations(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- DEP004 recipient

DEP004 = table("DEP004", [
    case("paid-to-the-customer", deposit(tx(ETH, usdt("300"))), None, OK,
         f"Paid to the customer's address {TO}: 300 USDT (contract {USDT_ETH})"),
    case("hex-case-does-not-matter", deposit(tx(ETH, usdt("300", to="0x" + TO[2:].upper()))), None, OK,
         "Paid to the customer's address"),
    case("paid-from-inside-a-contract", deposit(tx(ETH, usdt("300", sender=PAYOUT), sender=SENDER, tx_to=PAYOUT)),
         None, OK, "Paid to the customer's address"),
    case("another-token-than-named-still-counts", deposit(tx(ETH, pepe("500")), currency="USDT"), None, OK,
         "500 PEPE", absent=[V.WRONG_ADDRESS]),
    case("paid-elsewhere", deposit(tx(ETH, usdt("300", to=OTHER))), V.WRONG_ADDRESS, ERROR,
         f"Nothing was paid to the customer's address {TO}; the transaction moved 300 USDT (contract {USDT_ETH}) "
         f"to {OTHER}", recipients=[OTHER]),
    case("paid-to-a-look-alike", deposit(tx(ETH, usdt("300", to=FAKE))), V.WRONG_ADDRESS, ERROR,
         f"Sent to {FAKE}, a look-alike of the customer's address {TO} (address poisoning)", lookalike=FAKE),
    case("the-customer's-own-wallet-given-as-to", deposit(tx(ETH, usdt("300", sender=TO, to=OTHER), sender=TO)),
         V.WRONG_ADDRESS, ERROR, f"({TO} sent this transaction: was the customer's own wallet given instead",
         sender_is_to=True),
    case("more-than-five-transfers-elsewhere", deposit(tx(ETH, *(usdt(str(n), to=OTHER) for n in range(1, 8)))),
         V.WRONG_ADDRESS, ERROR, f"5 USDT (contract {USDT_ETH}) to {OTHER} …"),
    case("moved-nothing", deposit(tx(ETH)), V.WRONG_ADDRESS, ERROR,
         f"Nothing in this transaction was paid to {TO}: it moved no coins or tokens"),
    # issue 8: a zero-value transfer is never a deposit, so never wrong_address (DEP012 says what it is)
    case("zero-value-to-the-customer-is-not-a-deposit", deposit(tx(ETH, usdt("0", sender=FAKE))), None, SKIP),
    case("zero-value-elsewhere-only", deposit(tx(ETH, usdt("0", sender=TO, to=FAKE))), None, SKIP),
    case("no-to-one-transfer", deposit(tx(ETH, usdt("300", to=OTHER)), to=None), V.UNKNOWN, UNKNOWN,
         f"Paid to {OTHER}; pass --to with the customer's deposit address", recipients=[OTHER]),
    case("no-to-several-transfers", deposit(tx(ETH, usdt("300", to=OTHER), usdt("5")), to=None), V.UNKNOWN, UNKNOWN,
         "2 transfers in this transaction; pass --to"),
    case("no-to-nothing-moved", deposit(tx(ETH, usdt("0")), to=None), V.UNKNOWN, UNKNOWN,
         "moved no coins or tokens that could be a deposit"),
    case("pending-content-unreadable", deposit(tx(ETH, status=PENDING)), V.UNKNOWN, UNKNOWN, "not readable yet"),
    case("pending-content-readable", deposit(tx(ETH, usdt("300"), status=PENDING)), None, OK,
         "Paid to the customer's address"),
    case("failed-meant-for-another", deposit(tx(ETH, usdt("300", to=OTHER), status=FAILED)), None, INFO,
         f"It was meant to pay {OTHER}, not {TO}", absent=[V.WRONG_ADDRESS]),
    case("failed-meant-for-the-customer", deposit(tx(ETH, usdt("300"), status=FAILED)), None, SKIP),
    case("replaced-outputs-gone", deposit(tx(BTC, status=REPLACED)), None, SKIP),
    case("no-transaction", deposit(missing(ETH)), None, SKIP),
])


@pytest.mark.parametrize("row", DEP004)
def test_dep004_recipient(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------------ DEP005 token

DEP005 = table("DEP005", [
    case("listed-token", deposit(tx(ETH, usdt("300"))), None, OK, "USDT is accepted on Ethereum", currency="USDT",
         contract=USDT_ETH),
    case("listed-contract-in-lower-case", deposit(tx(ETH, token("300", USDT_ETH.lower()))), None, OK,
         "USDT is accepted on Ethereum"),
    case("listed-native-coin", deposit(tx(ETH, eth("1"))), None, OK, "ETH is accepted on Ethereum"),
    case("fake-usdt", deposit(tx(ETH, token("300", FAKE_USDT))), V.UNSUPPORTED_TOKEN, ERROR,
         f"Not the real USDT: token contract {FAKE_USDT} calls itself 'USDT', but USDT on Ethereum is {USDT_ETH}",
         expected_contract=USDT_ETH, contract=FAKE_USDT),
    case("fake-usdt-in-lower-case", deposit(tx(ETH, token("300", FAKE_USDT, symbol="usdt"))), V.UNSUPPORTED_TOKEN,
         ERROR, "calls itself 'usdt'", expected_contract=USDT_ETH),
    case("unlisted-token", deposit(tx(ETH, pepe("500"))), V.UNSUPPORTED_TOKEN, ERROR,
         f"Token 'PEPE' (contract {PEPE}) is not supported on Ethereum", symbol="PEPE"),
    case("unnamed-token", deposit(tx(ETH, token("5", PEPE, symbol=None))), V.UNSUPPORTED_TOKEN, ERROR,
         f"An unnamed token (contract {PEPE})"),
    case("hostile-symbol-shown-literally", deposit(tx(ETH, token("5", PEPE, symbol="[bold red]USDT[/]\x1b[2J"))),
         V.UNSUPPORTED_TOKEN, ERROR, "Token '[bold red]USDT[/]\\x1b[2J'"),
    case("native-coin-not-accepted-here", deposit(tx(ARB, eth("1"))), V.UNSUPPORTED_TOKEN, ERROR,
         "ETH deposits on Arbitrum One are not accepted", currency="ETH"),
    case("another-asset-beside-the-deposit", deposit(tx(ETH, usdt("300"), pepe("5"))), None, WARNING,
         f"Also paid to the customer's address: 5 PEPE (contract {PEPE}) — not part of this deposit"),
    case("an-unlisted-token-outranks-listed-dust", deposit(tx(ETH, usdt("1"), pepe("500"))), V.UNSUPPORTED_TOKEN,
         ERROR, "Token 'PEPE'"),
    case("the-named-currency-picks-the-deposit", deposit(tx(ETH, usdt("300"), eth("1")), currency="ETH"), None, OK,
         "ETH is accepted on Ethereum"),
    case("not-paid-to-the-customer", deposit(tx(ETH, usdt("300", to=OTHER))), None, SKIP),
    case("failed", deposit(tx(ETH, token("300", FAKE_USDT), status=FAILED)), None, SKIP),
    case("replaced", deposit(tx(ETH, token("300", FAKE_USDT), status=REPLACED)), None, SKIP),
])


@pytest.mark.parametrize("row", DEP005)
def test_dep005_token(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------------- DEP006 minimum

DEP006 = table("DEP006", [
    case("at-the-minimum", deposit(tx(ETH, usdt("10"))), None, OK, "10 USDT is at least the minimum of 10",
         amount="10", min_deposit="10"),
    case("below", deposit(tx(ETH, usdt("9.5"))), V.BELOW_MINIMUM, ERROR,
         "9.5 USDT is below the minimum deposit of 10 USDT", amount="9.5", min_deposit="10", currency="USDT"),
    case("transfers-are-added-up", deposit(tx(ETH, usdt("6"), usdt("6"))), None, OK, "12 USDT is at least"),
    case("native-coin-below", deposit(tx(ETH, eth("0.0005"))), V.BELOW_MINIMUM, ERROR,
         "0.0005 ETH is below the minimum deposit of 0.001 ETH"),
    case("pending-is-judged-too", deposit(tx(ETH, usdt("1"), status=PENDING)), V.BELOW_MINIMUM, ERROR,
         "1 USDT is below"),
    case("failed", deposit(tx(ETH, usdt("1"), status=FAILED)), None, SKIP),
    case("replaced", deposit(tx(ETH, usdt("1"), status=REPLACED)), None, SKIP),
    case("unlisted", deposit(tx(ETH, pepe("0.0001"))), None, SKIP),
    case("no-minimum-configured", deposit(tx(BSC, token("0.00001", None, decimals=18, symbol="BNB"))), None, SKIP),
    case("decimals-unknown", deposit(tx(ETH, Transfer(SENDER, TO, 1, USDT_ETH, None, "USDT"))), None, SKIP),
    case("nothing-paid-to-the-customer", deposit(tx(ETH, usdt("1", to=OTHER))), None, SKIP),
])


@pytest.mark.parametrize("row", DEP006)
def test_dep006_minimum(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------- DEP007 suspension

DEP007 = table("DEP007", [
    case("suspended-in-the-config", deposit(tx(ETH, token("5", DAI_ETH, decimals=18, symbol="DAI"))),
         V.NETWORK_SUSPENDED, ERROR, "DAI deposits on Ethereum are suspended", currency="DAI", chain=ETH),
    case("suspended-by-the-venue", deposit(tx(ETH, usdt("300")), live_rule=NetworkRule("USDT", "ERC20", ETH,
                                                                                      deposit_enabled=False)),
         V.NETWORK_SUSPENDED, ERROR, "The venue has suspended USDT deposits on Ethereum (network ERC20)",
         source="venue"),
    case("the-venue-says-open", deposit(tx(ETH, usdt("300")), live_rule=NetworkRule("USDT", "ERC20", ETH,
                                                                                   deposit_enabled=True)), None, SKIP),
    case("the-venue-does-not-say", deposit(tx(ETH, usdt("300")), live_rule=NetworkRule("USDT", "ERC20", ETH)),
         None, SKIP),
    case("open", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("unlisted-asset", deposit(tx(ETH, pepe("5")), live_rule=NetworkRule("PEPE", "ERC20", ETH,
                                                                            deposit_enabled=False)), None, SKIP),
])


@pytest.mark.parametrize("row", DEP007)
def test_dep007_suspension(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- DEP008 freshness

DEP008 = table("DEP008", [
    case("stale-node", deposit(tx(ETH, usdt("300"), tip_age=1000.0)), V.UNKNOWN, UNKNOWN,
         "Ethereum's node (127.0.0.1) last saw a block about 17 minutes ago: it is behind", tip_age_seconds=1000,
         source="127.0.0.1"),
    case("at-the-limit-is-fresh", deposit(tx(ETH, usdt("300"), tip_age=300.0)), None, SKIP),
    case("fresh", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("age-unknown", deposit(tx(ETH, usdt("300"), tip_age=None)), None, SKIP),
    case("a-slow-chain-has-a-longer-limit", deposit(tx(BTC, tip_age=1000.0)), None, SKIP),
    case("a-slow-chain-stale", deposit(tx(BTC, tip_age=8000.0)), V.UNKNOWN, UNKNOWN, "Bitcoin's node (127.0.0.1)"),
    case("not-found-is-dep001s", deposit(missing(ETH, tip_age=1000.0)), None, SKIP),
])


@pytest.mark.parametrize("row", DEP008)
def test_dep008_freshness(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------------- DEP009 memo

DEP009 = table("DEP009", [
    case("tag-missing", deposit(tx(XRP, xrp("50")), to=XRP_TO, memo="12345"), V.MEMO_MISSING, ERROR,
         "The deposit carries no memo/tag, which this network needs", expected="12345"),
    case("tag-missing-none-claimed", deposit(tx(XRP, xrp("50")), to=XRP_TO), V.MEMO_MISSING, ERROR,
         "carries no memo/tag"),
    case("tag-matches", deposit(tx(XRP, xrp("50", memo="12345")), to=XRP_TO, memo="12345"), None, OK,
         "Memo/tag 12345 is the customer's", memo="12345"),
    case("tag-matches-as-a-number", deposit(tx(XRP, xrp("50", memo="012345")), to=XRP_TO, memo="12345"), None, OK,
         "is the customer's"),
    case("tag-mismatch", deposit(tx(XRP, xrp("50", memo="999")), to=XRP_TO, memo="12345"), V.MEMO_MISMATCH, ERROR,
         "Memo/tag on chain is '999', the customer's is '12345'", memo="999", expected="12345"),
    case("tag-on-chain-none-claimed", deposit(tx(XRP, xrp("50", memo="999")), to=XRP_TO), V.UNKNOWN, UNKNOWN,
         "Memo/tag '999' is on chain; pass --memo"),
    case("transaction-level-memo", deposit(tx(XRP, xrp("50"), memo="12345"), to=XRP_TO, memo="12345"), None, OK,
         "Memo/tag 12345 is the customer's"),
    case("text-memo-compared-exactly", deposit(tx(ETH, usdt("300", memo="ABC")), memo="abc"), V.MEMO_MISMATCH,
         ERROR, "Memo/tag on chain is 'ABC', the customer's is 'abc'"),
    case("memo-not-needed", deposit(tx(ETH, usdt("300")), memo="abc"), None, INFO,
         "No memo on chain (the customer's is abc); this asset does not need one"),
    case("memo-not-needed-none-given", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("memo-not-needed-present-none-claimed", deposit(tx(ETH, usdt("300", memo="hello"))), None, SKIP),
    case("no-deposit-to-the-customer", deposit(tx(XRP, xrp("50", to=XRP_FROM, sender=XRP_TO)), to=XRP_TO,
                                               memo="12345"), None, SKIP),
    # A venue that gives each customer their own XRP address says memo_required = false on its XRP row: then an
    # untagged deposit is theirs (deposits differ here from withdrawals, whose receiving platform is unknown).
    case("xrp-row-without-memo-required", deposit(tx(XRP, xrp("50")), to=XRP_TO, config=XRP_UNFLAGGED), None, SKIP),
])


@pytest.mark.parametrize("row", DEP009)
def test_dep009_memo(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- DEP010 delivered

DEP010 = table("DEP010", [
    case("partial-payment", deposit(tx(XRP, xrp("10", stated_raw=1000_000000)), to=XRP_TO), None, WARNING,
         "Partial payment: the transaction states 1000 XRP but delivered 10 XRP; only the delivered amount is "
         "credited", stated="1000", delivered="10"),
    case("partial-payment-of-an-unnamed-unit",
         deposit(tx(XRP, Transfer(XRP_FROM, XRP_TO, 10_000000, None, 6, None, stated_raw=1000_000000)), to=XRP_TO),
         None, WARNING, "the transaction states 1000 but delivered 10", stated="1000", delivered="10"),
    case("fully-delivered", deposit(tx(XRP, xrp("10", stated_raw=10_000000)), to=XRP_TO), None, SKIP),
    case("not-a-partial-payment", deposit(tx(XRP, xrp("10")), to=XRP_TO), None, SKIP),
    case("decimals-unknown", deposit(tx(XRP, Transfer(XRP_FROM, XRP_TO, 10, "rIssuer", None, "FOO", stated_raw=1000)),
                                     to=XRP_TO), None, SKIP),
    case("partial-payment-to-someone-else", deposit(tx(XRP, xrp("10", to=XRP_FROM, stated_raw=1000_000000)),
                                                    to=XRP_TO), None, SKIP),
])


@pytest.mark.parametrize("row", DEP010)
def test_dep010_delivered(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------- DEP011 credited

MINED = tx(ETH, usdt("300"))

DEP011 = table("DEP011", [
    case("venue-not-asked", deposit(MINED), None, SKIP),
    case("no-transaction", deposit(missing(ETH), venue_asked=True), None, SKIP),
    case("venue-unreachable", deposit(MINED, venue_asked=True, venue_error="timed out"), None, WARNING,
         "Could not read the venue's deposit history: timed out"),
    case("not-in-the-books", deposit(MINED, venue_asked=True), None, WARNING,
         "Not in the venue's deposit history: if it is confirmed, escalate to wallet operations", credited=False),
    case("not-in-the-books-while-pending", deposit(tx(ETH, usdt("300"), status=PENDING), venue_asked=True), None,
         SKIP),
    case("credited", deposit(MINED, venue_asked=True, credit=credit("ok", timestamp=1_700_000_000_000)), None, OK,
         "Credited by the venue: 300 USDT (deposit D1)", credited=True, deposit_id="D1",
         credited_at="2023-11-14 22:13 UTC"),
    case("credited-amount-unknown", deposit(MINED, venue_asked=True, credit=credit("ok", amount=None)), None, OK,
         "Credited by the venue: USDT (deposit D1)"),
    case("credit-failed", deposit(MINED, venue_asked=True, credit=credit("failed", "FAILED_RISK")), None, WARNING,
         "The venue's deposit record says FAILED_RISK (300 USDT, deposit D1): escalate to wallet operations",
         credited=False, venue_status="FAILED_RISK"),
    case("credit-canceled", deposit(MINED, venue_asked=True, credit=credit("canceled")), None, WARNING,
         "record says canceled", venue_status="canceled"),
    case("credit-pending", deposit(MINED, venue_asked=True, credit=credit("pending", "PROCESSING")), None, INFO,
         "The venue has seen the deposit (300 USDT, status PROCESSING): it is being credited", credited=False),
    case("credit-status-unmapped", deposit(MINED, venue_asked=True, credit=credit(None, "RISK_REVIEW")), None, INFO,
         "status RISK_REVIEW): it is being credited"),
])


@pytest.mark.parametrize("row", DEP011)
def test_dep011_credited(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- DEP012 poisoning

DEP012 = table("DEP012", [
    case("zero-value-transfer-to-the-customer", deposit(tx(ETH, usdt("0", sender=FAKE))), V.ADDRESS_POISONING, ERROR,
         f"Address poisoning: 1 zero-value transfer ({FAKE} → {TO}). Never copy an address from the wallet history",
         zero_value_transfers=1),
    case("zero-value-transferFrom-to-a-look-alike", deposit(tx(ETH, usdt("0", sender=TO, to=FAKE))),
         V.ADDRESS_POISONING, ERROR, f"1 zero-value transfer ({TO} → {FAKE})"),
    case("look-alike-sender-pays-dust", deposit(tx(ETH, usdt("0.000001", sender=FAKE))), V.ADDRESS_POISONING, ERROR,
         f"0.000001 USDT (contract {USDT_ETH}) from {FAKE}, a look-alike of {TO}", lookalike_senders=[FAKE]),
    case("look-alike-of-its-recipient-without-to", deposit(tx(ETH, usdt("0.000001", sender=FAKE)), to=None),
         V.ADDRESS_POISONING, ERROR, f"from {FAKE}, a look-alike of {TO}"),
    case("real-deposit-beside-poison-is-a-warning", deposit(tx(ETH, usdt("300", sender=PAYOUT),
                                                              usdt("0", sender=TO, to=FAKE))),
         None, WARNING, "Address poisoning: 1 zero-value transfer", absent=[V.ADDRESS_POISONING]),
    case("many-zero-value-transfers", deposit(tx(ETH, *(usdt("0", sender=TO, to="0xab12" + c * 32 + "cd34")
                                                        for c in "6789"))),
         V.ADDRESS_POISONING, ERROR, "4 zero-value transfers (", zero_value_transfers=4),
    case("the-customer's-own-zero-value-transfer-first", deposit(tx(ETH, usdt("0", sender=OTHER, to=PAYOUT),
                                                                   usdt("0", sender=FAKE))),
         V.ADDRESS_POISONING, ERROR, f"2 zero-value transfers ({FAKE} → {TO}; {OTHER} → {PAYOUT})"),
    case("ordinary-deposit", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("pending", deposit(tx(ETH, usdt("0", sender=FAKE), status=PENDING)), None, SKIP),
    case("failed", deposit(tx(ETH, usdt("0", sender=FAKE), status=FAILED)), None, SKIP),
    case("no-transaction", deposit(missing(ETH)), None, SKIP),
])


@pytest.mark.parametrize("row", DEP012)
def test_dep012_poisoning(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------- DEP013 currency

DEP013 = table("DEP013", [
    case("no-claim", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("claim-matches", deposit(tx(ETH, usdt("300")), currency="usdt"), None, OK,
         "The customer says USDT, and USDT arrived", claimed_currency="USDT"),
    case("claim-matches-the-native-coin", deposit(tx(ETH, eth("1")), currency="ETH"), None, OK,
         "The customer says ETH, and ETH arrived"),
    case("claim-eth-usdt-arrived", deposit(tx(ETH, usdt("300")), currency="ETH"), None, INFO,
         f"The customer says ETH; what arrived at their address is 300 USDT (contract {USDT_ETH})",
         claimed_currency="ETH", arrived_currency="USDT", contract=USDT_ETH),
    case("claim-usdt-an-unlisted-token-arrived", deposit(tx(ETH, pepe("500")), currency="USDT"), None, INFO,
         f"The customer says USDT; what arrived at their address is 500 PEPE (contract {PEPE})",
         arrived_currency="PEPE"),
    case("claim-listed-nowhere", deposit(tx(ETH, usdt("300")), currency="DOGE"), None, WARNING,
         "The customer says DOGE, which the venue does not list on any network", claimed_currency="DOGE"),
    case("claim-listed-nowhere-still-compared", deposit(tx(ETH, usdt("300")), currency="DOGE"), None, INFO,
         "The customer says DOGE; what arrived at their address is 300 USDT"),
    case("a-configured-chain's-native-coin-is-known", deposit(tx(ETH, usdt("300", to=OTHER)), currency="TRX"),
         None, SKIP),
    case("claim-but-nothing-arrived", deposit(tx(ETH, usdt("300", to=OTHER)), currency="USDT"), None, SKIP),
])


@pytest.mark.parametrize("row", DEP013)
def test_dep013_currency(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------- DEP014 amount

DEP014 = table("DEP014", [
    case("no-claim", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("the-amount-claimed-arrived", deposit(tx(ETH, usdt("300")), amount="300", currency="USDT"), None, OK,
         "The customer says 300 USDT, and 300 arrived", claimed_amount="300", arrived_amount="300"),
    case("the-same-amount-written-with-decimals", deposit(tx(ETH, usdt("300")), amount="300.00"), None, OK,
         "and 300 arrived"),
    case("less-arrived-than-claimed", deposit(tx(ETH, usdt("799")), amount="800", currency="USDT"), None, WARNING,
         "The customer says 800 USDT; 799 USDT arrived at their address", claimed_amount="800",
         arrived_amount="799"),
    case("more-arrived-than-claimed", deposit(tx(ETH, usdt("900")), amount="800"), None, INFO,
         "The customer says 800 USDT; 900 USDT arrived"),
    case("another-currency-claimed-is-DEP013's", deposit(tx(ETH, usdt("300")), amount="1", currency="ETH"),
         None, SKIP),
    case("nothing-reached-their-address", deposit(tx(ETH, usdt("300", to=OTHER)), amount="300"), None, SKIP),
    case("never-a-verdict", deposit(tx(ETH, usdt("1")), amount="800"), None, WARNING, "800 USDT",
         absent=(V.WRONG_ADDRESS, V.NOT_FOUND, V.BELOW_MINIMUM)),
])


@pytest.mark.parametrize("row", DEP014)
def test_dep014_amount(row: Case) -> None:
    expect(row)


# --------------------------------------------------------------------------------------- DEP015 sender

DEP015 = table("DEP015", [
    case("no-claim", deposit(tx(ETH, usdt("300"))), None, SKIP),
    case("sent-from-the-wallet-named", deposit(tx(ETH, usdt("300")), sender=SENDER.upper().replace("0X", "0x")),
         None, OK, "the wallet the customer names"),
    case("sent-from-another-wallet-is-information", deposit(tx(ETH, usdt("300")), sender=OTHER), None, INFO,
         f"the transaction was sent from {SENDER}", claimed_sender=OTHER, senders=[SENDER]),
    case("not-found-says-nothing", deposit(missing(ETH), sender=OTHER), None, SKIP),
])


@pytest.mark.parametrize("row", DEP015)
def test_dep015_sender(row: Case) -> None:
    expect(row)
