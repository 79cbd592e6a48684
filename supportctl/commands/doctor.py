"""``supportctl doctor``: can each configured source be reached, is it the chain it claims, is it current?"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass
from typing import Any

from supportctl.chains.registry import Family, spec
from supportctl.commands import Context, run_async
from supportctl.config import ChainConfig, display_url
from supportctl.errors import ExitCode
from supportctl.model import Format


@dataclass(frozen=True)
class Probe:
    chain: str
    endpoint: str
    ok: bool
    detail: str
    latency_ms: int | None = None


def run(ctx: Context) -> ExitCode:
    probes = run_async(_probe_all(ctx))
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        for p in probes:
            sys.stdout.write(dumps(p.__dict__) + "\n")
    else:
        from supportctl.render.safe import literal

        for p in probes:
            mark = "ok " if p.ok else "FAIL"
            ms = f"{p.latency_ms} ms" if p.latency_ms is not None else "-"
            sys.stdout.write(literal(f"{mark} {p.chain:<10} {p.endpoint:<45} {ms:>8}  {p.detail}") + "\n")
    healthy = {p.chain for p in probes if p.ok}
    return ExitCode.OK if healthy >= {p.chain for p in probes} else ExitCode.UNKNOWN


async def _probe_all(ctx: Context) -> list[Probe]:
    import httpx

    cfg = ctx.config
    async with httpx.AsyncClient() as client:
        jobs = [_probe(client, c, url) for c in cfg.chains.values() for url in c.rpc]
        return list(await asyncio.gather(*jobs))


async def _probe(client: Any, chain: ChainConfig, url: str) -> Probe:
    import httpx

    from supportctl.config import expand_env
    from supportctl.errors import ConfigError

    shown = display_url(url)
    s = spec(chain.key)
    if s.family is not Family.EVM:
        return Probe(chain.key, shown, False, f"{s.name} is not supported yet")
    try:
        real = expand_env(url)
    except ConfigError as e:
        return Probe(chain.key, shown, False, e.message)
    payload = [{"jsonrpc": "2.0", "id": 0, "method": "eth_chainId", "params": []},
               {"jsonrpc": "2.0", "id": 1, "method": "eth_getBlockByNumber", "params": ["latest", False]}]
    start = time.perf_counter()
    try:
        r = await client.post(real, json=payload, timeout=chain.timeout)
        ms = round((time.perf_counter() - start) * 1000)
        r.raise_for_status()
        body = {item["id"]: item.get("result") for item in r.json()}
        chain_id, block = int(body[0], 16), body[1]
        age = time.time() - int(block["timestamp"], 16)
    except httpx.HTTPError as e:
        return Probe(chain.key, shown, False, f"unreachable ({type(e).__name__})")
    except (ValueError, KeyError, TypeError, AttributeError):
        return Probe(chain.key, shown, False, "malformed answer (not an Ethereum JSON-RPC node?)")
    if s.chain_id is not None and chain_id != s.chain_id:
        return Probe(chain.key, shown, False, f"chain id {chain_id}, but {s.name} is {s.chain_id}", ms)
    detail = f"block {int(block['number'], 16)}, {round(age)} s old"
    if age > chain.max_tip_age:
        return Probe(chain.key, shown, False, detail + f" (stale: more than {chain.max_tip_age:g} s)", ms)
    return Probe(chain.key, shown, True, detail, ms)
