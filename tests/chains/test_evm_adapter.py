"""The EVM adapter against recorded JSON-RPC bodies (respx, no node): decoding, failures, failover.

Receipts are real recordings (``tests/chains/data/evm/*.json``, each entry with its ``source``). The transaction,
latest block and chain id the adapter asks for in the same batch are built around them and labelled
``derived`` in ``tests/chains/data/evm/derived.json``.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from supportctl.chains import evm
from supportctl.core import config
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, TxFacts, TxStatus
from supportctl.engine.session import Session

DATA = Path(__file__).parent / "data" / "evm"
ETH = ChainKey("ethereum")
RPC_A = "https://rpc-a.test/v3/KEY-A-SECRET"
RPC_B = "https://rpc-b.test/v1/KEY-B-SECRET?apikey=QUERY-SECRET"
SECRETS = ("KEY-A-SECRET", "KEY-B-SECRET", "QUERY-SECRET", "/v3", "/v1")

USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7"
SWAP_TX = "0xcd718a69d478340dc28fdf6bf8056374a52dc95841b44083163ced8dfe29310c"
SWAPPER = "0x901c7c311d39e0b26257219765e71e8db3107a81"  # receives the USDT in the recorded swap
POOL = "0xa82f91562e1cef9dec93a4ad328d01ea7827910a"
OTHER_TOKEN = "0xb7135877cd5d40aa3b086ac6f21c51bbafbbb41f"
FAILED_TX = "0x5df3d9c995969917c5bc59341732c032c9d7f6e1118003cfd2cd439513a81d06"
MISSING_TX = "0x00000000000000000000000000000000000000000000000000000000deadbeef"
LEGACY_TX = "0x3fbac8b19b59077cd29bbacc3815d73577b45a4d976cae80b04c98c793684c07"


# --- recorded and derived bodies -------------------------------------------------------------------


@cache
def _entries(file: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((DATA / file).read_text(encoding="utf-8"))["entries"]
    assert all(e.get("source") or e.get("derived") for e in entries), f"{file}: an entry without its origin"
    return entries


def recorded(file: str, method: str, tx: str | None = None) -> Any:
    """The recorded ``result`` of ``method`` (for ``tx``) in ``file``."""
    for e in _entries(file):
        if e["method"] == method and (tx is None or e["request"]["params"][0] == tx):
            return copy.deepcopy(e["response"]["result"])
    raise LookupError((file, method, tx))


def derived(name: str) -> Any:
    (entry,) = (e for e in _entries("derived.json") if e["name"] == name)
    assert entry["derived"] is True
    return copy.deepcopy(entry["result"])


def latest_block(number: int) -> dict[str, Any]:
    block: dict[str, Any] = derived("latest_block")
    block.update(number=hex(number), timestamp=hex(int(time.time())))  # fresh: the node is not stale
    return block


@dataclass(frozen=True)
class Fault:
    code: int
    message: str


class Node:
    """A JSON-RPC endpoint answering each call of a batch by method: a value, or ``f(params)``."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.batches: list[list[dict[str, Any]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        calls = json.loads(request.content)
        assert isinstance(calls, list), "the adapter always sends a batch"
        self.batches.append(calls)
        body = []
        for c in calls:
            answer = self.answers[c["method"]]
            if callable(answer):
                answer = answer(c["params"])
            if isinstance(answer, Fault):
                error = {"code": answer.code, "message": answer.message}
                body.append({"jsonrpc": "2.0", "id": c["id"], "error": error})
            else:
                body.append({"jsonrpc": "2.0", "id": c["id"], "result": answer})
        return httpx.Response(200, json=body[::-1])  # answers may come back in any order

    def methods(self, batch: int) -> list[str]:
        return [c["method"] for c in self.batches[batch]]


def node_for(tx: Any, receipt: Any, tip: int, eth_call: Any = None) -> Node:
    return Node({
        "eth_getTransactionByHash": tx,
        "eth_getTransactionReceipt": receipt,
        "eth_getBlockByNumber": latest_block(tip),
        "eth_chainId": derived("chain_id_mainnet"),
        "eth_call": eth_call if eth_call is not None else Fault(-32000, "execution reverted"),
    })


def swap_receipt() -> Any:
    return recorded("mainnet_usdt_swap_receipt.json", "eth_getTransactionReceipt")


def swap_node(tip_offset: int = 11, receipt: Any = None) -> Node:
    rec = receipt if receipt is not None else swap_receipt()

    def eth_call(params: list[Any]) -> Any:
        # the other token of the swap is not a configured asset: its symbol and decimals are read on chain.
        # These two answers are constructed (ABI encodings of "TKN" and 18), not recorded.
        to, data = params[0]["to"], params[0]["data"]
        assert to == OTHER_TOKEN, "USDT is a configured asset: nothing is read from its contract"
        if data == "0x95d89b41":  # symbol()
            return "0x" + f"{32:064x}" + f"{3:064x}" + b"TKN".hex().ljust(64, "0")
        assert data == "0x313ce567"  # decimals()
        return "0x" + f"{18:064x}"

    return node_for(derived("swap_tx"), rec, int(rec["blockNumber"], 16) + tip_offset, eth_call)


# --- config and runners ----------------------------------------------------------------------------


@pytest.fixture
def cfg_path(tmp_path: Path) -> Path:
    """The built-in defaults (their USDT row, their confirmations), ethereum's rpc pointed at two fakes."""
    path = tmp_path / "supportctl.toml"
    path.write_text(f'[chains.ethereum]\nrpc = ["{RPC_A}", "{RPC_B}"]\n', encoding="utf-8")
    return path


@pytest.fixture
def only_eth_path(tmp_path: Path) -> Path:
    """Ethereum alone, so that a hash not found there is not looked for on other chains."""
    path = tmp_path / "eth-only.toml"
    text = f'defaults = false\n[chains.ethereum]\nrpc = ["{RPC_A}"]\nconfirmations = 12\n'
    path.write_text(text, encoding="utf-8")
    return path


def lookup(path: Path, tx: str, times: int = 1) -> tuple[TxFacts, int]:
    """Facts for ``tx`` on ethereum, and how many HTTP requests the session made."""
    cfg = config.load(path)

    async def run() -> tuple[TxFacts, int]:
        async with Session(cfg) as session:
            facts = [await evm.lookup(session, ETH, tx) for _ in range(times)]
            assert all(replace(f, tip_age=None) == replace(facts[0], tip_age=None) for f in facts)
            return facts[0], session.requests

    return asyncio.run(run())


@pytest.fixture
def mock() -> Any:
    with respx.mock(assert_all_called=False) as router:
        yield router


def deposit_json(cli: Any, path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    r = cli("--config", str(path), "--format", "json", "deposit", *args)
    assert "Traceback" not in r.err
    lines = r.out.splitlines()
    assert len(lines) == 1, (r.out, r.err)
    return r.code, json.loads(lines[0]), r.err


def findings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


# --- decoding --------------------------------------------------------------------------------------


def test_usdt_transfer_log_is_decoded_with_the_configured_asset(mock: Any, cfg_path: Path) -> None:
    node = swap_node()
    mock.post(RPC_A).mock(side_effect=node)
    facts, requests = lookup(cfg_path, SWAP_TX)
    block = int(swap_receipt()["blockNumber"], 16)
    assert (facts.status, facts.block, facts.tip) == (TxStatus.SUCCESS, block, block + 11)
    assert facts.confirmations == 12
    assert facts.source == "https://rpc-a.test" and facts.tx_hash == SWAP_TX
    assert facts.sender == SWAPPER and facts.tx_to == "0xef1c6e67703c7bd7107eed8303fbe6ec2554bf6b"
    usdt, other = facts.transfers  # two Transfer logs; the Approval and Swap logs are not transfers
    assert (usdt.contract, usdt.sender, usdt.to, usdt.raw) == (USDT, POOL, SWAPPER, 4361142255)
    assert (usdt.symbol, usdt.decimals, usdt.symbol_from_chain) == ("USDT", 6, False)
    assert usdt.amount == Decimal("4361.142255") and usdt.log_index == 0x24E
    assert (other.contract, other.to, other.symbol) == (OTHER_TOKEN, POOL, "TKN") and other.symbol_from_chain
    assert other.amount == Decimal(50000)
    # one batch for the transaction, its receipt, the tip and the chain id; one for the unknown token
    assert requests == 2 and len(node.batches) == 2
    assert sorted(node.methods(0)) == sorted(["eth_getTransactionByHash", "eth_getTransactionReceipt",
                                              "eth_getBlockByNumber", "eth_chainId"])
    assert {"method": "eth_getBlockByNumber", "params": ["latest", False]}.items() <= next(
        c for c in node.batches[0] if c["method"] == "eth_getBlockByNumber").items()
    assert node.methods(1) == ["eth_call", "eth_call"]


def test_the_same_lookup_twice_is_one_request(mock: Any, cfg_path: Path) -> None:
    node = swap_node()
    mock.post(RPC_A).mock(side_effect=node)
    _, requests = lookup(cfg_path, SWAP_TX, times=2)
    assert requests == 2 and len(node.batches) == 2  # memoised: nothing asked twice in one run


@pytest.mark.parametrize(("tip_offset", "code", "verdict", "confirmations"), [
    (11, 0, "confirmed", 12),  # tip - block + 1 = 12: exactly what ethereum requires by default
    (10, 0, "awaiting_confirmations", 11),
])
def test_cli_deposit_of_recorded_usdt_transfer(cli: Any, mock: Any, cfg_path: Path, tip_offset: int,
                                               code: int, verdict: str, confirmations: int) -> None:
    mock.post(RPC_A).mock(side_effect=swap_node(tip_offset))
    to = "0x" + SWAPPER[2:].upper()  # addresses compare whatever their case
    got, doc, err = deposit_json(cli, cfg_path, SWAP_TX, "--chain", "ERC20", "--to", to)
    assert (got, doc["verdict"], err) == (code, verdict, "")
    facts = doc["facts"]
    assert (facts["amount"], facts["currency"]) == ("4361.142255", "USDT")
    assert (facts["to"], facts["contract"]) == (SWAPPER, USDT)
    assert (facts["confirmations"], facts["required_confirmations"]) == (confirmations, 12)
    assert facts["explorer_url"] == f"https://etherscan.io/tx/{SWAP_TX}" and facts["source"] == "https://rpc-a.test"
    assert "4,361.142255 USDT" in doc["reply"]["text"]  # the facts keep "4361.142255"; the reply is the locale's


def test_erc721_transfer_is_not_a_deposit(cli: Any, mock: Any, cfg_path: Path) -> None:
    mock.post(RPC_A).mock(side_effect=swap_node(receipt=derived("erc721_receipt")))
    facts, _ = lookup(cfg_path, SWAP_TX)
    assert facts.status is TxStatus.SUCCESS and facts.transfers == ()
    code, doc, _ = deposit_json(cli, cfg_path, SWAP_TX, "--chain", "ethereum", "--to", SWAPPER)
    assert (code, doc["verdict"]) == (1, "wrong_address")
    assert "amount" not in doc["facts"]
    assert "Nothing in this transaction was paid to" in findings(doc)["DEP004"]["message"]


# --- failed, missing, undecidable ------------------------------------------------------------------


def failed_node(tx_name: str, eth_call: Any = None) -> Node:
    receipt = recorded("failed_receipt.json", "eth_getTransactionReceipt")
    return node_for(derived(tx_name), receipt, int(receipt["blockNumber"], 16) + 100, eth_call)


def test_status_0x0_receipt_is_a_failed_transaction(cli: Any, mock: Any, cfg_path: Path) -> None:
    node = failed_node("failed_tx_out_of_gas")
    mock.post(RPC_A).mock(side_effect=node)
    facts, requests = lookup(cfg_path, FAILED_TX)
    assert facts.status is TxStatus.FAILED and facts.fail_reason == "ran out of gas"
    assert requests == 1  # gas used == gas limit: no need to replay it for a reason
    code, doc, _ = deposit_json(cli, cfg_path, FAILED_TX, "--chain", "ethereum")
    assert (code, doc["verdict"], doc["severity"]) == (1, "tx_failed", "error")
    assert doc["facts"]["fail_reason"] == "ran out of gas" and "ran out of gas" in doc["reply"]["text"]


def test_reverted_transaction_says_the_contracts_reason(mock: Any, cfg_path: Path) -> None:
    reason = "execution reverted: ERC20: transfer amount exceeds balance"
    node = failed_node("failed_tx_reverted", Fault(3, reason))
    mock.post(RPC_A).mock(side_effect=node)
    facts, requests = lookup(cfg_path, FAILED_TX)
    assert facts.status is TxStatus.FAILED
    assert facts.fail_reason == reason
    (call,) = node.batches[1]
    block = int(recorded("failed_receipt.json", "eth_getTransactionReceipt")["blockNumber"], 16)
    assert call["method"] == "eth_call" and call["params"][1] == hex(block - 1)  # on the state before it
    assert requests == 2


def test_null_transaction_is_not_found(cli: Any, mock: Any, only_eth_path: Path) -> None:
    node = node_for(recorded("not_found.json", "eth_getTransactionByHash", MISSING_TX),
                    recorded("not_found.json", "eth_getTransactionReceipt", MISSING_TX), 0x36)
    mock.post(RPC_A).mock(side_effect=node)
    facts, _ = lookup(only_eth_path, MISSING_TX)
    assert (facts.status, facts.tip, facts.block, facts.transfers) == (TxStatus.NOT_FOUND, 0x36, None, ())
    code, doc, _ = deposit_json(cli, only_eth_path, MISSING_TX, "--chain", "ethereum")
    assert (code, doc["verdict"]) == (1, "not_found")
    assert findings(doc)["DEP001"]["evidence"]["chains"] == ["ethereum"]


def test_receipt_without_status_is_unknown_not_failed(cli: Any, mock: Any, cfg_path: Path) -> None:
    # a pre-Byzantium receipt has a state root instead of a status: success cannot be told from it
    node = node_for(recorded("pre_byzantium.json", "eth_getTransactionByHash"),
                    recorded("pre_byzantium.json", "eth_getTransactionReceipt"),
                    int(recorded("pre_byzantium.json", "eth_blockNumber"), 16))
    mock.post(RPC_A).mock(side_effect=node)
    with pytest.raises(SourceUnavailable, match="no status"):
        lookup(cfg_path, LEGACY_TX)
    code, doc, _ = deposit_json(cli, cfg_path, LEGACY_TX, "--chain", "ethereum")
    assert (code, doc["verdict"]) == (3, "unknown")


# --- endpoints failing -----------------------------------------------------------------------------


@pytest.mark.parametrize("first", [
    httpx.Response(500, text="internal error"),
    httpx.Response(429, json={"error": "rate limited"}),
    httpx.ConnectError("refused"),
    httpx.ReadTimeout("slow"),
    httpx.Response(200, text="<html>Cloudflare</html>"),
])
def test_failure_on_the_first_endpoint_fails_over_to_the_second(mock: Any, cfg_path: Path,
                                                                 first: Any) -> None:
    a = mock.post(RPC_A)
    if isinstance(first, Exception):
        a.mock(side_effect=first)
    else:
        a.mock(return_value=first)
    b = mock.post(RPC_B).mock(side_effect=swap_node())
    facts, _ = lookup(cfg_path, SWAP_TX)
    assert facts.source == "https://rpc-b.test" and facts.status is TxStatus.SUCCESS
    # the token lookup goes straight to the endpoint that answered: a dead one is paid for once a run
    assert a.call_count == 1 and b.call_count == 2


def test_unusable_url_fails_over_too(mock: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad-url.toml"
    text = '[chains.ethereum]\nrpc = ["https://rpc-a.test/v3/\\u0001", "' + RPC_B + '"]\n'
    path.write_text(text, encoding="utf-8")
    mock.post(RPC_B).mock(side_effect=swap_node())
    facts, _ = lookup(path, SWAP_TX)
    assert facts.source == "https://rpc-b.test"


@pytest.mark.parametrize(("failure", "said"), [
    (httpx.Response(200, text="<html>Cloudflare</html>"), "malformed answer"),
    (httpx.Response(200, json={"jsonrpc": "2.0", "id": 0, "result": "0x1"}), "expected a JSON-RPC batch"),
    (httpx.Response(200, json={"jsonrpc": "2.0", "id": None,
                               "error": {"code": -32600, "message": "bad key"}}), "batch refused: bad key"),
    (httpx.Response(200, json=[{"jsonrpc": "2.0", "id": 99, "result": None}]), "unexpected id 99"),
    (httpx.Response(503, text="down"), "HTTP 503"),
    (httpx.ReadTimeout("slow"), "timed out after 10s"),
    (httpx.ConnectError("refused"), "unreachable (ConnectError)"),
])
def test_every_endpoint_failing_is_unknown_naming_hosts_only(cli: Any, mock: Any, cfg_path: Path,
                                                             failure: Any, said: str) -> None:
    for url in (RPC_A, RPC_B):
        if isinstance(failure, Exception):
            mock.post(url).mock(side_effect=failure)
        else:
            mock.post(url).mock(return_value=failure)
    code, doc, err = deposit_json(cli, cfg_path, SWAP_TX, "--chain", "ethereum", "--to", SWAPPER)
    assert (code, doc["verdict"], doc["severity"], err) == (3, "unknown", "unknown", "")
    message = findings(doc)["DEP001"]["message"]
    assert "https://rpc-a.test" in message and "https://rpc-b.test" in message and said in message
    assert doc["summary"] == message
    for secret in SECRETS:
        assert secret not in json.dumps(doc)
    r = cli("--config", str(cfg_path), "deposit", SWAP_TX, "--chain", "ethereum", "--no-color")
    assert r.code == 3 and "rpc-b.test" in r.out and not any(s in r.out + r.err for s in SECRETS)


def test_env_reference_in_rpc_is_used_but_never_shown(cli: Any, mock: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_RPC_KEY", "S3CR3T-FROM-ENV")
    path = tmp_path / "env.toml"
    path.write_text('[chains.ethereum]\nrpc = ["https://rpc-a.test/v3/${TEST_RPC_KEY}"]\n', encoding="utf-8")
    route = mock.post("https://rpc-a.test/v3/S3CR3T-FROM-ENV").mock(side_effect=swap_node())
    code, doc, err = deposit_json(cli, path, SWAP_TX, "--chain", "ethereum", "--to", SWAPPER)
    assert (code, doc["verdict"]) == (0, "confirmed") and route.called
    assert "S3CR3T" not in json.dumps(doc) + err


def test_missing_env_var_in_rpc_is_one_clear_line(cli: Any, mock: Any, tmp_path: Path) -> None:
    path = tmp_path / "env.toml"
    text = '[chains.ethereum]\nrpc = ["https://rpc-a.test/v3/${TEST_RPC_KEY_UNSET}"]\n'
    path.write_text(text, encoding="utf-8")
    r = cli("--config", str(path), "deposit", SWAP_TX, "--chain", "ethereum")
    assert (r.code, r.out) == (2, "")
    (line,) = r.err.splitlines()
    assert "TEST_RPC_KEY_UNSET is not set" in line
    assert not mock.calls


def test_adapter_error_never_names_a_url_path(mock: Any, cfg_path: Path) -> None:
    mock.post(RPC_A).mock(side_effect=httpx.ReadTimeout("slow"))
    mock.post(RPC_B).mock(return_value=httpx.Response(502))
    with pytest.raises(SourceUnavailable) as e:
        lookup(cfg_path, SWAP_TX)
    assert e.value.source == "ethereum RPC"
    assert e.value.reason == "https://rpc-a.test timed out after 10s; https://rpc-b.test answered HTTP 502"

