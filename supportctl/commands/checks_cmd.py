"""``supportctl checks list | explain CODE``."""

from __future__ import annotations

import sys

from supportctl.commands import Context
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import Format


def list_checks(ctx: Context) -> ExitCode:
    from supportctl import checks

    rows = [(c.code, c.name, c.kind.value, c.doc().splitlines()[0].split(" — ", 1)[-1]) for c in checks.registry()]
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        for code, name, kind, summary in rows:
            sys.stdout.write(dumps({"check": code, "name": name, "kind": kind, "summary": summary}) + "\n")
    else:
        from supportctl.render.safe import literal

        width = max(len(f"{code} {name}") for code, name, _, _ in rows)
        kind_width = max(len(kind) for _, _, kind, _ in rows)  # withdrawal, order_check: the column is theirs too
        for code, name, kind, summary in rows:
            sys.stdout.write(literal(f"{f'{code} {name}':<{width}}  {kind:<{kind_width}}  {summary}") + "\n")
    return ExitCode.OK


def explain(ctx: Context, code: str) -> ExitCode:
    from supportctl import checks

    try:
        check = checks.get(code)
    except InputError as e:
        raise InputError(e.message, hint=_suggestion(code, [c.code for c in checks.registry()]) or e.hint) from None
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        sys.stdout.write(dumps({"check": check.code, "name": check.name, "kind": check.kind.value,
                                "doc": check.doc()}) + "\n")
    else:
        sys.stdout.write(check.doc() + "\n")
    return ExitCode.OK


def _suggestion(code: str, codes: list[str]) -> str | None:
    """``DEP3`` → did you mean 'DEP003'? (the number padded as codes are), else the closest codes."""
    import re

    from supportctl.core.suggest import did_you_mean

    typed = code.strip().upper()
    if m := re.fullmatch(r"([A-Z]+)0*(\d{1,3})", typed):
        padded = f"{m.group(1)}{int(m.group(2)):03d}"
        if padded in codes:
            return f"did you mean '{padded}'?"
    found = did_you_mean(typed, codes)
    return f"{found} ('supportctl checks list' shows them all)" if found else None
