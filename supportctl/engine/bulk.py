"""``bulk``: triage thousands of tickets, streamed, concurrent, in input order, resumable.

Input is CSV with a header (``kind,id,chain,to,currency,memo,symbol,ticket``; only ``id`` required), JSONL
with the same keys, or one item per line (identified like ``diagnose``). Output is exactly one row per
input line, in input order: DESIGN's diagnosis plus ``line`` and ``ticket``. A line that cannot be
understood is an ``invalid_input`` row with the reason; a crash of one item is an ``unknown`` row, never the
end of the run.

How a run goes (``run``): rows are read as the run needs them. A row that needs no network (an address, a line
that cannot be understood, a pasted secret) is answered on reading, without a task; a row that needs a lookup
becomes a task of the session (``Session.start``), at most ``Pace.limit`` at once. Rows are handed to the sink
in input order as soon as the ones before them are done, and rows read ahead of the oldest unfinished one are
bounded (``READ_AHEAD`` × the pace), so memory does not grow with the input. The pace finds itself (``Pace``).
"""

from __future__ import annotations

import asyncio
import contextvars
import csv
import io
import json
import re
import time
from collections import deque
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import IO, Any

from supportctl.core import secrets
from supportctl.core.errors import InputError, SupportctlError
from supportctl.core.model import Diagnosis, Kind, Lang, Subject
from supportctl.engine.dispatch import with_recipient
from supportctl.engine.identify import Item, Unrecognised, identify
from supportctl.kinds.input import exposed

COLUMNS = ("kind", "id", "chain", "to", "currency", "memo", "symbol", "ticket")
KINDS = {"deposit": Kind.DEPOSIT, "withdrawal": Kind.WITHDRAWAL, "order": Kind.ORDER, "address": Kind.ADDRESS}


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # the input line it came from (1-based; for CSV the data row's line in the file)
    ticket: str | None
    item: Item | Diagnosis  # a Diagnosis when the line was decided on reading (a pasted secret)
    assumed_to: bool = False  # a deposit's ``to`` is the one address beside its hash on the line (``with_recipient``)


# --------------------------------------------------------------------------------------------- reading


class Rows:
    """The rows of an input, streamed: CSV, JSONL or one item a line, told apart by the first non-empty line
    (read when this is made, so an empty or binary input is an error before anything is written).
    ``header_lines``: input lines that are no row (a CSV header), for a progress total that reaches its end.

    Lines are text already decoded with replacement (``textio``); a lone surrogate left in one (a stream that
    could not be reconfigured, a JSON ``\\ud800`` escape) is made U+FFFD here, before anything reads it."""

    def __init__(self, stream: IO[str], lang: Lang, *, name: str = "the input") -> None:
        from supportctl.core.textio import clean

        lines = (clean(raw) for raw in stream)
        first = ""
        consumed: list[str] = []
        for raw in lines:
            consumed.append(raw)
            if raw.strip():
                first = raw.strip()
                break
        if not consumed:
            raise InputError(f"nothing to triage: {name} is empty")
        if "\x00" in first:
            raise InputError(f"{name} is a binary file, not CSV, JSONL or one item a line")
        head = "".join(consumed)
        self.header_lines = 0
        self._rows: Iterator[Row]
        if first.startswith("{"):
            self._rows = _jsonl(_chain_lines(head, lines), lang)
        elif _looks_like_header(first):
            self.header_lines = len(consumed)  # the header, and blank lines before it
            following = next(lines, None)
            if following is None:
                raise InputError(f"nothing to triage: {name} has a CSV header and no rows")
            self._rows = _csv(_chain_lines(head + following, lines), lang)
        else:
            self._rows = _plain(_chain_lines(head, lines), lang)

    def __iter__(self) -> Iterator[Row]:
        return self._rows

    def __next__(self) -> Row:
        return next(self._rows)


def read_rows(stream: IO[str], lang: Lang) -> Iterator[Row]:
    """The rows of ``stream`` (``Rows``)."""
    return iter(Rows(stream, lang))


def _looks_like_header(line: str) -> bool:
    """A CSV header: comma-separated plain words, at least one of them a known column."""
    fields = [f.strip().lower() for f in line.split(",")]
    return len(fields) > 1 and all(f.replace("_", "").isalpha() or not f for f in fields) and bool(
        set(fields) & set(COLUMNS))


def _chain_lines(head: str, rest: Iterable[str]) -> Iterator[str]:
    yield from io.StringIO(head)
    yield from rest


class Recent(dict[Any, Any]):
    """A bounded memo for what a run sees again and again (the same address in thousands of lines): the oldest
    entry goes when it is full."""

    def __init__(self, size: int = 4096) -> None:
        super().__init__()
        self.size = size

    def keep(self, key: Any, value: Any) -> Any:
        if len(self) >= self.size:
            del self[next(iter(self))]
        self[key] = value
        return value


def _plain(lines: Iterable[str], lang: Lang) -> Iterator[Row]:
    seen = Recent()  # each distinct line is read (secrets, identify, addresses) once while it is recent
    for n, raw in enumerate(lines, 1):
        text = raw.rstrip("\r\n")
        item = seen.get(text)
        if item is None:
            item = seen.keep(text, item_from_text(text, lang))
        # a line's text never gives a deposit its ``to`` but through with_recipient: assumed, held to the evidence
        yield Row(n, None, item, assumed_to=isinstance(item, Subject) and item.kind is Kind.DEPOSIT and bool(item.to))


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
    clean = Recent()  # field values already scanned for secrets (the same deposit address in every row)
    reader = csv.reader(lines)
    header: list[str] = []
    while not header:  # blank lines before the header are no rows
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
        fresh = [v for v in values if v not in clean]
        if secret := _exposed(lang, *fresh):
            yield Row(start, None, secret)
            continue
        for v in fresh:
            clean.keep(v, True)
        record = dict(zip(header, values, strict=False))
        yield Row(start, _ticket(record), item_from_record(record, lang))


def _ticket(record: Mapping[str, Any]) -> str | None:
    t = record.get("ticket")
    return str(t).strip() or None if t is not None else None


def item_from_text(text: str, lang: Lang) -> Item | Diagnosis:
    """One line of a ticket: what ``diagnose`` would find, reduced to the one item the row is about."""
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

START = 128  # rows in flight at first: a full batch and more in flight (a hand-written script keeps 32)
CEILING = 1024  # rows in flight at most when --concurrency does not say
FLOOR = 2  # the pace never falls below this (nor below 1 with --concurrency 1)
STEP = 16  # rows added per round trip while the run waits on the network and meets no trouble
READ_AHEAD = 4  # rows read ahead of the oldest unfinished one, per row in flight
PUMP_STEP = 512  # rows read in one go before the event loop gets a turn (signals, answers)
SMOOTH = 1.0  # seconds the request and call rates of the progress line are averaged over


@dataclass(frozen=True, slots=True)
class Status:
    """The run's pace as the progress line shows it."""

    limit: int  # rows allowed in flight
    in_flight: int
    requests_per_s: float
    calls_per_s: float
    rtt: float | None  # seconds, the last round trips' mean


class Pace:
    """How many rows are looked up at once, found by the run itself.

    It starts at ``START`` (or at ``--concurrency``), then every round trip (measured, at least 20 ms):

    - a failure that asks for less (HTTP 429, 5xx, a timeout, a dropped connection) halves it;
    - round trips grown past twice the fastest their node answered (plus 50 ms) while the CPU has time to spare —
      the node is queueing — take a tenth off;
    - when rows were waiting for a slot, the CPU waited on the network (busy under 80%) and no request waited for a
      configured rate limit, ``STEP`` rows are added (additive increase);
    - otherwise it stays: more rows in flight would only hold more memory.

    Never above the ceiling (``--concurrency``, else ``CEILING``) nor below ``FLOOR``. The configured rate limits
    are kept by the sources themselves (``chains.http.Limits``); the pace only avoids piling rows up behind them.
    """

    def __init__(self, ceiling: int | None = None) -> None:
        self.ceiling = max(1, ceiling) if ceiling else CEILING
        self.limit = float(self.ceiling if ceiling else min(START, self.ceiling))
        self.floor = min(FLOOR, self.ceiling)
        self.starved = False  # a row waited for a slot since the last update
        self.status = Status(int(self.limit), 0, 0.0, 0.0, None)
        self._at = time.monotonic()
        self._cpu = time.process_time()
        self._seen = _Seen()

    def update(self, traffic: Any, in_flight: int) -> bool:
        """Called as rows finish (``traffic``: the session's ``Traffic``); acts once per round trip. True when
        it did (``status`` is new)."""
        now = time.monotonic()
        elapsed = now - self._at
        if elapsed < max(0.02, self.status.rtt or 0.0):
            return False
        cpu = time.process_time()
        busy = (cpu - self._cpu) / elapsed  # the share of the time the run was computing, not waiting
        seen, new = self._seen, _Seen.of(traffic)
        answered = new.rtt_count - seen.rtt_count
        rtt = (new.rtt_sum - seen.rtt_sum) / answered if answered else None
        fastest = (new.fastest_sum - seen.fastest_sum) / answered if answered else None
        if new.failures > seen.failures:
            self.limit = max(self.floor, self.limit / 2)
        elif rtt is not None and fastest is not None and busy < 0.85 and rtt > 2 * fastest + 0.05:
            self.limit = max(self.floor, self.limit * 0.9)
        elif self.starved and busy < 0.8 and new.throttled == seen.throttled:
            self.limit = min(self.ceiling, self.limit + STEP)
        weight = min(1.0, elapsed / SMOOTH)  # rates shown are averaged over about a second
        requests = (new.requests - seen.requests) / elapsed * weight + self.status.requests_per_s * (1 - weight)
        calls = (new.calls - seen.calls) / elapsed * weight + self.status.calls_per_s * (1 - weight)
        self.status = Status(int(self.limit), in_flight, requests, calls, rtt if rtt is not None else self.status.rtt)
        self._seen, self._at, self._cpu, self.starved = new, now, cpu, False
        return True


@dataclass(frozen=True, slots=True)
class _Seen:
    """The counters of a ``Traffic`` at one moment."""

    requests: int = 0
    calls: int = 0
    failures: int = 0
    rtt_sum: float = 0.0
    rtt_count: int = 0
    fastest_sum: float = 0.0
    throttled: float = 0.0

    @classmethod
    def of(cls, t: Any) -> _Seen:
        return cls(t.requests, t.calls, t.failures, t.rtt_sum, t.rtt_count, t.fastest_sum, t.throttled)


class _Slot:
    """A row read and not yet written: its answer once it has one; its task and memo scope while it is looked
    up."""

    __slots__ = ("diagnosis", "row", "scope", "task")

    def __init__(self, row: Row) -> None:
        self.row = row
        self.diagnosis: Diagnosis | None = None
        self.task: asyncio.Task[None] | None = None
        self.scope: Any = None


async def run(session: Any, rows: Iterable[Row], lang: Lang, sink: Sink, *, concurrency: int | None = None,
              flush: Callable[[], None] | None = None, observe: Callable[[Status], None] | None = None) -> int:
    """Diagnose ``rows`` and hand each to ``sink`` in input order; ``flush`` is called after each run of rows
    handed over (the sink may write them as one block). ``concurrency``: the most rows looked up at once (None:
    the run finds its pace, ``Pace``); ``observe`` is told the pace about once per round trip. Returns the
    number of rows written. Cancelling (Ctrl-C) writes every row finished in order first."""
    return await _Run(session, iter(rows), lang, sink, Pace(concurrency), flush, observe).go()


class _Run:
    def __init__(self, session: Any, rows: Iterator[Row], lang: Lang, sink: Sink, pace: Pace,
                 flush: Callable[[], None] | None, observe: Callable[[Status], None] | None) -> None:
        self.session, self.rows, self.lang, self.sink, self.pace = session, rows, lang, sink, pace
        self.flush, self.observe = flush, observe
        self.queue: deque[_Slot] = deque()  # read and not yet written, in input order
        self.next_up: _Slot | None = None  # a row read that waits for a slot to be looked up
        self.in_flight = 0
        self.written = 0
        self.exhausted = False
        self.stopped = False
        self.offline: Recent = Recent(1024)  # (item, lang) → diagnosis of an address already answered
        self.unread = Unread(lang)
        self.loop = asyncio.get_running_loop()
        self.done: asyncio.Future[None] = self.loop.create_future()
        self.pumping: asyncio.Handle | None = None

    async def go(self) -> int:
        try:
            self.pump()
            await self.done
        except asyncio.CancelledError:
            self.stopped = True
            self.write()
            if self.flush is not None:
                self.flush()
            for slot in self.queue:
                if slot.task is not None:
                    slot.task.cancel()
            raise
        finally:
            self.stopped = True
            if self.pumping is not None:
                self.pumping.cancel()
        return self.written

    # -- reading and starting rows (synchronous: no row waits for the loop to be admitted)

    def pump(self) -> None:
        self.pumping = None
        if self.stopped or self.done.done():
            return
        try:
            self._pump()
        except BaseException as e:  # a bad input line ends the run (InputError); so does a sink that cannot write
            self.stopped = True
            if not self.done.done():
                self.done.set_exception(e)
            if not isinstance(e, Exception):
                raise

    def _pump(self) -> None:
        window = max(64, READ_AHEAD * int(self.pace.limit))
        budget = PUMP_STEP
        while True:
            if self.next_up is not None:
                if self.in_flight >= int(self.pace.limit):
                    self.pace.starved = True
                    break
                self._start(self.next_up)
                self.next_up = None
            if self.exhausted or len(self.queue) >= window or budget == 0:
                break
            budget -= 1
            row = next(self.rows, None)
            if row is None:
                self.exhausted = True
                break
            slot = _Slot(row)
            self.queue.append(slot)
            slot.diagnosis = self._now(row)
            if slot.diagnosis is None:
                self.next_up = slot
        if self.write() and self.flush is not None:
            self.flush()
        if not self.exhausted and self.next_up is None and len(self.queue) < window:
            self.pumping = self.loop.call_soon(self.pump, context=_BASE)  # the loop gets a turn, then more rows
        if self.pace.update(self.session.traffic, self.in_flight) and self.observe is not None:
            self.observe(self.pace.status)
        if self.exhausted and not self.queue and not self.done.done():
            self.done.set_result(None)

    def _now(self, row: Row) -> Diagnosis | None:
        """The row's answer when it needs no network: a secret, a line not understood, an address (each
        distinct address answered once while it is recent). None: it must be looked up."""
        item = row.item
        if isinstance(item, Diagnosis):
            return item
        if isinstance(item, Unrecognised):
            return self.unread.answer(item) or _without_waiting(self._diagnose(item))
        if item.kind is Kind.ADDRESS:
            key = (item, self.lang)
            hit = self.offline.get(key)
            if hit is not None:
                return hit  # type: ignore[no-any-return]
            found = _without_waiting(self._diagnose(item))
            if found is not None:
                self.offline.keep(key, found)
            return found
        return None

    def _start(self, slot: _Slot) -> None:
        self.in_flight += 1
        slot.task, slot.scope = self.session.start(self._look_up(slot))

    async def _look_up(self, slot: _Slot) -> None:
        item = slot.row.item
        assert not isinstance(item, Diagnosis)
        diagnosis = await self._diagnose(item)
        if slot.row.assumed_to and isinstance(item, Subject) and item.to:
            from supportctl.engine.dispatch import not_the_recipient, without_a_guess

            again = await without_a_guess(self.session, item, diagnosis, self.lang)
            if again is not None:  # not paid: judged without it, and the row says why (TKT007)
                d, sender = again
                diagnosis = replace(d, findings=(*d.findings, not_the_recipient(item.to, sender)))
        slot.diagnosis = diagnosis  # set once, when final: a row with a diagnosis may be written at any turn
        self.in_flight -= 1
        if self.pumping is None and not self.stopped:
            self.pumping = self.loop.call_soon(self.pump, context=_BASE)  # one pump per turn, for every row done

    async def _diagnose(self, item: Item) -> Diagnosis:
        from supportctl.engine.dispatch import diagnose_item
        from supportctl.kinds.input import invalid, unknown

        try:
            return await diagnose_item(self.session, item, self.lang)
        except Exception as e:  # one item's crash is that row's answer, never the end of the run
            if isinstance(item, Subject):
                return unknown(item, f"internal error: {type(e).__name__}: {e}", self.lang)
            return invalid(item.input, f"internal error: {type(e).__name__}", self.lang)

    # -- writing in order

    def write(self) -> int:
        """Hand every finished row at the head of the queue to the sink; the number handed."""
        n = 0
        queue = self.queue
        while queue and queue[0].diagnosis is not None:
            slot = queue.popleft()
            self.sink(slot.row, slot.diagnosis)  # type: ignore[arg-type]
            if slot.scope is not None:
                slot.scope.release()  # its memo entries go, unless a row still in flight needs them
            n += 1
        self.written += n
        return n


_BASE = contextvars.Context()  # the context the pump runs in: no row's unit or memo scope

_NOT_PLAIN = re.compile(r'["\\{}]')


def plain(text: str) -> bool:
    """Text that a reply and a JSON row carry exactly as it is: printable ASCII without quotes, backslashes or
    braces, no space at either end, and short enough for ``invalid`` to keep it whole in its reply."""
    return 0 < len(text) <= 120 and text.isascii() and text.isprintable() and text == text.strip() and \
        not _NOT_PLAIN.search(text)


class Unread:
    """``invalid(text, reason, lang)`` for many lines that cannot be understood for the same reason: made once
    per reason and filled in with each line's text (``invalid`` renders a reply each time). Only for ``plain``
    text, and only for a reason for which two probes gave exactly what ``invalid`` gives."""

    PROBES = ("Zq9 Xv", "0xQ7 Wk")  # two texts no reply holds by itself

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.made: Recent = Recent(256)  # reason → (the answer for one text, reply before and after it) or None

    def answer(self, item: Unrecognised) -> Diagnosis | None:
        from supportctl.kinds.input import repeated

        if not plain(item.input) or not repeated(item.input):  # a link is not repeated: ``invalid`` answers it
            return None
        made = self.made.get(item.reason, False)
        if made is False:
            made = self.made.keep(item.reason, self._make(item.reason))
        if made is None:
            return None
        proto, head, tail = made
        answer: Diagnosis = replace(proto, subject=Subject(Kind.INPUT, item.input), reply=f"{head}{item.input}{tail}")
        return answer

    def _make(self, reason: str) -> tuple[Diagnosis, str, str] | None:
        from supportctl.kinds.input import invalid

        first, second = (invalid(p, reason, self.lang) for p in self.PROBES)
        if first.reply.count(self.PROBES[0]) != 1:
            return None
        head, tail = first.reply.split(self.PROBES[0])
        expected = replace(first, subject=Subject(Kind.INPUT, self.PROBES[1]), reply=f"{head}{self.PROBES[1]}{tail}")
        return (first, head, tail) if expected == second else None


def _without_waiting(work: Coroutine[Any, Any, Diagnosis]) -> Diagnosis | None:
    """Run ``work`` to its end here if it never waits (an address's diagnosis is pure CPU); None if it would."""
    try:
        work.send(None)
    except StopIteration as e:
        return e.value  # type: ignore[no-any-return]
    work.close()  # it would wait on something: it is looked up as a task instead
    return None


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
