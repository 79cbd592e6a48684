"""The terminal view of diagnoses drawn without rich: the bytes ``rich_view`` writes, character for character and
colour sequence for colour sequence.

Importing rich and laying the view out costs ~25 ms, a fifth of ``supportctl address``. This module draws the
same panel, facts grid, findings table, explorer line and reply panel by hand, following rich's own rules (word
wrap and fold, column widths, padding, where each styled segment starts and ends). It draws only what it can
measure exactly: text whose every character takes one terminal cell in rich's tables (Latin, Greek, Cyrillic, box
drawing and the few symbols the views use), on a terminal at least ``MIN_WIDTH`` wide, outside Windows' legacy
console. For anything else (Chinese, emoji, combining marks, a narrow terminal, a layout rich would squeeze)
``render_ansi`` returns None and rich draws the view. Tickets are always drawn by rich.

tests/test_render_ansi.py holds both renderers to the same bytes, over real diagnoses and random text. Untrusted
text goes through ``literal`` first, exactly as in ``rich_view``: nothing is read as markup, no control character
reaches the terminal.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from supportctl.render import ICON, STYLE, fact_rows
from supportctl.render.safe import literal

if TYPE_CHECKING:
    from supportctl.core.model import Diagnosis, Finding, TicketDiagnosis

MIN_WIDTH = 40  # narrower, rich squeezes columns in ways not worth copying

# Characters rich measures as one cell: its own single-cell ranges (rich.cells._SINGLE_CELL_UNICODE_RANGES), and
# the symbols the views and replies use, each one cell in every Unicode table rich ships (tests check both).
_ONE_CELL = re.compile("[\n\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2500-\u25fc\u2800-\u28ff"
                       "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2192\u2714\u2718]*")

# Select Graphic Rendition codes of the styles the views use, in rich's order (attributes, then the colour).
_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4}
_COLORS = {"black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35, "cyan": 36, "white": 37}

_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_TRAILING_SPACE = re.compile(r"\s+$")  # rich.text._re_whitespace


class _Unsupported(Exception):
    """A layout this module does not copy: rich draws it."""


def _sgr(style: str) -> str:
    attributes: list[int] = []
    colors: list[int] = []
    for word in style.split():
        if word in _ATTRIBUTES:
            attributes.append(_ATTRIBUTES[word])
        elif word in _COLORS and not colors:
            colors.append(_COLORS[word])
        else:
            raise _Unsupported(style)
    return ";".join(str(c) for c in [*sorted(set(attributes)), *colors])


Segment = tuple[str, str]  # text, style ("" for none)
Line = list[Segment]


class _Text:
    """rich.text.Text, as far as the views use it: plain text, a base style, and styled spans."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, plain: str, style: str = "", spans: list[tuple[int, int, str]] | None = None) -> None:
        if _ONE_CELL.fullmatch(plain) is None:
            raise _Unsupported("a character this module cannot measure")
        self.plain = plain
        self.style = style
        self.spans = spans or []

    def crop_to(self, length: int) -> None:
        """Shorten to ``length`` characters; spans past the end are cut (Text._trim_spans / right_crop)."""
        self.plain = self.plain[:length]
        self.spans = [(s, min(e, length), st) for s, e, st in self.spans if s < length]

    def segments(self) -> Line:
        """The segments rich renders this line as: split at every span boundary, each with its style."""
        if not self.spans:
            return [(self.plain, self.style)] if self.plain else []
        bounds = sorted({0, len(self.plain), *(s for s, _, _ in self.spans), *(e for _, e, _ in self.spans)})
        out: Line = []
        for start, end in zip(bounds, bounds[1:], strict=False):
            if end <= start:
                continue
            styles = [st for s, e, st in self.spans if s <= start and end <= e]
            styles = [st for st in (self.style, *styles) if st]
            if len(styles) > 1:
                raise _Unsupported("overlapping styles")
            out.append((self.plain[start:end], styles[0] if styles else ""))
        return out


def _styled(*parts: tuple[str, str]) -> _Text:
    """Text.assemble of (text, style) parts: a span for each styled, non-empty part."""
    plain, spans = "", []
    for text, style in parts:
        if text and style:
            spans.append((len(plain), len(plain) + len(text), style))
        plain += text
    return _Text(plain, "", spans)


def _divide_line(text: str, width: int, fold: bool) -> list[int]:
    """rich._wrap.divide_line for one-cell characters: the offsets where the line breaks."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for i, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if i == len(pieces) - 1:
                        offset = len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _divide(line: _Text, offsets: list[int]) -> list[_Text]:
    """Text.divide: the line cut at ``offsets``, each piece keeping the spans over it."""
    if not offsets:
        return [_Text(line.plain, line.style, list(line.spans))]
    edges = [0, *offsets, len(line.plain)]
    out = []
    for start, end in zip(edges, edges[1:], strict=False):
        spans = [(max(0, s - start), min(e - start, end - start), st) for s, e, st in line.spans]
        out.append(_Text(line.plain[start:end], line.style, [(s, e, st) for s, e, st in spans if e > s]))
    return out


def _truncate(line: _Text, width: int, overflow: str, pad: bool = False) -> None:
    """Text.truncate for one-cell characters."""
    length = len(line.plain)
    if length > width:
        if overflow == "ellipsis":
            line.plain = line.plain[: width - 1] + "…"
            line.spans = [(s, min(e, width), st) for s, e, st in line.spans if s < width]
        else:
            line.crop_to(width)
    if pad and length < width:
        line.plain += " " * (width - length)


def _wrap(text: _Text, width: int, *, justify: str, overflow: str, no_wrap: bool) -> list[_Text]:
    """Text.wrap: the text's lines, each word-wrapped (or not) to ``width``, justified and cut."""
    if width < 1:
        raise _Unsupported("no room")
    lines: list[_Text] = []
    edges = [-1] + [i for i, c in enumerate(text.plain) if c == "\n"] + [len(text.plain)]
    for start, end in zip(edges, edges[1:], strict=False):
        s0 = start + 1
        spans = [(max(s, s0) - s0, min(e, end) - s0, st) for s, e, st in text.spans if min(e, end) > max(s, s0)]
        line = _Text(text.plain[s0:end], text.style, spans)
        if no_wrap:
            pieces = [line]
        else:
            pieces = _divide(line, _divide_line(line.plain, width, overflow == "fold"))
            for piece in pieces:  # Text.rstrip_end: trailing whitespace beyond the width goes
                excess = len(piece.plain) - width
                found = _TRAILING_SPACE.search(piece.plain) if excess > 0 else None
                if found is not None:
                    piece.crop_to(len(piece.plain) - min(len(found.group(0)), excess))
        for piece in pieces:
            if justify == "left":
                _truncate(piece, width, overflow, pad=True)
            _truncate(piece, width, overflow)
        lines.extend(pieces)
    return lines


def _block(text: _Text, width: int, *, justify: str = "default", overflow: str = "fold",
           no_wrap: bool = False) -> list[Line]:
    """Console.render_lines of a text: its lines, each padded to ``width`` with an unstyled segment."""
    out = []
    for line in _wrap(text, width, justify=justify, overflow=overflow, no_wrap=no_wrap):
        segments = line.segments()
        if len(line.plain) < width:
            segments.append((" " * (width - len(line.plain)), ""))
        out.append(segments)
    return out


def _with_style(line: Line, style: str) -> Line:
    """Segment.apply_style: a cell's style under each segment's own."""
    if not style:
        return line
    if any(st for _, st in line):
        raise _Unsupported("style over style")
    return [(text, style) for text, _ in line]


# --- tables: rich.table.Table's column widths and rows -------------------------------------------------------


class _Column:
    __slots__ = ("header", "left", "no_wrap", "overflow", "right", "style")

    def __init__(self, *, style: str = "", no_wrap: bool = False, overflow: str = "ellipsis", header: str = "",
                 left: int = 0, right: int = 0) -> None:
        self.style, self.no_wrap, self.overflow, self.header = style, no_wrap, overflow, header
        self.left, self.right = left, right


def _measure_text(plain: str, max_width: int) -> tuple[int, int]:
    """Text.__rich_measure__ through Measurement.get (normalised, at most ``max_width``)."""
    if max_width < 1:
        return 0, 0
    lines = plain.splitlines()
    most = max(len(line) for line in lines) if lines else 0
    words = plain.split()
    least = max(len(word) for word in words) if words else most
    least, most = _normalize(least, most)
    least, most = min(least, max_width), min(most, max_width)
    if most < 1:
        return 0, 0
    return _normalize(least, most)


def _normalize(least: int, most: int) -> tuple[int, int]:
    least = min(max(0, least), most)
    return max(0, least), max(0, max(least, most))


def _measure_cell(plain: str, column: _Column, max_width: int) -> tuple[int, int]:
    """Padding.__rich_measure__ through Measurement.get."""
    if max_width < 1:
        return 0, 0
    extra = column.left + column.right
    if max_width - extra < 1:
        least, most = max_width, max_width
    else:
        least, most = _measure_text(plain, max_width)
        least, most = min(least + extra, max_width), min(most + extra, max_width)
    least, most = _normalize(least, most)
    least, most = min(least, max_width), min(most, max_width)
    if most < 1:
        return 0, 0
    return _normalize(least, most)


def _measure_column(cells: list[str], column: _Column, max_width: int) -> tuple[int, int]:
    if max_width < 1:
        return 0, 0
    found = [_measure_cell(plain, column, max_width) for plain in cells]
    least = max(m[0] for m in found) if found else 1
    most = max(m[1] for m in found) if found else max_width
    return min(least, max_width), min(most, max_width)


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            out.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Table._collapse_widths."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True))
            difference = widest - second
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _table(columns: list[_Column], rows: list[list[_Text]], max_width: int, *, header_style: str | None = None,
           ) -> list[Line]:
    """A box-less rich Table (a grid, or a table with a header row): its lines at ``max_width``."""
    cells = [[row[i].plain for row in rows] for i in range(len(columns))]
    if header_style is not None:
        cells = [[c.header, *col] for c, col in zip(columns, cells, strict=True)]
    widths = [_measure_column(col, c, max_width)[1] or 1 for c, col in zip(columns, cells, strict=True)]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not c.no_wrap for c in columns], max_width)
        if sum(widths) > max_width:
            raise _Unsupported("columns reduced evenly")
        widths = [_measure_column(col, c, w)[1] for w, c, col in zip(widths, columns, cells, strict=True)]
    for width, column, col in zip(widths, columns, cells, strict=True):
        if width - column.left - column.right < 0 or (column.no_wrap and any(
                len(line) > width - column.left - column.right for plain in col for line in plain.split("\n"))):
            raise _Unsupported("a column narrower than its text")
    styled_rows: list[tuple[str | None, list[_Text]]] = []
    if header_style is not None:
        styled_rows.append((header_style, [_Text(c.header) for c in columns]))
    styled_rows += [(None, row) for row in rows]
    out: list[Line] = []
    for row_style, row in styled_rows:
        rendered = []
        for width, column, text in zip(widths, columns, row, strict=True):
            style = row_style if row_style is not None else column.style
            inner = width - column.left - column.right
            lines = []  # no room for the text (Console.render draws nothing): the cell is left blank
            for line in _block(text, inner, justify="left", overflow=column.overflow,
                               no_wrap=column.no_wrap) if inner else ():
                padded = [*([(" " * column.left, "")] if column.left else []), *line,
                          *([(" " * column.right, "")] if column.right else [])]
                lines.append(_with_style(padded, style))
            rendered.append((lines, width, style))
        height = max(1, *(len(lines) for lines, _, _ in rendered))
        for lines, width, style in rendered:  # blank lines below a cell; above it in the header row
            blank = [[(" " * width, style)]] * (height - len(lines))
            lines[:] = blank + lines if row_style is not None else lines + blank
        out += [[seg for lines, _, _ in rendered for seg in lines[n]] for n in range(height)]
    return out


# --- panels ------------------------------------------------------------------------------------------------


def _panel(body: list[_Text], width: int, border: str, title: str | None = None) -> list[Line]:
    """A rounded, expanded rich Panel with padding (0, 1) around ``body``, and a title on the left."""
    inner = width - 4
    top: Line
    if title is None:
        top = [("╭" + "─" * (width - 2) + "╮", border)]
    else:
        label = f" {title} "
        if len(label) > inner:
            raise _Unsupported("title")
        fill = [("─" * (inner - len(label)), border)] if inner > len(label) else []
        top = [("╭─", border), (label, border), *fill, ("─╮", border)]
    middle = [[("│", border), (" ", ""), *line, (" ", ""), ("│", border)]
              for text in body for line in _block(text, inner)]
    return [top, *middle, [("╰" + "─" * (width - 2) + "╯", border)]]


# --- the view --------------------------------------------------------------------------------------------------


def _t(text: object, style: str = "") -> _Text:
    return _Text(literal(str(text)), style)


def _view(d: Diagnosis, width: int) -> list[Line]:
    sev = str(d.severity)
    head = _styled((literal(f"{ICON[sev]} {d.verdict.value}"), STYLE[sev]), ("  ", ""),
                   (literal(d.subject.kind.value), "dim"))
    lines = _panel([head, _t(d.summary)], width, STYLE[sev].split()[-1])
    grid = [_Column(style="dim", no_wrap=True, right=2), _Column(overflow="fold")]
    lines += _table(grid, [[_t(key), _Text("\n".join(literal(x) for x in values))]
                           for key, values in fact_rows(d)], width)
    lines.append([])
    lines += _findings(d.findings, width)
    url = d.facts.get("explorer_url")
    if isinstance(url, str):
        explorer = _styled((literal("explorer "), "dim"), (literal(url), "underline"))
        lines += [line.segments() for line in _wrap(explorer, width, justify="default", overflow="fold",
                                                    no_wrap=False)]
    lines += _panel([_Text(literal(d.reply, one_line=False))], width, "dim", f"suggested reply ({d.lang.value})")
    return lines


def _findings(found: Sequence[Finding], width: int) -> list[Line]:
    columns = [_Column(no_wrap=True, header="check", left=1, right=1), _Column(no_wrap=True, left=1, right=1),
               _Column(overflow="fold", header="finding", left=1, right=1)]
    rows = [[_t(f"{f.check} {f.name}", "dim"), _t(ICON[str(f.severity)], STYLE[str(f.severity)]), _t(f.message)]
            for f in found]
    return _table(columns, rows, width, header_style="bold")


def render_ansi(diagnoses: Sequence[Diagnosis | TicketDiagnosis], *, color: bool,
                width: int | None = None) -> str | None:
    """What ``rich_view.render_rich`` would write for these diagnoses, or None when rich must draw them."""
    from supportctl.core.model import Diagnosis

    width = width or 100
    views = [d for d in diagnoses if isinstance(d, Diagnosis)]
    if width < MIN_WIDTH or sys.platform == "win32" or len(views) != len(diagnoses):
        return None
    try:
        lines: list[Line] = []
        for i, d in enumerate(views):
            if i:
                lines.append([])
            lines += _view(d, width)
        out = []
        for line in lines:
            if sum(len(t) for t, _ in line) > width:  # rich would crop it: a layout this module got wrong
                return None
            for t, style in line:
                out.append(f"\x1b[{_sgr(style)}m{t}\x1b[0m" if color and style and t else t)
            out.append("\n")
        return "".join(out)
    except _Unsupported:
        return None
