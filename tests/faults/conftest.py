"""A chain for the fault suite: one real anvil (chain id 1) whose history spans the last ~40 minutes, so that a
node 1,000 blocks behind is really stale, and 45 deposits of every outcome spread below and above that height.

Timeline (block timestamps): genesis 2,500 s ago; the token, the "old" deposits; 1,000 blocks mined 2 s apart;
the "recent" deposits; the tip at the wall clock. A lagging proxy (``tests/faults/proxy.py``) answering
``latest`` = tip − 1,000 therefore shows a tip about 2,400 s old (stale against ``max_tip_age = 600``), knows
the old deposits with fewer confirmations, and has not seen the recent ones.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from devchain.anvil import Anvil, deploy_token

USDT = 10**6
ETH = 10**18
MAX_TIP_AGE = 600


@dataclass
class FaultWorld:
    node: Anvil
    usdt: str
    deposit_address: str
    rows: list[tuple[str, str]]  # (tx hash, the customer's deposit address) — the bulk input, one per line
    csv: Path
    expected: dict[int, str] = field(default_factory=dict)  # line → verdict against the node itself

    def config(self, path: Path, rpcs: list[str], *, timeout: float = 1.0) -> str:
        rpc = ", ".join(f'"{u}"' for u in rpcs)
        path.write_text(f"""\
defaults = false

[chains.ethereum]
rpc = [{rpc}]
confirmations = 12
max_tip_age = {MAX_TIP_AGE}
timeout = {timeout}

[[assets]]
currency = "USDT"
chain = "ethereum"
contract = "{self.usdt}"
decimals = 6
min_deposit = "10"
confirmations = 12

[[assets]]
currency = "ETH"
chain = "ethereum"
decimals = 18
min_deposit = "0.01"
""", encoding="utf-8")
        return str(path)


@pytest.fixture(scope="session")
def fault_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultWorld]:
    now = int(time.time())
    with Anvil(chain_id=1, extra_args=("--timestamp", str(now - 2500))) as node:
        rpc = node.rpc
        accounts = rpc.accounts()
        deployer, customer, deposit, stranger = accounts[0], accounts[1], accounts[5], accounts[6]
        token = deploy_token(rpc, deployer, "Tether USD", "USDT", 6)
        token.mint(customer, 10**6 * USDT)
        txs: list[tuple[str, str]] = []

        def usdt(units: int, to: str = deposit) -> None:
            txs.append((token.transfer(customer, to, units), deposit))

        for i in range(20):  # old: confirmed
            usdt((20 + i) * USDT)
        usdt(3 * USDT)
        usdt(5 * USDT)  # below the minimum
        usdt(50 * USDT, stranger)
        usdt(60 * USDT, stranger)  # paid to somebody else
        txs.extend((rpc.send_tx(customer, deposit, value=ETH // 10 + i), deposit) for i in range(3))  # native
        rpc.call("anvil_mine", hex(1000), hex(2))  # 1,000 blocks, 2 s apart: tip − 1,000 is ~2,400 s old
        for i in range(10):  # recent: above the lagging node's height, confirmed on the real one
            usdt((100 + i) * USDT)
        rpc.call("evm_setNextBlockTimestamp", hex(int(time.time())))
        rpc.mine(12)
        for i in range(5):  # recent and awaiting confirmations
            usdt((200 + i) * USDT)
        rpc.mine(1)
        txs.extend((f"0x{0xFEED0000 + i:064x}", deposit) for i in range(3))  # on no chain
        assert len(txs) == 45
        csv = tmp_path_factory.mktemp("faults") / "deposits.csv"
        csv.write_text("id,to,ticket\n" + "".join(f"{tx},{to},T{n}\n" for n, (tx, to) in enumerate(txs, 2)))
        yield FaultWorld(node=node, usdt=token.address, deposit_address=deposit, rows=txs, csv=csv)


def verdicts(out: str) -> dict[int, str]:
    import json

    rows: list[dict[str, Any]] = [json.loads(line) for line in out.splitlines()]
    return {r["line"]: r["verdict"] for r in rows}
