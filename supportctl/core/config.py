"""Configuration: loaded once, validated, frozen.

Which file: ``--config FILE``, else ``$SUPPORTCTL_CONFIG``, else the user config file; its values override the
built-in defaults (``defaults.toml`` in this package) unless it says ``defaults = false``. The allowed keys are
the fields of the records below, and their defaults are the records' own. An unknown key, or a number out of its
range, is an error that names the key and the file. Secrets never live in the file: an RPC URL may say
``${INFURA_KEY}`` and the value is read from the environment (the only thing read from it).
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from supportctl.core.errors import ConfigError, InputError
from supportctl.core.model import ChainKey
from supportctl.core.registry import chain_key, spec, unknown_chain_hint

ENV_CONFIG = "SUPPORTCTL_CONFIG"
DEFAULTS = Path(__file__).with_name("defaults.toml")  # package data, installed beside this module

_TOP_KEYS = {"defaults", "chains", "assets", "venue"}
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class ChainConfig:
    key: ChainKey
    rpc: tuple[str, ...]  # as written: may hold ${ENV} references (see ``endpoints``)
    confirmations: int
    block_time: float  # typical seconds per block, used when it cannot be measured
    max_tip_age: float  # seconds: a node whose newest block is older is stale and not trusted
    timeout: float = 10.0  # seconds per request
    api: str | None = None  # which protocol the endpoints speak, where a family has several
    rate_limit: float = 0.0  # requests per second to this chain's endpoints (0: no limit)
    call_rate_limit: float = 0.0  # JSON-RPC calls per second (a batch of 40 is 40; providers bill per call; 0: none)
    max_batch: int = 100  # JSON-RPC calls in one HTTP batch at most

    def endpoints(self) -> tuple[str, ...]:
        """The RPC URLs with ``${ENV}`` references filled in from the environment."""
        out = []
        for u in self.rpc:
            url = expand_env(u)
            if not _http_url(url):  # a variable that held the whole URL was only checkable now
                names = ", ".join(f"${{{n}}}" for n in _ENV_REF.findall(u))
                raise ConfigError(f"'chains.{self.key}.rpc': the URL made from {names} is not an http(s) URL")
            out.append(url)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Asset:
    currency: str
    chain: ChainKey
    contract: str | None  # None for the chain's native coin; stored as written (EIP-55 for EVM)
    decimals: int
    min_deposit: Decimal | None = None
    confirmations: int | None = None
    deposit_enabled: bool | None = None  # None: not said here (live rules, if any, decide; else open)
    withdraw_enabled: bool | None = None
    memo_required: bool = False

    def same_contract(self, contract: str | None) -> bool:
        if self.contract is None or contract is None:
            return self.contract is None and contract is None
        return self.contract.lower() == contract.lower()


@dataclass(frozen=True, slots=True)
class VenueConfig:
    exchange: str | None = None  # a ccxt id, or the name of a plugin (entry-point group supportctl.venues)
    api_url: str | None = None  # replaces scheme and host of every REST URL (staging, gateway, tests)
    rules_ttl: float = 3600.0  # seconds the live rules (currencies, markets) are cached on disk
    live_ttl: float = 10.0  # seconds a ticker, order book or balance is reused (an agent trying order variants)
    price_band: Decimal = Decimal("0.10")  # order check: a limit price further than this from the market
    max_slippage: Decimal = Decimal("0.01")  # order check: a market order losing more than this is flagged
    options: Mapping[str, Any] = field(default_factory=dict)  # free-form settings for a plugin venue
    # true: the customer's deposit address is the same on every EVM network (many venues do this), so a deposit
    # on another EVM network the venue accepts is credited there; false (the default): nothing is promised
    shared_evm_address: bool = False
    # the venue's own reply catalog (TOML) over the built-in wording; relative to the config file
    replies: str | None = None


# The keys a file may use are the records' fields (a chain's key is its table's name).
_CHAIN_KEYS = {f.name for f in fields(ChainConfig)} - {"key"}
_ASSET_KEYS = {f.name for f in fields(Asset)}
_VENUE_KEYS = {f.name for f in fields(VenueConfig)}


def _default(record: type, name: str) -> Any:
    """A record field's own default: written once, on the record."""
    f = next(f for f in fields(record) if f.name == name)
    return f.default if f.default is not MISSING else f.default_factory()  # type: ignore[operator]


@dataclass(frozen=True, slots=True)
class Config:
    chains: Mapping[ChainKey, ChainConfig]
    assets: tuple[Asset, ...]
    venue: VenueConfig
    source: Path | None  # the user file, if one was read
    defaults: bool

    def chain(self, key: ChainKey) -> ChainConfig:
        try:
            return self.chains[key]
        except KeyError:
            where = f" in {self.source}" if self.source else ""
            raise InputError(
                f"chain {key!r} is not configured{where}",
                hint=f"add a [chains.{key}] table with an rpc list, or set defaults = true",
            ) from None

    def assets_on(self, chain: ChainKey) -> tuple[Asset, ...]:
        return tuple(a for a in self.assets if a.chain == chain)

    def asset_for(self, chain: ChainKey, contract: str | None) -> Asset | None:
        return next((a for a in self.assets_on(chain) if a.same_contract(contract)), None)

    def required_confirmations(self, chain: ChainKey, asset: Asset | None) -> int:
        if asset is not None and asset.confirmations is not None:
            return asset.confirmations
        return self.chain(chain).confirmations


def expand_env(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        value = os.environ.get(name)
        if value is None:
            raise ConfigError(f"environment variable {name} is not set (referenced by an rpc URL)")
        return value

    return _ENV_REF.sub(sub, text)


def display_url(url: str) -> str:
    """An endpoint as it may be shown: scheme and host only, so keys in paths or queries never leak."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""  # .port raises ValueError when out of range
    except ValueError:
        return "<endpoint>"
    host = parts.hostname or "<endpoint>"
    return f"{parts.scheme}://{host}{port}" if parts.scheme else host


def _http_url(url: str) -> bool:
    """An absolute http(s) URL with a host (and a valid port, if any)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def display_rpc(url: str) -> str:
    """An rpc entry as ``config show`` prints it: scheme and host, and the names of the environment
    variables it reads — never a path, query or value that could hold a key."""
    names = _ENV_REF.findall(url)
    shown = display_url(_ENV_REF.sub("x", url))
    if urlsplit(_ENV_REF.sub("x", url)).path.strip("/") or "?" in url:
        shown += "/…"
    return shown + (f" (reads ${{{'}, ${'.join(names)}}})" if names else "")


def default_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("supportctl")) / "config.toml"


def load(path: str | os.PathLike[str] | None = None) -> Config:
    """Load the configuration: ``path`` (``--config``), else ``$SUPPORTCTL_CONFIG``, else the user file."""
    explicit = path if path is not None else os.environ.get(ENV_CONFIG) or None
    file = Path(explicit) if explicit is not None else default_path()
    user: dict[str, Any] = {}
    source: Path | None = None
    if explicit is not None or file.exists():
        user = _read(file)
        source = file
    builtin = tomllib.loads(DEFAULTS.read_text("utf-8"))
    where = str(source) if source else "built-in defaults"
    _check_keys(user, _TOP_KEYS, where, "")
    use_defaults = user.get("defaults", True)
    if not isinstance(use_defaults, bool):
        raise ConfigError(f"{where}: 'defaults' must be true or false")

    chains: dict[ChainKey, ChainConfig] = {}
    raw_chains: dict[ChainKey, dict[str, Any]] = {}
    for origin, tables in ((("built-in defaults", builtin),) if use_defaults else ()) + ((where, user),):
        for name, table in _table(tables.get("chains", {}), origin, "chains").items():
            key = _chain(name, origin, f"chains.{name}")
            _check_keys(_table(table, origin, f"chains.{name}"), _CHAIN_KEYS, origin, f"chains.{name}.")
            raw_chains.setdefault(key, {}).update(table)
    for key, table in raw_chains.items():
        chains[key] = _chain_config(key, table, where)

    assets: dict[tuple[str, ChainKey], Asset] = {}
    for origin, tables in ((("built-in defaults", builtin),) if use_defaults else ()) + ((where, user),):
        rows = tables.get("assets", [])
        if not isinstance(rows, list):
            raise ConfigError(f"{origin}: 'assets' must be an array of tables ([[assets]])")
        for i, row in enumerate(rows):
            asset = _asset(_table(row, origin, f"assets[{i}]"), origin, i)
            assets[(asset.currency, asset.chain)] = asset
            native = [a for a in assets.values() if a.chain == asset.chain and a.contract is None]
            if len(native) > 1:  # a row without a contract is the chain's native coin: only one can be
                raise ConfigError(
                    f"{origin}: 'assets[{i}]' ({asset.currency} on {asset.chain}) has no contract, but "
                    f"{native[0].currency} is already the native coin of {asset.chain}",
                    hint="a token row needs its contract; to rename a native coin, set defaults = false",
                )

    venue_table = _table(user.get("venue", {}), where, "venue")
    _check_keys(venue_table, _VENUE_KEYS, where, "venue.")
    options = _table(venue_table.get("options", {}), where, "venue.options")
    venue = VenueConfig(
        exchange=_opt_str(venue_table, "exchange", where, "venue."),
        api_url=_opt_str(venue_table, "api_url", where, "venue."),
        rules_ttl=_number(venue_table, "rules_ttl", where, "venue.", _default(VenueConfig, "rules_ttl"), *_TTL),
        live_ttl=_number(venue_table, "live_ttl", where, "venue.", _default(VenueConfig, "live_ttl"), *_TTL),
        price_band=_fraction(venue_table, "price_band", where, _default(VenueConfig, "price_band")),
        max_slippage=_fraction(venue_table, "max_slippage", where, _default(VenueConfig, "max_slippage")),
        options=MappingProxyType(dict(options)),
        shared_evm_address=_bool(venue_table, "shared_evm_address", where, "venue.",
                                 _default(VenueConfig, "shared_evm_address")),
        replies=_beside(source, _opt_str(venue_table, "replies", where, "venue.")),
    )
    if venue.api_url is not None and not venue.api_url.startswith(("http://", "https://")):
        raise ConfigError(f"{where}: 'venue.api_url' must be an http(s) URL")
    return Config(MappingProxyType(chains), tuple(assets.values()), venue, source, use_defaults)


def _beside(source: Path | None, path: str | None) -> str | None:
    """A file named in the config, relative to the config file."""
    if path is None or source is None or Path(path).expanduser().is_absolute():
        return None if path is None else str(Path(path).expanduser())
    return str(source.parent / path)


def _read(file: Path) -> dict[str, Any]:
    try:
        text = file.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"config file {file} does not exist", hint="create one with 'supportctl config init'"
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config file {file}: {e}") from None
    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{file}: {len(text):,} characters is too large for a config file (at most "
                          f"{MAX_CONFIG_BYTES:,})")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{file}: not valid TOML: {e}") from None
    except RecursionError:  # tables or arrays nested thousands deep
        raise ConfigError(f"{file}: nested too deeply to be a config file") from None


def _table(value: object, where: str, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{name}' must be a table")
    return value


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str, prefix: str) -> None:
    for k in table:
        if k not in allowed:
            from supportctl.core.suggest import did_you_mean

            allowed_here = ", ".join(sorted(allowed))
            suggestion = did_you_mean(k, allowed)
            raise ConfigError(f"{where}: unknown key '{prefix}{k}'",
                              hint=f"{suggestion} Allowed here: {allowed_here}" if suggestion
                              else f"allowed here: {allowed_here}")


def _chain(name: object, where: str, field: str) -> ChainKey:
    if not isinstance(name, str):
        raise ConfigError(f"{where}: '{field}' must name a chain")
    try:
        return chain_key(name)
    except InputError:
        raise ConfigError(f"{where}: unknown chain {name!r} in '{field}'", hint=unknown_chain_hint(name)) from None


def _chain_config(key: ChainKey, t: Mapping[str, Any], where: str) -> ChainConfig:
    rpc = t.get("rpc", [])
    if isinstance(rpc, str):
        rpc = [rpc]
    if not isinstance(rpc, list) or not all(isinstance(u, str) and u.strip() for u in rpc):
        raise ConfigError(f"{where}: 'chains.{key}.rpc' must be a list of URLs")
    for u in rpc:
        # "${ETH_RPC}" may hold the whole URL: then it is checked when it is filled in (``endpoints``).
        if not (u.startswith("${") or _http_url(_ENV_REF.sub("x", u))):
            raise ConfigError(f"{where}: 'chains.{key}.rpc' entry {display_url(u)!r} is not an http(s) URL")
    return ChainConfig(
        key=key,
        rpc=tuple(rpc),
        confirmations=_int(t, "confirmations", where, f"chains.{key}.", default=1, minimum=1, maximum=100_000),
        block_time=_number(t, "block_time", where, f"chains.{key}.", spec(key).block_time, *_BLOCK_TIME),
        max_tip_age=_number(t, "max_tip_age", where, f"chains.{key}.", max(300.0, 12 * spec(key).block_time),
                            *_TIP_AGE),
        timeout=_number(t, "timeout", where, f"chains.{key}.", _default(ChainConfig, "timeout"), *_TIMEOUT),
        api=_opt_str(t, "api", where, f"chains.{key}."),
        rate_limit=_number(t, "rate_limit", where, f"chains.{key}.", _default(ChainConfig, "rate_limit"), *_RATE),
        call_rate_limit=_number(t, "call_rate_limit", where, f"chains.{key}.", _default(ChainConfig, "call_rate_limit"),
                                *_CALL_RATE),
        max_batch=_int(t, "max_batch", where, f"chains.{key}.", default=_default(ChainConfig, "max_batch"),
                       minimum=1, maximum=1000),
    )


def _asset(t: Mapping[str, Any], where: str, i: int) -> Asset:
    prefix = f"assets[{i}]."
    _check_keys(t, _ASSET_KEYS, where, prefix)
    for required in ("currency", "chain", "decimals"):
        if required not in t:
            raise ConfigError(f"{where}: '{prefix}{required}' is required")
    currency = t["currency"]
    if not isinstance(currency, str) or not currency.strip():
        raise ConfigError(f"{where}: '{prefix}currency' must be a currency code such as USDT")
    min_deposit = None
    if "min_deposit" in t:
        try:
            min_deposit = None if isinstance(t["min_deposit"], bool) else Decimal(str(t["min_deposit"]))
        except InvalidOperation:
            min_deposit = None
        if min_deposit is None or not min_deposit.is_finite() or min_deposit < 0:  # NaN, inf, -1 are typos
            raise ConfigError(f"{where}: '{prefix}min_deposit' must be a decimal amount like \"10\"")
    confirmations = (_int(t, "confirmations", where, prefix, default=None, minimum=1, maximum=100_000)
                     if "confirmations" in t else None)
    return Asset(
        currency=currency.strip().upper(),
        chain=_chain(t["chain"], where, prefix + "chain"),
        contract=_opt_str(t, "contract", where, prefix),
        decimals=_int(t, "decimals", where, prefix, default=None, minimum=0, maximum=77),
        min_deposit=min_deposit,
        confirmations=confirmations,
        deposit_enabled=_bool(t, "deposit_enabled", where, prefix, True) if "deposit_enabled" in t else None,
        withdraw_enabled=_bool(t, "withdraw_enabled", where, prefix, True) if "withdraw_enabled" in t else None,
        memo_required=_bool(t, "memo_required", where, prefix, False),
    )


# Allowed ranges of the numbers: (low, high, low is allowed, unit). A NaN or an infinity is never a setting: it
# would switch a guard off (max_tip_age = nan made every node fresh) or divide by zero (rate_limit = inf).
_Range = tuple[float, float, bool, str]
_BLOCK_TIME: _Range = (0.0, 3600.0, False, "seconds")
_TIP_AGE: _Range = (0.0, 10 * 365 * 86400.0, True, "seconds")
_TIMEOUT: _Range = (0.0, 300.0, False, "seconds")
_RATE: _Range = (0.0, 10_000.0, True, "requests per second (0: no limit)")
_CALL_RATE: _Range = (0.0, 1_000_000.0, True, "JSON-RPC calls per second (0: no limit)")
_TTL: _Range = (0.0, 30 * 86400.0, True, "seconds")
MAX_CONFIG_BYTES = 1_000_000


def _int(t: Mapping[str, Any], k: str, where: str, prefix: str, *, default: int | None, minimum: int,
         maximum: int) -> int:
    v = t.get(k, default)
    if isinstance(v, bool) or not isinstance(v, int) or not minimum <= v <= maximum:
        raise ConfigError(f"{where}: '{prefix}{k}' must be a whole number from {minimum} to {maximum:,}")
    return v


def _number(t: Mapping[str, Any], k: str, where: str, prefix: str, default: float, low: float, high: float,
            low_ok: bool, unit: str) -> float:
    v = t.get(k, default)
    ok = not isinstance(v, bool) and isinstance(v, int | float) and math.isfinite(v) and \
        (low <= v if low_ok else low < v) and v <= high
    if not ok:
        lo, hi = (f"{x:,.0f}" if x == int(x) else f"{x:g}" for x in (low, high))
        span = f"from {lo} to {hi}" if low_ok else f"above {lo} and at most {hi}"
        raise ConfigError(f"{where}: '{prefix}{k}' must be a number {span} {unit}")
    return float(v)


def _fraction(t: Mapping[str, Any], k: str, where: str, default: Decimal) -> Decimal:
    v = t.get(k, default)
    try:
        value = Decimal(str(v))
    except InvalidOperation:
        value = Decimal(-1)
    if isinstance(v, bool) or not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        raise ConfigError(f"{where}: 'venue.{k}' must be a fraction between 0 and 1, e.g. 0.05 for 5%")
    return value


def _bool(t: Mapping[str, Any], k: str, where: str, prefix: str, default: bool) -> bool:
    v = t.get(k, default)
    if not isinstance(v, bool):
        raise ConfigError(f"{where}: '{prefix}{k}' must be true or false")
    return v


def _opt_str(t: Mapping[str, Any], k: str, where: str, prefix: str) -> str | None:
    v = t.get(k)
    if v is not None and (not isinstance(v, str) or not v.strip()):
        raise ConfigError(f"{where}: '{prefix}{k}' must be a non-empty string")
    return v.strip() if isinstance(v, str) else None
