"""``--redact``: customer addresses masked (first 6 / last 4) in everything a diagnosis shows, so it can be
shared outside the support team. Transaction hashes stay: they are public and the evidence."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from supportctl.model import Diagnosis


def mask(address: str) -> str:
    return address if len(address) <= 12 else f"{address[:6]}…{address[-4:]}"


def redact_text(text: str) -> str:
    from supportctl.addressing import ADDRESS_PATTERN, analyze

    def sub(m: re.Match[str]) -> str:
        return mask(m.group(0)) if analyze(m.group(0)).matches else m.group(0)

    return ADDRESS_PATTERN.sub(sub, text)


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: _walk(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_walk(v) for v in value)
    return value


def redact_diagnosis(d: Diagnosis) -> Diagnosis:
    subject = dataclasses.replace(
        d.subject, input=redact_text(d.subject.input), to=d.subject.to and redact_text(d.subject.to),
        compare=d.subject.compare and redact_text(d.subject.compare),
    )
    findings = tuple(
        dataclasses.replace(f, message=redact_text(f.message), evidence=_walk(dict(f.evidence))) for f in d.findings
    )
    return dataclasses.replace(d, subject=subject, summary=redact_text(d.summary), facts=_walk(dict(d.facts)),
                               findings=findings, reply=redact_text(d.reply))
