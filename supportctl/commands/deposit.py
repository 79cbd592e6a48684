"""``supportctl deposit TX``: is the customer's deposit on chain, and will it be credited?"""

from __future__ import annotations

from supportctl.commands import Context, emit, option, prefetch_tls, run_async
from supportctl.core.errors import ExitCode
from supportctl.core.model import ChainKey, Diagnosis, Kind, Subject


def run(ctx: Context, tx: str, chain: ChainKey | None, to: str | None, memo: str | None,
        currency: str | None) -> ExitCode:
    from supportctl.engine.identify import parse_tx

    tx_hash, chain = parse_tx(tx, chain)
    prefetch_tls(ctx, chain)
    subject = Subject(Kind.DEPOSIT, tx_hash, chain=chain, to=option(to), memo=option(memo),
                      currency=option(currency, upper=True))
    return emit(ctx, [run_async(_diagnose(ctx, subject))])


async def _diagnose(ctx: Context, subject: Subject) -> Diagnosis:
    from supportctl.engine import diagnose_deposit
    from supportctl.engine.session import Session

    async with Session(ctx.config) as session:
        return await diagnose_deposit(session, subject, ctx.lang)

