"""Start-up time of the CLI against the floor: `python -c "import typer"`.

Targets (issue 2): `supportctl --help` within 2x and `supportctl address 0x…` within 3x of that floor.
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


def median_ms(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=False, env=ENV)  # warm the file and bytecode caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=ENV)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    py = sys.executable
    cli = str(Path(py).with_name("supportctl"))  # the console script agents run (no runpy, unlike python -m)
    floor = median_ms([py, "-c", "import typer"], runs)
    rows = [
        ("python -c 'import typer' (floor)", floor, None),
        ("supportctl --help", median_ms([cli, "--help"], runs), 2.0),
        (f"supportctl address {ADDRESS[:10]}…", median_ms([cli, "address", ADDRESS], runs), 3.0),
        ("supportctl --format json address …", median_ms([cli, "--format", "json", "address", ADDRESS], runs), 3.0),
    ]
    ok = True
    print(f"median of {runs} runs each")
    for name, ms, limit in rows:
        ratio = ms / floor
        verdict = "" if limit is None else ("  ok" if ratio <= limit else f"  OVER {limit}x")
        ok &= limit is None or ratio <= limit
        print(f"{name:<42} {ms:7.1f} ms  {ratio:4.2f}x{verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
