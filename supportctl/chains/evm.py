"""Ethereum-family chains over JSON-RPC.

One batched round trip reads the transaction, its receipt and the chain tip. A second one is made only
when a token in the logs is not in the configured assets (its symbol and decimals are read on chain).
Transfers come from the native value and from every ERC-20 ``Transfer`` log, so a deposit paid inside a
contract call (a batch payout through ``transferFrom``) is found even though ``tx.to`` is the contract.
"""

from __future__ import annotations

import re
import time
from functools import cache
from typing import TYPE_CHECKING, Any

from supportctl.chains.interface import Adapter, ChainAdapter, Clients, RpcFault, TipProbe
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, Transfer, TxFacts, TxStatus
from supportctl.core.registry import Family, spec

if TYPE_CHECKING:
    from supportctl.chains.jsonrpc import JsonRpc
    from supportctl.core.config import Config

TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
_SEL_TRANSFER = "0xa9059cbb"  # transfer(address,uint256)
_SEL_TRANSFER_FROM = "0x23b872dd"  # transferFrom(address,address,uint256)
_SEL_SYMBOL = "0x95d89b41"  # symbol()
_SEL_DECIMALS = "0x313ce567"  # decimals()


def _tip_time(block: Any) -> float | None:
    stamp = block.get("timestamp") if isinstance(block, dict) else None
    return int(stamp, 16) if isinstance(stamp, str) and stamp.startswith("0x") else None


# How the client tells a node's freshness: the same `latest` block the lookup reads.
TIP_PROBE = TipProbe("eth_getBlockByNumber", ("latest", False), _tip_time)


async def lookup(clients: Clients, chain: ChainKey, tx_hash: str) -> TxFacts:
    """Facts about ``tx_hash`` on ``chain``. Raises ``SourceUnavailable`` when the node cannot say."""
    rpc, config = clients.rpc(chain), clients.config
    tx, receipt, tip_block, chain_id = await rpc.batch(
        [
            ("eth_getTransactionByHash", [tx_hash]),
            ("eth_getTransactionReceipt", [tx_hash]),
            ("eth_getBlockByNumber", ["latest", False]),
            ("eth_chainId", []),
        ]
    )
    source = rpc.answered_by or "?"
    expected = spec(chain).chain_id
    if isinstance(chain_id, str) and expected is not None and int(chain_id, 16) != expected:
        raise SourceUnavailable(
            f"{chain} RPC",
            f"{source} is chain id {int(chain_id, 16)}, not {spec(chain).name} "
            f"({expected}): check the rpc list in the config",
        )
    for name, value in (("transaction", tx), ("receipt", receipt), ("latest block", tip_block)):
        if isinstance(value, RpcFault):
            raise SourceUnavailable(f"{chain} RPC", f"{source} refused the {name} lookup: {value.message}")
    if not isinstance(tip_block, dict):
        raise SourceUnavailable(f"{chain} RPC", f"{source} did not return its latest block")
    tip = _int(tip_block, "number")
    tip_ts = _int(tip_block, "timestamp")
    common: dict[str, Any] = {
        "chain": chain,
        "tx_hash": tx_hash.lower(),
        "source": source,
        "tip": tip,
        "tip_age": max(0.0, time.time() - tip_ts),
    }
    if tx is None:
        return TxFacts(status=TxStatus.NOT_FOUND, **common)
    if not isinstance(tx, dict):
        raise SourceUnavailable(f"{chain} RPC", f"{source} returned a malformed transaction")
    sender = _addr(tx.get("from"))
    tx_to = _addr(tx.get("to"))
    native = _native_transfer(chain, tx)
    if tx.get("blockNumber") is None:
        transfers = native + await _with_tokens(rpc, config, chain, _calldata_transfers(tx))
        return TxFacts(status=TxStatus.PENDING, sender=sender, tx_to=tx_to, transfers=transfers, **common)
    block = _int(tx, "blockNumber")
    if not isinstance(receipt, dict):
        raise SourceUnavailable(f"{chain} RPC", f"{source} knows the transaction in block {block} but has no receipt")
    status = receipt.get("status")
    if status is None:
        raise SourceUnavailable(f"{chain} RPC", "the receipt has no status field (pre-Byzantium block)")
    block_time = _measured_block_time(tx, receipt, block, tip, tip_ts)
    timing: dict[str, Any] = {
        "block": block,
        "block_time": block_time or spec(chain).block_time,
        "block_time_measured": block_time is not None,
    }
    if int(status, 16) == 0:
        intended = native + await _with_tokens(rpc, config, chain, _calldata_transfers(tx))
        gas, used = _int(tx, "gas"), _int(receipt, "gasUsed")
        reason, replay_error = ("ran out of gas", None) if used >= gas else await _revert_reason(rpc, tx, block)
        return TxFacts(
            status=TxStatus.FAILED,
            sender=sender,
            tx_to=tx_to,
            transfers=intended,
            fail_reason=reason,
            replay_error=replay_error,
            **timing,
            **common,
        )
    logs = receipt.get("logs") or []
    transfers = native + await _with_tokens(rpc, config, chain, _log_transfers(logs))
    return TxFacts(status=TxStatus.SUCCESS, sender=sender, tx_to=tx_to, transfers=transfers, **timing, **common)


async def _revert_reason(rpc: JsonRpc, tx: dict[str, Any], block: int) -> tuple[str | None, str | None]:
    """Why a mined transaction reverted, as ``(reason, replay_error)``: the node replays it on the state
    before its block and the reason is decoded from the revert data the contract returned.

    Only the chain speaks for the contract. When the replay itself fails (a pruned node's "missing trie
    node", a timeout), the reason is unknown (``None``) and the node's words go to ``replay_error``, which
    is for the agent and never for the customer's reply.
    """
    call = {k: tx[k] for k in ("from", "to", "value", "gas") if tx.get(k)}
    call["data"] = tx.get("input") or tx.get("data") or "0x"
    try:
        answer = await rpc.call("eth_call", call, hex(max(0, block - 1)))
    except SourceUnavailable as e:
        return None, _clip(e.message)
    if not isinstance(answer, RpcFault):
        return None, (f"replayed on the state before block {block}, the call did not fail: it may depend on "
                      "transactions earlier in its own block")
    data = _revert_data(answer.data)
    if data is not None:
        return decode_revert(data), None
    message = answer.message.strip()
    if message.lower().startswith("execution reverted"):
        # the node says the EVM reverted but sent no data: what follows the colon is its own reading of the
        # contract's reason string (untrusted text from the contract, shown literally by the renderers)
        bare = message.lower().rstrip(":. ") == "execution reverted"
        return (_REVERTED if bare else _clip(message)), None
    return None, _clip(message or f"the node refused the replay (JSON-RPC error {answer.code})")


_REVERTED = "reverted by the contract"
_SEL_ERROR = bytes.fromhex("08c379a0")  # Error(string)
_SEL_PANIC = bytes.fromhex("4e487b71")  # Panic(uint256)
_REASON_CHARS = 160  # a reason string is shown literally: a contract may send kilobytes
_NODE_CHARS = 200

# Solidity's panic codes (the list OpenZeppelin's utils/Panic.sol follows, from libsolutil/ErrorCodes.h)
_PANICS = {
    0x00: "a generic compiler panic",
    0x01: "an assertion failed",
    0x11: "arithmetic overflow or underflow",
    0x12: "division or modulo by zero",
    0x21: "a value out of range for its enum",
    0x22: "a storage byte array is incorrectly encoded",
    0x31: "pop() on an empty array",
    0x32: "an array index out of bounds",
    0x41: "too much memory was allocated (or an array is too large)",
    0x51: "a call to an uninitialised internal function",
}

# Common custom errors (OpenZeppelin v5): signature → what it means in plain words. Each argument is one
# ABI word: ``address`` or ``uint256``.
_CUSTOM_ERRORS = {
    "ERC20InsufficientBalance(address,uint256,uint256)": "insufficient token balance",
    "ERC20InvalidSender(address)": "the token refused the sender",
    "ERC20InvalidReceiver(address)": "the token refused the receiving address",
    "ERC20InsufficientAllowance(address,uint256,uint256)": "insufficient allowance",
    "ERC20InvalidApprover(address)": "the token refused the approver",
    "ERC20InvalidSpender(address)": "the token refused the spender",
    "OwnableUnauthorizedAccount(address)": "only the contract's owner may do this",
    "EnforcedPause()": "the contract is paused",
    "ExpectedPause()": "the contract is not paused",
    "SafeERC20FailedOperation(address)": "a token transfer made by the contract failed",
}
# the arguments' names, for the words shown with them
_ARG_NAMES = {
    "ERC20InsufficientBalance": ("sender", "balance", "needed"),
    "ERC20InsufficientAllowance": ("spender", "allowance", "needed"),
    "ERC20InvalidSender": ("sender",),
    "ERC20InvalidReceiver": ("receiver",),
    "ERC20InvalidApprover": ("approver",),
    "ERC20InvalidSpender": ("spender",),
    "OwnableUnauthorizedAccount": ("account",),
    "SafeERC20FailedOperation": ("token",),
}


@cache
def custom_error_selectors() -> dict[bytes, str]:
    """4-byte selector → signature of each known custom error: keccak-256 of the signature, computed on
    first use (pycryptodome is loaded only when a failed transaction needs it)."""
    from supportctl.addressing._codec import keccak256

    return {keccak256(sig.encode("ascii"))[:4]: sig for sig in _CUSTOM_ERRORS}


def decode_revert(data: bytes) -> str:
    """The contract's reason in plain words, from a call's revert data. Never raises: malformed data is
    said as such. Amounts are the token's raw units (its decimals are not known here)."""
    if not data:
        return _REVERTED
    if len(data) < 4:
        return f"{_REVERTED} (malformed revert data 0x{data.hex()})"
    selector, body = data[:4], data[4:]
    if selector == _SEL_ERROR:
        text = _abi_string(body)
        if text is None:
            return f"{_REVERTED} (unreadable reason string)"
        return text or _REVERTED
    if selector == _SEL_PANIC:
        if len(body) < 32:
            return "the contract panicked (malformed panic code)"
        code = int.from_bytes(body[:32], "big")
        what = _PANICS.get(code)
        return f"the contract panicked: {what} (Panic 0x{code:02x})" if what else f"the contract panicked ({code:#x})"
    signature = custom_error_selectors().get(selector)
    if signature is None:
        return f"{_REVERTED} (custom error 0x{selector.hex()})"
    name = signature.split("(", 1)[0]
    args = _custom_args(signature, body)
    shown = f"{name}: {args}" if args else name
    return f"{_CUSTOM_ERRORS[signature]} ({shown})"


def _custom_args(signature: str, body: bytes) -> str:
    """``name value, …`` for a known custom error's arguments; empty when it has none or they are malformed."""
    name, _, rest = signature.partition("(")
    types = [t for t in rest.rstrip(")").split(",") if t]
    if not types or len(body) < 32 * len(types):
        return ""
    parts = []
    for i, (kind, label) in enumerate(zip(types, _ARG_NAMES.get(name, types), strict=False)):
        word = body[32 * i : 32 * (i + 1)]
        if kind == "address":
            if any(word[:12]):
                return ""  # not an address: the data is not what the selector promises
            parts.append(f"{label} 0x{word[12:].hex()}")
        else:
            parts.append(f"{label} {int.from_bytes(word, 'big')}")
    return ", ".join(parts)


def _abi_string(body: bytes) -> str | None:
    """An ABI-encoded ``string`` (the single argument of ``Error(string)``), clipped; ``None`` if malformed."""
    if len(body) < 64:
        return None
    offset = int.from_bytes(body[:32], "big")
    if offset > len(body) - 32:
        return None
    length = int.from_bytes(body[offset : offset + 32], "big")
    if length > len(body) - offset - 32:
        return None
    text = body[offset + 32 : offset + 32 + min(length, 4 * _REASON_CHARS)]  # 4 bytes at most per character
    return _clip(text.decode("utf-8", "replace").strip(), _REASON_CHARS)


def _revert_data(data: Any) -> bytes | None:
    """The revert data in a JSON-RPC error's ``data``: ``"0x…"`` (geth, anvil, Erigon), ``"Reverted 0x…"``
    (OpenEthereum, Nethermind) or ``{"data": "0x…"}`` (Hardhat); ``None`` when there is none."""
    if isinstance(data, dict):
        data = data.get("data")
    if not isinstance(data, str):
        return None
    text = data.strip().removeprefix("Reverted ").strip()
    if not text.startswith("0x") or len(text) % 2:
        return None
    try:
        return bytes.fromhex(text[2:])
    except ValueError:
        return None


def _clip(text: str, limit: int = _NODE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _native_transfer(chain: ChainKey, tx: dict[str, Any]) -> tuple[Transfer, ...]:
    value = _int(tx, "value")
    to = _addr(tx.get("to"))
    if value <= 0 or to is None:
        return ()
    s = spec(chain)
    return (Transfer(sender=_addr(tx.get("from")) or "", to=to, raw=value, decimals=s.decimals, symbol=s.native),)


def _log_transfers(logs: list[Any]) -> list[Transfer]:
    out = []
    for log in logs:
        topics = log.get("topics") or []
        # ERC-20 Transfer has 3 topics and the amount in data; ERC-721 puts the token id in a 4th topic.
        if len(topics) != 3 or topics[0].lower() != TRANSFER_TOPIC:
            continue
        data = log.get("data") or "0x"
        if len(data) < 66:
            continue
        out.append(
            Transfer(
                sender=_topic_addr(topics[1]),
                to=_topic_addr(topics[2]),
                raw=int(data[2:66], 16),
                contract=_addr(log.get("address")),
                log_index=_int(log, "logIndex") if log.get("logIndex") else None,
            )
        )
    return out


def _calldata_transfers(tx: dict[str, Any]) -> list[Transfer]:
    """What a token call meant to move, decoded from its input (for pending and failed transactions)."""
    data = (tx.get("input") or tx.get("data") or "0x").lower()
    contract = _addr(tx.get("to"))
    if contract is None:
        return []
    args = data[10:]
    try:
        if data.startswith(_SEL_TRANSFER) and len(args) >= 128:
            return [
                Transfer(
                    sender=_addr(tx.get("from")) or "",
                    to="0x" + args[24:64],
                    raw=int(args[64:128], 16),
                    contract=contract,
                )
            ]
        if data.startswith(_SEL_TRANSFER_FROM) and len(args) >= 192:
            return [
                Transfer(
                    sender="0x" + args[24:64], to="0x" + args[88:128], raw=int(args[128:192], 16), contract=contract
                )
            ]
    except ValueError:
        return []
    return []


async def _with_tokens(
    rpc: JsonRpc, config: Config, chain: ChainKey, transfers: list[Transfer]
) -> tuple[Transfer, ...]:
    """Fill in symbol and decimals: from ``[[assets]]`` when the contract is known, else read on chain."""
    unknown = sorted({t.contract for t in transfers if t.contract and config.asset_for(chain, t.contract) is None})
    meta: dict[str, tuple[str | None, int | None]] = {}
    if unknown:
        calls = [
            ("eth_call", [{"to": c, "data": sel}, "latest"]) for c in unknown for sel in (_SEL_SYMBOL, _SEL_DECIMALS)
        ]
        answers = await rpc.batch(calls)
        for i, c in enumerate(unknown):
            meta[c] = (_decode_symbol(answers[2 * i]), _decode_uint8(answers[2 * i + 1]))
    out = []
    for t in transfers:
        asset = config.asset_for(chain, t.contract) if t.contract else None
        if asset is not None:
            out.append(_replace(t, symbol=asset.currency, decimals=asset.decimals, symbol_from_chain=False))
        elif t.contract:
            symbol, decimals = meta.get(t.contract, (None, None))
            out.append(_replace(t, symbol=symbol, decimals=decimals, symbol_from_chain=True))
    return tuple(out)


def _replace(t: Transfer, **changes: Any) -> Transfer:
    from dataclasses import replace

    return replace(t, **changes)


def _decode_symbol(answer: Any) -> str | None:
    """The answer of ``symbol()``: an ABI ``string``, or ``bytes32`` for early tokens (MKR, SAI).

    Decoded here rather than with eth_abi, whose import costs a quarter of a second; tests check this
    decoder against eth_abi's encoder. Anything malformed is "symbol unknown", never a crash.
    """
    if not isinstance(answer, str) or not answer.startswith("0x"):
        return None
    try:
        raw = bytes.fromhex(answer[2:])
    except ValueError:
        return None
    if len(raw) == 32:  # bytes32
        text = raw.rstrip(b"\0").decode("utf-8", "replace")
    elif len(raw) >= 64:
        offset = int.from_bytes(raw[:32], "big")
        if offset > len(raw) - 32:
            return None
        length = int.from_bytes(raw[offset : offset + 32], "big")
        body = raw[offset + 32 : offset + 32 + length]
        if len(body) != length:
            return None
        text = body.decode("utf-8", "replace")
    else:
        return None
    return text[:64] or None


def _decode_uint8(answer: Any) -> int | None:
    if not isinstance(answer, str) or len(answer) < 3:
        return None
    try:
        value = int(answer, 16)
    except ValueError:
        return None
    return value if 0 <= value <= 77 else None


def _measured_block_time(
    tx: dict[str, Any], receipt: dict[str, Any], block: int, tip: int, tip_ts: int
) -> float | None:
    """Seconds per block between the transaction's block and the tip, when the node says the block's time."""
    ts = tx.get("blockTimestamp") or receipt.get("blockTimestamp")  # anvil: hex in tx, integer in receipt
    if ts is None or tip - block < 1:
        return None
    seconds = (tip_ts - (ts if isinstance(ts, int) else int(ts, 16))) / (tip - block)
    return seconds if seconds > 0 else None


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, str):
        raise SourceUnavailable("RPC", f"field {key!r} is missing or not a hex number")
    return int(value, 16)


def _addr(value: Any) -> str | None:
    return value.lower() if isinstance(value, str) and len(value) == 42 else None


def _topic_addr(topic: str) -> str:
    return "0x" + topic[-40:].lower()


ADAPTER: ChainAdapter = Adapter(
    family=Family.EVM,
    tx_pattern=re.compile(r"0[xX][0-9a-fA-F]{64}"),  # some wallets print 0X
    hash_hint="an EVM transaction hash is 0x followed by 64 hex digits",
    probe_tx="0x" + "00" * 32,
    lookup=lookup,
    tip_probe=TIP_PROBE,
)
