"""What the case tables are made of: a ``Case`` row, ``table()`` to turn rows into parametrised cases named
after their check code, ``expect()`` to run a check on a row, and small builders of the facts records (a
frozen config, chain transactions, transfers) so each row reads like the situation it describes.

Nothing here asks a chain or a venue: the checks are pure, so their facts are plain values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest

from supportctl.checks.base import Check
from supportctl.core.config import Asset, ChainConfig, Config, VenueConfig
from supportctl.core.model import (
    ChainKey,
    Finding,
    Kind,
    Lookup,
    Outcome,
    Severity,
    Subject,
    Transfer,
    TxFacts,
    TxStatus,
    Verdict,
)
from supportctl.core.registry import spec

# ------------------------------------------------------------------------------------------ case rows

SKIP = None  # expected severity of a row where the check has nothing to say (it returns no finding)


@dataclass(frozen=True)
class Case:
    """One row: the facts, and the finding expected from them (verdict or None, severity, a needle that must
    be in its message). ``severity=SKIP`` means the check must say nothing at all. ``evidence`` must be a subset
    of the finding's evidence; ``absent`` are verdicts no finding of the check may argue for."""

    id: str
    facts: Any
    verdict: Verdict | None
    severity: Severity | None
    needle: str = ""
    evidence: Mapping[str, object] = field(default_factory=dict)
    absent: tuple[Verdict, ...] = ()
    code: str = ""  # stamped by table()


def case(id: str, facts: Any, verdict: Verdict | None, severity: Severity | None, needle: str = "", *,
         absent: Iterable[Verdict] = (), marks: Any = (), **evidence: object) -> Any:
    """A row; with ``marks`` (e.g. an xfail naming a defect) it is returned as a ``pytest.param``."""
    row = Case(id, facts, verdict, severity, needle, evidence, tuple(absent))
    return pytest.param(row, marks=marks) if marks else row


def table(code: str, rows: Sequence[Any]) -> list[Any]:
    """The rows as ``pytest.param``s with ids ``CODE:row-id``: the check code is in every test id, so
    ``pytest -k DEP004`` selects a check's table and the coverage test can read the codes off the marks."""
    out = []
    seen: set[str] = set()
    for row in rows:
        marks = ()
        if not isinstance(row, Case):  # a ParameterSet from case(..., marks=…)
            marks, row = row.marks, row.values[0]
        assert row.id not in seen, f"{code}: two rows are called {row.id!r}"
        assert row.severity is not SKIP or not (row.verdict or row.needle or row.evidence), \
            f"{code}:{row.id}: a row where the check says nothing expects no verdict, needle or evidence"
        seen.add(row.id)
        stamped = Case(row.id, row.facts, row.verdict, row.severity, row.needle, row.evidence, row.absent, code)
        out.append(pytest.param(stamped, id=f"{code}:{row.id}", marks=marks))
    return out


def check_class(code: str) -> type[Check[Any]]:
    """The class of the check with this code: found by its stable code, never by its (movable) class name."""
    from supportctl.checks import get

    return type(get(code))


def expect(row: Case) -> list[Finding]:
    """Run the row's check (its class, instantiated afresh) on the row's facts and hold it to the row.
    Returns the findings for extra asserts."""
    check = check_class(row.code)()
    assert check.code == row.code
    findings = list(check.run(row.facts))
    assert_findings(row, findings)
    return findings


def assert_findings(row: Case, findings: list[Finding]) -> None:
    listing = "\n".join(f"  {f.check} {f.severity} {f.verdict} {f.message!r} {dict(f.evidence)}" for f in findings)
    for f in findings:
        assert f.check == row.code, f"{row.code} made a finding under another code:\n{listing}"
        assert f.message.strip(), f"{row.code}: a finding without a message"
        json.dumps(dict(f.evidence))  # evidence is JSON-able: Decimals are strings
        # "could not check" is a result, never a success: unknown severity goes with the unknown verdict
        assert (f.severity is Severity.UNKNOWN) == (f.verdict is Verdict.UNKNOWN), listing
        if f.severity is Severity.ERROR:
            assert f.verdict is not None and f.verdict.outcome in (Outcome.PROBLEM, Outcome.INPUT), listing
        assert f.verdict not in row.absent, f"{row.code}: {f.verdict} must not be argued here:\n{listing}"
    if row.severity is SKIP:
        assert findings == [], f"{row.code} should say nothing here, but said:\n{listing}"
        return
    matching = [f for f in findings
                if f.severity is row.severity and f.verdict == row.verdict and row.needle in f.message]
    assert matching, (f"{row.code}: no {row.severity} finding for verdict {row.verdict} with {row.needle!r}; "
                      f"found:\n{listing}")
    evidence = dict(matching[0].evidence)
    for key, value in row.evidence.items():
        assert evidence.get(key) == value, f"{row.code}: evidence {key}={evidence.get(key)!r}, expected {value!r}"


# ------------------------------------------------------------------------------------------- config

ETH, BSC, ARB, POLYGON = ChainKey("ethereum"), ChainKey("bsc"), ChainKey("arbitrum"), ChainKey("polygon")
BTC, LTC, TRON, XRP = ChainKey("bitcoin"), ChainKey("litecoin"), ChainKey("tron"), ChainKey("xrp")

USDT_ETH = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
USDC_ETH = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
DAI_ETH = "0x6B175474E89094C44Da98b954EedeAC495271d0F"
USDT_BSC = "0x55d398326f99059fF775485246999027B3197955"
USDT_ARB = "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9"

CONFIRMATIONS = {ETH: 12, BSC: 15, ARB: 120, BTC: 2, LTC: 6, TRON: 19, XRP: 1}

ASSETS: tuple[Asset, ...] = (
    Asset("ETH", ETH, None, 18, min_deposit=Decimal("0.001")),
    Asset("USDT", ETH, USDT_ETH, 6, min_deposit=Decimal("10")),
    Asset("USDC", ETH, USDC_ETH, 6, min_deposit=Decimal("1"), confirmations=64),  # its own requirement
    Asset("DAI", ETH, DAI_ETH, 18, min_deposit=Decimal("1"), deposit_enabled=False),  # suspended
    Asset("BNB", BSC, None, 18),  # no minimum
    Asset("USDT", BSC, USDT_BSC, 18, min_deposit=Decimal("1")),
    Asset("USDT", ARB, USDT_ARB, 6, min_deposit=Decimal("1")),  # and no ETH on Arbitrum
    Asset("BTC", BTC, None, 8, min_deposit=Decimal("0.0001")),
    Asset("LTC", LTC, None, 8, min_deposit=Decimal("0.001")),
    Asset("XRP", XRP, None, 6, min_deposit=Decimal("1"), memo_required=True),
)  # no TRX row: Tron's native coin is not listed


def config(assets: Iterable[Asset] = ASSETS, *, shared_evm_address: bool = False,
           price_band: str = "0.10", max_slippage: str = "0.01") -> Config:
    """A frozen config of local chains (nothing is ever asked) and the venue's assets above."""
    chains = {
        key: ChainConfig(key=key, rpc=("http://127.0.0.1:8545",), confirmations=n, block_time=spec(key).block_time,
                         max_tip_age=max(300.0, 12 * spec(key).block_time), timeout=1.0)
        for key, n in CONFIRMATIONS.items()
    }
    venue = VenueConfig(price_band=Decimal(price_band), max_slippage=Decimal(max_slippage),
                        shared_evm_address=shared_evm_address)
    return Config(MappingProxyType(chains), tuple(assets), venue, None, False)


CONFIG = config()

# --------------------------------------------------------------------------------------- addresses

TO = "0xab12" + "5" * 32 + "cd34"  # the customer's deposit address (--to)
FAKE = "0xab12" + "9" * 32 + "cd34"  # a look-alike of it: same start and end, different middle
SENDER = "0x" + "e1" * 20  # the customer's own wallet
OTHER = "0x" + "77" * 20  # somebody else
PAYOUT = "0x" + "ba" * 20  # a batch-payout contract paying through transferFrom
PEPE = "0x" + "6e" * 20  # a token the venue does not list
FAKE_USDT = "0x" + "fa" * 20  # a token that calls itself USDT

XRP_TO = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"
XRP_FROM = "r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59"
LTC_TO = "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea"

TX_HASH = "0x" + "ab" * 32
TXID = "0x" + "cd" * 32

# ------------------------------------------------------------------------------------ chain records


def tx(chain: ChainKey = ETH, *transfers: Transfer, status: TxStatus = TxStatus.SUCCESS, block: int | None = 100,
       tip: int | None = 111, tip_age: float | None = 5.0, tx_hash: str = TX_HASH, **kw: Any) -> TxFacts:
    """A transaction as a chain reports it: mined in block 100 with tip 111 (12 confirmations) by default."""
    if status in (TxStatus.PENDING, TxStatus.NOT_FOUND):
        block = None if block == 100 else block
    return TxFacts(chain=chain, tx_hash=tx_hash, status=status, source="127.0.0.1", block=block, tip=tip,
                   tip_age=tip_age, transfers=tuple(transfers), **kw)


def missing(chain: ChainKey, **kw: Any) -> Lookup:
    """A chain that answered and does not know the hash."""
    return Lookup(chain, tx(chain, status=TxStatus.NOT_FOUND, **kw))


def unreachable(chain: ChainKey, error: str = "connection refused") -> Lookup:
    return Lookup(chain, error=error)


def token(amount: str, contract: str | None = USDT_ETH, *, to: str = TO, sender: str = SENDER, decimals: int = 6,
          symbol: str | None = "USDT", **kw: Any) -> Transfer:
    """A transfer of ``amount`` (whole units) of a token (``contract``) or, with ``contract=None``, a native coin."""
    raw = int(Decimal(amount).scaleb(decimals))
    return Transfer(sender=sender, to=to, raw=raw, contract=contract, decimals=decimals, symbol=symbol, **kw)


def usdt(amount: str, **kw: Any) -> Transfer:
    return token(amount, USDT_ETH, **kw)


def eth(amount: str, **kw: Any) -> Transfer:
    return token(amount, None, decimals=18, symbol="ETH", **kw)


def xrp(amount: str, **kw: Any) -> Transfer:
    kw.setdefault("to", XRP_TO)
    kw.setdefault("sender", XRP_FROM)
    return token(amount, None, decimals=6, symbol="XRP", **kw)


def lookups(found: Iterable[TxFacts | Lookup]) -> tuple[Lookup, ...]:
    return tuple(x if isinstance(x, Lookup) else Lookup(x.chain, x) for x in found)


def subject(kind: Kind, input: str, **kw: Any) -> Subject:
    return Subject(kind, input, **kw)

