"""A JSON-RPC 2.0 client for one chain: batched, memoised, failing over across the chain's endpoints.

Calls made while others are being prepared — by one lookup, or by many lookups of a bulk run — are coalesced
into one HTTP batch of at most ``max_batch`` calls (and no more than ``call_rate_limit`` allows in a second). A
batch is sent as soon as it is full, or when every unit of work of the run waits (``http.Activity``): no lookup
is left that could add a call. A call already on its way is awaited, not sent again. A batch that fails even
after its retries (``HttpSource.send``) for a reason a smaller batch may avoid (an error status, an unreadable
answer) is split in two, and so on down to single calls, inside the same deadline: one bad answer does not sink
its neighbours.

Freshness: when the chain's adapter says how to read its node's tip (``TipProbe``, e.g. the ``latest`` block
for EVM), a batch sent to an endpoint whose tip was not seen lately asks for the tip too, and an answer from
an endpoint whose tip is older than ``max_tip_age`` counts as a failure (the next endpoint is asked).
Library errors stop here: whatever httpx raises becomes ``SourceUnavailable`` naming the chain.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Sequence
from typing import Any

import httpx

from supportctl.chains.http import CURRENT_UNIT, Activity, Fresh, HttpSource, SendFailed, Unit, http_error
from supportctl.chains.interface import RpcFault, TipProbe, call_key

__all__ = ["Call", "JsonRpc", "RpcFault", "TipProbe", "volatile"]


Call = tuple[str, Sequence[Any]]

# Answers about the chain's tip change every block: in a long run they are re-read after ``tip_ttl``.
VOLATILE_METHODS = frozenset({
    "eth_blockNumber", "getSlot", "getHealth", "server_info", "ledger", "getblockcount", "getblockchaininfo",
})


_SIMPLE = (str, int, float, bool, type(None))


def _key(method: str, params: Sequence[Any]) -> str:
    """A call as the memo and the batches know it: its method and parameters. Parameters that are plain values
    (a hash, a block tag) are joined by their ``repr`` (cheaper than JSON, which a dict of parameters needs;
    the two forms never meet: only a JSON key starts with ``[``)."""
    if all(type(p) in _SIMPLE for p in params):
        return "\x1f".join([method, *map(repr, params)])
    return call_key(method, params)


def volatile(method: str, params: Sequence[Any]) -> bool:
    return method in VOLATILE_METHODS or "latest" in params


_Queued = tuple[str, str, Sequence[Any], "asyncio.Future[Any]"]  # (key, method, params, its answer)


class _Waiter:
    """One ``batch`` call waiting for ``left`` answers; its unit runs again the moment the last one is settled
    (not when its task resumes), so the activity never counts a woken lookup as waiting."""

    __slots__ = ("done", "left", "unit")

    def __init__(self, left: int, unit: Unit | None, done: asyncio.Future[None]) -> None:
        self.left, self.unit, self.done = left, unit, done


class JsonRpc(HttpSource):
    """JSON-RPC over HTTP for one chain. One request per distinct call per run (memoised)."""

    label = "RPC"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._queue: list[_Queued] = []
        self._inflight: dict[str, asyncio.Future[Any]] = {}
        self._waiters: dict[str, list[_Waiter]] = {}  # key → the batch calls waiting for its answer
        self._tasks: set[asyncio.Task[None]] = set()
        self.tip_probe: TipProbe | None = None  # how to read the tip's age from an answer (set by the session)
        self.activity.on_idle(self._flush, self._queued)

    @property
    def _tip_key(self) -> str | None:
        return _key(self.tip_probe.method, self.tip_probe.params) if self.tip_probe is not None else None

    def share(self, activity: Activity) -> None:
        """Take part in a run's activity (the session's): its batches wait for every unit of the run."""
        self.activity = activity
        activity.on_idle(self._flush, self._queued)

    def _queued(self) -> bool:
        return bool(self._queue)

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
        keys = [_key(method, params) for method, params in calls]
        answers: dict[str, Any] = {}
        waiting: dict[str, asyncio.Future[Any]] = {}
        tip = self._tip_key
        for key, (method, params) in zip(keys, calls, strict=True):
            if key in answers or key in waiting:
                continue
            known, value = self.remembered(key, volatile(method, params),
                                           shared=method in VOLATILE_METHODS or not params or key == tip)
            if known:
                answers[key] = value
            elif key in self._inflight:
                waiting[key] = self._inflight[key]
            else:
                future: asyncio.Future[Any] = loop.create_future()
                self._inflight[key] = waiting[key] = future
                self._queue.append((key, method, params, future))
        if not waiting:
            return [answers[k] for k in keys]
        size = self._batch_size()
        while len(self._queue) >= size:  # a full batch goes at once
            self._post_batch(self._queue[:size])
            del self._queue[:size]
        waiter = _Waiter(len(waiting), CURRENT_UNIT.get(), loop.create_future())
        for key in waiting:
            self._waiters.setdefault(key, []).append(waiter)
        if waiter.unit is not None:
            self.activity.pause(waiter.unit)  # this lookup waits; when every unit does, the queue is sent
        if self._queue:
            self.activity.poke()
        # The shared answers are never cancelled by a caller that is (Ctrl-C in the shell): it only stops waiting.
        await waiter.done
        for key, future in waiting.items():
            answers[key] = future.result()  # raises the failure of a call that could not be answered
        return [answers[k] for k in keys]

    def _batch_size(self) -> int:
        size = self.max_calls
        if self.tip_probe is not None and size > 1:
            size -= 1  # room for the tip, asked beside the calls when the endpoint's was not seen lately
        return size

    def _flush(self) -> bool:
        """Send every queued call now, in batches (``Activity``: no unit of the run is left running)."""
        queue, self._queue = self._queue, []
        size = self._batch_size()
        for start in range(0, len(queue), size):
            self._post_batch(queue[start : start + size])
        return bool(queue)

    def _post_batch(self, chunk: list[_Queued]) -> None:
        # in a context of its own: the batch belongs to no lookup's unit or row's scope
        task = asyncio.get_running_loop().create_task(self._send_batch(chunk, None), context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send_batch(self, chunk: list[_Queued], deadline: float | None) -> None:
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
            self._answered(key)

    def _settle(self, chunk: list[_Queued], e: BaseException) -> None:
        for key, _, _, future in chunk:
            self._inflight.pop(key, None)
            if not future.done():
                if isinstance(e, Exception):
                    future.set_exception(e)
                    future.exception()  # retrieved: a waiter that was cancelled meanwhile must not log it
                else:
                    future.cancel()
            self._answered(key)

    def _answered(self, key: str) -> None:
        for waiter in self._waiters.pop(key, ()):
            waiter.left -= 1
            if waiter.left == 0 and not waiter.done.done():
                if waiter.unit is not None:
                    self.activity.resume(waiter.unit)
                waiter.done.set_result(None)

    def _fresh(self, keys: list[str], payload: list[dict[str, Any]]) -> Fresh | None:
        """How to read the tip's age from this batch's answer: from the batch's own tip call when it has one,
        else from the tip asked beside it (when the batch has room)."""
        probe = self.tip_probe
        if probe is None:
            return None
        n = len(payload)
        tip = _key(probe.method, probe.params)
        if tip in keys:
            at = keys.index(tip)

            def own(r: httpx.Response) -> tuple[Any, float | None]:
                results = _match(_json(r), n)
                return results, probe.timestamp(results[at])

            return Fresh(payload, own, always=True)
        if n + 1 > self.max_calls:
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
