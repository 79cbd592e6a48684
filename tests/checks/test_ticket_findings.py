"""TKT001–TKT006: what relating a ticket's evidence finds (``engine/case.py``): look-alike addresses in one
ticket, an address someone else gave the customer, links and phone numbers they report, network claims that
disagree or cannot hold, and a claim that could not be used. Each row is a ticket's text, read as ``diagnose``
reads it; only the row's code is held to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportctl.core.model import Diagnosis, Finding, Kind, Lang, Severity, Subject, TicketItem, Verdict
from supportctl.engine import case as ticket_case
from supportctl.engine.ticket import read, subjects

from .build import SKIP, Case, assert_findings, case, table

OK, INFO, WARNING, ERROR = Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR
V = Verdict

DEPOSIT = "0x52908400098527886E0F7030069857D2E4169EE7"  # EIP-55's own example, as the deposit address
# the same first 6 and last 4 characters, another middle: an address-poisoning look-alike
LOOKALIKE = "0x5290840000000000000000000000000000009ee7"
WALLET = "0xde709f2102306220921060314715629080e2fb77"  # EIP-55's all-lower-case example
TX = "0x" + "5c" * 32
TRON_TX = "3f7e5c2b0b8a0a4c7b0d9a6f0a7d5b7a3c2e1f0d9c8b7a6f5e4d3c2b1a0f9e8d"
XRP_TO = "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe"  # xrpl.js's own test address


def related(text: str, lang: Lang = Lang.EN) -> Callable[[], list[Finding]]:
    """The ticket-level findings of ``text`` (no item looked up: relating needs only the words)."""
    def run() -> list[Finding]:
        reading = read(text, lang)
        chains = ["ethereum", "bsc", "tron", "xrp"]
        items = [TicketItem(f.role, f.words, _pending(s)) for f, s in subjects(reading, chains)
                 if isinstance(s, Subject)]
        return list(ticket_case.relate(reading, items))
    return run


def _pending(subject: Subject) -> Diagnosis:
    return Diagnosis(subject, Verdict.UNKNOWN, "not asked", {}, (), "", Lang.EN)


def usable(subject: Subject) -> Callable[[], list[Finding]]:
    return lambda: ticket_case._usable(subject)[1]


def expect(row: Case) -> None:
    made = row.facts()
    assert_findings(row, [f for f in made if f.check == row.code])


# ------------------------------------------------------------------------------------ TKT001 look-alike

TKT001 = table("TKT001", [
    case("a-lookalike-beside-the-deposit-address",
         related(f"my deposit address is {DEPOSIT}. can I send to this one {LOOKALIKE}?"), V.LOOKALIKE, ERROR,
         f"{DEPOSIT} (the deposit address) and {LOOKALIKE} (asked about)", address=DEPOSIT, lookalike=LOOKALIKE),
    case("in-chinese", related(f"我的充值地址 {DEPOSIT}，这个地址可以转吗 {LOOKALIKE}", Lang.ZH), V.LOOKALIKE, ERROR,
         "look alike", lookalike=LOOKALIKE),
    case("two-different-addresses", related(f"from my wallet {WALLET} to {DEPOSIT}"), None, SKIP),
    case("one-address-twice-in-two-cases", related(f"{DEPOSIT} or {DEPOSIT.lower()}?"), None, SKIP),
])


@pytest.mark.parametrize("row", TKT001)
def test_tkt001_lookalike(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------ TKT002 given by someone

TKT002 = table("TKT002", [
    case("support-told-me", related(f"the support agent on telegram told me to send to {DEPOSIT}"),
         V.SCAM_WARNING, ERROR, "never confirm it as the venue's address", address=DEPOSIT),
    case("in-spanish", related(f"el soporte me pidió que enviara a {DEPOSIT} ¿es correcto?", Lang.ES),
         V.SCAM_WARNING, ERROR, DEPOSIT),
    case("in-chinese", related(f"客服让我转到这个地址 {DEPOSIT} 可以吗", Lang.ZH), V.SCAM_WARNING, ERROR, DEPOSIT),
    case("their-own-deposit-address-is-not", related(f"I sent {TX} to my deposit address {DEPOSIT}"), None, SKIP),
])


@pytest.mark.parametrize("row", TKT002)
def test_tkt002_given_by_someone(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------ TKT003 reported

TKT003 = table("TKT003", [
    case("a-link-and-scam-words", related("got an airdrop link https://usdt-claim.example/verify — is it a scam?"),
         V.SCAM_WARNING, ERROR, "https://usdt-claim.example/verify", scam_words=["airdrop", "scam"]),
    case("a-phone-number", related("call me back on +44 20 7946 0958 please"), None, INFO, "+44 20 7946 0958"),
    case("an-explorer-link-is-evidence-not-a-report", related(f"https://etherscan.io/tx/{TX}"), None, SKIP),
    case("nothing-reported", related(f"deposit {TX} missing"), None, SKIP),
])


@pytest.mark.parametrize("row", TKT003)
def test_tkt003_reported(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------ TKT004 network claims

TKT004 = table("TKT004", [
    case("two-networks-named", related(f"sent on ERC20 or maybe BEP20, tx {TX}"), None, INFO,
         "none is used as the claim", chains=["bsc", "ethereum"]),
    case("a-tron-word-beside-an-evm-hash", related(f"I used TRC20, hash {TX}"), None, INFO,
         "cannot be on", claimed_chain="tron"),
    case("the-network-fits-the-hash", related(f"ERC20 deposit {TX}"), None, SKIP),
    case("a-tron-word-beside-a-tron-hash", related(f"波场转账 {TRON_TX}", Lang.ZH), None, SKIP),
])


@pytest.mark.parametrize("row", TKT004)
def test_tkt004_network_claims(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------ TKT005 claim not used

XRP_TX = "C53ECF838647FA5A4C780377025FEC7999AB4182590510CA461444B207AB74A9"  # xrpl.org's Payment example

TKT005 = table("TKT005", [
    case("a-memo-that-is-no-destination-tag", usable(Subject(Kind.DEPOSIT, XRP_TX, to=XRP_TO, memo="ABC-12")),
         None, INFO, "not an XRP destination tag", claim="memo"),
    case("a-fine-memo-is-kept", usable(Subject(Kind.DEPOSIT, XRP_TX, to=XRP_TO, memo="12345")), None, SKIP),
    case("an-address-is-not-a-claim-of-a-withdrawal-id", usable(Subject(Kind.WITHDRAWAL, "W-123")), None, SKIP),
])


@pytest.mark.parametrize("row", TKT005)
def test_tkt005_claim_not_used(row: Case) -> None:
    expect(row)


# ------------------------------------------------------------------------------------ TKT006 assumed address

TKT006 = table("TKT006", [
    case("the-one-address-beside-a-hash", related(f"mandé 150 USDT a {WALLET} y no me llega, hash {TX}", Lang.ES),
         None, WARNING, "check it is theirs before crediting", address=WALLET),
    case("an-unmarked-address-and-a-hash", related(f"{TX} {DEPOSIT}"), None, WARNING, DEPOSIT),
    case("called-their-deposit-address", related(f"my deposit address {DEPOSIT}, tx {TX}"), None, SKIP),
    case("an-address-alone-is-not-assumed", related(f"is {DEPOSIT} right?"), None, SKIP),
])


@pytest.mark.parametrize("row", TKT006)
def test_tkt006_assumed_deposit_address(row: Case) -> None:
    expect(row)
