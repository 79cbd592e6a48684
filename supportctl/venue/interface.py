"""What every venue implementation provides: frozen records, a protocol, and the layer's own errors.

Amounts are ``Decimal``; a value a venue does not give is ``None`` (never a guessed 0). Records hold the
venue's own words (status strings, network codes) next to the normalised ones, for the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, runtime_checkable

from supportctl.core.errors import ExitCode, SupportctlError
from supportctl.core.model import ChainKey

# ---------------------------------------------------------------------------------------------- errors


class VenueError(SupportctlError):
    """The venue could not answer (unreachable, maintenance, unexpected answer): the verdict is unknown."""

    exit_code = ExitCode.UNKNOWN


class VenueAuthError(VenueError):
    """The API keys were refused or are missing: a set-up problem the agent can fix."""

    exit_code = ExitCode.USAGE


class VenueRateLimited(VenueError):
    """The venue asked us to slow down."""


class VenueUnsupported(VenueError):
    """The venue (or its ccxt class) cannot do this at all, e.g. no fetchWithdrawal."""

    exit_code = ExitCode.USAGE


# --------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class NetworkRule:
    """A currency on one network, as the venue runs it (live rules; ``[[assets]]`` wins over these)."""

    currency: str
    network: str  # the venue's own code (ERC20, TRX, BSC …)
    chain: ChainKey | None  # DESIGN's chain key, when the code maps onto one
    deposit_enabled: bool | None = None
    withdraw_enabled: bool | None = None
    withdraw_fee: Decimal | None = None
    withdraw_min: Decimal | None = None
    deposit_min: Decimal | None = None
    contract: str | None = None
    confirmations: int | None = None
    memo_required: bool | None = None


@dataclass(frozen=True, slots=True)
class MarketRule:
    symbol: str  # BASE/QUOTE
    base: str
    quote: str
    active: bool | None = None
    amount_step: Decimal | None = None  # the amount must be a multiple of this
    price_tick: Decimal | None = None  # the price must be a multiple of this
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    min_cost: Decimal | None = None  # minimum notional (amount × price)
    max_cost: Decimal | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    taker_fee: Decimal | None = None
    maker_fee: Decimal | None = None


class TransferStatus:
    """ccxt's unified transaction statuses."""

    PENDING = "pending"
    OK = "ok"
    FAILED = "failed"
    CANCELED = "canceled"


@dataclass(frozen=True, slots=True)
class VenueTransfer:
    """A withdrawal or deposit in the venue's books."""

    id: str
    direction: str  # "withdrawal" | "deposit"
    currency: str
    status: str | None  # TransferStatus value, or None when the venue's word does not map
    raw_status: str | None = None  # the venue's own status, for the evidence
    network: str | None = None
    chain: ChainKey | None = None
    amount: Decimal | None = None  # what the customer asked to move (withdrawal) / was credited (deposit)
    fee: Decimal | None = None
    fee_currency: str | None = None
    address: str | None = None
    memo: str | None = None
    txid: str | None = None
    timestamp: int | None = None  # milliseconds
    updated: int | None = None
    reason: str | None = None  # a rejection or failure reason the venue gives (untrusted text)


@dataclass(frozen=True, slots=True)
class Fill:
    price: Decimal
    amount: Decimal
    fee: Decimal | None = None
    fee_currency: str | None = None


@dataclass(frozen=True, slots=True)
class Order:
    id: str
    symbol: str
    side: str  # buy | sell
    type: str  # limit | market | …
    status: str  # open | closed | canceled | expired | rejected
    raw_status: str | None = None
    price: Decimal | None = None  # the limit price
    average: Decimal | None = None
    amount: Decimal | None = None
    filled: Decimal | None = None
    remaining: Decimal | None = None
    cost: Decimal | None = None
    fee: Decimal | None = None
    fee_currency: str | None = None
    timestamp: int | None = None
    time_in_force: str | None = None
    fills: tuple[Fill, ...] = ()


@dataclass(frozen=True, slots=True)
class Ticker:
    symbol: str
    bid: Decimal | None
    ask: Decimal | None
    last: Decimal | None


@dataclass(frozen=True, slots=True)
class OrderBook:
    symbol: str
    bids: tuple[tuple[Decimal, Decimal], ...]  # (price, amount), best first
    asks: tuple[tuple[Decimal, Decimal], ...]


@dataclass(frozen=True, slots=True)
class Balance:
    currency: str
    free: Decimal | None
    used: Decimal | None  # locked in open orders
    total: Decimal | None


# -------------------------------------------------------------------------------------------- protocol


@runtime_checkable
class Venue(Protocol):
    """One exchange account or back office. Methods are synchronous (ccxt's sync classes) and are run in a
    worker thread when combined with chain lookups. ``None`` means "the venue says there is no such thing";
    a venue that cannot answer raises ``VenueError``."""

    name: str

    def withdrawal(self, id: str, currency: str | None) -> VenueTransfer | None: ...

    def deposit_by_txid(self, txid: str, currency: str | None) -> VenueTransfer | None: ...

    def order(self, id: str, symbol: str) -> Order | None: ...

    def open_orders(self, symbol: str | None) -> list[Order]: ...

    def ticker(self, symbol: str) -> Ticker: ...

    def order_book(self, symbol: str, depth: int = 50) -> OrderBook: ...

    def balance(self, currency: str) -> Balance | None: ...

    def markets(self) -> dict[str, MarketRule]: ...

    def networks(self) -> list[NetworkRule]: ...
