"""The README's commands that need no chain, venue or file run as written (a line that exits 2 there is a
README that lies). Lines with placeholders (``0xAbC…``) or that name a file or a node are left to the tests of
their command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
OFFLINE = ("address", "checks", "replies show", "--version", "version")


def offline_commands() -> list[str]:
    found = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if not line.startswith("    supportctl "):
            continue
        for command in line.split("#", 1)[0].split(";"):
            command = command.strip().removeprefix("supportctl ").strip()
            if command.startswith(OFFLINE) and "…" not in command and not re.search(r"[<>|$]", command):
                found.append(command)
    return found


def test_the_readme_has_offline_commands() -> None:
    assert len(offline_commands()) >= 5


@pytest.mark.parametrize("command", offline_commands())
def test_a_readme_command_runs_as_written(cli: Any, command: str, tmp_path: Path) -> None:
    config = tmp_path / "offline.toml"
    config.write_text("defaults = true\n")
    r = cli("--config", str(config), *shlex.split(command))
    assert r.code in (0, 1), (command, r.code, r.err)  # 1: a problem diagnosed (an address's memo_required …)
    assert "Traceback" not in r.err
