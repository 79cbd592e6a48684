"""The static venue: what the config says (``[[assets]]``), nothing live. Without an exchange account the
venue's books (withdrawals, orders, balances) cannot be read: those calls say so, clearly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supportctl.venue.interface import (
    Balance,
    MarketRule,
    NetworkRule,
    Order,
    OrderBook,
    Ticker,
    VenueTransfer,
    VenueUnsupported,
)

if TYPE_CHECKING:
    from supportctl.core.config import Config

_HINT = 'set [venue] exchange = "<ccxt id>" (keys from SUPPORTCTL_API_KEY / SUPPORTCTL_API_SECRET) or a plugin'


class StaticVenue:
    name = "static"

    def __init__(self, config: Config) -> None:
        self._config = config

    def _unsupported(self, what: str) -> VenueUnsupported:
        return VenueUnsupported(f"no venue is configured, so {what} cannot be read", hint=_HINT)

    def withdrawal(self, id: str, currency: str | None) -> VenueTransfer | None:
        raise self._unsupported("withdrawals")

    def deposit_by_txid(self, txid: str, currency: str | None) -> VenueTransfer | None:
        raise self._unsupported("deposit history")

    def order(self, id: str, symbol: str) -> Order | None:
        raise self._unsupported("orders")

    def open_orders(self, symbol: str | None) -> list[Order]:
        raise self._unsupported("open orders")

    def ticker(self, symbol: str) -> Ticker:
        raise self._unsupported("market prices")

    def order_book(self, symbol: str, depth: int = 50) -> OrderBook:
        raise self._unsupported("order books")

    def balance(self, currency: str) -> Balance | None:
        raise self._unsupported("balances")

    def markets(self) -> dict[str, MarketRule]:
        raise self._unsupported("market rules")

    def networks(self) -> list[NetworkRule]:
        return [
            NetworkRule(
                currency=a.currency,
                network=a.chain,
                chain=a.chain,
                deposit_enabled=a.deposit_enabled,
                withdraw_enabled=a.withdraw_enabled,
                deposit_min=a.min_deposit,
                contract=a.contract,
                confirmations=a.confirmations,
                memo_required=a.memo_required,
            )
            for a in self._config.assets
        ]
