"""``supportctl stats``: counts by verdict and chain from bulk's JSONL, the same table bulk ends with, a
self-contained HTML report; untrusted verdicts and chains shown literally; constant memory."""

from __future__ import annotations

import io
import json
import re
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from supportctl.commands import Context
from supportctl.commands.stats_cmd import run
from supportctl.core.errors import ExitCode, InputError
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
from supportctl.render.json_view import as_dict, dumps
from supportctl.render.stats import MAX_KEY_LEN, MAX_KEYS, OVERFLOW, Stats, render_html, render_markdown, render_text

DATA = Path(__file__).parent / "data" / "stats"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>[bold]red[/bold]\x1b[31m&amp;\u202e"


def diagnosis(verdict: Verdict, kind: Kind = Kind.DEPOSIT, chain: str | None = "ethereum",
              subject_chain: str | None = None) -> Diagnosis:
    facts: dict[str, object] = {"status": "success", "confirmations": 4, "required_confirmations": 12}
    if chain is not None:
        facts["chain"] = chain
    finding = Finding(CheckCode("DEP003"), "confirmations", Severity.INFO, "4 of 12 confirmations", {"n": 4})
    subject = Subject(kind, "0x" + "ab" * 32, chain=ChainKey(subject_chain) if subject_chain else None)
    return Diagnosis(subject, verdict, "a summary", facts, (finding,), "A reply to the customer.", Lang.EN)


def row(d: Diagnosis, line: int = 1, ticket: str | None = None) -> dict[str, Any]:
    """A row as bulk writes it: the DESIGN object plus the input line and the ticket."""
    return {**as_dict(d), "line": line, "ticket": ticket}


def sample() -> list[dict[str, Any]]:
    ds = (
        [diagnosis(Verdict.CONFIRMED)] * 4
        + [diagnosis(Verdict.AWAITING_CONFIRMATIONS, chain="bsc")] * 2
        + [diagnosis(Verdict.WRONG_NETWORK, chain="tron", subject_chain="ethereum")]
        + [diagnosis(Verdict.UNKNOWN, chain=None, subject_chain="solana")]
        + [diagnosis(Verdict.INVALID_INPUT, Kind.INPUT, chain=None)] * 2
        + [diagnosis(Verdict.VALID, Kind.ADDRESS, chain=None)] * 2
    )
    return [row(d, i, f"T-{i}") for i, d in enumerate(ds, 1)]


def stats_of(rows: list[dict[str, Any]]) -> Stats:
    s = Stats()
    for r in rows:
        s.add(r)
    return s


def jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --- counting ----------------------------------------------------------------------------------------


def test_counts_and_shares() -> None:
    s = stats_of(sample())
    assert (s.total, s.skipped) == (12, 0)
    summary = s.summary_dict()
    assert summary["by_verdict"] == {
        "awaiting_confirmations": {"count": 2, "share": "0.1667", "outcome": "fine"},
        "confirmed": {"count": 4, "share": "0.3333", "outcome": "fine"},
        "invalid_input": {"count": 2, "share": "0.1667", "outcome": "input"},
        "unknown": {"count": 1, "share": "0.0833", "outcome": "unknown"},
        "valid": {"count": 2, "share": "0.1667", "outcome": "fine"},
        "wrong_network": {"count": 1, "share": "0.0833", "outcome": "problem"},
    }
    # facts' chain first (where it was really sent), else the subject's, else —
    assert {k: v["count"] for k, v in summary["by_chain"].items()} == {
        "ethereum": 4, "bsc": 2, "tron": 1, "solana": 1, "—": 4}
    assert {k: v["count"] for k, v in summary["by_kind"].items()} == {"deposit": 8, "input": 2, "address": 2}
    assert summary["by_outcome"] == {
        "fine": {"count": 8, "share": "0.6667"}, "problem": {"count": 1, "share": "0.0833"},
        "unknown": {"count": 1, "share": "0.0833"}, "input": {"count": 2, "share": "0.1667"}}
    assert (summary["total"], summary["skipped"], summary["schema"]) == (12, 0, "supportctl.render.stats/1")


def test_summary_is_deterministic_sorted_and_json_able() -> None:
    rows = sample()
    first = dumps(stats_of(rows).summary_dict())
    assert first == dumps(stats_of(list(reversed(rows))).summary_dict())
    summary = stats_of(rows).summary_dict()
    for key in ("by_verdict", "by_chain", "by_kind", "by_outcome"):
        assert list(summary[key]) == sorted(summary[key])
    assert json.loads(first) == summary


@pytest.mark.parametrize(("count", "total", "expected"), [
    (1, 4, "0.25"), (1, 3, "0.3333"), (2, 3, "0.6667"), (4, 4, "1"), (1, 10, "0.1"), (1, 100_000, "0")])
def test_share_is_a_decimal_string(count: int, total: int, expected: str) -> None:
    s = Stats()
    for i in range(total):
        s.add({"verdict": "confirmed" if i < count else "tx_failed"})
    assert s.summary_dict()["by_verdict"]["confirmed"]["share"] == expected


def test_a_verdict_from_a_newer_version_counts_as_other_and_malformed_rows_are_skipped() -> None:
    s = Stats()
    s.add({"schema": "supportctl.diagnosis/2", "verdict": "refunded", "subject": {"kind": "deposit"}})
    bad: Any
    for bad in (
        [], "confirmed", 3, None,  # not objects at all
        {}, {"verdict": ""}, {"verdict": "  "}, {"verdict": 7}, {"verdict": None},  # no usable verdict
        {"schema": "other.tool/1", "verdict": "confirmed"}, {"schema": 1, "verdict": "confirmed"},
    ):
        s.add(bad)
    s.add({"verdict": "confirmed", "subject": "not an object", "facts": ["nor", "this"]})  # tolerated
    assert (s.total, s.skipped) == (2, 11)
    summary = s.summary_dict()
    assert summary["by_verdict"]["refunded"] == {"count": 1, "share": "0.5", "outcome": "other"}
    assert summary["by_outcome"] == {"fine": {"count": 1, "share": "0.5"}, "other": {"count": 1, "share": "0.5"}}
    assert summary["by_chain"] == {"—": {"count": 2, "share": "1"}}
    assert "1 other" in render_text(s, color=False, width=100)


def test_hostile_keys_are_bounded_in_number_and_length() -> None:
    s = Stats()
    for i in range(MAX_KEYS + 50):
        s.add({"verdict": "confirmed", "facts": {"chain": f"chain-{i}-" + "x" * 1000}})
    s.add({"verdict": "confirmed", "facts": {"chain": "lone \ud800 surrogate"}})
    assert len(s.by_chain) == MAX_KEYS + 1 and s.by_chain[OVERFLOW] == 51
    assert max(len(k) for k in s.by_chain) == MAX_KEY_LEN
    render_text(s, color=False, width=100).encode("utf-8")  # everything stays encodable
    render_html(s, "t").encode("utf-8")


# --- terminal ----------------------------------------------------------------------------------------


def test_text_table_agrees_with_the_summary() -> None:
    s = stats_of(sample())
    text = render_text(s, color=False, width=100)
    assert "\x1b" not in text
    assert text.splitlines()[0] == "12 diagnoses: 8 fine · 1 problem · 1 unknown · 2 input"
    verdict_part, chain_part = text.split("by chain")
    summary = s.summary_dict()
    for verdict, cell in summary["by_verdict"].items():
        line = next(ln for ln in verdict_part.splitlines() if ln.strip().startswith(verdict + " "))
        pct = f"{float(cell['share']) * 100:.1f}%"
        assert re.search(rf"{verdict}\s+{cell['outcome']}\s+{cell['count']}\s+{re.escape(pct)}\s+[█▏▎▍▌▋▊▉]+$",
                         line), line
    for chain, cell in summary["by_chain"].items():
        line = next(ln for ln in chain_part.splitlines() if ln.strip().startswith(chain + " "))
        assert re.search(rf"\s{cell['count']}\s+{float(cell['share']) * 100:.1f}%\s+[█▏▎▍▌▋▊▉]+$", line), line
    # rows largest first, bars scaled to the largest
    lines = [ln.strip() for ln in verdict_part.splitlines()]
    first = next(ln for ln in lines if ln.startswith("confirmed "))
    assert lines.index(first) < min(lines.index(ln) for ln in lines if ln.startswith(("valid ", "unknown ")))
    assert first.endswith("█" * 40)  # width 100: a 40-cell bar for the largest


def test_colour_by_outcome_only_when_asked() -> None:
    s = stats_of(sample())
    plain, coloured = render_text(s, color=False, width=100), render_text(s, color=True, width=100)
    assert "\x1b[" not in plain
    bars = {v: re.search(rf"{v}.*?(\x1b\[[\d;]*m)█", coloured) for v in ("confirmed", "wrong_network",
                                                                          "unknown", "invalid_input")}
    codes = {v: m.group(1) if m else None for v, m in bars.items()}
    assert codes == {"confirmed": "\x1b[32m", "wrong_network": "\x1b[31m", "unknown": "\x1b[35m",
                     "invalid_input": "\x1b[33m"}


def test_hostile_text_is_shown_literally_in_the_terminal() -> None:
    s = stats_of(sample() + [{"verdict": HOSTILE, "facts": {"chain": HOSTILE}}])
    for color in (False, True):
        text = render_text(s, color=color, width=160)
        assert "[bold]red[/bold]" in text and "<script>alert(1)</script>" in text
        assert "\\x1b[31m" in text and "\\u202e" in text
        assert "\x1b[31m&amp;" not in text and "\u202e" not in text
    assert "\x1b" not in render_text(s, color=False, width=160)


@pytest.mark.parametrize("width", [40, 60, 80, 100, 200])
def test_every_number_fits_the_terminal(width: int) -> None:
    s = stats_of(sample())
    text = render_text(s, color=False, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    for chain in s.by_chain:  # short names are never folded; numbers never cut: bars give way first
        assert re.search(rf"^ {chain} +\d+ +[\d.]+%", text, re.M), (chain, text)
    for verdict, n in s.by_verdict.items():
        assert re.search(rf"\s{s.outcome(verdict)} +{n} +[\d.]+%", text), (verdict, text)
    if width >= 80:
        assert "█" in text and all(re.search(rf"^ {v} ", text, re.M) for v in s.by_verdict)


# --- Markdown ----------------------------------------------------------------------------------------


def test_markdown_tables_are_well_formed_and_untrusted_text_cannot_format() -> None:
    s = stats_of(sample() + [{"verdict": "a|b`c", "facts": {"chain": "[x](http://evil.example) <img src=x>"}}])
    md = render_markdown(s)
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<a " not in html and "<img" not in html
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == 2
    for table in tables:
        header = len(re.findall(r"<th[ >]", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert rows and all(len(re.findall(r"<td[ >]", r)) == header for r in rows), table
    assert "| `confirmed` | fine | 4 | 30.8% |" in md


# --- HTML --------------------------------------------------------------------------------------------

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source", "track", "embed"}


class StrictHTML(HTMLParser):
    """Every element closed in order (void ones excepted), and no script, no external reference."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "href") or (value and re.search(r"url\(|//", value)
                                                                     and name != "xmlns"):
                self.errors.append(f"external or active attribute {name}={value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> StrictHTML:
    p = StrictHTML()
    p.feed(page)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    return p


def svg_of(page: str) -> ET.Element:
    (chunk,) = re.findall(r"<svg\b.*?</svg>", page, re.S)
    return ET.fromstring(chunk)


def test_html_parses_and_holds_the_chart() -> None:
    s = stats_of(sample())
    page = render_html(s, "Weekly deposits", generated="2024-05-01 09:00 UTC")
    assert page.startswith("<!DOCTYPE html>\n<html") and page.rstrip().endswith("</html>")
    p = parse(page)
    assert p.tags.count("svg") == 1 and "script" not in p.tags and "link" not in p.tags
    assert p.tags.count("table") == 2 and "style" in p.tags
    assert "Generated 2024-05-01 09:00 UTC" in page and "<title>Weekly deposits</title>" in page
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)  # nothing fetched
    svg = svg_of(page)
    rects = list(svg.iter(f"{SVG}rect"))
    assert len(rects) == len(s.by_verdict) == 6
    widths = {r.find(f"{SVG}title").text.split(":")[0]: float(r.get("width", "0")) for r in rects}  # type: ignore[union-attr]
    assert set(widths) == set(s.by_verdict)
    largest = max(s.by_verdict.values())
    for verdict, width in widths.items():
        assert width == pytest.approx(widths["confirmed"] * s.by_verdict[verdict] / largest, abs=0.01)
    # the tables say the same numbers as the summary
    text = " ".join(p.text)
    for verdict, cell in s.summary_dict()["by_verdict"].items():
        assert re.search(rf"{verdict}\s+{cell['outcome']}\s+{cell['count']}\s+{float(cell['share']) * 100:.1f}%",
                         text), verdict


def test_html_escapes_untrusted_verdicts_and_chains() -> None:
    s = stats_of(sample() + [{"verdict": HOSTILE, "facts": {"chain": HOSTILE}}] * 2)
    page = render_html(s, f"title {HOSTILE}")
    p = parse(page)
    assert "script" not in p.tags and "bold" not in p.tags
    assert "<script>" not in page and "\x1b" not in page and "\u202e" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;[bold]red[/bold]\\x1b[31m&amp;amp;\\u202e") >= 5
    svg = svg_of(page)  # still well-formed XML
    assert len(list(svg.iter(f"{SVG}rect"))) == 7
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "<script>alert(1)</script>[bold]red[/bold]\\x1b[31m&amp;\\u202e" in labels


def test_html_is_deterministic_but_for_the_generated_line() -> None:
    rows = sample()
    a = render_html(stats_of(rows), "r", generated="2024-05-01 09:00 UTC")
    b = render_html(stats_of(list(reversed(rows))), "r", generated="2024-06-01 10:00 UTC")
    diff = [(x, y) for x, y in zip(a.splitlines(), b.splitlines(), strict=True) if x != y]
    assert len(diff) == 1 and "Generated" in diff[0][0]
    assert render_html(stats_of(rows), "r") == render_html(stats_of(rows), "r")
    assert "Generated" not in render_html(stats_of(rows), "r")


def test_html_with_no_rows_is_still_a_valid_page() -> None:
    page = render_html(Stats(), "empty")
    parse(page)
    assert list(svg_of(page).iter(f"{SVG}rect")) == []


# --- the command -------------------------------------------------------------------------------------


def test_stats_reproduces_the_end_of_run_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = sample()
    at_end_of_bulk = render_text(stats_of(rows), color=False, width=100)  # what bulk prints from its own rows
    path = jsonl(tmp_path / "results.jsonl", rows)
    assert run(Context(format=Format.RICH), str(path), None) is ExitCode.OK
    out, err = capsys.readouterr()
    assert out == at_end_of_bulk and err == ""


def test_json_output_is_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = jsonl(tmp_path / "results.jsonl", sample())
    assert run(Context(format=Format.JSON), str(path), None) is ExitCode.OK
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and out == dumps(stats_of(sample()).summary_dict()) + "\n"
    assert json.loads(out)["total"] == 12 and err == ""


def test_markdown_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = jsonl(tmp_path / "results.jsonl", sample())
    assert run(Context(format=Format.MARKDOWN), str(path), None) is ExitCode.OK
    assert capsys.readouterr().out == render_markdown(stats_of(sample()))


def test_malformed_lines_are_counted_and_reported_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(Context(format=Format.JSON), str(DATA / "results_mixed.jsonl"), None) is ExitCode.OK
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert (summary["total"], summary["skipped"]) == (8, 5)
    assert {k: v["count"] for k, v in summary["by_verdict"].items()} == {
        "confirmed": 2, "awaiting_confirmations": 1, "wrong_network": 1, "valid": 1, "invalid_input": 1,
        "unknown": 1, "refunded": 1}
    assert {k: v["count"] for k, v in summary["by_chain"].items()} == {
        "ethereum": 3, "bsc": 1, "tron": 1, "solana": 1, "evm (any chain)": 1, "—": 1}  # the address row by family
    assert {k: v["count"] for k, v in summary["by_outcome"].items()} == {
        "fine": 4, "problem": 1, "unknown": 1, "input": 1, "other": 1}
    assert err == "5 lines were not diagnosis rows and were skipped\n"


def test_bytes_that_are_not_utf8_are_one_skipped_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = dumps(row(diagnosis(Verdict.CONFIRMED))).encode()
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n\xff\xfe garbage \x00\n" + good + b"\r\n")  # BOM, CRLF too
    assert run(Context(format=Format.JSON), str(path), None) is ExitCode.OK
    out, err = capsys.readouterr()
    assert (json.loads(out)["total"], json.loads(out)["skipped"]) == (2, 1)
    assert err == "1 line was not a diagnosis row and was skipped\n"


def test_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = "".join(dumps(r) + "\n" for r in sample()).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert run(Context(format=Format.JSON), "-", None) is ExitCode.OK
    assert json.loads(capsys.readouterr().out)["total"] == 12


def test_html_report_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = jsonl(tmp_path / "results.jsonl", sample())
    report = tmp_path / "report.html"
    assert run(Context(format=Format.RICH), str(path), str(report)) is ExitCode.OK
    out, err = capsys.readouterr()
    assert "confirmed" in out and err == f"wrote {report}\n"
    page = report.read_text(encoding="utf-8")
    parse(page)
    assert len(list(svg_of(page).iter(f"{SVG}rect"))) == 6
    assert "supportctl stats — results.jsonl" in page and "Generated " in page


@pytest.mark.parametrize(("make", "said"), [
    (lambda d: d / "missing.jsonl", "no such file"),
    (lambda d: d, "is a directory"),
])
def test_unreadable_input_is_an_input_error(tmp_path: Path, make: Any, said: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match=said) as e:
        run(Context(format=Format.JSON), str(make(tmp_path)), None)
    assert e.value.exit_code == ExitCode.USAGE
    assert capsys.readouterr() == ("", "")


def test_a_file_without_any_row_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="holds no diagnosis rows$"):
        run(Context(format=Format.JSON), str(tmp_path / "empty.jsonl"), None)
    (tmp_path / "junk.jsonl").write_text("a\nb\n[1]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no diagnosis rows \(3 lines were not diagnosis rows"):
        run(Context(format=Format.JSON), str(tmp_path / "junk.jsonl"), str(tmp_path / "r.html"))
    assert capsys.readouterr() == ("", "") and not (tmp_path / "r.html").exists()


def test_an_unwritable_report_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = jsonl(tmp_path / "results.jsonl", sample())
    with pytest.raises(InputError, match="cannot write"):
        run(Context(format=Format.JSON), str(path), str(tmp_path / "no" / "such" / "dir" / "r.html"))
    assert capsys.readouterr().out == ""  # nothing half-done on stdout


def test_the_command_line(cli: Any, tmp_path: Path) -> None:
    import typer

    from supportctl.cli import app

    if "stats" not in getattr(typer.main.get_command(app), "commands", {}):
        pytest.skip("the stats command is not wired into the CLI yet")
    path = jsonl(tmp_path / "results.jsonl", sample())
    r = cli("stats", str(path), "--format", "json")
    assert r.code == 0 and json.loads(r.out)["total"] == 12 and r.err == ""
    r = cli("stats", str(path), "--html", str(tmp_path / "r.html"))
    assert r.code == 0 and "wrong_network" in r.out and r.err == f"wrote {tmp_path / 'r.html'}\n"
    r = cli("stats", str(DATA / "results_mixed.jsonl"))
    assert r.code == 0 and r.err == "5 lines were not diagnosis rows and were skipped\n"
    for argv in ((str(tmp_path / "missing.jsonl"),), (str(tmp_path / "nothing"),),
                 (str(path), "--html", str(tmp_path / "no" / "r.html"))):
        (tmp_path / "nothing").write_text("junk\n", encoding="utf-8")
        r = cli("stats", *argv)
        assert r.code == 2 and r.out == "" and "Traceback" not in r.err, argv
        assert len(r.err.splitlines()) == 1 and r.err.startswith("supportctl: error: "), r.err


def test_output_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the table there (format from --format or the extension); -o x.html is --html x.html."""
    path = jsonl(tmp_path / "results.jsonl", sample())
    cases: list[tuple[str, Callable[[str], bool]]] = [
        ("s.json", lambda t: json.loads(t)["total"] == 12),
        ("s.md", lambda t: "| `valid` |" in t),
        ("s.txt", lambda t: "12 diagnoses" in t and "\x1b" not in t),
        ("s.html", lambda t: t.startswith("<!DOCTYPE html>") and "<svg" in t),
    ]
    for name, check in cases:
        target = tmp_path / name
        assert run(Context(output=str(target)), str(path), None) is ExitCode.OK
        assert check(target.read_text(encoding="utf-8")), name
        out, err = capsys.readouterr()
        assert err == f"wrote {target}\n"
        assert out == ("" if name != "s.html" else render_text(stats_of(sample()), color=False, width=100))
    with pytest.raises(InputError, match="csv output is for 'supportctl bulk'"):
        run(Context(format=Format.CSV), str(path), None)
    assert run(Context(output=str(tmp_path / "q.json"), quiet=True), str(path), None) is ExitCode.OK
    assert capsys.readouterr() == ("", "")


# --- scale -------------------------------------------------------------------------------------------


def rows_file(path: Path, n: int) -> Path:
    lines = [dumps(r) + "\n" for r in sample()]
    with path.open("w", encoding="utf-8") as f:
        f.writelines(lines[i % len(lines)] for i in range(n))
    return path


def test_100k_rows_in_constant_memory_and_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rows_file(tmp_path / "big.jsonl", 100_000)
    assert path.stat().st_size > 20_000_000  # bigger than the memory budget: it cannot be read whole

    def peak(ctx: Context) -> tuple[int, float]:
        tracemalloc.start()
        try:
            started = time.perf_counter()
            assert run(ctx, str(path), None) is ExitCode.OK
            return tracemalloc.get_traced_memory()[1], time.perf_counter() - started
        finally:
            tracemalloc.stop()

    memory, _ = peak(Context(format=Format.JSON))
    assert memory < 2_000_000, memory  # a few lines' worth, not the file's
    assert json.loads(capsys.readouterr().out)["total"] == 100_000
    started = time.perf_counter()
    assert run(Context(format=Format.RICH), str(path), None) is ExitCode.OK
    assert time.perf_counter() - started < 10
    assert "100,000 diagnoses" in capsys.readouterr().out


def test_stats_add_is_streaming() -> None:
    one = sample()

    def endless(n: int) -> Iterator[dict[str, Any]]:
        for i in range(n):
            yield one[i % len(one)]

    s = Stats()
    tracemalloc.start()
    try:
        for r in endless(100_000):
            s.add(r)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100_000 and s.total == 100_000
