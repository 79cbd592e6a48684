"""The XRP Ledger over rippled's JSON-RPC.

rippled takes one JSON object per HTTP request: a JSON-RPC batch (a list) is refused with HTTP 400
("Unable to parse request", ``ServerHandler::processRequest``). So the two calls go out as two concurrent
requests through ``JsonRpc.each``: ``tx`` (JSON, not binary) and ``server_info``, whose
``validated_ledger`` gives the tip (``seq``) and its age in seconds, and whose ``complete_ledgers`` says
whether a ``txnNotFound`` covers the whole history.

A validated ledger is final: ``block`` is the transaction's ledger, ``tip`` the last validated ledger.
Payments are read from ``Destination``, ``DestinationTag`` (→ ``Transfer.memo``) and the DELIVERED amount
(``meta.delivered_amount``): a partial payment (``tfPartialPayment``) may deliver far less than its
``Amount``, which is kept as ``stated_raw`` when it differs. Issued-currency values are decimal strings of up
to 16 significant digits with exponents from -96 to 80, so no fixed scale is exact: each transfer carries
the smallest scale that holds both amounts exactly (the asset's configured decimals when they suffice), and
``Transfer.amount`` is therefore always the exact ledger value.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from supportctl.chains.interface import Adapter, ChainAdapter, Clients, RpcFault
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, Transfer, TxFacts, TxStatus
from supportctl.core.registry import Family, spec

if TYPE_CHECKING:
    from supportctl.core.config import Config

TF_PARTIAL_PAYMENT = 0x00020000
FIRST_LEDGER = 32570  # the oldest ledger any server holds: a full-history server reports "32570-<tip>"

# tec codes: the transaction was included in a validated ledger and its fee was charged, but it did nothing.
_TEC = {
    "tecPATH_PARTIAL": "the payment could not deliver the full amount through the available paths "
                       "(not enough liquidity or trust-line capacity)",
    "tecPATH_DRY": "no path could carry the payment (no liquidity or no trust line)",
    "tecUNFUNDED_PAYMENT": "the sender did not have enough XRP to send",
    "tecUNFUNDED": "the sender did not have enough XRP above the reserve",
    "tecNO_DST": "the destination account does not exist (it must first receive enough XRP to be created)",
    "tecNO_DST_INSUF_XRP": "the destination account does not exist and the payment was too small to "
                           "create it",
    "tecDST_TAG_NEEDED": "the destination requires a destination tag and none was given",
    "tecNO_PERMISSION": "the destination does not accept payments from this sender (deposit authorization)",
    "tecNO_LINE": "the destination has no trust line for this token",
    "tecNO_LINE_INSUF_RESERVE": "the destination has no trust line for this token and too little XRP to "
                                "create one",
    "tecNO_AUTH": "the destination is not authorized by the issuer to hold this token",
    "tecFROZEN": "the token or trust line is frozen",
    "tecNO_ISSUER": "the token's issuer account does not exist",
    "tecINSUFF_FEE": "the sender could not pay the full fee",
    "tecINSUFFICIENT_FUNDS": "the sender did not have enough funds",
    "tecINSUFFICIENT_RESERVE": "the account would fall below its XRP reserve",
    "tecLOCKED": "the funds are locked",
    "tecEXPIRED": "the transaction's expiration time had passed",
    "tecKILLED": "nothing was transferred (fill-or-kill)",
    "tecOVERSIZE": "the transaction's effects were too large to apply",
}


async def lookup(clients: Clients, chain: ChainKey, tx_hash: str) -> TxFacts:
    """Facts about ``tx_hash`` on ``chain``. Raises ``SourceUnavailable`` when the server cannot say."""
    rpc = clients.rpc(chain)
    where = f"{chain} RPC"
    want = tx_hash.upper()
    answer, info = await rpc.each([("tx", [{"transaction": want, "binary": False}]), ("server_info", [{}])])
    source = rpc.answered_by or "?"
    tip, tip_age, history = _server(where, source, info)
    common: dict[str, Any] = {"chain": chain, "tx_hash": want, "source": source, "tip": tip,
                              "tip_age": tip_age, "block_time": spec(chain).block_time,
                              "block_time_measured": False}
    result = _result(where, source, answer, "transaction")
    if result.get("status") == "error" or "error" in result:
        code = result.get("error")
        if code != "txnNotFound":
            raise SourceUnavailable(where, f"{source} refused the transaction lookup: "
                                           f"{result.get('error_message') or code}")
        if not _full_history(history):
            raise SourceUnavailable(where, f"{source} holds only ledgers {history or 'none'}, so its "
                                           "'not found' does not cover the whole ledger history (ask a "
                                           "full-history server, e.g. https://xrplcluster.com)")
        return TxFacts(status=TxStatus.NOT_FOUND, **common)
    tj = result["tx_json"] if isinstance(result.get("tx_json"), dict) else result  # API v2 | API v1
    got = result.get("hash") or tj.get("hash")
    if isinstance(got, str) and got.upper() != want:
        raise SourceUnavailable(where, f"{source} answered about another transaction ({got})")
    meta = result.get("meta") if isinstance(result.get("meta"), dict) else None
    payment = tj.get("TransactionType") == "Payment"
    # TxFacts.memo stays None: the destination tag is what credits an XRP deposit, and a text in the Memos
    # field is not one (the memo checks fall back to TxFacts.memo when a transfer carries no tag)
    found: dict[str, Any] = {"sender": tj.get("Account"), "tx_to": tj.get("Destination") if payment else None}
    config = clients.config
    if result.get("validated") is not True:
        return TxFacts(status=TxStatus.PENDING, transfers=_payment(config, chain, tj, meta, "pending"),
                       **found, **common)
    ledger = result.get("ledger_index", tj.get("ledger_index"))
    if not isinstance(ledger, int) or meta is None or not isinstance(meta.get("TransactionResult"), str):
        raise SourceUnavailable(where, f"{source} sent a validated transaction without its ledger or result")
    if ledger > tip:
        raise SourceUnavailable(where, f"{source}'s validated ledger {tip} is older than the transaction's "
                                       f"ledger {ledger}")
    code = meta["TransactionResult"]
    timing: dict[str, Any] = {"block": ledger, "finality": "validated"}
    if code != "tesSUCCESS":
        return TxFacts(status=TxStatus.FAILED, fail_reason=explain(code),
                       transfers=_payment(config, chain, tj, meta, "intended"), **timing, **found, **common)
    return TxFacts(status=TxStatus.SUCCESS, transfers=_payment(config, chain, tj, meta, "delivered"),
                   **timing, **found, **common)


def explain(code: str) -> str:
    """A transaction result code in words."""
    if code in _TEC:
        return f"{code}: {_TEC[code]}"
    if code.startswith("tec"):
        return f"{code}: included in a validated ledger but failed; only the fee was charged"
    return f"{code}: the transaction did not succeed"


def _result(where: str, source: str, answer: Any, name: str) -> dict[str, Any]:
    if isinstance(answer, RpcFault):
        raise SourceUnavailable(where, f"{source} refused the {name} lookup: {answer.message}")
    if not isinstance(answer, dict):
        raise SourceUnavailable(where, f"{source} sent a malformed {name} answer")
    return answer


def _server(where: str, source: str, answer: Any) -> tuple[int, float | None, str | None]:
    """(last validated ledger, its age in seconds, complete_ledgers) from ``server_info``."""
    result = _result(where, source, answer, "server_info")
    found = result.get("info")
    info: dict[str, Any] = found if isinstance(found, dict) else {}
    validated = info.get("validated_ledger")
    seq = validated.get("seq") if isinstance(validated, dict) else None
    if result.get("status") == "error" or not isinstance(validated, dict) or not isinstance(seq, int):
        state = info.get("server_state") or result.get("error_message") or result.get("error") or "?"
        raise SourceUnavailable(where, f"{source} has no validated ledger (server state: {state})")
    age = validated.get("age")
    history = info.get("complete_ledgers")
    seconds = float(age) if isinstance(age, int | float) and not isinstance(age, bool) else None
    return seq, seconds, history if isinstance(history, str) else None


def _full_history(complete_ledgers: str | None) -> bool:
    """True when the server holds every ledger from the first one on ("32570-95000000"), with no gap."""
    if not complete_ledgers or "," in complete_ledgers:
        return False
    first = complete_ledgers.split("-")[0].strip()
    return first.isdigit() and int(first) <= FIRST_LEDGER


def _payment(config: Config, chain: ChainKey, tj: dict[str, Any], meta: dict[str, Any] | None,
             mode: str) -> tuple[Transfer, ...]:
    """The Payment's transfer. ``delivered``: what arrived (``meta.delivered_amount``); ``intended``: what a
    failed payment tried to send; ``pending``: what arrived if the server already says, else what was sent
    unless it is a partial payment (then nobody can tell yet, and there is no transfer)."""
    if tj.get("TransactionType") != "Payment":
        return ()
    stated = tj.get("Amount", tj.get("DeliverMax"))
    partial = bool(_int(tj.get("Flags")) & TF_PARTIAL_PAYMENT)
    delivered = None
    if meta is not None:
        delivered = meta.get("delivered_amount", meta.get("DeliveredAmount"))
        delivered = None if delivered == "unavailable" else delivered
    if mode == "intended":
        delivered = stated
    elif delivered is None:
        if partial and mode == "pending":
            return ()
        if partial:
            raise SourceUnavailable(f"{chain} RPC", "a partial payment whose delivered amount the server "
                                                    "does not report: what arrived cannot be told")
        delivered = stated
    raw, stated_raw, contract, decimals, symbol, from_chain = _amounts(config, chain, delivered, stated)
    tag = tj.get("DestinationTag")
    return (Transfer(sender=str(tj.get("Account", "")), to=str(tj.get("Destination", "")), raw=raw,
                     contract=contract, decimals=decimals, symbol=symbol, symbol_from_chain=from_chain,
                     memo=str(tag) if isinstance(tag, int) and not isinstance(tag, bool) else None,
                     stated_raw=stated_raw if mode != "intended" and stated_raw != raw else None),)


def _amounts(config: Config, chain: ChainKey, delivered: Any,
             stated: Any) -> tuple[int, int, str | None, int | None, str | None, bool]:
    """(raw delivered, raw stated, contract, decimals, symbol, symbol_from_chain) on one common scale."""
    where = f"{chain} RPC"
    if isinstance(delivered, str) and isinstance(stated, str):  # XRP in drops
        if not (delivered.isdigit() and stated.isdigit()):
            raise SourceUnavailable(where, "an XRP amount is not a whole number of drops")
        asset = config.asset_for(chain, None)
        s = spec(chain)
        return int(delivered), int(stated), None, s.decimals, asset.currency if asset else s.native, False
    if not (isinstance(delivered, dict) and isinstance(stated, dict)):
        raise SourceUnavailable(where, "the delivered and stated amounts are of different kinds")
    if "mpt_issuance_id" in delivered:  # a Multi-Purpose Token: integer units, scale set by the issuance
        contract = str(delivered["mpt_issuance_id"])
        if stated.get("mpt_issuance_id") != contract:
            raise SourceUnavailable(where, "the delivered and stated amounts are of different tokens")
        asset = config.asset_for(chain, contract)
        return (int(delivered["value"]), int(stated["value"]), contract, asset.decimals if asset else None,
                asset.currency if asset else None, False)
    code, issuer = str(delivered["currency"]), str(delivered["issuer"])
    if (stated.get("currency"), stated.get("issuer")) != (code, issuer):
        raise SourceUnavailable(where, "the delivered and stated amounts are of different tokens")
    try:
        got, sent = Decimal(str(delivered["value"])), Decimal(str(stated["value"]))
    except InvalidOperation:
        raise SourceUnavailable(where, "a token amount is not a number") from None
    if not (got.is_finite() and sent.is_finite()) or got < 0 or sent < 0:
        raise SourceUnavailable(where, "a token amount is negative or not finite")
    name = _currency_name(code)
    candidates = [f"{code}.{issuer}"] + ([f"{name}.{issuer}"] if name and name != code else [])
    asset = next((a for a in (config.asset_for(chain, c) for c in candidates) if a is not None), None)
    contract = next((c for c in candidates if config.asset_for(chain, c) is not None), candidates[0])
    if asset is not None and _exact(got, asset.decimals) and _exact(sent, asset.decimals):
        scale = asset.decimals
    else:
        scale = max(_places(got), _places(sent))
    return (int(got.scaleb(scale)), int(sent.scaleb(scale)), contract, scale,
            asset.currency if asset else name or code, asset is None)


def _currency_name(code: str) -> str | None:
    """A 160-bit non-standard currency code as text when it is printable ASCII ("524C5553…" → "RLUSD")."""
    if len(code) != 40:
        return code
    try:
        raw = bytes.fromhex(code)
    except ValueError:
        return None
    if raw[0] == 0:
        return None
    text = raw.rstrip(b"\0")
    return text.decode("ascii") if all(0x20 < c < 0x7F for c in text) else None


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _exact(value: Decimal, decimals: int) -> bool:
    scaled = value.scaleb(decimals)
    return scaled == scaled.to_integral_value()


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


ADAPTER: ChainAdapter = Adapter(
    family=Family.XRP,
    tx_pattern=re.compile(r"[0-9a-fA-F]{64}"),
    hash_hint="an XRP transaction hash is 64 hex digits",
    probe_tx="00" * 32,
    lookup=lookup,
)
