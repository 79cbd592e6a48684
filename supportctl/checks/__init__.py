"""checks: one module per kind of ticket, each check a small class with a stable code, a docstring and a pure
``run(facts)``; this module is the registry: built-ins, plus third parties through the entry-point group
``supportctl.checks`` (a plugin's entry point names a ``Check`` subclass; it runs for subjects of its ``kind``).

May import: kinds (the facts records) and below. Never engine, commands, cli; never rich.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from supportctl.checks.base import Check
from supportctl.core.errors import InputError
from supportctl.core.model import Finding, Kind

ENTRY_POINT_GROUP = "supportctl.checks"


# Built-in checks by kind, as modules imported only when a subject of that kind is diagnosed.
BUILTIN: dict[Kind, tuple[str, str]] = {
    Kind.DEPOSIT: ("supportctl.checks.deposit", "CHECKS"),
    Kind.ADDRESS: ("supportctl.checks.address", "CHECKS"),
    Kind.WITHDRAWAL: ("supportctl.checks.withdrawal", "CHECKS"),
    Kind.ORDER: ("supportctl.checks.order", "ORDER_CHECKS"),
    Kind.ORDER_CHECK: ("supportctl.checks.order", "ORDER_CHECK_CHECKS"),
}


@cache
def _builtin(kind: Kind) -> tuple[Check[Any], ...]:
    import importlib

    if kind not in BUILTIN:
        return ()
    module, attr = BUILTIN[kind]
    return tuple(cls() for cls in getattr(importlib.import_module(module), attr))


@cache
def registry() -> tuple[Check[Any], ...]:
    """Every check: the built-ins of every kind, then plugins. Codes must be unique."""
    checks: list[Check[Any]] = [c for kind in BUILTIN for c in _builtin(kind)]
    checks.extend(_plugins())
    seen: dict[str, Check[Any]] = {}
    for c in checks:
        if c.code in seen:
            raise InputError(
                f"check code {c.code} is defined twice ({type(seen[c.code]).__name__}, {type(c).__name__})"
            )
        seen[c.code] = c
    return tuple(checks)


def for_kind(kind: Kind) -> tuple[Check[Any], ...]:
    """The checks that run for a subject of ``kind``: the built-ins, then plugins of that kind."""
    return _builtin(kind) + tuple(c for c in _plugins() if c.kind is kind)


def run_all(kind: Kind, facts: Any) -> tuple[Finding, ...]:
    """Every check of ``kind`` on ``facts``. A check that raises (a plugin's bug, an unexpected fact) becomes
    an `unknown` finding naming it and the error; the other checks still run, so no success verdict can
    come through a check that could not say."""
    out: list[Finding] = []
    for check in for_kind(kind):
        try:
            found = list(check.run(facts))
        except Exception as e:  # noqa: BLE001 - isolating a check is the point
            message = f"Check {check.code} ({check.name}) could not run: {type(e).__name__}: {e}"
            found = [check.unknown(message[:300], error=type(e).__name__)]
        out.extend(found)
    return tuple(out)


def get(code: str) -> Check[Any]:
    for c in registry():
        if c.code.lower() == code.strip().lower():
            return c
    raise InputError(f"no check with code {code.strip()!r}", hint="'supportctl checks list' shows them all")


@cache
def _plugins() -> tuple[Check[Any], ...]:
    from supportctl.plugins import entry_points

    found: list[Check[Any]] = []
    for ep in entry_points(ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
        except Exception as e:  # a broken plugin is named, not a traceback
            raise InputError(f"check plugin {ep.name!r} failed to load: {type(e).__name__}: {e}") from None
        if not (isinstance(cls, type) and issubclass(cls, Check)):
            raise InputError(f"check plugin {ep.name!r} is not a supportctl.checks.base.Check subclass")
        found.append(cls())
    return tuple(found)
