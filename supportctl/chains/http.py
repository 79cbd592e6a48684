"""What every chain client shares: the endpoint list with failover, freshness, bounded retries, a per-chain
rate limit, request counting, a memo whose entries about the chain tip expire, and library errors translated
at the boundary into ``SourceUnavailable``.

How one request is sent (``HttpSource.send``):

1. **Failover.** The endpoints are tried in order — the last one that answered well first, ones known to be
   stale last. An error, a timeout, a 429 or a **stale answer** (the tip older than the chain's
   ``max_tip_age``) moves on to the next endpoint at once.
2. **Retries.** When every endpoint failed and some failure may pass (HTTP 5xx, a truncated or unreadable
   body, a timeout, a dropped connection, a 429), the endpoints that may answer are asked again after a
   jittered exponential backoff (stamina, imported only then), or after the ``Retry-After`` a server asked
   for, a few passes at most and never past the request's **deadline**: ``RETRY["budget"]`` × the chain's
   ``timeout`` from its first attempt. A wait the deadline cannot hold is refused at once, and named.
3. **Freshness.** A source may say how to read the tip from an answer (``Fresh``): the answer of an endpoint
   whose tip is too old is kept aside and given back only when every endpoint is stale or failing (the checks
   then answer `unknown`). Each endpoint's tip, once seen, is remembered for ``tip_ttl``.

Retries and limits are declared here, once, not in the adapters: ``rate_limit`` (requests per second, from
the chain's config) and ``RETRY`` below. Library log lines (stamina's retry notices, httpx's requests) never
reach the agent's screen: their loggers get a ``NullHandler``, and stamina logs only through ``logging``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from supportctl.core.config import ChainConfig, display_url
from supportctl.core.errors import SourceUnavailable

if TYPE_CHECKING:
    from aiolimiter import AsyncLimiter

RETRY = {
    "attempts": 4,  # passes over the endpoints at most, the first one included
    "budget": 2.0,  # × the chain's timeout: no retry or server-asked wait goes past this, from the first attempt
    "wait_initial": 0.1,  # seconds before the first retry; doubled each pass, up to wait_max
    "wait_max": 1.0,
    "wait_jitter": 0.1,  # up to this many seconds added at random, so clients do not retry in step
    "default_retry_after": 1.0,  # a 429 that does not say how long to wait
}

for _name in ("stamina", "httpx", "httpcore"):  # a library's log line is not for the agent's screen
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class Fresh:
    """How to tell the age of an answer's tip. ``body`` is the request with the tip asked as well, sent to an
    endpoint whose tip was not seen lately; ``parse`` reads its response as ``(answer, tip's unix time or
    None)``. ``always``: the plain request already asks the tip, so ``body`` is sent to every endpoint."""

    body: Any
    parse: Callable[[httpx.Response], tuple[Any, float | None]]
    always: bool = False


class SendFailed(SourceUnavailable):
    """Every endpoint failed. ``split``: some failure may be the payload's (an HTTP error status, an unreadable
    body), so a smaller batch may pass where this one did not."""

    def __init__(self, source: str, reason: str, *, split: bool = False, hint: str | None = None) -> None:
        super().__init__(source, reason, hint=hint)
        self.split = split


@dataclass(frozen=True, slots=True)
class _Failure:
    reason: str
    retry: bool = False  # asking again may help (5xx, timeout, truncated body, connection lost, 429)
    split: bool = False  # a smaller batch may help (an error status, an unreadable body)


@dataclass
class _Attempts:
    """What one ``send`` has learnt so far."""

    deadline: float
    failures: dict[str, _Failure] = field(default_factory=dict)  # endpoint → its last failure
    ready: dict[str, float] = field(default_factory=dict)  # endpoint → monotonic time its Retry-After ends
    stale: tuple[float, Any, str, str] | None = None  # (age, answer, endpoint, shown): the freshest stale answer


class _Again(Exception):
    """Every endpoint failed this pass; some may answer if asked again."""


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
        self._tips: dict[str, tuple[float, float]] = {}  # endpoint → (monotonic time seen, its tip's unix time)

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

    # -- freshness ----------------------------------------------------------------------------------------

    def _tip_seen(self, base: str) -> float | None:
        """The unix time of ``base``'s tip, when it was seen within ``tip_ttl`` (None: not seen lately)."""
        seen = self._tips.get(base)
        if seen is None or (self.tip_ttl is not None and time.monotonic() - seen[0] > self.tip_ttl):
            return None
        return seen[1]

    def _age(self, tip_time: float | None) -> float | None:
        return None if tip_time is None else max(0.0, time.time() - tip_time)

    def _known_stale(self, base: str) -> bool:
        age = self._age(self._tip_seen(base))
        return age is not None and age > self.chain.max_tip_age

    # -- sending ------------------------------------------------------------------------------------------

    def deadline(self) -> float:
        """The monotonic time by which a request started now must be done with its retries."""
        return time.monotonic() + float(RETRY["budget"]) * self.chain.timeout

    async def send(self, method: str, path: str, body: Any, parse: Callable[[httpx.Response], Any], *,
                   fresh: Fresh | None = None, deadline: float | None = None) -> Any:
        """``method`` ``base + path`` on the endpoints (failover, retries, freshness: see the module's doc) until
        one answers; ``parse`` turns the response into the answer (raising ValueError/TypeError/KeyError for a
        malformed one). Raises ``SendFailed`` when none could."""
        endpoints = self._ordered()
        state = _Attempts(deadline if deadline is not None else self.deadline())
        done, answer = await self._pass(endpoints, method, path, body, parse, fresh, state, first=True)
        if done:
            return answer
        if self._worth_retrying(endpoints, state, 1) is not None:
            done, answer = await self._retry(endpoints, method, path, body, parse, fresh, state)
            if done:
                return answer
        if state.stale is not None:  # every endpoint stale or failing: the freshest stale answer, said as such
            _, answer, base, shown = state.stale
            self.answered_by = shown
            return answer
        failures = [state.failures[b] for b in endpoints if b in state.failures]
        raise SendFailed(f"{self.chain.key} {self.label}", "; ".join(f.reason for f in failures),
                         split=any(f.split for f in failures))

    def _ordered(self) -> tuple[str, ...]:
        endpoints = self.chain.endpoints()
        if not endpoints:
            raise SourceUnavailable(f"{self.chain.key} {self.label}", "no endpoint is configured",
                                    hint=f"set [chains.{self.chain.key}] rpc = [\"https://…\"] in the config")
        if self._good in endpoints:  # the endpoint that answered last goes first: a dead one costs one timeout
            endpoints = (self._good, *(u for u in endpoints if u != self._good))
        return tuple(sorted(endpoints, key=self._known_stale))  # stable: stale ones last, order kept otherwise

    async def _retry(self, endpoints: Sequence[str], method: str, path: str, body: Any,
                     parse: Callable[[httpx.Response], Any], fresh: Fresh | None, state: _Attempts) -> tuple[bool, Any]:
        """Further passes over the endpoints that may answer, with backoff, inside the deadline (stamina)."""
        import stamina

        _quiet_stamina()
        passes = 0

        def backoff(e: Exception) -> bool | float:
            nonlocal passes
            if not isinstance(e, _Again):
                return False
            passes += 1
            wait = self._worth_retrying(endpoints, state, passes)
            return False if wait is None else wait

        pending: list[_Again] = [_Again()]  # the first pass, already made: wait before the next one
        try:
            async for attempt in stamina.retry_context(on=backoff, attempts=int(RETRY["attempts"]), timeout=None):
                with attempt:
                    if pending:
                        raise pending.pop()
                    now = time.monotonic()
                    again = [b for b in endpoints if state.failures.get(b, _Failure("")).retry
                             and state.ready.get(b, 0.0) <= now]
                    done, answer = await self._pass(again, method, path, body, parse, fresh, state, first=False)
                    if done:
                        return True, answer
                    raise _Again()
        except _Again:
            pass
        return False, None

    def _worth_retrying(self, endpoints: Sequence[str], state: _Attempts, passes: int) -> float | None:
        """Seconds to wait before the next pass, or None when no endpoint may answer before the deadline."""
        now = time.monotonic()
        candidates = [b for b in endpoints if b in state.failures and state.failures[b].retry]
        if not candidates:
            return None
        backoff = min(float(RETRY["wait_max"]), float(RETRY["wait_initial"]) * 2 ** (passes - 1))
        backoff += random.uniform(0, float(RETRY["wait_jitter"]))  # noqa: S311 - jitter, not a secret
        soonest = min(max(0.0, state.ready.get(b, 0.0) - now) for b in candidates)
        wait = max(backoff, soonest)
        return wait if now + wait < state.deadline else None

    async def _pass(self, endpoints: Sequence[str], method: str, path: str, body: Any,
                    parse: Callable[[httpx.Response], Any], fresh: Fresh | None, state: _Attempts,
                    *, first: bool) -> tuple[bool, Any]:
        """Each endpoint once, in order, until one gives a fresh answer: ``(True, answer)``; else ``(False, None)``
        with what went wrong in ``state``."""
        for base in endpoints:
            shown = display_url(base)
            if state.stale is not None and self._known_stale(base):
                continue  # its answer would be stale too: one stale answer in hand is enough
            timeout = self.chain.timeout if first else min(self.chain.timeout, state.deadline - time.monotonic())
            if timeout <= 0:
                break
            probing = fresh is not None and (fresh.always or self._tip_seen(base) is None)
            send_body = fresh.body if probing and fresh is not None else body
            url = base.rstrip("/") + path if path else base
            try:
                response = await self._once(method, url, send_body, timeout)
                if response.status_code == 429:
                    state.failures[base] = self._rate_limited(base, shown, response, state)
                    continue
                if probing and fresh is not None:
                    answer, tip_time = fresh.parse(response)
                    if tip_time is not None:
                        self._tips[base] = (time.monotonic(), tip_time)
                else:
                    answer, tip_time = parse(response), self._tip_seen(base)
            except _HttpStatus as e:
                state.failures[base] = _status_failure(shown, e.status)
                continue
            except httpx.TimeoutException:
                state.failures[base] = _Failure(f"{shown} timed out after {timeout:.3g}s", retry=True)
                continue
            except (httpx.RemoteProtocolError, httpx.ReadError) as e:  # the answer broke off mid-way
                state.failures[base] = _Failure(f"{shown} dropped the answer ({type(e).__name__})", retry=True,
                                                split=True)
                continue
            except httpx.HTTPError as e:
                state.failures[base] = _Failure(f"{shown} unreachable ({type(e).__name__})", retry=True)
                continue
            except httpx.InvalidURL:  # not an HTTPError: raised before any request is made
                state.failures[base] = _Failure(f"{shown} is not a valid URL")
                continue
            except (ValueError, TypeError, KeyError) as e:
                unreadable = isinstance(e, ValueError) and _unreadable(e)  # cut short or garbled: may pass next time
                state.failures[base] = _Failure(f"{shown} sent a malformed answer ({_short(e)})", retry=unreadable,
                                                split=True)
                continue
            age = self._age(tip_time)
            if age is not None and age > self.chain.max_tip_age:
                state.failures[base] = _Failure(f"{shown} is stale: its newest block is {age:.0f} s old "
                                                f"(max_tip_age {self.chain.max_tip_age:g} s)")
                if state.stale is None or age < state.stale[0]:
                    state.stale = (age, answer, base, shown)
                continue
            self.answered_by = shown
            self._good = base
            return True, answer
        return False, None

    def _rate_limited(self, base: str, shown: str, response: httpx.Response, state: _Attempts) -> _Failure:
        wait = _retry_after(response)
        now = time.monotonic()
        if now + wait >= state.deadline:
            budget = float(RETRY["budget"]) * self.chain.timeout
            return _Failure(f"{shown} answered HTTP 429 (rate limited) and asked to wait {wait:g} s, more than the "
                            f"{budget:g} s a lookup may take here ({float(RETRY['budget']):g} × timeout)")
        state.ready[base] = now + wait
        return _Failure(f"{shown} answered HTTP 429 (rate limited)", retry=True)

    async def _once(self, method: str, url: str, body: Any, timeout: float) -> httpx.Response:
        if self.chain.rate_limit:
            if self._limiter is None:
                from aiolimiter import AsyncLimiter

                # one request per 1/rate seconds: never more than `rate` in any one-second window
                self._limiter = AsyncLimiter(1, 1.0 / self.chain.rate_limit)
            async with self._limiter:
                return await self._post(method, url, body, timeout)
        return await self._post(method, url, body, timeout)

    async def _post(self, method: str, url: str, body: Any, timeout: float) -> httpx.Response:
        self.requests += 1
        return await self._client.request(method, url, json=body, headers=self._headers, timeout=timeout)


_stamina_quiet = False


def _quiet_stamina() -> None:
    """stamina reports retries through structlog or prometheus when they are installed (structlog prints to
    the terminal): only through ``logging`` here, whose ``stamina`` logger has a NullHandler."""
    global _stamina_quiet
    if not _stamina_quiet:
        from stamina.instrumentation import LoggingOnRetryHook, set_on_retry_hooks

        set_on_retry_hooks([LoggingOnRetryHook])
        _stamina_quiet = True


def _retry_after(response: httpx.Response) -> float:
    """Seconds the server asked for: ``Retry-After`` as delay-seconds or an HTTP date; a default when absent."""
    raw = response.headers.get("retry-after", "").strip()
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return max(0.0, parsedate_to_datetime(raw).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return float(RETRY["default_retry_after"])


def _status_failure(shown: str, status: int) -> _Failure:
    reason = f"{shown} answered HTTP {status}"
    if status >= 500 or status == 408:
        return _Failure(reason, retry=True, split=status >= 500)
    return _Failure(reason, split=status in (400, 413))  # a batch too large or refused: smaller ones may pass


def _unreadable(e: ValueError) -> bool:
    import json

    return isinstance(e, json.JSONDecodeError | UnicodeDecodeError)


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
