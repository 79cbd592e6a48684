"""``supportctl replies check FILE`` and ``supportctl replies show VERDICT``: a venue's reply catalog, checked and
previewed before it goes live (``[venue] replies = "FILE"``)."""

from __future__ import annotations

import sys
from pathlib import Path

from supportctl.commands import Context
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import Kind, Verdict
from supportctl.core.suggest import did_you_mean


def check(ctx: Context, path: str) -> ExitCode:
    from supportctl.render.safe import literal
    from supportctl.replies.catalog import CatalogError, load_override

    try:
        catalogs = load_override(Path(path))
    except CatalogError as e:
        for problem in e.problems:
            sys.stderr.write(f"supportctl: error: {literal(path)}: {literal(problem)}\n")
        return ExitCode.USAGE
    entries = sum(len(t) for c in catalogs.values() for t in c.templates.values())
    langs = ", ".join(lang.value for lang in catalogs) or "none"
    sys.stdout.write(f"{literal(path)}: ok — languages {langs}; every reply and placeholder checked ({entries} "
                     "replies in effect)\n")
    return ExitCode.OK


def show(ctx: Context, verdict: str, kind: str | None) -> ExitCode:
    from supportctl import kinds, replies
    from supportctl.render.safe import literal

    try:
        v = Verdict(verdict.strip().lower())
    except ValueError:
        raise InputError(f"unknown verdict {verdict!r}", hint=did_you_mean(verdict, [v.value for v in Verdict])
                         or "e.g. confirmed, wrong_network, memo_missing") from None
    having = [k for k in Kind if v in kinds.precedence(k)]
    if kind is not None:
        try:
            chosen = Kind(kind.strip().lower())
        except ValueError:
            names = [k.value for k in Kind]
            raise InputError(f"unknown kind {kind!r}", hint=did_you_mean(kind, names) or ", ".join(names)) from None
        if chosen not in having:
            raise InputError(f"{chosen.value} has no verdict {v.value}")
    elif len(having) == 1:
        chosen = having[0]
    else:
        raise InputError(f"{v.value} is a verdict of several kinds", hint="add --kind " + " | ".join(
            k.value for k in having))
    ctx.config  # noqa: B018 - loads the venue's catalog, if the config names one
    cat = replies.in_use(ctx.lang)
    out = [f"# {chosen.value} / {v.value} ({cat.name or ctx.lang.value}); missing facts read as their fallbacks",
           replies.render(chosen, v, ctx.lang, {})]
    for (verdict_, variant), _ in sorted(cat.variants.get(chosen, {}).items()):
        if verdict_ is v:
            out += ["", f"# variant: {variant}", replies.render(chosen, v, ctx.lang, {}, variant)]
    sys.stdout.write(literal("\n".join(out), one_line=False) + "\n")
    return ExitCode.OK
