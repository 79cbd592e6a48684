"""``--redact``: customer addresses masked in everything a diagnosis shows, so it can be shared outside the
support team, without erasing the look-alike evidence. Transaction hashes stay: they are public and the evidence.

The rule, applied once per diagnosis (subject, summary, facts, every finding's message and evidence, reply):

1. Every address in any of those fields is collected: the ``ADDRESS_PATTERN`` candidates that ``analyze``
   reads as an address, or as a broken address of a known family (a typo of the customer's address is still
   theirs); any other text is left as it is. Two spellings are the same address when they differ only in letter
   case and the format ignores case (0x hex, Tron's 41… hex, bech32); base58 is case-sensitive.
2. An address is masked to its first 6 and last 4 characters: ``0x9965…a4dc``. An address of 12 characters or
   fewer is shown as it is.
3. Two different addresses **collide** when those masked forms are equal ignoring case - exactly what an
   address-poisoning look-alike is made to do. Every address of a colliding group then also shows, at each
   position where two members of the group first differ (counted from the start; for members of different
   lengths also from the end), a window of ``WINDOW`` (4) characters starting at that position (ending at it,
   when counted from the end), kept inside the middle that the plain mask hides. The positions are the group's,
   so every member shows the same positions and any two members visibly differ there.
4. Printing: every character shown is printed where it stands and every run of hidden characters is one ``…``
   (``…`` always hides at least one character). A window that starts right after the first 6 therefore
   lengthens the head - SlowMist's 1155 WBTC case, intended ``0xd9A1b0B1…3a91``, phishing ``0xd9A1C378…3a91`` -
   and one further in stands between two ``…``: ``0x201d…679d…b08d`` against ``0x201d…bd25…b08d``.
5. At most half of the hidden middle (``len - 10`` characters, halved, rounded down) is ever shown on top of the
   first 6 / last 4, so a masked address never reveals the whole address; windows past that budget are cut
   (front positions first, in order). Addresses that collide with nothing keep the plain first 6 / last 4.

The same address is masked the same way in every field of the diagnosis, and the result depends only on the set
of addresses in it, not on their order. ``redact_text`` on its own applies the rule to one text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from supportctl.core.model import Diagnosis, TicketDiagnosis

HEAD = 6
TAIL = 4
WINDOW = 4
ELLIPSIS = "…"


def mask(address: str) -> str:
    """The plain mask: first 6 / last 4 (an address of 12 characters or fewer is shown as it is)."""
    return address if len(address) <= HEAD + TAIL + 2 else f"{address[:HEAD]}{ELLIPSIS}{address[-TAIL:]}"


def _addresses(text: str) -> Iterator[str]:
    from supportctl.addressing import ADDRESS_PATTERN, analyze

    for m in ADDRESS_PATTERN.finditer(text):
        found = analyze(m.group(0))
        if found.matches or (found.error is not None and found.error.family is not None):
            yield m.group(0)  # a valid address, or a broken one of a known family (a typo of the customer's)


def _identity(address: str) -> str:
    """One key per address: case folded where the format ignores case (hex, bech32), kept for base58."""
    from supportctl.addressing._codec import is_hex
    from supportctl.addressing.bitcoin import segwit_hrp

    body = address[2:] if address[:2] in ("0x", "0X") else address
    return address.lower() if is_hex(body) or segwit_hrp(address) is not None else address


def _first_difference(a: str, b: str) -> int | None:
    """Index of the first character where `a` and `b` differ (ignoring case; by case when that is all)."""
    fa, fb = a.casefold(), b.casefold()
    n = min(len(a), len(b))
    i = next((k for k in range(n) if fa[k] != fb[k]), None)
    if i is None and len(a) == len(b):
        i = next((k for k in range(n) if a[k] != b[k]), None)
    return n if i is None and len(a) != len(b) else i


def _last_difference(a: str, b: str) -> int | None:
    """Offset from the end (1 = last character) of the first difference counted from the end, ignoring case."""
    fa, fb = a.casefold(), b.casefold()
    return next((k for k in range(1, min(len(a), len(b)) + 1) if fa[-k] != fb[-k]), None)


def _shown(length: int, front: Iterable[int], back: Iterable[int]) -> set[int]:
    """Indices of an address of `length` characters that stay visible, given its group's difference positions."""
    lo, hi = HEAD, length - TAIL  # the middle the plain mask hides: [lo, hi)
    visible = set(range(lo)) | set(range(hi, length))
    budget = (hi - lo) // 2
    windows: list[list[int]] = []
    for p in sorted(set(front)):
        start = min(max(p, lo), max(hi - WINDOW, lo))
        windows.append([i for i in range(start, start + WINDOW) if lo <= i < hi])
    for q in sorted(set(back)):
        end = max(min(length - q, hi - 1), lo)  # the differing character, kept inside the middle
        windows.append([i for i in range(end, end - WINDOW, -1) if lo <= i < hi])  # from it backwards
    for window in windows:
        for i in window:
            if budget <= 0:
                return visible
            if i not in visible:
                visible.add(i)
                budget -= 1
    return visible


def _render(address: str, visible: set[int]) -> str:
    out: list[str] = []
    hidden = False
    for i, c in enumerate(address):
        if i in visible:
            out.append(c)
            hidden = False
        elif not hidden:
            out.append(ELLIPSIS)
            hidden = True
    return "".join(out)


def masks_for(texts: Iterable[str]) -> dict[str, str]:
    """Every address spelled in `texts` -> its masked form, by the rule in this module's docstring."""
    spellings: dict[str, str] = {}  # spelling -> identity
    for text in texts:
        for address in _addresses(text):
            if address not in spellings:
                spellings[address] = _identity(address)
    identities = sorted(set(spellings.values()))
    groups: dict[str, list[str]] = {}
    for key in identities:
        if len(key) > HEAD + TAIL + 2:
            groups.setdefault(mask(key).casefold(), []).append(key)
    positions: dict[str, tuple[set[int], set[int]]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        front: set[int] = set()
        back: set[int] = set()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                p = _first_difference(a, b)
                if p is not None:
                    front.add(p)
                if len(a) != len(b) and (q := _last_difference(a, b)) is not None:
                    back.add(q)
        for key in members:
            positions[key] = (front, back)
    out: dict[str, str] = {}
    for address, key in spellings.items():
        if key in positions:
            out[address] = _render(address, _shown(len(address), *positions[key]))
        else:
            out[address] = mask(address)
    return out


def redact_text(text: str, masks: Mapping[str, str] | None = None) -> str:
    """`text` with every address masked; `masks` (from ``masks_for``) or else the rule over `text` alone."""
    from supportctl.addressing import ADDRESS_PATTERN

    table = masks_for([text]) if masks is None else masks

    def sub(m: re.Match[str]) -> str:
        return table.get(m.group(0), m.group(0))

    return ADDRESS_PATTERN.sub(sub, text)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _walk(value: Any, masks: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return redact_text(value, masks)
    if isinstance(value, dict):
        return {k: _walk(v, masks) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_walk(v, masks) for v in value)
    return value


def _texts(d: Diagnosis) -> Iterator[str]:
    s = d.subject
    yield from (t for t in (s.input, s.to, s.compare, s.sender, d.summary, d.reply) if t)
    yield from _strings(d.facts)
    for f in d.findings:
        yield f.message
        yield from _strings(f.evidence)


def redact_diagnosis(d: Diagnosis, masks: Mapping[str, str] | None = None) -> Diagnosis:
    """``d`` with every address masked; ``masks`` (from ``masks_for``) when it is part of a larger whole (a
    ticket), so the same address reads the same everywhere and look-alikes across items stay told apart."""
    masks = masks_for(_texts(d)) if masks is None else masks

    def red(text: str | None) -> str | None:
        return text and redact_text(text, masks)

    subject = dataclasses.replace(d.subject, input=redact_text(d.subject.input, masks), to=red(d.subject.to),
                                  compare=red(d.subject.compare), sender=red(d.subject.sender))
    findings = tuple(
        dataclasses.replace(f, message=redact_text(f.message, masks), evidence=_walk(dict(f.evidence), masks))
        for f in d.findings
    )
    return dataclasses.replace(d, subject=subject, summary=redact_text(d.summary, masks),
                               facts=_walk(dict(d.facts), masks), findings=findings,
                               reply=redact_text(d.reply, masks))


def redact_ticket(t: TicketDiagnosis) -> TicketDiagnosis:
    """A ticket with every address masked by one rule over all of it: its items, claims, findings and reply."""
    def texts() -> Iterator[str]:
        for i in t.items:
            yield from _texts(i.diagnosis)
        for c in t.claims:
            yield from (c.value, c.words)
        for f in t.findings:
            yield f.message
            yield from _strings(f.evidence)
        yield from (t.summary, t.reply)

    masks = masks_for(texts())
    items = tuple(dataclasses.replace(i, diagnosis=redact_diagnosis(i.diagnosis, masks)) for i in t.items)
    claims = tuple(dataclasses.replace(c, value=redact_text(c.value, masks), words=redact_text(c.words, masks))
                   for c in t.claims)
    findings = tuple(
        dataclasses.replace(f, message=redact_text(f.message, masks), evidence=_walk(dict(f.evidence), masks))
        for f in t.findings
    )
    return dataclasses.replace(t, items=items, claims=claims, findings=findings,
                               summary=redact_text(t.summary, masks), reply=redact_text(t.reply, masks))
