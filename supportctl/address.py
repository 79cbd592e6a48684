"""The address pipeline: analyse → check → decide → reply. No network."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from supportctl import checks, replies
from supportctl.chains.registry import spec
from supportctl.checks.address import AddressFacts
from supportctl.core.config import Config
from supportctl.core.decide import decide
from supportctl.core.model import ChainKey, Diagnosis, Kind, Lang, Subject

_KEY_LIKE = re.compile(r"(?:0[xX])?[0-9a-fA-F]{64}")


def diagnose(subject: Subject, config: Config, lang: Lang) -> Diagnosis:
    facts = AddressFacts(subject, config)
    if _KEY_LIKE.fullmatch(subject.input.strip()):
        # 32 bytes of hex are a transaction hash or a private key: never an address, and never echoed whole
        text = subject.input.strip()
        subject = replace(subject, input=f"{text[:6]}…{text[-4:]}")
    findings = checks.run_all(Kind.ADDRESS, facts)
    verdict, decisive = decide(Kind.ADDRESS, findings)
    shown = fact_record(facts)
    names = ", ".join(spec(c).name for c in facts.chains)
    values: dict[str, object] = {"address": subject.input.strip(), "chains": names}
    if facts.target_chains:
        values["chain"] = ", ".join(spec(c).name for c in facts.target_chains)
    reply = replies.render(Kind.ADDRESS, verdict, lang, values)
    summary = decisive.message if decisive else "No check could reach a verdict"
    return Diagnosis(subject, verdict, summary, shown, findings, reply, lang)


def fact_record(facts: AddressFacts) -> dict[str, Any]:
    a = facts.analysis
    if not a.matches:
        return {"chains": [], "valid": False}
    first = a.matches[0]
    chains: list[ChainKey] = list(facts.chains)
    out: dict[str, Any] = {
        "chains": chains,
        "families": sorted({m.family for m in a.matches}),
        "network": first.network,
        "kind": first.kind,
        "checksum": first.checksum,
        "normalized": first.normalized,
        "memo_required": any(facts.memo_required(c) for c in chains) and facts.tag is None,
        "valid": True,
    }
    if facts.tag is not None:
        out["tag"] = facts.tag
    return out
