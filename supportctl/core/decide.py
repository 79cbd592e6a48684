"""Findings → one verdict, by a documented precedence.

Each kind lists its verdicts from strongest to weakest (``PRECEDENCE`` in ``kinds/<kind>.py``); the strongest
verdict any finding argues for wins. Definite problems come first (a failed transaction outranks a confirmation count);
`unknown` comes next and outranks every verdict that would tell the customer all is well, so a missing
or untrusted fact never lets a success through. A success verdict is given only when a check argued for
it; no finding at all means `unknown`.
"""

from __future__ import annotations

from collections.abc import Sequence

from supportctl.core.model import Finding, Verdict


def decide(order: Sequence[Verdict], findings: Sequence[Finding]) -> tuple[Verdict, Finding | None]:
    """The verdict and the finding that decided it (``None`` when nothing argued for any verdict), by ``order``:
    a kind's precedence, strongest first (each kind declares its own: ``kinds/<kind>.py``)."""
    rank = {v: i for i, v in enumerate(order)}
    best: tuple[int, Finding] | None = None
    for f in findings:
        if f.verdict is None or f.verdict not in rank:
            continue
        r = rank[f.verdict]
        if best is None or r < best[0]:
            best = (r, f)
    if best is None:
        return Verdict.UNKNOWN, None
    return order[best[0]], best[1]
