"""Hypothesis profiles for the fuzz suite, and the offline worlds it runs in.

``ci`` (the default): derandomized — the same examples on every run — and small enough that the suite takes
well under a minute. ``long`` (``make fuzz``): many more examples, a fresh random seed each run, examples kept
in the local database so a failure found once is tried first next time. Chosen with ``HYPOTHESIS_PROFILE``.
The profile is applied to the fuzz tests only (``tests.fuzz.harness.FUZZ``), never loaded globally.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture, HealthCheck.large_base_example]
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=40,
                          suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("long", deadline=None, max_examples=1500, suppress_health_check=_QUIET,
                          print_blob=True)

RECORDS = {
    "withdrawals": [{"id": "W1", "currency": "USDT", "status": "ok", "network": "ERC20", "amount": "100",
                     "fee": "1", "address": "0x52908400098527886E0F7030069857D2E4169EE7",
                     "txid": "0x" + "ab" * 32}],
    "orders": [{"id": "1", "symbol": "BTC/USDT", "side": "buy", "type": "limit", "status": "open",
                "price": "58000", "amount": "1", "filled": "0", "remaining": "1"}],
    "markets": {"BTC/USDT": {"active": True, "amount_step": "0.00001", "price_tick": "0.01",
                             "min_amount": "0.00001", "max_amount": "9000", "min_cost": "5"}},
    "tickers": {"BTC/USDT": {"bid": "59999.99", "ask": "60000.01", "last": "60000"}},
    "books": {"BTC/USDT": {"bids": [["59999.99", "0.5"]], "asks": [["60000.01", "0.5"]]}},
    "balances": {"USDT": {"free": "1000", "used": "500", "total": "1500"}},
}
LOOPBACK_CHAINS = ("ethereum", "bsc", "tron", "bitcoin", "litecoin", "solana", "xrp")


@dataclass(frozen=True)
class Worlds:
    """Config files: ``defaults`` (every built-in chain; requests answered by the test's transport),
    ``loopback`` (chains at a closed loopback port: real connection errors), ``empty`` (no chain, no venue).
    The first two have the example back office as their venue."""

    defaults: str
    loopback: str
    empty: str
    dir: Path


@pytest.fixture(scope="session")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Worlds:
    d = tmp_path_factory.mktemp("fuzz-worlds")
    records = d / "records.json"
    records.write_text(json.dumps(RECORDS), "utf-8")
    venue = f'\n[venue]\nexchange = "backoffice-example"\n[venue.options]\nfile = "{records}"\n'
    (d / "defaults.toml").write_text("defaults = true\n" + venue, "utf-8")
    chains = "".join(f'[chains.{c}]\nrpc = ["http://127.0.0.1:9"]\ntimeout = 2\n' for c in LOOPBACK_CHAINS)
    (d / "loopback.toml").write_text("defaults = false\n" + chains + venue, "utf-8")
    (d / "empty.toml").write_text("defaults = false\n", "utf-8")
    return Worlds(str(d / "defaults.toml"), str(d / "loopback.toml"), str(d / "empty.toml"), d)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Retries still happen (their paths are fuzzed too), without their waits."""
    import stamina

    from supportctl.chains import http

    retry: dict[str, float] = getattr(http, "RETRY", {})
    for key in ("wait_initial", "wait_max", "wait_jitter", "default_retry_after"):
        if key in retry:
            monkeypatch.setitem(retry, key, 0.0)
    stamina.set_testing(True, attempts=int(retry.get("attempts", 4)))
    yield
    stamina.set_testing(False)
