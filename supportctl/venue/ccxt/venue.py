"""``CcxtVenue``: one exchange account through ccxt's synchronous classes, behind the ``Venue`` protocol.

ccxt is imported only when the exchange is first needed (``_exchange``): rules and live data served from the
disk caches need no ccxt at all. Keys come only from the environment (``SUPPORTCTL_API_KEY``,
``SUPPORTCTL_API_SECRET``, ``SUPPORTCTL_API_PASSWORD``); they, and anything signed with them, never leave the
venue: messages go through ``logs.scrub_credentials``, ccxt's request log is replaced by a redacting one, and ccxt's
exceptions are translated (``errors``), never chained.

Two disk caches, both through ``supportctl.core.jsoncache`` (their shapes and names are ``cache``'s):
rules (markets and currencies) for ``ttl`` seconds, and live data (ticker, order book, balance) for
``live_ttl`` seconds. ``refresh=True`` ignores both; a cache file that cannot be read is ignored, never fatal.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from supportctl.core import jsoncache
from supportctl.core.errors import ConfigError
from supportctl.venue.ccxt import cache, errors, parsing
from supportctl.venue.ccxt.introspect import ccxt_version, exchange_exists, supported_exchanges
from supportctl.venue.ccxt.logs import RedactingLogger, forget_secrets, guard_http_logs, log, remember_secrets
from supportctl.venue.interface import (
    Balance,
    MarketRule,
    NetworkRule,
    Order,
    OrderBook,
    Ticker,
    VenueAuthError,
    VenueTransfer,
    VenueUnsupported,
)

__all__ = ["CcxtVenue"]

ENV_API_KEY = "SUPPORTCTL_API_KEY"
ENV_API_SECRET = "SUPPORTCTL_API_SECRET"
ENV_API_PASSWORD = "SUPPORTCTL_API_PASSWORD"
_CREDENTIAL_ENV = {"apiKey": ENV_API_KEY, "secret": ENV_API_SECRET, "password": ENV_API_PASSWORD}

DEFAULT_MARKET_TYPES = ("spot",)

T = TypeVar("T")


class CcxtVenue:
    """One exchange account through ccxt's synchronous classes. Thread-safe: calls are serialised."""

    name: str

    def __init__(
        self,
        exchange_id: str,
        *,
        api_url: str | None = None,
        cache_dir: Path | None = None,
        refresh: bool = False,
        ttl: float = 3600.0,
        timeout: float = 10.0,
        market_types: Iterable[str] = DEFAULT_MARKET_TYPES,
        live_ttl: float = 10.0,
    ) -> None:
        exid = exchange_id.strip().lower()
        if not exchange_exists(exid):
            raise errors.unknown_exchange(exchange_id, supported_exchanges())
        self.name = exid
        self._creds: dict[str, str] = {}
        for cred, env in _CREDENTIAL_ENV.items():
            value = (os.environ.get(env) or "").strip()
            if value:
                self._creds[cred] = value
        self._timeout = timeout
        remember_secrets(self, self._creds.values())
        self._api_url = api_url
        if api_url is not None:
            parts = urlsplit(api_url.strip())
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise ConfigError("'venue.api_url' must be an http(s) URL with a host, like https://gateway.example")
        self._market_types = tuple(market_types)
        self._ex: Any = None  # the ccxt exchange: built (and ccxt imported, ~0.3 s) on the first live call
        self._cached_markets: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None
        self.live_ttl = live_ttl
        self._ttl = float(ttl)
        self._refresh = refresh
        if cache_dir is None:
            from platformdirs import user_cache_dir

            cache_dir = Path(user_cache_dir("supportctl")) / "venue" / exid
        self._cache_dir = Path(cache_dir)
        self._lock = threading.RLock()
        self._loaded = False
        self._market_rules: dict[str, MarketRule] = {}
        self._network_rules: list[NetworkRule] = []
        self._memo: dict[tuple[str, str | None], Any] = {}  # one request per piece of data per run

    def __repr__(self) -> str:
        return f"CcxtVenue({self.name!r})"

    @property
    def _ccxt(self) -> Any:
        import ccxt  # type: ignore[import-untyped]

        return ccxt

    @property
    def _exchange(self) -> Any:
        """The ccxt exchange, built on first use: rules and live data served from the disk cache need no ccxt."""
        if self._ex is None:
            with self._lock:
                if self._ex is None:
                    self._ex = self._build()
        return self._ex

    def _build(self) -> Any:
        ccxt = self._ccxt
        if self.name not in ccxt.exchanges:
            raise errors.unknown_exchange(self.name, ccxt.exchanges)
        config: dict[str, Any] = {"enableRateLimit": True, "timeout": int(self._timeout * 1000), **self._creds}
        ex = getattr(ccxt, self.name)(config)
        ex.verbose = False
        ex.logger = RedactingLogger(self._secrets)
        guard_http_logs()
        if self._api_url is not None:
            ex.urls["api"] = _rewrite_api(ex.urls.get("api"), self._api_url.strip())
        options = ex.options
        if isinstance(options, dict):
            _limit_market_types(options, self._market_types)
            if "fetchMargins" in options:  # margin pairs (binance: one more signed request) are not rules we use
                options["fetchMargins"] = False
            # open_orders(None) is asked for on purpose: all symbols, at the venue's higher request weight
            options["warnOnFetchOpenOrdersWithoutSymbol"] = False
        if self._cached_markets is not None:
            markets, currencies = self._cached_markets
            ex.set_markets(markets, currencies or None)
        return ex

    # ----------------------------------------------------------------------------------------- plumbing

    def _secrets(self) -> list[str]:
        return list(self._creds.values())

    def _required_credentials(self) -> list[str]:
        req = getattr(self._exchange, "requiredCredentials", {}) or {}
        return [k for k, v in req.items() if v]

    def _needs_password(self) -> bool:
        return "password" in self._required_credentials()

    def _key_names(self) -> str:
        names = [ENV_API_KEY, ENV_API_SECRET] + ([ENV_API_PASSWORD] if self._needs_password() else [])
        return ", ".join(names)

    def _require_keys(self, what: str) -> None:
        """Before a private call, with no request made: every credential the exchange needs is set."""
        required = self._required_credentials()
        missing = [_CREDENTIAL_ENV[c] for c in required if c in _CREDENTIAL_ENV and c not in self._creds]
        if missing:
            raise VenueAuthError(
                f"{self.name}: {what} needs API keys; {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} not set",
                hint=f"set {self._key_names()} in the environment (a read-only key is enough); "
                "keys are never read from the config file",
            )
        other = [c for c in required if c not in _CREDENTIAL_ENV]
        if other:
            raise VenueUnsupported(
                f"{self.name} needs {', '.join(other)} besides the API key, which supportctl does not read",
                hint="use a plugin venue for this exchange",
            )

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        with self._lock:
            return errors.call(fn, venue=self.name, what=what, secrets=self._secrets(), key_names=self._key_names)

    def _has(self, feature: str) -> bool:
        return bool((getattr(self._exchange, "has", {}) or {}).get(feature))

    def _memoised(self, key: tuple[str, str | None], what: str, fn: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._memo:
                self._memo[key] = self._call(what, fn)
            result: T = self._memo[key]
            return result

    # ------------------------------------------------------------------------------------ rules + cache

    def _cache_file(self) -> Path:
        return cache.rules_file(
            self._cache_dir,
            self.name,
            ccxt_version=ccxt_version(),
            market_types=self._market_types,
            api_url=self._api_url,
            signed=bool(self._creds),  # currencies some venues only give to signed requests
        )

    def _read_cache(self) -> bool:
        path = self._cache_file()
        data = jsoncache.read(path)
        if data is None:
            return False
        try:
            rules = cache.load_rules(data, exchange=self.name, ttl=self._ttl)
            if rules is None:
                return False
            self._cached_markets = (rules.markets, rules.currencies)
            if self._ex is not None:
                self._ex.set_markets(rules.markets, rules.currencies or None)
        except Exception as e:  # truncated, another version's shape: ignored, never fatal
            log.debug("ignoring the rules cache %s: %s", path, type(e).__name__)
            return False
        self._market_rules, self._network_rules = rules.market_rules, rules.network_rules
        return True

    def _write_cache(self, markets: Mapping[str, Any], currencies: Mapping[str, Any]) -> None:
        data = cache.dump_rules(
            exchange=self.name,
            market_types=self._market_types,
            markets=markets,
            currencies=currencies,
            market_rules=self._market_rules,
            network_rules=self._network_rules,
        )
        jsoncache.write(self._cache_file(), data)  # a cache that cannot be written only costs time

    def _load(self) -> None:
        """Markets and currencies, from the cache when fresh, else from the venue (ccxt's loadMarkets)."""
        with self._lock:
            if self._loaded:
                return
            if not self._refresh and self._read_cache():
                self._loaded = True
                return
            markets = self._call("loading markets", lambda: self._exchange.load_markets(reload=True))
            currencies = self._exchange.currencies or {}
            mode = getattr(self._exchange, "precisionMode", None)
            from ccxt.base.decimal_to_precision import (  # type: ignore[import-untyped]
                DECIMAL_PLACES,
                SIGNIFICANT_DIGITS,
                TICK_SIZE,
            )

            modes = {"TICK_SIZE": TICK_SIZE, "DECIMAL_PLACES": DECIMAL_PLACES, "SIGNIFICANT_DIGITS": SIGNIFICANT_DIGITS}
            self._market_rules = {
                s: parsing.market_rule(m, mode, modes) for s, m in markets.items() if isinstance(m, Mapping)
            }
            self._network_rules = parsing.network_rules(currencies)
            self._write_cache(markets, currencies)
            self._loaded = True

    def _code(self, currency: str | None) -> str | None:
        return currency.strip().upper() if currency and currency.strip() else None

    def _transfers(self, kind: str, code: str | None, fetch: Callable[[str | None], Any]) -> list[Mapping[str, Any]]:
        """Deposits or withdrawals, of one currency when given. A code ccxt does not list is not passed on (ccxt
        would refuse it before asking): all are fetched and filtered here."""
        known = code is not None and code in (self._exchange.currencies or {})
        arg = code if known else None
        txs = self._memoised((kind, arg), f"fetching {kind}", lambda: fetch(arg))
        out = [tx for tx in txs or () if isinstance(tx, Mapping)]
        if code is not None and not known:
            out = [tx for tx in out if str(tx.get("currency") or "").upper() == code]
        return out

    # ------------------------------------------------------------------------------------------ protocol

    def withdrawal(self, id: str, currency: str | None) -> VenueTransfer | None:
        self._require_keys("reading a withdrawal")
        self._load()
        ex, code = self._exchange, self._code(currency)
        if self._has("fetchWithdrawal"):
            known = code if code in (ex.currencies or {}) else None
            ccxt = self._ccxt

            def fetch() -> Any:
                try:
                    return ex.fetch_withdrawal(id, known)
                except (ccxt.BadRequest, ccxt.OrderNotFound, ccxt.NotSupported):
                    return None  # not an id this venue knows (a txid, say): look through the list instead

            tx = self._call("fetching the withdrawal", fetch)
            if isinstance(tx, Mapping) and tx.get("id") is not None and str(tx["id"]) == id:
                return parsing.transfer(tx, "withdrawal", code)
            if not self._has("fetchWithdrawals"):
                return None
        elif not self._has("fetchWithdrawals"):
            raise VenueUnsupported(f"{self.name}: ccxt cannot read withdrawals on this exchange")
        txs = self._transfers("withdrawals", code, ex.fetch_withdrawals)
        for tx in txs:
            if str(tx.get("id")) == id:
                return parsing.transfer(tx, "withdrawal", code)
        for tx in txs:
            if tx.get("txid") and parsing.same_txid(str(tx["txid"]), id):
                return parsing.transfer(tx, "withdrawal", code)
        return None

    def deposit_by_txid(self, txid: str, currency: str | None) -> VenueTransfer | None:
        self._require_keys("reading deposits")
        if not self._has("fetchDeposits"):
            raise VenueUnsupported(f"{self.name}: ccxt cannot read deposits on this exchange")
        self._load()
        code = self._code(currency)
        for tx in self._transfers("deposits", code, self._exchange.fetch_deposits):
            if tx.get("txid") and parsing.same_txid(str(tx["txid"]), txid):
                return parsing.transfer(tx, "deposit", code)
        return None

    def order(self, id: str, symbol: str) -> Order | None:
        self._require_keys("reading an order")
        if not self._has("fetchOrder"):
            raise VenueUnsupported(f"{self.name}: ccxt cannot read a single order on this exchange")
        self._load()
        ex, ccxt = self._exchange, self._ccxt

        def fetch() -> Any:
            try:
                return ex.fetch_order(id, symbol)
            except ccxt.OrderNotFound:
                return None

        o = self._memoised(("order", f"{id} {symbol}"), f"fetching order {id} on {symbol}", fetch)
        return parsing.order(o) if isinstance(o, Mapping) and o.get("id") is not None else None

    def open_orders(self, symbol: str | None) -> list[Order]:
        self._require_keys("reading open orders")
        self._load()
        ex = self._exchange
        orders = self._memoised(("open_orders", symbol), "fetching open orders", lambda: ex.fetch_open_orders(symbol))
        return [parsing.order(o) for o in orders or () if isinstance(o, Mapping)]

    def ticker(self, symbol: str) -> Ticker:
        t = self._live(("ticker", symbol), f"fetching the ticker of {symbol}", lambda ex: ex.fetch_ticker(symbol))
        return parsing.ticker(t, symbol)

    def order_book(self, symbol: str, depth: int = 50) -> OrderBook:
        book = self._live(
            ("order_book", f"{symbol} {depth}"),
            f"fetching the order book of {symbol}",
            lambda ex: ex.fetch_order_book(symbol, depth),
        )
        return parsing.order_book(book, symbol)

    def balance(self, currency: str) -> Balance | None:
        bal = self._live(("balance", None), "fetching the balance", lambda ex: ex.fetch_balance(), private=True)
        return parsing.balance(bal, currency.upper())

    def markets(self) -> dict[str, MarketRule]:
        self._load()
        return dict(self._market_rules)

    def networks(self) -> list[NetworkRule]:
        self._load()
        if not self._network_rules and not self._creds and self._required_credentials():
            raise VenueAuthError(
                f"{self.name}: the venue gave no networks without API keys",
                hint=f"set {self._key_names()} in the environment: some venues (binance, okx …) list deposit and "
                "withdrawal networks only to signed requests",
            )
        return list(self._network_rules)

    # ------------------------------------------------------------------------------------------ live data

    def _live(
        self, key: tuple[str, str | None], what: str, fetch: Callable[[Any], Any], *, private: bool = False
    ) -> Any:
        """Ticker, order book and balance: memoised for the run, and kept on disk for ``live_ttl`` seconds so
        an agent trying variants of one order (``order check`` again and again) is answered without ccxt's
        import or a request. The balance is filed under a digest of the API key, never the key."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            path = self._live_file(key, private)
            if self.live_ttl > 0 and not self._refresh:
                entry = cache.load_live(jsoncache.read(path), ttl=self.live_ttl)
                if entry is not None:
                    self._memo[key] = entry.value
                    return entry.value
            if private:
                self._require_keys(what.removeprefix("fetching "))
            self._load()
            ex = self._exchange
            value = self._memoised(key, what, lambda: fetch(ex))
            if self.live_ttl > 0:
                jsoncache.write(path, cache.dump_live(value), default=str)  # unwritten only costs time
            return value

    def _live_file(self, key: tuple[str, str | None], private: bool) -> Path:
        api_key = self._creds.get("apiKey", "") if private else None
        return cache.live_file(self._cache_dir, self.name, key, api_url=self._api_url, api_key=api_key)

    # ------------------------------------------------------------------------------------------- extras

    def close(self) -> None:
        session = getattr(self._exchange, "session", None)
        if session is not None:
            session.close()

    def __del__(self) -> None:
        forget_secrets(self)


# ------------------------------------------------------------------------------- the exchange's settings


def _rewrite_url(url: str, base: str) -> str:
    """``url`` with ``base``'s scheme, host and port (and path prefix, if any); ``url``'s path and query kept."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https"):
        return url
    b = urlsplit(base)
    path = b.path.rstrip("/") + parts.path
    return f"{b.scheme}://{b.netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def _rewrite_api(api: object, base: str) -> object:
    if isinstance(api, str):
        return _rewrite_url(api, base)
    if isinstance(api, dict):
        return {k: _rewrite_api(v, base) for k, v in api.items()}
    if isinstance(api, list):
        return [_rewrite_api(v, base) for v in api]
    return api


def _limit_market_types(options: dict[str, Any], wanted: tuple[str, ...]) -> None:
    """Load only ``wanted`` market types where the ccxt class lets us choose (``options.fetchMarkets.types``)."""
    fm = options.get("fetchMarkets")
    if not isinstance(fm, dict) or "types" not in fm:
        return
    types = fm["types"]
    if isinstance(types, list):
        kept = [t for t in types if t in wanted]
        if kept:
            options["fetchMarkets"] = {**fm, "types": kept}
    elif isinstance(types, dict) and any(t in types for t in wanted):
        options["fetchMarkets"] = {**fm, "types": {t: (v if t in wanted else False) for t, v in types.items()}}
