"""withdrawal, order and order check through the real command line, with the example back-office plugin
installed as an entry point (the plugin seam), and real chain lookups on anvil for withdrawals' txids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from devchain.world import USDT, World

XRP_EXCHANGE = "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"  # xrpl.org docs' example address


def write_venue(tmp_path: Path, world: World | None, records: dict[str, Any]) -> str:
    data = tmp_path / "records.json"
    data.write_text(json.dumps(records))
    base = world.config_toml() if world else "defaults = false\n"
    config = tmp_path / "venue.toml"
    config.write_text(base + f'\n[venue]\nexchange = "backoffice-example"\n[venue.options]\nfile = "{data}"\n')
    return str(config)


def run(cli: Any, config: str, *args: str) -> tuple[int, dict[str, Any]]:
    r = cli("--config", config, "--format", "json", *args)
    assert r.err == "", r.err
    return r.code, json.loads(r.out)


def findings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


# ------------------------------------------------------------------------------------------ withdrawals


@pytest.mark.anvil
def test_withdrawal_completed_on_chain_with_the_fee_arithmetic(cli: Any, chain_world: World, tmp_path: Path) -> None:
    customer_wallet = chain_world.stranger
    tx = chain_world.usdt.transfer(chain_world.customer, customer_wallet, 99 * USDT)  # the venue's hot wallet pays
    chain_world.eth.rpc.wait_receipt(tx)
    chain_world.eth.rpc.mine(12)
    config = write_venue(
        tmp_path,
        chain_world,
        {
            "withdrawals": [
                {
                    "id": "W1",
                    "currency": "USDT",
                    "status": "ok",
                    "raw_status": "6",
                    "network": "ERC20",
                    "amount": "100",
                    "fee": "1",
                    "address": customer_wallet,
                    "txid": tx,
                },
            ]
        },
    )
    code, doc = run(cli, config, "withdrawal", "W1", "--address", customer_wallet)
    assert (code, doc["verdict"]) == (0, "completed")
    assert doc["facts"]["arrived"] == "99" and doc["facts"]["confirmations"] == 13
    fee = findings(doc)["WDR003"]
    assert "100 USDT withdrawn − 1 USDT fee = 99 USDT arrived" in fee["message"]
    assert "99 USDT arrived" in doc["reply"]["text"]


@pytest.mark.anvil
def test_withdrawal_awaiting_confirmations(cli: Any, chain_world: World, tmp_path: Path) -> None:
    tx = chain_world.usdt.transfer(chain_world.customer, chain_world.stranger, 5 * USDT)
    chain_world.eth.rpc.wait_receipt(tx)
    config = write_venue(
        tmp_path,
        chain_world,
        {
            "withdrawals": [
                {
                    "id": "W2",
                    "currency": "USDT",
                    "status": "ok",
                    "network": "ERC20",
                    "amount": "5",
                    "address": chain_world.stranger,
                    "txid": tx,
                },
            ]
        },
    )
    code, doc = run(cli, config, "withdrawal", "W2")
    assert (code, doc["verdict"]) == (0, "awaiting_confirmations")
    assert findings(doc)["WDR002"]["evidence"]["remaining"] == 11


@pytest.mark.anvil
def test_venue_and_chain_disagree_on_the_recipient(cli: Any, chain_world: World, tmp_path: Path) -> None:
    tx = chain_world.usdt.transfer(chain_world.customer, chain_world.stranger, 5 * USDT)
    chain_world.eth.rpc.wait_receipt(tx)
    config = write_venue(
        tmp_path,
        chain_world,
        {
            "withdrawals": [
                {
                    "id": "W3",
                    "currency": "USDT",
                    "status": "ok",
                    "network": "ERC20",
                    "amount": "5",
                    "address": chain_world.deposit_address,
                    "txid": tx,
                },
            ]
        },
    )
    code, doc = run(cli, config, "withdrawal", "W3")
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "disagree" in doc["summary"]


@pytest.mark.parametrize(
    ("row", "args", "code", "verdict"),
    [
        ({"status": "pending", "raw_status": "awaiting approval"}, (), 0, "processing"),
        ({"status": "failed", "reason": "insufficient hot wallet balance"}, (), 1, "withdrawal_failed"),
        ({"status": "canceled", "raw_status": "cancelled by user"}, (), 1, "canceled"),
        ({"status": "pending", "address": "0x52908400098527886E0F7030069857D2E4169Ee7"}, (), 1, "invalid_address"),
        ({"status": "pending", "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}, (), 1, "invalid_address"),
        (
            {
                "status": "pending",
                "network": "BTC",
                "currency": "BTC",
                "address": "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",
            },
            (),
            1,
            "invalid_address",
        ),  # a testnet address (BIP-173's own example)
        ({"status": "pending"}, ("--address", "0x1111111111111111111111111111111111111111"), 1, "wrong_address"),
        ({"status": "pending", "network": "XRP", "currency": "XRP", "address": XRP_EXCHANGE}, (), 1, "memo_missing"),
        (
            {"status": "pending", "network": "XRP", "currency": "XRP", "address": XRP_EXCHANGE, "memo": "12345"},
            (),
            0,
            "processing",
        ),
        (
            {
                "status": "pending",
                "network": "TRC20",
                "currency": "USDT",
                "address": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            },
            (),
            1,
            "network_suspended",
        ),
        ({"status": "weird-state", "raw_status": "weird-state"}, (), 3, "unknown"),
    ],
)
def test_withdrawal_verdicts_from_the_venue(
    cli: Any, tmp_path: Path, row: dict[str, Any], args: tuple[str, ...], code: int, verdict: str
) -> None:
    record = {
        "id": "W9",
        "currency": "USDT",
        "network": "ERC20",
        "amount": "250",
        "fee": "1",
        "address": "0x52908400098527886E0F7030069857D2E4169EE7",
    } | row
    config = write_venue(
        tmp_path,
        None,
        {
            "withdrawals": [record],
            "networks": [
                {"currency": "USDT", "network": "TRC20", "withdraw_enabled": False, "withdraw_fee": "1"},
            ],
        },
    )
    got_code, doc = run(cli, config, "withdrawal", "W9", *args)
    assert (got_code, doc["verdict"]) == (code, verdict), doc["summary"]
    assert doc["reply"]["text"] and "None" not in doc["reply"]["text"]


def test_lookalike_address_in_a_withdrawal(cli: Any, tmp_path: Path) -> None:
    real = "0x52908400098527886E0F7030069857D2E4169EE7"
    fake = "0x5290840000000000000000000000000000169EE7"
    config = write_venue(
        tmp_path,
        None,
        {
            "withdrawals": [
                {
                    "id": "W5",
                    "currency": "USDT",
                    "network": "ERC20",
                    "status": "pending",
                    "amount": "10",
                    "address": fake,
                }
            ]
        },
    )
    code, doc = run(cli, config, "withdrawal", "W5", "--address", real)
    assert (code, doc["verdict"]) == (1, "wrong_address")
    assert findings(doc)["WDR004"]["evidence"]["lookalike"] is True and "poisoning" in doc["summary"]


def test_withdrawal_not_found_and_the_plugin_check(cli: Any, tmp_path: Path) -> None:
    config = write_venue(
        tmp_path,
        None,
        {
            "withdrawals": [
                {
                    "id": "BIG",
                    "currency": "USDT",
                    "network": "ERC20",
                    "status": "pending",
                    "amount": "25000",
                    "address": "0x52908400098527886E0F7030069857D2E4169EE7",
                }
            ]
        },
    )
    code, doc = run(cli, config, "withdrawal", "nope")
    assert (code, doc["verdict"]) == (1, "not_found")
    code, doc = run(cli, config, "withdrawal", "BIG")
    assert "BOX001" in findings(doc)  # the third-party check ran, through its entry point
    r = cli("--config", config, "checks", "explain", "BOX001")
    assert r.code == 0 and "travel rule" in r.out


def test_back_office_down_is_exit_3_one_line(cli: Any, tmp_path: Path) -> None:
    config = write_venue(tmp_path, None, {"down": True})
    r = cli("--config", config, "withdrawal", "W1")
    assert r.code == 3 and r.out == ""
    assert r.err.count("\n") == 1 and "unreachable" in r.err


# --------------------------------------------------------------------------------------------- orders

ORDERS = [
    {
        "id": "1",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "status": "closed",
        "price": "60000",
        "average": "59990",
        "amount": "0.5",
        "filled": "0.5",
        "remaining": "0",
        "fee": "0.0005",
        "fee_currency": "BTC",
    },
    {
        "id": "2",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "status": "open",
        "price": "58000",
        "amount": "1",
        "filled": "0",
        "remaining": "1",
    },
    {
        "id": "3",
        "symbol": "BTC/USDT",
        "side": "sell",
        "type": "limit",
        "status": "open",
        "price": "61000",
        "average": "61000",
        "amount": "1",
        "filled": "0.25",
        "remaining": "0.75",
    },
    {
        "id": "4",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "status": "canceled",
        "price": "50000",
        "amount": "1",
        "filled": "0.1",
        "average": "50000",
    },
    {
        "id": "5",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "status": "expired",
        "price": "50000",
        "amount": "1",
        "filled": "0",
        "time_in_force": "IOC",
    },
    {
        "id": "6",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "market",
        "status": "rejected",
        "amount": "100",
        "filled": "0",
    },
]
MARKET = {
    "markets": {
        "BTC/USDT": {
            "active": True,
            "amount_step": "0.00001",
            "price_tick": "0.01",
            "min_amount": "0.00001",
            "max_amount": "9000",
            "min_cost": "5",
        },
        "OLD/USDT": {"active": False, "amount_step": "1", "price_tick": "0.0001"},
    },
    "tickers": {"BTC/USDT": {"bid": "59999.99", "ask": "60000.01", "last": "60000"}},
    "books": {
        "BTC/USDT": {
            "bids": [["59999.99", "0.5"], ["59990", "1"], ["59000", "10"]],
            "asks": [["60000.01", "0.5"], ["60010", "1"], ["61000", "10"]],
        }
    },
    "balances": {"USDT": {"free": "1000", "used": "500", "total": "1500"}, "BTC": {"free": "10", "used": "0"}},
}


@pytest.mark.parametrize(
    ("order_id", "code", "verdict", "needle"),
    [
        ("1", 0, "filled", "better than the limit 60000"),
        ("2", 0, "open", "3.33% below the best ask"),
        ("3", 0, "partially_filled", "1.67% above the best bid"),
        ("4", 1, "canceled", "after 0.1 had filled"),
        ("5", 1, "expired", "IOC"),
        ("6", 1, "rejected", "rejected"),
        ("404", 1, "not_found", "no order 404"),
    ],
)
def test_order_verdicts(cli: Any, tmp_path: Path, order_id: str, code: int, verdict: str, needle: str) -> None:
    config = write_venue(tmp_path, None, {"orders": ORDERS, **MARKET})
    got, doc = run(cli, config, "order", order_id, "--symbol", "btc-usdt")
    assert (got, doc["verdict"]) == (code, verdict)
    assert needle in json.dumps(doc["findings"]) + doc["summary"]


@pytest.mark.parametrize(
    ("args", "code", "verdict", "needle"),
    [
        (("BTC/USDT", "buy", "limit", "0.01", "60000"), 0, "ok", "is trading"),
        (("BTC/USDT", "buy", "limit", "0.000015", "60000"), 1, "precision_error", "use 0.00001"),
        (("BTC/USDT", "buy", "limit", "0.01", "60000.005"), 1, "precision_error", "use 60000"),
        (("BTC/USDT", "buy", "limit", "0.00005", "60000"), 1, "below_min_notional", "at least 0.00009"),
        (("BTC/USDT", "sell", "limit", "9001", "60000"), 1, "above_max", "maximum 9000"),
        (("BTC/USDT", "sell", "limit", "0.01", "80000"), 1, "price_out_of_band", "33.33% from the market"),
        (("BTC/USDT", "buy", "limit", "0.1", "60000"), 1, "insufficient_balance", "500 USDT is locked"),
        (("BTC/USDT", "sell", "market", "5"), 1, "high_slippage", "slippage 1.17%"),
        (("BTC/USDT", "sell", "market", "0.4"), 0, "ok", "Expected slippage 0%"),
        (("OLD/USDT", "buy", "limit", "1", "1"), 1, "market_inactive", "not trading"),
        (("NOPE/USDT", "buy", "limit", "1", "1"), 3, "unknown", "no market NOPE/USDT"),
    ],
)
def test_order_check_verdicts(
    cli: Any, tmp_path: Path, args: tuple[str, ...], code: int, verdict: str, needle: str
) -> None:
    config = write_venue(tmp_path, None, MARKET)
    got, doc = run(cli, config, "order", "check", *args)
    assert (got, doc["verdict"]) == (code, verdict), doc["summary"]
    assert needle in json.dumps(doc["findings"]) + doc["summary"]


@pytest.mark.parametrize(
    "args",
    [
        ("BTC/USDT", "hold", "limit", "1", "1"),
        ("BTC/USDT", "buy", "stop", "1", "1"),
        ("BTCUSDT", "buy", "market", "1"),
        ("BTC/USDT", "buy", "limit", "1"),
        ("BTC/USDT", "buy", "limit", "-1", "5"),
        ("BTC/USDT", "buy", "limit", "x", "5"),
    ],
)
def test_order_check_bad_input_is_one_line_exit_2(cli: Any, tmp_path: Path, args: tuple[str, ...]) -> None:
    config = write_venue(tmp_path, None, MARKET)
    r = cli("--config", config, "order", "check", *args)
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1 and "Traceback" not in r.err


def test_without_a_venue_the_commands_say_how_to_set_one_up(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "none.toml"
    config.write_text("defaults = false\n")
    r = cli("--config", str(config), "withdrawal", "W1")
    assert r.code == 2 and "[venue] exchange" in r.err


# ----------------------------------------------------------------------------- deposits, venue's view


@pytest.mark.anvil
def test_confirmed_deposit_credited_or_to_escalate(cli: Any, chain_world: World, tmp_path: Path) -> None:
    rpc, to = chain_world.eth.rpc, chain_world.deposit_address
    credited = chain_world.usdt.transfer(chain_world.customer, to, 300 * USDT)
    missing = chain_world.usdt.transfer(chain_world.customer, to, 400 * USDT)
    rpc.wait_receipt(missing)
    rpc.mine(12)
    config = write_venue(
        tmp_path,
        chain_world,
        {
            "deposits": [
                {"id": "D1", "currency": "USDT", "status": "ok", "network": "ERC20", "amount": "300", "txid": credited}
            ]
        },
    )
    code, doc = run(cli, config, "deposit", credited, "--to", to)
    assert (code, doc["verdict"]) == (0, "confirmed")
    assert findings(doc)["DEP011"]["evidence"] == {"credited": True, "deposit_id": "D1"}
    code, doc = run(cli, config, "deposit", missing, "--to", to)
    assert (code, doc["verdict"]) == (0, "confirmed")
    dep011 = findings(doc)["DEP011"]
    assert dep011["severity"] == "warning" and "escalate to wallet operations" in dep011["message"]


@pytest.mark.anvil
def test_live_deposit_suspension_from_the_venue(cli: Any, chain_world: World, tmp_path: Path) -> None:
    tx = chain_world.usdt.transfer(chain_world.customer, chain_world.deposit_address, 300 * USDT)
    chain_world.eth.rpc.wait_receipt(tx)
    config = write_venue(
        tmp_path,
        chain_world,
        {"networks": [{"currency": "USDT", "network": "ERC20", "deposit_enabled": False, "withdraw_enabled": True}]},
    )
    code, doc = run(cli, config, "deposit", tx, "--to", chain_world.deposit_address)
    assert (code, doc["verdict"]) == (1, "network_suspended")
    assert findings(doc)["DEP007"]["evidence"]["source"] == "venue"


@pytest.mark.anvil
@pytest.mark.parametrize(("status", "says", "never"), [
    ("ok", "has been credited to your account (deposit D9", "escalated"),
    ("failed", "did not complete on our side (deposit D9", "has been credited"),
    ("pending", "crediting it to your account now", "escalated"),
])
def test_the_reply_follows_the_venues_credit_record(
    cli: Any, chain_world: World, tmp_path: Path, status: str, says: str, never: str
) -> None:
    """Issue 8 (9): a credited deposit was still "escalated to our wallet team"; a failed record was "not
    credited yet", as if on its way."""
    rpc, to = chain_world.eth.rpc, chain_world.deposit_address
    tx = chain_world.usdt.transfer(chain_world.customer, to, 300 * USDT)
    rpc.wait_receipt(tx)
    rpc.mine(12)
    record = {"id": "D9", "currency": "USDT", "status": status, "network": "ERC20", "amount": "300", "txid": tx}
    config = write_venue(tmp_path, chain_world, {"deposits": [record]})
    code, doc = run(cli, config, "deposit", tx, "--to", to)
    assert (code, doc["verdict"]) == (0, "confirmed")
    assert says in doc["reply"]["text"] and never not in doc["reply"]["text"]
    if status == "failed":
        dep011 = findings(doc)["DEP011"]
        assert dep011["severity"] == "warning" and "escalate" in dep011["message"]
