"""``supportctl diagnose TEXT|-``: a whole ticket (or one pasted item) as one case.

The ticket's items (hashes, links, addresses, withdrawal and order IDs) are each diagnosed with what the
customer claims (network, amount, memo, their wallet, their deposit address), the ticket's evidence is related
(look-alike addresses, an address someone else gave them, a reported link), and one verdict and one reply come
out, in the ticket's language (``engine/case.py``). Pasted secrets are cut out first.

A ticket holds a handful of items: at most ``case.MAX_ITEMS`` are diagnosed, and a note on stderr says how many
were left and points to ``supportctl bulk`` (one item a line) for a list.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from supportctl.commands import Context, emit_ticket, prefetch_tls, run_async
from supportctl.core.errors import ExitCode, InputError
from supportctl.core.model import Lang, TicketDiagnosis

if TYPE_CHECKING:
    from supportctl.engine.language import Detected

MAX_INPUT = 1_000_000  # characters read from stdin


def run(ctx: Context, text: str) -> ExitCode:
    from supportctl.core import secrets, textio
    from supportctl.engine.identify import identify
    from supportctl.engine.ticket import reads_as_words

    if text == "-":
        text = textio.read_stdin(MAX_INPUT)
    if not text.strip():
        raise InputError("nothing to diagnose: the input is empty",
                         hint="paste a hash, an explorer link, an address, or a ticket (use - to read stdin)")
    found = secrets.find(text)
    text = secrets.cut_out(text, found)  # before anything reads it: a hex key must never be looked up as a hash
    kinds = tuple(dict.fromkeys([*ctx.exposed, *(s.kind for s in found)]))
    if not identify(text) and not kinds and not reads_as_words(text):
        raise InputError("no transaction hash, explorer link or address found in the input",
                         hint="an EVM hash is 0x + 64 hex digits; an EVM address is 0x + 40 hex digits")
    prefetch_tls(ctx)
    ctx, detected = reply_language(ctx, text, note=lambda line: sys.stderr.write(line + "\n"))
    ticket = run_async(diagnose_ticket(ctx, text, kinds, detected, note=lambda line: sys.stderr.write(line + "\n")))
    return emit_ticket(ctx, ticket)


async def diagnose_ticket(ctx: Context, text: str, secrets: Sequence[str], detected: Detected | None,
                          note: Callable[[str], object]) -> TicketDiagnosis:
    from supportctl.engine import case
    from supportctl.engine.session import Session

    async with Session(ctx.config) as session:
        return await case.diagnose(session, text, ctx.lang, detected=detected.code if detected else None,
                                   secrets=secrets, note=note)


def reply_language(ctx: Context, text: str, note: Callable[[str], object]) -> tuple[Context, Detected | None]:
    """``ctx`` replying in the ticket's own language, unless ``--lang`` chose one. A ticket in a language there
    is no reply catalog for is answered in English, and ``note`` says so (unless --quiet); a ticket too short or
    unclear to tell (a bare hash or address) keeps the default."""
    if ctx.lang_given:
        return ctx, None
    from supportctl.engine.language import detect  # the model is read only when a ticket's words are

    found = detect(text)
    if found.lang is not None:
        return dataclasses.replace(ctx, lang=found.lang), found
    if found.unsupported:
        if not ctx.quiet:
            note(f"supportctl: note: the ticket looks {found.name}; replying in English (--lang to choose)")
        return dataclasses.replace(ctx, lang=Lang.EN), found
    return ctx, found
