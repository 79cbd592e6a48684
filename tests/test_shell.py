"""``supportctl shell``: one session for every paste, commands, paste blocks, the clipboard, and a history
that never holds a secret. Driven through ``shell_cmd.run`` with stdin replaced; EVM answers come from the
anvil world."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devchain.world import USDT, World
from supportctl.commands import Context, shell, shell_cmd
from supportctl.core.model import Diagnosis, Format, Lang
from supportctl.engine import dispatch
from tests.test_secrets import HEX_KEY, SEED, WIF

SECRETS = (SEED, "abandon abandon", HEX_KEY, HEX_KEY[2:], WIF)


@pytest.fixture(autouse=True)
def state_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The history file lands under a temporary XDG_STATE_HOME, never in the developer's home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "supportctl" / "shell_history"


@pytest.fixture
def run_shell(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``run_shell(config, "line", "line", fmt=…)`` → (exit code, stdout, stderr)."""

    def run(config: str, *lines: str, fmt: Format = Format.JSON, lang: Lang = Lang.EN) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
        code = shell_cmd.run(Context(format=fmt, lang=lang, config_path=config, color=False))
        out, err = capsys.readouterr()
        return int(code), out, err

    return run


@pytest.fixture
def requests(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """(requests before, requests after) of every item the shell diagnoses, counted on its session."""
    from supportctl.engine.dispatch import diagnose_item as real

    seen: list[tuple[int, int]] = []

    async def counting(session: Any, item: Any, lang: Lang) -> Diagnosis:
        assert session.tip_ttl == shell.TIP_TTL  # a long run: the tip is re-read after a while
        before = session.requests
        diagnosis = await real(session, item, lang)
        seen.append((before, session.requests))
        return diagnosis

    monkeypatch.setattr(dispatch, "diagnose_item", counting)
    return seen


def deposit(world: World, to: str | None = None, units: int = 300 * USDT) -> str:
    tx = world.usdt.transfer(world.customer, to or world.deposit_address, units)
    world.eth.rpc.wait_receipt(tx)
    world.eth.rpc.mine(20)
    return tx


def docs(out: str) -> list[dict[str, Any]]:
    """The tickets written (``supportctl.ticket/1``, one a line)."""
    tickets = [json.loads(line) for line in out.splitlines()]
    assert all(t["schema"] == "supportctl.ticket/1" for t in tickets)
    return tickets


def items(out: str) -> list[dict[str, Any]]:
    """Every item diagnosis of the tickets written, in order."""
    return [i["diagnosis"] for t in docs(out) for i in t["items"]]


@pytest.mark.anvil
def test_one_session_for_every_paste(run_shell: Any, requests: list[tuple[int, int]], chain_world: World) -> None:
    tx = deposit(chain_world)
    code, out, err = run_shell(chain_world.extra["config"], tx, "", tx)
    assert (code, err) == (0, "")
    first, second = items(out)  # one ticket per pasted line; the blank line did nothing
    assert first == second and first["subject"]["input"] == tx
    assert (first["facts"]["amount"], first["facts"]["confirmations"]) == ("300", 21)
    (before1, after1), (before2, after2) = requests
    assert before1 == 0 and after1 > 0
    assert after2 == before2 == after1  # the second paste of the same hash asked the node nothing


@pytest.mark.anvil
def test_lang_and_format_switch(run_shell: Any, chain_world: World) -> None:
    tx = deposit(chain_world)
    line = f"{tx} to {chain_world.deposit_address}"
    code, out, err = run_shell(chain_world.extra["config"], ":format json", line, ":lang zh", line, fmt=Format.RICH)
    assert (code, err) == (0, "")
    en, zh = docs(out)  # after :format json, stdout is JSON: one ticket per line
    assert en["verdict"] == zh["verdict"] == "confirmed"
    assert (en["reply"]["lang"], zh["reply"]["lang"]) == ("en", "zh")
    assert [c["name"] for c in en["claims"]] == ["to"]  # the address beside the hash: its deposit address
    assert "300 USDT" in zh["reply"]["text"] and "确认" in zh["reply"]["text"]
    code, out, err = run_shell(chain_world.extra["config"], ":format markdown", tx, ":format rich", tx)
    assert out.count(tx) >= 2 and not out.lstrip().startswith("{")


@pytest.mark.anvil
def test_paste_block_is_one_ticket(run_shell: Any, chain_world: World) -> None:
    tx = deposit(chain_world, to=chain_world.stranger)
    ticket = [":paste", "Hello, my USDT never arrived.", f"tx: {tx}",
              f"my deposit address: {chain_world.deposit_address}", "thanks", "."]
    code, out, err = run_shell(chain_world.extra["config"], *ticket)
    assert (code, err) == (0, "")
    (ticket,) = docs(out)
    (item,) = ticket["items"]  # the address is the deposit's claim, not an item of its own
    # the ticket's address was taken as the customer's deposit address (what --to does)
    assert item["diagnosis"]["subject"]["to"] == chain_world.deposit_address
    assert ticket["verdict"] == item["diagnosis"]["verdict"] == "wrong_address"
    assert {"name": "to", "value": chain_world.deposit_address, "words": "my deposit address"} in ticket["claims"]


@pytest.mark.anvil
def test_paste_block_ended_by_end_of_input(run_shell: Any, chain_world: World) -> None:
    tx = deposit(chain_world)
    code, out, _ = run_shell(chain_world.extra["config"], ":paste", "ticket text", tx)
    assert code == 0 and [d["subject"]["input"] for d in items(out)] == [tx]
    code, out, err = run_shell(chain_world.extra["config"], ":paste", ":quit", ".", tx)  # a block holds no command
    assert code == 0 and len(docs(out)) == 1 and "no transaction hash" in err


@pytest.mark.anvil
def test_bad_input_and_unknown_commands_do_not_stop_the_shell(
    run_shell: Any, cli: Any, chain_world: World
) -> None:
    tx = deposit(chain_world)
    config = chain_world.extra["config"]
    expected = cli("--config", config, "diagnose", "hello there").err.strip()
    code, out, err = run_shell(config, ":frobnicate", "hello there", ":lang fr", ":format", tx, ":quit", tx)
    assert code == 0
    assert [d["subject"]["input"] for d in items(out)] == [tx]  # :quit ended it before the second hash
    lines = err.splitlines()
    assert lines[0].startswith("unknown command :frobnicate — commands: :paste")
    assert lines[1] == expected  # the same line `supportctl diagnose` gives
    assert lines[2].startswith("unknown lang fr") and lines[3].startswith("format: json")
    assert len(lines) == 4


@pytest.mark.anvil
def test_copy_puts_the_reply_on_the_clipboard(
    run_shell: Any, chain_world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tx = deposit(chain_world)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    clipboard = tmp_path / "clipboard.txt"
    fake = bin_dir / "wl-copy"
    fake.write_text(f'#!/bin/sh\nexec /bin/cat > "{clipboard}"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    code, out, err = run_shell(chain_world.extra["config"], ":copy", ":lang zh", tx, ":copy")
    assert code == 0
    assert err.splitlines() == ["nothing to copy yet: diagnose something first", "copied the reply (wl-copy)"]
    (doc,) = docs(out)  # :copy writes nothing to stdout
    assert clipboard.read_text(encoding="utf-8") == doc["reply"]["text"]
    assert doc["reply"]["lang"] == "zh"
    # a ticket with a hash and an address gets one reply, and :copy copies exactly it
    code, out, err = run_shell(chain_world.extra["config"], f"{tx} {chain_world.deposit_address}", ":copy")
    (ticket,) = docs(out)
    assert err == "copied the reply (wl-copy)\n"
    assert clipboard.read_text(encoding="utf-8") == ticket["reply"]["text"]
    assert "valid address" not in ticket["reply"]["text"]  # the deposit address is a claim, not a second reply


@pytest.mark.anvil
def test_copy_without_a_clipboard(run_shell: Any, chain_world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    tx = deposit(chain_world)
    monkeypatch.setenv("PATH", "")
    code, out, err = run_shell(chain_world.extra["config"], tx, ":copy")
    assert code == 0 and len(docs(out)) == 1
    assert len(err.splitlines()) == 1 and err.startswith("no clipboard")


def test_copy_reports_a_failing_clipboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "xclip"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(shell.ClipboardError, match="xclip exited with 1"):
        shell.copy_to_clipboard("text")


@pytest.mark.anvil
def test_a_pasted_secret_is_never_echoed_nor_kept(
    run_shell: Any, chain_world: World, monkeypatch: pytest.MonkeyPatch, state_home: Path
) -> None:
    monkeypatch.setattr(shell_cmd, "terminal", lambda stream: True)  # history is kept at a terminal only
    tx = deposit(chain_world)
    words = SEED.split()
    code, out, err = run_shell(
        chain_world.extra["config"],
        f"deposit {tx} my private key: {HEX_KEY}",
        f"wif {WIF}",
        SEED,
        ":paste", f"deposit {tx}", " ".join(words[:6]), " ".join(words[6:]), ".",  # a seed split over lines
        f":lang {SEED}",
    )
    assert code == 0
    history = state_home.read_text()
    for secret in SECRETS:
        assert secret not in out and secret not in err and secret not in history
    assert tx in history and "deposit" not in history  # the items an input named, never its words
    assert ":lang [redacted seed phrase (12 words)]" in history
    assert "secret_exposed" in out
    assert os.stat(state_home).st_mode & 0o077 == 0  # private to the user


def test_history_redacts_and_keeps_at_most_its_length(state_home: Path) -> None:
    readline = pytest.importorskip("readline")
    history = shell.History(readline, state_home, length=3)
    history.load()
    for line in (f"private key {HEX_KEY}", f"wif {WIF}", f"my words {SEED}", "0x" + "ab" * 32, "0x" + "ab" * 32):
        history.add(line)
    history.add("0x" + "cd" * 32)
    history.add("   ")
    kept = state_home.read_text()
    for secret in SECRETS:
        assert secret not in kept
    assert "0x" + "ab" * 32 in kept and "0x" + "cd" * 32 in kept
    assert "private key [redacted" not in kept  # only the last 3 entries are kept
    reloaded = shell.History(readline, state_home)
    reloaded.load()
    assert readline.get_current_history_length() == 3
    assert readline.get_history_item(3) == "0x" + "cd" * 32


def test_options_the_shell_cannot_honour(run_shell: Any, tmp_path: Path) -> None:
    from supportctl.core.errors import InputError

    config = tmp_path / "offline.toml"
    config.write_text("defaults = false\n")
    with pytest.raises(InputError, match="--output"):
        shell_cmd.run(Context(output=str(tmp_path / "out.md"), config_path=str(config)))
    with pytest.raises(InputError, match="--format csv"):
        shell_cmd.run(Context(format=Format.CSV, config_path=str(config)))
    code, out, err = run_shell(str(config), ":format csv", ":format")
    assert (code, out) == (0, "")
    assert err.splitlines() == ["unknown format csv — :format rich|json|markdown",
                                "format: json (:format rich|json|markdown)"]


def test_no_history_without_a_terminal(run_shell: Any, state_home: Path, tmp_path: Path) -> None:
    config = tmp_path / "offline.toml"
    config.write_text('defaults = false\n[chains.ethereum]\nrpc = ["http://127.0.0.1:9"]\n')
    code, out, err = run_shell(str(config), ":lang zh", "0xabc", f"key {HEX_KEY}", ":help")
    assert code == 0 and not state_home.exists()
    assert [d["verdict"] for d in docs(out)] == ["invalid_input", "secret_exposed"]  # one ticket per input
    assert "supportctl [" not in out + err  # no prompt when stdin is not a terminal
    assert ":paste" in err  # :help, on stderr


class Script:
    """A reader that plays lines, ``KeyboardInterrupt`` and end of input; it records the prompts it saw."""

    def __init__(self, *steps: str | type[KeyboardInterrupt]) -> None:
        self.steps: Iterator[str | type[KeyboardInterrupt]] = iter(steps)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        step = next(self.steps, None)
        if step is KeyboardInterrupt:
            raise KeyboardInterrupt
        return step if isinstance(step, str) else None


def offline(tmp_path: Path) -> Any:
    from supportctl.core import config

    path = tmp_path / "offline.toml"
    path.write_text('defaults = false\n[chains.ethereum]\nrpc = ["http://127.0.0.1:9"]\n')
    return config.load(str(path))


def test_ctrl_c_at_the_prompt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = Script(KeyboardInterrupt, ":lang zh", ":paste", "text", KeyboardInterrupt, KeyboardInterrupt,
                    KeyboardInterrupt, ":help")
    shell.Shell(Context(format=Format.JSON), offline(tmp_path), script, interactive=True).run()
    err = capsys.readouterr().err
    assert err.count(":quit or Ctrl-D") == 2 and "paste cancelled" in err
    assert script.prompts[:4] == ["supportctl [en · json]> ", "supportctl [en · json]> ", "supportctl [zh · json]> ",
                                  "... "]
    assert len(script.prompts) == 7  # the second Ctrl-C in a row at the prompt quit; :help was never read


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Ctrl-C (SIGINT) raises KeyboardInterrupt, as at a terminal, even when the suite was started where SIGINT
    is ignored (a background job of a non-interactive shell inherits it ignored)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_while_diagnosing_returns_to_the_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    from supportctl.kinds.input import invalid

    calls: list[str] = []

    async def slow(session: Any, item: Any, lang: Lang) -> Diagnosis:
        calls.append(item.input)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C does
            await asyncio.sleep(30)
        return invalid(item.input, "test", lang)

    monkeypatch.setattr(dispatch, "diagnose_item", slow)
    tx = "0x" + "ab" * 32
    script = Script(tx, tx)
    shell.Shell(Context(format=Format.JSON), offline(tmp_path), script).run()
    out, err = capsys.readouterr()
    assert err == "interrupted\n"
    assert len(out.splitlines()) == 1 and calls == [tx, tx]


@pytest.fixture
def silent_node() -> Iterator[str]:
    """A node that takes the connection and never answers; its first connection is met with a Ctrl-C
    (SIGINT to this process), so the shell is interrupted while a request is in flight."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = server.accept()
                held.append(conn)
                if len(held) == 1:
                    os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for conn in held:
        conn.close()


@pytest.mark.usefixtures("ctrl_c")
def test_the_same_hash_after_an_interrupted_request(
    silent_node: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from supportctl.core import config

    path = tmp_path / "silent.toml"
    path.write_text(f'defaults = false\n[chains.ethereum]\nrpc = ["{silent_node}"]\ntimeout = 0.5\n')
    tx = "0x" + "ab" * 32
    shell.Shell(Context(format=Format.JSON), config.load(str(path)), Script(tx, tx)).run()
    out, err = capsys.readouterr()
    assert err == "interrupted\n"  # and the second paste was answered, not left waiting on the cancelled call
    (doc,) = items(out)
    assert doc["verdict"] == "unknown" and "timed out" in json.dumps(doc["findings"])


def test_an_unexpected_error_does_not_end_the_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def broken(session: Any, item: Any, lang: Lang) -> Diagnosis:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(dispatch, "diagnose_item", broken)
    script = Script("0x" + "ab" * 32, "0x" + "cd" * 32)
    shell.Shell(Context(format=Format.JSON), offline(tmp_path), script).run()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("supportctl: error: internal error: ZeroDivisionError: boom")


def test_the_real_command_from_a_pipe(chain_world: World, tmp_path: Path) -> None:
    tx = deposit(chain_world)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-m", "supportctl", "--config", chain_world.extra["config"], "--format", "json", "shell"],
        input=f"{tx}\n:lang zh\n{tx}\n:quit\n", capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert [d["reply"]["lang"] for d in docs(done.stdout)] == ["en", "zh"]
    assert not (tmp_path / "state").exists()
