"""What a ccxt venue keeps on disk, as JSON values, and under which file names.

Rules (``rules-<digest>.json``): ccxt's unified markets and currencies, without the raw ``info`` so a later run
needs no ``loadMarkets`` request, next to the rules derived from them; fresh for the venue's ``ttl`` seconds.
The name digests everything the rules depend on (cache version, exchange, ccxt's version, market types, API
host, signed or not), so a change in any of them is a new file, never a wrong answer.

Live data (``live-<digest>.json``): one ticker, order book or balance as ccxt gave it, with the time it was
read; fresh for the venue's ``live_ttl`` seconds. A balance is filed under a digest of the API key, never the key.

This module only turns values into JSON and back and names the files: reading and writing them atomically is
``supportctl.core.jsoncache``'s job, deciding when is the venue's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from supportctl.core.model import ChainKey
from supportctl.venue.interface import MarketRule, NetworkRule

__all__ = ["CACHE_VERSION", "CachedRules", "LiveEntry", "dump_live", "dump_rules", "live_file", "load_live",
           "load_rules", "rules_file"]  # fmt: skip

CACHE_VERSION = 1

# ------------------------------------------------------------------------------------------------ rules


@dataclasses.dataclass(frozen=True, slots=True)
class CachedRules:
    markets: dict[str, Any]  # ccxt's unified markets, for ``exchange.set_markets`` (no request)
    currencies: dict[str, Any]
    market_rules: dict[str, MarketRule]
    network_rules: list[NetworkRule]


def rules_file(
    cache_dir: Path,
    exchange: str,
    *,
    ccxt_version: str,
    market_types: Iterable[str],
    api_url: str | None,
    signed: bool,  # currencies some venues only give to signed requests
) -> Path:
    key = json.dumps(
        [
            CACHE_VERSION,
            exchange,
            ccxt_version,
            sorted(market_types),
            urlsplit(api_url).netloc if api_url else None,
            signed,
        ]
    )
    return cache_dir / f"rules-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


def dump_rules(
    *,
    exchange: str,
    market_types: Iterable[str],
    markets: Mapping[str, Any],
    currencies: Mapping[str, Any],
    market_rules: Mapping[str, MarketRule],
    network_rules: Iterable[NetworkRule],
) -> dict[str, Any]:
    """The rules cache's content, stamped with the time now."""
    return {
        "version": CACHE_VERSION,
        "exchange": exchange,
        "created": time.time(),
        "market_types": list(market_types),
        "markets": _strip_info(markets),
        "currencies": _strip_info(currencies),
        "market_rules": {s: _rule_to_json(r) for s, r in market_rules.items()},
        "network_rules": [_rule_to_json(r) for r in network_rules],
    }


def load_rules(data: Any, *, exchange: str, ttl: float) -> CachedRules | None:
    """The rules a cache file holds, or None when they are another version's, another exchange's, older than
    ``ttl`` seconds (or from the future) or empty. Raises (KeyError, TypeError, ValueError …) on a shape that is
    not a rules cache at all: the caller ignores the file either way, and notes why."""
    created = float(data["created"])
    now = time.time()
    if data.get("version") != CACHE_VERSION or data.get("exchange") != exchange:
        return None
    if not (now - ttl < created <= now + 60):
        return None
    markets, currencies = data["markets"], data["currencies"]
    if not isinstance(markets, dict) or not markets or not isinstance(currencies, dict):
        return None
    market_rules = {s: _rule_from_json(MarketRule, r) for s, r in data["market_rules"].items()}
    network_rules = [_rule_from_json(NetworkRule, r) for r in data["network_rules"]]
    return CachedRules(markets, currencies, market_rules, network_rules)


_DECIMAL_FIELDS = {
    cls: {f.name for f in dataclasses.fields(cls) if "Decimal" in str(f.type)} for cls in (MarketRule, NetworkRule)
}


def _rule_to_json(rule: MarketRule | NetworkRule) -> dict[str, object]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in dataclasses.asdict(rule).items()}


def _rule_from_json(cls: type[Any], data: Mapping[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    kw = {k: (Decimal(v) if k in _DECIMAL_FIELDS[cls] and v is not None else v) for k, v in data.items() if k in names}
    if "chain" in kw and kw["chain"] is not None:
        kw["chain"] = ChainKey(str(kw["chain"]))
    return cls(**kw)


def _strip_info(items: Mapping[str, Any]) -> dict[str, Any]:
    """ccxt structures without the raw ``info`` (the bulk of their size); ``info`` stays, empty, for ccxt's code."""
    out: dict[str, Any] = {}
    for key, value in items.items():
        if not isinstance(value, Mapping):
            continue
        v = {k: x for k, x in value.items() if k != "info"}
        v["info"] = {}
        if isinstance(v.get("networks"), Mapping):
            v["networks"] = {
                nk: ({**{k: x for k, x in nv.items() if k != "info"}, "info": {}} if isinstance(nv, Mapping) else nv)
                for nk, nv in v["networks"].items()
            }
        out[key] = v
    return out


# ------------------------------------------------------------------------------------------------- live


@dataclasses.dataclass(frozen=True, slots=True)
class LiveEntry:
    at: float  # time.time() when it was read from the venue
    value: Any  # what ccxt returned, as JSON gives it back


def live_file(
    cache_dir: Path, exchange: str, key: tuple[str, str | None], *, api_url: str | None, api_key: str | None
) -> Path:
    """Where one piece of live data is kept: ``api_key`` is None for public data, else the account's key (only
    its digest is used)."""
    account = hashlib.sha256(api_key.encode()).hexdigest()[:16] if api_key is not None else "public"
    where = urlsplit(api_url).netloc if api_url else ""
    name = hashlib.sha256(json.dumps([exchange, where, account, *key]).encode()).hexdigest()[:24]
    return cache_dir / f"live-{name}.json"


def dump_live(value: Any) -> dict[str, Any]:
    return {"at": time.time(), "value": value}


def load_live(data: Any, *, ttl: float) -> LiveEntry | None:
    """The entry a live-cache file holds when it is at most ``ttl`` seconds old; else (stale, from the future,
    not a live entry at all) None."""
    try:
        at = float(data["at"])
        if not 0 <= time.time() - at <= ttl:
            return None
        return LiveEntry(at, data["value"])
    except (LookupError, TypeError, ValueError):
        return None
