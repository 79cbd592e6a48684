"""Why an EVM transaction failed: only the chain's revert data says it, never a node's own error.

Vectors and where they come from:
- selectors of OpenZeppelin v5's IERC20Errors and Ownable errors: VeggiesLabs/veggia-prelude-contracts,
  errorSignature.md @ f4c8e5597715a33680f54815bca5d591c1fb0498 (a forge build's error-selector listing);
  EnforcedPause, ExpectedPause and SafeERC20FailedOperation are recomputed here with keccak-256 only.
- an ``Error(string)`` revert: Conflux-Chain/go-conflux-sdk, utils/abiutil/decoder_test.go
  @ 1a3ba32296bc999f28050265160b00600e259867 ("ERC721: owner query for nonexistent token").
- panic codes: OpenZeppelin/openzeppelin-contracts, contracts/utils/Panic.sol
  @ 041b7bb76279c6c766e288e407928c70df74a0d7 (Solidity's libsolutil/ErrorCodes.h list).
- the ``ERC20InsufficientBalance`` revert data: what anvil returned when tests/contracts/Reverter.sol's
  ``transfer`` reverted (the anvil tests below reproduce it live).
- the "missing trie node" answer is made up here in the shape of geth's error for a pruned state.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from eth_abi.abi import encode
from hypothesis import given
from hypothesis import strategies as st

from devchain import calldata, load_bytecode
from devchain.world import USDT, World
from supportctl.addressing._codec import keccak256
from supportctl.chains import evm
from supportctl.chains.evm import custom_error_selectors, decode_revert
from supportctl.core.config import load
from supportctl.core.model import ChainKey, TxFacts, TxStatus
from supportctl.engine.session import Session

ETH = ChainKey("ethereum")

KNOWN_SELECTORS = {
    "ERC20InsufficientBalance(address,uint256,uint256)": "e450d38c",
    "ERC20InvalidSender(address)": "96c6fd1e",
    "ERC20InvalidReceiver(address)": "ec442f05",
    "ERC20InsufficientAllowance(address,uint256,uint256)": "fb8f41b2",
    "ERC20InvalidApprover(address)": "e602df05",
    "ERC20InvalidSpender(address)": "94280d62",
    "OwnableUnauthorizedAccount(address)": "118cdaa7",
    "EnforcedPause()": "d93c0665",
    "ExpectedPause()": "8dfc202b",
    "SafeERC20FailedOperation(address)": "5274afe7",
}

CONFLUX_ERROR_STRING = bytes.fromhex(
    "08c379a0"
    "0000000000000000000000000000000000000000000000000000000000000020"
    "0000000000000000000000000000000000000000000000000000000000000029"
    "4552433732313a206f776e657220717565727920666f72206e6f6e6578697374"
    "656e7420746f6b656e0000000000000000000000000000000000000000000000"
)
ANVIL_INSUFFICIENT_BALANCE = bytes.fromhex(
    "e450d38c"
    "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000001f4"
)
SENDER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"


def sel(signature: str) -> bytes:
    return keccak256(signature.encode("ascii"))[:4]


# --- the decoder, alone ------------------------------------------------------------------------------


def test_selectors_are_the_known_ones() -> None:
    table = custom_error_selectors()
    assert {sig: s.hex() for s, sig in table.items()} == KNOWN_SELECTORS
    assert sel("Error(string)").hex() == "08c379a0" and sel("Panic(uint256)").hex() == "4e487b71"


def test_error_string_from_a_real_decoder_test() -> None:
    assert decode_revert(CONFLUX_ERROR_STRING) == "ERC721: owner query for nonexistent token"


@pytest.mark.parametrize(("code", "words"), [
    (0x01, "an assertion failed"),
    (0x11, "arithmetic overflow or underflow"),
    (0x12, "division or modulo by zero"),
    (0x21, "a value out of range for its enum"),
    (0x22, "a storage byte array is incorrectly encoded"),
    (0x31, "pop() on an empty array"),
    (0x32, "an array index out of bounds"),
    (0x41, "too much memory was allocated (or an array is too large)"),
    (0x51, "a call to an uninitialised internal function"),
])
def test_panic_codes_in_plain_words(code: int, words: str) -> None:
    data = sel("Panic(uint256)") + code.to_bytes(32, "big")
    assert decode_revert(data) == f"the contract panicked: {words} (Panic 0x{code:02x})"


def test_unknown_panic_code_is_said_as_a_number() -> None:
    assert decode_revert(sel("Panic(uint256)") + (0x99).to_bytes(32, "big")) == "the contract panicked (0x99)"


def test_openzeppelin_insufficient_balance_with_its_arguments() -> None:
    assert decode_revert(ANVIL_INSUFFICIENT_BALANCE) == (
        f"insufficient token balance (ERC20InsufficientBalance: sender {SENDER}, balance 0, needed 500)")


@pytest.mark.parametrize(("signature", "args", "expected"), [
    ("ERC20InsufficientAllowance(address,uint256,uint256)", [SENDER, 5, 500],
     f"insufficient allowance (ERC20InsufficientAllowance: spender {SENDER}, allowance 5, needed 500)"),
    ("ERC20InvalidReceiver(address)", ["0x" + "00" * 20],
     "the token refused the receiving address (ERC20InvalidReceiver: receiver 0x" + "00" * 20 + ")"),
    ("ERC20InvalidSender(address)", [SENDER], f"the token refused the sender (ERC20InvalidSender: sender {SENDER})"),
    ("ERC20InvalidApprover(address)", [SENDER],
     f"the token refused the approver (ERC20InvalidApprover: approver {SENDER})"),
    ("ERC20InvalidSpender(address)", [SENDER],
     f"the token refused the spender (ERC20InvalidSpender: spender {SENDER})"),
    ("OwnableUnauthorizedAccount(address)", [SENDER],
     f"only the contract's owner may do this (OwnableUnauthorizedAccount: account {SENDER})"),
    ("SafeERC20FailedOperation(address)", [SENDER],
     f"a token transfer made by the contract failed (SafeERC20FailedOperation: token {SENDER})"),
    ("EnforcedPause()", [], "the contract is paused (EnforcedPause)"),
    ("ExpectedPause()", [], "the contract is not paused (ExpectedPause)"),
])
def test_common_custom_errors(signature: str, args: list[Any], expected: str) -> None:
    types = signature.split("(", 1)[1].rstrip(")")
    data = sel(signature) + encode([t for t in types.split(",") if t], args)
    assert decode_revert(data) == expected


def test_unknown_custom_error_names_its_selector() -> None:
    data = bytes.fromhex("12345678") + (7).to_bytes(32, "big")
    assert decode_revert(data) == "reverted by the contract (custom error 0x12345678)"


def test_no_data_is_a_revert_without_a_reason() -> None:
    assert decode_revert(b"") == "reverted by the contract"
    assert decode_revert(sel("Error(string)") + encode(["string"], [""])) == "reverted by the contract"


@pytest.mark.parametrize("data", [
    b"\x08\xc3\x79",  # shorter than a selector
    bytes.fromhex("08c379a0123456"),  # an Error(string) selector and then garbage
    bytes.fromhex("08c379a0") + (2**255).to_bytes(32, "big") + bytes(32),  # offset far outside the data
    bytes.fromhex("08c379a0") + (32).to_bytes(32, "big") + (2**200).to_bytes(32, "big"),  # length too
    bytes.fromhex("4e487b71") + b"\x11",  # a panic without its code word
])
def test_malformed_data_is_said_never_raised(data: bytes) -> None:
    assert decode_revert(data).startswith(("reverted by the contract", "the contract panicked"))


def test_known_selector_with_malformed_arguments_keeps_the_name() -> None:
    short = sel("ERC20InsufficientBalance(address,uint256,uint256)") + bytes(40)
    assert decode_revert(short) == "insufficient token balance (ERC20InsufficientBalance)"
    not_an_address = sel("ERC20InvalidReceiver(address)") + b"\xff" * 32
    assert decode_revert(not_an_address) == "the token refused the receiving address (ERC20InvalidReceiver)"


@given(st.text(min_size=1, max_size=160).filter(lambda t: t == t.strip()))
def test_error_string_round_trips(text: str) -> None:
    assert decode_revert(sel("Error(string)") + encode(["string"], [text])) == text


@given(st.text(max_size=2000))
def test_a_long_reason_string_is_clipped(text: str) -> None:
    reason = decode_revert(sel("Error(string)") + encode(["string"], [text]))
    assert len(reason) <= 160


_SELECTORS = [sel("Error(string)"), sel("Panic(uint256)"), *(bytes.fromhex(s) for s in KNOWN_SELECTORS.values())]


@given(st.one_of(st.binary(max_size=300), st.tuples(st.sampled_from(_SELECTORS), st.binary(max_size=300))))
def test_any_bytes_decode_to_short_words(data: bytes | tuple[bytes, bytes]) -> None:
    raw = data if isinstance(data, bytes) else data[0] + data[1]
    reason = decode_revert(raw)
    assert isinstance(reason, str) and 0 < len(reason) <= 200


@pytest.mark.parametrize(("data", "expected"), [
    ("0x" + ANVIL_INSUFFICIENT_BALANCE.hex(), ANVIL_INSUFFICIENT_BALANCE),  # geth, anvil, Erigon
    ("Reverted 0x" + ANVIL_INSUFFICIENT_BALANCE.hex(), ANVIL_INSUFFICIENT_BALANCE),  # OpenEthereum, Nethermind
    ({"message": "reverted", "data": "0x"}, b""),  # Hardhat nests it
    ("0x", b""),
    (None, None),
    ("0xabc", None),  # odd length
    ("0xzz", None),
    ("missing trie node", None),
    (12, None),
])
def test_revert_data_in_the_error_object(data: Any, expected: bytes | None) -> None:
    assert evm._revert_data(data) == expected


# --- a failed replay through the real session and command line (respx, no node) ---------------------

URL = "https://rpc.test"
DATA = Path(__file__).parent / "data" / "evm"
FAILED_TX = "0x5df3d9c995969917c5bc59341732c032c9d7f6e1118003cfd2cd439513a81d06"
# geth's answer when the state to replay on has been pruned (made up in its shape; no real hash)
TRIE = {"code": -32000, "message": "missing trie node 9a6e0c0d5b3f1e2d4c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b "
                                   "(path ) state 0x9a6e0c0d5b3f is not available"}


def _entry(file: str, key: str, value: str) -> Any:
    for e in json.loads((DATA / file).read_text("utf-8"))["entries"]:
        if e.get(key) == value:
            return copy.deepcopy(e)
    raise LookupError(value)


class Node:
    """Answers the lookup's first batch from the recorded failed receipt, then ``replay`` for eth_call."""

    def __init__(self, replay: dict[str, Any] | httpx.Response) -> None:
        self.replay = replay
        self.receipt = _entry("failed_receipt.json", "method", "eth_getTransactionReceipt")["response"]["result"]
        self.tx = _entry("derived.json", "name", "failed_tx_reverted")["result"]
        self.block = int(self.receipt["blockNumber"], 16)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        calls = json.loads(request.content)
        if any(c["method"] == "eth_call" for c in calls):
            if isinstance(self.replay, httpx.Response):
                return self.replay
            return httpx.Response(200, json=[{"jsonrpc": "2.0", "id": c["id"], **self.replay} for c in calls])
        tip = {"number": hex(self.block + 100), "timestamp": hex(int(time.time())), "transactions": []}
        answers = {"eth_getTransactionByHash": self.tx, "eth_getTransactionReceipt": self.receipt,
                   "eth_getBlockByNumber": tip, "eth_chainId": "0x1"}
        return httpx.Response(200, json=[{"jsonrpc": "2.0", "id": c["id"], "result": answers[c["method"]]}
                                         for c in calls])


@pytest.fixture
def cfg(tmp_path: Path) -> str:
    path = tmp_path / "supportctl.toml"
    path.write_text(f'defaults = false\n[chains.ethereum]\nrpc = ["{URL}"]\nconfirmations = 12\n', "utf-8")
    return str(path)


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as r:
        yield r


def facts_of(cfg: str, tx: str) -> TxFacts:
    async def run() -> TxFacts:
        async with Session(load(cfg)) as session:
            lk = await session.lookup(ETH, tx)
        assert lk.error is None, lk.error
        assert lk.facts is not None
        return lk.facts

    return asyncio.run(run())


def test_missing_trie_node_is_no_reason(cli: Any, cfg: str, router: respx.MockRouter) -> None:
    router.post(URL).mock(side_effect=Node({"error": TRIE}))
    f = facts_of(cfg, FAILED_TX)
    assert (f.status, f.fail_reason) == (TxStatus.FAILED, None)
    assert f.replay_error is not None and f.replay_error.startswith("missing trie node 9a6e")
    r = cli("--config", cfg, "--format", "json", "deposit", FAILED_TX, "--chain", "ethereum")
    doc = json.loads(r.out)
    assert doc["verdict"] == "tx_failed"
    assert "fail_reason" not in doc["facts"]
    assert "trie" not in doc["reply"]["text"] and "9a6e" not in doc["reply"]["text"]


def test_unreachable_replay_is_no_reason(cfg: str, router: respx.MockRouter) -> None:
    router.post(URL).mock(side_effect=Node(httpx.Response(502)))
    f = facts_of(cfg, FAILED_TX)
    assert (f.status, f.fail_reason) == (TxStatus.FAILED, None)
    assert f.replay_error is not None and "HTTP 502" in f.replay_error


def test_replay_that_succeeds_is_no_reason(cfg: str, router: respx.MockRouter) -> None:
    router.post(URL).mock(side_effect=Node({"result": "0x"}))
    f = facts_of(cfg, FAILED_TX)
    assert f.fail_reason is None
    assert f.replay_error is not None and "did not fail" in f.replay_error


def test_revert_data_wins_over_the_message(cfg: str, router: respx.MockRouter) -> None:
    error = {"code": 3, "message": "execution reverted: something the node says",
             "data": "0x" + ANVIL_INSUFFICIENT_BALANCE.hex()}
    router.post(URL).mock(side_effect=Node({"error": error}))
    f = facts_of(cfg, FAILED_TX)
    assert f.fail_reason is not None and f.fail_reason.startswith("insufficient token balance")
    assert f.replay_error is None


def test_execution_reverted_without_data_is_a_revert(cfg: str, router: respx.MockRouter) -> None:
    router.post(URL).mock(side_effect=Node({"error": {"code": -32000, "message": "execution reverted"}}))
    f = facts_of(cfg, FAILED_TX)
    assert (f.fail_reason, f.replay_error) == ("reverted by the contract", None)


# --- real failed transactions on anvil, through the command line ------------------------------------


@pytest.fixture(scope="module")
def reverter(chain_world: World) -> str:
    """tests/contracts/Reverter.sol deployed on the world's "ethereum" node."""
    return chain_world.eth.rpc.deploy(load_bytecode("Reverter"))


def failed_call(world: World, contract: str, data: str) -> str:
    rpc = world.eth.rpc
    tx = rpc.send_tx(world.customer, contract, data=data, gas=200_000)  # a gas limit: mined, not refused
    assert rpc.wait_receipt(tx)["status"] == "0x0"
    return tx


def deposit(cli: Any, world: World, tx: str) -> dict[str, Any]:
    r = cli("--config", world.extra["config"], "--format", "json", "deposit", tx, "--to", world.deposit_address)
    assert r.err == "", r.err
    doc: dict[str, Any] = json.loads(r.out)
    assert (r.code, doc["verdict"]) == (1, "tx_failed")
    return doc


@pytest.mark.anvil
def test_custom_error_on_anvil(cli: Any, chain_world: World, reverter: str) -> None:
    data = calldata("transfer(address,uint256)", ["address", "uint256"], [chain_world.deposit_address, 500 * USDT])
    doc = deposit(cli, chain_world, failed_call(chain_world, reverter, data))
    reason = doc["facts"]["fail_reason"]
    assert reason == (f"insufficient token balance (ERC20InsufficientBalance: sender {chain_world.customer.lower()}, "
                      f"balance 0, needed {500 * USDT})")
    assert "ERC20InsufficientBalance" in doc["reply"]["text"]


@pytest.mark.anvil
def test_panic_on_anvil(cli: Any, chain_world: World, reverter: str) -> None:
    args = [chain_world.customer, chain_world.deposit_address, 500 * USDT]
    data = calldata("transferFrom(address,address,uint256)", ["address", "address", "uint256"], args)
    doc = deposit(cli, chain_world, failed_call(chain_world, reverter, data))
    assert doc["facts"]["fail_reason"] == "the contract panicked: arithmetic overflow or underflow (Panic 0x11)"


@pytest.mark.anvil
def test_bare_revert_on_anvil(chain_world: World, reverter: str) -> None:
    data = calldata("approve(address,uint256)", ["address", "uint256"], [chain_world.deposit_address, 1])
    f = facts_of(chain_world.extra["config"], failed_call(chain_world, reverter, data))
    assert (f.status, f.fail_reason, f.replay_error) == (TxStatus.FAILED, "reverted by the contract", None)
