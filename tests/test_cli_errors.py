"""Every usage or input error is one line on stderr and exit 2; global options work in either place."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest

from supportctl import checks
from supportctl.checks.deposit import Confirmations

TX = "0x" + "ab" * 32


def one_line(r: Any, code: int = 2) -> str:
    assert r.code == code, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and r.out == ""
    lines: list[str] = r.err.splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("supportctl: error: ")
    return lines[0]


@pytest.mark.parametrize(("argv", "said"), [
    (("deposit", ""), "empty transaction hash"),
    (("deposit", "   "), "empty transaction hash"),
    (("address", ""), "empty address"),
    (("diagnose", ""), "the input is empty"),
    (("diagnose", " \n\t"), "the input is empty"),
    (("deposit",), "Missing argument"),
])
def test_empty_input(cli: Any, argv: tuple[str, ...], said: str) -> None:
    assert said in one_line(cli(*argv))


@pytest.mark.parametrize("argv", [
    ("deposit", TX, "--chain", "foo"),
    ("deposit", TX, "-c", "foo"),
    ("address", "0x52908400098527886E0F7030069857D2E4169EE7", "--chain", "foo"),
])
def test_unknown_chain_names_the_known_ones(cli: Any, argv: tuple[str, ...]) -> None:
    line = one_line(cli(*argv))
    assert "unknown chain 'foo'" in line
    for key in ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche", "tron", "bitcoin",
                "litecoin", "solana", "xrp"):
        assert key in line


@pytest.mark.parametrize(("argv", "said"), [
    (("frobnicate",), "No such command 'frobnicate'"),
    (("checks", "frobnicate"), "No such command 'frobnicate'"),
    (("deposit", TX, "--bogus"), "No such option: --bogus"),
    (("--bogus", "checks", "list"), "No such option: --bogus"),
    (("--format", "xml", "checks", "list"), "'xml' is not one of"),
    (("checks", "list", "--format", "yaml"), "'yaml' is not one of"),
    (("--lang", "fr", "checks", "list"), "'fr' is not one of"),
    (("checks", "list", "--format"), "--format"),
    (("deposit", TX, "extra"), "unexpected extra argument"),
])
def test_unknown_command_or_option(cli: Any, argv: tuple[str, ...], said: str) -> None:
    line = one_line(cli(*argv))
    assert said in line and "--help" in line


def test_diagnose_with_nothing_recognisable(cli: Any) -> None:
    # a customer's words with nothing to look up are answered (details_needed, issue 11); a stray token is an error
    line = one_line(cli("diagnose", "hello"))
    assert "no transaction hash, explorer link or address" in line


def test_diagnose_with_only_malformed_items_is_invalid_input(cli: Any) -> None:
    r = cli("--format", "json", "diagnose", "my hash is 0x1234abcd")
    assert r.code == 2 and r.err == ""
    (ticket,) = [json.loads(line) for line in r.out.splitlines()]
    assert ticket["schema"] == "supportctl.ticket/1" and ticket["verdict"] == "invalid_input"
    (item,) = ticket["items"]
    assert (item["diagnosis"]["verdict"], item["diagnosis"]["subject"]["kind"]) == ("invalid_input", "input")
    assert "8 hex digits" in ticket["summary"]
    assert "0x1234abcd" in ticket["reply"]["text"]  # the reply says which text could not be read


def test_help_is_not_an_error(cli: Any) -> None:
    for argv in ((), ("--help",), ("deposit", "--help"), ("checks",)):
        r = cli(*argv)
        assert r.code == 0 and r.err == "" and "Usage" in r.out, argv


# --- global options before or after the subcommand -------------------------------------------------


@pytest.mark.parametrize("argv", [
    ("--format", "json", "checks", "list"),
    ("checks", "list", "--format", "json"),
    ("checks", "list", "--format=json"),
    ("checks", "list", "-f", "json"),
])
def test_format_before_or_after_the_subcommand(cli: Any, argv: tuple[str, ...]) -> None:
    r = cli(*argv)
    assert r.code == 0 and r.err == ""
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert [row["check"] for row in rows] == [c.code for c in checks.registry()]


@pytest.mark.parametrize("argv", [
    ("--lang", "zh", "--format", "json", "diagnose", "0x1234"),
    ("diagnose", "0x1234", "--lang", "zh", "--format", "json"),
    ("diagnose", "--lang=zh", "0x1234", "--format=json"),
])
def test_lang_before_or_after_the_subcommand(cli: Any, argv: tuple[str, ...]) -> None:
    r = cli(*argv)
    doc = json.loads(r.out)
    assert doc["reply"]["lang"] == "zh" and "我们无法" in doc["reply"]["text"]


def test_global_option_after_a_double_dash_is_an_argument(cli: Any) -> None:
    # after "--" everything is an argument: the option is not hoisted, so "--format" is the text diagnosed
    r = cli("diagnose", "--", "--format")
    assert r.code == 2 and "no transaction hash" in r.err


# --- checks list / explain -------------------------------------------------------------------------


def test_checks_list_shows_every_code(cli: Any) -> None:
    r = cli("checks", "list")
    assert r.code == 0 and r.err == ""
    listed = [line.split()[0] for line in r.out.splitlines()]
    assert listed == [c.code for c in checks.registry()]  # every registered check, in order, once
    assert {f"DEP{i:03}" for i in range(1, 9)} | {f"ADR{i:03}" for i in range(1, 5)} <= set(listed)
    for c in checks.registry():
        line = next(line for line in r.out.splitlines() if line.startswith(c.code))
        assert c.name in line and c.kind.value in line
        assert c.doc().splitlines()[0].split(" — ", 1)[1] in line  # its one-line summary


@pytest.mark.parametrize("code", ["DEP003", "dep003", " DEP003 "])
def test_checks_explain_prints_the_docstring(cli: Any, code: str) -> None:
    r = cli("checks", "explain", code)
    assert r.code == 0 and r.err == ""
    assert r.out == inspect.cleandoc(Confirmations.__doc__ or "") + "\n"
    assert "tip − block + 1" in r.out


def test_checks_explain_json(cli: Any) -> None:
    doc = json.loads(cli("checks", "explain", "ADR004", "--format", "json").out)
    assert (doc["check"], doc["name"], doc["kind"]) == ("ADR004", "lookalike", "address")
    assert doc["doc"] == checks.get("ADR004").doc()


@pytest.mark.parametrize("code", ["NOPE", "DEP999", ""])
def test_checks_explain_unknown_code(cli: Any, code: str) -> None:
    line = one_line(cli("checks", "explain", code))
    assert "no check with code" in line and "checks list" in line


def test_every_check_has_a_docstring_of_its_own() -> None:
    codes = [c.code for c in checks.registry()]
    assert len(codes) == len(set(codes))
    for c in checks.registry():
        doc = c.doc()
        assert doc.startswith(f"{c.code} ") and " — " in doc.splitlines()[0], doc
        assert len(doc.splitlines()) > 2, f"{c.code} explains itself in more than a title"
