"""Tron over the TronGrid / java-tron HTTP API (``/wallet/…``).

Three concurrent POSTs per lookup: ``gettransactionbyid`` (the transaction: its contract, sender,
recipient, amount or calldata, and ``ret[0].contractRet``), ``gettransactioninfobyid`` (block, receipt,
``Transfer`` event logs, failure details) and the tip. The tip comes from ``getblock`` with
``detail: false`` (header only, java-tron 4.7+); a node without that endpoint answers 404 and the
heavier ``getnowblock`` (the tip block with all its transactions) is asked instead. Answers are
memoised per run, so a bulk run reads the tip once.

Status: both answers ``{}`` → ``NOT_FOUND`` (TronGrid answers 200 ``{}`` for an unknown id, never 404);
the transaction known but no info yet → ``PENDING`` (broadcast, not yet in a block the node has
processed); a failure code in ``receipt.result`` or ``ret[0].contractRet`` (REVERT, OUT_OF_ENERGY,
OUT_OF_TIME …) or ``result: FAILED`` → ``FAILED`` with the reason in words; else ``SUCCESS``.
Confirmations are ``tip − block + 1``; a Tron block is final (solidified) at 19.

Transfers: a TRX ``TransferContract`` (amount in sun, 6 decimals; ``contract`` None); a TRC-10
``TransferAssetContract`` (``contract`` = the token id); TRX sent along with a contract call
(``call_value``); every TRC-20 ``Transfer(address,address,uint256)`` event in the info's logs (log
``address`` is the 20-byte contract without the 41 prefix). Pending and failed calls have no logs: what
a ``transfer``/``transferFrom`` call meant to move is decoded from its calldata instead. Addresses are
given in base58check ``T…`` form, contracts too, so ``config.asset_for("tron", "TR7N…")`` finds USDT.
Symbol and decimals come from the venue's ``[[assets]]``; a token it does not list keeps them unknown
(no on-chain ``symbol()`` call yet). TRX moved by contracts (internal transactions) is not listed.

``TRON_PRO_API_KEY`` from the environment, when set, is sent as the ``TRON-PRO-API-KEY`` header (TronGrid
rate limits); it is never shown. ``raw_data.data`` (a note the sender attached) is the transaction memo.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from supportctl.chains.interface import Adapter, ChainAdapter, Clients
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, Transfer, TxFacts, TxStatus
from supportctl.core.registry import Family, spec

if TYPE_CHECKING:
    from supportctl.chains.rest import Rest
    from supportctl.core.config import Config

API_KEY_ENV = "TRON_PRO_API_KEY"
API_KEY_HEADER = "TRON-PRO-API-KEY"
TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
_SEL_TRANSFER = "a9059cbb"  # transfer(address,uint256)
_SEL_TRANSFER_FROM = "23b872dd"  # transferFrom(address,address,uint256)

# What Tron's contract result codes mean for the person who sent the transaction.
_REASONS = {
    "REVERT": "the contract rejected the call (for a token transfer: usually too low a balance, "
              "or a frozen or blacklisted address)",
    "OUT_OF_ENERGY": "the sender did not have enough energy/TRX to pay for the contract call",
    "OUT_OF_TIME": "the contract call ran longer than the network allows",
    "TRANSFER_FAILED": "the contract could not pay out the TRX or token it tried to send",
    "UNKNOWN": "the network reports an unknown failure",
}
_FAULTS = {"BAD_JUMP_DESTINATION", "OUT_OF_MEMORY", "PRECOMPILED_CONTRACT", "STACK_TOO_SMALL",
           "STACK_TOO_LARGE", "ILLEGAL_OPERATION", "STACK_OVERFLOW", "JVM_STACK_OVER_FLOW", "INVALID_CODE"}
_NO_VERDICT = {"", "SUCCESS", "DEFAULT"}
_TIP_LAG = 20  # blocks (a minute) the tip answer may trail the block of a transaction from another replica


async def lookup(clients: Clients, chain: ChainKey, tx_hash: str) -> TxFacts:
    """Facts about ``tx_hash`` on Tron. Raises ``SourceUnavailable`` when the API cannot say."""
    import asyncio  # the adapter's module stays cheap to import: identify reads its tx_pattern

    key = os.environ.get(API_KEY_ENV, "").strip()
    rest = clients.rest(chain, {API_KEY_HEADER: key} if key else None)
    txid = tx_hash.lower()
    where = f"{chain} API"
    answers = await asyncio.gather(
        rest.post("/wallet/gettransactionbyid", {"value": txid}),
        rest.post("/wallet/gettransactioninfobyid", {"value": txid}),
        _tip_block(rest),
        return_exceptions=True,
    )
    for a in answers:
        if isinstance(a, BaseException):
            raise a
    tx, info, head = answers
    source = rest.answered_by or "?"
    tx, info = _body(where, source, "transaction", tx), _body(where, source, "transaction info", info)
    tip, tip_ms = _header(where, source, head)
    common: dict[str, Any] = {"chain": chain, "tx_hash": txid, "source": source, "tip": tip,
                              "tip_age": max(0.0, time.time() - tip_ms / 1000)}
    if not tx:
        if info:
            raise SourceUnavailable(where, f"{source} has the receipt of {txid[:12]}… but not the "
                                    "transaction: its answers disagree")
        return TxFacts(status=TxStatus.NOT_FOUND, **common)
    if str(tx.get("txID", txid)).lower() != txid or str(info.get("id", txid)).lower() != txid:
        raise SourceUnavailable(where, f"{source} answered with another transaction than {txid[:12]}…")
    try:
        parsed = _parse(clients.config, chain, tx, info)
    except ValueError as e:
        raise SourceUnavailable(where, f"{source} sent a malformed transaction ({e})") from None
    status, reason, transfers, sender, tx_to, memo = parsed
    parties: dict[str, Any] = {"sender": sender, "tx_to": tx_to, "transfers": transfers, "memo": memo}
    if status is TxStatus.PENDING:
        return TxFacts(status=status, block_time=spec(chain).block_time, **parties, **common)
    block = info.get("blockNumber")
    if not isinstance(block, int) or isinstance(block, bool):
        raise SourceUnavailable(where, f"{source} sent a receipt without a block number")
    if block > tip + _TIP_LAG:
        raise SourceUnavailable(where, f"{source} puts the transaction in block {block}, above its tip {tip}")
    common["tip"] = max(tip, block)  # TronGrid is load-balanced: the tip may come from a replica just behind
    measured = None
    block_ms = info.get("blockTimeStamp")
    if isinstance(block_ms, int) and tip > block:
        seconds = (tip_ms - block_ms) / 1000 / (tip - block)
        measured = seconds if seconds > 0 else None
    return TxFacts(status=status, block=block, fail_reason=reason,
                   block_time=measured or spec(chain).block_time, block_time_measured=measured is not None,
                   **parties, **common)


async def _tip_block(rest: Rest) -> Any:
    """The newest block's header: ``getblock`` without transactions, else ``getnowblock``."""
    from supportctl.chains.rest import NOT_FOUND

    head = await rest.post("/wallet/getblock", {"detail": False})
    if head is NOT_FOUND or not (isinstance(head, dict) and isinstance(head.get("block_header"), dict)):
        head = await rest.post("/wallet/getnowblock", {})
    return head


def _body(where: str, source: str, what: str, answer: Any) -> dict[str, Any]:
    from supportctl.chains.rest import NOT_FOUND

    if answer is NOT_FOUND:
        raise SourceUnavailable(where, f"{source} has no /wallet/ API (404 for the {what}): is it a TronGrid "
                                "or java-tron HTTP endpoint?")
    if not isinstance(answer, dict):
        raise SourceUnavailable(where, f"{source} sent a malformed {what}")
    error = answer.get("Error") or answer.get("error")
    if error:
        raise SourceUnavailable(where, f"{source} refused the {what} lookup: {str(error)[:160]}")
    return answer


def _header(where: str, source: str, head: Any) -> tuple[int, int]:
    """(tip number, tip timestamp in milliseconds)."""
    header = head.get("block_header") if isinstance(head, dict) else None
    raw = header.get("raw_data") if isinstance(header, dict) else None
    number = raw.get("number") if isinstance(raw, dict) else None
    stamp = raw.get("timestamp") if isinstance(raw, dict) else None
    if not isinstance(number, int) or not isinstance(stamp, int) or isinstance(number, bool):
        raise SourceUnavailable(where, f"{source} did not return its newest block")
    return number, stamp


Parsed = tuple[TxStatus, str | None, tuple[Transfer, ...], str | None, str | None, str | None]


def _parse(config: Config, chain: ChainKey, tx: dict[str, Any], info: dict[str, Any]) -> Parsed:
    """(status, fail reason, transfers, sender, tx_to, memo) of a known transaction."""
    raw = tx.get("raw_data")
    contracts = raw.get("contract") if isinstance(raw, dict) else None
    contract = contracts[0] if isinstance(contracts, list) and contracts else None
    if contract is not None and not isinstance(contract, dict):
        raise ValueError("contract is not an object")
    kind = contract.get("type") if contract else None
    value = ((contract.get("parameter") or {}).get("value") or {}) if contract else {}
    status, reason = _outcome(tx, info)
    if contract is None and status is not TxStatus.FAILED:
        # a failed transaction moved nothing, so its verdict does not need the contract; others do
        raise ValueError("no contract in raw_data")
    sender = _address(value["owner_address"]) if value.get("owner_address") else None
    tx_to = None
    transfers: list[Transfer] = []
    if kind == "TransferContract":
        tx_to = _address(value["to_address"])
        transfers.append(Transfer(sender=sender or "", to=tx_to, raw=_uint(value.get("amount"))))
    elif kind == "TransferAssetContract":
        tx_to = _address(value["to_address"])
        transfers.append(Transfer(sender=sender or "", to=tx_to, raw=_uint(value.get("amount")),
                                  contract=_token_id(value.get("asset_name"))))
    elif kind == "TriggerSmartContract":
        tx_to = _address(value["contract_address"])
        call_value = _uint(value.get("call_value", 0))
        if call_value:
            transfers.append(Transfer(sender=sender or "", to=tx_to, raw=call_value))
        if status is TxStatus.SUCCESS:
            transfers += _log_transfers(info.get("log") or [])
        else:
            transfers += _calldata_transfers(sender, tx_to, str(value.get("data") or ""))
    memo = _memo(raw.get("data") if isinstance(raw, dict) else None)
    return status, reason, tuple(_with_assets(config, chain, transfers)), sender, tx_to, memo


def _outcome(tx: dict[str, Any], info: dict[str, Any]) -> tuple[TxStatus, str | None]:
    if not info:
        return TxStatus.PENDING, None
    receipt: dict[str, Any] = info["receipt"] if isinstance(info.get("receipt"), dict) else {}
    ret = tx.get("ret")
    first = ret[0] if isinstance(ret, list) and ret and isinstance(ret[0], dict) else {}
    contract_ret = first.get("contractRet")
    for code in (receipt.get("result"), contract_ret):
        if isinstance(code, str) and code.upper() not in _NO_VERDICT:
            return TxStatus.FAILED, _reason(code.upper(), info.get("resMessage"))
    if str(info.get("result", "")).upper() == "FAILED":
        return TxStatus.FAILED, _reason("FAILED", info.get("resMessage"))
    return TxStatus.SUCCESS, None


def _reason(code: str, res_message: Any) -> str:
    if code in _REASONS:
        return f"{code}: {_REASONS[code]}"
    if code in _FAULTS:
        return f"{code}: the contract failed while running"
    detail = _hex_text(res_message)
    return f"{code}: {detail}" if detail else code


def _hex_text(value: Any) -> str | None:
    """A hex-encoded message (``resMessage``, ``raw_data.data``) as text, shortened; None if empty."""
    if not isinstance(value, str) or not value:
        return None
    try:
        text = bytes.fromhex(value).decode("utf-8", "replace")
    except ValueError:
        return None
    text = text.strip()
    return text[:200] if text else None


def _memo(data: Any) -> str | None:
    return _hex_text(data)


def _log_transfers(logs: list[Any]) -> list[Transfer]:
    out = []
    for i, log in enumerate(logs):
        if not isinstance(log, dict):
            continue
        topics = [str(t).lower().removeprefix("0x") for t in log.get("topics") or []]
        data = str(log.get("data") or "").removeprefix("0x")
        # TRC-20 Transfer: 3 topics, amount in data; TRC-721 puts the token id in a 4th topic
        if len(topics) != 3 or topics[0] != TRANSFER_TOPIC or len(data) < 64:
            continue
        contract = _address(str(log.get("address", "")))
        out.append(Transfer(sender=_address(topics[1][-40:]), to=_address(topics[2][-40:]),
                            raw=int(data[:64], 16), contract=contract, log_index=i))
    return out


def _calldata_transfers(sender: str | None, contract: str, data: str) -> list[Transfer]:
    """What a ``transfer``/``transferFrom`` call meant to move (for pending and failed calls)."""
    data = data.lower().removeprefix("0x")
    args = data[8:]
    if data.startswith(_SEL_TRANSFER) and len(args) >= 128:
        return [Transfer(sender=sender or "", to=_address(args[24:64]), raw=int(args[64:128], 16),
                         contract=contract)]
    if data.startswith(_SEL_TRANSFER_FROM) and len(args) >= 192:
        return [Transfer(sender=_address(args[24:64]), to=_address(args[88:128]), raw=int(args[128:192], 16),
                         contract=contract)]
    return []


def _with_assets(config: Config, chain: ChainKey, transfers: list[Transfer]) -> list[Transfer]:
    """Symbol and decimals: TRX from the chain's spec, tokens from the venue's ``[[assets]]``."""
    s = spec(chain)
    out = []
    for t in transfers:
        asset = config.asset_for(chain, t.contract)
        if asset is not None:
            out.append(replace(t, symbol=asset.currency, decimals=asset.decimals))
        elif t.contract is None:
            out.append(replace(t, symbol=s.native, decimals=s.decimals))
        else:
            out.append(t)
    return out


def _address(value: str) -> str:
    """A Tron address (``41`` + 20 bytes hex, or 20 bytes hex without the prefix) as base58check ``T…``."""
    import base58

    text = value.lower().removeprefix("0x")
    if len(text) == 40:
        text = "41" + text
    if len(text) != 42 or not text.startswith("41"):
        raise ValueError(f"not a Tron address: {value[:50]!r}")
    return base58.b58encode_check(bytes.fromhex(text)).decode("ascii")


def _uint(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("amount is not a whole number")
    return value


def _token_id(name: Any) -> str:
    """A TRC-10 token id: the wallet API hex-encodes it (``31303032303030`` = ``1002000``); other
    answers give it as text."""
    text = str(name or "")
    try:
        decoded = bytes.fromhex(text).decode("ascii")
    except ValueError:
        decoded = ""
    if decoded and decoded.isprintable():
        return decoded
    if not text:
        raise ValueError("TRC-10 transfer without a token id")
    return text


ADAPTER: ChainAdapter = Adapter(
    family=Family.TRON,
    tx_pattern=re.compile(r"[0-9a-fA-F]{64}"),
    hash_hint="a Tron transaction id is 64 hex digits",
    probe_tx="00" * 32,
    lookup=lookup,
)
