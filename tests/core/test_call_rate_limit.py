"""``call_rate_limit`` (JSON-RPC calls per second, issue 12) is read and checked like the other chain numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from supportctl.core import config
from supportctl.core.model import ChainKey


def write(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(f"defaults = false\n[chains.ethereum]\nrpc = ['http://127.0.0.1:9']\n{line}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "value"), [("", 0.0), ("call_rate_limit = 500", 500.0),
                                             ("call_rate_limit = 2.5", 2.5), ("call_rate_limit = 0", 0.0)])
def test_it_is_read(tmp_path: Path, line: str, value: float) -> None:
    assert config.load(write(tmp_path, line)).chain(ChainKey("ethereum")).call_rate_limit == value


@pytest.mark.parametrize("line", ["call_rate_limit = nan", "call_rate_limit = inf", "call_rate_limit = -1",
                                  "call_rate_limit = 2000000", "call_rate_limit = true", "call_rate_limit = '50'"])
def test_out_of_range_is_one_line_naming_key_file_and_range(cli: Any, tmp_path: Path, line: str) -> None:
    path = write(tmp_path, line)
    r = cli("--config", str(path), "config", "show")
    assert r.code == 2 and r.err.count("\n") == 1
    assert "'chains.ethereum.call_rate_limit'" in r.err and str(path) in r.err
    assert "from 0 to 1,000,000 JSON-RPC calls per second" in r.err
