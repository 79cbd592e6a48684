"""Each real EVM case through the real command line, in-process, against its recorded node (no network).

One test per case (``evm_cases.CASES``): ``deposit TX --chain C --to TO`` with the case's own config, and
the verdict must be the one a careful agent gives (``expected``, argued in ``why``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.real.corpus import RealCase, ask
from tests.real.evm_cases import CASES, DATA, load


def run(cli: Any, tmp_path: Path, case: RealCase) -> tuple[int, dict[str, Any], str]:
    return ask(cli, tmp_path, case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_verdict(cli: Any, tmp_path: Path, case: RealCase) -> None:
    code, doc, err = run(cli, tmp_path, case)
    findings = [(f["check"], f.get("message")) for f in doc.get("findings", [])]
    assert doc["verdict"] == case.expected, (case.why, doc["verdict"], doc.get("summary"), findings, err)
    assert doc["subject"]["chain"] == case.chain


def test_every_case_has_its_own_data_file_and_source() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert sorted(p.stem for p in DATA.glob("*.json")) == sorted(names)
    for c in CASES:
        doc = load(c.name)
        assert doc["tx"] == c.tx.lower()
        recorded = doc["recorded"]
        assert recorded["eth_getTransactionByHash"]["hash"].lower() == c.tx.lower()
        assert recorded["eth_getTransactionReceipt"]["transactionHash"].lower() == c.tx.lower()
        assert c.source["repo"] and c.source["path"] and c.source["derived"]
        assert c.config.startswith("defaults = false")
