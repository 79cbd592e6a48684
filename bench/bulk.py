"""bulk at scale.

1. 1,000 native EVM deposits on anvil behind a proxy adding 50 ms per request: `supportctl bulk` vs a
   sequential loop of single web3 lookups (transaction, receipt, block number), in one run. Target: at
   least 25x faster, never above the configured rate limit (counted at the proxy), at most 1 HTTP round
   trip per deposit on average.
2. 100,000 mixed lines from a generated file: streamed, peak RSS <= 200 MB, one output row per input line.

Run: .venv/bin/python bench/bulk.py [--n 1000] [--lines 100000] [--rate 20]   (needs `pip install -e .[bench]`)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.latency_proxy import LatencyProxy  # noqa: E402
from devchain.world import ETH, World, world  # noqa: E402


def seed(w: World, n: int) -> list[str]:
    rpc = w.eth.rpc
    txs = [rpc.send_tx(w.customer, w.deposit_address, value=ETH // 100 + i) for i in range(n)]
    rpc.wait_receipt(txs[-1])
    rpc.mine(12)
    return txs


def web3_loop(url: str, txs: list[str]) -> float:
    from web3 import Web3

    w3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 30}))
    start = time.perf_counter()
    for tx in txs:
        w3.eth.get_transaction(tx)
        w3.eth.get_transaction_receipt(tx)
        _ = w3.eth.block_number
    return time.perf_counter() - start


def run_bulk(config: Path, src: Path, out: Path) -> tuple[float, int, int]:
    """(seconds, exit status, peak RSS in MB) of `supportctl bulk` as a child process."""
    env = dict(os.environ, SUPPORTCTL_CONFIG=str(config))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "supportctl", "bulk", str(src), "-o", str(out), "-q"], env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode not in (0, 1, 3):
        raise SystemExit(f"bulk failed ({done.returncode}): {done.stderr}")
    return seconds, done.returncode, max(peak, before) // 1024


def mixed_lines(n: int, real: list[str], to: str, rng: random.Random) -> list[str]:
    addresses = ["0x52908400098527886E0F7030069857D2E4169EE7", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                 "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
                 "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "0x52908400098527886E0F7030069857D2E4169Ee7"]
    out = []
    for i in range(n):
        r = rng.random()
        if r < 0.40:
            out.append(rng.choice(addresses))
        elif r < 0.60:
            out.append(f"0x{rng.getrandbits(256):064x} {to}")  # not on chain: not_found
        elif r < 0.70:
            out.append(f"{rng.choice(real)} {to}")
        elif r < 0.85:
            out.append(f"please help, my deposit number {i} is missing")
        else:
            out.append(f"0x{rng.getrandbits(200):050x}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=20.0, help="rate_limit (requests/s) configured for the chain")
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    ok = True
    with world() as w, tempfile.TemporaryDirectory() as tmp, LatencyProxy(w.eth.url, args.delay) as proxy:
        tmpdir = Path(tmp)
        print(f"seeding {args.n} native deposits on anvil …", flush=True)
        txs = seed(w, args.n)
        config = tmpdir / "bench.toml"
        config.write_text(w.config_toml().replace(f'rpc = ["{w.eth.url}"]', f'rpc = ["{proxy.url}"]\nrate_limit = '
                                                  f'{args.rate}'))
        src = tmpdir / "deposits.csv"
        src.write_text("id,to\n" + "".join(f"{tx},{w.deposit_address}\n" for tx in txs))

        proxy.reset()
        seconds, _, _ = run_bulk(config, src, tmpdir / "out.jsonl")
        requests, peak_rate = len(proxy.stamps), proxy.max_per_second()
        rows = [json.loads(line) for line in (tmpdir / "out.jsonl").read_text().splitlines()]
        confirmed = sum(r["verdict"] == "confirmed" for r in rows)
        print(f"bulk: {args.n} deposits in {seconds:.1f} s; {requests} HTTP requests "
              f"({requests / args.n:.3f} per deposit); at most {peak_rate} in any second (limit {args.rate:g}); "
              f"{confirmed}/{len(rows)} confirmed")
        ok &= len(rows) == args.n and confirmed == args.n and requests <= args.n and peak_rate <= args.rate

        proxy.reset()
        baseline = web3_loop(proxy.url, txs)
        speedup = baseline / seconds
        print(f"web3 sequential loop: {baseline:.1f} s ({len(proxy.stamps)} requests) → bulk is {speedup:.0f}x faster "
              f"({'ok' if speedup >= 25 else 'UNDER 25x'})")
        ok &= speedup >= 25

        rng = random.Random(7)
        big = tmpdir / "mixed.txt"
        direct = tmpdir / "direct.toml"
        w.write_config(direct)
        with big.open("w") as f:
            for line in mixed_lines(args.lines, txs, w.deposit_address, rng):
                f.write(line + "\n")
        seconds, _, peak_mb = run_bulk(direct, big, tmpdir / "mixed.jsonl")
        with (tmpdir / "mixed.jsonl").open() as f:
            count = sum(1 for _ in f)
        print(f"mixed: {args.lines} lines in {seconds:.1f} s ({args.lines / seconds:.0f}/s), {count} rows, "
              f"peak RSS {peak_mb} MB ({'ok' if peak_mb <= 200 else 'OVER 200 MB'})")
        ok &= count == args.lines and peak_mb <= 200
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
