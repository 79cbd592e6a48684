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

Retries and limits are declared here, once, not in the adapters: ``rate_limit`` (HTTP requests per second) and
``call_rate_limit`` (JSON-RPC calls per second: a batch of 40 calls is 40), both from the chain's config
(``Limits``), and ``RETRY`` below. Library log lines (stamina's retry notices, httpx's requests) never reach the
agent's screen: their loggers get a ``NullHandler``, and stamina logs only through ``logging``.

A long run (``bulk``) shares three things between its sources (``engine/session.py`` sets them):

- ``Activity``: how many units of work (bulk rows, lookups) are running rather than waiting on the network.
  JSON-RPC calls queued for a batch are sent when the batch is full or when no unit is running any more —
  every lookup waits — instead of after a fixed window.
- ``Traffic``: requests, calls, failures and round trips, from which the run finds its pace.
- ``Scope``: the memo entries a bulk row asked for. An entry is dropped once every row that asked for it has
  been written, so the memo holds what the rows in flight need, not the whole run's answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from supportctl.core.config import ChainConfig, display_url
from supportctl.core.errors import SourceUnavailable

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


# --- what a long run shares between its sources ----------------------------------------------------------


class Unit:
    """One unit of work of ``Activity``: running (``held``) or waiting on the network."""

    __slots__ = ("held",)

    def __init__(self) -> None:
        self.held = True


# The unit the running code belongs to (a lookup's, a bulk row's), and the scope its memo entries are pinned to.
CURRENT_UNIT: contextvars.ContextVar[Unit | None] = contextvars.ContextVar("supportctl_unit", default=None)
CURRENT_SCOPE: contextvars.ContextVar[Scope | None] = contextvars.ContextVar("supportctl_scope", default=None)

MAX_HOLD = 0.05  # seconds queued calls wait at most for a unit that does not say it waits (a venue call)


class Activity:
    """How many units of work are running, i.e. may still add calls to a batch; when none is, every lookup
    waits, and the queued calls are sent (``on_idle``). Checked on the next turn of the event loop, after what
    was ready to run has run. A unit that waits on something else than a source (a thread, a venue) still
    counts as running: when nothing has changed for ``MAX_HOLD`` seconds, the queued calls are sent anyway."""

    def __init__(self) -> None:
        self.running = 0
        self._changes = 0  # units begun, ended, paused or resumed: progress
        self._queues: list[tuple[Callable[[], bool], Callable[[], bool]]] = []  # (send what is queued, anything?)
        self._check: asyncio.Handle | None = None
        self._backstop: asyncio.TimerHandle | None = None

    def on_idle(self, flush: Callable[[], bool], queued: Callable[[], bool]) -> None:
        """``flush`` sends a queue's calls (True when it had some) when no unit runs; ``queued``: has it any?"""
        self._queues.append((flush, queued))

    def begin(self) -> Unit:
        self.running += 1
        self._changes += 1
        return Unit()

    def end(self, unit: Unit) -> None:
        """The unit finished, or (``pause``) waits on the network."""
        if unit.held:
            unit.held = False
            self.running -= 1
            self._changes += 1
            if self.running == 0:
                self.poke()

    pause = end

    def resume(self, unit: Unit) -> None:
        if not unit.held:
            unit.held = True
            self.running += 1
            self._changes += 1

    def poke(self) -> None:
        """Calls were queued (or the last unit stopped running): on the loop's next turn, send them if no unit
        runs; and in any case once nothing has changed for ``MAX_HOLD``."""
        loop = asyncio.get_running_loop()
        if self._check is None:
            self._check = loop.call_soon(self._idle)
        if self._backstop is None:
            self._backstop = loop.call_later(MAX_HOLD, self._late, self._changes)

    def _idle(self) -> None:
        self._check = None
        if self.running <= 0:
            self._flush()

    def _late(self, changes: int) -> None:
        self._backstop = None
        if not any(queued() for _, queued in self._queues):
            return
        if changes != self._changes:  # units are making progress: their calls will come, or they will wait
            self._backstop = asyncio.get_running_loop().call_later(MAX_HOLD, self._late, self._changes)
            return
        self._flush()

    def _flush(self) -> bool:
        sent = False
        for flush, _ in self._queues:
            sent |= flush()
        return sent


class Scope:
    """The memo entries one piece of work (a bulk row) asked for; ``release`` once its row is written drops
    those no other row still needs."""

    __slots__ = ("_pins",)

    def __init__(self) -> None:
        self._pins: list[tuple[HttpSource, str]] = []

    def pin(self, source: HttpSource, key: str) -> None:
        self._pins.append((source, key))

    def release(self) -> None:
        for source, key in self._pins:
            source.unpin(key)
        self._pins.clear()


@dataclass
class Traffic:
    """What the run's requests met: counts, failures that call for a slower pace (HTTP 429, 5xx, timeouts,
    dropped connections) and round trips (seconds, sent to answered, waits for the rate limits excluded), each
    beside the fastest its own source has answered (chains are near and far: only a source against itself tells
    whether it is queueing)."""

    requests: int = 0
    calls: int = 0
    failures: int = 0
    rtt_sum: float = 0.0
    rtt_count: int = 0
    fastest_sum: float = 0.0  # the fastest round trip of the source of each answer, summed
    throttled: float = 0.0  # seconds requests waited for the configured rate limits

    def answered(self, seconds: float, fastest: float) -> None:
        self.rtt_sum += seconds
        self.rtt_count += 1
        self.fastest_sum += fastest


class Limits:
    """The chain's ``rate_limit`` (HTTP requests per second, spaced ``1/rate`` apart) and ``call_rate_limit``
    (JSON-RPC calls per second). Neither is exceeded in any one-second window as the node sees it: a request
    counts from when it is let go until one second after its answer came back (it reached the node somewhere in
    between, however late the event loop or the network let it leave), and a request waits until it fits.
    Waiters go in turn."""

    WINDOW = 1.0

    def __init__(self, requests: float, calls: float) -> None:
        self.requests, self.calls = requests, calls
        self._gap = 1.0 / requests if requests else 0.0
        self._last = -float("inf")
        self._sent: deque[_Sent] = deque()  # requests let go, oldest first, still inside their window
        self._turn = asyncio.Lock()
        self._answered = asyncio.Event()

    @staticmethod
    def capacity(rate: float) -> int:
        """How many may go in one window (a rate below one still lets one through)."""
        return max(1, int(rate))

    async def admit(self, calls: int) -> _Sent:
        """Wait until a request of ``calls`` calls may go; ``done`` it once it is answered (or failed)."""
        async with self._turn:
            while (wait := self._wait(calls, time.monotonic())) > 0:
                self._answered.clear()
                with contextlib.suppress(TimeoutError):  # an answer may free a place sooner
                    await asyncio.wait_for(self._answered.wait(), min(wait, 3600.0))
            sent = _Sent(calls, start=time.monotonic())
            self._last = sent.start
            self._sent.append(sent)
            return sent

    def done(self, sent: _Sent) -> None:
        sent.end = time.monotonic()
        self._answered.set()

    def _wait(self, calls: int, now: float) -> float:
        """Seconds until a request of ``calls`` calls may go (inf: until a request in flight is answered)."""
        while self._sent and self._sent[0].end + self.WINDOW <= now:
            self._sent.popleft()
        wait = self._last + self._gap - now if self.requests else 0.0
        if self.requests:
            wait = max(wait, self._until(self.capacity(self.requests) - 1, [(s.end, 1) for s in self._sent], now))
        if self.calls:
            room = self.capacity(self.calls) - min(calls, self.capacity(self.calls))
            wait = max(wait, self._until(room, [(s.end, s.calls) for s in self._sent], now))
        return wait

    def _until(self, room: int, sent: list[tuple[float, int]], now: float) -> float:
        """Seconds until what is in the window weighs ``room`` at most: the first answered leave it first."""
        used = sum(weight for _, weight in sent)
        wait = 0.0
        for end, weight in sorted(sent):
            if used <= room:
                break
            used -= weight
            wait = end + self.WINDOW - now
        return wait


class _Sent:
    """A request let go by ``Limits``: its calls, and when its answer came (inf while in flight)."""

    __slots__ = ("calls", "end", "start")

    def __init__(self, calls: int, start: float) -> None:
        self.calls, self.start, self.end = calls, start, float("inf")


# --- the HTTP client ----------------------------------------------------------------------------------------


class Client(Protocol):
    """What a source asks of its HTTP client: ``httpx.AsyncClient`` (bulk) or ``ThreadedClient``."""

    async def request(self, method: str, url: str, *, json: Any, headers: dict[str, str],
                      timeout: float) -> httpx.Response: ...

    async def aclose(self) -> None: ...


class ThreadedClient:
    """An ``httpx.Client`` (thread-safe, httpx says) whose requests each run on a thread of their own, awaited
    from the event loop: the client of a run that makes a few requests (``deposit``, ``diagnose``, ``shell``,
    ``doctor``). httpx's async client loads anyio's asyncio backend and httpcore's anyio streams on its first
    request, ~30 ms of a ~150 ms lookup; the sync one needs only sockets and locks, loaded with httpx. ``bulk``,
    with hundreds of requests in flight, keeps ``httpx.AsyncClient``.

    The threads are daemons: Ctrl-C, or a timeout elsewhere, never waits for a request in flight; its answer is
    dropped.

    TLS is checked against the certificates of ``chains/trust.py``, loaded beside the run's imports when a
    command will ask an ``https://`` endpoint, and waited for before the first request that needs them."""

    def __init__(self, **options: Any) -> None:
        from supportctl.chains import trust

        self._trust = trust
        self._trusted = False
        self._client = httpx.Client(verify=trust.context(), **options)

    async def request(self, method: str, url: str, *, json: Any, headers: dict[str, str],
                      timeout: float) -> httpx.Response:
        if not self._trusted and (url[:6].lower() == "https:" or self._trust.proxied()):
            self._trust.ready()  # raises ConfigError when SSL_CERT_FILE names no certificates
            self._trusted = True
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[httpx.Response] = loop.create_future()

        def settle(response: httpx.Response | None, error: Exception | None) -> None:
            if answer.done():  # the awaiting lookup was cancelled
                return
            if response is not None:
                answer.set_result(response)
            else:
                answer.set_exception(error or RuntimeError("no answer"))

        def send() -> None:
            response: httpx.Response | None = None
            error: Exception | None = None
            try:
                response = self._client.request(method, url, json=json, headers=headers, timeout=timeout)
            except Exception as e:  # handed to the awaiting lookup, which names it
                error = e
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits for this answer
                loop.call_soon_threadsafe(settle, response, error)

        threading.Thread(target=send, name="supportctl-http", daemon=True).start()
        return await answer

    async def aclose(self) -> None:
        self._client.close()


class HttpSource:
    """One chain's endpoints. Subclasses say what a request is (``JsonRpc``, ``Rest``)."""

    label = "API"

    def __init__(self, chain: ChainConfig, client: Client, headers: dict[str, str] | None = None) -> None:
        self.chain = chain
        self._client = client
        self._headers = dict(headers or {})
        self.answered_by: str | None = None  # display form of the endpoint that last answered
        self.requests = 0  # HTTP requests made (benchmarks and tests read this)
        self.calls = 0  # JSON-RPC calls sent in them (a REST request is one)
        self._good: str | None = None
        self._limits: Limits | None = None
        self.tip_ttl: float | None = None  # seconds answers about the tip stay memoised (None: the whole run)
        self._memo: dict[str, tuple[float, Any]] = {}
        self._pins: dict[str, int] = {}  # memo key → rows in flight that asked for it (``Scope``)
        self._shared: set[str] = set()  # keys asked as the chain's own (its tip, its id): kept, not pinned
        self._scoped = False  # a scope has pinned an entry: entries no row asked for are not kept
        self._tips: dict[str, tuple[float, float]] = {}  # endpoint → (monotonic time seen, its tip's unix time)
        self.traffic = Traffic()  # the session gives every source of a run the same one
        self._fastest = float("inf")  # the fastest round trip of this source so far
        self.activity = Activity()  # likewise

    # -- memo ---------------------------------------------------------------------------------------------

    def remembered(self, key: str, volatile: bool, *, shared: bool | None = None) -> tuple[bool, Any]:
        """The memoised answer to ``key``, if any. Asked within a ``Scope`` (a bulk row), the entry is pinned
        to it, unless it is ``shared`` (about the chain itself, asked by every row: by default the volatile
        answers, those about the tip)."""
        scope = CURRENT_SCOPE.get()
        if scope is not None:
            if volatile if shared is None else shared:
                self._shared.add(key)
            else:
                self._pins[key] = self._pins.get(key, 0) + 1
                self._scoped = True
                scope.pin(self, key)
        hit = self._memo.get(key)
        if hit is None:
            return False, None
        stamp, value = hit
        if volatile and self.tip_ttl is not None and time.monotonic() - stamp > self.tip_ttl:
            del self._memo[key]
            return False, None
        return True, value

    def remember(self, key: str, value: Any) -> None:
        if self._scoped and key not in self._pins and key not in self._shared:
            return  # every row that asked for it is written (or gone): nobody needs it any more
        self._memo[key] = (time.monotonic(), value)

    def unpin(self, key: str) -> None:
        """A row that asked for ``key`` is written: the entry goes when no row in flight still needs it."""
        left = self._pins.get(key, 0) - 1
        if left > 0:
            self._pins[key] = left
            return
        self._pins.pop(key, None)
        self._memo.pop(key, None)

    @property
    def memo_size(self) -> int:
        """Answers held (tests check the memo stays bounded)."""
        return len(self._memo)

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
        unit = CURRENT_UNIT.get()
        if unit is not None:  # a lookup waiting here may add no call to any batch
            self.activity.pause(unit)
        try:
            return await self._send(method, path, body, parse, fresh, deadline)
        finally:
            if unit is not None:
                self.activity.resume(unit)

    async def _send(self, method: str, path: str, body: Any, parse: Callable[[httpx.Response], Any],
                    fresh: Fresh | None, deadline: float | None) -> Any:
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
                    self.traffic.failures += 1
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
                self.traffic.failures += state.failures[base].retry  # 5xx, 408: the node is struggling
                continue
            except httpx.TimeoutException:
                self.traffic.failures += 1
                state.failures[base] = _Failure(f"{shown} timed out after {timeout:.3g}s", retry=True)
                continue
            except (httpx.RemoteProtocolError, httpx.ReadError) as e:  # the answer broke off mid-way
                self.traffic.failures += 1
                state.failures[base] = _Failure(f"{shown} dropped the answer ({type(e).__name__})", retry=True,
                                                split=True)
                continue
            except httpx.HTTPError as e:
                if "CERTIFICATE_VERIFY_FAILED" in str(e):  # the node answered: its certificate is not trusted here
                    state.failures[base] = _Failure(
                        f"{shown}: its TLS certificate is not trusted here (behind a TLS-inspecting proxy, point "
                        f"SSL_CERT_FILE at your organisation's certificate bundle)")
                    continue
                self.traffic.failures += 1
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

    @property
    def max_calls(self) -> int:
        """JSON-RPC calls one request may carry: ``max_batch``, and no more than ``call_rate_limit`` allows in
        a second."""
        size = max(1, self.chain.max_batch)
        return min(size, Limits.capacity(self.chain.call_rate_limit)) if self.chain.call_rate_limit else size

    async def _once(self, method: str, url: str, body: Any, timeout: float) -> httpx.Response:
        calls = len(body) if isinstance(body, list) else 1
        limits, sent = self._limits, None
        if self.chain.rate_limit or self.chain.call_rate_limit:
            if limits is None:
                limits = self._limits = Limits(self.chain.rate_limit, self.chain.call_rate_limit)
            asked = time.monotonic()
            sent = await limits.admit(calls)
            self.traffic.throttled += sent.start - asked
        self.requests += 1
        self.calls += calls
        self.traffic.requests += 1
        self.traffic.calls += calls
        start = time.monotonic()
        try:
            response = await self._post(method, url, body, timeout)
        finally:
            if limits is not None and sent is not None:
                limits.done(sent)
        seconds = time.monotonic() - start
        self._fastest = min(self._fastest, seconds)
        self.traffic.answered(seconds, self._fastest)
        return response

    async def _post(self, method: str, url: str, body: Any, timeout: float) -> httpx.Response:
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
