"""An example back office for supportctl: records come from a JSON file named in ``[venue.options] file``.

A real plugin would call its back office's API here; everything else is the same: return supportctl's
records, ``None`` for "no such thing", and raise ``VenueError`` when the back office cannot answer.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from supportctl.core.config import Config
from supportctl.core.errors import InputError
from supportctl.core.registry import chain_key
from supportctl.venue.interface import (
    Balance,
    MarketRule,
    NetworkRule,
    Order,
    OrderBook,
    Ticker,
    VenueError,
    VenueTransfer,
)


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _decimals(row: dict[str, Any], *keys: str) -> dict[str, Decimal | None]:
    return {k: _dec(row.get(k)) for k in keys}


class BackOffice:
    name = "backoffice-example"

    def __init__(self, config: Config) -> None:
        path = config.venue.options.get("file")
        if not path:
            raise VenueError('backoffice-example needs [venue.options] file = "records.json"')
        try:
            self._data: dict[str, Any] = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise VenueError(f"backoffice-example cannot read {path}: {e}") from None
        if self._data.get("down"):
            raise VenueError("the back office is unreachable (maintenance)")

    def _transfer(self, row: dict[str, Any], direction: str) -> VenueTransfer:
        network = row.get("network")
        try:
            chain = chain_key(network) if network else None
        except InputError:
            chain = None
        return VenueTransfer(
            id=str(row["id"]),
            direction=direction,
            currency=row["currency"],
            status=row.get("status"),
            raw_status=row.get("raw_status"),
            network=network,
            chain=chain,
            **_decimals(row, "amount", "fee"),
            fee_currency=row.get("fee_currency"),
            address=row.get("address"),
            memo=row.get("memo"),
            txid=row.get("txid"),
            timestamp=row.get("timestamp"),
            reason=row.get("reason"),
        )

    def withdrawal(self, id: str, currency: str | None) -> VenueTransfer | None:
        for row in self._data.get("withdrawals", []):
            if id in (str(row["id"]), row.get("txid")):
                return self._transfer(row, "withdrawal")
        return None

    def deposit_by_txid(self, txid: str, currency: str | None) -> VenueTransfer | None:
        for row in self._data.get("deposits", []):
            if (row.get("txid") or "").lower() == txid.lower():
                return self._transfer(row, "deposit")
        return None

    def order(self, id: str, symbol: str) -> Order | None:
        for row in self._data.get("orders", []):
            if str(row["id"]) == id and row["symbol"] == symbol:
                return Order(
                    id=str(row["id"]),
                    symbol=row["symbol"],
                    side=row["side"],
                    type=row["type"],
                    status=row["status"],
                    raw_status=row.get("raw_status"),
                    time_in_force=row.get("time_in_force"),
                    **_decimals(row, "price", "average", "amount", "filled", "remaining", "cost", "fee"),
                    fee_currency=row.get("fee_currency"),
                )
        return None

    def open_orders(self, symbol: str | None) -> list[Order]:
        ids = [(str(r["id"]), r["symbol"]) for r in self._data.get("orders", []) if r["status"] == "open"]
        return [o for i, s in ids if (symbol in (None, s)) and (o := self.order(i, s)) is not None]

    def ticker(self, symbol: str) -> Ticker:
        row = self._data.get("tickers", {}).get(symbol)
        if row is None:
            raise VenueError(f"no ticker for {symbol}")
        return Ticker(symbol, **_decimals(row, "bid", "ask", "last"))  # type: ignore[arg-type]

    def order_book(self, symbol: str, depth: int = 50) -> OrderBook:
        row = self._data.get("books", {}).get(symbol)
        if row is None:
            raise VenueError(f"no order book for {symbol}")

        def side(levels: list[list[Any]]) -> tuple[tuple[Decimal, Decimal], ...]:
            return tuple((Decimal(str(p)), Decimal(str(a))) for p, a in levels[:depth])

        return OrderBook(symbol, side(row["bids"]), side(row["asks"]))

    def balance(self, currency: str) -> Balance | None:
        row = self._data.get("balances", {}).get(currency)
        return None if row is None else Balance(currency, **_decimals(row, "free", "used", "total"))  # type: ignore[arg-type]

    def markets(self) -> dict[str, MarketRule]:
        out = {}
        for symbol, row in self._data.get("markets", {}).items():
            base, quote = symbol.split("/")
            out[symbol] = MarketRule(
                symbol=symbol,
                base=base,
                quote=quote,
                active=row.get("active"),
                **_decimals(
                    row,
                    "amount_step",
                    "price_tick",
                    "min_amount",
                    "max_amount",
                    "min_cost",
                    "max_cost",
                    "min_price",
                    "max_price",
                ),
            )
        return out

    def networks(self) -> list[NetworkRule]:
        return [
            NetworkRule(
                currency=row["currency"],
                network=row["network"],
                chain=chain_key(row["network"]),
                deposit_enabled=row.get("deposit_enabled"),
                withdraw_enabled=row.get("withdraw_enabled"),
                **_decimals(row, "withdraw_fee", "withdraw_min"),
                memo_required=row.get("memo_required"),
            )
            for row in self._data.get("networks", [])
        ]
