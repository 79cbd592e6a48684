"""Real transactions nobody here wrote, replayed through the real command line.

Each ``RealCase`` is one transaction from a public source (a well-known project's test fixtures, an
official API example), the responses its chain's adapter asks for (recorded bodies, with anything made up
around them said in ``source["derived"]``), and the verdict a careful support agent would give to a customer
who says the deposit went to ``to``.

Cases are listed by ``evm_cases.CASES`` (Ethereum, L2s, BSC) and ``other_cases.CASES`` (Bitcoin, Tron,
Solana, XRP); ``test_real_corpus.py`` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

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
