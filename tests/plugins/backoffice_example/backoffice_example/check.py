"""An example check plugin: a stable code, a docstring that `supportctl checks explain` prints, a pure run().

A check module is imported on every run that diagnoses its kind's subjects, so it imports little: the facts
type only for type checkers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from supportctl.checks.base import Check
from supportctl.core.model import CheckCode, Finding, Kind, Severity

if TYPE_CHECKING:
    from supportctl.checks.withdrawal import WithdrawalFacts


class TravelRule(Check["WithdrawalFacts"]):
    """BOX001 travel rule — (example plugin) large withdrawals need the beneficiary's details on file.

    Shows how a third party adds a check: a stable code, a docstring that `supportctl checks explain`
    prints, and a pure run(facts). Withdrawals of 10,000 or more are flagged for the compliance team.
    """

    code = CheckCode("BOX001")
    name = "travel rule"
    kind = Kind.WITHDRAWAL

    def run(self, facts: WithdrawalFacts) -> Iterable[Finding]:
        r = facts.record
        if r is not None and r.amount is not None and r.amount >= 10_000:
            yield self.finding(Severity.WARNING, "10,000 or more: the travel-rule beneficiary details must be on "
                               "file before this is sent", None, amount=str(r.amount))
