"""`analyze` (what is this string?) and `lookalike` (address-poisoning check)."""

from __future__ import annotations

from collections.abc import Callable

from . import bitcoin, evm, interface, solana, tron, xrp
from ._codec import bech32_split, describe_char, is_hex
from .interface import (
    EXTRA_FORMATS,
    INVALID_FORMAT,
    AddressError,
    AddressInfo,
    Analysis,
    FamilyResult,
    Rejection,
    reject,
)

MAX_LEN = 200  # nothing longer is an address; keeps every decoder's cost bounded


def _foreign_bech32(s: str) -> FamilyResult:
    """A well-formed bech32 string whose prefix belongs to no supported chain (cosmos1…, bnb1…, tc1…)."""
    if bitcoin.segwit_hrp(s) is not None:
        return None
    decoded = bech32_split(s)
    if decoded is None or isinstance(decoded, str):
        return None
    what = "a bech32 string" if decoded.spec else "a bech32-like string (its checksum does not verify)"
    return reject(
        INVALID_FORMAT,
        None,
        f"{what} with prefix '{decoded.hrp}', which is not a supported chain "
        "(Bitcoin uses bc/tb/bcrt, Litecoin ltc/tltc)",
        2 if decoded.spec else 1,
    )


# Tried in this order; every parser sees every text, and all valid readings are kept.
_PARSERS: tuple[Callable[[str], FamilyResult], ...] = (
    evm.parse,
    bitcoin.parse,
    tron.parse,
    xrp.parse,
    solana.parse,
    _foreign_bech32,
)

_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


# Analyses already made this run (an ``Analysis`` is frozen, so it is shared): a bulk line is analysed by identify,
# by the recipient rule and by its kind, and thousands of tickets name the same deposit address. Bounded: the oldest
# entry goes when it is full. Emptied when a format is registered or removed (``interface.formats_version``).
CACHE_SIZE = 4096
_cache: dict[str, Analysis] = {}


def analyze(text: str) -> Analysis:
    """Classify `text` (whitespace-stripped) as an address of every supported family; never raises. Each distinct
    string is analysed once while it is among the last ``CACHE_SIZE`` distinct strings analysed."""
    if type(text) is str:
        hit = _cache.get(text)
        if hit is not None and _cache_formats == interface.formats_version:
            return hit
    try:
        found = _analyze(text)
    except Exception as exc:  # a bug must never take the CLI down; report it as an unrecognised string
        stripped = text.strip() if isinstance(text, str) else repr(text)
        return Analysis(
            stripped, (), AddressError(INVALID_FORMAT, None, f"could not be analysed ({type(exc).__name__})")
        )
    if type(text) is str:
        _remember(text, found)
    return found


_cache_formats = 0  # the run-time formats the cached analyses knew (``interface.formats_version``)


def _remember(text: str, found: Analysis) -> None:
    global _cache_formats
    if _cache_formats != interface.formats_version:  # a format was registered or removed: start again
        _cache.clear()
        _cache_formats = interface.formats_version
    if len(_cache) >= CACHE_SIZE:
        del _cache[next(iter(_cache))]  # the oldest (dicts keep insertion order)
    _cache[text] = found


def _analyze(text: str) -> Analysis:
    if not isinstance(text, str):
        return Analysis(repr(text), (), AddressError(INVALID_FORMAT, None, "not a text value"))
    s = text.strip()
    if not s:
        return Analysis(s, (), AddressError(INVALID_FORMAT, None, "empty text"))
    if len(s) > MAX_LEN:
        return Analysis(
            s, (), AddressError(INVALID_FORMAT, None, f"{len(s)} characters is far too long for an address")
        )
    if not s.isascii():
        return Analysis(s, (), _non_ascii(s))
    matches, error = _classify(s)
    return Analysis(s, tuple(matches), None if matches else error)


def _classify(s: str) -> tuple[list[AddressInfo], AddressError]:
    matches: list[AddressInfo] = []
    best: Rejection | None = None
    for parse in (*_PARSERS, *EXTRA_FORMATS.values()):
        result = parse(s)
        if isinstance(result, list):
            matches.extend(result)
        elif isinstance(result, Rejection) and (best is None or result.strength > best.strength):
            best = result
    if any(m.checksum == "valid" for m in matches) or bitcoin.bech32_shaped(s):
        # Solana has no checksum, so it never outranks a format that has one: a string that passes another
        # format's checksum is that address, and a single-case string with a Bitcoin/Litecoin bech32 prefix
        # (LTC1Q…, BCRT1Q…: base58 too, and it can decode to 32 bytes) is a bech32 address, valid or corrupted -
        # its rejection (invalid_checksum / invalid_format) is the answer, never a Solana reading.
        matches = [m for m in matches if m.family != "solana"]
    return matches, (best.error if best is not None else _unrecognised(s))


def _unrecognised(s: str) -> AddressError:
    if any(c.isspace() for c in s):
        return AddressError(
            INVALID_FORMAT, None, "it contains spaces or line breaks inside; an address is one word"
        )
    if is_hex(s) and len(s) == 64:
        return AddressError(
            INVALID_FORMAT, None, "64 hex characters is a transaction hash (or a private key), not an address"
        )
    return AddressError(
        INVALID_FORMAT,
        None,
        "not a recognised address format for EVM, Bitcoin, Litecoin, Tron, Solana or XRP",
    )


def _non_ascii(s: str) -> AddressError:
    odd = next(c for c in s if not c.isascii())
    cleaned = "".join(c for c in s if c not in _INVISIBLE)
    if cleaned != s and cleaned.isascii():
        matches, _ = _classify(cleaned)
        family = matches[0].family if matches else None
        tail = "; without it this would be a valid address" if matches else ""
        return AddressError(
            INVALID_FORMAT,
            family,
            f"it contains an invisible character {describe_char(odd)}{tail} - re-copy the address",
        )
    return AddressError(
        INVALID_FORMAT,
        None,
        f"it contains {describe_char(odd)}, a non-ASCII character: no "
        "address uses one (a look-alike letter from another alphabet?)",
    )


def lookalike(a: str, b: str) -> bool:
    """True when `a` and `b` are different but share 4+ characters after the prefix and 4+ final characters.

    This is the address-poisoning pattern: the attacker's address imitates the start and end of the victim's.
    The prefix is what every address of the kind starts with (0x; the bech32 prefix such as bc1/ltc1; the
    first character of Tron/XRP/Bitcoin/Litecoin base58; nothing for Solana); both must have the same prefix.
    Hex and bech32 compare case-insensitively (their case carries no identity); base58 is case-sensitive.
    """
    try:
        pa, body_a = _split_prefix(a.strip())
        pb, body_b = _split_prefix(b.strip())
    except Exception:
        return False
    if pa != pb or body_a == body_b or min(len(body_a), len(body_b)) < 8:
        return False
    return body_a[:4] == body_b[:4] and body_a[-4:] == body_b[-4:]


def _split_prefix(s: str) -> tuple[str, str]:
    if s[:2] in ("0x", "0X"):
        return "0x", s[2:].lower()
    if len(s) == 42 and s[:2] == "41" and is_hex(s):
        return "41", s[2:].lower()
    hrp = bitcoin.segwit_hrp(s)
    if hrp is not None:
        n = len(hrp) + 1
        return s[:n].lower(), s[n:].lower()
    families = {m.family for m in analyze(s).matches}
    if families and families <= {"solana"}:
        return "", s
    if s and s[0] in "13mn2LMQTrX":
        return s[:1], s[1:]
    return "", s
