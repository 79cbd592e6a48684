"""Deposit diagnoses of real transactions on real local nodes (anvil), through the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from devchain import deploy_token, payout
from devchain.world import ETH, USDT, World

pytestmark = pytest.mark.anvil


def run_json(cli: Any, world: World, *args: str, config: str | None = None) -> tuple[int, dict[str, Any]]:
    r = cli("--config", config or world.extra["config"], "--format", "json", "deposit", *args)
    assert r.err == "", r.err
    lines = r.out.splitlines()
    assert len(lines) == 1
    return r.code, json.loads(lines[0])


def send_usdt(world: World, to: str, units: int, *, mine: int = 20) -> str:
    tx = world.usdt.transfer(world.customer, to, units)
    world.eth.rpc.wait_receipt(tx)
    if mine:
        world.eth.rpc.mine(mine)
    return tx


def findings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


def test_confirmed_token_deposit(cli: Any, chain_world: World) -> None:
    tx = send_usdt(chain_world, chain_world.deposit_address, 300 * USDT)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address, "--chain", "ERC20")
    assert (code, doc["verdict"], doc["severity"]) == (0, "confirmed", "ok")
    assert doc["facts"]["amount"] == "300" and doc["facts"]["currency"] == "USDT"
    assert doc["facts"]["confirmations"] == 21 and doc["facts"]["required_confirmations"] == 12
    assert "300 USDT" in doc["reply"]["text"] and "21 confirmations" in doc["reply"]["text"]


def test_awaiting_confirmations_counts_the_block_itself(cli: Any, chain_world: World) -> None:
    tx = send_usdt(chain_world, chain_world.deposit_address, 50 * USDT, mine=3)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (0, "awaiting_confirmations")
    ev = findings(doc)["DEP003"]["evidence"]
    assert (ev["confirmations"], ev["required_confirmations"], ev["remaining"]) == (4, 12, 8)
    assert ev["eta_seconds"] > 0
    assert "4 of the 12" in doc["reply"]["text"] and "8 more" in doc["reply"]["text"]


def test_chinese_reply_carries_the_numbers(cli: Any, chain_world: World) -> None:
    tx = send_usdt(chain_world, chain_world.deposit_address, 75 * USDT, mine=2)
    r = cli(
        "--config",
        chain_world.extra["config"],
        "deposit",
        tx,
        "--to",
        chain_world.deposit_address,
        "--lang",
        "zh",
        "--format",
        "json",
    )
    reply = json.loads(r.out)["reply"]
    assert reply["lang"] == "zh"
    assert (
        "75 USDT" in reply["text"] and "3 个确认" in reply["text"] and "12" in reply["text"] and "9 个" in reply["text"]
    )


def test_native_deposit_confirmed_and_below_minimum(cli: Any, chain_world: World) -> None:
    rpc = chain_world.eth.rpc
    big = rpc.send_tx(chain_world.customer, chain_world.deposit_address, value=2 * ETH)
    small = rpc.send_tx(chain_world.customer, chain_world.deposit_address, value=ETH // 1000)
    rpc.wait_receipt(small)
    rpc.mine(12)
    code, doc = run_json(cli, chain_world, big, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"], doc["facts"]["amount"], doc["facts"]["currency"]) == (0, "confirmed", "2", "ETH")
    code, doc = run_json(cli, chain_world, small, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (1, "below_minimum")
    assert findings(doc)["DEP006"]["evidence"] == {"amount": "0.001", "min_deposit": "0.01", "currency": "ETH"}


def test_token_below_minimum(cli: Any, chain_world: World) -> None:
    tx = send_usdt(chain_world, chain_world.deposit_address, 5 * USDT)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (1, "below_minimum")
    assert "5 USDT" in doc["reply"]["text"] and "10 USDT" in doc["reply"]["text"]


def test_pending_in_the_mempool(cli: Any, chain_world: World) -> None:
    rpc = chain_world.eth.rpc
    rpc.set_automine(False)
    try:
        tx = chain_world.usdt.transfer(chain_world.customer, chain_world.deposit_address, 20 * USDT)
        code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    finally:
        rpc.mine(1)
        rpc.set_automine(True)
    assert (code, doc["verdict"], doc["facts"]["status"]) == (0, "pending", "pending")
    assert doc["facts"]["amount"] == "20"  # decoded from the pending transaction's calldata


def test_not_found_everywhere(cli: Any, chain_world: World) -> None:
    code, doc = run_json(cli, chain_world, "0x" + "ab" * 32)
    assert (code, doc["verdict"]) == (1, "not_found")
    assert findings(doc)["DEP001"]["evidence"]["chains"] == ["ethereum", "bsc"]


def test_failed_transaction_says_why(cli: Any, chain_world: World) -> None:
    poor = chain_world.eth.rpc.accounts()[7]  # holds no USDT
    tx = chain_world.usdt.transfer(poor, chain_world.deposit_address, 100 * USDT, gas=100_000)
    receipt = chain_world.eth.rpc.wait_receipt(tx)
    assert receipt["status"] == "0x0"
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (1, "tx_failed")
    assert "insufficient balance" in doc["facts"]["fail_reason"]
    assert "insufficient balance" in doc["reply"]["text"]


def test_fake_token_with_the_real_symbol(cli: Any, chain_world: World) -> None:
    tx = chain_world.fake_usdt.transfer(chain_world.customer, chain_world.deposit_address, 300 * USDT)
    chain_world.eth.rpc.wait_receipt(tx)
    chain_world.eth.rpc.mine(12)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address, "--currency", "usdt")
    assert (code, doc["verdict"]) == (1, "unsupported_token")
    ev = findings(doc)["DEP005"]["evidence"]
    assert ev["contract"] == chain_world.fake_usdt.address.lower()
    assert ev["expected_contract"].lower() == chain_world.usdt.address.lower()


def test_wrong_address(cli: Any, chain_world: World) -> None:
    tx = send_usdt(chain_world, chain_world.stranger, 300 * USDT)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (1, "wrong_address")
    assert "lookalike" not in findings(doc)["DEP004"]["evidence"]


def test_lookalike_address_is_called_out(cli: Any, chain_world: World) -> None:
    fake = chain_world.lookalike_address
    tx = send_usdt(chain_world, fake, 300 * USDT)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (1, "wrong_address")
    dep004 = findings(doc)["DEP004"]
    assert dep004["evidence"]["lookalike"] == fake and "poisoning" in dep004["message"]


def test_batch_payout_found_in_the_logs(cli: Any, chain_world: World) -> None:
    rpc = chain_world.eth.rpc
    sender = rpc.accounts()[0]
    chain_world.usdt.approve(sender, chain_world.payout_contract, 10**12)
    recipients = [
        (chain_world.stranger, 11 * USDT),
        (chain_world.deposit_address, 250 * USDT),
        (rpc.accounts()[8], 12 * USDT),
    ]
    tx = payout(rpc, sender, chain_world.payout_contract, chain_world.usdt.address, recipients)
    receipt = rpc.wait_receipt(tx)
    assert receipt["to"].lower() == chain_world.payout_contract.lower()  # tx.to is the contract, not the customer
    rpc.mine(12)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"], doc["facts"]["amount"]) == (0, "confirmed", "250")
    # without --to the deposit cannot be told apart from the other payouts: never a guess
    code, doc = run_json(cli, chain_world, tx)
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "3 transfers" in findings(doc)["DEP004"]["message"]


def test_wrong_network_names_the_chain_it_is_on(cli: Any, chain_world: World) -> None:
    bsc = chain_world.bsc.rpc
    tx = chain_world.bsc_usdt.transfer(bsc.accounts()[1], chain_world.deposit_address, 100 * 10**18)
    bsc.wait_receipt(tx)
    code, doc = run_json(
        cli, chain_world, tx, "--chain", "ethereum", "--to", chain_world.deposit_address, "--currency", "USDT"
    )
    assert (code, doc["verdict"]) == (1, "wrong_network")
    assert doc["facts"]["found_on"] == ["bsc"]
    assert "BNB Smart Chain" in doc["summary"] and "BNB Smart Chain" in doc["reply"]["text"]
    # asked without a chain, the same hash is simply found on bsc
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address)
    assert doc["facts"]["chain"] == "bsc" and doc["verdict"] == "awaiting_confirmations"


def test_stale_node_is_not_trusted(cli: Any, chain_world: World, tmp_path: Path) -> None:
    tx = send_usdt(chain_world, chain_world.deposit_address, 300 * USDT)
    config = chain_world.write_config(tmp_path / "stale.toml", max_tip_age=0)
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address, config=str(config))
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "DEP008" in findings(doc)


def test_unreachable_rpc_is_unknown_not_not_found(cli: Any, chain_world: World, tmp_path: Path) -> None:
    config = tmp_path / "down.toml"
    config.write_text(chain_world.config_toml().replace(chain_world.bsc.url, "http://127.0.0.1:9"))
    code, doc = run_json(cli, chain_world, "0x" + "cd" * 32, config=str(config))
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "127.0.0.1:9" in json.dumps(doc["findings"])


def test_failover_to_the_next_rpc(cli: Any, chain_world: World, tmp_path: Path) -> None:
    tx = send_usdt(chain_world, chain_world.deposit_address, 300 * USDT)
    config = tmp_path / "failover.toml"
    config.write_text(
        chain_world.config_toml().replace(
            f'rpc = ["{chain_world.eth.url}"]', f'rpc = ["http://127.0.0.1:9", "{chain_world.eth.url}"]'
        )
    )
    code, doc = run_json(cli, chain_world, tx, "--to", chain_world.deposit_address, config=str(config))
    assert (code, doc["verdict"]) == (0, "confirmed")


def test_rpc_of_the_wrong_chain_is_refused(cli: Any, chain_world: World, tmp_path: Path) -> None:
    config = tmp_path / "swapped.toml"
    config.write_text(chain_world.config_toml().replace(chain_world.eth.url, chain_world.bsc.url))
    code, doc = run_json(cli, chain_world, "0x" + "ef" * 32, "--chain", "ethereum", config=str(config))
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "chain id 56" in doc["summary"]


@pytest.mark.parametrize("symbol", ["[bold red]USDT[/]", "\x1b[31mUSDT\x1b[0m", "U\u202eSDT"])
def test_hostile_token_symbol_is_shown_literally(cli: Any, chain_world: World, symbol: str) -> None:
    rpc = chain_world.eth.rpc
    token = deploy_token(rpc, rpc.accounts()[3], "Hostile", symbol, 6)
    token.mint(chain_world.customer, 10**9)
    tx = token.transfer(chain_world.customer, chain_world.deposit_address, 10**8)
    rpc.wait_receipt(tx)
    for fmt in ("rich", "markdown", "json"):
        r = cli(
            "--config", chain_world.extra["config"], "--format", fmt, "deposit", tx, "--to", chain_world.deposit_address
        )
        assert r.code == 1, r.err
        assert "\x1b" not in r.out and "\u202e" not in r.out
        if fmt == "rich":
            shown = symbol.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
            assert shown in r.out  # literally, markup and escapes visible, not interpreted
        if fmt == "json":
            assert json.loads(r.out)["verdict"] == "unsupported_token"


def test_round_trips_per_lookup(chain_world: World) -> None:
    """At most one HTTP request to the node for a known-asset deposit; two when a token must be read."""
    import asyncio

    from supportctl.core import config as config_mod
    from supportctl.core.model import ChainKey, Kind, Lang, Subject
    from supportctl.engine import diagnose_deposit
    from supportctl.engine.session import Session

    cfg = config_mod.load(chain_world.extra["config"])
    rpc = chain_world.eth.rpc
    native = rpc.send_tx(chain_world.customer, chain_world.deposit_address, value=ETH)
    token = send_usdt(chain_world, chain_world.deposit_address, 300 * USDT, mine=0)
    unknown = chain_world.fake_usdt.transfer(chain_world.customer, chain_world.deposit_address, USDT)
    rpc.wait_receipt(unknown)

    async def requests(tx: str) -> int:
        async with Session(cfg) as session:
            subject = Subject(Kind.DEPOSIT, tx, chain=ChainKey("ethereum"), to=chain_world.deposit_address)
            await diagnose_deposit(session, subject, Lang.EN)
            return session.requests

    assert asyncio.run(requests(native)) == 1
    assert asyncio.run(requests(token)) == 1
    assert asyncio.run(requests(unknown)) == 2
