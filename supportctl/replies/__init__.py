"""Suggested replies to the customer, in the customer's language.

Templates are plain ``str.format`` strings keyed by kind and verdict, one catalog per language
(``catalogs/<lang>.toml``, data a venue can override: ``catalog.py``). Every
value a template names is always present (``values()`` fills a polite generic phrase when a fact is
missing), so a reply never says "None" or shows a placeholder. A test proves every verdict of every kind
has a reply in every language.

Pieces of a reply that are built from several values (the fee line of a withdrawal, the fill line of an order,
the fix of an order check …) are templates too: ``FRAGMENTS``, rendered by ``fragment()``. The kinds pass only
values; every customer-facing word lives in the language modules, and the same test holds them to parity.

Numbers are values too (``Decimal``, ``int``, ``Amount``, ``Percent``), written for the customer's locale by
``numbers.text`` when the reply is rendered: "1,234.5 USDT" in English, "1.234,5 USDT" in Spanish.

A leaf: may import core only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from supportctl.core.model import Kind, Lang, Verdict
from supportctl.replies import numbers
from supportctl.replies.catalog import Catalog, CatalogError, builtin, load_override, placeholders
from supportctl.replies.numbers import Amount, Percent, as_decimal, as_percent

__all__ = ["Amount", "Catalog", "CatalogError", "Percent", "as_decimal", "as_percent", "configure", "in_use", "fix",
           "fragment", "placeholders", "render"]

_override: dict[Lang, Catalog] = {}


def configure(path: str | Path | None) -> None:
    """Use a venue's catalog file over the built-in wording (``[venue] replies``); ``None``: the built-ins only.
    Raises CatalogError naming every problem of the file."""
    _override.clear()
    if path is not None:
        _override.update(load_override(Path(path)))


def in_use(lang: Lang) -> Catalog:
    """The wording in use for ``lang``: the venue's catalog over the built-in one."""
    return _override.get(lang) or builtin(lang)


def __getattr__(name: str) -> Any:
    # TEMPLATES / VARIANTS / FALLBACKS / FRAGMENTS of every language (tests, docs): the built-in catalogs
    tables = {"TEMPLATES": "templates", "VARIANTS": "variants", "FALLBACKS": "fallbacks", "FRAGMENTS": "fragments"}
    if name in tables:
        return {lang: getattr(builtin(lang), tables[name]) for lang in Lang}
    raise AttributeError(name)


def _texts(values: Mapping[str, object], lang: Lang) -> dict[str, str]:
    """The values a template may name, as text in ``lang``; a missing one (``None``, empty, not a finite
    number) left out, so its fallback is used."""
    return {k: t for k, v in values.items() if v is not None and (t := numbers.text(v, lang)) != ""}


class _Values(dict[str, str]):
    def __init__(self, values: Mapping[str, object], fallbacks: Mapping[str, str], lang: Lang) -> None:
        super().__init__(_texts(values, lang))
        self._fallbacks = fallbacks

    def __missing__(self, key: str) -> str:
        return self._fallbacks[key]  # KeyError here is a template bug, caught by the tests and `replies check`


def duration(lang: Lang, seconds: float) -> str:
    """An ETA in words: "under two minutes", "about 5 minutes", "about 1.5 hours" (the catalog's wording, the
    locale's numbers: "en unas 1,5 horas")."""
    words = in_use(lang).durations
    s = max(1, round(seconds))
    if s < 90:
        return words["under_two_minutes"]
    if s < 90 * 60:
        return words["minutes"].format(minutes=numbers.text(round(s / 60), lang))
    return words["hours"].format(hours=numbers.text(round(s / 3600, 1), lang))


def render(kind: Kind, verdict: Verdict, lang: Lang, values: Mapping[str, object], variant: str | None = None) -> str:
    """The reply for ``verdict``; ``variant`` picks a more precise one where a finding changes what the
    customer is told (a deposit already credited, a wrong network the venue accepts …). The catalog's
    sign-off, if it has one, ends every reply."""
    cat = in_use(lang)
    template = cat.variants.get(kind, {}).get((verdict, variant or ""), cat.templates[kind][verdict])
    eta = values.get("eta_seconds")
    merged = dict(values)
    if isinstance(eta, int | float):
        merged["eta"] = duration(lang, float(eta))
    if merged.get("expected_chain") in (None, "") and merged.get("chain") not in (None, ""):
        merged["expected_chain"] = merged["chain"]  # wrong_network: the chain asked about is the one expected
    reply = template.format_map(_Values(merged, cat.fallbacks, lang)).strip()
    return f"{reply}\n\n{cat.signoff.strip()}" if cat.signoff.strip() else reply


def fragment(lang: Lang, name: str | tuple[str, ...], **values: object) -> str | None:
    """The fragment ``name`` in ``lang`` filled with ``values``, or ``None`` when a value it names is missing
    (``None`` or empty), so the reply's fallback for that placeholder is used instead. Given several names,
    the first whose values are all known (``("credit_ref_dated", "credit_ref")``: with a date if there is one)."""
    given = _texts(values, lang)
    for n in (name,) if isinstance(name, str) else name:
        template = in_use(lang).fragments[n]
        if placeholders(template) <= set(given):
            return template.format_map(given)
    return None


def fix(lang: Lang, steps: Iterable[tuple[str, Mapping[str, object]]]) -> str | None:
    """The sentence telling the customer how to change an order so it passes: one fragment per step, joined
    in the language's way; ``None`` when no step has its values (the generic ``fix`` fallback is used)."""
    parts = [text for name, values in steps if (text := fragment(lang, name, **values))]
    if not parts:
        return None
    return fragment(lang, "fix", steps=in_use(lang).fragments["fix_separator"].join(parts))


def sign(lang: Lang, text: str) -> str:
    """``text`` with the catalog's sign-off after a blank line (when it has one)."""
    signoff = in_use(lang).signoff.strip()
    return f"{text}\n\n{signoff}" if signoff else text


def unsigned(text: str, lang: Lang) -> str:
    """A rendered reply without its sign-off: a ticket's reply joins several and signs once."""
    signoff = in_use(lang).signoff.strip()
    return text.removesuffix(f"\n\n{signoff}") if signoff else text
