"""TKT001–TKT007: what relating a ticket's evidence finds (``engine/case.py``): look-alike addresses in one
ticket, an address someone else gave the customer, links and phone numbers they report, network claims that
disagree or cannot hold, and a claim that could not be used. Each row is a ticket's text, read as ``diagnose``
reads it; only the row's code is held to it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from supportctl.core.model import (
    CheckCode,
    Diagnosis,
    Finding,
    Kind,
    Lang,
    Severity,
    Subject,
    TicketItem,
    Verdict,
)
from supportctl.engine import case as ticket_case
from supportctl.engine import dispatch
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


# ------------------------------------------------------------------------------------ TKT007 not the recipient

def judged(text: str, *, sender: str, paid: bool = False, lang: Lang = Lang.EN) -> Callable[[], list[Finding]]:
    """The ticket-level findings of ``text`` once its transaction is judged: sent by ``sender``, and paying the
    address beside it (``paid``) or not (DEP004 ``wrong_address``, as the check says when ``to`` is not paid)."""
    def looked_up(s: Subject) -> Diagnosis:
        unpaid = () if paid or s.to is None else (
            Finding(CheckCode("DEP004"), "recipient", ERROR, f"Nothing was paid to {s.to}", {}, V.WRONG_ADDRESS),)
        return Diagnosis(s, V.WRONG_ADDRESS if unpaid else V.UNKNOWN, "judged", {"from": sender}, unpaid, "", lang)

    async def again(session: object, item: Subject, lang: Lang) -> Diagnosis:
        return looked_up(item)

    def run() -> list[Finding]:
        reading = read(text, lang)
        pairs = [(f, s) for f, s in subjects(reading, ["ethereum"]) if isinstance(s, Subject)]
        first = [looked_up(s) for _, s in pairs]
        kept, dispatch.diagnose_item = dispatch.diagnose_item, again  # type: ignore[assignment]
        try:
            diagnoses, unpaid = asyncio.run(ticket_case._not_a_guess(None, reading, [s for _, s in pairs], first,  # type: ignore[arg-type]
                                                                     lang))
        finally:
            dispatch.diagnose_item = kept  # type: ignore[assignment]
        assert all(d.verdict is not V.WRONG_ADDRESS for d in diagnoses) or not unpaid  # judged again without it
        reading = ticket_case._reclaimed(reading, unpaid) if unpaid else reading
        items = [TicketItem(f.role, f.words, d) for (f, _), d in zip(pairs, diagnoses, strict=True)]
        return list(ticket_case.relate(reading, items, unpaid))
    return run


TKT007 = table("TKT007", [
    case("their-own-wallet-beside-the-hash", judged(f"{TX} {WALLET} not arrived", sender=WALLET), None, WARNING,
         "but its sender: taken as the customer's own wallet", address=WALLET, sender=True),
    case("the-sender-in-another-case", judged(f"hash {TX}, {DEPOSIT}", sender=DEPOSIT.lower()), None, WARNING,
         "its sender", address=DEPOSIT, sender=True),
    case("neither-where-it-paid-nor-where-it-came-from",
         judged(f"mandé 150 USDT a {WALLET} y no me llega, hash {TX}", sender=DEPOSIT, lang=Lang.ES), None,
         WARNING, "nor where it came from", address=WALLET, sender=False),
    case("it-paid-the-address-beside-it", judged(f"{TX} {WALLET}", sender=DEPOSIT, paid=True), None, SKIP),
    case("named-their-deposit-address-the-verdict-stands",
         judged(f"my deposit address {DEPOSIT}, tx {TX}", sender=WALLET), None, SKIP),
])


@pytest.mark.parametrize("row", TKT007)
def test_tkt007_an_assumed_address_not_paid_is_set_aside(row: Case) -> None:
    expect(row)
