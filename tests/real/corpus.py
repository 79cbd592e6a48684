"""Real transactions nobody here wrote, replayed through the real command line.

Each ``RealCase`` is one transaction from a public source (a well-known project's test fixtures, an
official API example), the responses its chain's adapter asks for (recorded bodies, with anything made up
around them said in ``source["derived"]``), and the verdict a careful support agent would give to a customer
who says the deposit went to ``to``.

Cases are listed by ``evm_cases.CASES`` (Ethereum, L2s, BSC) and ``other_cases.CASES`` (Bitcoin, Tron,
Solana, XRP); ``test_real_corpus.py`` runs them all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import respx


@dataclass(frozen=True)
class RealCase:
    name: str  # test id, e.g. "eth-usdt-transfer-in-swap"
    chain: str  # canonical chain key (ethereum, arbitrum, bsc, bitcoin, tron, solana, xrp …)
    tx: str  # the hash as a customer would paste it
    source: Mapping[str, str]  # repo, path, commit (or url); "derived": what was made up around the recording
    config: str  # a complete TOML config (defaults = false) whose endpoints the mock answers
    install: Callable[[respx.MockRouter], None]  # answers every request the adapter makes for this tx
    to: str | None  # the customer's deposit address in the ticket being judged
    expected: str  # the verdict a careful agent gives for `deposit TX --chain CHAIN --to TO [--memo MEMO]`
    why: str  # one sentence: why that verdict is right
    memo: str | None = None
    sender: str | None = None  # the transaction's sender as recorded (a ticket that pastes their own wallet)


def ask(cli: Any, tmp_path: Path, case: RealCase, *, currency: str | None = None) -> tuple[int, dict[str, Any], str]:
    """``deposit TX --chain CHAIN --to TO [--memo M] [--currency C] --format json`` on the case's own config and
    recorded node, through the real command line: (exit status, the JSON diagnosis, stderr)."""
    cfg = tmp_path / f"{case.name}.toml"
    cfg.write_text(case.config, "utf-8")
    argv = ["--config", str(cfg), "--format", "json", "deposit", case.tx, "--chain", case.chain]
    for option, value in (("--to", case.to), ("--memo", case.memo), ("--currency", currency)):
        if value is not None:
            argv += [option, value]
    with respx.mock(assert_all_called=False) as router:
        case.install(router)
        r = cli(*argv)
    assert "Traceback" not in r.err, r.err
    lines = r.out.splitlines()
    assert len(lines) == 1, (r.out, r.err)
    return r.code, json.loads(lines[0]), r.err
