"""kinds: one module per kind of ticket — deposit, withdrawal, order, order check, address, and the answers to
input that is not a ticket item (a pasted secret, something unreadable).

Each module holds its kind's facts record, how the facts are gathered, what they show (``shown``) and what the
reply may say (``reply_values``, optionally ``reply_variant`` and ``notes``), and declares ``KIND`` and its
verdict ``PRECEDENCE`` (strongest first). The verdict vocabulary of a kind is its precedence: it is written once.

May import: core, chains, venue, addressing. Never checks, engine, commands, render or rich: the engine runs a
kind's checks and renders nothing. Modules are imported on first use, so a command pays only for its own kind.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, Protocol, cast

from supportctl.core.model import Finding, Kind, Lang, Verdict


class KindModule(Protocol):
    """What the engine needs of a kind's module (``reply_variant`` and ``notes`` are optional)."""

    KIND: Kind
    PRECEDENCE: tuple[Verdict, ...]
    shown: Callable[[Any, tuple[Finding, ...]], dict[str, Any]]
    reply_values: Callable[[Any, tuple[Finding, ...], dict[str, Any], Lang], dict[str, object]]


MODULES: dict[Kind, str] = {
    Kind.DEPOSIT: "supportctl.kinds.deposit",
    Kind.WITHDRAWAL: "supportctl.kinds.withdrawal",
    Kind.ORDER: "supportctl.kinds.order",
    Kind.ORDER_CHECK: "supportctl.kinds.order_check",
    Kind.ADDRESS: "supportctl.kinds.address",
    Kind.INPUT: "supportctl.kinds.input",
}


def module(kind: Kind) -> KindModule:
    return cast(KindModule, importlib.import_module(MODULES[kind]))


def precedence(kind: Kind) -> tuple[Verdict, ...]:
    """The verdicts of ``kind``, strongest first (``core.decide``)."""
    return module(kind).PRECEDENCE


def __getattr__(name: str) -> Mapping[Kind, tuple[Verdict, ...]]:
    # PRECEDENCE / VERDICTS_BY_KIND for every kind at once (tests, docs): built on use, importing every kind
    if name in ("PRECEDENCE", "VERDICTS_BY_KIND"):
        return {k: precedence(k) for k in MODULES}
    raise AttributeError(name)
