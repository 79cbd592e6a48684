"""bulk at scale (issue 12). Each part prints its figures and whether its target holds; the exit status is 1 when
one does not. Timings are medians of interleaved rounds (other work on the machine moves them all alike).

deposits  1,000 native deposits on anvil behind a proxy adding 50 ms per request, at default settings:
          `supportctl bulk` vs bench/bare_bulk.py (asyncio + httpx, 32 lookups in flight, one JSON-RPC batch each).
          Targets: at most 0.5x the script's time and 0.1 HTTP requests per lookup (counted at the proxy, with the
          JSON-RPC calls in them), every row's verdict right; at least 100x faster than the sequential web3 loop
          (bench/web3_loop.py, run in its own virtual environment: --web3, made by `make bench`).
limits    the same deposits with `rate_limit` (requests/s), then `call_rate_limit` (JSON-RPC calls/s) set: the proxy
          never sees more than the limit in any one-second window; every row's verdict right.
scale     mixed lines (addresses, invalid lines, deposits on anvil) at each of --sizes: peak RSS at most 100 MB and
          within 10% of the 100,000-line run's; time per line within 15% across sizes, as wall time and as CPU time
          (after the start-up, measured on a file of five lines, is taken off; wall time also counts waiting for
          anvil and for the CPU other programs take); every row's verdict right.
offline   100,000 offline lines (addresses and invalid input): at most 2x bench/bare_identify.py (reads the lines,
          classifies each with supportctl's own `identify`, writes one JSON row each); `bulk -q` and `bulk` (which
          also counts every row for the end-of-run table on stderr) are both measured.

Run: .venv/bin/python bench/bulk.py [--parts deposits,limits,scale,offline] [--rounds 5] [--n 1000]
                                    [--sizes 10000,100000,1000000] [--web3 .bench-venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.latency_proxy import LatencyProxy  # noqa: E402
from devchain.world import ETH, World, world  # noqa: E402

HERE = Path(__file__).resolve().parent
PY = sys.executable
# As on an agent's machine: Python caches compiled modules (this sandbox sets PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# A small parent that runs the command and reports its time and its own peak RSS (KB), whatever ran before.
MEASURE = ("import resource, subprocess, sys, time; s = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:]).returncode; t = time.perf_counter() - s; "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(t, u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); sys.exit(r)")

ADDRESSES = {  # the address lines of the mixed input, and each one's verdict
    "0x52908400098527886E0F7030069857D2E4169EE7": "valid",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4": "valid",
    "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t": "valid",
    "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY": "memo_required",  # an XRP address: a deposit to it needs its tag
    "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v": "valid",
    "0x52908400098527886E0F7030069857D2E4169Ee7": "invalid_checksum",
}
VERDICTS = ("valid", "invalid_checksum", "memo_required", "invalid_input", "not_found", "confirmed")


class Run:
    def __init__(self, seconds: float, peak_mb: float, cpu: float, code: int, err: str) -> None:
        self.seconds, self.peak_mb, self.cpu, self.code, self.err = seconds, peak_mb, cpu, code, err


def measure(cmd: list[str], *, env: dict[str, str] | None = None, stdin: Path | None = None,
            stdout: Path | None = None) -> Run:
    """``cmd`` as a child of a small parent: its own seconds, peak RSS and CPU seconds (user + system)."""
    with open(stdin or os.devnull, "rb") as inp, open(stdout or os.devnull, "wb") as out:
        done = subprocess.run([PY, "-c", MEASURE, *cmd], env={**ENV, **(env or {})}, stdin=inp, stdout=out,
                              stderr=subprocess.PIPE, text=True)
    *err, last = done.stderr.strip().splitlines() or [""]
    seconds, peak, cpu = last.split()
    return Run(float(seconds), int(peak) / 1024, float(cpu), done.returncode, "\n".join(err))


def bulk(config: Path, src: Path, out: Path, *extra: str) -> Run:
    run = measure([PY, "-m", "supportctl", "bulk", str(src), "-o", str(out), "-q", *extra],
                  env={"SUPPORTCTL_CONFIG": str(config)})
    if run.code not in (0, 1, 3):
        raise SystemExit(f"bulk failed ({run.code}): {run.err[-600:]}")
    return run


def verdicts(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8") as f:
        for raw in f:
            row = json.loads(raw)
            yield row["line"], row["verdict"]


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


# ------------------------------------------------------------------------------------------------- deposits


def seed(w: World, n: int) -> list[str]:
    rpc = w.eth.rpc
    txs = [rpc.send_tx(w.customer, w.deposit_address, value=ETH // 100 + i) for i in range(n)]
    rpc.wait_receipt(txs[-1])
    rpc.mine(12)
    return txs


def behind(w: World, proxy: LatencyProxy, path: Path, extra: str = "") -> Path:
    """The world's config with Ethereum behind the proxy (BSC, asked too for a hash without a chain, is not)."""
    path.write_text(w.config_toml(eth_url=proxy.url, eth_extra=extra))
    return path


def all_confirmed(path: Path, n: int, first_line: int) -> bool:
    got = list(verdicts(path))
    return [line for line, _ in got] == list(range(first_line, first_line + n)) and all(
        v == "confirmed" for _, v in got)


def deposits(w: World, txs: list[str], proxy: LatencyProxy, tmp: Path, rounds: int, web3: str | None) -> bool:
    n = len(txs)
    config = behind(w, proxy, tmp / "slow.toml")
    src = tmp / "deposits.csv"
    src.write_text("id,to\n" + "".join(f"{tx},{w.deposit_address}\n" for tx in txs))
    hashes = tmp / "hashes.txt"
    hashes.write_text("".join(f"{tx}\n" for tx in txs))
    bare_cmd = [PY, str(HERE / "bare_bulk.py"), proxy.url, w.deposit_address, "12"]
    times: dict[str, list[float]] = {"bulk": [], "script": []}
    requests: dict[str, list[int]] = {"bulk": [], "script": []}
    calls: dict[str, list[int]] = {"bulk": [], "script": []}
    right = True
    for r in range(rounds):
        for name in ("bulk", "script") if r % 2 == 0 else ("script", "bulk"):
            proxy.reset()
            out = tmp / f"{name}.jsonl"
            if name == "bulk":
                run = bulk(config, src, out)
                right &= all_confirmed(out, n, 2)
            else:
                run = measure(bare_cmd, stdin=hashes, stdout=out)
                rows = [json.loads(line) for line in out.read_text().splitlines()]
                right &= len(rows) == n and all(row["verdict"] == "confirmed" for row in rows)
            times[name].append(run.seconds)
            requests[name].append(proxy.requests)
            calls[name].append(proxy.total_calls)
        print(f"  round {r + 1}: bulk {times['bulk'][-1]:.2f} s, script {times['script'][-1]:.2f} s", flush=True)
    b, s = median(times["bulk"]), median(times["script"])
    per_lookup = median([float(x) for x in requests["bulk"]]) / n
    ratio = b / s
    print(f"deposits: {n} behind a 50 ms node, medians of {rounds} interleaved rounds")
    print(f"  supportctl bulk        {b:6.2f} s  {per_lookup:.3f} requests/lookup, "
          f"{median([float(x) for x in calls['bulk']]) / n:.2f} calls/lookup")
    script_requests = median([float(x) for x in requests["script"]]) / n
    print(f"  asyncio+httpx script   {s:6.2f} s  {script_requests:.3f} requests/lookup, "
          f"{median([float(x) for x in calls['script']]) / n:.2f} calls/lookup")
    print(f"  bulk / script = {ratio:.2f}x (target <= 0.5: {verdict(ratio <= 0.5)}); requests/lookup "
          f"{per_lookup:.3f} (target <= 0.1: {verdict(per_lookup <= 0.1)}); every verdict right: {verdict(right)}")
    ok = ratio <= 0.5 and per_lookup <= 0.1 and right
    if web3 and Path(web3).exists():
        proxy.reset()
        run = measure([web3, str(HERE / "web3_loop.py"), proxy.url], stdin=hashes)
        if run.code != 0:
            print(f"  web3 loop failed: {run.err[-300:]}")
            return False
        speedup = run.seconds / b
        print(f"  sequential web3 loop   {run.seconds:6.1f} s  ({proxy.requests} requests) -> bulk is {speedup:.0f}x "
              f"faster (target >= 100: {verdict(speedup >= 100)})")
        ok &= speedup >= 100
    else:
        print("  sequential web3 loop: not measured (no --web3 interpreter; `make bench` makes .bench-venv)")
    return ok


def limits(w: World, txs: list[str], proxy: LatencyProxy, tmp: Path, rate: float, call_rate: float) -> bool:
    n = len(txs)
    src = tmp / "deposits.csv"
    src.write_text("id,to\n" + "".join(f"{tx},{w.deposit_address}\n" for tx in txs))
    ok = True
    print(f"limits: {n} deposits behind a 50 ms node")
    for key, limit, seen in (("rate_limit", rate, proxy.max_per_second),
                             ("call_rate_limit", call_rate, proxy.max_calls_per_second)):
        config = behind(w, proxy, tmp / f"{key}.toml", f"\n{key} = {limit:g}")
        proxy.reset()
        out = tmp / f"{key}.jsonl"
        run = bulk(config, src, out)
        right = all_confirmed(out, n, 2)
        most = seen()
        unit = "requests" if key == "rate_limit" else "calls"
        print(f"  {key} = {limit:g}: {run.seconds:.1f} s, {proxy.requests} requests, {proxy.total_calls} calls; "
              f"at most {most} {unit} in any second ({verdict(most <= limit)}); every verdict right: {verdict(right)}")
        ok &= most <= limit and right
    return ok


# ------------------------------------------------------------------------------------------- scale, offline


def mixed_lines(n: int, real: list[str], to: str, rng: random.Random, *, offline: bool = False,
                ) -> Iterator[tuple[str, str]]:
    """(line, its verdict): addresses, not-found hashes, real deposits, sentences, malformed hashes."""
    addresses = list(ADDRESSES)
    made = 0
    i = 0
    while made < n:
        i += 1
        r = rng.random()
        if r < 0.40:
            a = rng.choice(addresses)
            yield a, ADDRESSES[a]
        elif r < 0.60:
            if offline:
                continue
            yield f"0x{rng.getrandbits(256):064x} {to}", "not_found"
        elif r < 0.70:
            if offline:
                continue
            yield f"{rng.choice(real)} {to}", "confirmed"
        elif r < 0.85:
            yield f"please help, my deposit number {i} is missing", "invalid_input"
        else:
            yield f"0x{rng.getrandbits(200):050x}", "invalid_input"
        made += 1


def write_lines(path: Path, lines: Iterator[tuple[str, str]]) -> bytearray:
    """Write the lines; their expected verdicts, one byte each (the bench stays small at a million lines)."""
    expected = bytearray()
    with path.open("w", encoding="utf-8") as f:
        for line, v in lines:
            f.write(line + "\n")
            expected.append(VERDICTS.index(v))
    return expected


def check(out: Path, expected: bytearray) -> bool:
    seen = 0
    for line, v in verdicts(out):
        seen += 1
        if line != seen or VERDICTS[expected[line - 1]] != v:
            print(f"  line {line}: {v}, expected {VERDICTS[expected[line - 1]] if line <= len(expected) else '-'}")
            return False
    return seen == len(expected)


def scale(w: World, txs: list[str], tmp: Path, sizes: list[int], rounds: int) -> bool:
    config = w.write_config(tmp / "direct.toml")
    few = tmp / "few.txt"  # a line of each kind: the start-up, and what the first line of each kind loads
    few.write_text(f"{txs[0]} {w.deposit_address}\n0x{1:064x} {w.deposit_address}\n{next(iter(ADDRESSES))}\n"
                   "please help\n0x1234\n")
    starts = [bulk(config, few, tmp / "few.jsonl") for _ in range(5)]
    startup, startup_cpu = median([r.seconds for r in starts]), median([r.cpu for r in starts])
    print(f"scale: mixed lines (40% addresses, 20% hashes not on chain, 10% deposits on anvil, 30% invalid); "
          f"start-up (a file of five lines, one of each kind) {startup:.2f} s, {startup_cpu:.2f} s CPU")
    wall: dict[int, float] = {}
    cpu: dict[int, float] = {}
    peaks: dict[int, float] = {}
    right = True
    for size in sizes:
        src = tmp / f"mixed{size}.txt"
        expected = write_lines(src, mixed_lines(size, txs, w.deposit_address, random.Random(size)))
        out = tmp / f"mixed{size}.jsonl"
        runs = [bulk(config, src, out) for _ in range(rounds if size <= 100_000 else 1)]
        seconds, used = median([r.seconds for r in runs]), median([r.cpu for r in runs])
        peaks[size] = max(r.peak_mb for r in runs)
        wall[size] = (seconds - startup) / size
        cpu[size] = (used - startup_cpu) / size
        good = check(out, expected)
        right &= good
        print(f"  {size:>9,} lines: {seconds:7.1f} s, {wall[size] * 1e6:6.1f} us/line after start-up "
              f"({cpu[size] * 1e6:6.1f} us CPU), peak RSS {peaks[size]:5.1f} MB, every verdict right: {verdict(good)}",
              flush=True)
        src.unlink()
        out.unlink()
    ok = right
    top = max(sizes)
    ok &= peaks[top] <= 100
    print(f"  peak RSS at {top:,} lines {peaks[top]:.1f} MB (target <= 100: {verdict(peaks[top] <= 100)})")
    if 100_000 in peaks and top != 100_000:
        growth = peaks[top] / peaks[100_000] - 1
        ok &= abs(growth) <= 0.10
        print(f"  vs the 100,000-line run: {growth:+.1%} (target within 10%: {verdict(abs(growth) <= 0.10)})")
    for name, per_line in (("wall time", wall), ("CPU time", cpu)):
        spread = max(per_line.values()) / min(per_line.values()) - 1
        ok &= spread <= 0.15
        print(f"  {name} per line across sizes: {spread:.1%} apart (target within 15%: {verdict(spread <= 0.15)})")
    return ok


def offline(tmp: Path, n: int, rounds: int) -> bool:
    src = tmp / "offline.txt"
    expected = write_lines(src, mixed_lines(n, [], "", random.Random(n), offline=True))
    config = tmp / "offline.toml"
    config.write_text("defaults = false\n")  # no chain: nothing can be looked up
    names = ("bulk -q", "bulk", "script")  # bulk without -q also counts every row for its end-of-run table
    times: dict[str, list[float]] = {name: [] for name in names}
    right = True
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            out = tmp / "offline-out.jsonl"
            if name.startswith("bulk"):
                run = measure([PY, "-m", "supportctl", "bulk", str(src), "-o", str(out), *name.split()[1:]],
                              env={"SUPPORTCTL_CONFIG": str(config)})
                right &= run.code in (0, 1) and check(out, expected)
            else:
                run = measure([PY, str(HERE / "bare_identify.py")], stdin=src, stdout=out)
                right &= sum(1 for _ in out.open()) == n
            times[name].append(run.seconds)
        print("  round " + f"{r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
    s = median(times["script"])
    print(f"offline: {n:,} lines (addresses and invalid input), medians of {rounds} interleaved rounds")
    ok = right
    for name in names[:2]:
        b = median(times[name])
        ok &= b / s <= 2
        print(f"  supportctl {name:8} {b:.2f} s, bare identify script {s:.2f} s: {b / s:.2f}x (target <= 2: "
              f"{verdict(b / s <= 2)})")
    print(f"  every verdict right: {verdict(right)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default="deposits,limits,scale,offline")
    parser.add_argument("--n", type=int, default=1000, help="deposits behind the slow node")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds the proxy adds to every request")
    parser.add_argument("--rate", type=float, default=5.0, help="rate_limit (requests/s) of the limits part")
    parser.add_argument("--call-rate", type=float, default=400.0, help="call_rate_limit (calls/s) of the limits part")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="line counts of the scale part")
    parser.add_argument("--offline-lines", type=int, default=100_000)
    parser.add_argument("--web3", default=str(HERE.parent / ".bench-venv" / "bin" / "python"),
                        help="a Python with web3 installed, for the sequential baseline")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    ok = True
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if parts & {"deposits", "limits", "scale"}:
            with world() as w, LatencyProxy(w.eth.url, args.delay) as proxy:
                print(f"seeding {args.n} native deposits on anvil …", flush=True)
                txs = seed(w, args.n)
                steps: list[Callable[[], bool]] = []
                if "deposits" in parts:
                    steps.append(lambda: deposits(w, txs, proxy, tmp, args.rounds, args.web3))
                if "limits" in parts:
                    steps.append(lambda: limits(w, txs, proxy, tmp, args.rate, args.call_rate))
                if "scale" in parts:
                    sizes = [int(s) for s in args.sizes.split(",") if s]
                    steps.append(lambda: scale(w, txs, tmp, sizes, max(1, args.rounds // 2)))
                for step in steps:
                    ok &= step()
        if "offline" in parts:
            ok &= offline(tmp, args.offline_lines, args.rounds)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
