"""`supportctl deposit` against a local anvil vs the floor (bench/bare_batch.py: the same three JSON-RPC
calls in one httpx batch, no diagnosis), and the HTTP round trips a lookup makes.

Targets (issue 2): within 2.5x of the floor; at most 1 round trip for a native deposit, 2 for a token deposit
whose token must be read on chain (1 when the token is a configured asset).
Run: .venv/bin/python bench/deposit.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devchain.world import ETH, USDT, World, world  # noqa: E402

HERE = Path(__file__).resolve().parent


def median_ms(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(cmd, capture_output=True, check=False, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False, env=env)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{cmd} failed: {done.stderr.decode()}")
    return statistics.median(times)


def round_trips(config: Path, tx: str, to: str) -> int:
    from supportctl.core import config as config_mod
    from supportctl.core.model import ChainKey, Kind, Lang, Subject
    from supportctl.engine import diagnose_deposit
    from supportctl.engine.session import Session

    cfg = config_mod.load(config)

    async def go() -> int:
        async with Session(cfg) as session:
            await diagnose_deposit(session, Subject(Kind.DEPOSIT, tx, chain=ChainKey("ethereum"), to=to), Lang.EN)
            return session.requests

    return asyncio.run(go())


def seed(w: World) -> dict[str, str]:
    rpc = w.eth.rpc
    native = rpc.send_tx(w.customer, w.deposit_address, value=ETH)
    token = w.usdt.transfer(w.customer, w.deposit_address, 300 * USDT)
    unknown = w.fake_usdt.transfer(w.customer, w.deposit_address, 300 * USDT)
    rpc.wait_receipt(unknown)
    rpc.mine(20)
    return {"native ETH": native, "USDT (configured asset)": token, "token read on chain": unknown}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with world() as w, tempfile.TemporaryDirectory() as tmp:
        config = w.write_config(Path(tmp) / "bench.toml")
        # as on an agent's machine: Python caches compiled modules (this sandbox sets PYTHONDONTWRITEBYTECODE)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["SUPPORTCTL_CONFIG"] = str(config)
        txs = seed(w)
        floor = median_ms([sys.executable, str(HERE / "bare_batch.py"), w.eth.url, txs["native ETH"]], runs, env)
        print(f"median of {runs} runs each; floor = bare httpx batch script: {floor:.1f} ms")
        ok = True
        limits = {"native ETH": 1, "USDT (configured asset)": 1, "token read on chain": 2}
        for name, tx in txs.items():
            for fmt in ("json", "rich"):
                cli = str(Path(sys.executable).with_name("supportctl"))  # the console script agents run
                cmd = [cli, "--format", fmt, "deposit", tx, "--chain", "ethereum", "--to", w.deposit_address]
                ms = median_ms(cmd, runs, env)
                ratio = ms / floor
                ok &= ratio <= 2.5
                print(f"deposit {name:<24} --format {fmt:<5} {ms:7.1f} ms  {ratio:4.2f}x "
                      f"{'ok' if ratio <= 2.5 else 'OVER 2.5x'}")
            trips = round_trips(config, tx, w.deposit_address)
            ok &= trips <= limits[name]
            print(f"  HTTP round trips to the node: {trips} (target ≤ {limits[name]})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
