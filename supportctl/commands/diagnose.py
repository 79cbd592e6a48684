"""``supportctl diagnose TEXT|-``: identify everything pasted, then diagnose each item.

A whole ticket may hold several hashes, links and addresses: each becomes its own diagnosis, in the
order they appear. When the ticket holds exactly one address of the transaction's family, it is taken
as the customer's deposit address (``--to``) for that transaction. Pasted secrets are cut out first.

A ticket holds a handful of items: at most ``MAX_ITEMS`` are diagnosed, and a note on stderr says how many were
left and points to ``supportctl bulk`` (one item a line) for a list. Without the cap a pasted dump of thousands
of hashes would ask every chain about each of them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from supportctl.commands import Context, emit, run_async
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import Diagnosis, Lang

if TYPE_CHECKING:
    from supportctl.engine.identify import Item

MAX_INPUT = 1_000_000  # characters read from stdin
MAX_ITEMS = 20  # items diagnosed from one ticket


def run(ctx: Context, text: str) -> ExitCode:
    from supportctl.core import secrets, textio
    from supportctl.engine.identify import identify
    from supportctl.kinds.input import exposed

    if text == "-":
        text = textio.read_stdin(MAX_INPUT)
    if not text.strip():
        raise InputError("nothing to diagnose: the input is empty",
                         hint="paste a hash, an explorer link, an address, or a ticket (use - to read stdin)")
    found = secrets.find(text)
    text = secrets.cut_out(text, found)  # before anything reads it: a hex key must never be looked up as a hash
    kinds = dict.fromkeys([*ctx.exposed, *(s.kind for s in found)])
    items = identify(text)
    if not items and not kinds and not _reads_as_a_ticket(text):
        raise InputError("no transaction hash, explorer link or address found in the input",
                         hint="an EVM hash is 0x + 64 hex digits; an EVM address is 0x + 40 hex digits")
    ctx = reply_language(ctx, text, note=lambda line: sys.stderr.write(line + "\n"))
    if not items and not kinds:  # a customer's words with nothing to look up: ask them for it, in their language
        from supportctl.kinds.input import details_needed

        return emit(ctx, [details_needed(text, ctx.lang)])
    warnings = [exposed(kind, ctx.lang) for kind in kinds]
    if not items:
        return emit(ctx, warnings)
    items = capped(items, note=lambda line: sys.stderr.write(line + "\n"))
    return emit(ctx, warnings + run_async(_diagnose_all(ctx, items)))


def _reads_as_a_ticket(text: str) -> bool:
    """Words a customer wrote (three or more, or a line of Chinese, Japanese or Korean), not one malformed token
    an agent pasted: those get a reply asking for the details; a token gets an error saying what is wrong."""
    import re

    cjk = r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{4,}"
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 3 or bool(re.search(cjk, text))


def reply_language(ctx: Context, text: str, note: Callable[[str], object]) -> Context:
    """``ctx`` replying in the ticket's own language, unless ``--lang`` chose one. A ticket in a language there
    is no reply catalog for is answered in English, and ``note`` says so (unless --quiet); a ticket too short or
    unclear to tell (a bare hash or address) keeps the default."""
    if ctx.lang_given:
        return ctx
    from supportctl.engine.language import detect  # the model is read only when a ticket's words are

    found = detect(text)
    if found.lang is not None:
        return dataclasses.replace(ctx, lang=found.lang)
    if found.unsupported:
        if not ctx.quiet:
            note(f"supportctl: note: the ticket looks {found.name}; replying in English (--lang to choose)")
        return dataclasses.replace(ctx, lang=Lang.EN)
    return ctx


def capped(items: Sequence[Item], note: Callable[[str], object]) -> list[Item]:
    """The first ``MAX_ITEMS`` of a ticket's items; when there are more, ``note`` is told how many were left."""
    if len(items) <= MAX_ITEMS:
        return list(items)
    note(f"supportctl: note: the ticket holds {len(items):,} items; only the first {MAX_ITEMS} were diagnosed — "
         "for a list, put one item a line in a file and run 'supportctl bulk FILE'")
    return list(items[:MAX_ITEMS])


async def _diagnose_all(ctx: Context, items: Sequence[Item]) -> list[Diagnosis]:
    from supportctl.engine.dispatch import diagnose_item, with_recipient
    from supportctl.engine.session import Session

    async with Session(ctx.config) as session:
        return list(await asyncio.gather(*(diagnose_item(session, i, ctx.lang) for i in with_recipient(items))))
