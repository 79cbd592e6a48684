"""ADR001–ADR004: one table per check, each row an address (with the customer's --chain / --currency /
--compare) and the finding it must give. ``AddressFacts`` reads the string itself; nothing is asked."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from supportctl.core.model import ChainKey, Kind, Severity, Subject, Verdict
from supportctl.kinds.address import AddressFacts

from .build import ASSETS, BSC, CONFIG, SKIP, TRON, XRP, Case, case, config, expect, table

OK, INFO, WARNING, ERROR, UNKNOWN = Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.UNKNOWN
V = Verdict

EVM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
EVM_LOWER = EVM.lower()
EVM_TYPO = "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # one letter's case changed: the EIP-55 checksum fails
EVM_LOOKALIKE = "0x5aae" + "1" * 32 + "eaed"
EVM_CHAINS = "Ethereum, BNB Smart Chain, Polygon, Arbitrum One, OP Mainnet, Base, Avalanche C-Chain"
BTC_BECH32 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
BTC_LEGACY = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
BTC_TESTNET = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"
LTC_BECH32 = "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea"
TRON_ADDRESS = "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL"
TRON_CASE_CHANGED = "TNPeeaaFB7K9cmo4uqpcU32zGK8G1NYqeL"  # base58: a different (and here invalid) address
SOLANA = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"
XRP_CLASSIC = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
X_ADDRESS = "X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ"  # no tag inside
X_ADDRESS_TAGGED = "X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu"  # destination tag 1 inside
X_TESTNET = "T719a5UwUCnEs54UsxG9CJYYDhwmFCqkr7wxCcNcfZ6p5GZ"

MEMO_ON_BSC = config([replace(a, memo_required=True) if a.currency == "BNB" else a for a in ASSETS])


def address(text: str, *, chain: ChainKey | None = None, currency: str | None = None, compare: str | None = None,
            settings: Any = CONFIG) -> AddressFacts:
    """The facts of ``supportctl address TEXT [--chain …] [--currency …] [--compare …]``."""
    return AddressFacts(Subject(Kind.ADDRESS, text, chain=chain, currency=currency, compare=compare), settings)


# ----------------------------------------------------------------------------------------- ADR001 format

ADR001 = table("ADR001", [
    case("eip-55", address(EVM), V.VALID, OK, f"Valid EIP-55 checksummed address on {EVM_CHAINS}", kind="eip55"),
    case("all-lower-case-carries-no-checksum", address(EVM_LOWER), V.VALID, OK,
         "(this form carries no checksum, so a typo cannot be detected)", kind="unchecksummed"),
    case("eip-55-typo", address(EVM_TYPO), V.INVALID_CHECKSUM, ERROR, "EIP-55 checksum does not match",
         family="evm"),
    case("bech32-typo", address(BTC_BECH32[:-1] + "5"), V.INVALID_CHECKSUM, ERROR, "the bech32 checksum does not match",
         family="bitcoin"),
    case("base58-case-typo", address(TRON_CASE_CHANGED), V.INVALID_CHECKSUM, ERROR, "case matters", family="tron"),
    case("not-an-address", address("hello"), V.INVALID_FORMAT, ERROR, "not a recognised address format"),
    case("bitcoin-segwit", address(BTC_BECH32), V.VALID, OK, "Valid native SegWit (P2WPKH) address on Bitcoin",
         kind="p2wpkh", chains=["bitcoin"]),
    case("bitcoin-legacy", address(BTC_LEGACY), V.VALID, OK, "Valid legacy P2PKH address on Bitcoin"),
    case("litecoin-segwit", address(LTC_BECH32), V.VALID, OK, "address on Litecoin"),
    case("tron", address(TRON_ADDRESS), V.VALID, OK, "Valid address on Tron"),
    case("solana", address(SOLANA), V.VALID, OK, "Valid wallet address on Solana (this form carries no checksum"),
    case("xrp-classic", address(XRP_CLASSIC), V.VALID, OK, "Valid classic address on XRP Ledger"),
    case("xrp-x-address", address(X_ADDRESS_TAGGED), V.VALID, OK, "Valid X-address on XRP Ledger"),
])


@pytest.mark.parametrize("row", ADR001)
def test_adr001_format(row: Case) -> None:
    expect(row)


# ---------------------------------------------------------------------------------------- ADR002 network

ADR002 = table("ADR002", [
    case("the-chain-named", address(EVM, chain=BSC), None, OK, "Valid on BNB Smart Chain", chains=["bsc"]),
    case("another-chain-named", address(EVM, chain=TRON), V.WRONG_NETWORK, ERROR,
         f"This is an address on {EVM_CHAINS}, not on Tron", expected_chains=["tron"]),
    case("the-currency's-networks", address(EVM, currency="usdt"), None, OK,
         "Valid on Ethereum, BNB Smart Chain, Arbitrum One", chains=["ethereum", "bsc", "arbitrum"]),
    case("the-currency-is-not-on-this-chain", address(EVM, currency="XRP"), V.WRONG_NETWORK, ERROR,
         "not on XRP Ledger", expected_chains=["xrp"]),
    case("the-chain-named-wins-over-the-currency", address(EVM, chain=TRON, currency="USDT"), V.WRONG_NETWORK, ERROR,
         "not on Tron"),
    case("bitcoin-for-btc", address(BTC_BECH32, currency="BTC"), None, OK, "Valid on Bitcoin"),
    case("bitcoin-testnet", address(BTC_TESTNET), V.WRONG_NETWORK, ERROR,
         "This is a testnet address: funds sent on mainnet to it are lost", network="testnet"),
    case("xrp-testnet-x-address", address(X_TESTNET, chain=XRP), V.WRONG_NETWORK, ERROR, "testnet address"),
    case("nothing-named", address(EVM), None, SKIP),
    case("a-currency-listed-nowhere", address(EVM, currency="DOGE"), None, SKIP),
    case("not-an-address", address("hello", chain=TRON), None, SKIP),
])


@pytest.mark.parametrize("row", ADR002)
def test_adr002_network(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------------- ADR003 memo

ADR003 = table("ADR003", [
    case("xrp-classic-needs-a-tag", address(XRP_CLASSIC), V.MEMO_REQUIRED, WARNING,
         "XRP Ledger needs a memo/tag with this address", chains=["xrp"]),
    case("xrp-named", address(XRP_CLASSIC, chain=XRP), V.MEMO_REQUIRED, WARNING, "XRP Ledger needs a memo/tag"),
    case("x-address-with-its-tag", address(X_ADDRESS_TAGGED), None, OK, "This X-address carries destination tag 1",
         tag=1),
    case("x-address-without-a-tag", address(X_ADDRESS), V.MEMO_REQUIRED, WARNING, "XRP Ledger needs a memo/tag"),
    case("an-asset-needing-a-memo", address(EVM, chain=BSC, settings=MEMO_ON_BSC), V.MEMO_REQUIRED, WARNING,
         "BNB Smart Chain needs a memo/tag with this address", chains=["bsc"]),
    case("another-currency-on-that-chain", address(EVM, chain=BSC, currency="USDT", settings=MEMO_ON_BSC), None,
         SKIP),
    case("evm", address(EVM), None, SKIP),
    case("xrp-address-for-another-chain-is-adr002s", address(XRP_CLASSIC, chain=TRON), None, SKIP),
    case("not-an-address", address("hello"), None, SKIP),
])


@pytest.mark.parametrize("row", ADR003)
def test_adr003_memo(row: Case) -> None:
    expect(row)


# -------------------------------------------------------------------------------------- ADR004 look-alike

ADR004 = table("ADR004", [
    case("a-look-alike", address(EVM_LOOKALIKE, compare=EVM), V.LOOKALIKE, ERROR,
         f"Look-alike of {EVM}: same start and end, different middle", compare=EVM),
    case("the-same-address", address(EVM, compare=EVM), None, OK, "Same address as the one compared"),
    case("hex-case-does-not-matter", address(EVM_LOWER, compare=EVM), None, OK, "Same address"),
    case("spaces-do-not-matter", address(f" {EVM} ", compare=f"{EVM}\n"), None, OK, "Same address"),
    case("base58-case-matters", address(TRON_CASE_CHANGED, compare=TRON_ADDRESS), V.LOOKALIKE, ERROR,
         f"Look-alike of {TRON_ADDRESS}"),
    case("a-different-address", address(EVM, compare=TRON_ADDRESS), None, INFO,
         f"A different address from {TRON_ADDRESS} (not a look-alike)"),
    case("nothing-to-compare", address(EVM), None, SKIP),
])


@pytest.mark.parametrize("row", ADR004)
def test_adr004_lookalike(row: Case) -> None:
    expect(row)
