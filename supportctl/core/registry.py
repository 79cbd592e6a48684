"""The chains supportctl knows: canonical keys, aliases, families, explorers.

Pure data, cheap to import: the identifier, the config loader and the renderers all read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from supportctl.core.errors import InputError
from supportctl.core.model import ChainKey

_FAMILY_NAME = re.compile(r"[a-z][a-z0-9_]*")


class Family(str):
    """A protocol family: the chains one adapter reads (``chains/interface.py`` maps each to its adapter).

    An open vocabulary, shared by chains and addressing: the built-in families are constants
    (``Family.EVM``), a plugin or a test names a new one with ``Family("toy")``. Instances are interned, so
    ``Family("evm") is Family.EVM`` and ``is`` compares families as it compares enum members.
    """

    __slots__ = ()
    _interned: ClassVar[dict[str, Family]] = {}

    EVM: ClassVar[Family]
    BITCOIN: ClassVar[Family]  # Bitcoin and Litecoin (Esplora / Bitcoin Core RPC)
    TRON: ClassVar[Family]
    SOLANA: ClassVar[Family]
    XRP: ClassVar[Family]

    def __new__(cls, name: str) -> Family:
        known = cls._interned.get(name)
        if known is None:
            if not _FAMILY_NAME.fullmatch(name):
                raise ValueError(f"a chain family is a lower-case identifier, not {name!r}")
            known = cls._interned[name] = super().__new__(cls, name)
        return known

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Family({self.value!r})"


Family.EVM = Family("evm")
Family.BITCOIN = Family("bitcoin")
Family.TRON = Family("tron")
Family.SOLANA = Family("solana")
Family.XRP = Family("xrp")


@dataclass(frozen=True, slots=True)
class ChainSpec:
    key: ChainKey
    name: str
    family: Family
    native: str  # the native coin's symbol
    decimals: int  # the native coin's decimals
    explorer_tx: str  # URL template with {tx}
    explorer_address: str  # URL template with {address}
    explorer_hosts: tuple[str, ...]  # hosts whose URLs name this chain
    aliases: tuple[str, ...]
    block_time: float  # typical seconds per block, for ETAs when it cannot be measured
    chain_id: int | None = None  # EVM chain id


def _spec(key: str, *args: object, **kw: object) -> ChainSpec:
    return ChainSpec(ChainKey(key), *args, **kw)  # type: ignore[arg-type]


CHAINS: dict[ChainKey, ChainSpec] = {
    s.key: s
    for s in (
        _spec("ethereum", "Ethereum", Family.EVM, "ETH", 18, "https://etherscan.io/tx/{tx}",
              "https://etherscan.io/address/{address}", ("etherscan.io",),
              ("eth", "erc20", "erc-20", "mainnet", "ethereum mainnet"), 12.0, chain_id=1),
        _spec("bsc", "BNB Smart Chain", Family.EVM, "BNB", 18, "https://bscscan.com/tx/{tx}",
              "https://bscscan.com/address/{address}", ("bscscan.com",),
              ("bep20", "bep-20", "bnb", "bnb smart chain", "binance smart chain", "bsc mainnet"), 3.0,
              chain_id=56),
        _spec("polygon", "Polygon", Family.EVM, "POL", 18, "https://polygonscan.com/tx/{tx}",
              "https://polygonscan.com/address/{address}", ("polygonscan.com",),
              ("matic", "pol", "polygon pos", "polygon-pos"), 2.0, chain_id=137),
        _spec("arbitrum", "Arbitrum One", Family.EVM, "ETH", 18, "https://arbiscan.io/tx/{tx}",
              "https://arbiscan.io/address/{address}", ("arbiscan.io",),
              ("arb", "arbitrum one", "arbone", "arbi"), 0.25, chain_id=42161),
        _spec("optimism", "OP Mainnet", Family.EVM, "ETH", 18, "https://optimistic.etherscan.io/tx/{tx}",
              "https://optimistic.etherscan.io/address/{address}", ("optimistic.etherscan.io",),
              ("op", "optimism mainnet", "op mainnet"), 2.0, chain_id=10),
        _spec("base", "Base", Family.EVM, "ETH", 18, "https://basescan.org/tx/{tx}",
              "https://basescan.org/address/{address}", ("basescan.org",), ("base mainnet",), 2.0,
              chain_id=8453),
        _spec("avalanche", "Avalanche C-Chain", Family.EVM, "AVAX", 18, "https://snowtrace.io/tx/{tx}",
              "https://snowtrace.io/address/{address}", ("snowtrace.io", "avascan.info"),
              ("avax", "avaxc", "avax-c", "avalanche c-chain", "c-chain", "avaxcchain"), 2.0, chain_id=43114),
        _spec("tron", "Tron", Family.TRON, "TRX", 6, "https://tronscan.org/#/transaction/{tx}",
              "https://tronscan.org/#/address/{address}", ("tronscan.org", "tronscan.io"),
              ("trx", "trc20", "trc-20"), 3.0),
        _spec("bitcoin", "Bitcoin", Family.BITCOIN, "BTC", 8, "https://mempool.space/tx/{tx}",
              "https://mempool.space/address/{address}", ("mempool.space", "blockstream.info"),
              ("btc", "bitcoin mainnet", "segwit", "segwitbtc"), 600.0),
        _spec("litecoin", "Litecoin", Family.BITCOIN, "LTC", 8, "https://litecoinspace.org/tx/{tx}",
              "https://litecoinspace.org/address/{address}", ("litecoinspace.org",), ("ltc",), 150.0),
        _spec("solana", "Solana", Family.SOLANA, "SOL", 9, "https://solscan.io/tx/{tx}",
              "https://solscan.io/account/{address}", ("solscan.io", "explorer.solana.com"),
              ("sol", "spl"), 0.4),
        _spec("xrp", "XRP Ledger", Family.XRP, "XRP", 6, "https://xrpscan.com/tx/{tx}",
              "https://xrpscan.com/account/{address}", ("xrpscan.com", "livenet.xrpl.org"),
              ("xrpl", "ripple", "xrp ledger"), 4.0),
    )
}  # fmt: skip

_ALIASES: dict[str, ChainKey] = {}


def _names(s: ChainSpec) -> tuple[str, ...]:
    return (s.key, s.name.lower(), *s.aliases)


for _s in CHAINS.values():
    for _a in _names(_s):
        _ALIASES[_a] = _s.key


def register_chain(s: ChainSpec) -> None:
    """Add a chain (of a built-in family or of one registered with ``chains.interface.register``): a plugin's
    or a test's. Its key, name and aliases must not name a known chain already."""
    taken = sorted(n for n in _names(s) if n.lower() in _ALIASES)
    if taken:
        raise ValueError(f"chain {s.key!r}: {', '.join(map(repr, taken))} already names a known chain")
    CHAINS[s.key] = s
    for name in _names(s):
        _ALIASES[name.lower()] = s.key


def unregister_chain(key: ChainKey) -> None:
    """Forget a chain added with ``register_chain`` (a test cleaning up after itself)."""
    s = CHAINS.pop(key)
    for name in _names(s):
        _ALIASES.pop(name.lower(), None)


def chain_key(name: str) -> ChainKey:
    """The canonical key for a chain name or alias (ERC20, BEP20, TRC20, ccxt network codes …)."""
    key = _ALIASES.get(name.strip().lower())
    if key is None:
        raise InputError(f"unknown chain {name.strip()!r}", hint=unknown_chain_hint(name))
    return key


def unknown_chain_hint(name: str) -> str:
    """What an "unknown chain" error adds: the closest names (one per chain), then every chain."""
    from supportctl.core.suggest import close_names, did_you_mean

    best: dict[ChainKey, str] = {}  # the closest name of each chain, best first
    for n in close_names(name, _ALIASES, limit=12):
        best.setdefault(_ALIASES[n], n)
    suggestion = did_you_mean(name, list(best.values())[:3]) if best else None
    known = f"known chains: {', '.join(CHAINS)} (and aliases)"
    return f"{suggestion} {known[0].upper()}{known[1:]}" if suggestion else known


def spec(key: ChainKey) -> ChainSpec:
    return CHAINS[key]


def chains_of(family: Family) -> tuple[ChainKey, ...]:
    return tuple(k for k, s in CHAINS.items() if s.family is family)


def chain_for_host(host: str) -> ChainKey | None:
    """The chain an explorer host names (``www.`` and subdomains of a known host are accepted)."""
    host = host.lower().removeprefix("www.")
    best: tuple[int, ChainKey] | None = None
    for s in CHAINS.values():
        for h in s.explorer_hosts:
            if (host == h or host.endswith("." + h)) and (best is None or len(h) > best[0]):
                best = (len(h), s.key)
    return best[1] if best else None
