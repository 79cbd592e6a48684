"""render: leaves that turn diagnoses into text — rich (the only place rich is imported), the same terminal view
drawn by hand where it can be (``ansi_view``: no rich to import), json, markdown, the stats table and report, the
bulk progress bar, and ``--redact``.

May import: addressing, core. Never engine, kinds, checks, chains, venue, commands, cli.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supportctl.core.model import Diagnosis, Format, TicketDiagnosis

FACT_ORDER = (
    "chain", "chains", "status", "amount", "currency", "listed", "to", "from", "memo", "confirmations",
    "required_confirmations", "block", "tip", "contract", "fail_reason", "found_on", "network", "kind",
    "checksum", "normalized", "tag", "memo_required", "claims", "transfers", "intended_transfers",
)


def fact_keys(facts: Mapping[str, object], shown_input: str | None = None) -> list[str]:
    """Facts in the order an agent reads them: what and where first, plumbing last. A fact that repeats the
    input already shown (a deposit's ``tx_hash``) is left out of the views; JSON keeps every fact."""
    rank = {k: i for i, k in enumerate(FACT_ORDER)}
    keys = [k for k in facts if not (shown_input is not None and k == "tx_hash" and facts[k] == shown_input)]
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))


def fact_lines(value: object) -> list[str]:
    """A fact as lines of plain text (the renderers escape them): a list one item per line, a transfer as
    "300 USDT 0xfrom → 0xto (contract …)", a mapping (the customer's claims) as "key: value" pairs."""
    if isinstance(value, list | tuple):
        return [line for v in value for line in fact_lines(v)]
    if isinstance(value, Mapping):
        if "to" in value and "from" in value and "listed" in value:  # one transfer (claims have to and from too)
            what = " ".join(str(value[k]) for k in ("amount", "currency") if value.get(k) is not None)
            if "amount" not in value and "raw" in value:
                what = f"{value['raw']} units {value.get('currency') or ''}".strip()
            line = f"{what or 'an amount'} {value['from']} → {value['to']}"
            if value.get("contract"):
                line += f" (contract {value['contract']}{'' if value.get('listed') else ', not listed'})"
            if value.get("memo") is not None:
                line += f" memo {value['memo']}"
            return [line]
        return ["; ".join(f"{k}: {v}" for k, v in sorted(value.items()))]
    return [str(value)]


# The terminal view's styles and icons, by severity (rich_view draws them with rich, ansi_view by hand).
STYLE = {"ok": "bold green", "info": "bold cyan", "warning": "bold yellow", "error": "bold red",
         "unknown": "bold magenta"}
ICON = {"ok": "✔", "info": "…", "warning": "!", "error": "✘", "unknown": "?"}


def fact_rows(d: Diagnosis) -> list[tuple[str, list[str]]]:
    """The facts of the terminal view, each a key and its lines of plain text: the input first, then the facts
    in ``fact_keys`` order, without the empty ones and the explorer link (shown on its own line)."""
    rows: list[tuple[str, list[str]]] = [("input", [d.subject.input])]
    for key in fact_keys(d.facts, d.subject.input):
        value = d.facts[key]
        if value is None or key == "explorer_url":
            continue
        if key.endswith("transfers") or isinstance(value, dict):
            rows.append((key, fact_lines(value)))
        else:
            rows.append((key, [", ".join(str(v) for v in value) if isinstance(value, list) else str(value)]))
    return rows


def render(diagnoses: Sequence[Diagnosis], fmt: Format, *, color: bool = True, width: int | None = None) -> str:
    if fmt is Format.JSON:
        from supportctl.render.json_view import render_jsonl

        return render_jsonl(diagnoses)
    if fmt is Format.MARKDOWN:
        from supportctl.render.markdown_view import render_markdown

        return "\n---\n\n".join(render_markdown(d) for d in diagnoses)
    from supportctl.render.ansi_view import render_ansi

    drawn = render_ansi(diagnoses, color=color, width=width)  # rich's bytes without rich, when it can measure
    if drawn is not None:
        return drawn
    from supportctl.render.rich_view import render_rich

    return render_rich(diagnoses, color=color, width=width)


def render_ticket(ticket: TicketDiagnosis, fmt: Format, *, color: bool = True, width: int | None = None) -> str:
    """One ticket: ``supportctl.ticket/1`` JSON (one line), Markdown for the ticket, or the terminal view."""
    if fmt is Format.JSON:
        from supportctl.render.json_view import dumps, ticket_dict

        return dumps(ticket_dict(ticket)) + "\n"
    if fmt is Format.MARKDOWN:
        from supportctl.render.markdown_view import render_ticket_markdown

        return render_ticket_markdown(ticket)
    from supportctl.render.rich_view import render_rich

    return render_rich([ticket], color=color, width=width)
