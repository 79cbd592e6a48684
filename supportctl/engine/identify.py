"""Classify what an agent pasted: a hash, an explorer link, an address, or a whole ticket.

Pure and cheap: no network, no heavy imports. ``identify`` never raises on any text; what it cannot
understand comes back as an ``Unrecognised`` item with the reason. What a transaction id looks like is each
chain family's own word (its adapter's ``tx_pattern``): ``tx_families`` comes from ``chains/interface.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from supportctl.chains.interface import tx_families
from supportctl.core.errors import InputError
from supportctl.core.model import ChainKey, Kind, Subject
from supportctl.core.registry import chain_for_host, spec
from supportctl.core.textio import clip

if TYPE_CHECKING:
    from supportctl.addressing.interface import Analysis

__all__ = ["Item", "Unrecognised", "identify", "parse_symbol", "parse_tx", "tx_families"]

# A link ends at whitespace, a quote, a closing bracket or the first non-ASCII character (a Chinese ticket
# puts "，" or "。" right after a link).
_URL = re.compile(r"(?i:https?)://[^\s<>\"'`)\]\x7f-\U0010ffff]+")
_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?:0[xX][0-9a-fA-F]+|[0-9A-Za-z]{20,})(?![0-9A-Za-z])")


@dataclass(frozen=True, slots=True)
class Unrecognised:
    input: str
    reason: str


Item = Subject | Unrecognised

_BLOCKCHAIR: dict[str, ChainKey] = {
    name: ChainKey(key)
    for name, key in {
        "bitcoin": "bitcoin", "litecoin": "litecoin", "ethereum": "ethereum", "bnb": "bsc", "polygon": "polygon",
        "arbitrum-one": "arbitrum", "optimism": "optimism", "base": "base", "avalanche": "avalanche",
        "tron": "tron", "solana": "solana", "ripple": "xrp",
    }.items()
}  # fmt: skip
_TESTNETS = {"testnet", "testnet4", "signet", "sepolia", "holesky", "hoodi", "goerli", "nile", "shasta", "devnet"}


def parse_tx(text: str, chain: ChainKey | None = None) -> tuple[str, ChainKey | None]:
    """A transaction hash (or an explorer link to one) → (hash, chain named by the link). Raises InputError."""
    raw = text.strip()
    if not raw:
        raise InputError("empty transaction hash", hint="paste the TxID, e.g. 0x5c50…, or an explorer link")
    if _URL.fullmatch(raw):
        item = _from_url(raw)
        if isinstance(item, Unrecognised) or item.kind is not Kind.DEPOSIT:
            why = item.reason if isinstance(item, Unrecognised) else "it links to an address, not a transaction"
            raise InputError(f"cannot use this link: {why}")
        if chain is not None and item.chain is not None and chain != item.chain:
            raise InputError(f"the link is a {spec(item.chain).name} link but --chain says {spec(chain).name}")
        return item.input, item.chain or chain
    if tx_families(raw):
        return _hex_prefix(raw), chain
    raise InputError(f"malformed transaction hash {clip(raw)!r}: {_why_not_hash(raw)}",
                     hint="an EVM hash is 0x followed by 64 hex digits; copy it again from the wallet or explorer")


def parse_symbol(text: str) -> str:
    """A market as BASE/QUOTE: ``btc-usdt``, ``BTC_USDT`` and ``btc/usdt`` all give ``BTC/USDT``."""
    sym = text.strip().upper().replace("-", "/").replace("_", "/")
    if sym.count("/") != 1 or not all(sym.split("/")):
        raise InputError(f"symbol {text!r} is not BASE/QUOTE", hint="e.g. BTC/USDT")
    return sym


def identify(text: str) -> list[Item]:
    """Every hash, explorer link and address in ``text``, in order of appearance, without repeats."""
    from supportctl.addressing import ADDRESS_PATTERN, analyze

    items: list[tuple[int, Item]] = []
    used = bytearray(len(text) + 1)  # 1 where a found item stands: linear in the text, however many items

    def take(span: tuple[int, int]) -> None:
        used[span[0] : span[1]] = b"\x01" * (span[1] - span[0])

    def free(span: tuple[int, int]) -> bool:
        return not used[span[0]]

    for m in _URL.finditer(text):
        items.append((m.start(), _from_url(m.group(0).rstrip(".,;:!?"))))
        take(m.span())

    for m in _TOKEN.finditer(text):
        if not free(m.span()):
            continue
        token = m.group(0)
        if tx_families(token):
            items.append((m.start(), Subject(Kind.DEPOSIT, _hex_prefix(token))))
            take(m.span())
    for m in ADDRESS_PATTERN.finditer(text):
        if free(m.span()) and _an_address(analyze(m.group(0))):
            items.append((m.start(), Subject(Kind.ADDRESS, m.group(0))))
            take(m.span())
    items.extend(
        (m.start(), Unrecognised(m.group(0), _why_not_hash(m.group(0))))
        for m in _TOKEN.finditer(text)
        if free(m.span()) and m.group(0).lower().startswith("0x")
    )
    seen: set[tuple[str, str]] = set()
    out: list[Item] = []
    for _, item in sorted(items, key=lambda p: p[0]):
        key = (type(item).__name__, item.input.lower())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _an_address(analysis: Analysis) -> bool:
    """An address, or one with a typo in it (its checksum fails): the address pipeline says which."""
    error = analysis.error
    return bool(analysis.matches) or (error is not None and error.verdict == "invalid_checksum"
                                      and error.family is not None)


def _from_url(url: str) -> Item:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return Unrecognised(url, "not a valid link")
    chain = chain_for_host(host)
    if host.lower().removeprefix("www.") == "blockchair.com":  # the chain is the first path segment
        first = next((seg for seg in parts.path.split("/") if seg), "")
        chain = _BLOCKCHAIR.get(first.lower())
    if chain is None:
        return Unrecognised(url, f"{host or 'this site'} is not an explorer supportctl knows")
    labels = set(host.lower().split(".")) | {seg.lower() for seg in parts.path.split("/")}
    if "cluster=devnet" in parts.query or "cluster=testnet" in parts.query or labels & _TESTNETS:
        return Unrecognised(url, "a testnet explorer link: testnet coins are not deposits (supportctl checks mainnets)")
    # Explorers put the id in the path (/tx/ID) or, for tronscan, in the fragment (#/transaction/ID).
    path = unquote(parts.path + ("/" + parts.fragment if parts.fragment else ""))
    segments = [s for s in path.split("/") if s]
    for i, seg in enumerate(segments[:-1]):
        value = segments[i + 1].split("?")[0]
        if seg.lower() in ("tx", "transaction", "transactions"):
            if tx_families(value):
                return Subject(Kind.DEPOSIT, _hex_prefix(value), chain=chain)
            return Unrecognised(url, f"the link's transaction id is malformed: {_why_not_hash(value)}")
        if seg.lower() in ("address", "account", "accounts"):
            return Subject(Kind.ADDRESS, value, chain=chain)
    return Unrecognised(url, f"the {spec(chain).name} link names no transaction or address")


def _hex_prefix(tx: str) -> str:
    """``0X…`` (some wallets print it so) → ``0x…``: nodes only accept the lower-case prefix."""
    return "0x" + tx[2:] if tx.startswith("0X") else tx


def _why_not_hash(text: str) -> str:
    body = text[2:] if text.lower().startswith("0x") else text
    bad = sorted({c for c in body if c not in "0123456789abcdefABCDEF"})
    if bad and text.lower().startswith("0x"):
        return f"{''.join(bad[:5])!r} is not a hex digit"
    if all(c in "0123456789abcdefABCDEF" for c in body):
        if len(body) == 40 and text.lower().startswith("0x"):
            return "this is an address (40 hex digits), not a transaction hash"
        return f"{len(body)} hex digits where a transaction hash has 64"
    return "not a transaction hash of any supported chain"
