"""INP001–INP003 and SRC001: the findings made outside the check classes — what cannot be read, a pasted
secret, what was cleaned in the customer's claims, and a source that could not say. One table per code; each
row makes the finding (``kinds/input.py``, ``kinds/deposit.py``'s ``notes``) and is held to it like a check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportctl.core.model import Diagnosis, Finding, Kind, Lang, Severity, Subject, Verdict
from supportctl.kinds.deposit import DepositFacts, notes
from supportctl.kinds.input import details_needed, exposed, invalid, unknown

from .build import CONFIG, ETH, SKIP, TO, TX_HASH, Case, assert_findings, case, lookups, table, tx, usdt

OK, INFO, WARNING, ERROR, UNKNOWN = Severity.OK, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.UNKNOWN
V = Verdict


def made(row: Case) -> list[Finding]:
    """Make the row's finding(s); a diagnosis carries the verdict of its finding."""
    out: Diagnosis | tuple[Finding, ...] = row.facts()
    if isinstance(out, Diagnosis):
        if row.verdict is not None:
            assert out.verdict is row.verdict
        assert out.reply.strip(), "every diagnosis has a reply"
        return list(out.findings)
    return list(out)


def cleaned(*said: str) -> Callable[[], tuple[Finding, ...]]:
    """The notes of a deposit whose claims were cleaned (``check_claims``) before it was asked about."""
    facts = DepositFacts(Subject(Kind.DEPOSIT, TX_HASH, to=TO), CONFIG, lookups([tx(ETH, usdt("300"))]), notes=said)
    return lambda: notes(facts)


def source_down(kind: Kind, reason: str = "venue unreachable: timed out") -> Callable[[], Any]:
    return lambda: unknown(Subject(kind, "W1"), reason, Lang.EN)


# ----------------------------------------------------------------------------------------- INP001 invalid

INP001 = table("INP001", [
    case("unreadable", lambda: invalid("hello world", "not a transaction hash, address or order id", Lang.EN),
         V.INVALID_INPUT, ERROR, "not a transaction hash, address or order id"),
    case("unreadable-in-chinese", lambda: invalid("你好", "not a transaction hash", Lang.ZH), V.INVALID_INPUT, ERROR,
         "not a transaction hash"),
    case("an-order-without-its-symbol", lambda: invalid("42", "an order needs its symbol (BASE/QUOTE)", Lang.EN),
         V.INVALID_INPUT, ERROR, "an order needs its symbol"),
])


@pytest.mark.parametrize("row", INP001)
def test_inp001_invalid_input(row: Case) -> None:
    assert_findings(row, made(row))


# ----------------------------------------------------------------------------------------- INP002 secret

INP002 = table("INP002", [
    case("private-key", lambda: exposed("private key", Lang.EN), V.SECRET_EXPOSED, ERROR,
         "The customer pasted a private key: anyone who has seen it can take the funds", kind="private key"),
    case("seed-phrase", lambda: exposed("seed phrase (12 words)", Lang.EN), V.SECRET_EXPOSED, ERROR,
         "move the funds to a new wallet now", kind="seed phrase (12 words)"),
    case("seed-phrase-in-chinese", lambda: exposed("seed phrase (24 words)", Lang.ZH), V.SECRET_EXPOSED, ERROR,
         "delete the secret from the ticket and never ask for it"),
])


@pytest.mark.parametrize("row", INP002)
def test_inp002_secret_exposed(row: Case) -> None:
    assert_findings(row, made(row))
    assert row.facts().subject.input.startswith("[redacted "), "the secret itself is never shown"


# --------------------------------------------------------------------------------- INP004 details needed

INP004 = table("INP004", [
    case("a-ticket-with-nothing-to-look-up", lambda: details_needed("my deposit has not arrived, help", Lang.EN),
         V.DETAILS_NEEDED, INFO, "No transaction hash, explorer link, address or ID in the ticket"),
    case("in-korean", lambda: details_needed("입금이 아직 안 들어왔어요", Lang.KO), V.DETAILS_NEEDED, INFO,
         "the reply asks the customer for them"),
])


@pytest.mark.parametrize("row", INP004)
def test_inp004_details_needed(row: Case) -> None:
    assert_findings(row, made(row))
    assert row.facts().verdict.outcome.value == "fine"  # exit 0: nothing is wrong, the customer is asked


# --------------------------------------------------------------------------------- INP003 cleaned claims

INP003 = table("INP003", [
    case("punctuation-around-to", cleaned("--to: removed '()' copied around the address"), None, INFO,
         "--to: removed '()' copied around the address"),
    case("tag-from-an-x-address", cleaned("--memo: taken from the X-address's destination tag"), None, INFO,
         "--memo: taken from the X-address's destination tag"),
    case("nothing-cleaned", cleaned(), None, SKIP),
])


@pytest.mark.parametrize("row", INP003)
def test_inp003_cleaned_claims(row: Case) -> None:
    assert_findings(row, made(row))


# -------------------------------------------------------------------------------------- SRC001 source

SRC001 = table("SRC001", [
    case("deposit", source_down(Kind.DEPOSIT, "every Ethereum endpoint failed"), V.UNKNOWN, UNKNOWN,
         "every Ethereum endpoint failed"),
    case("withdrawal", source_down(Kind.WITHDRAWAL), V.UNKNOWN, UNKNOWN, "venue unreachable: timed out"),
    case("order", source_down(Kind.ORDER), V.UNKNOWN, UNKNOWN, "venue unreachable"),
    case("order-check", source_down(Kind.ORDER_CHECK), V.UNKNOWN, UNKNOWN, "venue unreachable"),
    case("address", source_down(Kind.ADDRESS, "rules cache unreadable"), V.UNKNOWN, UNKNOWN, "rules cache unreadable"),
])


@pytest.mark.parametrize("row", SRC001)
def test_src001_source_unknown(row: Case) -> None:
    assert_findings(row, made(row))
