"""ccxt's unified dicts as supportctl's venue records (``supportctl.venue.interface``).

Pure functions, no ccxt import: each takes what a ccxt call returned (markets, currencies, transfers, orders,
tickers, order books, balances) and builds a frozen record, reading amounts as ``Decimal`` via ``str`` and
treating anything missing or malformed as None rather than an error. Facts ccxt does not unify (confirmations,
memo flags, contracts, failure reasons) are read from the raw ``info`` row under the keys venues use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from supportctl.venue.ccxt.networks import network_chain
from supportctl.venue.interface import (
    Balance,
    Fill,
    MarketRule,
    NetworkRule,
    Order,
    OrderBook,
    Ticker,
    TransferStatus,
    VenueTransfer,
)

__all__ = ["balance", "market_rule", "network_rules", "order", "order_book", "same_txid", "ticker", "transfer"]


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


def same_txid(a: str, b: str) -> bool:
    """The same transaction id, written either way: hex compared without case or ``0x``, anything else exactly."""
    a, b = a.strip(), b.strip()
    hexa = re.fullmatch(r"(?:0[xX])?[0-9a-fA-F]+", a) and re.fullmatch(r"(?:0[xX])?[0-9a-fA-F]+", b)
    if hexa:
        return a.lower().removeprefix("0x") == b.lower().removeprefix("0x")
    return a == b


def transfer(tx: Mapping[str, Any], direction: str, currency: str | None) -> VenueTransfer:
    status = _str(tx.get("status"))
    fee = _map(tx.get("fee"))
    network = _str(tx.get("network"))
    unified = status if status in _TRANSFER_STATUSES else None
    reason = None
    if unified in (TransferStatus.FAILED, TransferStatus.CANCELED):
        raw_reason = _first(tx.get("info"), _REASON_KEYS)
        reason = _str(tx.get("comment")) or (raw_reason if isinstance(raw_reason, str) and raw_reason.strip() else None)
    return VenueTransfer(
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


def order(o: Mapping[str, Any]) -> Order:
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


def market_rule(m: Mapping[str, Any], mode: int | None, modes: Mapping[str, int]) -> MarketRule:
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


def network_rules(currencies: Mapping[str, Any]) -> list[NetworkRule]:
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


def ticker(t: Mapping[str, Any], symbol: str) -> Ticker:
    return Ticker(str(t.get("symbol") or symbol), _dec(t.get("bid")), _dec(t.get("ask")), _dec(t.get("last")))


def order_book(book: Mapping[str, Any], symbol: str) -> OrderBook:
    def side(rows: object) -> tuple[tuple[Decimal, Decimal], ...]:
        out = []
        for row in rows if isinstance(rows, list) else ():
            if isinstance(row, list | tuple) and len(row) >= 2:
                price, amount = _dec(row[0]), _dec(row[1])
                if price is not None and amount is not None:
                    out.append((price, amount))
        return tuple(out)

    return OrderBook(str(book.get("symbol") or symbol), side(book.get("bids")), side(book.get("asks")))


def balance(bal: object, code: str) -> Balance | None:
    """One currency's line of a ccxt balance (``code`` upper-case), or None when the venue lists none."""
    entry = bal.get(code) if isinstance(bal, Mapping) else None
    if not isinstance(entry, Mapping):
        return None
    return Balance(code, _dec(entry.get("free")), _dec(entry.get("used")), _dec(entry.get("total")))
