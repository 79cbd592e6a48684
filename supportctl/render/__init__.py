"""Renderers are leaves: they turn diagnoses into text. Only ``render.rich_view`` imports rich."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supportctl.model import Diagnosis, Format

FACT_ORDER = (
    "chain", "chains", "status", "amount", "currency", "to", "from", "memo", "confirmations",
    "required_confirmations", "block", "tip", "contract", "fail_reason", "found_on", "network", "kind",
    "checksum", "normalized", "tag", "memo_required",
)


def fact_keys(facts: Mapping[str, object]) -> list[str]:
    """Facts in the order an agent reads them: what and where first, plumbing last."""
    rank = {k: i for i, k in enumerate(FACT_ORDER)}
    return sorted(facts, key=lambda k: (rank.get(k, len(rank)), k))


def render(diagnoses: Sequence[Diagnosis], fmt: Format, *, color: bool = True, width: int | None = None) -> str:
    if fmt is Format.JSON:
        from supportctl.render.json_view import render_jsonl

        return render_jsonl(diagnoses)
    if fmt is Format.MARKDOWN:
        from supportctl.render.markdown_view import render_markdown

        return "\n---\n\n".join(render_markdown(d) for d in diagnoses)
    from supportctl.render.rich_view import render_rich

    return render_rich(diagnoses, color=color, width=width)
