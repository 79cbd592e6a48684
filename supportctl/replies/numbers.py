"""Numbers in replies, written the customer's way: "1,234.5 USDT" in English, "1.234,5 USDT" in Spanish,
"1 234,5 USDT" in Russian, "%2,35" in Turkish.

The kinds pass numbers as values (``Decimal``, ``int``, ``Amount``, ``Percent``), never as text, and ``text()``
is the one place a reply's value becomes words: ``render()``, ``fragment()`` and ``duration()`` all go through
it. Digits are never rounded away (``decimal_quantization=False``: 0.00012345 BTC stays 0.00012345) and never
written with an exponent; the arithmetic runs with as many digits as the number has, so an 18-decimal token
amount of billions is as exact as "1.5".

Babel (CLDR) knows every locale's separators and grouping. It costs ~3 ms to import and ~9 ms to load its first
locale, so it is imported here, inside the function that formats, and only for the languages that need it: for
``PLAIN`` languages CLDR writes numbers exactly as Python's own ``format(value, ",f")`` does, and a test
(``tests/test_reply_locale.py``) proves the two agree on many values.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, localcontext
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from supportctl.core.model import Lang

if TYPE_CHECKING:
    from babel import Locale

LOCALES: dict[Lang, str] = {
    Lang.EN: "en", Lang.ZH: "zh_Hans_CN", Lang.ZH_HANT: "zh_Hant_TW", Lang.ES: "es", Lang.PT_BR: "pt_BR",
    Lang.RU: "ru", Lang.TR: "tr", Lang.VI: "vi", Lang.KO: "ko", Lang.ID: "id",
}

# CLDR's numbers here are "#,##0.###" and "#,##0%" with "," "." "-": Python's format gives the same text
# (proved on many values by tests/test_reply_locale.py), so these never import Babel.
PLAIN: frozenset[Lang] = frozenset({Lang.EN, Lang.ZH, Lang.ZH_HANT, Lang.KO})


class Amount(NamedTuple):  # a NamedTuple, not a dataclass: 0.1 ms to define instead of 0.4 (start-up)
    """An amount of a currency in a reply: "1,234.5 USDT" (en), "1.234,5 USDT" (es), "1 234,5 USDT" (ru).
    Without a currency, the number alone."""

    value: Decimal
    currency: str | None = None


class Percent(NamedTuple):
    """A share written as a percentage: ``Percent(Decimal("0.0235"))`` is "2.35%" (en), "2,35 %" (es),
    "%2,35" (tr)."""

    value: Decimal  # a fraction: 1 is 100 %


def text(value: object, lang: Lang) -> str:
    """A reply value as the customer reads it in ``lang``: amounts, percentages and numbers (``Decimal``,
    ``int``, ``float``) with the locale's separators; a number that is not finite as "" (the reply then says
    its fallback, never "NaN"); anything else as ``str()``."""
    if isinstance(value, Amount):
        shown = number(value.value, lang)
        return f"{shown} {value.currency}" if shown and value.currency else shown
    if isinstance(value, Percent):
        return _format(value.value, lang, percent=True)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | int | float):
        return number(value, lang)
    return str(value)


def number(value: Decimal | int | float, lang: Lang) -> str:
    """``value`` written for ``lang``: every digit kept, no exponent, the locale's separators."""
    return _format(value, lang, percent=False)


def as_decimal(value: object) -> object:
    """A decimal string as the checks write their evidence ("1234.5") as a ``Decimal``, so the reply writes
    it for the customer's locale; anything else (``None``, words, a number already) unchanged."""
    if isinstance(value, str):
        try:
            parsed = Decimal(value)
        except InvalidOperation:
            return value
        return parsed if parsed.is_finite() else value
    return value


def as_percent(value: object) -> object:
    """A percentage as the checks write their evidence ("2.35%") as a ``Percent``; anything else unchanged."""
    if isinstance(value, str) and value.endswith("%"):
        parsed = as_decimal(value[:-1])
        if isinstance(parsed, Decimal):
            with localcontext() as ctx:
                ctx.prec = _digits(parsed)
                return Percent(parsed.scaleb(-2))
    return value


def _format(value: Decimal | int | float, lang: Lang, *, percent: bool) -> str:
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        return ""
    if d.is_zero():
        d = Decimal(0)  # never "-0"
    return _plain(d, percent) if lang in PLAIN else _babel(d, lang, percent)


def _digits(d: Decimal) -> int:
    """Precision enough to keep every digit of ``d`` through Babel's and Decimal's arithmetic (the default
    context keeps 28, fewer than an 18-decimal token amount of billions has)."""
    _, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)  # finite
    return max(28, len(digits) + max(exponent, 0) + 4)


def _plain(d: Decimal, percent: bool) -> str:
    """CLDR's "#,##0.###" / "#,##0%" with "," and "." (``PLAIN`` languages), without Babel."""
    with localcontext() as ctx:
        ctx.prec = _digits(d)
        return format((d.scaleb(2) if percent else d).normalize(), ",f") + ("%" if percent else "")


def _babel(d: Decimal, lang: Lang, percent: bool) -> str:
    from babel.numbers import format_decimal, format_percent

    with localcontext() as ctx:
        ctx.prec = _digits(d)
        fmt = format_percent if percent else format_decimal
        return fmt(d, locale=_locale(lang), decimal_quantization=False)


@cache
def _locale(lang: Lang) -> Locale:
    """Babel's locale for ``lang``, parsed once (its CLDR data loads on first use and stays with it)."""
    from babel import Locale

    return Locale.parse(LOCALES[lang])
