"""A venue over ccxt: any exchange ccxt supports, read through its synchronous classes.

ccxt is imported only when a ``CcxtVenue`` is built (or ``supported_exchanges`` is called): this module is cheap
to import and nothing else in supportctl imports ccxt.

Keys come only from the environment (``SUPPORTCTL_API_KEY``, ``SUPPORTCTL_API_SECRET``,
``SUPPORTCTL_API_PASSWORD``). They, and anything signed with them, never leave this module: every message
passed on goes through ``redact``, ccxt's own request log is replaced by a redacting one, and ccxt's exceptions
are not chained onto ours (their text carries signed URLs).

Live rules (markets and currencies) are cached on disk as JSON for ``ttl`` seconds: ccxt's unified markets and
currencies (without the raw ``info``, so later calls need no ``loadMarkets`` request) next to the rules derived
from them. ``refresh=True`` ignores the cache; a cache file that cannot be read is ignored, never fatal.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import logging
import math
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from supportctl.chains.registry import chain_key
from supportctl.errors import ConfigError, InputError, SupportctlError
from supportctl.model import ChainKey
from supportctl.venue.interface import (
    Balance,
    Fill,
    MarketRule,
    NetworkRule,
    Order,
    OrderBook,
    Ticker,
    Transfer,
    TransferStatus,
    VenueAuthError,
    VenueError,
    VenueRateLimited,
    VenueUnsupported,
)

__all__ = ["CcxtVenue", "network_chain", "redact", "supported_exchanges"]

ENV_API_KEY = "SUPPORTCTL_API_KEY"
ENV_API_SECRET = "SUPPORTCTL_API_SECRET"
ENV_API_PASSWORD = "SUPPORTCTL_API_PASSWORD"
_CREDENTIAL_ENV = {"apiKey": ENV_API_KEY, "secret": ENV_API_SECRET, "password": ENV_API_PASSWORD}

CACHE_VERSION = 1
DEFAULT_MARKET_TYPES = ("spot",)

log = logging.getLogger("supportctl.venue.ccxt")
T = TypeVar("T")

# ---------------------------------------------------------------------------------------------- redaction

_SECRET_PARAM = re.compile(
    r"(?i)\b(signature|sign|sig|api[_-]?key|apikey|access[_-]?key|secret|passphrase|password|token)=([^&\s\"'<>]+)"
)
_URL_QUERY = re.compile(r"((?:https?://[^\s/?#\"'<>]+)?/[^\s?#\"'<>]*)\?[^\s#\"'<>]+")
_SECRET_FIELD = re.compile(
    r"""(?ix)
    (["']?[\w-]*(?:sign|key|secret|passphrase|password|token|auth)[\w-]*["']?\s*[:=]\s*)  # a header / field name
    (["'])[^"']*\2                                                                     # its quoted value
    """
)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` without the given secrets, any ``signature=…`` (or key/secret/token) parameter, any URL query
    string (signed URLs) and the value of any quoted field whose name says key, sign, secret or token."""
    out = str(text)
    for s in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        out = out.replace(s, "***")
    out = _SECRET_PARAM.sub(r"\1=***", out)
    out = _URL_QUERY.sub(r"\1?<redacted>", out)
    return _SECRET_FIELD.sub(r"\1\2***\2", out)


class _RedactingLogger:
    """Stands in for ccxt's ``exchange.logger``: ccxt logs every request's headers (API key, passphrase,
    signature) and signed URL at DEBUG. This keeps the method, the URL without its query and the status."""

    def __init__(self, secrets: Callable[[], Iterable[str | None]]) -> None:
        self._secrets = secrets

    def _emit(self, level: int, msg: object, args: tuple[Any, ...]) -> None:
        if not log.isEnabledFor(level):
            return
        text = str(msg)
        if text.startswith("%s %s, Request") and len(args) >= 2:
            line = f"{args[0]} {args[1]} (request)"
        elif text.startswith("%s %s, Response") and len(args) >= 3:
            line = f"{args[0]} {args[1]} -> {args[2]}"
        else:
            try:
                line = text % args if args else text
            except (TypeError, ValueError):
                line = text
        log.log(level, "%s", redact(line, self._secrets()))

    def debug(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.DEBUG, msg, args)

    def info(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.INFO, msg, args)

    def warning(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.WARNING, msg, args)

    def error(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.ERROR, msg, args)

    def exception(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.ERROR, msg, args)


class _RedactFilter(logging.Filter):
    """On urllib3's connection-pool logger, which logs every URL (signature included) at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep only the format
            message = str(record.msg)
        record.msg, record.args = redact(message, _all_secrets()), ()
        return True


_LIVE_SECRETS: dict[int, list[str]] = {}  # id(venue) -> its credentials, for the urllib3 filter
_FILTER = _RedactFilter("supportctl")


def _all_secrets() -> list[str]:
    return [s for secrets in list(_LIVE_SECRETS.values()) for s in secrets]


def _guard_http_logs() -> None:
    for name in ("urllib3.connectionpool", "urllib3.util.retry", "requests"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


# ------------------------------------------------------------------------------------------ chain mapping

# ccxt network codes the registry's aliases do not cover, and codes that must not map onto a chain.
_EXTRA_NETWORKS: dict[str, ChainKey | None] = {
    "BEP20": ChainKey("bsc"),
    "BSC": ChainKey("bsc"),
    "TRX": ChainKey("tron"),
    "TRC20": ChainKey("tron"),
    "ARBITRUM": ChainKey("arbitrum"),
    "ARBONE": ChainKey("arbitrum"),
    "ARBI": ChainKey("arbitrum"),
    "MATIC": ChainKey("polygon"),
    "POLYGON": ChainKey("polygon"),
    "SOL": ChainKey("solana"),
    "OPTIMISM": ChainKey("optimism"),
    "OP": ChainKey("optimism"),
    "AVAXC": ChainKey("avalanche"),
    "CAVAX": ChainKey("avalanche"),
    "AVAX_C": ChainKey("avalanche"),
    "BASE": ChainKey("base"),
    "ERC20": ChainKey("ethereum"),
    "ETH": ChainKey("ethereum"),
    "BTC": ChainKey("bitcoin"),
    "SEGWITBTC": ChainKey("bitcoin"),
    "BTCSEGWIT": ChainKey("bitcoin"),
    "LTC": ChainKey("litecoin"),
    "XRP": ChainKey("xrp"),
    # not the chain their words suggest: BEP2 is the retired BNB Beacon Chain, not BSC; Lightning is not on-chain
    "BEP2": None,
    "BNB": None,
    "LIGHTNING": None,
    "BTCLIGHTNING": None,
    "LN": None,
}


def network_chain(code: str | None) -> ChainKey | None:
    """DESIGN's chain key for a ccxt network code (``ERC20``, ``BEP20``, ``TRC20``, ``SOL`` …), or None."""
    if not code or not isinstance(code, str):
        return None
    upper = code.strip().upper()
    if upper in _EXTRA_NETWORKS:
        return _EXTRA_NETWORKS[upper]
    try:
        return chain_key(code)
    except InputError:
        return None


# ------------------------------------------------------------------------------------------------ values


def _dec(value: object) -> Decimal | None:
    """A Decimal from what ccxt gives (float, int, numeric string), via ``str``; None when absent or not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int | float | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
    else:
        return None
    try:
        d = Decimal(text)
        if not d.is_finite():
            return None
        # 9000.0 (ccxt's floats) and "0.10000000" (venues' strings) as 9000 and 0.1: same value, tidier evidence
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    except InvalidOperation:
        return None


def _plain(d: Decimal) -> Decimal:
    """``1E-8`` as ``0.00000001``: the same value, written the way people read a step."""
    return Decimal(format(d, "f"))


def _step(precision: object, mode: int | None, modes: Mapping[str, int]) -> Decimal | None:
    """The step a value must be a multiple of, from a ccxt ``precision`` entry in the exchange's precisionMode.
    SIGNIFICANT_DIGITS has no fixed step (it depends on the value): None."""
    if precision is None or isinstance(precision, bool):
        return None
    if mode == modes["TICK_SIZE"]:
        d = _dec(precision)
        return _plain(d) if d is not None and d > 0 else None
    if mode == modes["DECIMAL_PLACES"]:
        d = _dec(precision)
        if d is None or d != d.to_integral_value():
            return None
        return _plain(Decimal(1).scaleb(-int(d)))
    return None


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _int(value: object) -> int | None:
    d = _dec(value)
    if d is None or d != d.to_integral_value() or d < 0:
        return None
    return int(d)


def _str(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _get(mapping: object, *path: str) -> object:
    cur = mapping
    for key in path:
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(key)
    return cur


def _map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _first(mapping: object, keys: Iterable[str]) -> object:
    if not isinstance(mapping, Mapping):
        return None
    for k in keys:
        v = mapping.get(k)
        if v is not None and v != "":
            return v
    return None


# the venue's own status word, kept next to ccxt's unified one for the evidence
_RAW_STATUS_KEYS = ("status", "state", "orderStatus", "withdrawStatus", "depositStatus")
# network facts ccxt does not unify, by the key each venue uses in the raw row (binance, okx, bybit …)
_CONFIRMATION_KEYS = ("minConfirm", "minDepArrivalConfirm", "confirmation", "confirmations", "minConfirmations")
_MEMO_KEYS = ("needTag", "sameAddress", "memoRequired", "needMemo")
_CONTRACT_KEYS = ("contractAddress", "contract_address", "contract")
# why a transfer failed, where ccxt leaves it in the raw row (binance: "info", the failure reason)
_REASON_KEYS = ("failReason", "rejectReason", "reason", "info")

_TRANSFER_STATUSES = {TransferStatus.PENDING, TransferStatus.OK, TransferStatus.FAILED, TransferStatus.CANCELED}


def _same_txid(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    hexa = re.fullmatch(r"(?:0[xX])?[0-9a-fA-F]+", a) and re.fullmatch(r"(?:0[xX])?[0-9a-fA-F]+", b)
    if hexa:
        return a.lower().removeprefix("0x") == b.lower().removeprefix("0x")
    return a == b


def _transfer(tx: Mapping[str, Any], direction: str, currency: str | None) -> Transfer:
    status = _str(tx.get("status"))
    fee = _map(tx.get("fee"))
    network = _str(tx.get("network"))
    unified = status if status in _TRANSFER_STATUSES else None
    reason = None
    if unified in (TransferStatus.FAILED, TransferStatus.CANCELED):
        raw_reason = _first(tx.get("info"), _REASON_KEYS)
        reason = _str(tx.get("comment")) or (raw_reason if isinstance(raw_reason, str) and raw_reason.strip() else None)
    return Transfer(
        id=_str(tx.get("id")) or "",
        direction=_str(tx.get("type")) or direction,
        currency=_str(tx.get("currency")) or (currency or "").upper(),
        status=unified,
        raw_status=_str(_first(tx.get("info"), _RAW_STATUS_KEYS)) or status,
        network=network,
        chain=network_chain(network),
        amount=_dec(tx.get("amount")),
        fee=_dec(fee.get("cost")),
        fee_currency=_str(fee.get("currency")),
        address=_str(tx.get("address")) or _str(tx.get("addressTo")),
        memo=_str(tx.get("tag")) or _str(tx.get("tagTo")),
        txid=_str(tx.get("txid")),
        timestamp=_int(tx.get("timestamp")),
        updated=_int(tx.get("updated")),
        reason=reason,
    )


def _order(o: Mapping[str, Any]) -> Order:
    fee = _map(o.get("fee"))
    fills = []
    for t in o.get("trades") or ():
        if not isinstance(t, Mapping):
            continue
        price, amount = _dec(t.get("price")), _dec(t.get("amount"))
        if price is None or amount is None:
            continue
        tfee = _map(t.get("fee"))
        fills.append(Fill(price, amount, _dec(tfee.get("cost")), _str(tfee.get("currency"))))
    return Order(
        id=_str(o.get("id")) or "",
        symbol=_str(o.get("symbol")) or "",
        side=str(o.get("side") or ""),
        type=str(o.get("type") or ""),
        status=_str(o.get("status")) or "unknown",
        raw_status=_str(_first(o.get("info"), _RAW_STATUS_KEYS)),
        price=_dec(o.get("price")),
        average=_dec(o.get("average")),
        amount=_dec(o.get("amount")),
        filled=_dec(o.get("filled")),
        remaining=_dec(o.get("remaining")),
        cost=_dec(o.get("cost")),
        fee=_dec(fee.get("cost")),
        fee_currency=_str(fee.get("currency")),
        timestamp=_int(o.get("timestamp")),
        time_in_force=_str(o.get("timeInForce")),
        fills=tuple(fills),
    )


def _market_rule(m: Mapping[str, Any], mode: int | None, modes: Mapping[str, int]) -> MarketRule:
    prec, limits = _map(m.get("precision")), _map(m.get("limits"))
    return MarketRule(
        symbol=str(m.get("symbol")),
        base=str(m.get("base")),
        quote=str(m.get("quote")),
        active=_bool(m.get("active")),
        amount_step=_step(prec.get("amount"), mode, modes),
        price_tick=_step(prec.get("price"), mode, modes),
        min_amount=_dec(_get(limits, "amount", "min")),
        max_amount=_dec(_get(limits, "amount", "max")),
        min_cost=_dec(_get(limits, "cost", "min")),
        max_cost=_dec(_get(limits, "cost", "max")),
        min_price=_dec(_get(limits, "price", "min")),
        max_price=_dec(_get(limits, "price", "max")),
        taker_fee=_dec(m.get("taker")),
        maker_fee=_dec(m.get("maker")),
    )


def _network_rules(currencies: Mapping[str, Any]) -> list[NetworkRule]:
    rules = []
    for code in sorted(currencies):
        cur = currencies[code]
        if not isinstance(cur, Mapping):
            continue
        nets = cur.get("networks")
        if not isinstance(nets, Mapping):
            continue
        cur_dep, cur_wd = _bool(cur.get("deposit")), _bool(cur.get("withdraw"))
        for net_code in sorted(nets):
            net = nets[net_code]
            if not isinstance(net, Mapping):
                continue
            info = net.get("info")
            dep, wd = _bool(net.get("deposit")), _bool(net.get("withdraw"))
            contract = net.get("contract")
            if not isinstance(contract, str) or not contract.strip():
                contract = _first(info, _CONTRACT_KEYS)
            memo = _first(info, _MEMO_KEYS)
            rules.append(
                NetworkRule(
                    currency=str(cur.get("code") or code),
                    network=str(net.get("network") or net_code),
                    chain=network_chain(str(net.get("network") or net_code)),
                    deposit_enabled=False if cur_dep is False else dep,
                    withdraw_enabled=False if cur_wd is False else wd,
                    withdraw_fee=_dec(net.get("fee")),
                    withdraw_min=_dec(_get(net, "limits", "withdraw", "min")),
                    deposit_min=_dec(_get(net, "limits", "deposit", "min")),
                    contract=_str(contract),
                    confirmations=_int(_first(info, _CONFIRMATION_KEYS)),
                    memo_required=memo if isinstance(memo, bool) else None,
                )
            )
    return rules


# ------------------------------------------------------------------------------------------- the cache

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


# --------------------------------------------------------------------------------------------- helpers


def _ccxt_spec_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("ccxt")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _ccxt_module_exists(exid: str) -> bool:
    """Whether ccxt has an exchange class of this id, without importing ccxt (a quarter of a second)."""
    root = _ccxt_spec_dir()
    return root is not None and exid.isidentifier() and (root / f"{exid}.py").is_file()


def _ccxt_version() -> str:
    """ccxt's version without importing it: from its installed metadata's folder name."""
    root = _ccxt_spec_dir()
    if root is not None:
        for d in root.parent.glob("ccxt-*.dist-info"):
            return d.name.removeprefix("ccxt-").removesuffix(".dist-info")
    return "unknown"


def supported_exchanges() -> list[str]:
    """Every exchange id ccxt knows (``ccxt.exchanges``)."""
    import ccxt  # type: ignore[import-untyped]

    return list(ccxt.exchanges)


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


# ------------------------------------------------------------------------------------------------ venue


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
        if not _ccxt_module_exists(exid):
            self._unknown_exchange(exchange_id)
        self.name = exid
        self._creds: dict[str, str] = {}
        for cred, env in _CREDENTIAL_ENV.items():
            value = (os.environ.get(env) or "").strip()
            if value:
                self._creds[cred] = value
        self._timeout = timeout
        _LIVE_SECRETS[id(self)] = list(self._creds.values())
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
        import ccxt

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
            self._unknown_exchange(self.name)
        config: dict[str, Any] = {"enableRateLimit": True, "timeout": int(self._timeout * 1000), **self._creds}
        ex = getattr(ccxt, self.name)(config)
        ex.verbose = False
        ex.logger = _RedactingLogger(self._secrets)
        _guard_http_logs()
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

    @staticmethod
    def _unknown_exchange(exchange_id: str) -> None:
        names = supported_exchanges()
        exid = exchange_id.strip().lower()
        close = difflib.get_close_matches(exid, names, n=5, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}?" if close else "any ccxt exchange id (ccxt.exchanges)"
        raise VenueUnsupported(f"unknown exchange {exchange_id.strip()!r}", hint=hint)

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

    def _error(self, e: Exception, what: str) -> VenueError:
        ccxt = self._ccxt
        secrets = self._secrets()
        text = " ".join(redact(str(e), secrets).split())
        if len(text) > 300:
            text = text[:297] + "..."
        msg = f"{self.name}: {what} failed: {type(e).__name__}: {text}" if text else f"{self.name}: {what} failed"
        if isinstance(e, ccxt.AuthenticationError):  # PermissionDenied and AccountSuspended are kinds of it
            return VenueAuthError(
                msg,
                hint=f"check {self._key_names()}: the key must be valid, allowed from this IP and able to read "
                "the account",
            )
        if isinstance(e, ccxt.RateLimitExceeded | ccxt.DDoSProtection):
            return VenueRateLimited(msg, hint=(
                "rate limited by the venue (HTTP 429): it asked us to slow down; back off and retry in a minute"
            ))
        if isinstance(e, ccxt.NetworkError):  # ExchangeNotAvailable, OnMaintenance, RequestTimeout, InvalidNonce
            return VenueError(msg, hint="the venue could not be reached or is in maintenance; retry later")
        if isinstance(e, ccxt.BadSymbol):
            return VenueUnsupported(msg, hint="check the symbol: BASE/QUOTE as the venue lists it, e.g. BTC/USDT")
        if isinstance(e, ccxt.NotSupported | ccxt.ArgumentsRequired):
            return VenueUnsupported(msg)
        return VenueError(msg)

    def _call(self, what: str, fn: Callable[[], T]) -> T:
        ccxt = self._ccxt
        with self._lock:
            try:
                return fn()
            except SupportctlError:
                raise
            except ccxt.BaseError as e:
                raise self._error(e, what) from None
            except Exception as e:  # a ccxt parser tripping over an unexpected answer
                text = redact(str(e), self._secrets())[:200]
                raise VenueError(f"{self.name}: unexpected answer to {what}: {type(e).__name__}: {text}") from None

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
        key = json.dumps(
            [
                CACHE_VERSION,
                self.name,
                _ccxt_version(),
                sorted(self._market_types),
                urlsplit(self._api_url).netloc if self._api_url else None,
                bool(self._creds),  # currencies some venues only give to signed requests
            ]
        )
        return self._cache_dir / f"rules-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"

    def _read_cache(self) -> bool:
        path = self._cache_file()
        try:
            data = json.loads(path.read_text("utf-8"))
            created = float(data["created"])
            now = time.time()
            if data.get("version") != CACHE_VERSION or data.get("exchange") != self.name:
                return False
            if not (now - self._ttl < created <= now + 60):
                return False
            markets, currencies = data["markets"], data["currencies"]
            if not isinstance(markets, dict) or not markets or not isinstance(currencies, dict):
                return False
            market_rules = {s: _rule_from_json(MarketRule, r) for s, r in data["market_rules"].items()}
            network_rules = [_rule_from_json(NetworkRule, r) for r in data["network_rules"]]
            self._cached_markets = (markets, currencies)
            if self._ex is not None:
                self._ex.set_markets(markets, currencies or None)
        except FileNotFoundError:
            return False
        except Exception as e:  # corrupt, truncated, another version's shape: ignored, never fatal
            log.debug("ignoring the rules cache %s: %s", path, type(e).__name__)
            return False
        self._market_rules, self._network_rules = market_rules, network_rules
        return True

    def _write_cache(self, markets: Mapping[str, Any], currencies: Mapping[str, Any]) -> None:
        path = self._cache_file()
        data = {
            "version": CACHE_VERSION,
            "exchange": self.name,
            "created": time.time(),
            "market_types": list(self._market_types),
            "markets": _strip_info(markets),
            "currencies": _strip_info(currencies),
            "market_rules": {s: _rule_to_json(r) for s, r in self._market_rules.items()},
            "network_rules": [_rule_to_json(r) for r in self._network_rules],
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(data, f, separators=(",", ":"))
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError) as e:  # a cache that cannot be written only costs time
            log.debug("could not write the rules cache %s: %s", path, type(e).__name__)

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
                s: _market_rule(m, mode, modes) for s, m in markets.items() if isinstance(m, Mapping)
            }
            self._network_rules = _network_rules(currencies)
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

    def withdrawal(self, id: str, currency: str | None) -> Transfer | None:
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
                return _transfer(tx, "withdrawal", code)
            if not self._has("fetchWithdrawals"):
                return None
        elif not self._has("fetchWithdrawals"):
            raise VenueUnsupported(f"{self.name}: ccxt cannot read withdrawals on this exchange")
        txs = self._transfers("withdrawals", code, ex.fetch_withdrawals)
        for tx in txs:
            if str(tx.get("id")) == id:
                return _transfer(tx, "withdrawal", code)
        for tx in txs:
            if tx.get("txid") and _same_txid(str(tx["txid"]), id):
                return _transfer(tx, "withdrawal", code)
        return None

    def deposit_by_txid(self, txid: str, currency: str | None) -> Transfer | None:
        self._require_keys("reading deposits")
        if not self._has("fetchDeposits"):
            raise VenueUnsupported(f"{self.name}: ccxt cannot read deposits on this exchange")
        self._load()
        code = self._code(currency)
        for tx in self._transfers("deposits", code, self._exchange.fetch_deposits):
            if tx.get("txid") and _same_txid(str(tx["txid"]), txid):
                return _transfer(tx, "deposit", code)
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
        return _order(o) if isinstance(o, Mapping) and o.get("id") is not None else None

    def open_orders(self, symbol: str | None) -> list[Order]:
        self._require_keys("reading open orders")
        self._load()
        ex = self._exchange
        orders = self._memoised(("open_orders", symbol), "fetching open orders", lambda: ex.fetch_open_orders(symbol))
        return [_order(o) for o in orders or () if isinstance(o, Mapping)]

    def ticker(self, symbol: str) -> Ticker:
        t = self._live(("ticker", symbol), f"fetching the ticker of {symbol}", lambda ex: ex.fetch_ticker(symbol))
        return Ticker(str(t.get("symbol") or symbol), _dec(t.get("bid")), _dec(t.get("ask")), _dec(t.get("last")))

    def order_book(self, symbol: str, depth: int = 50) -> OrderBook:
        book = self._live(
            ("order_book", f"{symbol} {depth}"),
            f"fetching the order book of {symbol}",
            lambda ex: ex.fetch_order_book(symbol, depth),
        )

        def side(rows: object) -> tuple[tuple[Decimal, Decimal], ...]:
            out = []
            for row in rows if isinstance(rows, list) else ():
                if isinstance(row, list | tuple) and len(row) >= 2:
                    price, amount = _dec(row[0]), _dec(row[1])
                    if price is not None and amount is not None:
                        out.append((price, amount))
            return tuple(out)

        return OrderBook(str(book.get("symbol") or symbol), side(book.get("bids")), side(book.get("asks")))

    def balance(self, currency: str) -> Balance | None:
        bal = self._live(("balance", None), "fetching the balance", lambda ex: ex.fetch_balance(), private=True)
        code = currency.upper()
        entry = bal.get(code) if isinstance(bal, Mapping) else None
        if not isinstance(entry, Mapping):
            return None
        return Balance(code, _dec(entry.get("free")), _dec(entry.get("used")), _dec(entry.get("total")))

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
                try:
                    data = json.loads(path.read_text("utf-8"))
                    if 0 <= time.time() - float(data["at"]) <= self.live_ttl:
                        self._memo[key] = data["value"]
                        return data["value"]
                except (OSError, ValueError, KeyError, TypeError):
                    pass
            if private:
                self._require_keys(what.removeprefix("fetching "))
            self._load()
            ex = self._exchange
            value = self._memoised(key, what, lambda: fetch(ex))
            if self.live_ttl > 0:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_suffix(f".{os.getpid()}.tmp")
                    tmp.write_text(json.dumps({"at": time.time(), "value": value}, default=str), "utf-8")
                    os.replace(tmp, path)
                except (OSError, TypeError, ValueError):
                    pass  # a cache that cannot be written only costs time
            return value

    def _live_file(self, key: tuple[str, str | None], private: bool) -> Path:
        account = hashlib.sha256(self._creds.get("apiKey", "").encode()).hexdigest()[:16] if private else "public"
        where = urlsplit(self._api_url).netloc if self._api_url else ""
        name = hashlib.sha256(json.dumps([self.name, where, account, *key]).encode()).hexdigest()[:24]
        return self._cache_dir / f"live-{name}.json"

    # ------------------------------------------------------------------------------------------- extras

    def close(self) -> None:
        session = getattr(self._exchange, "session", None)
        if session is not None:
            session.close()

    def __del__(self) -> None:
        _LIVE_SECRETS.pop(id(self), None)
