"""Suggested replies to the customer, in the customer's language.

Templates are plain ``str.format`` strings keyed by kind and verdict, one module per language. Every
value a template names is always present (``values()`` fills a polite generic phrase when a fact is
missing), so a reply never says "None" or shows a placeholder. A test proves every verdict of every kind
has a reply in every language.

Pieces of a reply that are built from several values (the fee line of a withdrawal, the fill line of an order,
the fix of an order check …) are templates too: ``FRAGMENTS``, rendered by ``fragment()``. The kinds pass only
values; every customer-facing word lives in the language modules, and the same test holds them to parity.

A leaf: may import core only.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping

from supportctl.core.model import Kind, Lang, Verdict
from supportctl.replies import en, zh

TEMPLATES: dict[Lang, dict[Kind, dict[Verdict, str]]] = {Lang.EN: en.TEMPLATES, Lang.ZH: zh.TEMPLATES}
VARIANTS: dict[Lang, dict[Kind, dict[tuple[Verdict, str], str]]] = {Lang.EN: en.VARIANTS, Lang.ZH: zh.VARIANTS}
FALLBACKS: dict[Lang, dict[str, str]] = {Lang.EN: en.FALLBACKS, Lang.ZH: zh.FALLBACKS}
FRAGMENTS: dict[Lang, dict[str, str]] = {Lang.EN: en.FRAGMENTS, Lang.ZH: zh.FRAGMENTS}
DURATION = {Lang.EN: en.duration, Lang.ZH: zh.duration}


class _Values(dict[str, str]):
    def __init__(self, values: Mapping[str, object], fallbacks: Mapping[str, str]) -> None:
        super().__init__({k: str(v) for k, v in values.items() if v is not None and v != ""})
        self._fallbacks = fallbacks

    def __missing__(self, key: str) -> str:
        return self._fallbacks[key]  # KeyError here is a template bug, caught by the tests


def render(kind: Kind, verdict: Verdict, lang: Lang, values: Mapping[str, object], variant: str | None = None) -> str:
    """The reply for ``verdict``; ``variant`` picks a more precise one where a finding changes what the
    customer is told (a deposit already credited, a wrong network the venue accepts …)."""
    template = VARIANTS[lang].get(kind, {}).get((verdict, variant or ""), TEMPLATES[lang][kind][verdict])
    eta = values.get("eta_seconds")
    merged = dict(values)
    if isinstance(eta, int | float):
        merged["eta"] = DURATION[lang](float(eta))
    if merged.get("expected_chain") in (None, "") and merged.get("chain") not in (None, ""):
        merged["expected_chain"] = merged["chain"]  # wrong_network: the chain asked about is the one expected
    return template.format_map(_Values(merged, FALLBACKS[lang])).strip()


def placeholders(template: str) -> set[str]:
    """The names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fragment(lang: Lang, name: str | tuple[str, ...], **values: object) -> str | None:
    """The fragment ``name`` in ``lang`` filled with ``values``, or ``None`` when a value it names is missing
    (``None`` or empty), so the reply's fallback for that placeholder is used instead. Given several names,
    the first whose values are all known (``("credit_ref_dated", "credit_ref")``: with a date if there is one)."""
    given = {k: str(v) for k, v in values.items() if v is not None and v != ""}
    for n in (name,) if isinstance(name, str) else name:
        template = FRAGMENTS[lang][n]
        if placeholders(template) <= set(given):
            return template.format_map(given)
    return None


def fix(lang: Lang, steps: Iterable[tuple[str, Mapping[str, object]]]) -> str | None:
    """The sentence telling the customer how to change an order so it passes: one fragment per step, joined
    in the language's way; ``None`` when no step has its values (the generic ``fix`` fallback is used)."""
    parts = [text for name, values in steps if (text := fragment(lang, name, **values))]
    if not parts:
        return None
    return fragment(lang, "fix", steps=FRAGMENTS[lang]["fix_separator"].join(parts))
