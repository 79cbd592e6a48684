"""What keeps start-up fast (bench/startup.py, issue 13) changes nothing a user sees: the command tree built for
one command prints what the whole tree prints, and `--help`/`--version` never build the pipeline's records."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from supportctl import cli as cli_module

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
PATHS = [(), ("deposit",), ("address",), ("diagnose",), ("withdrawal",), ("order",), ("order", "check"), ("bulk",),
         ("stats",), ("shell",), ("doctor",), ("version",), ("checks",), ("checks", "list"), ("checks", "explain"),
         ("config",), ("config", "show"), ("config", "init"), ("replies",), ("replies", "check"), ("replies", "show")]


def whole(args: list[str]) -> Any:
    import typer

    return typer.main.get_command(cli_module.app)


@pytest.mark.parametrize("argv", [
    *[(*p, "--help") for p in PATHS],
    ("address", ADDRESS), ("-f", "json", "address", ADDRESS), ("address", ADDRESS, "--lang", "zh", "-f", "markdown"),
    ("address", "--bogus"), ("address",), ("address", ADDRESS, "extra"), ("--format=jsn", "address", ADDRESS),
    ("checks", "explian", "DEP003"), ("checks", "explain", "dep003"), ("config", "show", "--bogus"), ("deposit",),
    ("--quiet", "--redact", "address", ADDRESS), ("adress", ADDRESS), ("--version", "address"), ("address", "-V"),
    ("version", "-f", "json"), ("order", "check", "BTC/USDT", "buy"),
])
def test_one_command_s_tree_prints_what_the_whole_tree_prints(cli: Any, monkeypatch: pytest.MonkeyPatch,
                                                             argv: tuple[str, ...]) -> None:
    pruned = cli(*argv)
    monkeypatch.setattr(cli_module, "_command_tree", whole)
    assert cli(*argv) == pruned


def test_the_tree_holds_the_command_named_after_the_global_options() -> None:
    def tree(args: list[str]) -> Any:
        return cli_module._command_tree(args)

    assert list(tree(["--format", "json", "--quiet", "address", ADDRESS]).commands) == ["address"]
    assert list(tree(["-fjson", "address"]).commands) != ["address"]  # an option it does not read: the whole tree
    assert len(tree(["--help"]).commands) == len(tree(["nosuchcommand"]).commands) > 10
    assert list(tree(["checks", "list"]).commands) == ["checks"]


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["address", "--help"]])
def test_help_and_version_never_build_the_pipeline_s_records(argv: list[str]) -> None:
    code = (f"import sys; from supportctl.cli import main; main({argv!r}); "
            "print(sorted(m for m in sys.modules if m in ('supportctl.core.model', 'rich', 'httpx', 'asyncio')),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert done.stderr.splitlines()[-1] == "[]", done.stderr
