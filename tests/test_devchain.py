"""Tests for the devchain helpers against a real local anvil node."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_abi.abi import decode

from devchain import (
    APPROVAL_TOPIC,
    TRANSFER_TOPIC,
    Anvil,
    Rpc,
    RpcError,
    anvil_path,
    calldata,
    deploy_payout,
    deploy_token,
    keccak256,
    payout,
    selector,
    to_checksum,
)

RICH_SYMBOL = "[bold red]USDT[/]"
ANSI_SYMBOL = "\x1b[31mUSDC\x1b[0m"


def topic_addr(addr: str) -> str:
    return "0x" + "00" * 12 + addr.lower().removeprefix("0x")


def topic_uint(value: int) -> str:
    return "0x" + value.to_bytes(32, "big").hex()


@pytest.fixture(scope="module")
def node() -> Iterator[Anvil]:
    with Anvil(chain_id=1) as n:
        yield n


@pytest.fixture()
def rpc(node: Anvil) -> Rpc:
    return node.rpc


# --------------------------------------------------------------------------- no node needed


def test_keccak_helpers() -> None:
    assert "0x" + keccak256(b"Transfer(address,address,uint256)").hex() == TRANSFER_TOPIC
    assert "0x" + keccak256(b"Approval(address,address,uint256)").hex() == APPROVAL_TOPIC
    assert selector("transfer(address,uint256)").hex() == "a9059cbb"
    assert selector("transferFrom(address,address,uint256)").hex() == "23b872dd"
    # EIP-55 test vectors
    for addr in ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"):
        assert to_checksum(addr.lower()) == addr
    with pytest.raises(ValueError):
        to_checksum("0x1234")


def test_anvil_path_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUPPORTCTL_ANVIL", str(tmp_path / "nope"))
    with pytest.raises(RuntimeError, match="SUPPORTCTL_ANVIL"):
        anvil_path()


# --------------------------------------------------------------------------- against anvil


@pytest.mark.anvil
def test_node_basics(node: Anvil, rpc: Rpc) -> None:
    assert node.url == f"http://127.0.0.1:{node.port}"
    assert rpc.chain_id() == 1
    accts = rpc.accounts()
    assert len(accts) == 10
    assert rpc.balance(accts[0]) > 0
    with pytest.raises(RpcError, match="eth_noSuchMethod"):
        rpc.call("eth_noSuchMethod")


@pytest.mark.anvil
@pytest.mark.parametrize("symbol", [RICH_SYMBOL, ANSI_SYMBOL])
def test_hostile_symbol_round_trips(rpc: Rpc, symbol: str) -> None:
    deployer = rpc.accounts()[0]
    token = deploy_token(rpc, deployer, f"Token {symbol}", symbol, 6)
    assert token.address == to_checksum(token.address)
    raw = rpc.eth_call(token.address, calldata("symbol()"))
    assert decode(["string"], raw) == (symbol,)
    assert token.call_symbol() == symbol
    assert token.call_name() == f"Token {symbol}"
    assert token.call_decimals() == 6


@pytest.mark.anvil
def test_mint_and_transfer_logs(rpc: Rpc) -> None:
    a, b, _c = rpc.accounts()[:3]
    token = deploy_token(rpc, a, "Tether USD", "USDT", 6)
    mint = rpc.wait_receipt(token.mint(a, 1_000_000))
    assert mint["status"] == "0x1"
    assert mint["logs"][0]["topics"] == [TRANSFER_TOPIC, topic_addr("0x" + "00" * 20), topic_addr(a)]

    receipt = rpc.wait_receipt(token.transfer(a, b, 250_000))
    assert receipt["status"] == "0x1"
    assert receipt["to"].lower() == token.address.lower()
    [log] = receipt["logs"]
    assert log["address"].lower() == token.address.lower()
    assert log["topics"] == [TRANSFER_TOPIC, topic_addr(a), topic_addr(b)]
    assert log["data"] == topic_uint(250_000)
    assert token.balance_of(a) == 750_000
    assert token.balance_of(b) == 250_000


@pytest.mark.anvil
def test_insufficient_balance_with_explicit_gas_is_mined_reverted(rpc: Rpc) -> None:
    a, b, c = rpc.accounts()[:3]
    token = deploy_token(rpc, a, "Tether USD", "USDT", 6)
    rpc.wait_receipt(token.mint(b, 10))
    receipt = rpc.wait_receipt(token.transfer(b, c, 11, gas=100_000))
    assert receipt["status"] == "0x0"
    assert receipt["logs"] == []
    assert receipt["blockNumber"] is not None
    assert token.balance_of(b) == 10
    assert token.balance_of(c) == 0
    # the revert reason is only visible by replaying it as a call
    data = calldata("transfer(address,uint256)", ["address", "uint256"], [c, 11])
    with pytest.raises(RpcError, match="insufficient balance"):
        rpc.call("eth_call", {"from": b, "to": token.address, "data": data}, "latest")


@pytest.mark.anvil
def test_batch_payout_emits_one_transfer_per_recipient(rpc: Rpc) -> None:
    exchange, r1, r2, r3 = rpc.accounts()[:4]
    token = deploy_token(rpc, exchange, "Tether USD", "USDT", 6)
    batch = deploy_payout(rpc, exchange)
    assert batch == to_checksum(batch)
    rpc.wait_receipt(token.mint(exchange, 1_000))
    rpc.wait_receipt(token.approve(exchange, batch, 600))

    receipt = rpc.wait_receipt(payout(rpc, exchange, batch, token.address, [(r1, 100), (r2, 200), (r3, 300)]))
    assert receipt["status"] == "0x1"
    assert receipt["to"].lower() == batch.lower()  # the deposit is not visible in tx.to
    transfers = [log for log in receipt["logs"] if log["topics"][0] == TRANSFER_TOPIC]
    assert len(transfers) == 3
    assert [(log["topics"][2], int(log["data"], 16)) for log in transfers] == [
        (topic_addr(r1), 100),
        (topic_addr(r2), 200),
        (topic_addr(r3), 300),
    ]
    assert all(log["address"].lower() == token.address.lower() for log in transfers)
    assert all(log["topics"][1] == topic_addr(exchange) for log in transfers)
    assert [token.balance_of(r) for r in (r1, r2, r3, exchange)] == [100, 200, 300, 400]


@pytest.mark.anvil
def test_pending_tx_has_no_block_until_mined(rpc: Rpc) -> None:
    a, b = rpc.accounts()[:2]
    token = deploy_token(rpc, a, "Tether USD", "USDT", 6)
    rpc.wait_receipt(token.mint(a, 100))
    start = rpc.block_number()
    rpc.set_automine(False)
    try:
        tx_hash = token.transfer(a, b, 40)
        pending = rpc.get_transaction(tx_hash)
        assert pending is not None
        assert pending["blockNumber"] is None
        assert pending["blockHash"] is None
        assert rpc.get_receipt(tx_hash) is None
        assert rpc.block_number() == start
        rpc.mine()
        mined = rpc.get_transaction(tx_hash)
        assert mined is not None
        assert int(mined["blockNumber"], 16) == start + 1
        assert rpc.wait_receipt(tx_hash)["status"] == "0x1"
        rpc.mine(3)
        assert rpc.block_number() == start + 4
    finally:
        rpc.set_automine(True)


@pytest.mark.anvil
def test_two_chains_at_once_and_no_leftover_process() -> None:
    with Anvil(chain_id=1) as eth, Anvil(chain_id=56) as bsc:
        assert eth.port != bsc.port
        assert eth.rpc.chain_id() == 1
        assert bsc.rpc.chain_id() == 56
        pids = [eth.pid, bsc.pid]
    for pid in pids:
        assert pid is not None
        assert not os.path.exists(f"/proc/{pid}")  # terminated and reaped: no zombie
    eth.stop()  # idempotent
    with pytest.raises(RuntimeError, match="not running"):
        _ = eth.rpc


@pytest.mark.anvil
def test_startup_failure_reports_stderr() -> None:
    with pytest.raises(RuntimeError, match="unexpected argument"), Anvil(extra_args=["--bogus-flag"]):
        pass
