"""The values that flow through the pipeline: enums, subjects, facts, findings, diagnoses.

Everything here is frozen. Amounts are ``Decimal``; nothing here imports rich, httpx or web3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from supportctl.core.options import Format as Format  # re-exported: the vocabularies of the global options
from supportctl.core.options import Lang as Lang

ChainKey = NewType("ChainKey", str)
CheckCode = NewType("CheckCode", str)

# JSON-able evidence values: str, int, bool, None, or lists of those. Decimals are stored as strings.
Evidence = Mapping[str, object]


class Kind(StrEnum):
    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"
    ORDER = "order"
    ORDER_CHECK = "order_check"
    ADDRESS = "address"
    INPUT = "input"  # something pasted that could not be understood


class Severity(StrEnum):
    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    """What a verdict means for the exit status and for the agent."""

    FINE = "fine"  # nothing needed from the customer
    PROBLEM = "problem"  # a problem was diagnosed
    UNKNOWN = "unknown"  # the tool could not tell
    INPUT = "input"  # the input could not be understood


class Verdict(StrEnum):
    # deposit
    CONFIRMED = "confirmed"
    AWAITING_CONFIRMATIONS = "awaiting_confirmations"
    PENDING = "pending"
    NOT_FOUND = "not_found"
    TX_FAILED = "tx_failed"
    REPLACED = "replaced"
    WRONG_ADDRESS = "wrong_address"
    WRONG_NETWORK = "wrong_network"
    UNSUPPORTED_TOKEN = "unsupported_token"
    BELOW_MINIMUM = "below_minimum"
    MEMO_MISSING = "memo_missing"
    MEMO_MISMATCH = "memo_mismatch"
    NETWORK_SUSPENDED = "network_suspended"
    ADDRESS_POISONING = "address_poisoning"  # zero-value or look-alike transfers: not a deposit, a scam attempt
    UNKNOWN = "unknown"
    # withdrawal
    COMPLETED = "completed"
    PROCESSING = "processing"
    WITHDRAWAL_FAILED = "withdrawal_failed"
    CANCELED = "canceled"
    INVALID_ADDRESS = "invalid_address"
    # order
    FILLED = "filled"
    PARTIALLY_FILLED = "partially_filled"
    OPEN = "open"
    EXPIRED = "expired"
    REJECTED = "rejected"
    # order check
    OK = "ok"
    PRECISION_ERROR = "precision_error"
    BELOW_MIN_AMOUNT = "below_min_amount"
    BELOW_MIN_NOTIONAL = "below_min_notional"
    ABOVE_MAX = "above_max"
    PRICE_OUT_OF_BAND = "price_out_of_band"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    MARKET_INACTIVE = "market_inactive"
    HIGH_SLIPPAGE = "high_slippage"
    # address
    VALID = "valid"
    INVALID_CHECKSUM = "invalid_checksum"
    INVALID_FORMAT = "invalid_format"
    MEMO_REQUIRED = "memo_required"
    LOOKALIKE = "lookalike"
    # any kind
    INVALID_INPUT = "invalid_input"
    SECRET_EXPOSED = "secret_exposed"  # the customer pasted a private key or seed phrase
    DETAILS_NEEDED = "details_needed"  # a ticket with no hash, link, address or ID: the reply asks for them
    SCAM_WARNING = "scam_warning"  # a ticket: someone else gave the customer an address or a link to use

    @property
    def outcome(self) -> Outcome:
        return _OUTCOMES.get(self, Outcome.PROBLEM)


_OUTCOMES: dict[Verdict, Outcome] = {
    Verdict.DETAILS_NEEDED: Outcome.FINE,  # nothing is wrong yet: the reply asks the customer for the details
    Verdict.CONFIRMED: Outcome.FINE,
    Verdict.AWAITING_CONFIRMATIONS: Outcome.FINE,
    Verdict.PENDING: Outcome.FINE,
    Verdict.COMPLETED: Outcome.FINE,
    Verdict.PROCESSING: Outcome.FINE,
    Verdict.FILLED: Outcome.FINE,
    Verdict.PARTIALLY_FILLED: Outcome.FINE,
    Verdict.OPEN: Outcome.FINE,
    Verdict.OK: Outcome.FINE,
    Verdict.VALID: Outcome.FINE,
    Verdict.UNKNOWN: Outcome.UNKNOWN,
    Verdict.INVALID_INPUT: Outcome.INPUT,
}



@dataclass(frozen=True, slots=True)
class Subject:
    """What the agent asked about, as understood by the identifier."""

    kind: Kind
    input: str
    chain: ChainKey | None = None  # the chain named by the user, a URL or --chain
    to: str | None = None  # the customer's address (deposit) or the address to check
    memo: str | None = None
    currency: str | None = None  # what the customer says they sent (deposit) or withdrew
    compare: str | None = None  # address --compare
    symbol: str | None = None  # an order's market, BASE/QUOTE
    amount: str | None = None  # the amount the customer says they sent (a decimal string), a claim
    sender: str | None = None  # the address the customer says they sent from (their own wallet), a claim


class TxStatus(StrEnum):
    SUCCESS = "success"
    FAILED = "failed"
    PENDING = "pending"
    NOT_FOUND = "not_found"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class Transfer:
    """One movement of value inside a transaction: the native coin or a token's Transfer event."""

    sender: str
    to: str
    raw: int  # in the smallest unit
    contract: str | None = None  # None for the chain's native coin
    decimals: int | None = None  # None when unknown (then amount is None too)
    symbol: str | None = None  # untrusted when read from the chain
    symbol_from_chain: bool = False
    log_index: int | None = None
    memo: str | None = None  # destination tag / memo carried by this transfer (untrusted text)
    stated_raw: int | None = None  # what the transaction claimed to send, when less was delivered (XRP partial payment)

    @property
    def amount(self) -> Decimal | None:
        if self.decimals is None:
            return None
        return Decimal(self.raw).scaleb(-self.decimals)


@dataclass(frozen=True, slots=True)
class TxFacts:
    """What a chain says about one transaction, at one moment."""

    chain: ChainKey
    tx_hash: str
    status: TxStatus
    source: str  # which endpoint answered (host only, never a secret)
    block: int | None = None
    tip: int | None = None
    tip_age: float | None = None  # seconds since the tip block's timestamp
    block_time: float | None = None  # seconds per block used for ETAs
    block_time_measured: bool = False  # True: from recent blocks; False: the chain's typical value
    sender: str | None = None
    tx_to: str | None = None  # the transaction's `to` (a contract for token transfers)
    transfers: tuple[Transfer, ...] = ()
    fail_reason: str | None = None
    memo: str | None = None  # a transaction-level memo (Solana memo program, Tron data …), untrusted text
    replaced_by: str | None = None  # the txid that replaced this one (Bitcoin RBF), when the data shows it
    finality: str | None = None  # the chain's own word where it has one (Solana: processed/confirmed/finalized)
    replay_error: str | None = None  # why the revert reason could not be read (agent-facing only)

    @property
    def confirmations(self) -> int | None:
        """``tip - block + 1``: the block holding the transaction counts as one."""
        if self.block is None or self.tip is None:
            return None
        return max(0, self.tip - self.block + 1)


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer of one chain to "do you know this transaction?": facts, or why it could not say."""

    chain: ChainKey
    facts: TxFacts | None = None
    error: str | None = None  # set when the chain could not be asked


@dataclass(frozen=True, slots=True)
class Finding:
    check: CheckCode
    name: str
    severity: Severity
    message: str
    evidence: Evidence = field(default_factory=dict)
    verdict: Verdict | None = None  # the verdict this finding argues for, if any (not serialised)


@dataclass(frozen=True, slots=True)
class Diagnosis:
    subject: Subject
    verdict: Verdict
    summary: str
    facts: Evidence
    findings: tuple[Finding, ...]
    reply: str
    lang: Lang

    @property
    def severity(self) -> Severity:
        return severity_of(self.verdict)


def severity_of(verdict: Verdict) -> Severity:
    """How a verdict is shown: ok, info (in progress), warning (advice), error (a problem), unknown."""
    outcome = verdict.outcome
    if outcome is Outcome.FINE:
        return Severity.INFO if verdict in _IN_PROGRESS else Severity.OK
    if outcome is Outcome.UNKNOWN:
        return Severity.UNKNOWN
    return Severity.WARNING if verdict in _ADVICE else Severity.ERROR


_ADVICE = {Verdict.MEMO_REQUIRED}  # problems that are advice to follow, not something gone wrong
_IN_PROGRESS = {Verdict.DETAILS_NEEDED, Verdict.AWAITING_CONFIRMATIONS, Verdict.PENDING, Verdict.PROCESSING,
                Verdict.OPEN,
                Verdict.PARTIALLY_FILLED}


@dataclass(frozen=True, slots=True)
class Claim:
    """Something the customer wrote that the checks hold against the evidence: ``name`` is what it is about
    (``chain``, ``amount``, ``currency``, ``memo``, ``to``, ``from``, ``time``, ``symbol``), ``value`` the value
    read, and ``words`` the customer's words it came from, as written."""

    name: str
    value: str
    words: str


@dataclass(frozen=True, slots=True)
class TicketItem:
    """One thing of a ticket that is looked up, with the role the words around it give it (``deposit``,
    ``withdrawal``, ``order``, ``question``, ``given_by_someone`` …) and its diagnosis."""

    role: str
    words: str  # the words before it that gave the role ("" when none did)
    diagnosis: Diagnosis


@dataclass(frozen=True, slots=True)
class TicketDiagnosis:
    """A whole ticket: what it holds, what the customer claims, each item's diagnosis, what relating them
    found, and one verdict and one reply for the ticket."""

    lang: Lang
    detected: str | None  # the language the ticket reads as (a code), when it was detected
    items: tuple[TicketItem, ...]
    claims: tuple[Claim, ...]
    reported: tuple[str, ...]  # links and phone numbers the customer reports: shown, never repeated in a reply
    findings: tuple[Finding, ...]  # what relating the ticket's evidence found (look-alike pairs, …)
    verdict: Verdict
    summary: str
    reply: str
    secrets: tuple[str, ...] = ()  # the kinds of secrets cut out of the ticket (never the secrets)

    @property
    def severity(self) -> Severity:
        return severity_of(self.verdict)

