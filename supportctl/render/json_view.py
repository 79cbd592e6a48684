"""JSON per DESIGN's schema ``supportctl.diagnosis/1``: sorted keys, decimal strings, the same bytes for
the same input. Several diagnoses are written one object per line (JSONL)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from supportctl.core.model import Diagnosis, Subject
from supportctl.render.safe import json_safe

SCHEMA = "supportctl.diagnosis/1"


def subject_dict(s: Subject) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": str(s.kind), "input": s.input, "chain": s.chain}
    for k in ("to", "memo", "currency", "compare", "symbol"):
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
        "findings": [
            {"check": f.check, "name": f.name, "severity": str(f.severity), "message": f.message,
             "evidence": dict(f.evidence)}
            for f in d.findings
        ],
        "reply": {"lang": str(d.lang), "text": d.reply},
    }


def dumps(obj: Any) -> str:
    return json_safe(json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(", ", ": "), default=_plain))


def _plain(value: object) -> str:
    """Decimals as plain decimal strings ("100", never "1E+2"); anything else as its text."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def render_jsonl(diagnoses: Sequence[Diagnosis]) -> str:
    return "".join(dumps(as_dict(d)) + "\n" for d in diagnoses)
