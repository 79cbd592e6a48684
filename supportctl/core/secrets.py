"""Secrets a customer may paste by mistake: private keys (WIF of any network, hex with a key-ish word nearby,
extended private keys xprv/tprv/yprv/zprv …), XRP family seeds (``s…``, ``sEd…``) and seed phrases (BIP-39,
English and both Chinese word lists); hex keys labelled in any of the reply languages).

Found secrets are cut out of the text before anything else reads it — so a hex private key is never looked
up as a transaction hash at a public node — and are never shown: only their kind is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
# WIF: base58check of a version byte and a 32-byte key (+ 0x01 when compressed). Every network uses its own
# version byte (Bitcoin 0x80, testnets 0xEF, Litecoin 0xB0, Dogecoin 0x9E, Dash 0xCC …), so any version counts:
# a random 51-52 character string passes the 4-byte checksum once in 4 billion.
_WIF = re.compile(f"(?<![{_B58}])[{_B58}]{{51,52}}(?![{_B58}])")
_XRP_B58 = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
# XRP family seed: "s" + base58check (XRP alphabet) of 0x21 + 16 bytes (secp256k1) or 01 E1 4B + 16 bytes (ed25519).
_XRP_SEED = re.compile(f"(?<![{_XRP_B58}])s[{_XRP_B58}]{{27,31}}(?![{_XRP_B58}])")
_XPRV = re.compile(f"(?<![{_B58}])[xtyzuvYZ]prv[{_B58}]{{100,108}}(?![{_B58}])")
_HEX_KEY = re.compile(r"(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64}(?![0-9A-Za-z])")
# A 64-hex string is a transaction id unless a key-ish word stands near it. Erring towards "key" is the
# safe side: a missed lookup costs a re-paste, a key sent to a public node as a "hash" costs the wallet.
_KEYISH = re.compile(
    r"\bkeys?\b|priv(?:ate)?|secret|seed|mnemonic|私钥|密钥|私鑰|助记词|助記詞"
    r"|ключ|приватн|сид|clave|chave|anahtar|khóa|kunci|개인\s*키|프라이빗\s*키|비밀\s*키|시드",
    re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_TXISH = re.compile(r"\btx|txid|hash|deposit|withdraw|transaction|transfer|交易|哈希|充值|提现|提币", re.IGNORECASE)
_KEY_CONTEXT = 40  # characters either side of a 64-hex string searched for a key-ish word


@dataclass(frozen=True, slots=True)
class Secret:
    kind: str  # "private key (WIF)", "extended private key", "private key (hex)", "seed phrase (12 words)" …
    start: int
    end: int


def find(text: str) -> list[Secret]:
    """Every secret in ``text``, by position, without overlaps."""
    found = [Secret("extended private key", *m.span()) for m in _XPRV.finditer(text) if _base58check_ok(m.group(0))]
    found += [
        Secret("private key (WIF)", *m.span())
        for m in _WIF.finditer(text)
        if _wif_ok(m.group(0))
    ]
    found += [
        Secret("secret key (XRP family seed)", *m.span()) for m in _XRP_SEED.finditer(text) if _xrp_seed_ok(m.group(0))
    ]
    for m in _HEX_KEY.finditer(text):
        if _is_key(text, m):
            found.append(Secret("private key (hex)", *m.span()))
    found += _seed_phrases(text)
    found.sort(key=lambda s: s.start)
    out: list[Secret] = []
    for s in found:
        if not out or s.start >= out[-1].end:
            out.append(s)
    return out


_LABEL = re.compile(r"([^\W\d_]+)[\s:=：\-\"'`(]*(?:is|是|为|為)?[\s:=：\-\"'`(]*$", re.IGNORECASE)


def _is_key(text: str, m: re.Match[str]) -> bool:
    """A 64-hex string is a private key when the word that labels it ("private key: …", "私钥是…") is key-ish,
    or, unlabelled, when a key-ish word stands at least as near as a transaction-ish one (a tie is a key:
    the safe side)."""
    label = _LABEL.search(text[max(0, m.start() - 30) : m.start()])
    if label:
        if _KEYISH.fullmatch(label.group(1)):
            return True
        if _TXISH.match(label.group(1)):
            return False
    key, tx = _distance(_KEYISH, text, m), _distance(_TXISH, text, m)
    return key is not None and (tx is None or key <= tx)


def _distance(words: re.Pattern[str], text: str, m: re.Match[str]) -> int | None:
    """How far the nearest of ``words`` stands from the match, within the context window (None: none)."""
    before = text[max(0, m.start() - _KEY_CONTEXT) : m.start()]
    after = text[m.end() : m.end() + _KEY_CONTEXT]
    gaps = [len(before) - w.end() for w in words.finditer(before)] + [w.start() for w in words.finditer(after)]
    return min(gaps) if gaps else None


def scrub(args: list[str]) -> tuple[list[str], list[str]]:
    """Command-line arguments with every secret replaced by its marker, and the kinds found (in order).

    Runs on every argument of every command before anything parses it, so no command, option, error
    message or outgoing request can carry a pasted key or seed."""
    out: list[str] = []
    kinds: list[str] = []
    for a in args:
        found = find(a)
        kinds += [s.kind for s in found]
        out.append(cut_out(a, found) if found else a)
    return out, kinds


def cut_out(text: str, secrets: list[Secret] | None = None) -> str:
    """``text`` with every secret replaced by ``[redacted KIND]``."""
    secrets = find(text) if secrets is None else secrets
    for s in sorted(secrets, key=lambda s: s.start, reverse=True):
        text = text[: s.start] + f"[redacted {s.kind}]" + text[s.end :]
    return text


def _base58check_ok(text: str) -> bool:
    import base58

    try:
        raw = base58.b58decode_check(text)
    except ValueError:
        return False
    return len(raw) == 78


def _wif_ok(text: str) -> bool:
    import base58

    try:
        raw = base58.b58decode_check(text)
    except ValueError:
        return False
    return len(raw) == 33 or (len(raw) == 34 and raw[-1] == 1)


def _xrp_seed_ok(text: str) -> bool:
    import base58

    try:
        raw = base58.b58decode_check(text, alphabet=base58.XRP_ALPHABET)
    except ValueError:
        return False
    return (len(raw) == 17 and raw[0] == 0x21) or (len(raw) == 19 and raw[:3] == b"\x01\xe1\x4b")


@cache
def _wordlist(language: str) -> frozenset[str]:
    from mnemonic import Mnemonic

    return frozenset(Mnemonic(language).wordlist)


_SEED_COUNTS = (24, 21, 18, 15, 12)
_EN_WORD = re.compile(r"[A-Za-z]+")
# What may stand between the words of a pasted phrase: white space, numbering ("1. abandon 2. ability"),
# quotes and list punctuation — never a letter.
_SEED_GAP = re.compile(r"[\s\d.,;:'\"“”‘’()\[\]{}<>\-–—|/\\#*_、，：；。]+")
_ZH = "\u4e00-\u9fff"
_ZH_SPACED = re.compile(f"[{_ZH}](?:[\\s,，、]+[{_ZH}]){{11,}}")
_ZH_RUN = re.compile(f"[{_ZH}]{{12,}}")
# A Chinese phrase written without separators is taken for a seed only right after one of these words: the
# 2,048 characters of the list are the commonest of the language, so ordinary sentences are made of them.
_ZH_SEED_WORD = re.compile(
    r"(?:助记词|助記詞|种子|種子|恢复词|恢复短语|私钥|私鑰|密语|mnemonic|seed)\s*(?:是|为|為)?\s*[:：]?\s*$",
    re.IGNORECASE,
)


def _seed_phrases(text: str) -> list[Secret]:
    """BIP-39 phrases: English words (any case) separated by spaces, numbering, quotes or commas; Chinese
    characters separated by spaces, or written together right after a word that names a seed. The span is the
    phrase itself: the longest window that passes the BIP-39 checksum, else (a phrase with a typo) the run."""
    out: list[Secret] = []
    words = list(_EN_WORD.finditer(text)) if len(text) >= 12 * 3 else []
    # the list is loaded only when it can matter: twelve joined words of a list word's length (not a hex hash)
    english = _wordlist("english") if _may_be_english_phrase(text, words) else frozenset()
    run: list[re.Match[str]] = []
    for m in words:
        joined = bool(run) and _SEED_GAP.fullmatch(text[run[-1].end() : m.start()]) is not None
        if not joined:
            _flush_english(run, out)
            run = []
        if m.group(0).lower() in english:
            run.append(m)
        else:
            _flush_english(run, out)
            run = []
    _flush_english(run, out)
    if not _ZH_RUN.search(text) and not _ZH_SPACED.search(text):
        return out
    for language in ("chinese_simplified", "chinese_traditional"):  # BIP-39 has a list for each script
        _chinese_phrases(text, language, out)
    return out


_SEED_WORD_LENGTHS = range(3, 9)  # every word of the BIP-39 English list has 3 to 8 letters


def _may_be_english_phrase(text: str, words: list[re.Match[str]]) -> bool:
    """Could ``words`` hold a run of twelve list words, each joined to the last as ``_seed_phrases`` joins them?
    Judged on the words' lengths alone, before loading the list (python-mnemonic, ~4 ms)."""
    run = 0
    for previous, m in zip([None, *words], words, strict=False):
        if len(m.group(0)) not in _SEED_WORD_LENGTHS:
            run = 0
            continue
        joined = run and previous is not None and _SEED_GAP.fullmatch(text[previous.end() : m.start()]) is not None
        run = run + 1 if joined else 1
        if run >= min(_SEED_COUNTS):
            return True
    return False


def _chinese_phrases(text: str, language: str, out: list[Secret]) -> None:
    chinese = _wordlist(language)
    for m in _ZH_SPACED.finditer(text):
        spots = [(i, c) for i, c in enumerate(m.group(0), m.start()) if not _SEED_GAP.fullmatch(c)]
        if any(s.start <= spots[0][0] < s.end for s in out) or not all(c in chinese for _, c in spots):
            continue
        window = _checksum_window([c for _, c in spots], language)
        if window is not None:
            i, n = window
            out.append(Secret(f"seed phrase ({n} characters)", spots[i][0], spots[i + n - 1][0] + 1))
    for m in _ZH_RUN.finditer(text):
        if any(s.start <= m.start() < s.end for s in out):
            continue
        # the phrase after a seed word inside the run ("我的助记词是的一是在…"), or the whole run after one
        for cut in range(0, len(m.group(0)) - 11):
            if not _ZH_SEED_WORD.search(text[max(0, m.start() + cut - 12) : m.start() + cut]):
                continue
            chars = m.group(0)[cut:]
            if len(chars) in _SEED_COUNTS and all(c in chinese for c in chars) and \
                    _checksum_window(list(chars), language) == (0, len(chars)):
                out.append(Secret(f"seed phrase ({len(chars)} characters)", m.start() + cut, m.end()))
                break


def _flush_english(run: list[re.Match[str]], out: list[Secret]) -> None:
    if len(run) < 12:
        return
    window = _checksum_window([m.group(0).lower() for m in run], "english")
    i, n = window if window is not None else (0, len(run))  # a phrase with a typo is still a seed
    out.append(Secret(f"seed phrase ({n} words)", run[i].start(), run[i + n - 1].end()))


_MAX_WINDOWED = 96  # a longer run of list words is no sentence: it is flagged whole, without windows


def _checksum_window(words: list[str], language: str) -> tuple[int, int] | None:
    """(start, length) of the longest run of 12-24 words in ``words`` that passes the BIP-39 checksum."""
    if len(words) > _MAX_WINDOWED:
        return None
    index = _word_index(language)
    values = [index[w] for w in words]
    for n in _SEED_COUNTS:
        for i in range(0, len(values) - n + 1):
            if _checksum_ok(values[i : i + n]):
                return i, n
    return None


def _checksum_ok(values: list[int]) -> bool:
    """BIP-39: the words' 11-bit values are the entropy followed by the first bits of its SHA-256."""
    import hashlib

    bits = 0
    for v in values:
        bits = (bits << 11) | v
    check_bits = len(values) * 11 // 33
    entropy = (bits >> check_bits).to_bytes(len(values) * 11 * 32 // 33 // 8, "big")
    return hashlib.sha256(entropy).digest()[0] >> (8 - check_bits) == bits & ((1 << check_bits) - 1)


@cache
def _word_index(language: str) -> dict[str, int]:
    from mnemonic import Mnemonic

    return {w: i for i, w in enumerate(Mnemonic(language).wordlist)}
