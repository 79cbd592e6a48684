"""``supportctl bulk FILE|-``: one output row per input line, in input order, JSONL (or CSV), resumable.

Exit status: 0; 1 if any row is a problem (or, with ``--fail-on``, any row has one of those verdicts);
3 if any row is unknown; 130 when interrupted (every row finished in order is written first).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

from supportctl.commands import Context
from supportctl.core.errors import ExitCode, InputError, exit_code_for
from supportctl.core.model import Diagnosis, Format, Outcome, Verdict


def run(ctx: Context, source: str, resume: bool, fail_on: str | None, concurrency: int) -> ExitCode:
    from supportctl.commands import output_format

    fmt = output_format(ctx)
    if fmt is Format.MARKDOWN:
        raise InputError("bulk writes JSONL or CSV", hint="use --format json (the default) or --format csv")
    as_csv = fmt is Format.CSV
    failing = _fail_on(fail_on)
    if concurrency < 1:
        raise InputError("--concurrency must be at least 1")
    if resume and (not ctx.output or as_csv):
        raise InputError("--resume needs --output FILE with JSONL output", hint="supportctl bulk in.csv -o out.jsonl")
    from supportctl.render.progress import Progress
    from supportctl.render.stats import Stats

    stats = Stats()  # rows answered by an earlier run count too: the table is the whole results file's
    done: dict[int, str] = _answered(ctx.output, stats.add) if resume and ctx.output else {}
    stream = _open_input(source)
    total = _count_lines(source) if source != "-" else None
    out: IO[str] = _open_output(ctx.output, append=bool(done)) if ctx.output else sys.stdout
    verdicts: list[str] = list(done.values())
    try:
        progress = Progress(total, len(done), enabled=not ctx.quiet and sys.stderr.isatty())
        writer = csv.writer(out, lineterminator="\n") if as_csv else None
        if writer is not None:
            from supportctl.engine.bulk import CSV_COLUMNS

            writer.writerow(CSV_COLUMNS)

        def sink(row: Any, d: Diagnosis) -> None:
            from supportctl.engine.bulk import csv_values, to_row
            from supportctl.render.json_view import dumps

            if ctx.redact:
                from supportctl.render.redact import redact_diagnosis

                d = redact_diagnosis(d)
            doc = to_row(row, d)
            if writer is not None:
                writer.writerow(csv_values(doc))
            else:
                out.write(dumps(doc) + "\n")
            out.flush()
            stats.add(doc)
            verdicts.append(doc["verdict"])
            progress.advance(doc["verdict"])

        interrupted = _run(ctx, stream, done, sink, concurrency)
        progress.close()
    finally:
        if out is not sys.stdout:
            out.close()
        if stream is not sys.stdin:
            stream.close()
    if not ctx.quiet:
        import shutil

        from supportctl.render.stats import render_text

        tty = sys.stderr.isatty()
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
        sys.stderr.write(render_text(stats, color=ctx.color and tty, width=width))
        if done:
            sys.stderr.write(f"(resumed: {len(done)} rows were already answered in {ctx.output})\n")
    if interrupted:
        sys.stderr.write("supportctl: interrupted: every row finished in order was written; --resume continues\n")
        return ExitCode.INTERRUPTED
    return _exit(verdicts, failing)


def _run(ctx: Context, stream: IO[str], done: dict[int, str], sink: Any, concurrency: int) -> bool:
    """True when interrupted (Ctrl-C or SIGTERM)."""
    import asyncio
    import signal

    from supportctl.engine import bulk
    from supportctl.engine.session import Session

    rows: Iterator[bulk.Row] = (r for r in bulk.read_rows(stream, ctx.lang) if r.line not in done)

    async def main() -> None:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        if task is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signal.SIGTERM, task.cancel)
        async with Session(ctx.config, tip_ttl=3.0, batch_window=0.005) as session:
            await bulk.run(session, rows, ctx.lang, sink, concurrency=concurrency)

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


def _exit(verdicts: list[str], failing: set[Verdict] | None) -> ExitCode:
    known = [Verdict(v) for v in verdicts if v in Verdict.__members__.values()]
    if failing is not None:
        return ExitCode.PROBLEM if any(v in failing for v in known) else ExitCode.OK
    if any(v.outcome is Outcome.INPUT for v in known) and not any(v.outcome is Outcome.UNKNOWN for v in known):
        return ExitCode.PROBLEM  # a row that could not be understood is that row's problem, not a usage error
    return exit_code_for(known)


def _open_input(source: str) -> IO[str]:
    if source == "-":
        return sys.stdin
    try:
        return open(source, encoding="utf-8", errors="replace", newline="")
    except OSError as e:
        raise InputError(f"cannot read {source}: {e.strerror or e}") from None


def _open_output(path: str, *, append: bool) -> IO[str]:
    try:
        return open(path, "a" if append else "w", encoding="utf-8", newline="")
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror or e}") from None


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return None


def _answered(path: str, on_row: Any) -> dict[int, str]:
    """Lines already answered in an earlier run's output (line → verdict). A last row cut short by a kill
    is dropped from the file, so it is answered again."""
    if not os.path.exists(path):
        return {}
    done: dict[int, str] = {}
    good = 0
    with open(path, "rb+") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break
            try:
                doc = json.loads(raw)
                done[int(doc["line"])] = str(doc["verdict"])
                on_row(doc)
            except (ValueError, KeyError, TypeError):
                break
            good += len(raw)
        f.truncate(good)
    return done


