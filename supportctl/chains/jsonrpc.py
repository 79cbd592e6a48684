"""A JSON-RPC 2.0 client for one chain: batched, memoised, failing over across the chain's endpoints.

Library errors stop here: whatever httpx raises becomes ``SourceUnavailable`` naming the chain.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from supportctl.config import ChainConfig, display_url
from supportctl.errors import SourceUnavailable


@dataclass(frozen=True, slots=True)
class RpcFault:
    """A JSON-RPC error object returned for one call of a batch."""

    code: int
    message: str


Call = tuple[str, Sequence[Any]]


class JsonRpc:
    """JSON-RPC over HTTP for one chain. One request per distinct call per run (memoised)."""

    def __init__(self, chain: ChainConfig, client: httpx.AsyncClient) -> None:
        self.chain = chain
        self._client = client
        self._cache: dict[str, Any] = {}
        self.answered_by: str | None = None  # display form of the endpoint that last answered
        self.requests = 0  # HTTP requests made (for benchmarks and tests)
        self._good: str | None = None  # the endpoint that answered last

    async def call(self, method: str, *params: Any) -> Any:
        (result,) = await self.batch([(method, params)])
        return result

    async def batch(self, calls: Sequence[Call]) -> list[Any]:
        """Results in the order of ``calls``; a per-call error comes back as an ``RpcFault`` value."""
        keys = [_key(m, p) for m, p in calls]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            wanted = {k: calls[keys.index(k)] for k in missing}
            payload = [
                {"jsonrpc": "2.0", "id": i, "method": m, "params": list(p)}
                for i, (m, p) in enumerate(wanted.values())
            ]
            answers = await self._post(payload, lambda body: _match(body, len(payload)))
            for i, k in enumerate(wanted):
                self._cache[k] = answers[i]
        return [self._cache[k] for k in keys]

    async def each(self, calls: Sequence[Call]) -> list[Any]:
        """Like ``batch``, but one POST per call, sent concurrently: for servers that take a single
        JSON-RPC object per request and refuse a batch (rippled answers a list with HTTP 400). Same memo,
        failover and ``RpcFault`` values; the answer is the response's ``result`` (rippled reports its own
        errors inside it)."""
        keys = [_key(m, p) for m, p in calls]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            wanted = [calls[keys.index(k)] for k in missing]
            answers = await asyncio.gather(*(
                self._post({"jsonrpc": "2.0", "id": 0, "method": m, "params": list(p)}, _single)
                for m, p in wanted
            ))
            self._cache.update(zip(missing, answers, strict=True))
        return [self._cache[k] for k in keys]

    async def _post(self, payload: Any, parse: Callable[[Any], Any]) -> Any:
        endpoints = self.chain.endpoints()
        if not endpoints:
            raise SourceUnavailable(f"{self.chain.key} RPC", "no rpc endpoint is configured",
                                    hint=f"set [chains.{self.chain.key}] rpc = [\"https://…\"] in the config")
        if self._good in endpoints:  # the endpoint that answered last goes first: a dead one costs one timeout a run
            endpoints = (self._good, *(u for u in endpoints if u != self._good))
        reasons: list[str] = []
        for url in endpoints:
            shown = display_url(url)
            try:
                self.requests += 1
                response = await self._client.post(url, json=payload, timeout=self.chain.timeout)
                if response.status_code >= 400:
                    reasons.append(f"{shown} answered HTTP {response.status_code}")
                    continue
                answers = parse(response.json())
            except httpx.TimeoutException:
                reasons.append(f"{shown} timed out after {self.chain.timeout:g}s")
            except httpx.HTTPError as e:
                reasons.append(f"{shown} unreachable ({type(e).__name__})")
            except httpx.InvalidURL:  # not an HTTPError: it is raised before any request is made
                reasons.append(f"{shown} is not a valid URL")
            except (ValueError, TypeError, KeyError) as e:
                reasons.append(f"{shown} sent a malformed answer ({_short(e)})")
            else:
                self.answered_by = shown
                self._good = url
                return answers
        raise SourceUnavailable(f"{self.chain.key} RPC", "; ".join(reasons))


def _match(body: Any, n: int) -> list[Any]:
    """Order a batch answer by id; per-call errors become ``RpcFault``."""
    if isinstance(body, dict) and "error" in body and n:
        err = body["error"] if isinstance(body["error"], dict) else {}
        raise ValueError(f"batch refused: {err.get('message', 'error')}")
    if not isinstance(body, list):
        raise ValueError("expected a JSON-RPC batch (a list)")
    out: list[Any] = [RpcFault(-1, "no answer for this call")] * n
    for item in body:
        i = item["id"]
        if not isinstance(i, int) or not 0 <= i < n:
            raise ValueError(f"unexpected id {i!r}")
        if "error" in item and item["error"] is not None:
            err = item["error"]
            out[i] = RpcFault(int(err.get("code", -1)), str(err.get("message", "error")))
        else:
            out[i] = item["result"]
    return out


def _single(body: Any) -> Any:
    """The answer to one call: its ``result``, or an ``RpcFault`` for a JSON-RPC error object."""
    if not isinstance(body, dict):
        raise ValueError("expected a JSON-RPC response object")
    err = body.get("error")
    if isinstance(err, dict):
        return RpcFault(int(err.get("code", -1)), str(err.get("message", "error")))
    return body["result"]


def _key(method: str, params: Sequence[Any]) -> str:
    return json.dumps([method, list(params)], sort_keys=True, separators=(",", ":"))


def _short(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text if len(text) <= 80 else text[:77] + "..."
