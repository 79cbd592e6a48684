"""``supportctl doctor``: can each configured source be reached, is it the chain it claims, is it current?

Each endpoint of each chain is asked, on its own, through the ``health`` of its family's real adapter
(``chains/interface.py``; the usual one asks about a transaction that cannot exist, the all-zero id): the
answer shows the endpoint answers, is the right chain (EVM chain id), and how old its newest block is.
The venue, when one is configured, is asked for its rules.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import time
from dataclasses import dataclass
from types import MappingProxyType

from supportctl.commands import Context, run_async
from supportctl.core.amounts import duration
from supportctl.core.config import ChainConfig, Config, display_url
from supportctl.core.errors import ExitCode
from supportctl.core.model import Format


@dataclass(frozen=True)
class Probe:
    source: str
    endpoint: str
    ok: bool
    detail: str
    latency_ms: int | None = None


def run(ctx: Context) -> ExitCode:
    probes = run_async(_probe_all(ctx.config))
    if ctx.config.venue.exchange is not None:
        probes.append(_probe_venue(ctx.config))
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        for p in probes:
            sys.stdout.write(dumps(dataclasses.asdict(p)) + "\n")
    else:
        from supportctl.render.safe import literal

        for p in probes:
            mark = "ok  " if p.ok else "FAIL"
            ms = f"{p.latency_ms} ms" if p.latency_ms is not None else "-"
            sys.stdout.write(literal(f"{mark} {p.source:<10} {p.endpoint:<45} {ms:>8}  {p.detail}") + "\n")
    healthy = {p.source for p in probes if p.ok}
    return ExitCode.OK if healthy >= {p.source for p in probes} else ExitCode.UNKNOWN


async def _probe_all(config: Config) -> list[Probe]:
    jobs = [_probe(config, c, url) for c in config.chains.values() for url in c.rpc]
    return list(await asyncio.gather(*jobs))


async def _probe(config: Config, chain: ChainConfig, url: str) -> Probe:
    from supportctl.engine.session import Session

    alone = dataclasses.replace(chain, rpc=(url,))
    one = dataclasses.replace(config, chains=MappingProxyType({chain.key: alone}))
    start = time.perf_counter()
    async with Session(one) as session:
        health = await session.health(chain.key)
    ms = round((time.perf_counter() - start) * 1000)
    shown = display_url(url)
    if health.error is not None:
        return Probe(chain.key, shown, False, health.error, ms)
    detail = f"tip {health.tip}" if health.tip is not None else "answers"
    if health.tip_age is not None:
        detail += f", newest block {duration(health.tip_age).removeprefix('about ')} old"
        if health.tip_age > chain.max_tip_age:
            return Probe(chain.key, shown, False, detail + f" (stale: more than {chain.max_tip_age:g} s)", ms)
    return Probe(chain.key, shown, True, detail, ms)


def _probe_venue(config: Config) -> Probe:
    from supportctl.venue.interface import VenueError
    from supportctl.venue.load import load

    name = config.venue.exchange or "static"
    start = time.perf_counter()
    try:
        venue = load(config, refresh=True)
        rules = venue.networks()
    except VenueError as e:
        return Probe("venue", name, False, e.message + (f" — {e.hint}" if e.hint else ""))
    ms = round((time.perf_counter() - start) * 1000)
    return Probe("venue", name, True, f"{len(rules)} currency networks listed", ms)
