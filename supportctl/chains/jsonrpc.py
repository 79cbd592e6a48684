"""A JSON-RPC 2.0 client for one chain: batched, memoised, failing over across the chain's endpoints.

Calls made at the same moment — by one lookup, or by many lookups of a bulk run — are coalesced into one
HTTP batch of at most ``max_batch`` calls; a call already on its way is awaited, not sent again. A batch that
fails even after its retries (``HttpSource.send``) for a reason a smaller batch may avoid (an error status, an
unreadable answer) is split in two, and so on down to single calls, inside the same deadline: one bad answer
does not sink its neighbours.

Freshness: when the chain's adapter says how to read its node's tip (``TipProbe``, e.g. the ``latest`` block
for EVM), a batch sent to an endpoint whose tip was not seen lately asks for the tip too, and an answer from
an endpoint whose tip is older than ``max_tip_age`` counts as a failure (the next endpoint is asked).
Library errors stop here: whatever httpx raises becomes ``SourceUnavailable`` naming the chain.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import httpx

from supportctl.chains.http import Fresh, HttpSource, SendFailed, http_error
from supportctl.chains.interface import RpcFault, TipProbe
from supportctl.chains.interface import call_key as _key

__all__ = ["Call", "JsonRpc", "RpcFault", "TipProbe", "volatile"]


Call = tuple[str, Sequence[Any]]

# Answers about the chain's tip change every block: in a long run they are re-read after ``tip_ttl``.
VOLATILE_METHODS = frozenset({
    "eth_blockNumber", "getSlot", "getHealth", "server_info", "ledger", "getblockcount", "getblockchaininfo",
})


def volatile(method: str, params: Sequence[Any]) -> bool:
    return method in VOLATILE_METHODS or "latest" in params


class JsonRpc(HttpSource):
    """JSON-RPC over HTTP for one chain. One request per distinct call per run (memoised)."""

    label = "RPC"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.batch_window = 0.0  # seconds to wait for more calls to join a batch (bulk runs raise it)
        self._queue: list[tuple[str, str, Sequence[Any], asyncio.Future[Any]]] = []
        self._inflight: dict[str, asyncio.Future[Any]] = {}
        self._flush_scheduled = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.tip_probe: TipProbe | None = None  # how to read the tip's age from an answer (set by the session)

    async def aclose(self) -> None:
        """Stop batches still on their way (a cancelled run), before the HTTP client closes under them."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def call(self, method: str, *params: Any) -> Any:
        (result,) = await self.batch([(method, params)])
        return result

    async def batch(self, calls: Sequence[Call]) -> list[Any]:
        """Results in the order of ``calls``; a per-call error comes back as an ``RpcFault`` value."""
        loop = asyncio.get_running_loop()
        answers: dict[str, Any] = {}
        waiting: dict[str, asyncio.Future[Any]] = {}
        for method, params in calls:
            key = _key(method, params)
            if key in answers or key in waiting:
                continue
            known, value = self.remembered(key, volatile(method, params))
            if known:
                answers[key] = value
            elif key in self._inflight:
                waiting[key] = self._inflight[key]
            else:
                future: asyncio.Future[Any] = loop.create_future()
                self._inflight[key] = waiting[key] = future
                self._queue.append((key, method, params, future))
        if self._queue and not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_later(self.batch_window, self._flush) if self.batch_window else loop.call_soon(self._flush)
        if waiting:
            # shielded: a caller cancelled (Ctrl-C in the shell) must not cancel a call others share
            shared = await asyncio.gather(*(asyncio.shield(f) for f in waiting.values()))
            answers.update(zip(waiting, shared, strict=True))
        return [answers[_key(m, p)] for m, p in calls]

    def _flush(self) -> None:
        self._flush_scheduled = False
        queue, self._queue = self._queue, []
        size = max(1, self.chain.max_batch)
        if self.tip_probe is not None and size > 1:
            size -= 1  # room for the tip, asked beside the calls when the endpoint's was not seen lately
        for start in range(0, len(queue), size):
            task = asyncio.ensure_future(self._send_batch(queue[start : start + size], None))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send_batch(self, chunk: list[tuple[str, str, Sequence[Any], asyncio.Future[Any]]],
                          deadline: float | None) -> None:
        """Send one batch and settle its waiters; on a failure a smaller batch may avoid, split it in two and
        send each half, inside the same deadline."""
        deadline = self.deadline() if deadline is None else deadline
        payload = [{"jsonrpc": "2.0", "id": i, "method": m, "params": list(p)} for i, (_, m, p, _) in enumerate(chunk)]
        try:
            results = await self.send("POST", "", payload, lambda r: _match(_json(r), len(payload)),
                                      fresh=self._fresh([key for key, _, _, _ in chunk], payload), deadline=deadline)
        except SendFailed as e:
            if e.split and len(chunk) > 1:
                half = len(chunk) // 2
                await asyncio.gather(self._send_batch(chunk[:half], deadline), self._send_batch(chunk[half:], deadline))
                return
            self._settle(chunk, e)
            return
        except BaseException as e:  # every waiter learns why (SourceUnavailable, or cancellation)
            self._settle(chunk, e)
            if not isinstance(e, Exception):
                raise
            return
        for (key, _, _, future), value in zip(chunk, results, strict=True):
            self.remember(key, value)
            self._inflight.pop(key, None)
            if not future.done():
                future.set_result(value)

    def _settle(self, chunk: list[tuple[str, str, Sequence[Any], asyncio.Future[Any]]], e: BaseException) -> None:
        for key, _, _, future in chunk:
            self._inflight.pop(key, None)
            if future.done():
                continue
            if isinstance(e, Exception):
                future.set_exception(e)
                future.exception()  # retrieved: a waiter that was cancelled meanwhile must not log it
            else:
                future.cancel()

    def _fresh(self, keys: list[str], payload: list[dict[str, Any]]) -> Fresh | None:
        """How to read the tip's age from this batch's answer: from the batch's own tip call when it has one,
        else from the tip asked beside it (when the batch has room)."""
        probe = self.tip_probe
        if probe is None:
            return None
        n = len(payload)
        if probe.key in keys:
            at = keys.index(probe.key)

            def own(r: httpx.Response) -> tuple[Any, float | None]:
                results = _match(_json(r), n)
                return results, probe.timestamp(results[at])

            return Fresh(payload, own, always=True)
        if n + 1 > max(1, self.chain.max_batch):
            return None

        def beside(r: httpx.Response) -> tuple[Any, float | None]:
            results = _match(_json(r), n + 1)
            return results[:n], probe.timestamp(results[n])

        call = {"jsonrpc": "2.0", "id": n, "method": probe.method, "params": list(probe.params)}
        return Fresh([*payload, call], beside)

    async def each(self, calls: Sequence[Call]) -> list[Any]:
        """Like ``batch``, but one POST per call, sent concurrently: for servers that take a single
        JSON-RPC object per request and refuse a batch (rippled answers a list with HTTP 400). Same memo,
        failover and ``RpcFault`` values; the answer is the response's ``result`` (rippled reports its own
        errors inside it)."""

        async def one(method: str, params: Sequence[Any]) -> Any:
            key = _key(method, params)
            known, value = self.remembered(key, volatile(method, params))
            if known:
                return value
            body = {"jsonrpc": "2.0", "id": 0, "method": method, "params": list(params)}
            value = await self.send("POST", "", body, lambda r: _single(_json(r)))
            self.remember(key, value)
            return value

        return list(await asyncio.gather(*(one(m, p) for m, p in calls)))


def _json(response: httpx.Response) -> Any:
    http_error(response)
    return response.json()


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
            out[i] = RpcFault(int(err.get("code", -1)), str(err.get("message", "error")), err.get("data"))
        else:
            out[i] = item["result"]
    return out


def _single(body: Any) -> Any:
    """The answer to one call: its ``result``, or an ``RpcFault`` for a JSON-RPC error object."""
    if not isinstance(body, dict):
        raise ValueError("expected a JSON-RPC response object")
    err = body.get("error")
    if isinstance(err, dict):
        return RpcFault(int(err.get("code", -1)), str(err.get("message", "error")), err.get("data"))
    return body["result"]
