"""Reply catalogs: the wording of every reply, in data files a support team can change without Python.

The built-in catalogs ship with the package (``catalogs/<lang>.toml``). A venue's own catalog (``[venue] replies
= "FILE"`` in the config) overrides or adds, per language, any entry: a verdict's reply, a variant, a fragment,
a fallback, the sign-off appended to every reply. TOML, not gettext: a reply is a whole paragraph keyed by a
stable verdict code, not a sentence of source code to translate, and TOML is what the config already is.

An override file has one table per language and kind::

    [en.meta]
    signoff = "— The Acme support team"

    [en.deposit]
    confirmed = "Good news: your {amount} arrived ({confirmations} confirmations). {explorer}"
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from supportctl.core.model import Kind, Lang, Verdict

BUILTIN = Path(__file__).with_name("catalogs")
SECTIONS = ("meta", "durations", "fallbacks", "fragments")
DURATIONS = ("under_two_minutes", "minutes", "hours")


class CatalogError(ValueError):
    """A catalog that cannot be used; ``problems`` holds one line per problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


@dataclass(frozen=True)
class Catalog:
    lang: Lang
    name: str = ""
    signoff: str = ""
    durations: Mapping[str, str] = field(default_factory=dict)
    fallbacks: Mapping[str, str] = field(default_factory=dict)
    fragments: Mapping[str, str] = field(default_factory=dict)
    templates: Mapping[Kind, Mapping[Verdict, str]] = field(default_factory=dict)
    variants: Mapping[Kind, Mapping[tuple[Verdict, str], str]] = field(default_factory=dict)


def placeholders(template: str) -> set[str]:
    """The names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def builtin(lang: Lang) -> Catalog:
    """The shipped catalog of ``lang``. Parsed and checked once per version of the file; after that read from
    a JSON copy in the user cache dir (TOML parsing and checking cost 3 ms of every run)."""
    from supportctl.core import jsoncache

    path = BUILTIN / f"{lang.value}.toml"
    stat = path.stat()
    cached = _cache_dir() / f"replies-{lang.value}-{stat.st_mtime_ns}-{stat.st_size}.json"
    data = jsoncache.read(cached)
    if isinstance(data, dict):
        try:
            return _from_json(lang, data)
        except (KeyError, TypeError, ValueError):
            pass  # another version's, or not a copy at all: parse the file
    catalog = parse(lang, tomllib.loads(path.read_text("utf-8")), str(path))
    jsoncache.write(cached, _to_json(catalog))
    return catalog


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("supportctl"))


def _to_json(c: Catalog) -> dict[str, Any]:
    return {"name": c.name, "signoff": c.signoff, "durations": dict(c.durations), "fallbacks": dict(c.fallbacks),
            "fragments": dict(c.fragments),
            "templates": {k.value: {v.value: t for v, t in table.items()} for k, table in c.templates.items()},
            "variants": {k.value: [[v.value, variant, t] for (v, variant), t in table.items()]
                         for k, table in c.variants.items()}}


def _from_json(lang: Lang, d: dict[str, Any]) -> Catalog:
    return Catalog(
        lang, str(d["name"]), str(d["signoff"]), dict(d["durations"]), dict(d["fallbacks"]), dict(d["fragments"]),
        {Kind(k): {Verdict(v): str(t) for v, t in table.items()} for k, table in d["templates"].items()},
        {Kind(k): {(Verdict(v), str(variant)): str(t) for v, variant, t in rows} for k, rows in d["variants"].items()},
    )


def parse(lang: Lang, data: Mapping[str, Any], source: str, *, base: Catalog | None = None) -> Catalog:
    """A catalog from a TOML table; with ``base``, the table overrides and adds to it (a venue's file)."""
    problems: list[str] = []
    cat = base or Catalog(lang)
    meta, durations, fallbacks, fragments = (dict(_strings(data.get(s, {}), f"{lang}.{s}", problems))
                                             for s in SECTIONS)
    problems += [f"unknown key '{lang}.meta.{k}' (lang, name, signoff)" for k in meta
                 if k not in ("lang", "name", "signoff")]
    problems += [f"unknown key '{lang}.durations.{k}' ({', '.join(DURATIONS)})" for k in durations
                 if k not in DURATIONS]
    templates = {k: dict(v) for k, v in cat.templates.items()}
    variants = {k: dict(v) for k, v in cat.variants.items()}
    for key, table in data.items():
        if key in SECTIONS:
            continue
        try:
            kind = Kind(key)
        except ValueError:
            problems.append(f"unknown table '{lang}.{key}' (kinds: {', '.join(k.value for k in Kind)}; "
                            f"also {', '.join(SECTIONS)})")
            continue
        for name, text in _strings(table, f"{lang}.{key}", problems):
            verdict_code, _, variant = name.partition(".")
            try:
                verdict = Verdict(verdict_code)
            except ValueError:
                problems.append(f"unknown verdict '{lang}.{key}.{verdict_code}'")
                continue
            if variant:
                variants.setdefault(kind, {})[(verdict, variant)] = text
            else:
                templates.setdefault(kind, {})[verdict] = text
    merged = replace(
        cat, name=meta.get("name", cat.name), signoff=meta.get("signoff", cat.signoff),
        durations={**cat.durations, **durations}, fallbacks={**cat.fallbacks, **fallbacks},
        fragments={**cat.fragments, **fragments}, templates=templates, variants=variants,
    )
    problems += _placeholder_problems(merged, lang)
    if problems:
        raise CatalogError(source, problems)
    return merged


def _strings(table: object, where: str, problems: list[str]) -> list[tuple[str, str]]:
    if not isinstance(table, Mapping):
        problems.append(f"'{where}' must be a table")
        return []
    out = []
    for key, value in table.items():
        if isinstance(value, str):
            out.append((key, value))
        else:
            problems.append(f"'{where}.{key}' must be a string, not {type(value).__name__}")
    return out


def _placeholder_problems(cat: Catalog, lang: Lang) -> list[str]:
    """Every placeholder a reply names must have a fallback (so a missing fact never shows as a gap)."""
    problems = []
    known = set(cat.fallbacks)
    for kind, table in cat.templates.items():
        for verdict, text in table.items():
            problems += _bad(text, known, f"{lang}.{kind.value}.{verdict.value}")
    for kind, vtable in cat.variants.items():
        for (verdict, variant), text in vtable.items():
            problems += _bad(text, known, f"{lang}.{kind.value}.{verdict.value}.{variant}")
    for key in ("minutes", "hours"):
        if key in cat.durations:
            problems += _bad(cat.durations[key], {key}, f"{lang}.durations.{key}")
    return problems


def _bad(text: str, known: set[str], where: str) -> list[str]:
    try:
        names = placeholders(text)
    except ValueError as e:
        return [f"'{where}' is not a valid template: {e}"]
    return [f"'{where}' names {{{n}}}, which no fact or fallback fills" for n in sorted(names - known)]


def load_override(path: Path) -> dict[Lang, Catalog]:
    """A venue's catalog file applied over the built-in catalogs, per language. Raises CatalogError."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise CatalogError(str(path), ["the file does not exist"]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise CatalogError(str(path), [f"cannot be read: {e}"]) from None
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(str(path), [f"not valid TOML: {e}"]) from None
    out: dict[Lang, Catalog] = {}
    problems: list[str] = []
    for code, table in data.items():
        try:
            lang = Lang(code)
        except ValueError:
            problems.append(f"unknown language '{code}' (languages: {', '.join(lang.value for lang in Lang)})")
            continue
        if not isinstance(table, Mapping):
            problems.append(f"'{code}' must be a table")
            continue
        try:
            out[lang] = parse(lang, table, str(path), base=builtin(lang))
        except CatalogError as e:
            problems += e.problems
    if problems:
        raise CatalogError(str(path), problems)
    return out
