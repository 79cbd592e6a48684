"""Issue 12: bulk finds its pace by itself, never exceeds the configured limits (counted at a proxy in front of a
real node), sends a batch when it is full or when every lookup waits, and keeps memory flat: the memo holds what
the rows in flight need and is empty of them once they are written."""

from __future__ import annotations

import asyncio
import io
import json
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bench.latency_proxy import LatencyProxy as Recorder  # with no delay: it records what reaches the node
from devchain.world import ETH, World
from supportctl.chains.http import Limits
from supportctl.core import config
from supportctl.core.model import Lang
from supportctl.engine import bulk
from supportctl.engine.session import Session

N = 60


@pytest.fixture(scope="module")
def native(chain_world: World) -> list[str]:
    """``N`` native deposits to the customer's deposit address, confirmed."""
    rpc = chain_world.eth.rpc
    txs = [rpc.send_tx(chain_world.customer, chain_world.deposit_address, value=ETH // 50 + i) for i in range(N)]
    rpc.wait_receipt(txs[-1])
    rpc.mine(12)
    return txs


def behind(world: World, recorder: Recorder, path: Path, extra: str = "") -> str:
    """The world's config with Ethereum's node behind the recorder (BSC, asked too, is not)."""
    path.write_text(world.config_toml(eth_url=recorder.url, eth_extra=extra), encoding="utf-8")
    return str(path)


def deposits_csv(world: World, txs: list[str], path: Path) -> str:
    path.write_text("id,to\n" + "".join(f"{tx},{world.deposit_address}\n" for tx in txs), encoding="utf-8")
    return str(path)


def rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.anvil
@pytest.mark.parametrize(("setting", "limit", "calls"), [
    ("rate_limit = 4\nmax_batch = 10", 4, False),  # requests: batches of at most 10 calls make 14 of them
    ("call_rate_limit = 40", 40, True),
])
def test_the_proxy_never_sees_more_than_the_limit_in_any_second(cli: Any, chain_world: World, native: list[str],
                                                                 tmp_path: Path, setting: str, limit: int,
                                                                 calls: bool) -> None:
    with Recorder(chain_world.eth.url) as recorder:
        cfg = behind(chain_world, recorder, tmp_path / "c.toml", "\n" + setting)
        r = cli("--config", cfg, "bulk", deposits_csv(chain_world, native, tmp_path / "in.csv"), "-q")
    got = rows(r.out)
    assert [g["line"] for g in got] == list(range(2, N + 2))
    assert all(g["verdict"] == "confirmed" for g in got), {g["verdict"] for g in got}
    assert recorder.requests >= 4  # the limit was met, not dodged by a single batch
    assert (recorder.max_calls_per_second() if calls else recorder.max_per_second()) <= limit
    if calls:
        assert max(recorder.calls) <= limit  # no batch holds more calls than a second allows


@pytest.mark.anvil
def test_batches_go_when_full_or_when_every_lookup_waits(cli: Any, chain_world: World, native: list[str],
                                                         tmp_path: Path) -> None:
    """At default settings all 60 lookups are in flight at once: their 122 distinct calls (transaction and receipt
    each, the tip and the chain id once) make one full batch and one sent as soon as every lookup waits — not one
    request per lookup, nor one per time window."""
    with Recorder(chain_world.eth.url) as recorder:
        cfg = behind(chain_world, recorder, tmp_path / "c.toml")
        r = cli("--config", cfg, "bulk", deposits_csv(chain_world, native, tmp_path / "in.csv"), "-q")
    assert all(g["verdict"] == "confirmed" for g in rows(r.out))
    sizes = sorted(recorder.calls)
    assert len(sizes) == 2 and sizes[-1] == 99, sizes  # 100 a batch, one place kept for the tip
    assert 122 <= recorder.total_calls <= 123  # (the second batch may ask the tip beside its calls)


def run_engine(cfg_path: str, text: str, **kw: Any) -> tuple[list[tuple[int, str]], Session, list[int]]:
    """``bulk.run`` in-process: (line, verdict) of each row written, the session, the memo's size at each row."""
    cfg = config.load(cfg_path)
    written: list[tuple[int, str]] = []
    memo: list[int] = []

    async def go() -> Session:
        async with Session(cfg, tip_ttl=3.0, many=True) as session:

            def sink(row: bulk.Row, d: Any) -> None:
                written.append((row.line, str(d.verdict)))
                memo.append(session.memo_size)

            await bulk.run(session, bulk.Rows(io.StringIO(text), Lang.EN), Lang.EN, sink, **kw)
            return session

    return written, asyncio.run(go()), memo


@pytest.mark.anvil
def test_the_memo_holds_what_rows_in_flight_need_and_is_empty_of_them_after_the_run(
        chain_world: World, native: list[str], tmp_path: Path) -> None:
    to = chain_world.deposit_address
    missing = [f"0x{i:064x}" for i in range(1, 241)]  # not on chain: a lookup each, on both chains
    lines = [f"{tx} {to}" for tx in native] + [f"{tx} {to}" for tx in missing]
    cfg = str(chain_world.write_config(tmp_path / "c.toml"))
    written, session, memo = run_engine(cfg, "\n".join(lines) + "\n", concurrency=8)
    assert [line for line, _ in written] == list(range(1, len(lines) + 1))
    assert [v for _, v in written] == ["confirmed"] * N + ["not_found"] * len(missing)
    window = max(64, bulk.READ_AHEAD * 8)  # rows read ahead of the oldest unwritten one
    # 300 rows asked 1,204 distinct calls; never more than the window's (2 chains × 2 calls a row) were held,
    assert max(memo) <= window * 4 + 4 < 1204
    # and once every row is written only the chains' own answers are left (each one's tip and id)
    assert session.memo_size <= 4


@pytest.mark.anvil
def test_rows_looked_up_at_once_never_exceed_concurrency(chain_world: World, native: list[str],
                                                         tmp_path: Path) -> None:
    cfg = config.load(chain_world.write_config(tmp_path / "c.toml"))
    at_once = [0, 0]  # now, most

    class Counting(Session):
        def start(self, work: Any) -> Any:
            async def counted() -> Any:
                at_once[0] += 1
                at_once[1] = max(at_once)
                try:
                    return await work
                finally:
                    at_once[0] -= 1

            return super().start(counted())

    async def go() -> int:
        async with Counting(cfg, tip_ttl=3.0) as session:
            text = "".join(f"{tx} {chain_world.deposit_address}\n" for tx in native)
            return await bulk.run(session, bulk.Rows(io.StringIO(text), Lang.EN), Lang.EN, lambda r, d: None,
                                  concurrency=3)

    assert asyncio.run(go()) == N
    assert at_once[1] == 3


# -- the pace itself (no node) -------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.wall = 1000.0
        self.cpu = 0.0

    def tick(self, seconds: float, *, busy: float = 0.0) -> None:
        self.wall += seconds
        self.cpu += seconds * busy


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(bulk.time, "monotonic", lambda: c.wall)
    monkeypatch.setattr(bulk.time, "process_time", lambda: c.cpu)
    return c


def traffic(**kw: Any) -> SimpleNamespace:
    base = {"requests": 0, "calls": 0, "failures": 0, "rtt_sum": 0.0, "rtt_count": 0, "fastest_sum": 0.0,
            "throttled": 0.0}
    return SimpleNamespace(**(base | kw))


def answered(t: SimpleNamespace, n: int, rtt: float, fastest: float = 0.05) -> None:
    t.requests += n
    t.calls += 50 * n
    t.rtt_sum += rtt * n
    t.rtt_count += n
    t.fastest_sum += fastest * n


def test_the_pace_starts_high_enough_and_grows_while_the_run_waits_on_the_network(clock: Clock) -> None:
    pace, t = bulk.Pace(), traffic()
    assert pace.limit == bulk.START and pace.ceiling == bulk.CEILING
    for _ in range(100):
        clock.tick(0.08, busy=0.3)  # the CPU waits on the network most of the time
        answered(t, 2, 0.06)
        pace.starved = True  # rows were waiting for a slot
        pace.update(t, int(pace.limit))
    assert pace.limit == bulk.CEILING  # additive increase, never past the ceiling
    assert pace.status.requests_per_s == pytest.approx(2 / 0.08, rel=0.01)  # (averaged over about a second)
    assert pace.status.calls_per_s == pytest.approx(100 / 0.08, rel=0.01)


def test_the_pace_holds_when_the_cpu_is_the_limit_or_nothing_waits(clock: Clock) -> None:
    pace, t = bulk.Pace(), traffic()
    for busy, starved in ((1.0, True), (0.2, False)):
        clock.tick(0.08, busy=busy)
        answered(t, 1, 0.06)
        pace.starved = starved
        assert pace.update(t, 10)
        assert pace.limit == bulk.START


def test_failures_halve_the_pace_down_to_its_floor(clock: Clock) -> None:
    pace, t = bulk.Pace(), traffic()
    limits = []
    for _ in range(10):
        clock.tick(0.06)
        t.failures += 1  # a 429, a 5xx, a timeout
        pace.update(t, 10)
        limits.append(pace.limit)
    assert limits[:3] == [bulk.START / 2, bulk.START / 4, bulk.START / 8] and limits[-1] == bulk.FLOOR


def test_a_node_that_slows_down_gets_fewer_rows(clock: Clock) -> None:
    pace, t = bulk.Pace(), traffic()
    clock.tick(0.3, busy=0.1)
    answered(t, 3, 0.3)  # six times the fastest round trip of its node: the node is queueing
    pace.starved = True
    pace.update(t, 10)
    assert pace.limit == pytest.approx(bulk.START * 0.9)
    clock.tick(0.31, busy=0.1)
    answered(t, 3, 0.06, fastest=0.055)  # a far node beside a near one (a millisecond away): neither is queueing
    answered(t, 3, 0.002, fastest=0.001)
    pace.starved = True
    pace.update(t, 10)
    assert pace.limit == pytest.approx(bulk.START * 0.9 + bulk.STEP)


def test_a_configured_rate_limit_is_not_pushed_against(clock: Clock) -> None:
    pace, t = bulk.Pace(), traffic()
    clock.tick(0.08, busy=0.1)
    answered(t, 1, 0.06)
    t.throttled += 0.5  # requests waited for the chain's rate limit
    pace.starved = True
    pace.update(t, 10)
    assert pace.limit == bulk.START


def test_concurrency_given_is_where_the_pace_starts_and_its_ceiling(clock: Clock) -> None:
    pace, t = bulk.Pace(3), traffic()
    assert pace.limit == 3
    clock.tick(0.08, busy=0.1)
    answered(t, 1, 0.06)
    pace.starved = True
    pace.update(t, 3)
    assert pace.limit == 3
    t.failures = 5
    clock.tick(0.08)
    pace.update(t, 3)
    assert pace.limit == 2 and bulk.Pace(1).limit == 1  # halved, not below the floor (nor above the ceiling)


def test_the_pace_acts_once_per_round_trip(clock: Clock) -> None:
    pace, t = bulk.Pace(), traffic()
    clock.tick(0.1)
    answered(t, 1, 0.1)
    assert pace.update(t, 1)
    clock.tick(0.05)  # less than the last round trip
    assert not pace.update(t, 1)


# -- the limits (no node) ------------------------------------------------------------------------------------


def test_calls_per_window_never_exceed_the_call_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Limits, "WINDOW", 0.2)
    sent: list[tuple[float, int]] = []

    async def go() -> None:
        limits = Limits(0, 20)
        for n in (7, 7, 7, 3, 20, 1, 7, 7):
            ticket = await limits.admit(n)
            sent.append((time.monotonic(), n))
            await asyncio.sleep(0.01)  # its round trip
            limits.done(ticket)

    asyncio.run(go())
    for t, _ in sent:
        assert sum(n for u, n in sent if t <= u < t + 0.2) <= 20


def test_requests_are_spaced_and_never_more_than_the_limit_per_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Limits, "WINDOW", 0.3)
    stamps: list[float] = []

    async def go() -> None:
        limits = Limits(20, 0)

        async def one() -> None:
            ticket = await limits.admit(1)
            stamps.append(time.monotonic())
            limits.done(ticket)

        await asyncio.gather(*(one() for _ in range(12)))

    asyncio.run(go())
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(stamps) == 12 and min(gaps) >= 0.045  # 1/20 s apart (a little scheduling slack)
    assert Limits.capacity(0.5) == 1 and Limits.capacity(20.7) == 20


def test_a_request_counts_until_a_window_after_its_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """However late a request left, it reached the node before its answer came: the window runs from there."""
    monkeypatch.setattr(Limits, "WINDOW", 0.2)

    async def go() -> tuple[bool, float]:
        limits = Limits(1, 0)
        first = await limits.admit(1)
        second = asyncio.ensure_future(limits.admit(1))
        await asyncio.sleep(0.3)
        waiting = not second.done()  # the first is still in flight: it may not have reached the node yet
        answered = time.monotonic()
        limits.done(first)
        await second
        return waiting, time.monotonic() - answered

    waiting, after = asyncio.run(go())
    assert waiting and after >= 0.19
