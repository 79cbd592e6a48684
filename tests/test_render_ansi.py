"""The terminal view drawn by hand (render/ansi_view.py, so `supportctl address` never imports rich) is rich's
view byte for byte — characters, line breaks, padding and colour sequences — or it is not drawn at all (None:
rich draws it). Real address and deposit views, and thousands of random texts, widths and colours."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import _cell_len, get_character_cell_size

from supportctl.core import config
from supportctl.core.model import (
    ChainKey,
    CheckCode,
    Diagnosis,
    Finding,
    Format,
    Kind,
    Lang,
    Severity,
    Subject,
    Verdict,
)
from supportctl.engine import diagnose_address
from supportctl.render import render
from supportctl.render.ansi_view import _ONE_CELL, MIN_WIDTH, render_ansi
from supportctl.render.rich_view import render_rich

TX = "0x" + "ab" * 32
ADDRESSES = ["0x52908400098527886E0F7030069857D2E4169EE7", "0x52908400098527886e0f7030069857d2e4169ee7",
             "0x52908400098527886E0F7030069857D2E4169Ee7", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
             "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
             "XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
             "LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "hello", "",
             "0x" + "z" * 40, "[bold]0x52908400098527886E0F7030069857D2E4169EE7[/bold]", "0x5290\u202e8400"]

_EMPTY = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)  # noqa: SIM115 - lives for the session
_EMPTY.close()
CONFIG = config.load(_EMPTY.name)  # built-in defaults only


def same_as_rich(diagnoses: list[Diagnosis], *, color: bool, width: int) -> str | None:
    drawn = render_ansi(diagnoses, color=color, width=width)
    if drawn is not None:
        assert drawn == render_rich(diagnoses, color=color, width=width)
    return drawn


def test_every_character_drawn_is_one_cell_in_rich() -> None:
    """The widths the hand-drawn view assumes are rich's: every character it accepts is one cell, measured both
    ways rich measures (a string of single-cell characters, and character by character in its Unicode table)."""
    accepted = [chr(c) for c in range(0x110000) if c != 0x0A and _ONE_CELL.fullmatch(chr(c))]
    assert len(accepted) > 1000
    for c in accepted:
        assert get_character_cell_size(c) == 1 and _cell_len(c, "auto") == 1 and _cell_len(c + "✔", "auto") == 2, c


@pytest.mark.parametrize("lang", [Lang.EN, Lang.ES, Lang.PT_BR, Lang.TR, Lang.RU, Lang.ZH])
@pytest.mark.parametrize("address", ADDRESSES)
def test_address_views_are_rich_s(address: str, lang: Lang) -> None:
    for chain, compare in ((None, None), ("bsc", None), ("xrp", None), (None, ADDRESSES[0])):
        subject = Subject(Kind.ADDRESS, address, chain=ChainKey(chain) if chain else None, compare=compare)
        d = diagnose_address(subject, CONFIG, lang)
        for color in (False, True):
            for width in (MIN_WIDTH, 61, 80, 100, 173):
                drawn = same_as_rich([d], color=color, width=width)
                if lang is Lang.EN and address.isascii():
                    assert drawn is not None  # the default view is drawn without rich


def deposit(**changes: Any) -> Diagnosis:
    finding = Finding(CheckCode("DEP003"), "confirmations", Severity.INFO, "4 of 12 confirmations: 8 more",
                      {"confirmations": 4}, Verdict.AWAITING_CONFIRMATIONS)
    poisoning = Finding(CheckCode("DEP012"), "address_poisoning", Severity.WARNING,
                        "A zero-value transfer from a look-alike of the customer's address", {})
    facts = {
        "chain": "ethereum", "status": "success", "confirmations": 4, "required_confirmations": 12,
        "amount": Decimal("300"), "currency": "USDT", "to": "0x52908400098527886e0f7030069857d2e4169ee7",
        "block": 123, "explorer_url": f"https://etherscan.io/tx/{TX}", "found_on": ["bsc", "polygon"],
        "tx_hash": TX, "claims": {"chain": "ethereum", "to": "0x5290…"}, "memo": None,
        "transfers": [{"amount": "300", "currency": "USDT", "from": "0xaaa", "to": "0xbbb", "contract": "0xccc",
                       "listed": True, "memo": None},
                      {"raw": "5", "currency": None, "from": "0xddd", "to": "0xeee", "contract": "0xfff",
                       "listed": False, "memo": "12"}],
    }
    base: dict[str, Any] = {"subject": Subject(Kind.DEPOSIT, TX, chain=ChainKey("ethereum")),
                            "verdict": Verdict.AWAITING_CONFIRMATIONS, "summary": "4 of 12 confirmations",
                            "facts": facts, "findings": (finding, poisoning),
                            "reply": "Your deposit of 300 USDT is on its way.\n\nIt needs 8 more confirmations.",
                            "lang": Lang.EN}
    return Diagnosis(**{**base, **changes})


@pytest.mark.parametrize("verdict", list(Verdict))
def test_deposit_views_of_every_verdict_are_rich_s(verdict: Verdict) -> None:
    for d in (deposit(verdict=verdict), deposit(verdict=verdict, findings=(), facts={})):
        for color in (False, True):
            for width in (MIN_WIDTH, 52, 100, 240):
                assert same_as_rich([d], color=color, width=width) is not None


def test_several_diagnoses_and_what_is_left_to_rich() -> None:
    two = [deposit(), deposit(summary="second", verdict=Verdict.CONFIRMED)]
    assert same_as_rich(two, color=True, width=90) is not None
    assert render_ansi([deposit(reply="您好")], color=False, width=100) is None  # two cells a character
    assert render_ansi([deposit()], color=False, width=MIN_WIDTH - 1) is None
    # whichever draws it, render() writes rich's view
    for d in (deposit(reply="您好"), deposit(summary="e\u0301"), deposit()):
        assert render([d], Format.RICH, color=True, width=100) == render_rich([d], color=True, width=100)


# Random text: words, runs of spaces, blank lines, no-break spaces, words longer than any line, markup, control
# characters, the symbols the views use; now and then a character the module leaves to rich (wide, combining).
PIECES = ["a", "word", "longer-word", " ", "  ", "   ", "\n", "\n\n", "\xa0", "x" * 37, "y" * 101, "[b]", "[/b]",
          "✔", "—", "…", "é", "Ж", "ß", "0x52908400098527886E0F7030069857D2E4169EE7", "https://etherscan.io/tx/" + TX,
          "\x1b[2J", "\t"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
names = st.sampled_from(["k", "memo", "fail_reason", "a_fact_with_a_long_name", "word word", "[b]", "✔",
                         "x" * 37 + "https://etherscan.io/tx/" + TX])  # wider than most columns: header rows


@settings(max_examples=1500, deadline=None)
@given(summary=texts, message=texts, reply=texts, value=texts, key=names, input_=texts, url=texts,
       verdict=st.sampled_from(list(Verdict)), width=st.integers(1, 220), color=st.booleans(),
       lines=st.lists(texts, max_size=4), odd=st.sampled_from(["", "", "", "您", "e\u0301", "\u3000"]))
def test_random_views_are_rich_s(summary: str, message: str, reply: str, value: str, key: str, input_: str,
                                 url: str, verdict: Verdict, width: int, color: bool, lines: list[str],
                                 odd: str) -> None:
    facts = {"chain": value, key: value, "explorer_url": url or None, "found_on": lines,
             "transfers": [{"to": t, "from": "0xaaa", "listed": True, "amount": "1", "currency": t} for t in lines]}
    finding = Finding(CheckCode("DEP004"), key, Severity.WARNING, message, {})
    d = Diagnosis(Subject(Kind.DEPOSIT, input_), verdict, summary + odd, facts, (finding, finding), reply, Lang.EN)
    drawn = same_as_rich([d], color=color, width=width)
    if not odd and width >= 60 and len(key) < 30:
        assert drawn is not None  # whatever the text, a common terminal's view is drawn by hand


def test_the_address_command_never_imports_rich() -> None:
    code = ("import sys; from supportctl.cli import main; main(['address', '0x52908400098527886E0F7030069857D2E4169EE7'"
            "]); print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "valid" in done.stdout and done.stderr.strip().splitlines()[-1] == "[]", done.stderr
