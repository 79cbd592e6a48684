"""Start-up and bulk of two source trees, interleaved: did a change (a refactor, a new dependency) cost speed?

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/compare.py --before /tmp/before [--after .] [--runs 21] [--deposits 1000] [--lines 20000]
                                      [--startup-only]

Both trees run with this checkout's virtual environment (PYTHONPATH points at each tree), bytecode caching on as
on an agent's machine. Start-up: medians against the floor `python -c "import typer"`. Bulk: deposits on anvil
behind a 50 ms latency proxy (rate_limit 20/s), then mixed offline lines; seconds, HTTP requests, peak RSS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bulk import mixed_lines, seed  # noqa: E402
from bench.latency_proxy import LatencyProxy  # noqa: E402
from devchain.world import world  # noqa: E402

CACHES = Path(tempfile.gettempdir()) / "supportctl-compare-caches"
PY = sys.executable
CLI = str(Path(PY).with_name("supportctl"))
ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"


def env(tree: str | None, **extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if tree:
        out["PYTHONPATH"] = tree
        # each tree its own cache dir, as one installation has: the entry-point cache is keyed by sys.path, and
        # two trees run in turn would each find the other's key there and scan again on every run
        out["XDG_CACHE_HOME"] = str(CACHES / hashlib.blake2b(tree.encode(), digest_size=6).hexdigest())
    return {**out, **extra}


def timed(cmd: list[str], tree: str | None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env(tree), capture_output=True, check=False)
    return (time.perf_counter() - start) * 1000


def startup(trees: dict[str, str], runs: int) -> None:
    cases: dict[str, tuple[list[str], str | None]] = {"floor": ([PY, "-c", "import typer"], None)}
    for name, tree in trees.items():
        cases[f"{name} --help"] = ([CLI, "--help"], tree)
        cases[f"{name} --version"] = ([CLI, "--version"], tree)
        cases[f"{name} address"] = ([CLI, "address", ADDRESS], tree)
        cases[f"{name} address json"] = ([CLI, "--format", "json", "address", ADDRESS], tree)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for cmd, where in cases.values():
        timed(cmd, where)  # warm the caches
    for _ in range(runs):
        for key, (cmd, where) in cases.items():
            times[key].append(timed(cmd, where))
    floor = statistics.median(times["floor"])
    for key, values in times.items():
        print(f"{key:22} {statistics.median(values):6.1f} ms  {statistics.median(values) / floor:4.2f}x", flush=True)


def bulk(tree: str, config: Path, src: Path, out: Path) -> tuple[float, int]:
    # a small parent reports its child's peak RSS (the run's own, whatever ran before it)
    peak = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; " \
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r)"
    cmd = [PY, "-c", peak, PY, "-m", "supportctl", "bulk", str(src), "-o", str(out), "-q"]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env(tree, SUPPORTCTL_CONFIG=str(config)), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1, 3):
        raise SystemExit(f"bulk failed in {tree}: {done.stderr[-400:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) // 1024


def bulks(trees: dict[str, str], deposits: int, lines: int) -> None:
    with world() as w, tempfile.TemporaryDirectory() as tmp, LatencyProxy(w.eth.url, 0.05) as proxy:
        tmpdir = Path(tmp)
        txs = seed(w, deposits)
        slow = tmpdir / "slow.toml"
        slow.write_text(w.config_toml(eth_url=proxy.url, eth_extra="\nrate_limit = 20"))
        direct = tmpdir / "direct.toml"
        w.write_config(direct)
        src = tmpdir / "deposits.csv"
        src.write_text("id,to\n" + "".join(f"{tx},{w.deposit_address}\n" for tx in txs))
        mixed = tmpdir / "mixed.txt"
        mixed.write_text("".join(f"{line}\n" for line, _ in mixed_lines(lines, txs, w.deposit_address,
                                                                          random.Random(7))))
        order = list(trees.items())
        for round_ in range(2):
            for name, tree in order if round_ == 0 else reversed(order):
                proxy.reset()
                seconds, _ = bulk(tree, slow, src, tmpdir / "d.jsonl")
                rows = [json.loads(line) for line in (tmpdir / "d.jsonl").read_text().splitlines()]
                confirmed = sum(r["verdict"] == "confirmed" for r in rows)
                mixed_s, peak = bulk(tree, direct, mixed, tmpdir / "m.jsonl")
                print(f"{name:7} {deposits} deposits {seconds:5.1f} s, {len(proxy.stamps)} requests, {confirmed} "
                      f"confirmed | {lines} mixed lines {mixed_s:5.1f} s, peak {peak} MB", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--deposits", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--startup-only", action="store_true", help="skip the bulk runs")
    args = parser.parse_args()
    trees = {"before": str(Path(args.before).resolve()), "after": str(Path(args.after).resolve())}
    startup(trees, args.runs)
    if not args.startup_only:
        bulks(trees, args.deposits, args.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
