"""Real EVM transactions (Ethereum, Arbitrum, OP Mainnet, Base, Polygon, BNB Smart Chain) as ``RealCase``s.

Every body comes from rotki's recorded HTTP cassettes (``rotki/test-caching``): the ``result`` of
``eth_getTransactionByHash`` and ``eth_getTransactionReceipt`` as a node (or Etherscan's and Blockscout's
JSON-RPC proxies) answered rotki's own tests. They are stored whole in ``data/evm/<case>.json`` with the
cassette's path and commit. What the adapter asks that was not recorded is made up here and said so in each
file's ``source["derived"]``:

- ``eth_chainId``: the chain's id;
- the ``latest`` block: only ``number`` (the transaction's block + the file's ``tip_offset``) and
  ``timestamp`` (the test's own clock, so that the node is never stale);
- ``eth_call`` ``symbol()`` / ``decimals()`` of tokens the venue does not list: the ABI encoding of the
  values in the file's ``derived.tokens``, else a JSON-RPC error (the token's symbol is then unknown);
- the ``eth_call`` replay of a failed transaction: the file's ``derived.replay`` error.

The venue's ``[[assets]]`` are the official USDT / USDC contracts of each chain (and its native coin), with
minimum deposits and confirmations of the kind exchanges publish.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import respx

from tests.real.corpus import RealCase

DATA = Path(__file__).parent / "data" / "evm"

_SEL_SYMBOL = "0x95d89b41"
_SEL_DECIMALS = "0x313ce567"


@cache
def load(name: str) -> dict[str, Any]:
    """The data file of case ``name`` (recorded bodies, their source, what was made up)."""
    doc: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text("utf-8"))
    source = doc["source"]
    assert {"repo", "path", "commit", "derived"} <= set(source), f"{name}: incomplete source"
    assert len(source["commit"]) == 40, f"{name}: the commit must be 40 hex digits"
    return doc


def _abi_string(text: str) -> str:
    raw = text.encode()
    return "0x" + f"{32:064x}" + f"{len(raw):064x}" + raw.hex().ljust(64 * max(1, -(-len(raw) // 32)), "0")


def _abi_uint(n: int) -> str:
    return "0x" + f"{n:064x}"


def _fault(code: int, message: str) -> dict[str, Any]:
    return {"code": code, "message": message}


class RecordedNode:
    """One JSON-RPC endpoint answering, call by call, from a case's recorded and derived bodies."""

    def __init__(self, name: str) -> None:
        self.doc = load(name)
        self.tx_hash: str = self.doc["tx"]
        self.derived: dict[str, Any] = self.doc["derived"]
        self.calls: list[dict[str, Any]] = []

    def tip(self) -> int:
        block = int(self.doc["recorded"]["eth_getTransactionReceipt"]["blockNumber"], 16)
        return block + int(self.derived["tip_offset"])

    def answer(self, method: str, params: list[Any]) -> tuple[Any, dict[str, Any] | None]:
        """(result, None) or (None, error) for one call."""
        recorded = self.doc["recorded"]
        if method in ("eth_getTransactionByHash", "eth_getTransactionReceipt"):
            known = str(params[0]).lower() == self.tx_hash
            return (copy.deepcopy(recorded[method]) if known else None), None
        if method == "eth_getBlockByNumber" and params and params[0] == "latest":
            # made up: the tip the case needs, stamped with the test's clock (a fresh node)
            return {"number": hex(self.tip()), "timestamp": hex(int(time.time()))}, None
        if method == "eth_chainId":
            return self.derived["eth_chainId"], None
        if method == "eth_call":
            call, block = params[0], params[1] if len(params) > 1 else "latest"
            if block == "latest" and call.get("data") in (_SEL_SYMBOL, _SEL_DECIMALS):
                meta = self.derived.get("tokens", {}).get(str(call.get("to", "")).lower())
                if meta is None:
                    return None, _fault(3, "execution reverted")
                if call["data"] == _SEL_SYMBOL:
                    return _abi_string(meta["symbol"]), None
                return _abi_uint(int(meta["decimals"])), None
            replay = self.derived.get("replay")
            if replay is not None:
                return None, _fault(int(replay["code"]), str(replay["message"]))
            return None, _fault(3, "execution reverted")
        return None, _fault(-32601, f"the method {method} does not exist/is not available")

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        calls = body if isinstance(body, list) else [body]
        out = []
        for c in calls:
            self.calls.append(c)
            result, error = self.answer(c["method"], list(c.get("params") or []))
            reply: dict[str, Any] = {"jsonrpc": "2.0", "id": c.get("id")}
            if error is not None:
                reply["error"] = error
            else:
                reply["result"] = result
            out.append(reply)
        return httpx.Response(200, json=out if isinstance(body, list) else out[0])


def installer(name: str, url: str) -> Callable[[respx.MockRouter], None]:
    def install(router: respx.MockRouter) -> None:
        router.post(url).mock(side_effect=RecordedNode(name))

    return install


# --- the venue's listing per chain -----------------------------------------------------------------

URL = {chain: f"http://{chain}.test" for chain in ("ethereum", "arbitrum", "optimism", "base", "polygon", "bsc")}
CONFIRMATIONS = {"ethereum": 12, "arbitrum": 120, "optimism": 120, "base": 120, "polygon": 128, "bsc": 15}

# (currency, contract or None for the native coin, decimals, min_deposit)
LISTED: dict[str, list[tuple[str, str | None, int, str]]] = {
    "ethereum": [
        ("ETH", None, 18, "0.01"),
        ("USDT", "0xdac17f958d2ee523a2206206994597c13d831ec7", 6, "10"),
        ("USDC", "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48", 6, "10"),
    ],
    "arbitrum": [
        ("ETH", None, 18, "0.001"),
        ("USDT", "0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9", 6, "1"),
        ("USDC", "0xaf88d065e77c8cc2239327c5edb3a432268e5831", 6, "1"),
    ],
    "optimism": [
        ("ETH", None, 18, "0.001"),
        ("USDT", "0x94b008aa00579c1307b0ef2c499ad98a8ce58e58", 6, "1"),
        ("USDC", "0x0b2c639c533813f4aa9d7837caf62653d097ff85", 6, "1"),  # Circle's native USDC, not USDC.e
    ],
    "base": [
        ("ETH", None, 18, "0.001"),
        ("USDC", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", 6, "1"),
    ],
    "polygon": [
        ("POL", None, 18, "0.1"),
        ("USDT", "0xc2132d05d31c914a87c6611c10748aeb04b58e8f", 6, "1"),
        ("USDC", "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", 6, "1"),
    ],
    "bsc": [
        ("BNB", None, 18, "0.01"),
        ("USDT", "0x55d398326f99059ff775485246999027b3197955", 18, "1"),
        ("USDC", "0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d", 18, "1"),
    ],
}


def venue_config(chain: str) -> str:
    """A complete config: this chain alone (so no other chain is probed), the venue's rows for it."""
    lines = ["defaults = false", "", f"[chains.{chain}]", f'rpc = ["{URL[chain]}"]',
             f"confirmations = {CONFIRMATIONS[chain]}"]
    for currency, contract, decimals, minimum in LISTED[chain]:
        lines += ["", "[[assets]]", f'currency = "{currency}"', f'chain = "{chain}"']
        if contract is not None:
            lines.append(f'contract = "{contract}"')
        lines += [f"decimals = {decimals}", f'min_deposit = "{minimum}"', "deposit_enabled = true"]
    return "\n".join(lines) + "\n"


def case(name: str, chain: str, to: str | None, expected: str, why: str) -> RealCase:
    doc = load(name)
    return RealCase(
        name=name,
        chain=chain,
        tx=doc["tx"],
        source=dict(doc["source"]),
        config=venue_config(chain),
        install=installer(name, URL[chain]),
        to=to,
        expected=expected,
        why=why,
    )


CASES: list[RealCase] = [
    case(
        "eth-usdt-transfer", "ethereum", "0x6e15887e2cec81434c16d587709f64603b39b545", "confirmed",
        "A direct transfer() of 1166 real USDT (the listed contract) to the customer's address, succeeded, "
        "1001 confirmations of the 12 required: it should be credited.",
    ),
    case(
        "eth-usdt-awaiting", "ethereum", "0xb5d85cbf7cb3ee0d56b3bb207d5fc4b82f43f511", "awaiting_confirmations",
        "1166 real USDT reached the customer's address in a successful transaction that has 5 of the 12 "
        "confirmations the venue requires: nothing is wrong, it just needs 7 more blocks.",
    ),
    case(
        "eth-usdc-in-1inch-swap", "ethereum", "0x201b5abfd44a8f9b75f0fe1bae74cdac7675e54b", "confirmed",
        "The transaction is a call to the 1inch router, but its receipt has a real USDC Transfer of 7003.996145 "
        "from the router to the customer's address; the other tokens moved between pools and are not theirs.",
    ),
    case(
        "eth-usdc-swap-below-minimum", "ethereum", "0x9531c059098e3d194ff87febb587ab07b30b1306", "below_minimum",
        "Real USDC (1.60698) did reach the customer's address inside the 1inch Fusion fill, but the venue's "
        "minimum USDC deposit on Ethereum is 10: it is not credited automatically.",
    ),
    case(
        "eth-fake-usdc-poisoning", "ethereum", "0x929a6225a5012316af9d36386b243911ad6df9df", "unsupported_token",
        "The 44794.000506 'USDC' that reached the customer comes from contract 0x7ea0aa8f…, not Circle's USDC "
        "(0xa0b86991…): a worthless look-alike token in a spam batch, which the venue does not accept and "
        "cannot credit.",
    ),
    case(
        "eth-zero-value-poisoning", "ethereum", "0x9531c059098e3d194ff87febb587ab07b30b1306", "address_poisoning",
        "Every Transfer in the transaction is of 0 tokens, forged through transferFrom by a third party; the "
        "customer's address only appears as the 'sender' of 0 USDC to a look-alike address: no funds moved, it "
        "is not a deposit but an address-poisoning attempt (not below_minimum: there is nothing to top up).",
    ),
    case(
        "eth-failed-safe-usdc", "ethereum", "0xde21f729137c5af1b01d73af1dc21effa2b8a0d6", "tx_failed",
        "The Safe's execTransaction that was to send 150000 USDC to the customer's address reverted "
        "(status 0x0, no logs): nothing was transferred, the customer must send it again.",
    ),
    case(
        "eth-native-eth-transfer", "ethereum", "0x2819c144d5946404c0516b6f817a960db37d4929", "confirmed",
        "A plain 0.020423285624013049 ETH transfer to the customer's address, succeeded and deeply confirmed, "
        "above the 0.01 ETH minimum.",
    ),
    case(
        "eth-dai-not-listed", "ethereum", "0x4aa42145aa6ebf72e164c9bbc74fbd3788045016", "unsupported_token",
        "A genuine DAI transfer (193.961036565990280733 DAI) reached the customer's address, but the venue does not "
        "list DAI on Ethereum at all: it cannot be credited automatically (recovery, if any, is a manual request).",
    ),
    case(
        "eth-aave-ausdt-not-usdt", "ethereum", "0x9c9ef79aae8996c72ea8c374011d7ac1eb42c4fc", "unsupported_token",
        "What reached the customer is 50000 aEthUSDT, Aave's interest-bearing receipt token (contract "
        "0x23878914…), not USDT (0xdac17f95…): a different, unlisted token however close the name.",
    ),
    case(
        "arb-usdc-transfer", "arbitrum", "0x2df1c51e09aecf9cacb7bc98cb1742757f163df7", "confirmed",
        "A direct transfer() of 500.59 native USDC on Arbitrum One (the listed contract 0xaf88…) to the "
        "deposit address, succeeded, far past the 120 confirmations required.",
    ),
    case(
        "bsc-usdc-in-curve-swap", "bsc", "0x1b414e1977eaa94fa57c3e669683769ad19e88d5", "confirmed",
        "Inside the Curve router call, the router pays 50.337143372227800304 BSC USDC (18 decimals, the listed "
        "contract) to the customer's address; the USDT they paid in is an outgoing transfer, not a deposit.",
    ),
    case(
        "bsc-usdt-swap-nothing-to-address", "bsc", "0x113a6424cf48c467edf367973b8dfb4a18a0623a", "wrong_address",
        "The address the customer gave only paid 10 USDT into MetaMask's swap router (to 0xc590175e…, then a "
        "pool): no transfer in the transaction reached it, so this is not a deposit to that address.",
    ),
    case(
        "polygon-usdc-in-cowswap-settlement", "polygon", "0x9531c059098e3d194ff87febb587ab07b30b1306", "confirmed",
        "The CoW settlement pays 54.890715 native USDC (the listed Polygon contract 0x3c499c…) to the "
        "customer's address among many other traders' transfers; succeeded and confirmed.",
    ),
    case(
        "op-bridged-usdce-not-listed", "optimism", "0xb8553d9ee35dd23bb96fbd679e651b929821969b",
        "unsupported_token",
        "What reached the customer is 48.27448 of the bridged USDC.e (0x7f5c764c…), not Circle's native USDC "
        "(0x0b2c639c…) that the venue lists on OP Mainnet: same name, different token, not credited automatically.",
    ),
    case(
        "base-usdc-in-settler-swap", "base", "0x2b888954421b424c5d3d9ce9bb67c9bd47537d12", "confirmed",
        "The 0x Settler swap pays 10.631562 USDC (Base's native USDC, the listed contract) to the customer's "
        "address inside the call; succeeded and confirmed.",
    ),
]
