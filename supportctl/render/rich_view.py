"""The terminal view: verdict panel, facts, findings, the reply, the explorer link.

Every piece of text goes in as a ``rich.text.Text`` (never a markup string), after ``literal``, so
nothing from a chain or a customer is read as markup or reaches the terminal as an escape sequence.

``ansi_view`` draws a diagnosis's view (``view``) by hand, the same bytes, when it can measure the text; this module
draws tickets and the rest. A change to ``view``'s layout is made in both (tests/test_render_ansi.py compares them).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from supportctl.core.model import Diagnosis, Finding, TicketDiagnosis
from supportctl.render import ICON, STYLE, fact_rows
from supportctl.render.safe import literal


def t(text: object, style: str = "") -> Text:
    return Text(literal(str(text)), style=style)


def view(d: Diagnosis, *, reply: bool = True, role: str = "") -> Group:
    sev = str(d.severity)
    head = Text.assemble(t(f"{ICON[sev]} {d.verdict.value}", STYLE[sev]), "  ", t(d.subject.kind.value, "dim"),
                         t(f" · {role}" if role else "", "dim"))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    for key, lines in fact_rows(d):
        facts.add_row(t(key), Text("\n").join(t(line) for line in lines))
    parts: list[Text | Table | Panel] = [
        Panel(Group(head, t(d.summary)), border_style=STYLE[sev].split()[-1], expand=True),
        facts,
        Text(""),
        findings_table(d.findings),
    ]
    url = d.facts.get("explorer_url")
    if isinstance(url, str):
        parts.append(Text.assemble(t("explorer ", "dim"), t(url, "underline")))
    if reply:
        parts.append(reply_panel(d.reply, d.lang.value))
    return Group(*parts)


def findings_table(found: Sequence[Finding]) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), expand=False)
    table.add_column("check", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("finding", overflow="fold")
    for f in found:
        s = str(f.severity)
        table.add_row(t(f"{f.check} {f.name}", "dim"), t(ICON[s], STYLE[s]), t(f.message))
    return table


def reply_panel(text: str, lang: str) -> Panel:
    return Panel(Text(literal(text, one_line=False)), title=f"suggested reply ({lang})", title_align="left",
                 border_style="dim")


def ticket_view(tk: TicketDiagnosis) -> Group:
    """The ticket first (its verdict, the customer's claims with their words, what relating the evidence
    found), then each item as its own view without a reply, then the one reply to send."""
    sev = str(tk.severity)
    head = Text.assemble(t(f"{ICON[sev]} {tk.verdict.value}", STYLE[sev]), "  ", t("ticket", "dim"),
                         t(f" · {len(tk.items)} item{'s' if len(tk.items) != 1 else ''} · reply in {tk.lang.value}",
                           "dim"))
    parts: list[Text | Table | Panel | Group] = [
        Panel(Group(head, t(tk.summary)), border_style=STYLE[sev].split()[-1], expand=True)]
    if tk.claims:
        claims = Table.grid(padding=(0, 2))
        claims.add_column(style="dim", no_wrap=True)
        claims.add_column(overflow="fold")
        claims.add_column(style="dim", overflow="fold")
        for c in tk.claims:
            claims.add_row(t(f"claim {c.name}"), t(c.value), t(f"“{c.words}”" if c.words != c.value else ""))
        parts.append(claims)
    if tk.reported:
        parts.append(Text.assemble(t("reported ", "dim"), t(", ".join(tk.reported))))
    if tk.findings:
        parts += [Text(""), findings_table(tk.findings)]
    for i in tk.items:
        parts += [Text(""), view(i.diagnosis, reply=False, role=i.role)]
    parts += [Text(""), reply_panel(tk.reply, tk.lang.value)]
    return Group(*parts)


def render_rich(diagnoses: Sequence[Diagnosis | TicketDiagnosis], *, color: bool, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, emoji=False, markup=False, color_system="standard" if color else None)
    for i, d in enumerate(diagnoses):
        if i:
            console.print()
        console.print(ticket_view(d) if isinstance(d, TicketDiagnosis) else view(d))
    return buffer.getvalue()
