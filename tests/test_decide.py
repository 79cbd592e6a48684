"""Findings → one verdict, by the documented precedence."""

from __future__ import annotations

import itertools

import pytest

from supportctl.core.decide import decide
from supportctl.core.errors import ExitCode, exit_code_for
from supportctl.core.model import CheckCode, Finding, Kind, Outcome, Severity, Verdict
from supportctl.kinds import PRECEDENCE, VERDICTS_BY_KIND

V = Verdict


def f(verdict: Verdict | None, code: str = "DEP000") -> Finding:
    severity = Severity.OK if verdict is None else Severity.INFO
    return Finding(CheckCode(code), "test", severity, f"argues for {verdict}", {}, verdict)


@pytest.mark.parametrize(("stronger", "weaker"), [
    (V.TX_FAILED, V.AWAITING_CONFIRMATIONS),  # a failed transaction outranks a confirmation count
    (V.TX_FAILED, V.CONFIRMED),
    (V.UNKNOWN, V.CONFIRMED),  # a missing fact never lets a success through
    (V.UNKNOWN, V.AWAITING_CONFIRMATIONS),
    (V.UNKNOWN, V.PENDING),
    (V.BELOW_MINIMUM, V.UNKNOWN),  # a definite problem is worth telling even when something else is unknown
    (V.WRONG_ADDRESS, V.UNKNOWN),
    (V.UNSUPPORTED_TOKEN, V.BELOW_MINIMUM),
    (V.WRONG_NETWORK, V.NOT_FOUND),  # not on the chain asked, but on another: say where it is
    (V.NOT_FOUND, V.UNKNOWN),
    (V.PENDING, V.AWAITING_CONFIRMATIONS),
    (V.AWAITING_CONFIRMATIONS, V.CONFIRMED),
    (V.NETWORK_SUSPENDED, V.CONFIRMED),
    (V.MEMO_MISSING, V.CONFIRMED),
])
def test_deposit_precedence(stronger: Verdict, weaker: Verdict) -> None:
    for order in ([f(weaker, "A"), f(stronger, "B")], [f(stronger, "B"), f(weaker, "A")]):
        verdict, decisive = decide(PRECEDENCE[Kind.DEPOSIT], order)
        assert verdict is stronger
        assert decisive is not None and decisive.check == "B"  # the finding that decided it, for the summary


@pytest.mark.parametrize(("stronger", "weaker"), [
    (V.INVALID_FORMAT, V.WRONG_NETWORK),
    (V.INVALID_CHECKSUM, V.VALID),
    (V.LOOKALIKE, V.VALID),
    (V.UNKNOWN, V.VALID),
])
def test_address_precedence(stronger: Verdict, weaker: Verdict) -> None:
    assert decide(PRECEDENCE[Kind.ADDRESS], [f(weaker), f(stronger)])[0] is stronger


@pytest.mark.parametrize("kind", list(PRECEDENCE))
def test_no_verdict_argued_is_unknown(kind: Kind) -> None:
    assert decide(PRECEDENCE[kind], []) == (V.UNKNOWN, None)
    assert decide(PRECEDENCE[kind], [f(None), f(None)]) == (V.UNKNOWN, None)  # findings that only say "ok"


def test_a_verdict_of_another_kind_is_ignored() -> None:
    assert decide(PRECEDENCE[Kind.DEPOSIT], [f(V.VALID)]) == (V.UNKNOWN, None)
    assert decide(PRECEDENCE[Kind.DEPOSIT], [f(V.VALID), f(V.CONFIRMED, "DEP003")])[0] is V.CONFIRMED


def test_the_first_of_equal_findings_decides() -> None:
    verdict, decisive = decide(PRECEDENCE[Kind.DEPOSIT], [f(V.UNKNOWN, "DEP001"), f(V.UNKNOWN, "DEP008")])
    assert verdict is V.UNKNOWN and decisive is not None and decisive.check == "DEP001"


@pytest.mark.parametrize("kind", list(VERDICTS_BY_KIND))
def test_every_verdict_of_a_kind_can_be_decided(kind: Kind) -> None:
    # a verdict missing from the precedence would be silently dropped, and the run end in "unknown"
    assert set(VERDICTS_BY_KIND[kind]) <= set(PRECEDENCE[kind])
    assert len(PRECEDENCE[kind]) == len(set(PRECEDENCE[kind]))
    for v in VERDICTS_BY_KIND[kind]:
        assert decide(PRECEDENCE[kind], [f(v)])[0] is v


@pytest.mark.parametrize("kind", [k for k in PRECEDENCE if V.UNKNOWN in PRECEDENCE[k]])
def test_unknown_outranks_every_verdict_that_tells_the_customer_all_is_well(kind: Kind) -> None:
    fine = [v for v in PRECEDENCE[kind] if v.outcome is Outcome.FINE]
    assert fine
    for v in fine:
        assert decide(PRECEDENCE[kind], [f(v), f(V.UNKNOWN)])[0] is V.UNKNOWN


def test_every_deposit_problem_outranks_unknown() -> None:
    problems = [v for v in PRECEDENCE[Kind.DEPOSIT] if v.outcome is Outcome.PROBLEM]
    assert len(problems) >= 10
    for v in problems:
        assert decide(PRECEDENCE[Kind.DEPOSIT], [f(V.UNKNOWN), f(v)])[0] is v


def test_precedence_is_a_total_order_over_any_set_of_findings() -> None:
    order = PRECEDENCE[Kind.DEPOSIT]
    for a, b, c in itertools.combinations(order, 3):
        for perm in itertools.permutations([a, b, c]):
            assert decide(PRECEDENCE[Kind.DEPOSIT], [f(v) for v in perm])[0] is a  # the earliest in the list wins


@pytest.mark.parametrize(("verdicts", "code"), [
    ([V.CONFIRMED], ExitCode.OK),
    ([V.AWAITING_CONFIRMATIONS, V.PENDING], ExitCode.OK),
    ([V.TX_FAILED], ExitCode.PROBLEM),
    ([V.CONFIRMED, V.WRONG_ADDRESS], ExitCode.PROBLEM),
    ([V.UNKNOWN, V.WRONG_ADDRESS], ExitCode.UNKNOWN),  # could not tell about one of them
    ([V.INVALID_INPUT], ExitCode.USAGE),
    ([V.INVALID_INPUT, V.CONFIRMED], ExitCode.USAGE),
    ([V.INVALID_INPUT, V.NOT_FOUND], ExitCode.PROBLEM),
])
def test_exit_status_of_a_run(verdicts: list[Verdict], code: ExitCode) -> None:
    assert exit_code_for(verdicts) is code
