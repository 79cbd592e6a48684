"""The address kind: "is this address right?". Its facts record (every reading of the string as an address),
what the facts show and what the reply may say. No network."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from supportctl.addressing import Analysis, analyze
from supportctl.core.config import Config
from supportctl.core.model import ChainKey, Finding, Kind, Lang, Subject, Verdict
from supportctl.core.registry import Family, spec

KIND = Kind.ADDRESS

PRECEDENCE: tuple[Verdict, ...] = (
    Verdict.INVALID_FORMAT,
    Verdict.INVALID_CHECKSUM,
    Verdict.WRONG_NETWORK,
    Verdict.LOOKALIKE,
    Verdict.UNKNOWN,
    Verdict.MEMO_REQUIRED,
    Verdict.VALID,
)

_KEY_LIKE = re.compile(r"(?:0[xX])?[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class AddressFacts:
    subject: Subject  # as shown: 32 bytes of hex (a transaction hash or a private key) are never echoed whole
    config: Config
    text: str = ""  # what is analysed (the input as pasted); empty: the subject's input

    @cached_property
    def analysis(self) -> Analysis:
        return analyze(self.text or self.subject.input)

    @cached_property
    def chains(self) -> tuple[ChainKey, ...]:
        seen: dict[ChainKey, None] = {}
        for m in self.analysis.matches:
            for c in m.chains:
                seen[ChainKey(c)] = None
        return tuple(seen)

    @cached_property
    def testnet(self) -> bool:
        return bool(self.analysis.matches) and all(m.network == "testnet" for m in self.analysis.matches)

    @cached_property
    def tag(self) -> int | None:
        return next((m.tag for m in self.analysis.matches if m.tag is not None), None)

    @cached_property
    def target_chains(self) -> tuple[ChainKey, ...]:
        """The chains the address is meant for: --chain, else those where the venue takes --currency."""
        if self.subject.chain:
            return (self.subject.chain,)
        if self.subject.currency:
            cur = self.subject.currency.upper()
            return tuple(dict.fromkeys(a.chain for a in self.config.assets if a.currency == cur))
        return ()

    def memo_required(self, chain: ChainKey) -> bool:
        if spec(chain).family is Family.XRP:
            return True
        cur = (self.subject.currency or "").upper()
        return any(a.memo_required for a in self.config.assets_on(chain) if not cur or a.currency == cur)



def gather(subject: Subject, config: Config) -> AddressFacts:
    text = subject.input.strip()
    if _KEY_LIKE.fullmatch(text):
        return AddressFacts(replace(subject, input=f"{text[:6]}…{text[-4:]}"), config, text)
    return AddressFacts(subject, config)


def reply_values(facts: AddressFacts, findings: tuple[Finding, ...], shown: dict[str, Any],
                 lang: Lang) -> dict[str, object]:
    values: dict[str, object] = {"address": facts.subject.input.strip(),
                                 "chains": ", ".join(spec(c).name for c in facts.chains)}
    if facts.target_chains:
        values["chain"] = ", ".join(spec(c).name for c in facts.target_chains)
    return values


def shown(facts: AddressFacts, findings: tuple[Finding, ...]) -> dict[str, Any]:
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
