"""bulk's CPU shortcuts give exactly the rows of the plain way: a line answered from an earlier identical line, an
invalid line filled into its reason's answer, a row written from its diagnosis's cut JSON — byte for byte what
diagnosing each line alone and rendering it whole gives. No node: addresses, secrets and text."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from supportctl.core import config
from supportctl.core.model import Diagnosis, Lang
from supportctl.engine import bulk
from supportctl.engine.dispatch import diagnose_item
from supportctl.engine.identify import Unrecognised
from supportctl.engine.session import Session
from supportctl.kinds.input import invalid, repeated
from supportctl.render.json_view import dumps

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
LINES = [
    ADDRESS, "please help, my deposit number 1 is missing", ADDRESS, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    ADDRESS, "0x" + "ab" * 25, 'he said "where is it?" \\ {braces}', "  leading and trailing  ", "x" * 300,
    "We", "a", "пополнение не пришло", "0x52908400098527886E0F7030069857D2E4169Ee7",
    "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
    "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ", "\x1b[2J clear screen", "", "0x" + "ab" * 25,
    "please help, my deposit number 2 is missing", ADDRESS, "0x123", "0x" + "cd" * 25,
]


def offline_config(tmp_path: Any) -> config.Config:
    path = tmp_path / "offline.toml"
    path.write_text("defaults = false\n", encoding="utf-8")
    return config.load(path)


def by_bulk(cfg: config.Config, text: str, lang: Lang, *, redact: bool = False, jsonl: bool = False) -> list[str]:
    from collections import Counter

    from supportctl.commands.bulk_cmd import _Writer

    class Quiet:
        def advance(self, verdict: str) -> None: ...
        def refresh(self) -> None: ...

    class Counted:
        def __init__(self) -> None:
            self.rows: list[Any] = []

        def add(self, doc: Any) -> None:
            self.rows.append((doc["line"], doc["ticket"], doc["verdict"], doc["subject"]["kind"]))

    out = io.StringIO()
    stats = Counted()
    writer = _Writer(out, False, redact, stats, Counter(), Quiet())

    async def go() -> None:
        async with Session(cfg) as session:
            await bulk.run(session, bulk.Rows(io.StringIO(text), lang), lang, writer, flush=writer.flush)

    asyncio.run(go())
    lines = out.getvalue().splitlines()
    import json

    assert [(r["line"], r["ticket"], r["verdict"], r["subject"]["kind"]) for r in map(json.loads, lines)] == stats.rows
    return lines


def one_by_one(cfg: config.Config, text: str, lang: Lang, *, redact: bool = False) -> list[str]:
    """Each row diagnosed alone and rendered whole."""
    rows = list(bulk.Rows(io.StringIO(text), lang))

    async def go() -> list[str]:
        out = []
        async with Session(cfg) as session:
            for row in rows:
                item = row.item
                d = item if isinstance(item, Diagnosis) else await diagnose_item(session, item, lang)
                if redact:
                    from supportctl.render.redact import redact_diagnosis

                    d = redact_diagnosis(d)
                out.append(dumps(bulk.to_row(row, d)))
        return out

    return asyncio.run(go())


@pytest.mark.parametrize("lang", [Lang.EN, Lang.ZH])
@pytest.mark.parametrize("redact", [False, True])
def test_plain_lines_give_the_rows_of_the_plain_way(tmp_path: Any, lang: Lang, redact: bool) -> None:
    cfg = offline_config(tmp_path)
    text = "\n".join(LINES * 3) + "\n"
    assert by_bulk(cfg, text, lang, redact=redact) == one_by_one(cfg, text, lang, redact=redact)


def test_jsonl_and_csv_rows_with_tickets_give_the_rows_of_the_plain_way(tmp_path: Any) -> None:
    import json

    cfg = offline_config(tmp_path)
    tickets = ['T-1', 'quote " and \\ back', "票 7", None, "\u202e bidi", "T-1"]
    jsonl = "".join(json.dumps({"id": line or "x", "ticket": t}) + "\n" for line in LINES for t in tickets)
    assert by_bulk(cfg, jsonl, Lang.EN) == one_by_one(cfg, jsonl, Lang.EN)
    csv = "id,ticket\n" + "".join(f'"{(line or "x").replace(chr(34), chr(34) * 2)}",T{i}\n'
                                  for i, line in enumerate(LINES * 2))
    assert by_bulk(cfg, csv, Lang.EN) == one_by_one(cfg, csv, Lang.EN)


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=130),
       reason=st.sampled_from(["no transaction hash, explorer link or address found",
                               "50 hex digits where a transaction hash has 64", "a reason with {braces}"]),
       lang=st.sampled_from(list(Lang)))
@example(text="WWW.", reason="no transaction hash, explorer link or address found", lang=Lang.EN)  # found by it
@example(text="www.binance-verify.io/login", reason="no transaction hash, explorer link or address found",
         lang=Lang.ZH)
def test_an_invalid_line_filled_into_its_reasons_answer_is_what_invalid_gives(text: str, reason: str,
                                                                              lang: Lang) -> None:
    made = bulk.Unread(lang).answer(Unrecognised(text, reason))
    assert made is None or made == invalid(text, reason, lang)
    if bulk.plain(text) and repeated(text):
        assert made is not None
    if not repeated(text):  # a link the customer sent is never repeated to them, by either path
        assert text not in invalid(text, reason, lang).reply


def test_an_address_line_seen_again_is_not_analysed_again(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportctl.addressing import detect

    cfg = offline_config(tmp_path)
    calls: list[str] = []
    real = detect._analyze

    def counting(text: str) -> Any:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(detect, "_analyze", counting)
    detect._cache.clear()
    by_bulk(cfg, "\n".join([ADDRESS, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"] * 500) + "\n", Lang.EN)
    assert sorted(calls) == sorted({ADDRESS, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"})  # once each, 1,000 rows
