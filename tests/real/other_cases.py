"""Real Bitcoin, Tron, Solana and XRP Ledger transactions from other projects' fixtures, as ``RealCase``s.

Each case's recorded bodies live in ``data/<chain>/<name>.json`` with their ``source`` (repository, path, commit)
and what was made up around them (``source["derived"]``). What is made up at run time is built here and says so:

- Bitcoin (Esplora): ``/blocks`` — ten blocks 600 s apart, the newest 60 s old, its height the file's anchor block
  plus one block per 600 s since the anchor's time (so the node is fresh and the confirmations plausible).
- Tron: ``/wallet/getblock`` — the tip one block per 3 s after the transaction's block, 3 s old.
- Solana: ``getSignatureStatuses`` (finalized, the transaction's slot and error), ``getSlot`` (the file's ``tip``)
  and ``getHealth`` (``"ok"``, the healthy answer of the RPC docs).
- XRP: nothing here; the file's ``server_info`` already says what was changed.

Each venue config lists what a real exchange accepts on that chain: the native coin, and USDT/USDC on their
official contracts or mints only; XRP needs a destination tag (``memo_required = true``).
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import respx

from tests.real.corpus import RealCase

DATA = Path(__file__).parent / "data"

BTC_URL = "https://bitcoin.test/api"
TRON_URL = "https://tron.test"
SOL_URL = "https://solana.test"
XRP_URL = "https://xrp.test"

USDT_TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
USDC_SOL = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
USDT_SOL = "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB"

BTC_CONFIG = f"""
defaults = false

[chains.bitcoin]
api = "esplora"
rpc = ["{BTC_URL}"]
confirmations = 2

[[assets]]
currency = "BTC"
chain = "bitcoin"
decimals = 8
min_deposit = "0.0001"
"""

TRON_CONFIG = f"""
defaults = false

[chains.tron]
rpc = ["{TRON_URL}"]
confirmations = 19

[[assets]]
currency = "TRX"
chain = "tron"
decimals = 6
min_deposit = "1"

[[assets]]
currency = "USDT"
chain = "tron"
contract = "{USDT_TRON}"
decimals = 6
min_deposit = "1"
"""

SOL_CONFIG = f"""
defaults = false

[chains.solana]
rpc = ["{SOL_URL}"]
confirmations = 32

[[assets]]
currency = "SOL"
chain = "solana"
decimals = 9
min_deposit = "0.01"

[[assets]]
currency = "USDT"
chain = "solana"
contract = "{USDT_SOL}"
decimals = 6
min_deposit = "1"

[[assets]]
currency = "USDC"
chain = "solana"
contract = "{USDC_SOL}"
decimals = 6
min_deposit = "1"
"""

XRP_CONFIG = f"""
defaults = false

[chains.xrp]
rpc = ["{XRP_URL}"]
confirmations = 1

[[assets]]
currency = "XRP"
chain = "xrp"
decimals = 6
min_deposit = "1"
memo_required = true
"""


def load(chain: str, name: str) -> dict[str, Any]:
    return json.loads((DATA / chain / f"{name}.json").read_text("utf-8"))


def _source(doc: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in doc["source"].items()}


# --- Bitcoin (Esplora REST) ----------------------------------------------------------------------------------


def _blocks(anchor: dict[str, int]) -> list[dict[str, Any]]:
    """``/blocks`` made up: ten blocks 600 s apart, the newest 60 s old, numbered on from the anchor block."""
    now = int(time.time()) - 60
    tip = anchor["height"] + max(1, (now - anchor["time"]) // 600)
    return [{"id": f"{tip - i:064x}", "height": tip - i, "timestamp": now - 600 * i, "tx_count": 1}
            for i in range(10)]


def _esplora(doc: dict[str, Any]) -> Callable[[respx.MockRouter], None]:
    txid = doc["txid"]

    def install(router: respx.MockRouter) -> None:
        router.get(f"{BTC_URL}/blocks").mock(
            side_effect=lambda _request: httpx.Response(200, json=_blocks(doc["tip_anchor"])))
        tx, rbf = doc["tx"], doc["rbf"]
        missing = httpx.Response(404, text="Transaction not found")
        router.get(f"{BTC_URL}/tx/{txid}").mock(
            return_value=httpx.Response(200, json=tx) if tx is not None else missing)
        router.get(f"{BTC_URL}/v1/tx/{txid}/rbf").mock(
            return_value=httpx.Response(200, json=rbf) if rbf is not None else httpx.Response(404, text="Not found"))

    return install


# --- Tron (TronGrid /wallet/) ----------------------------------------------------------------------------------


def _tron(doc: dict[str, Any]) -> Callable[[respx.MockRouter], None]:
    txid = doc["txid"]
    info = doc["gettransactioninfobyid"]

    def head(_request: httpx.Request) -> httpx.Response:
        now_ms = int(time.time() * 1000) - 3000
        number = info["blockNumber"] + max(20, (now_ms - info["blockTimeStamp"]) // 3000)
        return httpx.Response(200, json={"blockID": f"{number:064x}",
                                         "block_header": {"raw_data": {"number": number, "timestamp": now_ms}}})

    def install(router: respx.MockRouter) -> None:
        router.post(f"{TRON_URL}/wallet/gettransactionbyid", json={"value": txid}).respond(
            json=doc["gettransactionbyid"])
        router.post(f"{TRON_URL}/wallet/gettransactioninfobyid", json={"value": txid}).respond(json=info)
        router.post(f"{TRON_URL}/wallet/getblock").mock(side_effect=head)
        router.post(f"{TRON_URL}/wallet/getnowblock").mock(side_effect=head)

    return install


# --- Solana (JSON-RPC, batched) --------------------------------------------------------------------------------


def _solana(doc: dict[str, Any]) -> Callable[[respx.MockRouter], None]:
    tx = doc["getTransaction"]
    slot, err = tx["result"]["slot"], tx["result"]["meta"]["err"]
    answers = {
        "getTransaction": tx,
        "getSignatureStatuses": {"jsonrpc": "2.0", "id": 1, "result": {"context": {"slot": doc["tip"]}, "value": [
            {"slot": slot, "confirmations": None, "err": err, "confirmationStatus": "finalized",
             "status": {"Ok": None} if err is None else {"Err": err}}]}},
        "getSlot": {"jsonrpc": "2.0", "id": 1, "result": doc["tip"]},
        "getHealth": {"jsonrpc": "2.0", "id": 1, "result": "ok"},
    }

    def reply(request: httpx.Request) -> httpx.Response:
        calls = json.loads(request.content)
        single = isinstance(calls, dict)
        out = []
        for call in [calls] if single else calls:
            body = copy.deepcopy(answers[call["method"]])
            body["id"] = call["id"]
            out.append(body)
        return httpx.Response(200, json=out[0] if single else out)

    def install(router: respx.MockRouter) -> None:
        router.post(SOL_URL).mock(side_effect=reply)

    return install


# --- XRP Ledger (rippled JSON-RPC: one object per request) -----------------------------------------------------


def _rippled(doc: dict[str, Any]) -> Callable[[respx.MockRouter], None]:
    answers = {"tx": doc["tx"], "server_info": doc["server_info"]}

    def reply(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if not isinstance(body, dict):  # rippled refuses a JSON-RPC batch
            return httpx.Response(400, text="Unable to parse request: ")
        if body["method"] == "tx" and body["params"][0]["transaction"].upper() != doc["hash"].upper():
            return httpx.Response(200, json={"result": {"error": "txnNotFound", "status": "error"}})
        return httpx.Response(200, json=copy.deepcopy(answers[body["method"]]))

    def install(router: respx.MockRouter) -> None:
        router.post(XRP_URL).mock(side_effect=reply)

    return install


# --- the cases -------------------------------------------------------------------------------------------------


def _btc(name: str, to: str, expected: str, why: str) -> RealCase:
    doc = load("bitcoin", name)
    return RealCase(name=f"btc-{name}", chain="bitcoin", tx=doc["txid"], source=_source(doc), config=BTC_CONFIG,
                    install=_esplora(doc), to=to, expected=expected, why=why)


def _trx(name: str, to: str, expected: str, why: str) -> RealCase:
    doc = load("tron", name)
    return RealCase(name=f"tron-{name}", chain="tron", tx=doc["txid"], source=_source(doc), config=TRON_CONFIG,
                    install=_tron(doc), to=to, expected=expected, why=why)


def _sol(name: str, to: str, expected: str, why: str) -> RealCase:
    doc = load("solana", name)
    return RealCase(name=f"sol-{name}", chain="solana", tx=doc["signature"], source=_source(doc),
                    config=SOL_CONFIG, install=_solana(doc), to=to, expected=expected, why=why)


def _xrp(name: str, to: str, expected: str, why: str, memo: str | None = None) -> RealCase:
    doc = load("xrp", name)
    return RealCase(name=f"xrp-{name}", chain="xrp", tx=doc["hash"], source=_source(doc), config=XRP_CONFIG,
                    install=_rippled(doc), to=to, expected=expected, why=why, memo=memo,
                    sender=doc["tx"]["result"].get("tx_json", doc["tx"]["result"])["Account"])  # API v2, or v1


CASES: list[RealCase] = [
    # --- Bitcoin ---
    _btc("b10c-multi-output", "bc1qerj3ea5frs9zzqdwe65v6h8fhwl677a6s0hxhf", "below_minimum",
         "0xB10C's 10-in/9-out showcase transaction (block 850000) pays this P2WPKH output only 294 sat, "
         "far below the venue's 0.0001 BTC minimum, however well confirmed"),
    _btc("op-return-runes", "bc1qnzw0zfm5l3c9vztpp3aegx0j68zgqajyffr2r6", "confirmed",
         "a 3-output transaction (OP_RETURN, 546-sat dust, 23073 sat) in block 848136: 0.00023073 BTC reached "
         "this address, above the minimum, with thousands of confirmations"),
    _btc("mempool-multi-output", "38Jht2bzmJL4EwoFvvyFzejhfEb4J7KxLb", "pending",
         "an unconfirmed 4-output transaction (OP_RETURN plus three payments) pays 155000 sat to this P2SH "
         "address: it is in the mempool, not yet in a block"),
    _btc("rbf-replaced", "bc1p5t79edz9w4fcnmkjjk4e6k2tp7kd8cqggz37gal60sp9gyk9x72sk4mk0f", "replaced",
         "the customer's transaction paid 49394 sat to this taproot address, but its sender replaced it (RBF) "
         "with b6a53d8a…, which pays the coins back to the sender: it will never confirm"),
    # --- Tron ---
    _trx("trx-transfer-activation", "TFYJDYsKSatjohTrFd5i3J3uDSXnS5on38", "confirmed",
         "a plain TransferContract of 178.25977 TRX to this address (the sender paid the 1 TRX activation fee), "
         "succeeded and long past 19 blocks"),
    _trx("trx-dust-1-sun", "TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre", "below_minimum",
         "address-poisoning dust: 0.000001 TRX (1 sun) arrived, far below the 1 TRX minimum"),
    _trx("usdt-below-minimum", "TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB", "below_minimum",
         "a successful USDT (TR7NHq…) transfer(to, 10000) of 0.01 USDT to this address: the official token, "
         "but below the 1 USDT minimum"),
    # --- Solana ---
    _sol("token2022-ai16z", "BYh4CfuGDvFMKaZp3RPmkw9y6qg3sWukA2TiGJDeLKZi", "unsupported_token",
         "a Token-2022 (TokenzQd…) transfer of 0.01 ai16z (mint HeLp6NuQ…) into a new associated token account "
         "of this wallet: the venue lists no such token, so it cannot be credited"),
    _sol("usdc-transfer", "9fE6zKgca6K2EEa3yjbcq7zGMusUNqSQeWQNL2YDZ2Yi", "confirmed",
         "1 USDC (official mint EPjFWdd5…) arrived at this wallet's new token account, finalized, exactly the "
         "1 USDC minimum"),
    _sol("failed-sol-spam", "FQT9SSwEZ6UUQxsmTzgt5JzjrS4M5zm13M1QiYF8TEo6", "tx_failed",
         "a 20-recipient SOL dusting transaction that failed (InsufficientFundsForRent on another recipient): "
         "nothing reached this wallet; only the sender's fee was taken"),
    _sol("swap-unlisted-cobie", "DtMUkCoeyzs35B6EpQQxPyyog6TRwXxV1W1Acp8nWBNa", "unsupported_token",
         "a Jupiter swap: this wallet paid 0.01 USDC and received 2583.728601 of the pump.fun token HaMv3cdf… "
         "(classic SPL Token program), which the venue does not list"),
    # --- XRP Ledger ---
    _xrp("tagged-xrp-payment", "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh", "confirmed",
         "104.169972 XRP delivered to this exchange address with destination tag 109735445, which is the "
         "customer's tag, in a validated ledger", memo="109735445"),
    _xrp("no-tag-xrp-payment", "rLUmNB4HDBXceBoDTZwcMn2akcpSj44BaB", "memo_missing",
         "3 XRP delivered to this address without any destination tag, though the venue needs one to know whose "
         "deposit it is (the Memos text is not a tag)"),
    _xrp("jpy-gateway-payment", "rhS6Pb8oBMKshN6EznMeWCHJNHJuoom63r", "unsupported_token",
         "16 JPY issued by the Tokyo gateway rMAz5ZnK… (an XRPL issued currency, not XRP) delivered to this "
         "address: the venue accepts only XRP here"),
    _xrp("spam-token-with-tag", "rDMxhp4g689YyM7qfaarJRC6YMm74E3sMW", "unsupported_token",
         "a spam issued currency (hex code 021D…, issuer richard43…) worth 1e-81 delivered with tag 1: not XRP, "
         "so nothing the venue can credit", memo="1"),
]
