"""Renderers: JSON per the schema, Markdown safe to paste in a ticket, a terminal view that shows untrusted
text literally."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from markdown_it import MarkdownIt

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
from supportctl.render import render
from supportctl.render.json_view import SCHEMA
from supportctl.render.safe import json_safe, literal

TX = "0x" + "ab" * 32
EVIL_LINK = "[click here](http://evil.example/steal)"
HOSTILE = f"{EVIL_LINK} ![i](http://evil.example/x.png) <img src=x onerror=alert(1)> `rm -rf /` **bold** a|b"


def diagnosis(summary: str = "4 of 12 confirmations", *, message: str = "4 of 12 confirmations: 8 more",
              facts: dict[str, Any] | None = None, reply: str = "Your deposit of 300 USDT is on its way.",
              lang: Lang = Lang.EN) -> Diagnosis:
    finding = Finding(CheckCode("DEP003"), "confirmations", Severity.INFO, message,
                      {"confirmations": 4, "required_confirmations": 12, "amount": Decimal("300.000000")},
                      Verdict.AWAITING_CONFIRMATIONS)
    shown = facts if facts is not None else {
        "chain": "ethereum", "status": "success", "confirmations": 4, "required_confirmations": 12,
        "amount": Decimal("300"), "currency": "USDT", "to": "0x52908400098527886e0f7030069857d2e4169ee7",
        "block": 123, "explorer_url": f"https://etherscan.io/tx/{TX}", "found_on": ["bsc", "polygon"],
    }
    subject = Subject(Kind.DEPOSIT, TX, chain=ChainKey("ethereum"))
    return Diagnosis(subject, Verdict.AWAITING_CONFIRMATIONS, summary, shown, (finding,), reply, lang)


# --- JSON ------------------------------------------------------------------------------------------


def test_json_matches_the_schema_exactly() -> None:
    out = render([diagnosis()], Format.JSON)
    assert out.endswith("\n") and out.count("\n") == 1
    doc = json.loads(out)
    assert set(doc) == {"schema", "subject", "verdict", "severity", "summary", "facts", "findings", "reply"}
    assert doc["schema"] == SCHEMA == "supportctl.diagnosis/1"
    assert doc["subject"] == {"kind": "deposit", "input": TX, "chain": "ethereum"}
    assert (doc["verdict"], doc["severity"]) == ("awaiting_confirmations", "info")
    (finding,) = doc["findings"]
    assert set(finding) == {"check", "name", "severity", "message", "evidence"}
    assert (finding["check"], finding["name"], finding["severity"]) == ("DEP003", "confirmations", "info")
    assert doc["reply"] == {"lang": "en", "text": "Your deposit of 300 USDT is on its way."}
    assert doc["facts"]["found_on"] == ["bsc", "polygon"] and doc["facts"]["block"] == 123


def test_json_amounts_are_plain_decimal_strings() -> None:
    facts = {"amount": Decimal("1E+2"), "fee": Decimal("0E-6"), "tiny": Decimal("1.5E-7"), "n": 4}
    doc = json.loads(render([diagnosis(facts=facts)], Format.JSON))
    assert doc["facts"] == {"amount": "100", "fee": "0.000000", "tiny": "0.00000015", "n": 4}
    assert doc["findings"][0]["evidence"]["amount"] == "300.000000"
    assert not re.search(r"\d\.\d+[eE]|: \d+\.\d", render([diagnosis(facts=facts)], Format.JSON))  # no floats


def test_json_is_deterministic_with_sorted_keys() -> None:
    one = diagnosis()
    shuffled = diagnosis(facts=dict(reversed(list(one.facts.items()))))
    first = render([one, one], Format.JSON)
    assert first == render([one, one], Format.JSON) == render([shuffled, shuffled], Format.JSON)
    lines = first.splitlines()
    assert len(lines) == 2 and lines[0] == lines[1]

    def keys_sorted(obj: object) -> bool:
        if isinstance(obj, dict):
            return list(obj) == sorted(obj) and all(keys_sorted(v) for v in obj.values())
        if isinstance(obj, list):
            return all(keys_sorted(v) for v in obj)
        return True

    assert keys_sorted(json.loads(lines[0]))


def test_json_escapes_controls_but_keeps_the_text() -> None:
    text = "USDT\x1b[31m\x9b\u202e\u2066 ok 中文"
    out = render([diagnosis(summary=text, message=text)], Format.JSON)
    for raw in ("\x1b", "\x9b", "\u202e", "\u2066"):
        assert raw not in out
    assert "中文" in out  # not ASCII-escaped: readable in a terminal and in jq
    doc = json.loads(out)
    assert doc["summary"] == text and doc["findings"][0]["message"] == text  # the data survives


# --- Markdown --------------------------------------------------------------------------------------


def as_html(markdown: str) -> str:
    return str(MarkdownIt("commonmark").enable("table").render(markdown))


def test_markdown_untrusted_text_cannot_link_embed_or_format() -> None:
    d = diagnosis(summary=HOSTILE, message=HOSTILE, reply=f"line one {HOSTILE}\n\nline three",
                  facts={"memo": HOSTILE, "symbol": "U|[x](http://evil.example/2)", "list": ["a|b", "`c`"]})
    md = render([d], Format.MARKDOWN)
    html = as_html(md)
    body = html.split("</h3>", 1)[1].replace("<strong>Suggested reply (en):</strong>", "")  # minus our own
    for made in ("<a ", "<img", "<strong>", "<em>", "<script"):
        assert made not in body, made
    assert "&lt;img src=x onerror=alert(1)&gt;" in body  # shown as text, for the agent to see
    assert body.count("[click here](http://evil.example/steal)") >= 3  # summary, finding, reply
    # every table row still has exactly its columns: a | in a value cannot open a new cell
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        header = len(re.findall(r"<th>", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert rows and all(len(re.findall(r"<td>", r)) == header for r in rows), table
    # backticks from untrusted text never open or close a code span of their own
    assert "<code>rm -rf /</code>" not in html and "<code>c</code>" not in html


def test_markdown_links_only_the_explorer() -> None:
    html = as_html(render([diagnosis()], Format.MARKDOWN))
    assert re.findall(r'href="([^"]+)"', html) == [f"https://etherscan.io/tx/{TX}"]
    assert "<strong>awaiting_confirmations</strong>" in html


def test_markdown_multiline_reply_stays_quoted_and_controls_are_visible() -> None:
    md = render([diagnosis(reply="Hello\n\nLine \x1b[2J three\u202e")], Format.MARKDOWN)
    reply = md.split("**Suggested reply (en):**", 1)[1].strip().splitlines()
    assert reply == ["> Hello", ">", "> Line \\\\x1b\\[2J three\\\\u202e"]
    assert "\x1b" not in md and "\u202e" not in md


# --- literal / rich --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[31mred", "\\x1b[31mred"),
    ("a\x9bb", "a\\x9bb"),  # C1 CSI: a one-byte escape sequence for some terminals
    ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
    ("\u2066x\u2069", "\\u2066x\\u2069"),
    ("\x00\x07\x7f", "\\x00\\x07\\x7f"),
    ("tab\tend", "tab\\x09end"),
    ("USDT 中文 ✔ é", "USDT 中文 ✔ é"),  # ordinary text, any script, unchanged
])
def test_literal_makes_controls_visible(raw: str, shown: str) -> None:
    assert literal(raw) == shown


def test_literal_newlines() -> None:
    assert literal("a\nb") == "a\\x0ab"
    assert literal("a\nb\x1b", one_line=False) == "a\nb\\x1b"


def test_json_safe_keeps_json_valid() -> None:
    raw = json.dumps({"s": "\x85\u202e"}, ensure_ascii=False)
    assert json.loads(json_safe(raw)) == {"s": "\x85\u202e"} and "\u202e" not in json_safe(raw)


@pytest.mark.parametrize("color", [True, False])
def test_rich_view_shows_markup_literally(color: bool) -> None:
    summary = "[bold]x[/bold] [link=http://evil.example]y[/link] \x1b[2J"
    d = diagnosis(summary=summary, message="[red]m[/red]", reply="[blink]r[/blink]",
                  facts={"memo": "[i]memo[/i]", "explorer_url": f"https://etherscan.io/tx/{TX}"})
    out = render([d], Format.RICH, color=color)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's own styling, when colour is on
    for text in ("[bold]x[/bold]", "[link=http://evil.example]y[/link]", "\\x1b[2J", "[red]m[/red]",
                 "[blink]r[/blink]", "[i]memo[/i]", f"https://etherscan.io/tx/{TX}"):
        assert text in plain, text
    assert "\x1b[2J" not in out and "\x1b]8;" not in out  # no screen clear, no hyperlink escape
    if not color:
        assert "\x1b" not in out


def test_rich_view_of_several_diagnoses() -> None:
    out = render([diagnosis(summary="first"), diagnosis(summary="second", lang=Lang.ZH, reply="您好")],
                 Format.RICH, color=False, width=80)
    assert out.index("first") < out.index("second") and "suggested reply (zh)" in out and "您好" in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("fmt", [Format.RICH, Format.MARKDOWN])
def test_the_views_show_the_hash_once_and_json_keeps_every_fact(fmt: Format) -> None:
    d = diagnosis(facts={"chain": "ethereum", "status": "success", "tx_hash": TX})
    assert render([d], fmt, color=False, width=200).count(TX) == 1  # as `input`, not again as `tx_hash`
    assert json.loads(render([d], Format.JSON))["facts"]["tx_hash"] == TX
