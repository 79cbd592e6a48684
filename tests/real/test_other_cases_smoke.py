"""Each real Bitcoin/Tron/Solana/XRP case through the real command line: the verdict is the careful agent's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.real.corpus import RealCase, ask
from tests.real.other_cases import CASES


def _run(cli: Any, tmp_path: Path, case: RealCase) -> dict[str, Any]:
    return ask(cli, tmp_path, case)[1]


def test_cases_are_distinct_and_sourced() -> None:
    assert len(CASES) >= 10
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.tx.lower() for c in CASES}) == len(CASES)
    for c in CASES:
        assert c.source.get("repo") and c.source.get("path") and c.source.get("derived"), c.name
        assert len(c.source.get("commit", "")) == 40, c.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_verdict(cli: Any, tmp_path: Path, case: RealCase) -> None:
    out = _run(cli, tmp_path, case)
    assert out["verdict"] == case.expected, (
        f"{case.name}: tool says {out['verdict']!r} ({out.get('summary')}), a careful agent says "
        f"{case.expected!r}: {case.why}")
