"""Markdown an agent can paste into a ticket. Untrusted text is escaped so it cannot become a link,
an image or formatting, and control characters are made visible."""

from __future__ import annotations

import re

from supportctl.core.model import Diagnosis, TicketDiagnosis
from supportctl.render import fact_keys, fact_lines
from supportctl.render.safe import literal

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # enough that untrusted text cannot link, embed or format
_EMOJI = {"ok": "✅", "info": "⏳", "warning": "⚠️", "error": "❌", "unknown": "❓"}


def esc(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", literal(str(text)))


def code(text: object) -> str:
    # Every code span sits in a table cell: an unescaped | would end the cell (and the span) early.
    body = literal(str(text)).replace("`", "'").replace("|", "\\|")
    return f"`{body}`"


def render_markdown(d: Diagnosis, *, reply: bool = True) -> str:
    sev = str(d.severity)
    lines = [
        f"### {_EMOJI.get(sev, '')} {d.subject.kind.value.capitalize()}: **{d.verdict.value}**",
        "",
        esc(d.summary),
        "",
        "| Fact | Value |",
        "| --- | --- |",
    ]
    lines.append(f"| input | {code(d.subject.input)} |")
    for key in fact_keys(d.facts, d.subject.input):
        if d.facts[key] is None:
            continue
        value = d.facts[key]
        if key == "explorer_url" and isinstance(value, str) and value.startswith("https://"):
            cell = f"<{literal(value).replace('>', '%3E').replace(' ', '%20')}>"
        elif key.endswith("transfers") or isinstance(value, dict):
            cell = "<br>".join(code(line) for line in fact_lines(value))
        elif isinstance(value, list):
            cell = ", ".join(code(v) for v in value)
        else:
            cell = code(value)
        lines.append(f"| {key} | {cell} |")
    lines += ["", "| Check | Severity | Finding |", "| --- | --- | --- |"]
    lines += [f"| {f.check} {esc(f.name)} | {f.severity.value} | {esc(f.message)} |" for f in d.findings]
    if reply:
        lines += _reply(d.reply, d.lang.value)
    return "\n".join(lines) + "\n"


def _reply(text: str, lang: str) -> list[str]:
    lines = ["", f"**Suggested reply ({lang}):**", ""]
    return lines + ["> " + esc(line) if line else ">" for line in literal(text, one_line=False).split("\n")]


def render_ticket_markdown(t: TicketDiagnosis) -> str:
    """The ticket: its verdict, the customer's claims, what relating the evidence found, each item (without
    its own reply), and the one reply to send."""
    sev = str(t.severity)
    lines = [f"## {_EMOJI.get(sev, '')} Ticket: **{t.verdict.value}**", "", esc(t.summary), ""]
    if t.claims:
        lines += ["| Claim | Value | Customer's words |", "| --- | --- | --- |"]
        lines += [f"| {esc(c.name)} | {code(c.value)} | {code(c.words)} |" for c in t.claims]
        lines.append("")
    if t.findings:
        lines += ["| Check | Severity | Finding |", "| --- | --- | --- |"]
        lines += [f"| {f.check} {esc(f.name)} | {f.severity.value} | {esc(f.message)} |" for f in t.findings]
        lines.append("")
    for i in t.items:
        lines += [f"**{esc(i.role)}**" + (f" — {esc(i.words)}" if i.words else ""), ""]
        lines.append(render_markdown(i.diagnosis, reply=False).replace("### ", "#### ", 1))
    lines += _reply(t.reply, t.lang.value)
    return "\n".join(lines) + "\n"
