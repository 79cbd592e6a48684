r"""Cheap regular expressions that find address candidates in free ticket text.

They only pre-filter: every candidate still goes through `analyze`. One alternative per shape, each bounded
by "not an ASCII letter or digit" on both sides, so a candidate is always a whole token (a 64-hex transaction
hash or a longer base58 signature never yields a 40-hex or 44-char slice):

  0[xX][0-9a-fA-F]{38,42}        EVM (40 hex; +-2 so a truncated/extended one is caught and explained)
  41[0-9a-fA-F]{40}              Tron hex form
  (?i:(bc|tb|bcrt|ltc|tltc|rltc)1[0-9a-z]{11,87})
                                 Bitcoin/Litecoin bech32 (any letter or digit after the prefix, so a typo'd
                                 or mixed-case one is still caught and explained)
  T{B58}{33}                     Tron base58
  [XT]{B58}{46}                  XRP X-address
  r{B58}{24,34}                  XRP classic address
  [13mn2LMQ]{B58}{25,34}         Bitcoin/Litecoin base58 (mainnet 1/3, testnet m/n/2, Litecoin L/M/Q)
  {B58}{32,44}                   Solana (any base58 token of 32-44 characters that is not hex with a
                                 letter: git hashes and hex digests are not candidates)

where {B58} is the base58 class [1-9A-HJ-NP-Za-km-z] (the XRP alphabet uses the same 58 characters).
"""

from __future__ import annotations

import re

_B58 = "[1-9A-HJ-NP-Za-km-z]"

_ALTERNATIVES = (
    r"0[xX][0-9a-fA-F]{38,42}",
    r"41[0-9a-fA-F]{40}",
    r"(?i:(?:bc|tb|bcrt|ltc|tltc|rltc)1[0-9a-z]{11,87})",
    rf"T{_B58}{{33}}",
    rf"[XT]{_B58}{{46}}",
    rf"r{_B58}{{24,34}}",
    rf"[13mn2LMQ]{_B58}{{25,34}}",
    r"(?![0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*(?![0-9A-Za-z]))" + rf"{_B58}{{32,44}}",
)

ADDRESS_PATTERN: re.Pattern[str] = re.compile(
    r"(?<![0-9A-Za-z])(?:" + "|".join(_ALTERNATIVES) + r")(?![0-9A-Za-z])"
)


def looks_like_address(text: str) -> bool:
    """True when `text` contains at least one address-shaped token (see ADDRESS_PATTERN). Never raises."""
    return isinstance(text, str) and ADDRESS_PATTERN.search(text) is not None


def find_candidates(text: str) -> list[str]:
    """Every address-shaped token in `text`, in order of appearance (duplicates kept)."""
    if not isinstance(text, str):
        return []
    return [m.group(0) for m in ADDRESS_PATTERN.finditer(text)]
