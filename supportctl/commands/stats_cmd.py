"""``supportctl stats RESULTS.jsonl [--html report.html]``: the end-of-run table of ``bulk``, again, from its
results file; and, for a team lead, a self-contained HTML page with the chart.

The file is read a line at a time: memory stays the same for ten rows or ten million. A line that is not a
diagnosis row is counted and reported once, at the end, on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import IO

from supportctl.commands import Context, colored, output_format
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import Format
from supportctl.render.json_view import dumps
from supportctl.render.safe import literal
from supportctl.render.stats import Stats, render_html, render_markdown, render_text


def run(ctx: Context, path: str, html: str | None) -> ExitCode:
    from supportctl.core import process

    process.long_run()  # a bulk run's million lines: the cycle collector back on (core/process.py)
    fmt = output_format(ctx)
    if ctx.output and html is None and ctx.output.lower().endswith((".html", ".htm")):
        html, ctx = ctx.output, replace(ctx, output=None)  # -o report.html: the page, not text in a .html file
        fmt = ctx.format
    if fmt is Format.CSV:
        raise InputError("csv output is for 'supportctl bulk'", hint="use --format json, markdown or rich")
    stats = Stats()
    for line in _lines(path):
        if line is None:
            stats.skip()
            continue
        if not line.strip():
            continue  # a blank line is no row at all, not a bad one
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):
            stats.skip()
            continue
        stats.add(row)
    name = "stdin" if path == "-" else path
    if not stats.total:
        raise InputError(f"{name} holds no diagnosis rows" + (f" ({_skipped(stats.skipped)})" if stats.skipped else ""),
                         hint="give the JSONL file that 'supportctl bulk' wrote")
    wrote: list[str] = []
    if html is not None:
        page = render_html(stats, f"supportctl stats — {os.path.basename(name) or name}",
                           generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
        wrote.append(_write(html, page))
    if ctx.output:
        wrote.append(_write(ctx.output, _render(stats, fmt, color=False, width=100)))
    else:
        tty = sys.stdout.isatty()
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
        sys.stdout.write(_render(stats, fmt, color=colored(ctx, sys.stdout), width=width))
        sys.stdout.flush()
    if stats.skipped:
        sys.stderr.write(_skipped(stats.skipped) + "\n")
    if not ctx.quiet:
        sys.stderr.writelines(f"wrote {literal(target)}\n" for target in wrote)
    return ExitCode.OK


def _skipped(n: int) -> str:
    if n == 1:
        return "1 line was not a diagnosis row and was skipped"
    return f"{n:,} lines were not diagnosis rows and were skipped"


def _lines(path: str) -> Iterator[str | None]:
    """Each line as text, or None for one that is not UTF-8. Missing or unreadable files are InputErrors."""
    try:
        if path == "-":
            stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text-only stdin (tests, embedding): already decoded
                yield from sys.stdin
                return
            yield from _decoded(stream)
            return
        with open(path, "rb") as f:
            yield from _decoded(f)
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {path}: it is a directory, not a results file") from None
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}") from None


def _decoded(stream: IO[bytes]) -> Iterator[str | None]:
    for i, raw in enumerate(stream):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield None
            continue
        yield text.removeprefix("\ufeff") if i == 0 else text


def _write(target: str, text: str) -> str:
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as e:
        raise InputError(f"cannot write {target}: {e.strerror or e}") from None
    return target


def _render(stats: Stats, fmt: Format, *, color: bool, width: int) -> str:
    if fmt is Format.JSON:
        return dumps(stats.summary_dict()) + "\n"
    if fmt is Format.MARKDOWN:
        return render_markdown(stats)
    return render_text(stats, color=color, width=width)
