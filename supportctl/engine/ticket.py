"""A whole ticket as one case: its items, what the customer claims, and each item's role.

``read`` is pure and cheap (no network): it finds the hashes, links, addresses and IDs of a ticket
(``identify``), gives each the role the words around it say (the customer's deposit address, their own wallet,
an address someone else gave them, a withdrawal's hash …), and reads the customer's claims (a network, an
amount, a memo, a time) with the words they came from. The words are in ``words.py``, in the ten reply
languages.

A claim is never a filter: ``subjects`` hands each item to its pipeline with the claims as claims (the deposit
checks hold the network, the currency, the amount, the memo and the sender against what the chain shows).
An address used as the deposit address, or named as the customer's own wallet, is a claim of the transaction,
not an item of its own. Links that are not explorer links and phone numbers are ``reported``: shown to the
agent, never repeated in a reply.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from supportctl.core.model import ChainKey, Claim, Kind, Lang, Subject
from supportctl.engine import words
from supportctl.engine.identify import Item, Unrecognised, identify, tx_families

# Roles an item can have (the JSON's ``role``).
DEPOSIT, WITHDRAWAL, ORDER = "deposit", "withdrawal", "order"
SENT_TO = "sent_to"  # "… to 0x…": where the customer says the funds went
DEPOSIT_ADDRESS, OWN_WALLET, GIVEN, QUESTION, ADDRESS = (
    "deposit_address", "own_wallet", "given_by_someone", "question", "address")
UNREADABLE = "unreadable"

_CJK_RUN = r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{4,}"
_WINDOW = 60  # characters before an item read for its role
# a word that, right before an address, says the funds went there (their deposit address, unless named apart)
_DESTINATION = re.compile(r"(?:^|(?<=\W))(" + "|".join(words.DESTINATION) + r")\s*[:：]?\s*$")
_UNKNOWN_HOST = "is not an explorer supportctl knows"
_PHONE = re.compile(r"(?<![\w+])\+\d[\d \-().]{6,18}\d(?!\w)")
_COMMA_DECIMAL = {Lang.ES, Lang.PT_BR, Lang.TR, Lang.ID, Lang.VI, Lang.RU}  # "1.500" is fifteen hundred there


@dataclass(frozen=True, slots=True)
class Found:
    """One item of the ticket and the role the words around it give it."""

    item: Item
    role: str
    words: str = ""  # the cue that gave the role, as the customer wrote it
    assumed: bool = False  # the deposit address only because it is the one address beside the transaction


@dataclass(frozen=True)
class Reading:
    items: tuple[Found, ...]  # what is looked up (deposit addresses and own wallets are claims instead)
    claims: tuple[Claim, ...]
    reported: tuple[str, ...]  # links that are not explorer links, phone numbers
    addresses: tuple[Found, ...]  # every address of the ticket, whatever its role (for look-alike pairs)
    scam_words: tuple[str, ...] = ()  # words saying the customer reports a scam
    given_words: tuple[str, ...] = ()  # words saying someone else sent them something (an address, a link)
    total: int = 0  # items found in the text, those past the reader's limit included

    def claim(self, name: str) -> str | None:
        """The value of claim ``name`` when the ticket makes it once (or always with the same value)."""
        values = {c.value for c in self.claims if c.name == name}
        return values.pop() if len(values) == 1 else None


def read(text: str, lang: Lang = Lang.EN, currencies: Iterable[str] = (), *, to: str | None = None,
         limit: int | None = None) -> Reading:
    """Everything of ``text`` (secrets already cut out) that supportctl can look up or hold against evidence;
    ``to``: the customer's deposit address when the agent gives it apart from the text. With ``limit``, only
    the first items get a role, so a pasted dump of thousands of hashes is read in linear time; ``total``
    counts them all."""
    lower = text.lower()
    located = _locate(text, identify(text))
    spans = _Spans(located)
    words_only = _without(text, located)  # the customer's words: claims are read here, never inside an item
    words_lower = words_only.lower()
    found: list[Found] = []
    reported: list[str] = []
    elsewhere = _any(words.FROM_ELSEWHERE).search(words_lower)  # "withdrew from Binance": a deposit here
    deposit_words = elsewhere or _any(words.DEPOSIT).search(words_lower)
    said = None if deposit_words else _any(words.WITHDRAWAL).search(words_lower)
    withdrawal = said.group(0) if said else None
    for start, end, item in located[:limit]:
        if isinstance(item, Unrecognised) and item.input.lower().startswith(("http://", "https://")) \
                and _UNKNOWN_HOST in item.reason:
            reported.append(item.input)
            continue
        before = lower[max(0, spans.previous_end(start), start - _WINDOW):start]
        after = lower[end:spans.next_start(end, len(text))][:_WINDOW]
        found.append(_with_role(item, before, after, withdrawal))
    unread = len(located) - len(located[:limit])
    reported += [m.group(0).strip() for m in _PHONE.finditer(words_only)]
    found += _ids(words_only)
    if to is not None:
        found.insert(0, Found(Subject(Kind.ADDRESS, to), DEPOSIT_ADDRESS, ":to"))
    claims = _claims(words_only, lang, currencies)
    claimed, items = _as_claims(found)
    name = {DEPOSIT_ADDRESS: "to", OWN_WALLET: "from", SENT_TO: "sent_to"}
    claims += [Claim(name[f.role], f.item.input, f.words) for f in claimed]
    addresses = tuple(f for f in (*claimed, *items) if isinstance(f.item, Subject) and f.item.kind is Kind.ADDRESS)
    scam = tuple(dict.fromkeys(m.group(0) for m in _any(words.SCAM).finditer(words_lower)))
    given = tuple(dict.fromkeys(m.group(0) for m in _any(words.GIVEN_BY_SOMEONE).finditer(words_lower)))
    return Reading(tuple(items), tuple(claims), tuple(dict.fromkeys(reported)), addresses, scam, given,
                   total=len(items) + unread)


def _without(text: str, located: Sequence[tuple[int, int, Item]]) -> str:
    """``text`` with each item replaced by one space."""
    parts, at = [], 0
    for start, end, _ in located:
        parts.append(text[at:start])
        at = max(at, end)
    parts.append(text[at:])
    return " ".join(parts)


def reads_as_words(text: str) -> bool:
    """Words a customer wrote (three or more, or a line of Chinese, Japanese or Korean), not one malformed token
    an agent pasted: those get a reply asking for the details; a token gets an error saying what is wrong."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 3 or bool(re.search(_CJK_RUN, text))


def subjects(reading: Reading, chains: Iterable[ChainKey]) -> list[tuple[Found, Subject | Unrecognised]]:
    """Each item as its pipeline takes it, the ticket's claims attached where they apply: a transaction
    gets the network, currency, amount and memo the customer names, the deposit address of its family
    (``to``) and their own wallet (``sender``); a withdrawal ID the currency."""
    from supportctl.addressing.interface import address_families
    from supportctl.core.registry import spec

    configured = set(chains)
    out: list[tuple[Found, Subject | Unrecognised]] = []
    for f in reading.items:
        item = f.item
        if isinstance(item, Subject) and item.kind in (Kind.DEPOSIT, Kind.WITHDRAWAL) and tx_families(item.input):
            families = address_families(tx_families(item.input))

            to = [c.value for c in reading.claims if c.name == "to" and families & _families(c.value)]
            own = [c.value for c in reading.claims if c.name == "from" and families & _families(c.value)]
            recipient = to[0] if len(to) == 1 else None
            chain = reading.claim("chain")
            if chain is not None and (spec(ChainKey(chain)).family not in tx_families(item.input)
                                      or chain not in configured):
                chain = None  # another family's network (a "TRC20" beside an EVM hash): shown, never looked up
            replace = {"currency": reading.claim("currency"), "amount": reading.claim("amount"),
                       "memo": reading.claim("memo"), "chain": chain or item.chain}
            if item.kind is Kind.DEPOSIT:
                replace.update(to=item.to or recipient, sender=own[0] if len(own) == 1 else None)
            else:  # a withdrawal's hash: the customer's own wallet is where it should arrive
                replace.update(to=own[0] if len(own) == 1 else recipient, chain=None, memo=None, amount=None)
            given = {k: v for k, v in replace.items() if v is not None and getattr(item, k) is None}
            if chain is not None and item.chain is not None and chain != item.chain:
                given["chain"] = chain  # "ERC20" and a bscscan link: the claim is held against where it is
            item = dataclasses.replace(item, **given)  # type: ignore[arg-type]
        elif isinstance(item, Subject) and item.kind is Kind.WITHDRAWAL:
            item = dataclasses.replace(item, currency=item.currency or reading.claim("currency"))
        elif isinstance(item, Subject) and item.kind is Kind.ORDER:
            item = dataclasses.replace(item, symbol=item.symbol or reading.claim("symbol"))
        out.append((f, item))
    return out


# -- items and their roles ----------------------------------------------------------------------------------


def _locate(text: str, items: Sequence[Item]) -> list[tuple[int, int, Item]]:
    """Where each item stands in the text (``identify`` returns them in order of appearance)."""
    out: list[tuple[int, int, Item]] = []
    at = 0
    for item in items:
        start = text.find(item.input, at)
        if start < 0:  # identify normalised it (0X → 0x): find it case-blind
            start = text.lower().find(item.input.lower(), at)
        if start < 0:
            start = at
        out.append((start, start + len(item.input), item))
        at = start + len(item.input)
    return out


class _Spans:
    """Where the items stand, for the questions the reader asks about a position (each O(log n))."""

    def __init__(self, located: Sequence[tuple[int, int, Item]]) -> None:
        self.starts = [s for s, _, _ in located]
        self.ends = [e for _, e, _ in located]

    def previous_end(self, start: int) -> int:
        i = bisect.bisect_right(self.ends, start) - 1
        return self.ends[i] if i >= 0 else 0

    def next_start(self, end: int, default: int) -> int:
        i = bisect.bisect_left(self.starts, end)
        return self.starts[i] if i < len(self.starts) else default


def _with_role(item: Item, before: str, after: str, withdrawal: str | None) -> Found:
    """The role the words around ``item`` give it; ``withdrawal``: the ticket's withdrawal word when it speaks
    only of a withdrawal (no deposit word anywhere)."""
    if isinstance(item, Unrecognised):
        return Found(item, UNREADABLE)
    if item.kind is Kind.ADDRESS:
        cues = {GIVEN: words.GIVEN_BY_SOMEONE, OWN_WALLET: words.OWN_WALLET, DEPOSIT_ADDRESS: words.DEPOSIT_ADDRESS,
                QUESTION: words.QUESTION}
        given = _nearest(before, {GIVEN: words.GIVEN_BY_SOMEONE})  # whatever else the words say, never endorse it
        to = _DESTINATION.search(before)  # "… from my wallet to 0x…": the word right before says where it went
        asking = to is not None and _nearest(before[:to.start()].rstrip()[-20:], {QUESTION: words.QUESTION})
        destination = (SENT_TO, to.group(1).strip()) if to and not asking else None
        role, cue = given or destination or _nearest(before, cues) or _first(after, cues) or (ADDRESS, "")
        return Found(item, role, cue)
    if item.kind is Kind.DEPOSIT:
        near = _nearest(before, {WITHDRAWAL: words.WITHDRAWAL, DEPOSIT: words.DEPOSIT})
        if near is None:  # the ticket's words as a whole: a deposit unless it speaks only of a withdrawal
            near = (WITHDRAWAL, withdrawal) if withdrawal else (DEPOSIT, "")
        role, cue = near
        if role == WITHDRAWAL:
            return Found(dataclasses.replace(item, kind=Kind.WITHDRAWAL), WITHDRAWAL, cue)
        return Found(item, DEPOSIT, cue)
    return Found(item, str(item.kind), "")


def _nearest(window: str, cues: dict[str, tuple[str, ...]]) -> tuple[str, str] | None:
    """The role whose cue ends closest to the end of ``window`` (the words right before an item)."""
    best: tuple[int, str, str] | None = None
    for role, phrases in cues.items():
        for phrase in phrases:
            for m in _pattern(phrase, True).finditer(window):
                if best is None or m.end() > best[0] or (m.end() == best[0] and len(phrase) > len(best[2])):
                    best = (m.end(), role, m.group(0))
    return (best[1], best[2]) if best else None


def _first(window: str, cues: dict[str, tuple[str, ...]]) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for role, phrases in cues.items():
        for phrase in phrases:
            m = _pattern(phrase, True).search(window)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), role, m.group(0))
    return (best[1], best[2]) if best else None


def _as_claims(found: list[Found]) -> tuple[list[Found], list[Found]]:
    """The addresses that are claims of a transaction in the ticket (its deposit address, the customer's own
    wallet), and the items left to look up. A lone address without a cue beside a transaction of its family is
    the deposit address (a ticket with a hash and one address); several are left as items (never a guess)."""
    from supportctl.addressing import analyze
    from supportctl.addressing.interface import address_families

    pays: set[str] = set()
    for f in found:
        if isinstance(f.item, Subject) and f.item.kind in (Kind.DEPOSIT, Kind.WITHDRAWAL) and tx_families(f.item.input):
            pays |= set(address_families(tx_families(f.item.input)))

    def payable(f: Found) -> bool:
        return isinstance(f.item, Subject) and f.item.kind is Kind.ADDRESS \
            and bool(pays & set(analyze(f.item.input).families))

    named = any(f.role == DEPOSIT_ADDRESS and payable(f) for f in found)
    sent_to = [f for f in found if f.role == SENT_TO and payable(f)]
    plain = [f for f in found if f.role == ADDRESS and payable(f)]
    # where they sent it is their deposit address unless they name that apart ("to X instead of my deposit
    # address Y"); a lone unmarked address beside a hash is too
    lone = sent_to if len(sent_to) == 1 else plain if not sent_to and len(plain) == 1 else []
    if lone and not named:
        found = [dataclasses.replace(f, role=DEPOSIT_ADDRESS, assumed=True) if f is lone[0] else f for f in found]
    claimed = [f for f in found if f.role in (DEPOSIT_ADDRESS, OWN_WALLET, SENT_TO) and payable(f)]
    return claimed, [f for f in found if f not in claimed]


def _families(address: str) -> set[str]:
    from supportctl.addressing import analyze

    return set(analyze(address).families)


# -- IDs ------------------------------------------------------------------------------------------------------

_ID_VALUE = r"\s*(?:is|es|é|是|为|為|:|：|#|=|no\.?|№|\.)?\s*([A-Za-z0-9][A-Za-z0-9_-]{5,63})(?![A-Za-z0-9])"


def _ids(text: str) -> list[Found]:
    out: list[Found] = []
    seen: set[str] = set()
    for kind in (Kind.WITHDRAWAL, Kind.ORDER):
        for m in _id_pattern(kind).finditer(text):
            value = m.group(1)
            if value in seen or not any(c.isdigit() for c in value):
                continue
            seen.add(value)
            role = WITHDRAWAL if kind is Kind.WITHDRAWAL else ORDER
            out.append(Found(Subject(kind, value), role, m.group(0)[: m.start(1) - m.start()].strip()))
    return out


# -- claims ---------------------------------------------------------------------------------------------------

_NUMBER = r"(\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"


def _claims(text: str, lang: Lang, currencies: Iterable[str]) -> list[Claim]:
    claims: list[Claim] = []
    lower = text.lower()
    networks = {" ".join(k.split()): v for k, v in words.NETWORKS.items()}
    for m in _any(tuple(words.NETWORKS), stem=False).finditer(lower):
        chain = networks.get(" ".join(m.group(0).split()))
        if chain:
            claims.append(Claim("chain", chain, text[m.start():m.end()] if len(lower) == len(text) else m.group(0)))
    claims = _longest(claims)
    symbols = sorted({*words.CURRENCIES, *(c.upper() for c in currencies)}, key=len, reverse=True)
    cur = "|".join(re.escape(s) for s in symbols)
    slang = "|".join(re.escape(s) for s in sorted(words.CURRENCY_SLANG, key=len, reverse=True))
    amount = re.compile(rf"(?<![0-9A-Za-z.,]){_NUMBER}\s?(?:({cur})(?![A-Za-z0-9]|\s?/)|({slang})(?![A-Za-z0-9]))"
                        rf"|(?<![A-Za-z0-9])({cur})\s?{_NUMBER}(?![0-9A-Za-z])", re.IGNORECASE)
    for m in amount.finditer(text):
        number = m.group(1) or m.group(5)
        symbol = (m.group(2) or m.group(4) or "").upper() or words.CURRENCY_SLANG.get((m.group(3) or "").lower())
        if not symbol:
            continue
        if (m.group(2) or m.group(4)) and (m.group(2) or m.group(4)) != symbol and len(symbol) <= 3 \
                and not (m.group(2) or m.group(4) or "").isupper():
            continue  # "10 eth" is fine; "5 op" or "3 sol" in lower case are words, not amounts
        value = _decimal(number, lang)
        if value is None:
            continue
        claims.append(Claim("amount", format(value.normalize(), "f"), m.group(0).strip()))
        claims.append(Claim("currency", symbol, m.group(0).strip()))
    memo = "|".join(_pattern(p, True).pattern for p in sorted(words.MEMO, key=len, reverse=True))
    for m in re.finditer(rf"(?:{memo})\s*(?:is|es|é|是|为|為|:|：|#|=|号|號)?\s*(\d{{1,10}})(?!\d)", text,
                         re.IGNORECASE):
        claims.append(Claim("memo", m.group(1), m.group(0).strip()))
    for pattern in _time_patterns():
        for m in pattern.finditer(text):
            if not any(m.group(0) in c.words for c in claims):
                claims.append(Claim("time", m.group(0), m.group(0)))
    quote = "USDT|USDC|BTC|ETH|BNB|FDUSD|TRY|EUR|USD|BRL"
    for m in re.finditer(rf"(?<![A-Za-z0-9])(?!ERC|TRC|BEP)([A-Z0-9]{{2,10}})\s?/\s?({quote})(?![A-Za-z])", text):
        claims.append(Claim("symbol", f"{m.group(1)}/{m.group(2)}", m.group(0)))
    return _dedupe(claims)


def _decimal(number: str, lang: Lang) -> Decimal | None:
    """A number as the customer wrote it: "1,000.50", "1.000,50", "0,5", "1 500". With both marks the last is
    the decimal point; a mark used twice groups thousands; one mark before three digits is read the language's
    way ("1.500" is fifteen hundred in Spanish, one and a half in English), unless the number starts with 0."""
    n = number.replace("\u00a0", "").replace(" ", "")
    marks = [c for c in n if c in ".,"]
    if len(set(marks)) == 2:
        point = n[max(n.rfind("."), n.rfind(","))]
    elif not marks:
        point = ""
    else:
        mark = marks[0]
        whole, _, tail = n.rpartition(mark)
        if len(marks) > 1:
            point = ""  # 1,000,000
        elif len(tail) != 3 or whole == "0":
            point = mark
        else:
            point = mark if (mark == ",") == (lang in _COMMA_DECIMAL) else ""
    if point:
        whole, _, tail = n.rpartition(point)
        n = re.sub(r"[.,]", "", whole) + "." + tail
    else:
        n = re.sub(r"[.,]", "", n)
    try:
        value = Decimal(n)
    except InvalidOperation:
        return None
    return value if value > 0 else None


def _longest(claims: list[Claim]) -> list[Claim]:
    """"BNB Smart Chain" and "BNB Chain" in one place are one claim: the longer words win."""
    return [c for c in claims
            if not any(c is not o and c.words.lower() in o.words.lower() and c.value == o.value for o in claims)]


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for c in claims:
        key = (c.name, c.value, c.words.lower())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# -- matching words -------------------------------------------------------------------------------------------


@cache
def _any(phrases: tuple[str, ...], stem: bool = True) -> re.Pattern[str]:
    """One pattern finding any of ``phrases`` (longest first), each matched as ``_pattern`` matches it: one scan
    of the ticket for a whole list of words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(f"(?:{_pattern(p, stem).pattern})" for p in ordered))


@cache
def _id_pattern(kind: Kind) -> re.Pattern[str]:
    phrases = words.WITHDRAWAL_ID if kind is Kind.WITHDRAWAL else words.ORDER_ID
    return re.compile(f"(?:{_any(phrases).pattern})" + _ID_VALUE, re.IGNORECASE)


@cache
def _pattern(phrase: str, stem: bool) -> re.Pattern[str]:
    """``phrase`` as a regex: CJK and Korean anywhere; other scripts from a word start, and to a word end
    unless ``stem`` (then "withdraw" also finds "withdrawal")."""
    body = re.escape(phrase).replace(r"\ ", r"\s+")
    if re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]", phrase):
        return re.compile(body)
    # an ASCII word is bounded by ASCII letters and digits only: "用ERC20转" and "ERC20으로" hold "ERC20"
    edge = "[0-9A-Za-z]" if phrase.isascii() else r"\w"
    return re.compile(rf"(?<!{edge}){body}" + ("" if stem else rf"(?!{edge})"))


@cache
def _time_patterns() -> tuple[re.Pattern[str], ...]:
    # every pattern starts where no letter or digit stands before it: a run of digits is tried once, not at each
    # of its digits (a hash's 64 digits would cost 64² steps)
    return tuple(re.compile(rf"(?<![0-9A-Za-z]){p}" + (r"(?!\w)" if p[0].isascii() and p[0].isalpha() else ""),
                            re.IGNORECASE) for p in words.TIME)
