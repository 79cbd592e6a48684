"""``supportctl address ADDR``: which chains is it valid on, and is it the right one?"""

from __future__ import annotations

from supportctl.commands import Context, emit, option
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import ChainKey, Kind, Subject


def run(ctx: Context, address: str, chain: ChainKey | None, currency: str | None, compare: str | None) -> ExitCode:
    from supportctl.engine import diagnose_address

    if not address.strip():
        raise InputError("empty address", hint="paste the address, e.g. 0x52908400098527886E0F7030069857D2E4169EE7")
    subject = Subject(Kind.ADDRESS, address.strip(), chain=chain,
                      currency=option(currency, upper=True), compare=option(compare))
    return emit(ctx, [diagnose_address(subject, ctx.config, ctx.lang)])
