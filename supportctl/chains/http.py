"""What every chain client shares: the endpoint list with failover (the last good endpoint first), a
per-chain rate limit, ``Retry-After`` honoured on HTTP 429, request counting, a memo whose entries about
the chain tip expire, and library errors translated at the boundary into ``SourceUnavailable``.

Retries and limits are declared here, once, not in the adapters: ``rate_limit`` (requests per second,
from the chain's config) and ``RETRY_429`` below.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

from supportctl.config import ChainConfig, display_url
from supportctl.errors import SourceUnavailable

if TYPE_CHECKING:
    from aiolimiter import AsyncLimiter

RETRY_429 = {"attempts": 4, "timeout": 60.0, "max_wait": 30.0}  # Retry-After is honoured up to max_wait


class _TooManyRequests(Exception):
    def __init__(self, response: httpx.Response) -> None:
        super().__init__("HTTP 429")
        self.response = response

    def wait(self) -> float:
        """Seconds the server asked for (``Retry-After``, delay-seconds form), capped; 1 s when it did not say."""
        raw = self.response.headers.get("retry-after", "")
        try:
            seconds = float(raw)
        except ValueError:
            seconds = 1.0
        return max(0.0, min(seconds, RETRY_429["max_wait"]))


class HttpSource:
    """One chain's endpoints. Subclasses say what a request is (``JsonRpc``, ``Rest``)."""

    label = "API"

    def __init__(self, chain: ChainConfig, client: httpx.AsyncClient, headers: dict[str, str] | None = None) -> None:
        self.chain = chain
        self._client = client
        self._headers = dict(headers or {})
        self.answered_by: str | None = None  # display form of the endpoint that last answered
        self.requests = 0  # HTTP requests made (benchmarks and tests read this)
        self._good: str | None = None
        self._limiter: AsyncLimiter | None = None
        self.tip_ttl: float | None = None  # seconds answers about the tip stay memoised (None: the whole run)
        self._memo: dict[str, tuple[float, Any]] = {}

    # -- memo ---------------------------------------------------------------------------------------------

    def remembered(self, key: str, volatile: bool) -> tuple[bool, Any]:
        hit = self._memo.get(key)
        if hit is None:
            return False, None
        stamp, value = hit
        if volatile and self.tip_ttl is not None and time.monotonic() - stamp > self.tip_ttl:
            del self._memo[key]
            return False, None
        return True, value

    def remember(self, key: str, value: Any) -> None:
        self._memo[key] = (time.monotonic(), value)

    # -- sending ------------------------------------------------------------------------------------------

    async def send(self, method: str, path: str, body: Any, parse: Callable[[httpx.Response], Any]) -> Any:
        """``method`` ``base + path`` on each endpoint in turn until one answers; ``parse`` turns the
        response into the answer (raising ValueError/TypeError/KeyError for a malformed one)."""
        endpoints = self.chain.endpoints()
        if not endpoints:
            raise SourceUnavailable(f"{self.chain.key} {self.label}", "no endpoint is configured",
                                    hint=f"set [chains.{self.chain.key}] rpc = [\"https://…\"] in the config")
        if self._good in endpoints:  # the endpoint that answered last goes first: a dead one costs one timeout
            endpoints = (self._good, *(u for u in endpoints if u != self._good))
        reasons: list[str] = []
        for n, base in enumerate(endpoints):
            shown = display_url(base)
            last = n == len(endpoints) - 1
            try:
                response = await self._request(method, base.rstrip("/") + path if path else base, body, last)
                answer = parse(response)
            except _TooManyRequests:
                reasons.append(f"{shown} answered HTTP 429 (rate limited)")
            except _HttpStatus as e:
                reasons.append(f"{shown} answered HTTP {e.status}")
            except httpx.TimeoutException:
                reasons.append(f"{shown} timed out after {self.chain.timeout:g}s")
            except httpx.HTTPError as e:
                reasons.append(f"{shown} unreachable ({type(e).__name__})")
            except httpx.InvalidURL:  # not an HTTPError: raised before any request is made
                reasons.append(f"{shown} is not a valid URL")
            except (ValueError, TypeError, KeyError) as e:
                reasons.append(f"{shown} sent a malformed answer ({_short(e)})")
            else:
                self.answered_by = shown
                self._good = base
                return answer
        raise SourceUnavailable(f"{self.chain.key} {self.label}", "; ".join(reasons))

    async def _request(self, method: str, url: str, body: Any, last: bool) -> httpx.Response:
        """One endpoint's answer. On HTTP 429 the next endpoint is tried; the last one is waited for as
        its ``Retry-After`` says."""
        response = await self._once(method, url, body)
        if response.status_code != 429:
            return response
        if not last:
            raise _TooManyRequests(response)
        return await self._after_429(method, url, body, _TooManyRequests(response))

    async def _once(self, method: str, url: str, body: Any) -> httpx.Response:
        if self.chain.rate_limit:
            if self._limiter is None:
                from aiolimiter import AsyncLimiter

                # one request per 1/rate seconds: never more than `rate` in any one-second window
                self._limiter = AsyncLimiter(1, 1.0 / self.chain.rate_limit)
            async with self._limiter:
                return await self._post(method, url, body)
        return await self._post(method, url, body)

    async def _post(self, method: str, url: str, body: Any) -> httpx.Response:
        self.requests += 1
        return await self._client.request(method, url, json=body, headers=self._headers, timeout=self.chain.timeout)

    async def _after_429(self, method: str, url: str, body: Any, first: _TooManyRequests) -> httpx.Response:
        """Retry as the server asked: wait its ``Retry-After``, a few times at most (stamina, imported only now)."""
        import stamina

        pending: list[_TooManyRequests] = [first]

        def backoff(e: Exception) -> bool | float:
            return e.wait() if isinstance(e, _TooManyRequests) else False

        async for attempt in stamina.retry_context(on=backoff, attempts=int(RETRY_429["attempts"]),
                                                   timeout=RETRY_429["timeout"]):
            with attempt:
                if pending:  # the 429 already received: wait as it said before the first retry
                    raise pending.pop()
                response = await self._once(method, url, body)
                if response.status_code == 429:
                    raise _TooManyRequests(response)
                return response
        raise AssertionError("unreachable")  # pragma: no cover - stamina re-raises the last 429


class _HttpStatus(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def http_error(response: httpx.Response) -> None:
    """Raise for a status that means "this endpoint cannot answer" (the next one is tried)."""
    if response.status_code >= 400:
        raise _HttpStatus(response.status_code)


def _short(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text if len(text) <= 80 else text[:77] + "..."
