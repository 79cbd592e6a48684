"""Bitcoin-family chains (Bitcoin, Litecoin): Esplora REST by default, Bitcoin Core JSON-RPC with
``[chains.X] api = "bitcoind"``.

Esplora (mempool.space, blockstream.info, litecoinspace.org, a self-hosted electrs): two concurrent GETs
per lookup, ``/tx/:txid`` (outputs, first input's previous output, status and block) and ``/blocks``
(the newest blocks: the tip's height and timestamp, and the block time measured over them). Only when
``/tx`` answers 404 is a third made: mempool.space's RBF history, ``/v1/tx/:txid/rbf``.

Bitcoin Core: one JSON-RPC batch, ``getrawtransaction txid 2`` (verbosity 2 adds each input's previous
output, v25+; older nodes treat 2 as "verbose") and ``getblockchaininfo`` (network, tip height, tip time
from v23). A second call, the wallet's ``gettransaction``, only when the node does not know the txid.
A node on another network than mainnet, or still syncing, is refused (its "not found" means nothing).

A deposit: every output with an address is one ``Transfer`` (``to`` = that address as the source spells
it, ``raw`` = satoshis, native coin: ``contract`` None, 8 decimals); the checks add up the outputs paying
the customer's address. ``sender`` = the first input's previous-output address when the source says it.

Replaced transactions (RBF), as far as the data goes:

- Esplora alone cannot tell: a replaced transaction leaves the mempool and ``/tx`` answers 404 exactly
  as for a txid that never existed, so it is ``NOT_FOUND``.
- mempool.space (and litecoinspace.org, same software) keeps, for a while (its RBF cache, days, not
  forever), the replacement tree of transactions it saw replaced. When the tree it returns for the txid
  has another transaction at its root, that root replaced ours: ``REPLACED`` with ``replaced_by``.
  blockstream.info has no such endpoint (404): ``NOT_FOUND``.
- Bitcoin Core forgets a replaced transaction (mempool and ``-txindex`` only hold live ones). Only its
  wallet remembers transactions it is party to: ``gettransaction`` with ``replaced_by_txid``, or with
  negative confirmations (a conflicting transaction was mined) is ``REPLACED``; otherwise ``NOT_FOUND``.
  For a deposit address of the node's own wallet, point ``rpc`` at ``…/wallet/<name>``.
- A mempool transaction that signals RBF may still be replaced: it is ``PENDING`` like any other.

Without ``-txindex`` Bitcoin Core only knows mempool transactions: its "no such transaction" is then
not a "not found" but an unknown, with a hint to enable the index.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from supportctl.chains.interface import Adapter, ChainAdapter, Clients, RpcFault
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, Transfer, TxFacts, TxStatus
from supportctl.core.registry import Family, spec

if TYPE_CHECKING:
    from supportctl.chains.jsonrpc import JsonRpc
    from supportctl.chains.rest import Rest

ESPLORA = "esplora"
BITCOIND = "bitcoind"
_CORE_ALIASES = {BITCOIND, "bitcoin-core", "core", "litecoind"}
_TIP_LAG = 2  # blocks a load-balanced API's tip may trail the block of a transaction it returns


async def lookup(clients: Clients, chain: ChainKey, tx_hash: str) -> TxFacts:
    """Facts about ``tx_hash`` on ``chain``. Raises ``SourceUnavailable`` when the source cannot say."""
    api = (clients.config.chain(chain).api or ESPLORA).strip().lower()
    txid = tx_hash.lower()
    if api == ESPLORA:
        return await _esplora(clients, chain, txid)
    if api in _CORE_ALIASES:
        return await _bitcoind(clients.rpc(chain), chain, txid)
    raise SourceUnavailable(f"{chain} API", f"unknown api {api!r}",
                            hint=f'[chains.{chain}] api must be "esplora" or "bitcoind"')


# --- Esplora -------------------------------------------------------------------------------------


async def _esplora(clients: Clients, chain: ChainKey, txid: str) -> TxFacts:
    from supportctl.chains.rest import NOT_FOUND

    rest = clients.rest(chain)
    tx, blocks = await _both(rest.get(f"/tx/{txid}"), rest.get("/blocks"))
    source = rest.answered_by or "?"
    where = f"{chain} API"
    if blocks is NOT_FOUND:
        raise SourceUnavailable(where, f"{source} has no /blocks: is the rpc URL an Esplora API base "
                                "(…/api)?")
    tip, tip_ts, measured = _tip_from_blocks(where, source, blocks)
    common: dict[str, Any] = {"chain": chain, "tx_hash": txid, "source": source, "tip": tip,
                              "tip_age": max(0.0, time.time() - tip_ts)}
    if tx is NOT_FOUND:
        replaced_by = await _replaced_by(rest, txid)
        if replaced_by is not None:
            return TxFacts(status=TxStatus.REPLACED, replaced_by=replaced_by, **common)
        return TxFacts(status=TxStatus.NOT_FOUND, **common)
    if not isinstance(tx, dict) or str(tx.get("txid", "")).lower() != txid:
        raise SourceUnavailable(where, f"{source} answered /tx/{txid[:12]}… with something else than that "
                                "transaction")
    transfers = tuple(_esplora_transfers(chain, tx))
    parties: dict[str, Any] = {"sender": _esplora_sender(tx), "transfers": transfers}
    status = tx.get("status")
    if not isinstance(status, dict) or not isinstance(status.get("confirmed"), bool):
        raise SourceUnavailable(where, f"{source} sent a transaction without a status")
    if not status["confirmed"]:
        return TxFacts(status=TxStatus.PENDING, block_time=measured or spec(chain).block_time,
                       block_time_measured=measured is not None, **parties, **common)
    block = status.get("block_height")
    if not isinstance(block, int) or isinstance(block, bool):
        raise SourceUnavailable(where, f"{source} says the transaction is confirmed but not in which block")
    if block > tip + _TIP_LAG:
        raise SourceUnavailable(where, f"{source} puts the transaction in block {block}, above its tip {tip}")
    common["tip"] = max(tip, block)  # load-balanced APIs: /blocks may come from a replica a block behind
    return TxFacts(status=TxStatus.SUCCESS, block=block, block_time=measured or spec(chain).block_time,
                   block_time_measured=measured is not None, **parties, **common)


async def _both(a: Awaitable[Any], b: Awaitable[Any]) -> tuple[Any, Any]:
    """Two requests at once; the first failure is raised only after both have finished."""
    import asyncio  # the adapter's module stays cheap to import: identify reads its tx_pattern

    results: list[Any] = list(await asyncio.gather(a, b, return_exceptions=True))
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results[0], results[1]


def _tip_from_blocks(where: str, source: str, blocks: Any) -> tuple[int, int, float | None]:
    """(tip height, tip timestamp, seconds per block over the listed blocks or None)."""
    if not isinstance(blocks, list) or not blocks:
        raise SourceUnavailable(where, f"{source} did not list its newest blocks")
    seen: dict[int, int] = {}
    for b in blocks:
        height, ts = (b.get("height"), b.get("timestamp")) if isinstance(b, dict) else (None, None)
        if not isinstance(height, int) or not isinstance(ts, int) or isinstance(height, bool):
            raise SourceUnavailable(where, f"{source} listed a block without height or timestamp")
        seen[height] = ts
    tip, low = max(seen), min(seen)
    measured = (seen[tip] - seen[low]) / (tip - low) if tip > low else None
    return tip, seen[tip], measured if measured and measured > 0 else None


async def _replaced_by(rest: Rest, txid: str) -> str | None:
    """The txid that replaced ``txid``, from mempool.space's RBF history; None when it cannot tell."""
    from supportctl.chains.rest import NOT_FOUND

    try:
        history = await rest.get(f"/v1/tx/{txid}/rbf")
    except SourceUnavailable:
        return None  # the /tx answer (404) stands; the history is a bonus
    if history is NOT_FOUND or not isinstance(history, dict):
        return None
    tree = history.get("replacements")
    root = tree.get("tx") if isinstance(tree, dict) else None
    replacer = root.get("txid") if isinstance(root, dict) else None
    if isinstance(replacer, str) and len(replacer) == 64 and replacer.lower() != txid:
        return replacer.lower()
    return None


def _esplora_transfers(chain: ChainKey, tx: dict[str, Any]) -> list[Transfer]:
    sender = _esplora_sender(tx) or ""
    s = spec(chain)
    out = []
    for vout in tx.get("vout") or []:
        address = vout.get("scriptpubkey_address")
        value = vout.get("value")
        if not isinstance(address, str) or not address:
            continue  # OP_RETURN and bare scripts pay no address
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError("output value is not a number of satoshis")
        out.append(Transfer(sender=sender, to=address, raw=value, decimals=s.decimals, symbol=s.native))
    return out


def _esplora_sender(tx: dict[str, Any]) -> str | None:
    vin = tx.get("vin") or []
    if not vin or not isinstance(vin[0], dict):
        return None
    prevout = vin[0].get("prevout")
    address = prevout.get("scriptpubkey_address") if isinstance(prevout, dict) else None
    return address if isinstance(address, str) and address else None


# --- Bitcoin Core ---------------------------------------------------------------------------------


async def _bitcoind(rpc: JsonRpc, chain: ChainKey, txid: str) -> TxFacts:
    tx, info = await rpc.batch([("getrawtransaction", [txid, 2]), ("getblockchaininfo", [])])
    source = rpc.answered_by or "?"
    where = f"{chain} RPC"
    if isinstance(info, RpcFault) or not isinstance(info, dict):
        why = info.message if isinstance(info, RpcFault) else "no answer"
        raise SourceUnavailable(where, f"{source} refused getblockchaininfo: {why}")
    network = info.get("chain")
    if network != "main":
        raise SourceUnavailable(where, f"{source} is a {network!r} node, not {spec(chain).name} mainnet "
                                "('main'): check the rpc list in the config")
    if info.get("initialblockdownload") is True:
        raise SourceUnavailable(where, f"{source} is still downloading the chain (initial block download)")
    tip = info.get("blocks")
    if not isinstance(tip, int) or isinstance(tip, bool):
        raise SourceUnavailable(where, f"{source} did not say its block height")
    tip_time = info.get("time")  # Bitcoin Core 23+
    tip_ts = tip_time if isinstance(tip_time, int) and not isinstance(tip_time, bool) else None
    common: dict[str, Any] = {"chain": chain, "tx_hash": txid, "source": source, "tip": tip,
                              "tip_age": max(0.0, time.time() - tip_ts) if tip_ts is not None else None}
    if isinstance(tx, RpcFault):
        return await _unknown_to_node(rpc, where, source, tx, common)
    if not isinstance(tx, dict) or str(tx.get("txid", "")).lower() != txid:
        raise SourceUnavailable(where, f"{source} answered getrawtransaction with something else than "
                                f"{txid[:12]}…")
    transfers = tuple(_core_transfers(chain, tx))
    parties: dict[str, Any] = {"sender": _core_sender(tx), "transfers": transfers}
    confirmations = tx.get("confirmations")
    if not tx.get("blockhash") or not isinstance(confirmations, int) or confirmations < 1:
        return TxFacts(status=TxStatus.PENDING, block_time=spec(chain).block_time, **parties, **common)
    if confirmations > tip + 1:
        raise SourceUnavailable(where, f"{source} counts {confirmations} confirmations above a tip of {tip}")
    block = tip - confirmations + 1  # the node's own count: confirmations = tip - block + 1
    measured = None
    blocktime = tx.get("blocktime")
    if tip_ts is not None and isinstance(blocktime, int) and confirmations > 1:
        seconds = (tip_ts - blocktime) / (confirmations - 1)
        measured = seconds if seconds > 0 else None
    return TxFacts(status=TxStatus.SUCCESS, block=block, block_time=measured or spec(chain).block_time,
                   block_time_measured=measured is not None, **parties, **common)


async def _unknown_to_node(rpc: JsonRpc, where: str, source: str, fault: RpcFault,
                           common: dict[str, Any]) -> TxFacts:
    """getrawtransaction failed: not found, replaced (the wallet remembers), or the node cannot say."""
    if fault.code != -5:
        raise SourceUnavailable(where, f"{source} refused getrawtransaction: {fault.message[:160]}")
    try:
        wallet = await rpc.call("gettransaction", common["tx_hash"])
    except SourceUnavailable:
        wallet = None
    if isinstance(wallet, dict):
        replaced_by = wallet.get("replaced_by_txid")
        conflicts = [c for c in wallet.get("walletconflicts") or [] if isinstance(c, str)]
        confirmations = wallet.get("confirmations")
        if isinstance(replaced_by, str) and replaced_by:
            return TxFacts(status=TxStatus.REPLACED, replaced_by=replaced_by.lower(), **common)
        if isinstance(confirmations, int) and confirmations < 0:
            # a conflicting transaction was mined; it is the replacement when it is the only conflict
            only = conflicts[0].lower() if len(conflicts) == 1 else None
            return TxFacts(status=TxStatus.REPLACED, replaced_by=only, **common)
    message = fault.message
    if "being indexed" in message:
        raise SourceUnavailable(where, f"{source} is still building its transaction index: try again later")
    if "-txindex" in message:
        raise SourceUnavailable(where, f"{source} keeps no transaction index, so it only knows mempool "
                                "transactions", hint="run the node with txindex=1, or use an Esplora API")
    if "No such mempool or blockchain transaction" in message:
        return TxFacts(status=TxStatus.NOT_FOUND, **common)
    raise SourceUnavailable(where, f"{source} refused getrawtransaction: {message[:160]}")


def _core_transfers(chain: ChainKey, tx: dict[str, Any]) -> list[Transfer]:
    sender = _core_sender(tx) or ""
    s = spec(chain)
    out = []
    for vout in tx.get("vout") or []:
        address = _script_address(vout.get("scriptPubKey"))
        if address is None:
            continue
        out.append(Transfer(sender=sender, to=address, raw=_satoshis(vout.get("value")), decimals=s.decimals,
                            symbol=s.native))
    return out


def _core_sender(tx: dict[str, Any]) -> str | None:
    vin = tx.get("vin") or []
    if not vin or not isinstance(vin[0], dict):
        return None
    prevout = vin[0].get("prevout")  # verbosity 2 (Bitcoin Core 25+)
    return _script_address(prevout.get("scriptPubKey")) if isinstance(prevout, dict) else None


def _script_address(script: Any) -> str | None:
    """``address`` (Core 22+), else the single entry of ``addresses`` (older Core, Litecoin Core)."""
    if not isinstance(script, dict):
        return None
    address = script.get("address")
    if isinstance(address, str) and address:
        return address
    addresses = script.get("addresses")
    if isinstance(addresses, list) and len(addresses) == 1 and isinstance(addresses[0], str):
        return addresses[0]
    return None


def _satoshis(value: Any) -> int:
    """Bitcoin Core prints amounts as JSON numbers in coins (0.00001000); the float parsed from that is
    turned back into its shortest decimal text, which is exact for 8 decimals below 21 million."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("output value is not a number")
    try:
        sats = Decimal(str(value)).scaleb(8)
    except InvalidOperation:
        raise ValueError("output value is not a number") from None
    if sats != sats.to_integral_value() or sats < 0:
        raise ValueError(f"output value {value!r} is not a whole number of satoshis")
    return int(sats)


ADAPTER: ChainAdapter = Adapter(
    family=Family.BITCOIN,
    tx_pattern=re.compile(r"[0-9a-fA-F]{64}"),
    hash_hint="a Bitcoin transaction id is 64 hex digits",
    probe_tx="00" * 32,
    lookup=lookup,
)
