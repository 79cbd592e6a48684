"""What went wrong across many tickets: counts by verdict, chain, kind and outcome, from diagnosis rows.

``Stats`` takes rows one at a time (``bulk`` as it goes, ``stats`` from a results file), so memory stays the
same whatever the number of rows: only counters are kept, and each counter holds at most ``MAX_KEYS`` names
of at most ``MAX_KEY_LEN`` characters (a hostile file cannot grow it); the tickets of each verdict (for the HTML
page) are kept up to ``MAX_TICKETS`` and counted beyond. The renderers show the same numbers as a terminal table,
Markdown, JSON (``summary_dict``) and a self-contained HTML page with an SVG chart and the tickets by verdict.

A row's chain is the one its facts name, else the one the subject claimed; an address row names the chains the
address is valid on: the one, or its family's (``evm (any chain)``) when it is valid on several.

Verdicts and chains come from a file someone else wrote: every renderer treats them as untrusted text.
No rich import at module level: only ``render_rich`` needs it.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from supportctl.core.model import Verdict
from supportctl.render.safe import literal

if TYPE_CHECKING:
    from rich.console import RenderableType

SCHEMA = "supportctl.render.stats/1"
ROW_SCHEMA_PREFIX = "supportctl.diagnosis/"
NONE = "—"  # a row that names no chain (or kind)
OTHER = "other"  # the outcome of a verdict this version does not know (a newer supportctl wrote the file)
OVERFLOW = "(more)"  # where names beyond MAX_KEYS are counted
MAX_KEYS = 200
MAX_KEY_LEN = 64
MAX_TICKETS = 200  # ticket IDs listed per verdict; the rest are counted
OUTCOMES = ("fine", "problem", "unknown", "input", OTHER)  # display order

# Terminal styles and HTML colours by outcome.
STYLE = {"fine": "green", "problem": "red", "unknown": "magenta", "input": "yellow", OTHER: "default"}
COLOUR = {"fine": "#1a7f37", "problem": "#cf222e", "unknown": "#8250df", "input": "#b08800", OTHER: "#6e7781"}
CHAIN_STYLE, CHAIN_COLOUR = "cyan", "#0969da"

_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")  # lone surrogates (json allows them), non-characters


class Stats:
    """Counters over diagnosis rows (``supportctl.diagnosis/1`` objects, as ``bulk`` writes them)."""

    def __init__(self) -> None:
        self.total = 0
        self.skipped = 0  # rows that were not diagnosis rows
        self.by_verdict: Counter[str] = Counter()
        self.by_chain: Counter[str] = Counter()
        self.by_kind: Counter[str] = Counter()
        self.by_outcome: Counter[str] = Counter()
        self._outcome: dict[str, str] = {}  # verdict → outcome, bounded like the counters
        self.tickets: dict[str, dict[str, None]] = {}  # verdict → its tickets' IDs (an ordered set), MAX_TICKETS each
        self.more_tickets: Counter[str] = Counter()  # verdict → tickets beyond MAX_TICKETS

    def add(self, row: Mapping[str, Any]) -> None:
        """Count one row; anything that is not a diagnosis row is counted in ``skipped`` instead."""
        if not isinstance(row, dict | Mapping):
            self.skipped += 1
            return
        verdict, schema = row.get("verdict"), row.get("schema", ROW_SCHEMA_PREFIX)
        if not (isinstance(verdict, str) and verdict.strip()) or not (
            isinstance(schema, str) and schema.startswith(ROW_SCHEMA_PREFIX)
        ):
            self.skipped += 1
            return
        subject, facts = _mapping(row.get("subject")), _mapping(row.get("facts"))
        v = _slot(self.by_verdict, _name(verdict) or NONE)
        self.by_verdict[v] += 1
        self.by_chain[_slot(self.by_chain, _chain(facts, subject))] += 1
        ticket = _ticket(row)
        if ticket is not None:
            listed = self.tickets.setdefault(v, {})
            if ticket not in listed:
                if len(listed) < MAX_TICKETS:
                    listed[ticket] = None
                else:
                    self.more_tickets[v] += 1
        self.by_kind[_slot(self.by_kind, _name(subject.get("kind")) or NONE)] += 1
        self.by_outcome[self._outcome_of(v)] += 1
        self.total += 1

    def skip(self) -> None:
        """Count a line that could not even be read as a row (not JSON, not text)."""
        self.skipped += 1

    def _outcome_of(self, verdict: str) -> str:
        outcome = self._outcome.get(verdict)
        if outcome is None:
            outcome = self._outcome[verdict] = outcome_of(verdict)
        return outcome

    def outcome(self, verdict: str) -> str:
        """fine, problem, unknown, input — or ``other`` for a verdict this version does not know."""
        return self._outcome.get(verdict) or outcome_of(verdict)

    def summary_dict(self) -> dict[str, Any]:
        """The numbers as JSON-able data: sorted, shares as decimal strings ("0.25")."""
        verdicts = {v: {**self._cell(n), "outcome": self.outcome(v)} for v, n in sorted(self.by_verdict.items())}
        return {
            "schema": SCHEMA,
            "total": self.total,
            "skipped": self.skipped,
            "by_verdict": verdicts,
            "by_chain": {k: self._cell(n) for k, n in sorted(self.by_chain.items())},
            "by_kind": {k: self._cell(n) for k, n in sorted(self.by_kind.items())},
            "by_outcome": {k: self._cell(n) for k, n in sorted(self.by_outcome.items())},
        }

    def _cell(self, count: int) -> dict[str, Any]:
        return {"count": count, "share": share(count, self.total)}


def outcome_of(verdict: str) -> str:
    try:
        return Verdict(verdict).outcome.value
    except ValueError:
        return OTHER


def _chain(facts: Mapping[str, Any], subject: Mapping[str, Any]) -> str:
    """The chain a row counts under: its facts' chain, the claimed one, or an address's chains (one, or its family's
    when it is valid on several)."""
    named = _name(facts.get("chain")) or _name(subject.get("chain"))
    if named is not None:
        return named
    chains = facts.get("chains")
    if isinstance(chains, list) and chains:
        if len(chains) == 1:
            return _name(chains[0]) or NONE
        from supportctl.core.model import ChainKey
        from supportctl.core.registry import CHAINS

        known = [CHAINS[ChainKey(c)] for c in chains if isinstance(c, str) and ChainKey(c) in CHAINS]
        families = {str(s.family) for s in known}
        named_families = facts.get("families")
        if not families and isinstance(named_families, list):
            families = {f for f in named_families if isinstance(f, str)}
        return _name(f"{'/'.join(sorted(families))} (any chain)" if families else "several chains") or NONE
    return NONE


def _ticket(row: Mapping[str, Any]) -> str | None:
    """What identifies a row's ticket: its ``ticket`` (the help desk's ID), else its input line."""
    named = _name(row.get("ticket"))
    if named is not None:
        return named
    line = row.get("line")
    return f"line {line}" if isinstance(line, int) and not isinstance(line, bool) else None


def _natural(text: str) -> list[str | int]:
    """Sort key putting T-2 before T-10 and line 9 before line 10."""
    return [int(part) if i % 2 else part.lower() for i, part in enumerate(re.split(r"(\d+)", text))]


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict | Mapping) else {}  # dict first: the common case, and fast


def _name(value: object) -> str | None:
    """A counter key from a row's value: a non-empty string, made encodable and cut to ``MAX_KEY_LEN``."""
    if not isinstance(value, str) or not value.strip():
        return None
    if not value.isascii():
        value = _UNENCODABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value)
    return value if len(value) <= MAX_KEY_LEN else value[: MAX_KEY_LEN - 1] + "…"


def _slot(counter: Counter[str], key: str) -> str:
    return key if key in counter or len(counter) < MAX_KEYS else OVERFLOW


def share(count: int, total: int) -> str:
    """``count / total`` as a decimal string with at most 4 places: "0.25", "0.3333", "1", "0"."""
    if total <= 0:
        return "0"
    q = (Decimal(count) / Decimal(total)).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)
    return format(q.normalize(), "f")


def percent(count: int, total: int) -> str:
    """``count / total`` as a percentage with one place: "25.0%"."""
    if total <= 0:
        return "0.0%"
    return f"{(Decimal(count * 100) / Decimal(total)).quantize(Decimal('0.1'), ROUND_HALF_EVEN)}%"


def bar(count: int, largest: int, width: int) -> str:
    """A bar of block characters, ``width`` cells for ``largest``, in eighths; never empty for a count > 0."""
    if largest <= 0 or count <= 0:
        return ""
    eighths = max(1, (count * width * 8 + largest // 2) // largest)
    return "█" * (eighths // 8) + _EIGHTHS[eighths % 8]


def ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    """Largest first; equal counts by name, so the order is the same for the same data."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def headline(stats: Stats) -> str:
    outcomes = " · ".join(f"{stats.by_outcome[o]:,} {o}" for o in OUTCOMES if stats.by_outcome[o])
    noun = "diagnosis" if stats.total == 1 else "diagnoses"
    return f"{stats.total:,} {noun}" + (f": {outcomes}" if outcomes else "")


# --- terminal ----------------------------------------------------------------------------------------


def render_rich(stats: Stats, *, width: int = 100) -> RenderableType:
    """Two tables, by verdict (bars coloured by outcome) and by chain, under a one-line headline. The bars
    take what ``width`` leaves after the numbers (at most 40 cells); on a very narrow terminal they go."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def t(text: object, style: str = "") -> Text:
        return Text(literal(str(text)), style=style)

    def table(title: str, first: str, counter: Counter[str], with_outcome: bool) -> tuple[Table, int]:
        tbl = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, show_edge=False,
                    header_style="bold", padding=(0, 1), expand=False)
        # What the bar can have: the width minus the other columns (each padded by 1 a side, 1 between).
        name_w = max(len(first), min(32, max((len(literal(k)) for k in counter), default=0)))
        count_w = max(len("count"), len(f"{max(counter.values(), default=0):,}"))
        others = [name_w, count_w, len("100.0%")] + ([len("unknown")] if with_outcome else [])
        bar_w = min(40, width - sum(w + 3 for w in others) - 2)
        tbl.add_column(first, overflow="fold", max_width=MAX_KEY_LEN)
        if with_outcome:
            tbl.add_column("outcome", no_wrap=True)
        tbl.add_column("count", justify="right", no_wrap=True)
        tbl.add_column("share", justify="right", no_wrap=True)
        if bar_w >= 5:
            tbl.add_column("", no_wrap=True, overflow="crop")
        return tbl, (bar_w if bar_w >= 5 else 0)

    def bar_cell(n: int, largest: int, bar_w: int, style: str) -> list[Text]:
        return [t(bar(n, largest, bar_w), style)] if bar_w else []

    verdicts, bar_w = table("by verdict", "verdict", stats.by_verdict, True)
    largest = max(stats.by_verdict.values(), default=0)
    for v, n in ranked(stats.by_verdict):
        style = STYLE[stats.outcome(v)]
        verdicts.add_row(t(v), t(stats.outcome(v), style), t(f"{n:,}"), t(percent(n, stats.total)),
                         *bar_cell(n, largest, bar_w, style))
    chains, bar_w = table("by chain", "chain", stats.by_chain, False)
    largest = max(stats.by_chain.values(), default=0)
    for c, n in ranked(stats.by_chain):
        chains.add_row(t(c), t(f"{n:,}"), t(percent(n, stats.total)), *bar_cell(n, largest, bar_w, CHAIN_STYLE))
    return Group(t(headline(stats), "bold"), Text(""), verdicts, Text(""), chains)


def render_text(stats: Stats, color: bool, width: int) -> str:
    """The terminal view as a string (ANSI colour only when ``color``)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False, markup=False, color_system="standard" if color else None)
    console.print(render_rich(stats, width=width))
    if color:
        return buffer.getvalue()
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())  # no padding to paste


# --- Markdown ----------------------------------------------------------------------------------------


def render_markdown(stats: Stats) -> str:
    from supportctl.render.markdown_view import code, esc

    lines = [f"**{esc(headline(stats))}**", "",
             "| Verdict | Outcome | Count | Share | |", "| --- | --- | ---: | ---: | --- |"]
    largest = max(stats.by_verdict.values(), default=0)
    lines += [f"| {code(v)} | {stats.outcome(v)} | {n:,} | {percent(n, stats.total)} | {bar(n, largest, 20)} |"
              for v, n in ranked(stats.by_verdict)]
    lines += ["", "| Chain | Count | Share | |", "| --- | ---: | ---: | --- |"]
    largest = max(stats.by_chain.values(), default=0)
    lines += [f"| {code(c)} | {n:,} | {percent(n, stats.total)} | {bar(n, largest, 20)} |"
              for c, n in ranked(stats.by_chain)]
    return "\n".join(lines) + "\n"


# --- HTML --------------------------------------------------------------------------------------------

_CSS = """\
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;
margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.meta{color:#59636e;margin:0}.headline{font-size:1.05rem;margin:.75rem 0 0}
ul.outcomes{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em}
svg{display:block;max-width:100%;height:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #d1d9e0;vertical-align:middle}
th{font-weight:600;border-bottom-width:2px}
td.num,th.num{text-align:right;white-space:nowrap}td.name{font-family:ui-monospace,Menlo,Consolas,monospace;
word-break:break-all}td.barcell{width:35%}
.bar{display:block;height:.8em;border-radius:2px}
tfoot td{font-weight:600;border-bottom:none}
dl.tickets dt{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600;margin-top:.75rem}
dl.tickets dd{margin:.25rem 0 0 1.1rem;font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
dl.tickets .count{color:#59636e;font-weight:400}
@media print{body{margin:0;max-width:none}}
"""

_ROW, _BAR_H, _BAR_MAX, _CHAR_W = 24, 16, 400, 7.8  # SVG geometry (px); monospace at 13px ≈ 7.8px a char


def _h(text: object) -> str:
    """Untrusted text for HTML and SVG: controls made visible, then every markup character escaped."""
    return html.escape(literal(str(text)), quote=True)


def render_svg(stats: Stats) -> str:
    """A horizontal bar chart by verdict, as standalone well-formed SVG: one ``<rect>`` per verdict, its
    width proportional to the count."""
    rows = ranked(stats.by_verdict)
    largest = max((n for _, n in rows), default=0)
    label_w = round(max((len(literal(v)) for v, _ in rows), default=8) * _CHAR_W) + 16
    width, height = label_w + _BAR_MAX + 150, max(1, len(rows)) * _ROW + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart-title" '
        'font-family="ui-monospace,Menlo,Consolas,monospace" font-size="13">',
        '<title id="chart-title">Diagnoses by verdict</title>',
    ]
    if not rows:
        out.append(f'<text x="4" y="{_ROW - 7}" fill="#59636e">no diagnoses</text>')
    for i, (v, n) in enumerate(rows):
        y, colour = 4 + i * _ROW, COLOUR[stats.outcome(v)]
        w = n * _BAR_MAX / largest
        label = f"{n:,} ({percent(n, stats.total)})"
        out.append(
            f'<g><text x="{label_w - 8}" y="{y + 13}" text-anchor="end" fill="#1f2328">{_h(v)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.2f}" height="{_BAR_H}" rx="2" fill="{colour}">'
            f"<title>{_h(v)}: {label}</title></rect>"
            f'<text x="{label_w + w + 6:.2f}" y="{y + 13}" fill="#59636e">{label}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _table(stats: Stats, first: str, counter: Counter[str], with_outcome: bool) -> list[str]:
    head = f"<th>{first}</th>" + ("<th>Outcome</th>" if with_outcome else "")
    out = ["<table>", f'<thead><tr>{head}<th class="num">Count</th><th class="num">Share</th><th></th></tr></thead>',
           "<tbody>"]
    largest = max(counter.values(), default=0)
    for key, n in ranked(counter):
        colour = COLOUR[stats.outcome(key)] if with_outcome else CHAIN_COLOUR
        outcome = f"<td>{_h(stats.outcome(key))}</td>" if with_outcome else ""
        pct = f"{n * 100 / largest:.2f}" if largest else "0"
        out.append(
            f'<tr><td class="name">{_h(key)}</td>{outcome}<td class="num">{n:,}</td>'
            f'<td class="num">{percent(n, stats.total)}</td>'
            f'<td class="barcell"><span class="bar" style="width:{pct}%;background:{colour}"></span></td></tr>'
        )
    span = 2 if with_outcome else 1
    out += ["</tbody>",
            f'<tfoot><tr><td colspan="{span}">Total</td><td class="num">{stats.total:,}</td>'
            f'<td class="num">{percent(stats.total, stats.total) if stats.total else "—"}</td><td></td></tr></tfoot>',
            "</table>"]
    return out


def _tickets(stats: Stats) -> list[str]:
    """The tickets of each verdict, in the verdict table's order: the ticket IDs (or input lines) to open."""
    rows = [(v, sorted(stats.tickets[v], key=_natural), stats.more_tickets[v])
            for v, _ in ranked(stats.by_verdict) if stats.tickets.get(v)]
    if not rows:
        return []
    out = ["<h2>Tickets by verdict</h2>", '<dl class="tickets">']
    for verdict, ids, more in rows:
        listed = ", ".join(f"<span>{_h(t)}</span>" for t in ids)
        rest = f" <em>and {more:,} more</em>" if more else ""
        out.append(f'<dt><span class="dot" style="background:{COLOUR[stats.outcome(verdict)]}"></span>{_h(verdict)} '
                   f'<span class="count">({len(ids) + more:,})</span></dt><dd>{listed}{rest}</dd>')
    out.append("</dl>")
    return out


def render_html(stats: Stats, title: str, generated: str | None = None) -> str:
    """A complete HTML5 page for a team lead: headline, the chart by verdict (inline SVG), the verdict and
    chain tables, the tickets of each verdict. Self-contained (inline CSS, no script, nothing fetched); the same
    bytes for the same rows in any order (up to ``MAX_TICKETS`` tickets a verdict), except the optional
    ``generated`` line."""
    outcomes = [
        f'<li><span class="dot" style="background:{COLOUR[o]}"></span>{o}: <strong>{stats.by_outcome[o]:,}</strong>'
        f" ({percent(stats.by_outcome[o], stats.total)})</li>"
        for o in OUTCOMES if stats.by_outcome[o]
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Defence in depth: even if something slipped through escaping, nothing runs and nothing is fetched.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="supportctl">',
        f"<title>{_h(title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(title)}</h1>",
    ]
    if generated is not None:
        parts.append(f'<p class="meta generated">Generated {_h(generated)}</p>')
    parts += [f'<p class="headline">{_h(headline(stats))}</p>']
    if outcomes:
        parts += ['<ul class="outcomes">', *outcomes, "</ul>"]
    parts += ["<h2>By verdict</h2>", render_svg(stats), *_table(stats, "Verdict", stats.by_verdict, True)]
    parts += ["<h2>By chain</h2>", *_table(stats, "Chain", stats.by_chain, False)]
    parts += _tickets(stats)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
