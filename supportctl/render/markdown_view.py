"""Markdown an agent can paste into a ticket. Untrusted text is escaped so it cannot become a link,
an image or formatting, and control characters are made visible."""

from __future__ import annotations

import re

from supportctl.core.model import Diagnosis
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


def render_markdown(d: Diagnosis) -> str:
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
    for key in fact_keys(d.facts):
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
    lines += ["", f"**Suggested reply ({d.lang.value}):**", ""]
    lines += ["> " + esc(line) if line else ">" for line in literal(d.reply, one_line=False).split("\n")]
    return "\n".join(lines) + "\n"
