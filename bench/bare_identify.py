"""The bar for `supportctl bulk` on offline lines: a minimal script that reads the lines, classifies each with the
project's own ``identify`` and writes one JSON row each (no secrets scan, no checks, no reply).

    .venv/bin/python bench/bare_identify.py < lines.txt > rows.jsonl
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from supportctl.engine.identify import Unrecognised, identify  # noqa: E402

write = sys.stdout.write
for n, line in enumerate(sys.stdin, 1):
    items = identify(line.rstrip("\n"))
    kinds = [("invalid_input" if isinstance(i, Unrecognised) else str(i.kind)) for i in items] or ["invalid_input"]
    write(json.dumps({"line": n, "input": line.strip(), "kinds": kinds}) + "\n")
