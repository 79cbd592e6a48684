"""The chain adapter contract, and the registry of chain families.

A chain family (``registry.Family``) is read by one adapter: an object that says what the family's transaction
ids look like and how to ask one of its chains about a transaction (``ChainAdapter``). Built-in adapters live
one per module, ``chains/<family>.py``, each as its ``ADAPTER``; ``ADAPTERS`` below maps every family to
the module holding its adapter, imported only when the family is first asked for. Adding a family is one module
plus one entry here, or ``register`` at run time (a plugin, a test).

Adapters never import the session: they are handed a ``Clients`` (``core/session.Session`` is one) that
gives them the chain's JSON-RPC and REST clients and the configuration. Cheap to import: no httpx, no adapter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from supportctl.core.model import ChainKey, TxFacts
from supportctl.core.registry import Family

if TYPE_CHECKING:
    from supportctl.addressing.interface import FamilyResult
    from supportctl.chains.jsonrpc import JsonRpc
    from supportctl.chains.rest import Rest
    from supportctl.core.config import Config


# --- what a client hands an adapter ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RpcFault:
    """A JSON-RPC error object returned for one call of a batch. ``data`` is the error's optional ``data``
    member as sent (an EVM node puts a call's revert data there), ``None`` when absent."""

    code: int
    message: str
    data: Any = None


@dataclass(frozen=True, slots=True)
class TipProbe:
    """How an adapter's nodes tell their tip: one call, and its answer → the tip's unix time (None: cannot
    tell). Declared by the adapter as ``tip_probe``; the session hands it to the chain's JSON-RPC client,
    which then fails a stale endpoint over like a failing one."""

    method: str
    params: tuple[Any, ...]
    timestamp: Callable[[Any], float | None]

    @property
    def key(self) -> str:
        return call_key(self.method, self.params)


def call_key(method: str, params: Sequence[Any]) -> str:
    """A JSON-RPC call as the memo and the batches know it."""
    return json.dumps([method, list(params)], sort_keys=True, separators=(",", ":"))


class Clients(Protocol):
    """What an adapter may use: one memoising, failing-over client per chain, and the run's configuration."""

    @property
    def config(self) -> Config: ...

    def rpc(self, chain: ChainKey) -> JsonRpc: ...

    def rest(self, chain: ChainKey, headers: dict[str, str] | None = None) -> Rest: ...


# --- the contract ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Health:
    """One endpoint as ``supportctl doctor`` shows it: who answered, its tip, and how old the tip is.
    ``error`` says why it could not be asked (then the rest is None)."""

    source: str | None = None
    tip: int | None = None
    tip_age: float | None = None  # seconds since the tip block's timestamp
    error: str | None = None


class ChainAdapter(Protocol):
    """What a chain family provides. ``lookup`` and ``health`` raise ``SourceUnavailable`` (or a library's
    ``ValueError``/``KeyError``… on a malformed answer, which the session reports as such) and nothing else."""

    @property
    def family(self) -> Family: ...

    @property
    def tx_pattern(self) -> re.Pattern[str]:
        """A whole transaction id of the family (``fullmatch``): how a pasted hash is recognised."""

    @property
    def hash_hint(self) -> str:
        """One line shown when a hash is malformed for a chain of the family, e.g. "an EVM transaction hash
        is 0x followed by 64 hex digits"."""

    @property
    def probe_tx(self) -> str:
        """An id no transaction has (the all-zero one, as the family's nodes spell it): asking for it probes
        an endpoint."""

    @property
    def tip_probe(self) -> TipProbe | None:
        """How a JSON-RPC node of the family tells its tip (None: the family does not say)."""

    def lookup(self, clients: Clients, chain: ChainKey, tx: str) -> Awaitable[TxFacts]:
        """Facts about transaction ``tx`` on ``chain`` (``NOT_FOUND`` is a fact, not an error)."""

    def health(self, clients: Clients, chain: ChainKey) -> Awaitable[Health]:
        """Whether ``chain``'s source answers, is the chain it claims, and how fresh it is (``doctor``)."""


LookupFn = Callable[[Clients, ChainKey, str], Awaitable[TxFacts]]


@dataclass(frozen=True, slots=True)
class Adapter:
    """The usual ``ChainAdapter``: declared values and a ``lookup`` function; its ``health`` looks up
    ``probe_tx``, which no chain has, and reports the tip the answer carries."""

    family: Family
    tx_pattern: re.Pattern[str]
    hash_hint: str
    probe_tx: str
    lookup: LookupFn
    tip_probe: TipProbe | None = None
    # how the family's addresses are read, for a family addressing/ does not know yet: registered with the adapter
    parse_address: Callable[[str], FamilyResult] | None = None

    async def health(self, clients: Clients, chain: ChainKey) -> Health:
        facts = await self.lookup(clients, chain, self.probe_tx)
        return Health(facts.source, facts.tip, facts.tip_age)


# --- the registry ---------------------------------------------------------------------------------

# family → the module whose ``ADAPTER`` reads it, imported on first use
ADAPTERS: dict[Family, str] = {
    Family.EVM: "supportctl.chains.evm",
    Family.BITCOIN: "supportctl.chains.bitcoin",
    Family.TRON: "supportctl.chains.tron",
    Family.SOLANA: "supportctl.chains.solana",
    Family.XRP: "supportctl.chains.xrp",
}
_loaded: dict[Family, ChainAdapter] = {}


class UnknownFamily(LookupError):
    def __init__(self, family: Family) -> None:
        super().__init__(f"no adapter is registered for the {family} family")
        self.family = family


def register(family: Family, adapter: str | ChainAdapter) -> None:
    """Add a family: ``adapter`` is the adapter itself or the name of a module whose ``ADAPTER`` it is
    (imported on first use). A family already registered is refused: ``unregister`` it first."""
    if family in ADAPTERS or family in _loaded:
        raise ValueError(f"the {family} family is registered already")
    if isinstance(adapter, str):
        ADAPTERS[family] = adapter
    elif adapter.family != family:
        raise ValueError(f"an adapter of the {adapter.family} family cannot be registered as {family}")
    else:
        _loaded[family] = adapter
        parse = getattr(adapter, "parse_address", None)
        if parse is not None:
            from supportctl.addressing.interface import register_format

            register_format(str(family), parse)


def unregister(family: Family) -> None:
    """Forget a family (a test cleaning up after itself)."""
    if family not in ADAPTERS and family not in _loaded:
        raise UnknownFamily(family)
    ADAPTERS.pop(family, None)
    _loaded.pop(family, None)
    from supportctl.addressing.interface import unregister_format

    unregister_format(str(family))


def families() -> tuple[Family, ...]:
    """Every registered family, built-in ones first."""
    return (*ADAPTERS, *(f for f in _loaded if f not in ADAPTERS))


def adapter(family: Family) -> ChainAdapter:
    """The adapter of ``family``, its module imported on first use. Raises ``UnknownFamily``."""
    found = _loaded.get(family)
    if found is not None:
        return found
    if family not in ADAPTERS:
        raise UnknownFamily(family)
    import importlib

    module = importlib.import_module(ADAPTERS[family])
    loaded: ChainAdapter = module.ADAPTER
    if loaded.family != family:
        raise ValueError(f"{ADAPTERS[family]}.ADAPTER reads the {loaded.family} family, not {family}")
    _loaded[family] = loaded
    return loaded


def adapters() -> tuple[ChainAdapter, ...]:
    return tuple(adapter(f) for f in families())


def tx_families(text: str) -> set[Family]:
    """The families whose transaction ids look like ``text`` (empty if none)."""
    return {a.family for a in adapters() if a.tx_pattern.fullmatch(text)}


def hash_hint(family: Family) -> str:
    """The one-line hint for a hash that is malformed for a chain of ``family``."""
    return adapter(family).hash_hint
