"""``supportctl checks list | explain CODE``."""

from __future__ import annotations

import sys

from supportctl.commands import Context
from supportctl.core.errors import ExitCode
from supportctl.core.model import Format


def list_checks(ctx: Context) -> ExitCode:
    from supportctl import checks

    rows = [(c.code, c.name, c.kind.value, c.doc().splitlines()[0].split(" — ", 1)[-1]) for c in checks.registry()]
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        for code, name, kind, summary in rows:
            sys.stdout.write(dumps({"check": code, "name": name, "kind": kind, "summary": summary}) + "\n")
    else:
        width = max(len(f"{code} {name}") for code, name, _, _ in rows)
        for code, name, kind, summary in rows:
            sys.stdout.write(f"{f'{code} {name}':<{width}}  {kind:<8} {summary}\n")
    return ExitCode.OK


def explain(ctx: Context, code: str) -> ExitCode:
    from supportctl import checks

    check = checks.get(code)
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        sys.stdout.write(dumps({"check": check.code, "name": check.name, "kind": check.kind.value,
                                "doc": check.doc()}) + "\n")
    else:
        sys.stdout.write(check.doc() + "\n")
    return ExitCode.OK
