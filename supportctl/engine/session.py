"""A run's connections and caches: one HTTP client, one memoising RPC client per chain.

The session is the ``Clients`` the chain adapters are handed (``chains/interface.py``): adapters never
import it. ``Session.lookup`` and ``Session.health`` never raise for a source problem: the answer's ``error``
says why the chain could not be asked, so the checks can turn it into an `unknown` finding.

Its sources share the run's ``activity`` (each lookup is a unit of work: JSON-RPC batches are sent when full or
when every unit waits), its ``traffic`` (requests, calls, failures, round trips: the pace of a bulk run) and,
through ``start``, a memo scope per bulk row (entries dropped once the rows that asked for them are written).
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from supportctl.chains.http import CURRENT_SCOPE, CURRENT_UNIT, Activity, Client, Scope, ThreadedClient, Traffic, Unit
from supportctl.chains.interface import ChainAdapter, Health, UnknownFamily, adapter
from supportctl.core.config import Config
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, Lookup
from supportctl.core.registry import spec

if TYPE_CHECKING:
    import httpx

    from supportctl.chains.jsonrpc import JsonRpc
    from supportctl.chains.rest import Rest
    from supportctl.venue.interface import Venue

USER_AGENT = "supportctl/0.1.0"
MAX_CONNECTIONS = 32  # HTTP connections open at once, over every chain (a bulk run's batches share them)
_T = TypeVar("_T")


class Session:
    def __init__(
        self, config: Config, *, transport: httpx.AsyncBaseTransport | None = None, tip_ttl: float | None = None,
        many: bool = False,
    ) -> None:
        self.config = config
        self._transport = transport
        # hundreds of requests in flight (bulk): httpx's async client; else one thread per request (ThreadedClient)
        self.many = many
        self.tip_ttl = tip_ttl  # long runs (bulk, shell): answers about a chain's tip are re-read after this
        self.activity = Activity()  # units of work running: when none is, queued JSON-RPC calls are sent
        self.traffic = Traffic()  # every source's requests, calls, failures and round trips
        self._client: Client | None = None
        self._rpcs: dict[ChainKey, JsonRpc] = {}
        self._rests: dict[ChainKey, Rest] = {}
        self._venue: Venue | None = None
        self.refresh = False  # venue rules: ignore the on-disk cache

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for rpc in self._rpcs.values():
            await rpc.aclose()
        if self._client is not None:
            await self._client.aclose()

    @property
    def client(self) -> Client:
        if self._client is None:
            import httpx

            options: dict[str, Any] = {
                "headers": {"user-agent": USER_AGENT},
                "follow_redirects": False,
                "limits": httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS),
            }
            if self.many or self._transport is not None:
                self._client = httpx.AsyncClient(transport=self._transport, **options)
            else:
                self._client = ThreadedClient(**options)
        return self._client

    def rpc(self, chain: ChainKey) -> JsonRpc:
        if chain not in self._rpcs:
            from supportctl.chains.jsonrpc import JsonRpc

            rpc = JsonRpc(self.config.chain(chain), self.client)
            rpc.tip_ttl, rpc.traffic = self.tip_ttl, self.traffic
            rpc.share(self.activity)
            # the adapter says how its nodes tell their tip: a stale endpoint then fails over like a failing one
            found = _adapter(chain)
            rpc.tip_probe = found.tip_probe if found is not None else None
            self._rpcs[chain] = rpc
        return self._rpcs[chain]

    @property
    def venue(self) -> Venue | None:
        """The configured venue (``[venue] exchange``), loaded on first use; None when none is configured."""
        if self.config.venue.exchange is None:
            return None
        if self._venue is None:
            from supportctl.venue.load import load

            self._venue = load(self.config, refresh=self.refresh)
        return self._venue

    def rest(self, chain: ChainKey, headers: dict[str, str] | None = None) -> Rest:
        """A REST client for ``chain`` (Esplora, TronGrid …); ``headers`` apply to every request."""
        if chain not in self._rests:
            from supportctl.chains.rest import Rest

            rest = Rest(self.config.chain(chain), self.client, headers)
            rest.tip_ttl, rest.traffic, rest.activity = self.tip_ttl, self.traffic, self.activity
            self._rests[chain] = rest
        return self._rests[chain]

    @property
    def requests(self) -> int:
        """HTTP requests made so far (for benchmarks and tests)."""
        return sum(r.requests for r in self._rpcs.values()) + sum(r.requests for r in self._rests.values())

    @property
    def memo_size(self) -> int:
        """Answers memoised over every source (tests check a bulk run leaves none behind)."""
        return sum(r.memo_size for r in self._rpcs.values()) + sum(r.memo_size for r in self._rests.values())

    def start(self, work: Coroutine[Any, Any, _T]) -> tuple[asyncio.Task[_T], Scope]:
        """Run ``work`` (a bulk row) as a task and a unit of this session's activity, counted as running from
        now until the end of its first step (by then its lookups count for themselves); the memo entries it
        asks for are pinned to the returned scope: ``scope.release()`` once its row is written drops them."""
        unit, scope = self.activity.begin(), Scope()
        context = contextvars.copy_context()
        context.run(CURRENT_UNIT.set, unit)
        context.run(CURRENT_SCOPE.set, scope)
        task = asyncio.get_running_loop().create_task(self._unit(work, unit), context=context)
        return task, scope

    async def _unit(self, work: Awaitable[_T], unit: Unit) -> _T:
        asyncio.get_running_loop().call_soon(self.activity.end, unit)
        try:
            return await work
        finally:
            self.activity.end(unit)

    async def lookup(self, chain: ChainKey, tx_hash: str) -> Lookup:
        """Ask one chain about a transaction through its family's adapter (``chains/interface.py``). The lookup
        is a unit of the session's activity while it runs."""
        unit = self.activity.begin()
        token = CURRENT_UNIT.set(unit)
        try:
            facts, error = await self._ask(chain, lambda a: a.lookup(self, chain, tx_hash))
        finally:
            CURRENT_UNIT.reset(token)
            self.activity.end(unit)
        return Lookup(chain, facts=facts, error=error)

    async def probe(self, chains: Sequence[ChainKey], tx_hash: str) -> tuple[Lookup, ...]:
        """Ask several chains at once; answers in the order of ``chains``."""
        return tuple(await asyncio.gather(*(self.lookup(c, tx_hash) for c in chains)))

    async def health(self, chain: ChainKey) -> Health:
        """Does ``chain``'s source answer, and how fresh is it (``supportctl doctor``)."""
        health, error = await self._ask(chain, lambda a: a.health(self, chain))
        return health if health is not None else Health(error=error)

    async def _ask(self, chain: ChainKey, ask: Callable[[ChainAdapter], Awaitable[_T]]) -> tuple[_T | None, str | None]:
        """``ask(the chain's adapter)`` → (answer, None), or (None, why the chain could not be asked)."""
        found = _adapter(chain)
        if found is None:
            return None, f"{spec(chain).name} lookups are not supported yet"
        try:
            return await ask(found), None
        except SourceUnavailable as e:
            return None, e.reason
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
            return None, f"malformed answer from the node ({type(e).__name__})"


def _adapter(chain: ChainKey) -> ChainAdapter | None:
    """The adapter of ``chain``'s family, imported on first use (None if the family has none)."""
    try:
        return adapter(spec(chain).family)
    except UnknownFamily:
        return None
