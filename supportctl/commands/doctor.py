"""``supportctl doctor``: can each configured source be reached, is it the chain it claims, is it current?

Each endpoint of each chain is asked once, on its own, through the ``health`` of its family's real adapter
(``chains/interface.py``; the usual one asks about a transaction that cannot exist, the all-zero id): the
answer shows the endpoint answers, is the right chain (EVM chain id), and how old its newest block is.
The venue, when one is configured, is asked for its rules.

The report groups the endpoints by chain and ends with a summary ("3 of 22 endpoints reachable", the chains left
without a healthy endpoint) and, when nothing answered at all, a hint: offline, or a proxy to set or to check.
Text and Markdown go to stdout; with ``--format json`` stdout holds one object per endpoint and the summary goes
to stderr (as every message for people does).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from supportctl.commands import Context, run_async
from supportctl.core.amounts import duration
from supportctl.core.config import ChainConfig, Config, display_rpc, display_url, expand_env
from supportctl.core.errors import ConfigError, ExitCode
from supportctl.core.model import Format

VENUE = "venue"
# What the HTTP layer says when no answer came at all (chains/http.py); anything else was an answer, if a bad one.
_NO_ANSWER = ("unreachable", "timed out", "is not a valid URL")
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@dataclass(frozen=True)
class Probe:
    source: str  # the chain's key, or "venue"
    endpoint: str  # as it may be shown: scheme and host (``display_rpc``), never a key
    ok: bool  # answered, on the right chain, and current
    detail: str
    latency_ms: int | None = None
    reachable: bool = True  # answered at all (a stale node, or one on another chain, is reachable but not ok)


def run(ctx: Context) -> ExitCode:
    probes = run_async(_probe_all(ctx.config))
    if ctx.config.venue.exchange is not None:
        probes.append(_probe_venue(ctx.config))
    closing = [summary(probes)]
    if (advice := hint(probes, os.environ)) is not None:
        closing.append(f"hint: {advice}")
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        for p in probes:
            sys.stdout.write(dumps(dataclasses.asdict(p)) + "\n")
        if not ctx.quiet:
            sys.stderr.writelines(line + "\n" for line in closing)
    elif ctx.format is Format.MARKDOWN:
        sys.stdout.write(markdown(probes, closing))
    else:
        sys.stdout.write(text(probes, closing))
    healthy = {p.source for p in probes if p.ok}
    return ExitCode.OK if healthy >= {p.source for p in probes} else ExitCode.UNKNOWN


def summary(probes: Sequence[Probe]) -> str:
    """``3 of 22 endpoints reachable, 2 healthy; no healthy endpoint for bitcoin, tron; venue binance: ok``."""
    endpoints = [p for p in probes if p.source != VENUE]
    reachable, healthy = sum(p.reachable for p in endpoints), sum(p.ok for p in endpoints)
    line = f"{reachable} of {len(endpoints)} endpoint{'' if len(endpoints) == 1 else 's'} reachable"
    if healthy != reachable:
        line += f", {healthy} healthy"
    groups = _grouped(endpoints)
    down = [chain for chain, group in groups.items() if not any(p.ok for p in group)]
    if down and (reachable or len(down) < len(groups)):  # with nothing reachable at all, the hint says it
        line += f"; no healthy endpoint for {', '.join(down)}"
    line += "".join(f"; venue {p.endpoint}: {'ok' if p.ok else 'FAIL'}" for p in probes if p.source == VENUE)
    return line


def hint(probes: Sequence[Probe], environ: Mapping[str, str]) -> str | None:
    """When no endpoint answered at all: offline, or a proxy to set (or to check, when one is set)."""
    endpoints = [p for p in probes if p.source != VENUE]
    if not endpoints or any(p.reachable for p in endpoints):
        return None
    for name in PROXY_VARIABLES:
        if value := environ.get(name):
            return (f"no endpoint answered: is the proxy in {name} ({display_url(value)}) up, and does it let "
                    "these hosts through? (NO_PROXY lists the hosts reached without it)")
    return ("no endpoint answered: is this machine offline? Behind a proxy, set HTTPS_PROXY (and HTTP_PROXY for "
            "http:// endpoints)")


def text(probes: Sequence[Probe], closing: Sequence[str]) -> str:
    from supportctl.render.safe import literal

    width = max((len(p.endpoint) for p in probes), default=0)
    lines: list[str] = []
    for source, group in _grouped(probes).items():
        lines.append(source)
        lines += [f"  {'ok' if p.ok else 'FAIL':<4}  {p.endpoint:<{width}}  {_ms(p):>7}  {p.detail}".rstrip()
                  for p in group]
    lines += ["", *closing]
    return "".join(literal(line) + "\n" for line in lines)


def markdown(probes: Sequence[Probe], closing: Sequence[str]) -> str:
    from supportctl.render.markdown_view import code, esc

    lines = ["### supportctl doctor", "", "| Chain | Endpoint | Status | Latency | Detail |",
             "| --- | --- | --- | ---: | --- |"]
    for source, group in _grouped(probes).items():
        for i, p in enumerate(group):
            status = "✅ ok" if p.ok else "❌ FAIL"
            lines.append(f"| {esc(source) if i == 0 else ''} | {code(p.endpoint)} | {status} | {_ms(p)} | "
                         f"{esc(p.detail)} |")
    first, *rest = closing
    lines += ["", f"**{esc(first)}**", *(f"\n> {esc(line)}" for line in rest)]
    return "\n".join(lines) + "\n"


def _grouped(probes: Sequence[Probe]) -> dict[str, list[Probe]]:
    groups: dict[str, list[Probe]] = {}
    for p in probes:
        groups.setdefault(p.source, []).append(p)
    return groups


def _ms(p: Probe) -> str:
    return f"{p.latency_ms} ms" if p.latency_ms is not None else "-"


async def _probe_all(config: Config) -> list[Probe]:
    jobs = [_probe(config, c, url) for c in config.chains.values() for url in dict.fromkeys(c.rpc)]  # each once
    return list(await asyncio.gather(*jobs))


async def _probe(config: Config, chain: ChainConfig, url: str) -> Probe:
    from supportctl.engine.session import Session

    alone = dataclasses.replace(chain, rpc=(url,))
    one = dataclasses.replace(config, chains=MappingProxyType({chain.key: alone}))
    start = time.perf_counter()
    async with Session(one) as session:
        health = await session.health(chain.key)
    ms = round((time.perf_counter() - start) * 1000)
    shown = display_rpc(url)
    if health.error is not None:
        detail = _without_endpoint(health.error, url)
        return Probe(chain.key, shown, False, detail, ms, reachable=not detail.startswith(_NO_ANSWER))
    detail = f"tip {health.tip}" if health.tip is not None else "answers"
    if health.tip_age is not None:
        detail += f", newest block {duration(health.tip_age).removeprefix('about ')} old"
        if health.tip_age > chain.max_tip_age:
            return Probe(chain.key, shown, False, detail + f" (stale: more than {chain.max_tip_age:g} s)", ms)
    return Probe(chain.key, shown, True, detail, ms)


def _without_endpoint(error: str, url: str) -> str:
    """The error without the endpoint it begins with: the endpoint has its own column."""
    try:
        shown = display_url(expand_env(url))
    except ConfigError:
        return error
    return error.removeprefix(shown + " ")


def _probe_venue(config: Config) -> Probe:
    from supportctl.venue.interface import VenueError
    from supportctl.venue.load import load

    name = config.venue.exchange or "static"
    start = time.perf_counter()
    try:
        venue = load(config, refresh=True)
        rules = venue.networks()
    except VenueError as e:
        return Probe(VENUE, name, False, e.message + (f" — {e.hint}" if e.hint else ""), reachable=False)
    ms = round((time.perf_counter() - start) * 1000)
    return Probe(VENUE, name, True, f"{len(rules)} currency networks listed", ms)
