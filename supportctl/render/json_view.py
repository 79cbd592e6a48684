"""JSON per DESIGN's schema ``supportctl.diagnosis/1``: sorted keys, decimal strings, the same bytes for
the same input. Several diagnoses are written one object per line (JSONL)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from supportctl.core.model import Diagnosis, Finding, Subject, TicketDiagnosis
from supportctl.render.safe import json_safe

SCHEMA = "supportctl.diagnosis/1"
TICKET_SCHEMA = "supportctl.ticket/1"


def subject_dict(s: Subject) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": str(s.kind), "input": s.input, "chain": s.chain}
    for k in ("to", "memo", "currency", "compare", "symbol", "amount", "sender"):
        v = getattr(s, k)
        if v is not None:
            out[k] = v
    return out


def as_dict(d: Diagnosis) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "subject": subject_dict(d.subject),
        "verdict": str(d.verdict),
        "severity": str(d.severity),
        "summary": d.summary,
        "facts": dict(d.facts),
        "findings": [finding_dict(f) for f in d.findings],
        "reply": {"lang": str(d.lang), "text": d.reply},
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {"check": f.check, "name": f.name, "severity": str(f.severity), "message": f.message,
            "evidence": dict(f.evidence)}


def ticket_dict(t: TicketDiagnosis) -> dict[str, Any]:
    """``supportctl.ticket/1``: the ticket's one verdict and reply, its items (each a ``supportctl.diagnosis/1``
    with the role the ticket's words gave it), the customer's claims with their words, what relating the
    evidence found, and what the customer reported (never part of the reply)."""
    return {
        "schema": TICKET_SCHEMA,
        "verdict": str(t.verdict),
        "severity": str(t.severity),
        "summary": t.summary,
        "lang": {"reply": str(t.lang), "detected": t.detected},
        "items": [{"role": i.role, "words": i.words, "diagnosis": as_dict(i.diagnosis)} for i in t.items],
        "claims": [{"name": c.name, "value": c.value, "words": c.words} for c in t.claims],
        "findings": [finding_dict(f) for f in t.findings],
        "reported": list(t.reported),
        "secrets": list(t.secrets),
        "reply": {"lang": str(t.lang), "text": t.reply},
    }


def dumps(obj: Any) -> str:
    return json_safe(json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(", ", ": "), default=_plain))


def _plain(value: object) -> str:
    """Decimals as plain decimal strings ("100", never "1E+2"); anything else as its text."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def render_jsonl(diagnoses: Sequence[Diagnosis]) -> str:
    return "".join(dumps(as_dict(d)) + "\n" for d in diagnoses)
