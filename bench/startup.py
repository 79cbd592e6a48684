"""Start-up time of the CLI against the floor: `python -c "import typer"`.

Targets (issue 13): `supportctl --help` and `supportctl --version` within 1.2x, `supportctl address 0x…` (the
default rich view) within 2.0x of that floor. The cases run interleaved, round after round, so a machine that
slows down for a while slows every case alike; each figure is the median of its rounds.
Run: .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"


# As on an agent's machine: Python caches compiled modules (this sandbox sets PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed_ms(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False, env=ENV)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    py = sys.executable
    cli = str(Path(py).with_name("supportctl"))  # the console script agents run (no runpy, unlike python -m)
    cases: list[tuple[str, list[str], float | None]] = [
        ("python -c 'import typer' (floor)", [py, "-c", "import typer"], None),
        ("supportctl --help", [cli, "--help"], 1.2),
        ("supportctl --version", [cli, "--version"], 1.2),
        (f"supportctl address {ADDRESS[:10]}…", [cli, "address", ADDRESS], 2.0),
        ("supportctl --format json address …", [cli, "--format", "json", "address", ADDRESS], None),
    ]
    for _, cmd, _ in cases:
        timed_ms(cmd)  # warm the file and bytecode caches
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(runs):
        for i, (_, cmd, _) in enumerate(cases):
            times[i].append(timed_ms(cmd))
    floor = statistics.median(times[0])
    ok = True
    print(f"median of {runs} interleaved runs each")
    for (name, _, limit), values in zip(cases, times, strict=True):
        ms = statistics.median(values)
        ratio = ms / floor
        verdict = "" if limit is None else ("  ok" if ratio <= limit else f"  OVER {limit}x")
        ok &= limit is None or ratio <= limit
        print(f"{name:<42} {ms:7.1f} ms  {ratio:4.2f}x{verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
