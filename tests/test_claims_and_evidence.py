"""The customer's words are claims checked against the evidence, never filters on it (issue 8).

Real transactions on real local nodes (anvil, chain ids 1 and 56), through the real command line. Each test
names the defect it holds down; each failed on the code before the change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from devchain import deploy_token, payout
from devchain.world import USDT, World

pytestmark = pytest.mark.anvil


def deposit(cli: Any, world: World, *args: str, config: str | None = None) -> tuple[int, dict[str, Any]]:
    r = cli("--config", config or world.extra["config"], "--format", "json", "deposit", *args)
    assert r.err == "", r.err
    return r.code, json.loads(r.out)


def findings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


def mined(world: World, tx: str, blocks: int = 12) -> str:
    world.eth.rpc.wait_receipt(tx)
    world.eth.rpc.mine(blocks)
    return tx


# --------------------------------------------------------------- 1. another token to the right address


def test_an_unlisted_token_to_the_customer_is_unsupported_token_whatever_currency_is_named(
    cli: Any, chain_world: World
) -> None:
    rpc, to = chain_world.eth.rpc, chain_world.deposit_address
    pepe = deploy_token(rpc, rpc.accounts()[3], "Pepe", "PEPE", 18)
    pepe.mint(chain_world.customer, 10**24)
    tx = mined(chain_world, pepe.transfer(chain_world.customer, to, 5 * 10**20))
    for claim in ((), ("--currency", "USDT"), ("--currency", "ETH")):
        code, doc = deposit(cli, chain_world, tx, "--to", to, *claim)
        assert (code, doc["verdict"]) == (1, "unsupported_token"), claim
        assert "wrong_address" not in json.dumps(doc) and "scam" not in doc["reply"]["text"].lower()
        assert "PEPE" in doc["reply"]["text"]  # the reply names what arrived
        [moved] = doc["facts"]["transfers"]
        assert (moved["currency"], moved["amount"], moved["to"], moved["listed"]) == ("PEPE", "500", to.lower(), False)
    dep013 = findings(doc)["DEP013"]
    assert "says ETH" in dep013["message"] and "500 PEPE" in dep013["message"]


def test_usdt_named_as_eth_is_judged_as_the_usdt_that_arrived(cli: Any, chain_world: World) -> None:
    to = chain_world.deposit_address
    tx = mined(chain_world, chain_world.usdt.transfer(chain_world.customer, to, 300 * USDT))
    code, doc = deposit(cli, chain_world, tx, "--to", to, "--currency", "ETH")
    assert (code, doc["verdict"]) == (0, "confirmed")
    assert (doc["facts"]["amount"], doc["facts"]["currency"]) == ("300", "USDT")
    note = findings(doc)["DEP013"]
    assert note["severity"] == "info"
    assert "The customer says ETH; what arrived at their address is 300 USDT (contract" in note["message"]
    assert doc["facts"]["claims"]["currency"] == "ETH"  # the claim is shown apart from the evidence
    assert "300 USDT" in doc["reply"]["text"]


def test_a_hostile_symbol_named_as_usdt_is_unsupported_token_not_wrong_address(cli: Any, chain_world: World) -> None:
    rpc, to = chain_world.eth.rpc, chain_world.deposit_address
    token = deploy_token(rpc, rpc.accounts()[3], "Hostile", "[bold red]USDT[/]\x1b[2J", 6)
    token.mint(chain_world.customer, 10**9)
    tx = mined(chain_world, token.transfer(chain_world.customer, to, 10**8))
    code, doc = deposit(cli, chain_world, tx, "--to", to, "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, "unsupported_token")
    r = cli("--config", chain_world.extra["config"], "deposit", tx, "--to", to, "--currency", "USDT")
    assert "\x1b" not in r.out and "[bold red]USDT[/]\\x1b[2J" in r.out


# ------------------------------------------------------------------ 2. wrong network, where it really is


def _bsc_usdt(world: World) -> str:
    bsc = world.bsc.rpc
    tx = world.bsc_usdt.transfer(bsc.accounts()[1], world.deposit_address, 100 * 10**18)
    bsc.wait_receipt(tx)
    bsc.mine(20)
    return tx


def test_wrong_network_shows_the_facts_of_the_chain_it_is_on(cli: Any, chain_world: World) -> None:
    tx = _bsc_usdt(chain_world)
    code, doc = deposit(cli, chain_world, tx, "--chain", "ERC20", "--to", chain_world.deposit_address,
                        "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, "wrong_network")
    facts = doc["facts"]
    assert (facts["chain"], facts["status"], facts["amount"], facts["currency"]) == ("bsc", "success", "100", "USDT")
    assert facts["confirmations"] >= 21 and facts["explorer_url"].startswith("https://bscscan.com/tx/")
    assert facts["claims"]["chain"] == "ethereum"
    reply = doc["reply"]["text"]
    assert "sent on BNB Smart Chain, not on Ethereum" in reply and "bscscan.com" in reply
    assert "not support" not in reply and "recovery is possible" not in reply  # USDT on BSC is accepted
    assert findings(doc)["DEP002"]["evidence"]["accepted_there"] is True


def test_wrong_network_promises_a_credit_only_where_the_venue_says_the_address_is_shared(
    cli: Any, chain_world: World, tmp_path: Path
) -> None:
    tx = _bsc_usdt(chain_world)
    shared = tmp_path / "shared.toml"
    shared.write_text(chain_world.config_toml(extra="\n[venue]\nshared_evm_address = true\n"))
    code, doc = deposit(cli, chain_world, tx, "--chain", "ethereum", "--to", chain_world.deposit_address,
                        config=str(shared))
    assert (code, doc["verdict"]) == (1, "wrong_network")
    assert "will be credited automatically" in doc["reply"]["text"]


def test_wrong_network_for_an_asset_not_accepted_there_is_a_recovery_case(cli: Any, chain_world: World) -> None:
    bsc = chain_world.bsc.rpc
    usdc = deploy_token(bsc, bsc.accounts()[4], "USD Coin", "USDC", 18)  # the venue lists no USDC on BSC
    usdc.mint(bsc.accounts()[4], 10**21)
    tx = usdc.transfer(bsc.accounts()[4], chain_world.deposit_address, 10**20)
    bsc.wait_receipt(tx)
    code, doc = deposit(cli, chain_world, tx, "--chain", "ethereum", "--to", chain_world.deposit_address,
                        "--currency", "USDC")
    assert (code, doc["verdict"]) == (1, "wrong_network")
    assert doc["facts"]["chain"] == "bsc" and doc["facts"]["amount"] == "100"
    dep002 = findings(doc)["DEP002"]["evidence"]
    assert (dep002["accepted_there"], dep002["credited_there"]) == (False, False)
    reply = doc["reply"]["text"]
    assert "sent on BNB Smart Chain" in reply and "recovery is possible" in reply
    assert "will be credited" not in reply


# --------------------------------------------------------------- 3. claims validated before any request


@pytest.mark.parametrize(("to", "why"), [
    ("0x1234", "not an address"),
    ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "other chain family"),
    ("9965507d1a55bcc2695c58ba16fb37d819b0a4dc", "40 hex without 0x"),
])
def test_a_to_that_cannot_be_paid_by_this_hash_is_exit_2(cli: Any, chain_world: World, to: str, why: str) -> None:
    tx = "0x" + "ab" * 32  # never looked up: the claim is refused first
    r = cli("--config", "/nonexistent.toml", "deposit", tx, "--to", to)
    r = cli("--config", chain_world.extra["config"], "deposit", tx, "--to", to)
    assert r.code == 2, why
    assert r.out == "" and r.err.count("\n") == 1 and "--to" in r.err and "Traceback" not in r.err


def test_punctuation_copied_from_a_ticket_is_trimmed_and_said(cli: Any, chain_world: World) -> None:
    to = chain_world.deposit_address
    tx = mined(chain_world, chain_world.usdt.transfer(chain_world.customer, to, 300 * USDT))
    code, doc = deposit(cli, chain_world, tx, "--to", f"{to}.")
    assert (code, doc["verdict"]) == (0, "confirmed")
    assert "removed '.'" in findings(doc)["INP003"]["message"]


@pytest.mark.parametrize(("option", "value"), [("--currency", "[bold]USDT"), ("--memo", "x" * 200)])
def test_malformed_currency_and_memo_are_exit_2(cli: Any, chain_world: World, option: str, value: str) -> None:
    r = cli("--config", chain_world.extra["config"], "deposit", "0x" + "ab" * 32, option, value)
    assert r.code == 2 and option in r.err and r.out == ""


def test_an_xrp_memo_must_be_a_destination_tag(cli: Any, tmp_path: Path) -> None:
    config = tmp_path / "xrp.toml"
    config.write_text('defaults = false\n[chains.xrp]\nrpc = ["http://127.0.0.1:9"]\nconfirmations = 1\n')
    r = cli("--config", str(config), "deposit", "AB" * 32, "--chain", "xrp", "--to",
            "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY", "--memo", "12a45")
    assert r.code == 2 and "destination tag" in r.err


# --------------------------------------------------------------------------------- 8. address poisoning


def _impersonate(world: World, address: str) -> str:
    rpc = world.eth.rpc
    rpc.call("anvil_impersonateAccount", address)
    rpc.call("anvil_setBalance", address, hex(10**18))
    return address


def test_zero_value_transfer_from_a_lookalike_is_poisoning_not_below_minimum(cli: Any, chain_world: World) -> None:
    to, customer = chain_world.deposit_address, chain_world.customer.lower()
    fake_customer = _impersonate(chain_world, customer[:8] + "0" * 28 + customer[-6:])
    tx = mined(chain_world, chain_world.usdt.transfer(fake_customer, to, 0))
    code, doc = deposit(cli, chain_world, tx, "--to", to)
    assert (code, doc["verdict"]) == (1, "address_poisoning")
    assert "below_minimum" not in json.dumps(doc) and "further deposit" not in doc["reply"]["text"]
    assert "address poisoning" in doc["reply"]["text"]
    assert findings(doc)["DEP012"]["evidence"]["zero_value_transfers"] == 1


def test_a_batch_of_zero_value_transfers_between_lookalikes_is_poisoning(cli: Any, chain_world: World) -> None:
    rpc, to = chain_world.eth.rpc, chain_world.deposit_address
    attacker = _impersonate(chain_world, to.lower()[:8] + "1" * 28 + to.lower()[-6:])
    mined(chain_world, chain_world.usdt.approve(attacker, chain_world.payout_contract, 0), 0)
    victims = [rpc.accounts()[8], rpc.accounts()[9], to]
    tx = payout(rpc, attacker, chain_world.payout_contract, chain_world.usdt.address, [(v, 0) for v in victims])
    mined(chain_world, tx)
    code, doc = deposit(cli, chain_world, tx, "--to", to, "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, "address_poisoning")
    dep012 = findings(doc)["DEP012"]
    assert dep012["evidence"]["zero_value_transfers"] == 3 and "Address poisoning" in dep012["message"]
    assert len(doc["facts"]["transfers"]) == 3


def test_real_funds_sent_to_a_lookalike_stay_wrong_address(cli: Any, chain_world: World) -> None:
    to = chain_world.deposit_address
    tx = mined(chain_world, chain_world.usdt.transfer(chain_world.customer, chain_world.lookalike_address, 800 * USDT))
    code, doc = deposit(cli, chain_world, tx, "--to", to, "--currency", "USDT")
    assert (code, doc["verdict"]) == (1, "wrong_address")
    assert findings(doc)["DEP004"]["evidence"]["lookalike"] == chain_world.lookalike_address
