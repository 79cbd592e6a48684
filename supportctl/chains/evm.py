"""Ethereum-family chains over JSON-RPC.

One batched round trip reads the transaction, its receipt and the chain tip. A second one is made only
when a token in the logs is not in the configured assets (its symbol and decimals are read on chain).
Transfers come from the native value and from every ERC-20 ``Transfer`` log, so a deposit paid inside a
contract call (a batch payout through ``transferFrom``) is found even though ``tx.to`` is the contract.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from supportctl.chains.jsonrpc import JsonRpc, RpcFault
from supportctl.chains.registry import spec
from supportctl.config import Config
from supportctl.errors import SourceUnavailable
from supportctl.model import ChainKey, Transfer, TxFacts, TxStatus

if TYPE_CHECKING:
    from supportctl.session import Session

TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
_SEL_TRANSFER = "0xa9059cbb"  # transfer(address,uint256)
_SEL_TRANSFER_FROM = "0x23b872dd"  # transferFrom(address,address,uint256)
_SEL_SYMBOL = "0x95d89b41"  # symbol()
_SEL_DECIMALS = "0x313ce567"  # decimals()


async def lookup(session: Session, chain: ChainKey, tx_hash: str) -> TxFacts:
    """Facts about ``tx_hash`` on ``chain``. Raises ``SourceUnavailable`` when the node cannot say."""
    rpc, config = session.rpc(chain), session.config
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
        reason = "ran out of gas" if used >= gas else await _revert_reason(rpc, tx, block)
        return TxFacts(
            status=TxStatus.FAILED,
            sender=sender,
            tx_to=tx_to,
            transfers=intended,
            fail_reason=reason,
            **timing,
            **common,
        )
    logs = receipt.get("logs") or []
    transfers = native + await _with_tokens(rpc, config, chain, _log_transfers(logs))
    return TxFacts(status=TxStatus.SUCCESS, sender=sender, tx_to=tx_to, transfers=transfers, **timing, **common)


async def _revert_reason(rpc: JsonRpc, tx: dict[str, Any], block: int) -> str:
    """Why a mined transaction reverted: the node replays it on the state before its block."""
    call = {k: tx[k] for k in ("from", "to", "value", "gas") if tx.get(k)}
    call["data"] = tx.get("input") or tx.get("data") or "0x"
    try:
        answer = await rpc.call("eth_call", call, hex(max(0, block - 1)))
    except SourceUnavailable:
        return "reverted by the contract"
    if isinstance(answer, RpcFault) and answer.message:
        return answer.message[:200]  # untrusted text from the contract: shown literally by the renderers
    return "reverted by the contract"


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
