"""Every check code has its table: the codes of ``supportctl.checks.registry()`` (the built-ins; a plugin's
checks are its own tests' business) and the findings made outside a check class (INP001–INP003, SRC001) are
each the code of exactly one parametrised test in this folder, and no table names a code that does not exist."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from supportctl.checks import registry

from .build import Case

OUTSIDE_THE_REGISTRY = {"INP001", "INP002", "INP003", "INP004", "SRC001",  # kinds/input.py, kinds/deposit.py notes()
                        "TKT001", "TKT002", "TKT003", "TKT004", "TKT005", "TKT006",
                        "TKT007"}  # engine/case.py: a ticket related


def builtin_codes() -> set[str]:
    return {str(c.code) for c in registry() if type(c).__module__.startswith("supportctl.")}


def tables() -> dict[str, list[str]]:
    """code → the parametrised tests whose rows name it, read off the ``parametrize`` marks of every test
    module here."""
    package = importlib.import_module(__package__)
    found: dict[str, list[str]] = defaultdict(list)
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        for name, test in vars(module).items():
            if not name.startswith("test_"):
                continue
            for mark in getattr(test, "pytestmark", []):
                if mark.name != "parametrize":
                    continue
                codes = {p.values[0].code for p in mark.args[1] if isinstance(p.values[0], Case)}
                assert len(codes) == 1, f"{info.name}.{name}: one table per code, found {sorted(codes)}"
                found[codes.pop()].append(f"{info.name}.{name}")
    return found


def test_every_code_has_exactly_one_table() -> None:
    found = tables()
    wanted = builtin_codes() | OUTSIDE_THE_REGISTRY
    missing = sorted(wanted - set(found))
    assert not missing, f"check codes with no case table in tests/checks/: {missing}"
    unknown = sorted(set(found) - wanted)
    assert not unknown, f"case tables for codes that do not exist: {unknown}"
    twice = {code: tests for code, tests in found.items() if len(tests) > 1}
    assert not twice, f"codes with more than one table: {twice}"


def test_the_registry_is_what_the_tables_expect() -> None:
    """33 built-in checks in five families; a new one fails the test above until it has its table."""
    codes = builtin_codes()
    assert {code[:3] for code in codes} == {"DEP", "WDR", "ORD", "OCK", "ADR"}
    assert len(codes) >= 33
