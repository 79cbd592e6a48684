"""What people expect of a modern CLI in their first five minutes (issue 13): --version, shell completion, help
with examples and the global options, "did you mean", --color / NO_COLOR / FORCE_COLOR, a doctor that sums up,
aligned `checks list`, and the stats page's tickets by verdict. Everything through the command line."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import typer

from supportctl.cli import app, hoist
from supportctl.render.json_view import dumps

CLI = str(Path(sys.executable).with_name("supportctl"))
ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
TX = "0x" + "ab" * 32
GLOBALS = ("--format", "--lang", "--config", "--output", "--redact", "--quiet", "--no-color", "--color")


def run(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a shell or a pipe runs it (stdout is a pipe, never a terminal)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([CLI, *argv], capture_output=True, text=True, env={**environ, **env}, timeout=60,
                          check=False, stdin=subprocess.DEVNULL)


def one_line(r: Any, code: int = 2) -> str:
    assert r.code == code, (r.code, r.out, r.err)
    assert "Traceback" not in r.err and r.out == ""
    lines: list[str] = r.err.splitlines()
    assert len(lines) == 1, r.err
    return lines[0]


# --- --version ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [("--version",), ("-V",), ("version",), ("--config", "x.toml", "--version")])
def test_version_names_supportctl_python_and_the_libraries(cli: Any, argv: tuple[str, ...]) -> None:
    r = cli(*argv)
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[0] == f"supportctl {metadata.version('supportctl')}"  # `--version | head -1` is the version
    found = dict(line.split(" ", 1) for line in lines[1:])
    assert found["python"].startswith(".".join(map(str, sys.version_info[:3])))
    for lib in ("httpx", "typer", "rich", "ccxt"):  # ccxt is installed here: it is listed
        assert found[lib] == metadata.version(lib), lib


def test_version_as_json(cli: Any) -> None:
    r = cli("version", "-f", "json")
    assert r.code == 0
    doc = json.loads(r.out)
    assert doc["supportctl"] == metadata.version("supportctl") and doc["httpx"] == metadata.version("httpx")
    assert set(doc) >= {"python", "typer", "rich"}


def test_version_imports_none_of_the_libraries_it_names() -> None:
    """Fast: the versions come from the installed metadata, not from importing ccxt (a quarter of a second)."""
    code = ("import sys; from supportctl.cli import main; main(['--version']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'ccxt', 'web3', 'httpx', 'rich', 'asyncio'}))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert r.stdout.splitlines()[-1] == "[]"


# --- shell completion -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("shell", "says"), [
    ("bash", "complete -o default -F _supportctl_completion supportctl"),
    ("zsh", "#compdef supportctl"),
    ("fish", "complete --command supportctl"),
    ("powershell", "Register-ArgumentCompleter -Native -CommandName supportctl"),
])
def test_completion_scripts_are_generated(shell: str, says: str) -> None:
    r = run(_SUPPORTCTL_COMPLETE=f"source_{shell}")
    assert r.returncode == 0 and says in r.stdout and "_SUPPORTCTL_COMPLETE" in r.stdout


def test_show_completion_prints_the_script_of_the_shell_it_runs_in() -> None:
    # "; true": bash would otherwise replace itself with supportctl, which would then find no shell above it
    r = subprocess.run(["bash", "-c", f"{shlex.quote(CLI)} --show-completion; true"], capture_output=True, text=True,
                       timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert "complete -o default -F _supportctl_completion supportctl" in r.stdout, r.stderr


def bash(line: str, **env: str) -> list[str]:
    """What bash's completion function gets for ``line`` (the cursor at its end), as Typer's script asks it."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    r = run(COMP_WORDS=" ".join(words), COMP_CWORD=str(len(words) - 1), _SUPPORTCTL_COMPLETE="complete_bash", **env)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout.splitlines()


def test_a_completion_request_answers_chain_names() -> None:
    assert bash(f"supportctl deposit {TX} --chain eth") == ["ethereum", "eth"]
    assert set(bash("supportctl address x -c ERC")) == {"ERC20", "ERC-20"}  # aliases, in the case typed


def complete(cli: Any, monkeypatch: pytest.MonkeyPatch, line: str, shell: str = "bash") -> list[str]:
    """The same request made in-process (quicker; the subprocess test above shows the real thing works)."""
    monkeypatch.setenv("_SUPPORTCTL_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        words = shlex.split(line) + ([""] if line.endswith(" ") else [])
        monkeypatch.setenv("COMP_WORDS", " ".join(words))
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
    r = cli()
    monkeypatch.delenv("_SUPPORTCTL_COMPLETE")
    assert r.code == 0 and r.err == "", r.err
    return [line for line in r.out.splitlines() if line]  # bash reads an empty line as no word


def test_completion_of_currencies_follows_the_config(cli: Any, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    assert {"USDT", "USDC", "ETH", "BTC"} <= set(complete(cli, monkeypatch, "supportctl deposit x --currency "))
    assert complete(cli, monkeypatch, "supportctl deposit x --currency usd") == ["usdc", "usdt"]
    own = tmp_path / "own.toml"
    own.write_text('defaults = false\n[chains.ethereum]\nrpc = ["http://127.0.0.1:1"]\n[[assets]]\n'
                   'currency = "ACME"\nchain = "ethereum"\ndecimals = 6\n'
                   'contract = "0xdAC17F958D2ee523a2206206994597C13D831ec7"\n')
    for line in (f"supportctl --config {own} deposit x --currency ",
                 f"supportctl deposit x --config {own} --currency "):  # before or after the command
        assert complete(cli, monkeypatch, line) == ["ACME"], line


@pytest.mark.parametrize("broken", ["confirmatons = 3\n", "not toml [[[", None])
def test_completion_survives_a_broken_or_missing_config(cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        broken: str | None) -> None:
    path = tmp_path / "broken.toml"
    if broken is not None:
        path.write_text(broken)
    monkeypatch.setenv("SUPPORTCTL_CONFIG", str(path))
    assert "USDT" in complete(cli, monkeypatch, "supportctl deposit x --currency U")  # the built-in assets
    assert "bsc" in complete(cli, monkeypatch, "supportctl address x --chain b")


def test_completion_of_check_codes_options_and_values(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert complete(cli, monkeypatch, "supportctl checks explain DEP00") == [f"DEP00{i}" for i in range(1, 10)]
    zsh = "\n".join(complete(cli, monkeypatch, "supportctl checks explain ", shell="zsh"))
    assert '"DEP003":"confirmations"' in zsh and '"ADR004":"lookalike"' in zsh  # with the check's name beside it
    assert complete(cli, monkeypatch, "supportctl deposit x --format ") == ["rich", "json", "markdown", "csv"]
    assert complete(cli, monkeypatch, "supportctl --lang zh") == ["zh", "zh-hant"]
    assert complete(cli, monkeypatch, "supportctl address x --color a") == ["auto", "always"]
    assert "--currency" in complete(cli, monkeypatch, "supportctl deposit x --")
    assert "--redact" in complete(cli, monkeypatch, "supportctl deposit x --re")  # a global option, after it
    assert complete(cli, monkeypatch, "supportctl replies show wrong_") == ["wrong_address", "wrong_network"]
    assert complete(cli, monkeypatch, "supportctl bulk x --fail-on wrong_network,not_f") == [
        "wrong_network,not_found"]
    assert "deposit" in complete(cli, monkeypatch, "supportctl de")


def test_a_file_is_left_to_the_shell(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No words for a FILE: bash falls back to file names (-o default), zsh is told to complete _files."""
    assert complete(cli, monkeypatch, "supportctl --config ") == []
    assert complete(cli, monkeypatch, "supportctl stats ") == []
    assert complete(cli, monkeypatch, "supportctl stats ", shell="zsh") == ["_files"]
    assert complete(cli, monkeypatch, "supportctl bulk x -o ", shell="zsh") == ["_files"]


# --- help -------------------------------------------------------------------------------------------------------


def commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command (hidden ones too) with its path: ("deposit",), ("checks", "explain") …"""
    def walk(cmd: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        subs = getattr(cmd, "commands", None)
        if subs is None:
            yield path, cmd
            return
        for name, sub in subs.items():
            yield from walk(sub, (*path, name))
    yield from walk(typer.main.get_command(app), ())


COMMANDS = [path for path, _ in commands()]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_examples_and_lists_the_global_options(cli: Any, path: tuple[str, ...]) -> None:
    r = cli(*path, "--help")
    assert r.code == 0 and r.err == ""
    examples = [line.strip() for line in r.out.split("Examples:", 1)[-1].splitlines()
                if line.strip().startswith(("supportctl ", "pbpaste ", "cat "))]
    assert "Examples:" in r.out and len(examples) >= 2, r.out
    section = r.out.split("Global options (before or after the command):", 1)
    assert len(section) == 2, r.out
    for option in GLOBALS:
        assert re.search(rf"(^|[ ,]){option}\b", section[1], re.M), option


def test_summaries_are_whole_in_the_command_list(cli: Any) -> None:
    out = cli("--help").out
    listed = " ".join(out.split("Commands:", 1)[1].split("Examples:", 1)[0].split())
    assert "..." not in listed
    for path, cmd in commands():
        if len(path) == 1 and not cmd.hidden:
            first = " ".join((cmd.help or "").split("\n\n", 1)[0].split())
            assert first in listed, first


def example_lines() -> list[str]:
    lines = []
    for path, cmd in [((), typer.main.get_command(app)), *commands()]:
        del path
        lines += [line.strip() for line in (cmd.epilog or "").splitlines() if "supportctl " in line
                  and not line.strip().startswith("#")]
    return sorted(set(lines))


def resolve(argv: list[str]) -> Any:
    """Parse a command line as supportctl does (hoisted, `order check` aliased), without running it."""
    from supportctl.cli import _order_check_alias

    args = _order_check_alias(hoist(argv))
    cmd: Any = typer.main.get_command(app)
    ctx = cmd.make_context("supportctl", args, obj=())
    while hasattr(ctx.command, "commands"):
        rest = [*ctx._protected_args, *ctx.args]
        name, sub, rest = ctx.command.resolve_command(ctx, rest)
        ctx = sub.make_context(name, rest, parent=ctx)
    return ctx


def supportctl_words(line: str) -> list[str]:
    """The words supportctl gets from an example's shell line (not what is piped in or out, nor redirections)."""
    words = shlex.split(line.split("|")[-1] if line.startswith(("pbpaste", "cat")) else line)
    return words[: next((i for i, w in enumerate(words) if w[0] in "<>|&;"), len(words))]


@pytest.mark.parametrize("line", example_lines())
def test_every_example_is_a_valid_command_line(line: str) -> None:
    words = supportctl_words(line)
    assert words[0] == "supportctl"
    ctx = resolve(words[1:])
    assert ctx.command.name and not ctx.args, line


OFFLINE = ("supportctl address", "supportctl checks", "supportctl replies show", "supportctl version",
           "supportctl --version")


@pytest.mark.parametrize("line", [x for x in example_lines() if x.startswith(OFFLINE)])
def test_offline_examples_run_as_written(cli: Any, line: str) -> None:
    r = cli(*supportctl_words(line)[1:])
    assert r.code in (0, 1) and r.out and "error" not in r.err, (line, r.err)


# --- did you mean ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "meant"), [
    (("deposit", TX, "--chain", "etherium"), "did you mean 'ethereum'?"),
    (("address", ADDRESS, "-c", "polgon"), "did you mean 'polygon'?"),
    (("address", ADDRESS, "--chain", "bep2"), "did you mean 'bep20'?"),
    (("--format", "jsn", "checks", "list"), "did you mean 'json'?"),
    (("checks", "list", "--format", "markdwon"), "did you mean 'markdown'?"),
    (("--lang", "zh-cn", "checks", "list"), "did you mean 'zh'?"),
    (("--lang", "pt", "checks", "list"), "did you mean 'pt-br'?"),
    (("--color", "alway", "checks", "list"), "did you mean 'always'?"),
    (("checks", "explain", "DEP03"), "did you mean 'DEP003'?"),
    (("checks", "explain", "DPE003"), "did you mean 'DEP003'"),
    (("replies", "show", "wrong_netwrok"), "did you mean 'wrong_network'?"),
    (("order", "check", "BTC/USDT", "bye", "limit", "1", "2"), "did you mean 'buy'?"),
])
def test_a_mistyped_name_gets_the_closest_one(cli: Any, argv: tuple[str, ...], meant: str) -> None:
    line = one_line(cli(*argv))
    assert line.startswith("supportctl: error: ") and meant in line


def test_a_mistyped_config_key_or_chain_gets_the_closest_one(cli: Any, tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[chains.ethereum]\nconfirmatons = 3\n')
    line = one_line(cli("--config", str(cfg), "config", "show"))
    assert "unknown key 'chains.ethereum.confirmatons'" in line and "did you mean 'confirmations'?" in line
    cfg.write_text('[chains.etherium]\nrpc = ["http://127.0.0.1:1"]\n')
    assert "did you mean 'ethereum'?" in one_line(cli("--config", str(cfg), "config", "show"))
    cfg.write_text('[[asset]]\ncurrency = "USDT"\n')
    assert "did you mean 'assets'?" in one_line(cli("--config", str(cfg), "config", "show"))


def test_nothing_close_means_no_suggestion(cli: Any) -> None:
    line = one_line(cli("deposit", TX, "--chain", "foo"))
    assert "did you mean" not in line and "known chains: ethereum" in line


# --- colour ------------------------------------------------------------------------------------------------------


def test_force_color_colours_through_a_pipe() -> None:
    assert "\x1b[" in run("address", ADDRESS, FORCE_COLOR="1").stdout
    assert "\x1b[" not in run("address", ADDRESS).stdout  # a pipe is not a terminal


@pytest.mark.parametrize(("argv", "env", "coloured"), [
    ((), {}, False),
    ((), {"FORCE_COLOR": "1"}, True),
    ((), {"FORCE_COLOR": "0"}, True),  # force-color.org: any value but the empty string
    ((), {"FORCE_COLOR": ""}, False),
    (("--no-color",), {"FORCE_COLOR": "1"}, False),
    (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    (("--color", "always"), {}, True),
    (("--color=always",), {"NO_COLOR": "1"}, True),  # the command line wins
    ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    (("--color", "auto"), {}, False),
])
def test_color_option_and_environment(cli: Any, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...],
                                      env: dict[str, str], coloured: bool) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    r = cli("address", ADDRESS, *argv)
    assert r.code == 0 and ("\x1b[" in r.out) is coloured


def test_json_is_never_coloured(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    r = cli("-f", "json", "address", ADDRESS)
    assert "\x1b" not in r.out and json.loads(r.out)["verdict"] == "valid"


# --- doctor ------------------------------------------------------------------------------------------------------


class Node:
    """A tiny EVM JSON-RPC node on 127.0.0.1: answers batches with a chain id and a latest block ``age`` old."""

    def __init__(self, chain_id: int = 1, age: float = 2.0) -> None:
        node = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                answer = [node.answer(c) for c in body] if isinstance(body, list) else node.answer(body)
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.chain_id, self.age = chain_id, age
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, call: dict[str, Any]) -> dict[str, Any]:
        results = {"eth_chainId": hex(self.chain_id), "eth_getTransactionByHash": None,
                   "eth_getTransactionReceipt": None,
                   "eth_getBlockByNumber": {"number": "0x64", "timestamp": hex(int(time.time() - self.age)),
                                            "hash": "0x" + "11" * 32}}
        if call.get("method") not in results:
            return {"jsonrpc": "2.0", "id": call.get("id"), "error": {"code": -32601, "message": "no such method"}}
        return {"jsonrpc": "2.0", "id": call.get("id"), "result": results[call["method"]]}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens once it is closed


@pytest.fixture
def nodes() -> Iterator[tuple[Node, Node]]:
    fresh, stale = Node(), Node(age=86_400)
    yield fresh, stale
    fresh.close()
    stale.close()


def doctor_config(tmp_path: Path, chains: dict[str, list[str]]) -> str:
    text = "defaults = false\n" + "".join(
        f'[chains.{c}]\nrpc = {json.dumps(urls)}\ntimeout = 0.5\n' for c, urls in chains.items())
    path = tmp_path / "doctor.toml"
    path.write_text(text)
    return str(path)


def grouped(out: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for line in out.split("\n\n", 1)[0].splitlines():
        if line.startswith("  "):
            groups[list(groups)[-1]].append(line.strip())
        else:
            groups[line] = []
    return groups


def test_doctor_groups_by_chain_and_sums_up(cli: Any, nodes: tuple[Node, Node], tmp_path: Path) -> None:
    fresh, stale = nodes
    closed = closed_port()
    config = doctor_config(tmp_path, {"ethereum": [fresh.url, closed, stale.url, fresh.url], "bsc": [fresh.url]})
    r = cli("--config", config, "doctor")
    assert r.code == 3 and r.err == ""  # bsc has no healthy endpoint
    groups = grouped(r.out)
    assert list(groups) == ["ethereum", "bsc"]
    eth = groups["ethereum"]
    assert len(eth) == 3  # each URL once, though listed twice
    assert eth[0].startswith(f"ok    {fresh.url}") and "tip 100" in eth[0]
    assert eth[1].startswith(f"FAIL  {closed}") and eth[1].endswith("unreachable (ConnectError)")
    assert eth[2].startswith(f"FAIL  {stale.url}") and "stale" in eth[2]
    assert groups["bsc"][0].startswith(f"FAIL  {fresh.url}") and "chain id 1" in groups["bsc"][0]
    for line in eth + groups["bsc"]:
        url = line.split()[1]
        assert line.count(url) == 1, line  # the endpoint is not repeated in the detail
    # the columns line up: every detail starts at the same place
    assert len({line.index(" ms ") for line in eth + groups["bsc"]}) == 1
    closing = r.out.split("\n\n", 1)[1].splitlines()
    assert closing == ["3 of 4 endpoints reachable, 1 healthy; no healthy endpoint for bsc"]


def test_doctor_with_nothing_reachable_gives_a_hint(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    config = doctor_config(tmp_path, {"ethereum": [closed_port()], "bitcoin": [closed_port()]})
    r = cli("--config", config, "doctor")
    assert r.code == 3
    summary, hint = r.out.split("\n\n", 1)[1].splitlines()
    assert summary == "0 of 2 endpoints reachable"
    assert hint.startswith("hint: no endpoint answered: is this machine offline?") and "HTTPS_PROXY" in hint
    monkeypatch.setenv("HTTPS_PROXY", "http://agent:s3cret@proxy.internal:3128")
    r = cli("--config", config, "doctor")
    hint = r.out.splitlines()[-1]
    assert "HTTPS_PROXY (http://proxy.internal:3128)" in hint and "s3cret" not in r.out


def test_doctor_markdown_and_json(cli: Any, nodes: tuple[Node, Node], tmp_path: Path) -> None:
    fresh, _ = nodes
    closed = closed_port()
    config = doctor_config(tmp_path, {"ethereum": [fresh.url, closed]})
    r = cli("--config", config, "doctor", "-f", "markdown")
    assert r.code == 0
    assert "| Chain | Endpoint | Status | Latency | Detail |" in r.out
    assert f"| ethereum | `{fresh.url}` | ✅ ok |" in r.out and f"|  | `{closed}` | ❌ FAIL |" in r.out
    assert "**1 of 2 endpoints reachable**" in r.out
    r = cli("--config", config, "doctor", "-f", "json")
    probes = [json.loads(line) for line in r.out.splitlines()]
    assert [(p["endpoint"], p["ok"], p["reachable"]) for p in probes] == [(fresh.url, True, True),
                                                                          (closed, False, False)]
    assert r.err == "1 of 2 endpoints reachable\n"  # the summary is for people: stderr
    assert cli("--config", config, "-q", "doctor", "-f", "json").err == ""


# --- checks list -------------------------------------------------------------------------------------------------


def test_checks_list_columns_line_up_for_every_kind(cli: Any) -> None:
    rows = [json.loads(line) for line in cli("checks", "list", "-f", "json").out.splitlines()]
    lines = cli("checks", "list").out.splitlines()
    assert len(lines) == len(rows) and {r["kind"] for r in rows} >= {"withdrawal", "order_check", "deposit"}
    kind_at = {line.index(f"  {r['kind']} ", len(r["check"]) + len(r["name"])) for line, r in zip(lines, rows,
                                                                                                   strict=True)}
    summary_at = {line.index(r["summary"]) for line, r in zip(lines, rows, strict=True)}
    assert len(kind_at) == 1 and len(summary_at) == 1, lines


# --- stats --html ------------------------------------------------------------------------------------------------


def results_row(verdict: str, ticket: str | None, line: int, facts: dict[str, Any], kind: str = "deposit",
                chain: str | None = None) -> dict[str, Any]:
    return {"schema": "supportctl.diagnosis/1", "verdict": verdict, "severity": "ok", "summary": "s",
            "subject": {"kind": kind, "input": "x", "chain": chain}, "facts": facts, "findings": [],
            "reply": {"lang": "en", "text": "r"}, "line": line, "ticket": ticket}


def test_stats_html_lists_the_tickets_of_each_verdict_and_counts_addresses_by_chain(cli: Any,
                                                                                 tmp_path: Path) -> None:
    evm = {"chains": ["ethereum", "bsc", "polygon"], "families": ["evm"], "valid": True}
    rows = [
        results_row("confirmed", "T-10", 1, {"chain": "ethereum"}),
        results_row("confirmed", "T-2", 2, {"chain": "ethereum"}),
        results_row("confirmed", "T-2", 3, {"chain": "bsc"}),  # the same ticket twice: listed once
        results_row("wrong_network", None, 4, {"chain": "tron"}),  # no ticket ID: its line
        results_row("valid", "A-1", 5, evm, kind="address"),
        results_row("valid", "A-2", 6, {"chains": ["bitcoin"], "families": ["bitcoin"]}, kind="address"),
        results_row("invalid_checksum", "A-3", 7, {"chains": [], "families": []}, kind="address", chain="bsc"),
    ] + [results_row("not_found", f"N-{i}", 10 + i, {"chain": "ethereum"}) for i in range(205)]
    path = tmp_path / "results.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in rows))
    report = tmp_path / "report.html"
    r = cli("stats", str(path), "--html", str(report), "-f", "json")
    assert r.code == 0
    by_chain = {k: v["count"] for k, v in json.loads(r.out)["by_chain"].items()}
    assert by_chain == {"ethereum": 207, "bsc": 2, "tron": 1, "evm (any chain)": 1, "bitcoin": 1}  # no "—"
    page = report.read_text()
    listed = dict(re.findall(r"<dt>.*?</span>([a-z_]+) .*?</dt><dd>(.*?)</dd>", page))
    assert re.findall(r"<span>(.*?)</span>", listed["confirmed"]) == ["T-2", "T-10"]
    assert re.findall(r"<span>(.*?)</span>", listed["wrong_network"]) == ["line 4"]
    assert re.findall(r"<span>(.*?)</span>", listed["valid"]) == ["A-1", "A-2"]
    assert listed["not_found"].count("<span>") == 200 and "and 5 more" in listed["not_found"]


def test_force_color_colours_bulks_table_too(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text(f"{ADDRESS}\n")
    assert "\x1b[" in run("bulk", str(lines), FORCE_COLOR="1").stderr
    assert "\x1b[" not in run("bulk", str(lines)).stderr
