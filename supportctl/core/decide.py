"""Findings → one verdict, by a documented precedence.

For each kind, the verdicts are listed from strongest to weakest; the strongest verdict any finding
argues for wins. Definite problems come first (a failed transaction outranks a confirmation count);
`unknown` comes next and outranks every verdict that would tell the customer all is well, so a missing
or untrusted fact never lets a success through. A success verdict is given only when a check argued for
it; no finding at all means `unknown`.
"""

from __future__ import annotations

from collections.abc import Sequence

from supportctl.core.model import Finding, Kind, Verdict

PRECEDENCE: dict[Kind, tuple[Verdict, ...]] = {
    Kind.DEPOSIT: (
        Verdict.WRONG_NETWORK,  # it is not where the customer says: nothing else about it applies
        Verdict.NOT_FOUND,
        Verdict.TX_FAILED,
        Verdict.REPLACED,
        Verdict.WRONG_ADDRESS,  # real funds went to another (often look-alike) address
        Verdict.ADDRESS_POISONING,  # only zero-value or look-alike transfers: nothing was deposited
        Verdict.UNSUPPORTED_TOKEN,
        Verdict.NETWORK_SUSPENDED,
        Verdict.MEMO_MISSING,
        Verdict.MEMO_MISMATCH,
        Verdict.BELOW_MINIMUM,
        Verdict.UNKNOWN,
        Verdict.PENDING,
        Verdict.AWAITING_CONFIRMATIONS,
        Verdict.CONFIRMED,
    ),
    Kind.ADDRESS: (
        Verdict.INVALID_FORMAT,
        Verdict.INVALID_CHECKSUM,
        Verdict.WRONG_NETWORK,
        Verdict.LOOKALIKE,
        Verdict.UNKNOWN,
        Verdict.MEMO_REQUIRED,
        Verdict.VALID,
    ),
    Kind.WITHDRAWAL: (
        Verdict.NOT_FOUND,
        Verdict.WITHDRAWAL_FAILED,
        Verdict.CANCELED,
        Verdict.INVALID_ADDRESS,
        Verdict.WRONG_ADDRESS,
        Verdict.MEMO_MISSING,
        Verdict.NETWORK_SUSPENDED,
        Verdict.UNKNOWN,
        Verdict.PROCESSING,
        Verdict.AWAITING_CONFIRMATIONS,
        Verdict.COMPLETED,
    ),
    Kind.ORDER: (
        Verdict.NOT_FOUND,
        Verdict.REJECTED,
        Verdict.EXPIRED,
        Verdict.CANCELED,
        Verdict.UNKNOWN,
        Verdict.PARTIALLY_FILLED,
        Verdict.OPEN,
        Verdict.FILLED,
    ),
    Kind.ORDER_CHECK: (
        Verdict.MARKET_INACTIVE,
        Verdict.PRECISION_ERROR,
        Verdict.BELOW_MIN_AMOUNT,
        Verdict.ABOVE_MAX,
        Verdict.BELOW_MIN_NOTIONAL,
        Verdict.PRICE_OUT_OF_BAND,
        Verdict.INSUFFICIENT_BALANCE,
        Verdict.HIGH_SLIPPAGE,
        Verdict.UNKNOWN,
        Verdict.OK,
    ),
    Kind.INPUT: (Verdict.SECRET_EXPOSED, Verdict.INVALID_INPUT),
}


def decide(kind: Kind, findings: Sequence[Finding]) -> tuple[Verdict, Finding | None]:
    """The verdict and the finding that decided it (``None`` when nothing argued for any verdict)."""
    order = PRECEDENCE[kind]
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
