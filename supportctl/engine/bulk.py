"""``bulk``: triage thousands of tickets, streamed, concurrent, in input order, resumable.

Input is CSV with a header (``kind,id,chain,to,currency,memo,symbol,ticket``; only ``id`` required), JSONL
with the same keys, or one item per line (identified like ``diagnose``). Output is exactly one row per
input line, in input order: DESIGN's diagnosis plus ``line`` and ``ticket``. A line that cannot be
understood is an ``invalid_input`` row with the reason; a crash of one item is an ``unknown`` row, never the
end of the run.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import IO, Any

from supportctl.core.errors import InputError, SupportctlError
from supportctl.core.model import Diagnosis, Kind, Lang, Subject
from supportctl.engine.identify import Item, Unrecognised

COLUMNS = ("kind", "id", "chain", "to", "currency", "memo", "symbol", "ticket")
KINDS = {"deposit": Kind.DEPOSIT, "withdrawal": Kind.WITHDRAWAL, "order": Kind.ORDER, "address": Kind.ADDRESS}


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # the input line it came from (1-based; for CSV the data row's line in the file)
    ticket: str | None
    item: Item | Diagnosis  # a Diagnosis when the line was decided on reading (a pasted secret)


# --------------------------------------------------------------------------------------------- reading


def read_rows(stream: IO[str], lang: Lang) -> Iterator[Row]:
    """Rows from CSV, JSONL or one item a line, told apart by the first non-empty line. Streamed.

    Lines are text already decoded with replacement (``textio``); a lone surrogate left in one (a stream that
    could not be reconfigured, a JSON ``\\ud800`` escape) is made U+FFFD here, before anything reads it."""
    from supportctl.core.textio import clean

    lines = (clean(raw) for raw in stream)
    first = ""
    consumed: list[str] = []
    for raw in lines:
        consumed.append(raw)
        if raw.strip():
            first = raw.strip()
            break
    head = "".join(consumed)
    if first.startswith("{"):
        yield from _jsonl(_chain_lines(head, lines), lang)
    elif _looks_like_header(first):
        yield from _csv(_chain_lines(head, lines), lang)
    else:
        yield from _plain(_chain_lines(head, lines), lang)


def _looks_like_header(line: str) -> bool:
    """A CSV header: comma-separated plain words, at least one of them a known column."""
    fields = [f.strip().lower() for f in line.split(",")]
    return len(fields) > 1 and all(f.replace("_", "").isalpha() or not f for f in fields) and bool(
        set(fields) & set(COLUMNS))


def _chain_lines(head: str, rest: Iterable[str]) -> Iterator[str]:
    yield from io.StringIO(head)
    yield from rest


def _plain(lines: Iterable[str], lang: Lang) -> Iterator[Row]:
    for n, raw in enumerate(lines, 1):
        yield Row(n, None, item_from_text(raw.rstrip("\r\n"), lang))


def _jsonl(lines: Iterable[str], lang: Lang) -> Iterator[Row]:
    for n, raw in enumerate(lines, 1):
        text = raw.strip()
        try:
            record = _clean_json(json.loads(text))
            decoded = json.dumps(record, ensure_ascii=False)  # every key and value, escapes undone
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            record, decoded = None, text
        if secret := _exposed(lang, text, decoded):
            yield Row(n, None, secret)
            continue
        if record is None or not isinstance(record, dict):
            yield Row(n, None, Unrecognised(text[:200], "not a JSON object (expected JSONL with an id key)"))
            continue
        yield Row(n, _ticket(record), item_from_record(record, lang))


def _exposed(lang: Lang, *texts: str) -> Diagnosis | None:
    """A CSV or JSONL row with a secret in any field (``to``, ``memo``, ``ticket`` … not only ``id``) is answered
    with ``secret_exposed`` before any field is read: none is echoed in the row or looked up."""
    from supportctl.core import secrets
    from supportctl.kinds.input import exposed

    for text in texts:
        if found := secrets.find(text):
            return exposed(found[0].kind, lang)
    return None


def _clean_json(value: Any) -> Any:
    """A decoded JSON value with every string free of lone surrogates (JSON may escape one: ``"\\udcff"``)."""
    from supportctl.core.textio import clean

    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    return value


def _csv(lines: Iterable[str], lang: Lang) -> Iterator[Row]:
    from supportctl.core import secrets

    reader = csv.reader(lines)
    header = [h.strip().lower() for h in next(reader)]
    if "id" not in header:
        raise InputError("the CSV header has no id column", hint=f"columns: {','.join(COLUMNS)} (only id required)")
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise InputError(f"unknown CSV column {secrets.cut_out(unknown[0])!r}", hint=f"columns: {','.join(COLUMNS)}")
    while True:
        start = reader.line_num + 1  # a quoted field may span lines: the row is where its record starts
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield Row(start, None, Unrecognised("", f"malformed CSV: {e}"))
            continue
        if not any(v.strip() for v in values):
            yield Row(start, None, Unrecognised("", "empty line"))
            continue
        if secret := _exposed(lang, *values):
            yield Row(start, None, secret)
            continue
        record = dict(zip(header, values, strict=False))
        yield Row(start, _ticket(record), item_from_record(record, lang))


def _ticket(record: Mapping[str, Any]) -> str | None:
    t = record.get("ticket")
    return str(t).strip() or None if t is not None else None


def item_from_text(text: str, lang: Lang) -> Item | Diagnosis:
    """One line of a ticket: what ``diagnose`` would find, reduced to the one item the row is about."""
    from supportctl.core import secrets
    from supportctl.engine.dispatch import with_recipient
    from supportctl.engine.identify import identify
    from supportctl.kinds.input import exposed

    if not text.strip():
        return Unrecognised("", "empty line")
    found = secrets.find(text)
    if found:
        return exposed(found[0].kind, lang)
    items = with_recipient(identify(text))
    txs = [i for i in items if isinstance(i, Subject) and i.kind is Kind.DEPOSIT]
    if len(txs) == 1:
        return txs[0]
    if len(txs) > 1:
        return Unrecognised(text[:200], f"{len(txs)} transactions on one line: put one per line")
    if len(items) == 1:
        return items[0]
    if not items:
        return Unrecognised(text[:200], "no transaction hash, explorer link or address found")
    return Unrecognised(text[:200], f"{len(items)} items on one line: put one per line")


def item_from_record(record: Mapping[str, Any], lang: Lang) -> Item | Diagnosis:
    """A CSV/JSONL record → an item, with its fields applied; a bad field is an ``Unrecognised`` reason."""
    from supportctl.core.registry import chain_key
    from supportctl.engine.identify import parse_tx

    def field(name: str) -> str | None:
        v = record.get(name)
        return str(v).strip() or None if v is not None else None

    ident = field("id")
    if ident is None:
        return Unrecognised(json.dumps(dict(record), sort_keys=True)[:200], "no id")
    kind_text = (field("kind") or "").lower()
    if kind_text and kind_text not in KINDS:
        return Unrecognised(ident, f"unknown kind {kind_text!r} (deposit, withdrawal, order, address)")
    try:
        chain = chain_key(field("chain")) if field("chain") else None  # type: ignore[arg-type]
        to, memo, currency, symbol = field("to"), field("memo"), field("currency"), field("symbol")
        currency = currency.upper() if currency else None
        kind = KINDS.get(kind_text)
        if kind is None:
            found = item_from_text(ident, lang)
            if isinstance(found, Subject) and found.kind is Kind.DEPOSIT:
                return replace(found, chain=chain or found.chain, to=to or found.to, memo=memo, currency=currency)
            if isinstance(found, Subject) and found.kind is Kind.ADDRESS:
                return replace(found, chain=chain or found.chain, currency=currency)
            return found
        if kind is Kind.DEPOSIT:
            tx, chain = parse_tx(ident, chain)
            return Subject(Kind.DEPOSIT, tx, chain=chain, to=to, memo=memo, currency=currency)
        if kind is Kind.ADDRESS:
            return Subject(Kind.ADDRESS, ident, chain=chain, currency=currency)
        if kind is Kind.WITHDRAWAL:
            return Subject(Kind.WITHDRAWAL, ident, currency=currency, to=to)
        from supportctl.engine.identify import parse_symbol

        if not symbol:
            return Unrecognised(ident, "an order row needs its symbol (BASE/QUOTE)")
        return Subject(Kind.ORDER, ident, symbol=parse_symbol(symbol))
    except SupportctlError as e:
        return Unrecognised(ident, e.message)


# -------------------------------------------------------------------------------------------- running


Sink = Callable[[Row, Diagnosis], None]


async def run(session: Any, rows: Iterable[Row], lang: Lang, sink: Sink, *, concurrency: int = 16) -> int:
    """Diagnose ``rows`` with at most ``concurrency`` in flight and hand each to ``sink`` in input order.
    Returns the number of rows written. Cancelling (Ctrl-C) writes every row finished in order first."""
    from supportctl.engine.dispatch import diagnose_item
    from supportctl.kinds.input import invalid, unknown

    window = max(1, concurrency) * 4  # rows read ahead of the slowest one: bounds memory on huge inputs
    gate = asyncio.Semaphore(max(1, concurrency))
    pending: dict[int, asyncio.Task[Diagnosis]] = {}
    order: list[tuple[int, Row]] = []
    written = 0

    async def one(row: Row) -> Diagnosis:
        if isinstance(row.item, Diagnosis):
            return row.item
        async with gate:
            try:
                return await diagnose_item(session, row.item, lang)
            except Exception as e:  # one item's crash is that row's answer, never the end of the run
                if isinstance(row.item, Subject):
                    return unknown(row.item, f"internal error: {type(e).__name__}: {e}", lang)
                return invalid(row.item.input, f"internal error: {type(e).__name__}", lang)

    def drain() -> None:
        nonlocal written
        while order and pending[order[0][0]].done():
            seq, row = order.pop(0)
            task = pending.pop(seq)
            if task.cancelled():
                break
            sink(row, task.result())
            written += 1

    try:
        for seq, row in enumerate(rows):
            pending[seq] = asyncio.ensure_future(one(row))
            order.append((seq, row))
            drain()
            while len(pending) >= window:
                await asyncio.wait([pending[order[0][0]]])
                drain()
        while order:
            await asyncio.wait([pending[order[0][0]]])
            drain()
    except asyncio.CancelledError:
        drain()
        for task in pending.values():
            task.cancel()
        raise
    return written


def to_row(row: Row, d: Diagnosis) -> dict[str, Any]:
    from supportctl.render.json_view import as_dict

    out = as_dict(d)
    out["line"] = row.line
    out["ticket"] = row.ticket
    return out


CSV_COLUMNS = ("line", "ticket", "kind", "input", "chain", "verdict", "severity", "summary", "amount", "currency",
               "confirmations", "reply")


def csv_values(doc: Mapping[str, Any]) -> list[str]:
    facts = doc.get("facts", {})
    subject = doc.get("subject", {})
    values = {
        "line": doc.get("line"), "ticket": doc.get("ticket"), "kind": subject.get("kind"),
        "input": subject.get("input"), "chain": facts.get("chain") or subject.get("chain"),
        "verdict": doc.get("verdict"), "severity": doc.get("severity"), "summary": doc.get("summary"),
        "amount": facts.get("amount"), "currency": facts.get("currency"),
        "confirmations": facts.get("confirmations"), "reply": doc.get("reply", {}).get("text"),
    }
    from supportctl.render.safe import literal

    # Shown like every other output: controls and invisible characters escaped (a reply keeps its newlines).
    return ["" if values[c] is None else literal(str(values[c]), one_line=False) for c in CSV_COLUMNS]
