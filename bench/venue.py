"""`supportctl order check` with warm caches vs `supportctl address` (issue 4: within 1.5x).

A local replay server plays binance's recorded answers (tests/venue_ccxt/data, through ccxt's real HTTP path);
the first run warms the rules cache (markets, currencies) and the live cache (ticker, balance: `live_ttl`,
10 s by default), the timed runs then need neither ccxt nor a request. A cold run (no caches) is shown too.
Run: .venv/bin/python bench/venue.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.venue_ccxt.conftest import FAKE_KEY, FAKE_PASSWORD, FAKE_SECRET, serve_binance  # noqa: E402
from tests.venue_ccxt.replay import ReplayServer  # noqa: E402

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed: {done.stderr}")
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    cli = str(Path(sys.executable).with_name("supportctl"))
    with ReplayServer() as server, tempfile.TemporaryDirectory() as tmp:
        serve_binance(server)
        config = Path(tmp) / "venue.toml"
        config.write_text(f'defaults = false\n[venue]\nexchange = "binance"\napi_url = "{server.url}"\nlive_ttl = 60\n')
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"SUPPORTCTL_CONFIG": str(config), "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
                "SUPPORTCTL_API_KEY": FAKE_KEY, "SUPPORTCTL_API_SECRET": FAKE_SECRET,
                "SUPPORTCTL_API_PASSWORD": FAKE_PASSWORD}
        check = [cli, "order", "check", "LTC/USDT", "buy", "limit", "0.5", "90"]
        cold = timed(check, env)  # warms the caches
        asked = len(server.requests)
        warm = statistics.median(timed(check, env) for _ in range(runs))
        after = len(server.requests)
        timed([cli, "address", ADDRESS], env)
        address = statistics.median(timed([cli, "address", ADDRESS], env) for _ in range(runs))
    ratio = warm / address
    print(f"median of {runs} runs each")
    print(f"supportctl address {ADDRESS[:10]}…            {address:7.1f} ms")
    print(f"supportctl order check (cold: rules + live)  {cold:7.1f} ms  ({asked} requests to the venue)")
    print(f"supportctl order check (warm caches)         {warm:7.1f} ms  {ratio:4.2f}x of address "
          f"({after - asked} requests) {'ok' if ratio <= 1.5 else 'OVER 1.5x'}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
