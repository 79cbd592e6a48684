"""``supportctl diagnose TEXT|-``: identify everything pasted, then diagnose each item.

A whole ticket may hold several hashes, links and addresses: each becomes its own diagnosis, in the
order they appear. When the ticket holds exactly one address of the transaction's family, it is taken
as the customer's deposit address (``--to``) for that transaction.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from typing import TYPE_CHECKING

from supportctl.chains.registry import Family
from supportctl.commands import Context, emit, run_async
from supportctl.errors import ExitCode, InputError
from supportctl.model import Diagnosis, Kind, Lang, Subject, Verdict

if TYPE_CHECKING:
    from supportctl.identify import Item

MAX_INPUT = 1_000_000  # characters read from stdin


def run(ctx: Context, text: str) -> ExitCode:
    from supportctl.identify import identify

    if text == "-":
        text = sys.stdin.read(MAX_INPUT)
    if not text.strip():
        raise InputError("nothing to diagnose: the input is empty",
                         hint="paste a hash, an explorer link, an address, or a ticket (use - to read stdin)")
    from supportctl import secrets

    found = secrets.find(text)
    text = secrets.redact(text, found)  # before anything reads it: a hex key must never be looked up as a hash
    warnings = [exposed(s.kind, ctx.lang) for s in found]
    items = identify(text)
    if not items and warnings:
        return emit(ctx, warnings)
    if not items:
        raise InputError("no transaction hash, explorer link or address found in the input",
                         hint="an EVM hash is 0x + 64 hex digits; an EVM address is 0x + 40 hex digits")
    return emit(ctx, warnings + run_async(_diagnose_all(ctx, _with_recipient(items))))


def _with_recipient(items: list[Item]) -> list[Item]:
    from supportctl.addressing import analyze
    from supportctl.identify import tx_families

    addresses = [i for i in items if isinstance(i, Subject) and i.kind is Kind.ADDRESS]
    out: list[Item] = []
    for item in items:
        if isinstance(item, Subject) and item.kind is Kind.DEPOSIT and item.to is None:
            families = {str(f) for f in tx_families(item.input)}
            if Family.BITCOIN in tx_families(item.input):
                families.add("litecoin")
            fitting = [a for a in addresses if families & set(analyze(a.input).families)]
            if len(fitting) == 1:
                item = dataclasses.replace(item, to=fitting[0].input)
        out.append(item)
    return out


async def _diagnose_all(ctx: Context, items: list[Item]) -> list[Diagnosis]:
    from supportctl import address, deposit
    from supportctl.identify import Unrecognised
    from supportctl.session import Session

    async with Session(ctx.config) as session:

        async def one(item: Item) -> Diagnosis:
            if isinstance(item, Unrecognised):
                return invalid(item.input, item.reason, ctx.lang)
            if item.kind is Kind.ADDRESS:
                return address.diagnose(item, ctx.config, ctx.lang)
            try:
                return await deposit.diagnose(session, item, ctx.lang)
            except InputError as e:
                return invalid(item.input, e.message, ctx.lang)

        return list(await asyncio.gather(*(one(i) for i in items)))


def invalid(text: str, reason: str, lang: Lang) -> Diagnosis:
    from supportctl import replies
    from supportctl.model import CheckCode, Finding, Severity

    finding = Finding(CheckCode("INP001"), "input", Severity.ERROR, reason, {}, Verdict.INVALID_INPUT)
    reply = replies.render(Kind.INPUT, Verdict.INVALID_INPUT, lang, {"input": text[:120]})
    return Diagnosis(Subject(Kind.INPUT, text), Verdict.INVALID_INPUT, reason, {}, (finding,), reply, lang)


def exposed(kind: str, lang: Lang) -> Diagnosis:
    """A pasted private key or seed phrase: the funds are at risk. The secret itself is never shown."""
    from supportctl import replies
    from supportctl.model import CheckCode, Finding, Severity

    message = (f"The customer pasted a {kind}: anyone who has seen it can take the funds. Tell them to move "
               "the funds to a new wallet now; delete the secret from the ticket and never ask for it")
    finding = Finding(CheckCode("INP002"), "secret", Severity.ERROR, message, {"kind": kind}, Verdict.SECRET_EXPOSED)
    secret = "seed phrase" if kind.startswith("seed") else "private key"
    if lang is Lang.ZH:
        secret = "助记词" if kind.startswith("seed") else "私钥"
    reply = replies.render(Kind.INPUT, Verdict.SECRET_EXPOSED, lang, {"secret": secret})
    return Diagnosis(Subject(Kind.INPUT, f"[redacted {kind}]"), Verdict.SECRET_EXPOSED, message, {"secret": kind},
                     (finding,), reply, lang)
