"""Solana over JSON-RPC.

One batched request (one HTTP round trip) asks for:

- ``getTransaction`` (jsonParsed, ``confirmed`` commitment, versioned transactions allowed),
- ``getSignatureStatuses`` with ``searchTransactionHistory`` (the chain's own finality word, and whether the
  node knows a signature it cannot return yet),
- ``getSlot`` at ``confirmed`` commitment: the tip. Confirmations are ``tip - slot + 1`` counted in slots, so
  they grow from the moment the transaction is confirmed and pass the usual 32 when it is about to be
  finalized. A ``finalized`` tip would read 0 for every transaction younger than ~13 s, which says nothing.
- ``getHealth``: a node more than a few slots behind the cluster says so ("Node is behind by N slots"); N
  slots make the tip's age (``N × block_time``), so the freshness check can distrust a stale node.

Transfers come from balance changes, as Solana's exchange-integration guide prescribes, not from parsed
``transfer`` instructions: ``meta.preBalances``/``postBalances`` per account key for SOL (this sees SOL paid
by programs through inner instructions, multisig payouts, ``createAccount`` funding …, which instruction
parsing misses), and ``meta.preTokenBalances``/``postTokenBalances`` summed per (owner, mint) for SPL
tokens, so a deposit is reported to the OWNER wallet (the address a customer pastes), not to its associated
token account. Token accounts' own SOL changes are rent, not deposits, and are left out.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from supportctl.chains.interface import Adapter, ChainAdapter, Clients, RpcFault
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey, Transfer, TxFacts, TxStatus
from supportctl.core.registry import Family, spec

if TYPE_CHECKING:
    from supportctl.core.config import Config

MEMO_PROGRAMS = frozenset({
    "MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr",  # SPL Memo v2
    "Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo",  # SPL Memo v1
})
_PROGRAM_NAMES = {
    "11111111111111111111111111111111": "system",
    "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA": "spl-token",
    "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb": "spl-token-2022",
    "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL": "spl-associated-token-account",
    **dict.fromkeys(MEMO_PROGRAMS, "spl-memo"),
}
_TOKEN_PROGRAMS = ("spl-token", "spl-token-2022")
# Custom error numbers of the programs a deposit goes through (SPL TokenError, SystemError).
_CUSTOM_ERRORS = {
    "spl-token": {0: "the account would fall below the rent-exempt minimum", 1: "insufficient token balance",
                  2: "invalid mint", 3: "the token account belongs to another mint",
                  4: "the signer does not own the token account", 17: "the token account is frozen",
                  18: "the amount's decimals do not match the mint"},
    "system": {0: "the account already exists",
               1: "insufficient SOL: the transfer would leave a negative balance"},
}
_CUSTOM_ERRORS["spl-token-2022"] = _CUSTOM_ERRORS["spl-token"]
NODE_UNHEALTHY = -32005  # getHealth's error code
_BEHIND = re.compile(r"behind by (\d+) slot")
_MEMO_LOG = re.compile(r'^Program log: Memo \(len \d+\): "(.*)"$', re.DOTALL)
_UNKNOWN_LAG = -1


async def lookup(clients: Clients, chain: ChainKey, tx_hash: str) -> TxFacts:
    """Facts about the signature ``tx_hash`` on ``chain``; ``SourceUnavailable`` when the node cannot say."""
    rpc = clients.rpc(chain)
    where = f"{chain} RPC"
    tx, statuses, slot, health = await rpc.batch([
        ("getTransaction", [tx_hash, {"encoding": "jsonParsed", "maxSupportedTransactionVersion": 0,
                                      "commitment": "confirmed"}]),
        ("getSignatureStatuses", [[tx_hash], {"searchTransactionHistory": True}]),
        ("getSlot", [{"commitment": "confirmed"}]),
        ("getHealth", []),
    ])
    source = rpc.answered_by or "?"
    for name, value in (("transaction", tx), ("signature status", statuses), ("slot", slot)):
        if isinstance(value, RpcFault):
            raise SourceUnavailable(where, f"{source} refused the {name} lookup: {value.message}")
    if not isinstance(slot, int) or isinstance(slot, bool):
        raise SourceUnavailable(where, f"{source} did not say its current slot")
    block_time = spec(chain).block_time
    lag = _lag(health)
    common: dict[str, Any] = {
        "chain": chain, "tx_hash": tx_hash, "source": source, "tip": slot,
        "tip_age": lag * block_time if lag is not None and lag >= 0 else None,
        "block_time": block_time, "block_time_measured": False,
    }
    status = _status_entry(statuses, where, source)
    if tx is None:
        if status is None:
            if lag == _UNKNOWN_LAG:
                raise SourceUnavailable(where, f"{source} reports it is unhealthy, so its 'not found' is not "
                                               "trusted")
            return TxFacts(status=TxStatus.NOT_FOUND, **common)
        level = status.get("confirmationStatus")
        if level in ("confirmed", "finalized"):
            raise SourceUnavailable(where, f"{source} has the signature {level} in slot {status.get('slot')} "
                                           "but did not return the transaction")
        return TxFacts(status=TxStatus.PENDING, finality=str(level or "processed"), **common)
    if not isinstance(tx, dict) or not isinstance(tx.get("meta"), dict):
        raise SourceUnavailable(where, f"{source} returned a transaction without its status metadata")
    meta: dict[str, Any] = tx["meta"]
    block = tx.get("slot")
    if not isinstance(block, int):
        raise SourceUnavailable(where, f"{source} returned a transaction without its slot")
    keys = _account_keys(tx, meta)
    found: dict[str, Any] = {
        "block": block, "sender": keys[0] if keys else None, "memo": _memo(tx, meta),
        # getTransaction at "confirmed" returned it, so it is at least confirmed when the status lags behind
        "finality": str(status.get("confirmationStatus") or "confirmed") if status else "confirmed",
    }
    config = clients.config
    if meta.get("err") is not None:
        return TxFacts(status=TxStatus.FAILED, fail_reason=_explain(meta["err"], tx, keys),
                       transfers=_intended(config, chain, tx, meta, keys), **found, **common)
    if len(keys) < len(meta.get("preBalances") or []):
        raise SourceUnavailable(where, f"{source} listed fewer account keys than balances")
    transfers = _sol_transfers(config, chain, keys, meta) + _token_transfers(config, chain, keys, meta)
    return TxFacts(status=TxStatus.SUCCESS, transfers=transfers, **found, **common)


def _lag(health: Any) -> int | None:
    """Slots the node is behind the cluster: None when healthy (or when it does not say), ``_UNKNOWN_LAG``
    when it reports being unhealthy without a number."""
    if not isinstance(health, RpcFault) or health.code != NODE_UNHEALTHY:
        return None
    m = _BEHIND.search(health.message)
    return int(m.group(1)) if m else _UNKNOWN_LAG


def _status_entry(statuses: Any, where: str, source: str) -> dict[str, Any] | None:
    value = statuses.get("value") if isinstance(statuses, dict) else None
    if not isinstance(value, list) or len(value) != 1 or not (value[0] is None or isinstance(value[0], dict)):
        raise SourceUnavailable(where, f"{source} sent a malformed signature status")
    return value[0]


def _account_keys(tx: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    """Every account key in balance order. jsonParsed lists lookup-table keys in ``accountKeys``; the plain
    json encoding lists them in ``meta.loadedAddresses`` (writable first, then read-only)."""
    transaction = tx.get("transaction")
    if not isinstance(transaction, dict):
        return []  # a binary encoding: no keys to read
    message = transaction.get("message") or {}
    listed = [k.get("pubkey") if isinstance(k, dict) else k for k in message.get("accountKeys") or []]
    keys = [k for k in listed if isinstance(k, str)]
    if len(keys) != len(listed):
        raise SourceUnavailable("solana RPC", "an account key is malformed")
    loaded = meta.get("loadedAddresses") or {}
    if len(keys) < len(meta.get("preBalances") or []) and isinstance(loaded, dict):
        keys += [*(loaded.get("writable") or []), *(loaded.get("readonly") or [])]
    return keys


def _sol_transfers(config: Config, chain: ChainKey, keys: list[str],
                   meta: dict[str, Any]) -> tuple[Transfer, ...]:
    pre, post = meta.get("preBalances") or [], meta.get("postBalances") or []
    if len(pre) != len(post):
        raise SourceUnavailable(f"{chain} RPC", "pre- and post-balances differ in length")
    token_accounts = {b.get("accountIndex") for b in _token_balances(meta)}
    fee = int(meta.get("fee") or 0)
    # the fee payer (account 0) also paid the fee: add it back so that only what moved remains
    deltas = [int(post[i]) - int(pre[i]) + (fee if i == 0 else 0) for i in range(len(pre))]
    paid = [i for i, d in enumerate(deltas) if d < 0]
    sender = keys[min(paid, key=lambda i: deltas[i])] if paid else (keys[0] if keys else "")
    asset = config.asset_for(chain, None)
    s = spec(chain)
    return tuple(
        Transfer(sender=sender, to=keys[i], raw=d, decimals=s.decimals,
                 symbol=asset.currency if asset else s.native)
        for i, d in enumerate(deltas) if d > 0 and i not in token_accounts
    )


def _token_balances(meta: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in (meta.get("preTokenBalances") or []) + (meta.get("postTokenBalances") or [])
            if isinstance(b, dict)]


def _token_transfers(config: Config, chain: ChainKey, keys: list[str],
                     meta: dict[str, Any]) -> tuple[Transfer, ...]:
    """Net token movements per (owner, mint): a positive change is a transfer to that owner wallet."""
    delta: dict[tuple[str, str], int] = {}
    decimals: dict[str, int] = {}
    for sign, entries in ((-1, meta.get("preTokenBalances") or []), (1, meta.get("postTokenBalances") or [])):
        for b in entries:
            owner = b.get("owner") or keys[b["accountIndex"]]  # very old transactions do not say the owner
            mint = b["mint"]
            amount = b["uiTokenAmount"]
            delta[(owner, mint)] = delta.get((owner, mint), 0) + sign * int(amount["amount"])
            decimals[mint] = int(amount["decimals"])
    out = []
    for (owner, mint), d in delta.items():
        if d <= 0:
            continue
        paid = [(v, o) for (o, m), v in delta.items() if m == mint and v < 0]
        asset = config.asset_for(chain, mint)
        out.append(Transfer(sender=min(paid)[1] if paid else "", to=owner, raw=d, contract=mint,
                            decimals=decimals[mint], symbol=asset.currency if asset else None))
    return tuple(out)


def _instructions(tx: dict[str, Any], meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Top-level instructions, then inner ones (what programs invoked)."""
    transaction = tx.get("transaction")
    message = transaction.get("message") or {} if isinstance(transaction, dict) else {}
    out = list(message.get("instructions") or [])
    for group in meta.get("innerInstructions") or []:
        out += group.get("instructions") or []
    return [i for i in out if isinstance(i, dict)]


def _program(ins: dict[str, Any], keys: list[str]) -> str | None:
    if isinstance(ins.get("program"), str):
        return str(ins["program"])
    pid = ins.get("programId")
    if pid is None and isinstance(ins.get("programIdIndex"), int) and ins["programIdIndex"] < len(keys):
        pid = keys[ins["programIdIndex"]]
    return _PROGRAM_NAMES.get(pid) if isinstance(pid, str) else None


def _memo(tx: dict[str, Any], meta: dict[str, Any]) -> str | None:
    """The memo-program text: parsed by the node (jsonParsed), else read from the program's log line."""
    texts = [str(i["parsed"]) for i in _instructions(tx, meta)
             if (i.get("program") == "spl-memo" or i.get("programId") in MEMO_PROGRAMS)
             and isinstance(i.get("parsed"), str)]
    if not texts:
        for line in meta.get("logMessages") or []:
            m = _MEMO_LOG.match(line) if isinstance(line, str) else None
            if m:
                texts.append(_rust_unescape(m.group(1)))
    return "; ".join(texts) if texts else None


def _rust_unescape(text: str) -> str:
    """Undo Rust's ``{:?}`` escaping of the memo in ``Program log: Memo (len N): "…"``."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}

    def sub(m: re.Match[str]) -> str:
        if m.group(1):
            return chr(int(m.group(1), 16))
        return simple.get(m.group(2), m.group(0))

    return re.sub(r"\\(?:u\{([0-9a-fA-F]{1,6})\}|(.))", sub, text)


def _explain(err: Any, tx: dict[str, Any], keys: list[str]) -> str:
    """``meta.err`` in words: which instruction failed, of which program, and why."""
    failed = err.get("InstructionError") if isinstance(err, dict) else None
    if isinstance(failed, list) and len(failed) == 2:
        index, detail = failed
        transaction = tx.get("transaction")
        message = transaction.get("message") or {} if isinstance(transaction, dict) else {}
        top = message.get("instructions") or []
        program = _program(top[index], keys) if isinstance(index, int) and 0 <= index < len(top) else None
        number = index + 1 if isinstance(index, int) else index
        where = f"instruction {number}" + (f" ({program})" if program else "")
        return f"{where} failed: {_instruction_error(detail, program)}"
    if isinstance(err, str):
        return _words(err)
    if isinstance(err, dict) and len(err) == 1:
        name, detail = next(iter(err.items()))
        return f"{_words(str(name))} ({json.dumps(detail, sort_keys=True)})"
    return json.dumps(err, sort_keys=True)[:200]


def _instruction_error(detail: Any, program: str | None) -> str:
    if isinstance(detail, str):
        return _words(detail)
    if isinstance(detail, dict) and "Custom" in detail and isinstance(detail["Custom"], int):
        code = detail["Custom"]
        known = _CUSTOM_ERRORS.get(program or "", {}).get(code)
        return known or f"custom program error {code} (0x{code:x})"
    if isinstance(detail, dict) and len(detail) == 1:
        name, value = next(iter(detail.items()))
        return f"{_words(str(name))}: {value}"
    return json.dumps(detail, sort_keys=True)[:200]


def _words(name: str) -> str:
    """``InsufficientFundsForRent`` → ``insufficient funds for rent``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def _intended(config: Config, chain: ChainKey, tx: dict[str, Any], meta: dict[str, Any],
              keys: list[str]) -> tuple[Transfer, ...]:
    """What a failed transaction meant to move, read from its parsed top-level instructions (balances did not
    change, so they cannot say). Token transfers name the destination's owner when the data shows it."""
    transaction = tx.get("transaction")
    message = transaction.get("message") or {} if isinstance(transaction, dict) else {}
    owners: dict[str, str] = {}
    mints: dict[str, tuple[str, int]] = {}
    for b in _token_balances(meta):
        if isinstance(b.get("accountIndex"), int) and b["accountIndex"] < len(keys):
            account = keys[b["accountIndex"]]
            if b.get("owner"):
                owners[account] = b["owner"]
            mints[account] = (b["mint"], int(b["uiTokenAmount"]["decimals"]))
    out: list[Transfer] = []
    s = spec(chain)
    for ins in message.get("instructions") or []:
        parsed = ins.get("parsed") if isinstance(ins, dict) else None
        if not isinstance(parsed, dict) or not isinstance(parsed.get("info"), dict):
            continue
        info, kind, program = parsed["info"], parsed.get("type"), ins.get("program")
        if program == "spl-associated-token-account" and kind in ("create", "createIdempotent"):
            owners[info.get("account", "")] = info.get("wallet", "")
        elif program == "system" and kind in ("transfer", "transferWithSeed"):
            asset = config.asset_for(chain, None)
            out.append(Transfer(sender=info.get("source", ""), to=info.get("destination", ""),
                                raw=int(info.get("lamports", 0)), decimals=s.decimals,
                                symbol=asset.currency if asset else s.native))
        elif program in _TOKEN_PROGRAMS and kind in ("transfer", "transferChecked"):
            dest = info.get("destination", "")
            amount = info.get("tokenAmount") or {}
            mint, decimals = info.get("mint"), amount.get("decimals")
            if mint is None and dest in mints:
                mint, decimals = mints[dest]
            if mint is None:
                continue
            asset = config.asset_for(chain, mint)
            out.append(Transfer(sender=info.get("authority") or info.get("multisigAuthority") or "",
                                to=owners.get(dest, dest),
                                raw=int(amount.get("amount", info.get("amount", 0))),
                                contract=mint, decimals=int(decimals) if decimals is not None else None,
                                symbol=asset.currency if asset else None))
    return tuple(out)


ADAPTER: ChainAdapter = Adapter(
    family=Family.SOLANA,
    tx_pattern=re.compile(r"[1-9A-HJ-NP-Za-km-z]{87,88}"),
    hash_hint="a Solana signature is 87-88 base58 characters",
    probe_tx="1" * 64,  # base58 of the all-zero 64-byte signature
    lookup=lookup,
)
