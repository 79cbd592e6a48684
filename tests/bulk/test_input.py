"""bulk's input at its edges (issue 13's bulk items): nothing to triage is exit 2 with one line, so is a binary
file; a CSV header is not a row, so the progress total reaches its end; blank lines are still rows. No node: the
lines are addresses and text."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"


@pytest.fixture
def offline(tmp_path: Path) -> str:
    path = tmp_path / "offline.toml"
    path.write_text("defaults = false\n", encoding="utf-8")
    return str(path)


def rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "nothing to triage: {path} is empty"),
    (b"id,to\n", "nothing to triage: {path} has a CSV header and no rows"),
    (b"kind,id,chain\r\n", "nothing to triage: {path} has a CSV header and no rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "{path} is a binary file"),
    (b"0x52908400098527886E0F7030069857D2E4169EE7\x00\x00\x00\n", "{path} is a binary file"),
])
def test_nothing_to_triage_and_binary_files_are_one_line_and_exit_2(cli: Any, offline: str, tmp_path: Path,
                                                                     content: bytes, needle: str) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_bytes(content)
    r = cli("--config", offline, "bulk", str(src), "-o", str(out))
    assert r.code == 2 and r.out == ""
    assert needle.format(path=src) in r.err and r.err.count("\n") == 1, r.err
    assert not out.exists()  # nothing was opened for writing: an earlier results file would have been emptied


@pytest.mark.parametrize(("stdin", "needle"), [
    ("", "nothing to triage: standard input is empty"),
    ("\x00\x01garbage\x00\n", "standard input is a binary file"),
])
def test_the_same_for_standard_input(cli: Any, offline: str, monkeypatch: pytest.MonkeyPatch, stdin: str,
                                     needle: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    r = cli("--config", offline, "bulk", "-")
    assert r.code == 2 and r.out == "" and needle in r.err and r.err.count("\n") == 1, r.err


def test_blank_lines_are_still_one_row_each(cli: Any, offline: str, tmp_path: Path) -> None:
    src = tmp_path / "blank.txt"
    src.write_text("\n  \n\n", encoding="utf-8")
    r = cli("--config", offline, "bulk", str(src), "-q")
    assert [(g["line"], g["verdict"]) for g in rows(r.out)] == [(1, "invalid_input"), (2, "invalid_input"),
                                                                (3, "invalid_input")]
    assert r.code == 1


def test_blank_lines_before_a_csv_header_are_no_rows(cli: Any, offline: str, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(f"\n\nkind,id,ticket\naddress,{ADDRESS},T1\n", encoding="utf-8")
    r = cli("--config", offline, "bulk", str(src), "-q")
    assert [(g["line"], g["ticket"], g["verdict"]) for g in rows(r.out)] == [(4, "T1", "valid")]


class Recorded:
    """Stands in for the progress bar: what total it was given and how many rows it was told of."""

    made: list[Recorded] = []

    def __init__(self, total: int | None, already: int, *, enabled: bool) -> None:
        self.total, self.already, self.rows, self.paces = total, already, 0, 0
        Recorded.made.append(self)

    def advance(self, verdict: str) -> None:
        self.rows += 1

    def pace(self, status: Any) -> None:
        self.paces += 1

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.mark.parametrize(("text", "total"), [
    (f"kind,id,ticket\naddress,{ADDRESS},T1\naddress,{ADDRESS},T2\n,nonsense,T3\n", 3),  # the header is no row
    (f"{ADDRESS}\nnonsense\n{ADDRESS}", 3),  # a last line without its newline is one
    ('{"id": "' + ADDRESS + '"}\n\n', 2),
])
def test_the_progress_total_is_the_number_of_rows(cli: Any, offline: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, text: str, total: int) -> None:
    from supportctl.render import progress

    monkeypatch.setattr(progress, "Progress", Recorded)
    Recorded.made.clear()
    src = tmp_path / "in.txt"
    src.write_text(text, encoding="utf-8")
    r = cli("--config", offline, "bulk", str(src), "-q")
    (bar,) = Recorded.made
    assert bar.total == total == bar.rows == len(rows(r.out))  # it reaches its end


def test_concurrency_left_unsaid_lets_the_run_find_its_pace(cli: Any, offline: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from supportctl.engine import bulk

    asked: list[int | None] = []
    real = bulk.run

    async def run(*args: Any, concurrency: int | None = None, **kw: Any) -> int:
        asked.append(concurrency)
        return await real(*args, concurrency=concurrency, **kw)

    monkeypatch.setattr(bulk, "run", run)
    src = tmp_path / "in.txt"
    src.write_text(f"{ADDRESS}\n", encoding="utf-8")
    assert cli("--config", offline, "bulk", str(src), "-q").code == 0
    assert cli("--config", offline, "bulk", str(src), "-q", "--concurrency", "16").code == 0
    assert asked == [None, 16]
    r = cli("--config", offline, "bulk", str(src), "--concurrency", "0")
    assert r.code == 2 and "--concurrency must be at least 1" in r.err


def test_a_resumed_run_remembers_answered_lines_in_a_bit_set() -> None:
    from supportctl.commands.bulk_cmd import _Answered

    done = _Answered()
    for line in (1, 9, 8, 1_000_000, 9):
        done.add(line)
    assert len(done) == 4 and 9 in done and 10 not in done and 1_000_000 in done and -1 not in done
    assert len(done._bits) == 1_000_000 // 8 + 1  # a bit a line, not an object
