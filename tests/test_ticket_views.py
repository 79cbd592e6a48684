"""A ticket through the real command line, offline (addresses need no chain): one verdict and one reply per
ticket, the related evidence, every format, --redact, and the shell's :to and :copy (OSC 52)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest

from supportctl.commands import Context, shell
from supportctl.core.model import Format

DEPOSIT = "0x52908400098527886E0F7030069857D2E4169EE7"  # EIP-55's own example
LOOKALIKE = "0x5290840000000000000000000000000000009ee7"  # same first 6 / last 4, another middle
PHISHING = "https://binance-help-desk.example/verify"
PHONE = "+1 (555) 010-9999"


@pytest.fixture
def offline(tmp_path: Path) -> str:
    path = tmp_path / "offline.toml"
    path.write_text('defaults = false\n[chains.ethereum]\nrpc = ["http://127.0.0.1:9"]\n')
    return str(path)


def ticket(cli: Any, config: str, text: str, *options: str) -> tuple[int, dict[str, Any], str]:
    r = cli("--config", config, "--format", "json", *options, "diagnose", text)
    lines = r.out.splitlines()
    assert len(lines) == 1, (r.out, r.err)
    return r.code, json.loads(lines[0]), r.err


def test_a_lookalike_pasted_beside_the_deposit_address(cli: Any, offline: str) -> None:
    code, doc, _ = ticket(cli, offline, f"My deposit address is {DEPOSIT}. Can I send to this one {LOOKALIKE}?")
    assert (code, doc["verdict"]) == (1, "lookalike")
    assert [(i["role"], i["diagnosis"]["subject"]["input"]) for i in doc["items"]] == [
        ("deposit_address", DEPOSIT), ("question", LOOKALIKE)]
    assert [f["check"] for f in doc["findings"]] == ["TKT001"]
    reply = doc["reply"]["text"]
    assert "address poisoning" in reply and LOOKALIKE in reply
    assert "is a valid address" not in reply  # the look-alike is never endorsed


def test_the_same_ticket_in_chinese_is_answered_in_chinese(cli: Any, offline: str) -> None:
    _, doc, _ = ticket(cli, offline, f"我的充值地址是 {DEPOSIT}，这个地址可以转吗 {LOOKALIKE}")
    assert doc["lang"] == {"detected": "zh", "reply": "zh"} and doc["reply"]["lang"] == "zh"
    assert "地址投毒" in doc["reply"]["text"] or "投毒" in doc["reply"]["text"]


def test_an_address_a_fake_agent_gave_is_never_valid_and_the_link_never_repeated(cli: Any, offline: str) -> None:
    text = (f"Support on Telegram told me to send to {DEPOSIT} and to log in at {PHISHING}, "
            f"or call {PHONE}. Is it a scam?")
    code, doc, _ = ticket(cli, offline, text)
    assert (code, doc["verdict"]) == (1, "scam_warning")
    (item,) = doc["items"]
    assert (item["role"], item["diagnosis"]["verdict"]) == ("given_by_someone", "scam_warning")
    assert doc["reported"] == [PHISHING, PHONE]
    reply = doc["reply"]["text"]
    assert PHISHING not in reply and PHONE not in reply and "valid address" not in reply
    assert "scam" in reply


def test_a_reported_link_alone_is_not_an_unreadable_item(cli: Any, offline: str) -> None:
    code, doc, _ = ticket(cli, offline, f"I got an email saying my account is locked, link {PHISHING}, is it you?")
    assert doc["items"] == [] and doc["reported"] == [PHISHING]
    assert PHISHING not in doc["reply"]["text"]
    assert code in (0, 1)


def test_every_format_shows_the_claims_and_one_reply(cli: Any, offline: str) -> None:
    text = f"sent 800 USDT via TRC20 yesterday, my deposit address {DEPOSIT}"
    rich = cli("--config", offline, "--no-color", "diagnose", text).out
    assert rich.count("suggested reply") == 1 and "claim amount" in rich and "“800 USDT”" in rich
    md = cli("--config", offline, "--format", "markdown", "diagnose", text).out
    assert md.count("**Suggested reply") == 1 and "| amount | `800` | `800 USDT` |" in md


def test_hostile_words_in_a_claim_are_shown_literally(cli: Any, offline: str) -> None:
    text = f"sent \x1b]52;c;AAAA\x07 800 USDT [bold]on[/bold] ERC20 to my deposit address {DEPOSIT}"
    for fmt in ("rich", "markdown", "json"):
        out = cli("--config", offline, "--no-color", "--format", fmt, "diagnose", text).out
        assert "\x1b" not in out and "\x07" not in out


def test_redact_masks_the_ticket_alike_everywhere(cli: Any, offline: str) -> None:
    _, doc, _ = ticket(cli, offline, f"deposit address {DEPOSIT}, can I use {LOOKALIKE}?", "--redact")
    flat = json.dumps(doc)
    assert DEPOSIT not in flat and LOOKALIKE not in flat
    masked = {c["value"] for c in doc["claims"]} | {i["diagnosis"]["subject"]["input"] for i in doc["items"]}
    assert len(masked) == 2  # the look-alike pair still tells apart once masked


def run_shell(config: str, *lines: str, stderr: Any = None) -> str:
    """The shell on ``lines``; stdout (JSON tickets) returned."""
    from supportctl.core import config as cfg

    out = io.StringIO()
    script = iter(lines)
    sh = shell.Shell(Context(format=Format.JSON), cfg.load(config), lambda _: next(script, None))
    import contextlib

    with contextlib.redirect_stdout(out):
        if stderr is not None:
            with contextlib.redirect_stderr(stderr):
                sh.run()
        else:
            sh.run()
    return out.getvalue()


def test_shell_to_gives_the_next_input_its_deposit_address(offline: str, capsys: pytest.CaptureFixture[str]) -> None:
    tx = "0x" + "ab" * 32
    out = run_shell(offline, f":to {DEPOSIT}", tx, tx, ":to nonsense")
    first, second = (json.loads(line) for line in out.splitlines())
    assert {"name": "to", "value": DEPOSIT, "words": ":to"} in first["claims"]
    assert first["items"][0]["diagnosis"]["subject"]["to"] == DEPOSIT
    assert not any(c["name"] == "to" for c in second["claims"])  # for the next input only
    assert "is not an address" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_copy_falls_back_to_the_terminals_clipboard(offline: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")  # no clipboard tool
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    err = Terminal()
    out = run_shell(offline, f"my deposit address {DEPOSIT} can I use {LOOKALIKE}", ":copy", stderr=err)
    reply = json.loads(out)["reply"]["text"]
    sequence = f"\x1b]52;c;{base64.b64encode(reply.encode()).decode()}\x07"
    assert sequence in err.getvalue() and "copied the reply (the terminal, OSC 52)" in err.getvalue()


def test_osc52_is_wrapped_for_tmux_and_never_written_to_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    term = Terminal()
    assert shell.osc52("hi", term) and term.getvalue() == "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
    pipe = io.StringIO()
    assert not shell.osc52("hi", pipe) and pipe.getvalue() == ""


def test_a_ticket_written_to_a_file(cli: Any, offline: str, tmp_path: Path) -> None:
    out = tmp_path / "ticket.md"
    r = cli("--config", offline, "-o", str(out), "diagnose", f"my deposit address {DEPOSIT}, can I use {LOOKALIKE}?")
    assert r.code == 1 and r.out == "" and r.err == f"wrote {out} (1 ticket, 2 items)\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## ") and text.count("**Suggested reply") == 1 and "\x1b" not in text
