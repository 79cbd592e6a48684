"""``supportctl bulk FILE|-``: one output row per input line, in input order, JSONL (or CSV), resumable.

Exit status: 0; 1 if any row is a problem (or, with ``--fail-on``, any row has one of those verdicts);
3 if any row is unknown; 130 when interrupted (every row finished in order is written first); 2 when there is
nothing to triage (an empty input, a CSV header alone) or the input is a binary file.

Memory does not grow with the number of rows: verdicts are counted, not listed; rows are written in blocks as
they are finished in order; a resumed run remembers which lines are answered in a bit set.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from supportctl.commands import Context, colored
from supportctl.core.errors import ExitCode, InputError, exit_code_for
from supportctl.core.model import Diagnosis, Format, Kind, Outcome, Verdict
from supportctl.engine.bulk import CSV_COLUMNS, Recent, Row, Rows, csv_values, plain, to_row
from supportctl.render.json_view import dumps

BLOCK = 1 << 16  # characters of rows written at once


def run(ctx: Context, source: str, resume: bool, fail_on: str | None, concurrency: int | None) -> ExitCode:
    from supportctl.commands import output_format
    from supportctl.core import process

    process.long_run()  # a million rows: the cycle collector back on (core/process.py)

    fmt = output_format(ctx)
    if fmt is Format.MARKDOWN:
        raise InputError("bulk writes JSONL or CSV", hint="use --format json (the default) or --format csv")
    as_csv = fmt is Format.CSV
    failing = _fail_on(fail_on)
    if concurrency is not None and concurrency < 1:
        raise InputError("--concurrency must be at least 1")
    if resume and (not ctx.output or as_csv):
        raise InputError("--resume needs --output FILE with JSONL output", hint="supportctl bulk in.csv -o out.jsonl")
    from supportctl.render.progress import Progress
    from supportctl.render.stats import Stats

    # rows answered by an earlier run count too: the table is the whole results file's (none is drawn with --quiet)
    stats: Any = Stats() if not ctx.quiet else _Uncounted()
    verdicts: Counter[str] = Counter()
    done = _Answered()
    if resume and ctx.output:
        done.read(ctx.output, stats.add, verdicts)
    stream = _open_input(source)
    try:
        rows = Rows(stream, ctx.lang, name="standard input" if source == "-" else source)
        lines = _count_lines(source) if source != "-" else None
        total = None if lines is None else max(0, lines - rows.header_lines)
        out: IO[str] = _open_output(ctx.output, append=bool(done)) if ctx.output else sys.stdout
        try:
            progress = Progress(total, len(done), enabled=not ctx.quiet and sys.stderr.isatty())
            write = _Writer(out, as_csv, ctx.redact, stats, verdicts, progress)
            interrupted = _run(ctx, rows, done, write, concurrency, progress)  # None: the run finds its pace
            progress.close()
        finally:
            if out is not sys.stdout:
                out.close()
    finally:
        if stream is not sys.stdin:
            stream.close()
    if not ctx.quiet:
        import shutil

        from supportctl.render.stats import render_text

        width = shutil.get_terminal_size((100, 24)).columns if sys.stderr.isatty() else 100
        sys.stderr.write(render_text(stats, color=colored(ctx, sys.stderr), width=width))
        if done:
            sys.stderr.write(f"(resumed: {len(done)} rows were already answered in {ctx.output})\n")
    if interrupted:
        sys.stderr.write("supportctl: interrupted: every row finished in order was written; --resume continues\n")
        return ExitCode.INTERRUPTED
    return _exit(verdicts, failing)


class _Uncounted:
    """The end-of-run table is not drawn (--quiet): rows are not counted for it."""

    def add(self, row: Any) -> None:
        pass


class _Writer:
    """The sink of the run: each row rendered (JSONL or CSV), counted, and written in blocks of ``BLOCK``
    characters (``flush`` writes the rest: the engine calls it after each run of rows it hands over). A
    diagnosis handed again (the engine answers each distinct address once) is rendered once; only its line and
    ticket change."""

    def __init__(self, out: IO[str], as_csv: bool, redact: bool, stats: Any, verdicts: Counter[str],
                 progress: Any) -> None:
        self.out, self.redact, self.stats, self.verdicts, self.progress = out, redact, stats, verdicts, progress
        self.parts: list[str] = []
        self.size = 0
        self.csv: Any = None
        if as_csv:
            self.csv = csv.writer(_Parts(self), lineterminator="\n")
            self.csv.writerow(CSV_COLUMNS)
        self.seen = Recent(1024)  # id → a diagnosis handed once (kept, so that its id stays its own)
        self.shapes = Recent(1024)  # id → (its row cut around line and ticket, its row, the diagnosis)
        self.unread = Recent(256)  # (reason, lang) → the shape of its invalid_input rows (False: it has none)

    def __call__(self, row: Row, d: Diagnosis) -> None:
        shape = self.shapes.get(id(d))
        if shape is not None and shape[2] is d:  # (the diagnosis itself is kept: its id is not another's)
            (head, middle, tail), doc, _ = shape
            self._add(f"{head}{row.line}{middle}{_ticket(row.ticket)}{tail}\n")
            doc = {**doc, "line": row.line, "ticket": row.ticket}
        elif (d.verdict is Verdict.INVALID_INPUT and self.csv is None and not self.redact
              and (doc := self._unread(row, d)) is not None):
            pass
        else:
            doc = self._render(row, d)
        self.stats.add(doc)
        verdict = doc["verdict"]
        self.verdicts[verdict] += 1
        self.progress.advance(verdict)

    def _render(self, row: Row, d: Diagnosis) -> dict[str, Any]:
        original = d
        if self.redact:
            from supportctl.render.redact import redact_diagnosis

            d = redact_diagnosis(d)
        doc = to_row(row, d)
        if self.csv is not None:
            self.csv.writerow(csv_values(doc))
            return doc
        if self.seen.get(id(original)) is original:  # the second time: keep its shape for the next ones
            shape = _shape(doc)
            if shape is not None:
                self.shapes.keep(id(original), (shape, doc, original))
        else:
            self.seen.keep(id(original), original)
        self._add(dumps(doc) + "\n")
        return doc

    def _unread(self, row: Row, d: Diagnosis) -> dict[str, Any] | None:
        """A line that could not be understood, written from its reason's shape (the same JSON but for the
        line's text, its number and ticket): None when it does not fit one."""
        text = d.subject.input
        if d.subject.kind is not Kind.INPUT or d.facts or not plain(text):
            return None
        key = (d.summary, d.lang)
        shape = self.unread.get(key)
        if shape is False:
            return None
        if shape is None or isinstance(shape, int):  # not made yet (an int: the tries that failed)
            made = _unread_shape(row, d)
            tries = (shape or 0) + 1
            shape = self.unread.keep(key, made if made is not None else tries if tries < 8 else False)
            if made is None:
                return None  # this line's text could not make it (it is in the reply's own words): the next may
        head, tail, findings, parts, doc = shape
        if d.reply != f"{head}{text}{tail}" or d.findings != findings:
            return None
        a, b, c, e, f = parts
        self._add(f"{a}{row.line}{b}{text}{c}{text}{e}{_ticket(row.ticket)}{f}\n")
        return {**doc, "line": row.line, "ticket": row.ticket}

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= BLOCK:
            self._write()

    def _write(self) -> None:
        if self.parts:
            self.out.write("".join(self.parts))
            self.parts.clear()
            self.size = 0

    def flush(self) -> None:
        self._write()
        self.out.flush()
        self.progress.refresh()


class _Parts:
    """What ``csv.writer`` writes into: the writer's blocks."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer

    def write(self, text: str) -> None:
        self.writer._add(text)


_LINE, _TICKET = "\x00line\x00", "\x00ticket\x00"  # placeholders no rendered row can hold (NUL is escaped)


def _shape(doc: dict[str, Any]) -> list[str] | None:
    """The row's JSON cut around its line and ticket values, or None if it cannot be cut so."""
    text = dumps({**doc, "line": _LINE, "ticket": _TICKET})
    line, ticket = json.dumps(_LINE), json.dumps(_TICKET)
    if text.count(line) != 1 or text.count(ticket) != 1 or text.index(line) > text.index(ticket):
        return None
    head, rest = text.split(line)
    middle, tail = rest.split(ticket)
    return [head, middle, tail]


_INPUT = "\x00input\x00"


def _unread_shape(row: Row, d: Diagnosis) -> tuple[str, str, Any, list[str], dict[str, Any]] | None:
    """The JSON of ``d`` (an invalid_input row of a plain text) cut around its line, its text (in the reply, then
    as the input) and its ticket; checked against the full rendering of this very row."""
    import dataclasses

    text = d.subject.input
    if d.reply.count(text) != 1:
        return None
    head, tail = d.reply.split(text)
    blank = dataclasses.replace(d, subject=dataclasses.replace(d.subject, input=_INPUT), reply=f"{head}{_INPUT}{tail}")
    doc = to_row(row, blank)
    rendered = dumps({**doc, "line": _LINE, "ticket": _TICKET})
    marks = [json.dumps(_LINE), json.dumps(_INPUT)[1:-1], json.dumps(_INPUT)[1:-1], json.dumps(_TICKET)]
    parts: list[str] = []
    for mark in marks:
        before, found, rendered = rendered.partition(mark)
        if not found:
            return None
        parts.append(before)
    parts.append(rendered)
    if any(json.dumps(_INPUT)[1:-1] in p for p in parts):
        return None
    a, b, c, e, f = parts
    real = to_row(row, d)
    if f"{a}{row.line}{b}{text}{c}{text}{e}{_ticket(row.ticket)}{f}" != dumps(real):
        return None
    return head, tail, d.findings, parts, real


def _ticket(ticket: str | None) -> str:
    return "null" if ticket is None else dumps(ticket)


def _run(ctx: Context, rows: Rows, done: _Answered, write: _Writer, ceiling: int | None, progress: Any) -> bool:
    """True when interrupted (Ctrl-C or SIGTERM)."""
    import asyncio
    import signal

    from supportctl.engine import bulk
    from supportctl.engine.session import Session

    todo = (r for r in rows if r.line not in done) if done else rows

    async def main() -> None:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        if task is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signal.SIGTERM, task.cancel)
        async with Session(ctx.config, tip_ttl=3.0, many=True) as session:
            try:
                await bulk.run(session, todo, ctx.lang, write, concurrency=ceiling, flush=write.flush,
                               observe=progress.pace)
            finally:
                write.flush()

    try:
        asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        return True
    return False


def _fail_on(text: str | None) -> set[Verdict] | None:
    if text is None:
        return None
    names = [t.strip().lower() for t in text.split(",") if t.strip()]
    try:
        return {Verdict(n) for n in names}
    except ValueError:
        bad = next(n for n in names if n not in {v.value for v in Verdict})
        raise InputError(f"--fail-on: unknown verdict {bad!r}", hint="see the verdicts in the README") from None


def _exit(counts: Counter[str], failing: set[Verdict] | None) -> ExitCode:
    known = [Verdict(v) for v in counts if v in Verdict.__members__.values()]
    if failing is not None:
        return ExitCode.PROBLEM if any(v in failing for v in known) else ExitCode.OK
    if any(v.outcome is Outcome.INPUT for v in known) and not any(v.outcome is Outcome.UNKNOWN for v in known):
        return ExitCode.PROBLEM  # a row that could not be understood is that row's problem, not a usage error
    return exit_code_for(known)


def _open_input(source: str) -> IO[str]:
    if source == "-":
        return sys.stdin
    try:
        with open(source, "rb") as f:
            head = f.read(8192)
        if _binary(head):
            raise InputError(f"{source} is a binary file, not CSV, JSONL or one item a line")
        return open(source, encoding="utf-8", errors="replace", newline="")
    except OSError as e:
        raise InputError(f"cannot read {source}: {e.strerror or e}") from None


def _binary(head: bytes) -> bool:
    """A NUL byte, or mostly bytes that are neither UTF-8 text nor whitespace: not a file of tickets."""
    if b"\x00" in head:
        return True
    text = head.decode("utf-8", errors="replace")
    odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return len(text) > 0 and odd / len(text) > 0.3


def _open_output(path: str, *, append: bool) -> IO[str]:
    try:
        return open(path, "a" if append else "w", encoding="utf-8", newline="")
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror or e}") from None


def _count_lines(path: str) -> int | None:
    """Lines in the file: newlines, and a last line without one."""
    try:
        with open(path, "rb") as f:
            n, last = 0, b"\n"
            for chunk in iter(lambda: f.read(1 << 20), b""):
                n += chunk.count(b"\n")
                last = chunk[-1:]
            return n + (last != b"\n")
    except OSError:
        return None


class _Answered:
    """The lines an earlier run answered, as a bit set (one bit a line, not a dict of rows)."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, line: object) -> bool:
        if not isinstance(line, int) or line < 0:
            return False
        byte = line >> 3
        return byte < len(self._bits) and bool(self._bits[byte] >> (line & 7) & 1)

    def add(self, line: int) -> None:
        if line < 0 or line in self:
            return
        byte = line >> 3
        if byte >= len(self._bits):
            self._bits.extend(bytes(byte - len(self._bits) + 1))
        self._bits[byte] |= 1 << (line & 7)
        self._count += 1

    def read(self, path: str, on_row: Callable[[Any], None], verdicts: Counter[str]) -> None:
        """Read an earlier run's output. A last row cut short by a kill is dropped from the file, so it is
        answered again."""
        if not os.path.exists(path):
            return
        good = 0
        with open(path, "rb+") as f:
            for raw in f:
                if not raw.endswith(b"\n"):
                    break
                try:
                    doc = json.loads(raw)
                    line, verdict = int(doc["line"]), str(doc["verdict"])
                    if line > 1 << 31:
                        raise ValueError("not a line of a file")
                    on_row(doc)
                except (ValueError, KeyError, TypeError):
                    break
                if line not in self:
                    verdicts[verdict] += 1
                self.add(line)
                good += len(raw)
            f.truncate(good)
