"""Reply catalogs are data (issue 11): the built-in wording ships as TOML, a venue's own catalog overrides a
verdict's reply and adds a sign-off without touching Python, and `replies check` names every problem of a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from supportctl import replies
from supportctl.core.model import Kind, Lang, Verdict
from supportctl.kinds import VERDICTS_BY_KIND
from supportctl.replies.catalog import BUILTIN, builtin

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"  # EIP-55's own example
ACME = """
[en.meta]
signoff = "— The Acme support team"

[en.address]
valid = "Yes: {address} is a good address on {chains}. Go ahead."

[zh.meta]
signoff = "—— Acme 客服团队"
"""


@pytest.fixture(autouse=True)
def built_in_wording() -> Any:
    yield
    replies.configure(None)  # the catalog in use is the process's: leave the built-ins for the next test


@pytest.fixture
def acme(tmp_path: Path) -> str:
    (tmp_path / "acme-replies.toml").write_text(ACME, "utf-8")
    config = tmp_path / "supportctl.toml"
    config.write_text('[venue]\nreplies = "acme-replies.toml"\n', "utf-8")  # relative to the config file
    return str(config)


def test_every_language_ships_as_a_catalog_file() -> None:
    assert sorted(p.stem for p in BUILTIN.glob("*.toml")) == sorted(lang.value for lang in Lang)
    for lang in Lang:
        cat = builtin(lang)
        for kind, verdicts in VERDICTS_BY_KIND.items():
            assert set(cat.templates[kind]) == set(verdicts), (lang, kind)


def test_a_venue_catalog_is_used_by_diagnose_bulk_and_shell(cli: Any, acme: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    r = cli("--config", acme, "--format", "json", "diagnose", f"is this ok? {ADDRESS}")
    text = json.loads(r.out)["reply"]["text"]
    assert text.startswith(f"Yes: {ADDRESS} is a good address on Ethereum") and text.endswith("— The Acme support team")

    lines = tmp_path / "lines.txt"
    lines.write_text(f"{ADDRESS}\n", "utf-8")
    r = cli("--config", acme, "bulk", str(lines))
    assert json.loads(r.out)["reply"]["text"].endswith("\n\n— The Acme support team")

    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{ADDRESS}\n"))
    r = cli("--config", acme, "--format", "json", "--lang", "zh", "shell")
    (doc,) = [json.loads(line) for line in r.out.splitlines() if line.startswith("{")]
    assert doc["reply"]["text"].endswith("—— Acme 客服团队")  # zh: the built-in reply, the venue's sign-off


def test_other_verdicts_keep_the_built_in_wording(acme: str, cli: Any) -> None:
    r = cli("--config", acme, "--format", "json", "address", "0x1234")
    text = json.loads(r.out)["reply"]["text"]
    assert text.startswith(replies.render(Kind.ADDRESS, Verdict.INVALID_FORMAT, Lang.EN, {"address": "0x1234"})
                           .split("\n\n")[0][:40])


def test_replies_check_accepts_a_good_catalog(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(ACME, "utf-8")
    r = cli("replies", "check", str(path))
    assert r.code == 0 and "ok" in r.out and "en, zh" in r.out


def test_replies_check_names_every_problem_one_line_each(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[en.deposit]\nconfirmd = "x"\nconfirmed = "Your {amont} arrived"\n[en.withdraw]\nx = "y"\n'
                    '[fr.deposit]\nconfirmed = "x"\n[en.meta]\nsignoff = 3\n', "utf-8")
    r = cli("replies", "check", str(path))
    lines = r.err.splitlines()
    assert r.code == 2 and r.out == "" and len(lines) == 5
    for needle in ("unknown verdict 'en.deposit.confirmd'", "names {amont}", "unknown table 'en.withdraw'",
                   "unknown language 'fr'", "'en.meta.signoff' must be a string"):
        assert sum(needle in line for line in lines) == 1, needle
    assert all(line.startswith(f"supportctl: error: {path}: ") for line in lines)


def test_a_config_naming_a_broken_catalog_is_one_line(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[en.deposit]\nconfirmed = "{nope}"\n', "utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[venue]\nreplies = "bad.toml"\n', "utf-8")
    r = cli("--config", str(config), "address", ADDRESS)
    assert r.code == 2 and r.err.count("\n") == 1 and "venue.replies" in r.err and "{nope}" in r.err


def test_replies_show_previews_a_verdict_and_its_variants(cli: Any) -> None:
    r = cli("--lang", "zh", "replies", "show", "confirmed")
    assert r.code == 0 and "# variant: credited" in r.out and "已在区块链上确认" in r.out
    r = cli("replies", "show", "unknown")
    assert r.code == 2 and "--kind" in r.err


def test_the_cached_copy_of_a_built_in_catalog_is_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up reads a JSON copy of the shipped catalog (TOML parsing and checking cost 3 ms a run): it must be
    the same catalog, and a corrupt copy is parsed again, never used."""
    from supportctl.replies import catalog

    monkeypatch.setattr(catalog, "_cache_dir", lambda: tmp_path)
    for lang in Lang:
        catalog.builtin.cache_clear()
        first = catalog.builtin(lang)  # parsed, then copied
        catalog.builtin.cache_clear()
        assert catalog.builtin(lang) == first  # read from the copy
        (copy,) = tmp_path.glob(f"replies-{lang.value}-*.json")
        copy.write_text('{"name": 1}', "utf-8")
        catalog.builtin.cache_clear()
        assert catalog.builtin(lang) == first
    catalog.builtin.cache_clear()


SCRIPTS = {Lang.ZH: r"[\u4e00-\u9fff]", Lang.ZH_HANT: r"[\u4e00-\u9fff]", Lang.KO: r"[\uac00-\ud7a3]",
           Lang.RU: r"[\u0400-\u04ff]"}


@pytest.mark.parametrize("lang", [lang for lang in Lang if lang is not Lang.EN])
def test_every_reply_is_translated(lang: Lang) -> None:
    """No catalog leaves an English reply in place, and a language with its own script writes in it."""
    import re

    english, ours = builtin(Lang.EN), builtin(lang)
    for kind, table in english.templates.items():
        for verdict, text in table.items():
            assert ours.templates[kind][verdict] != text, (lang, kind, verdict)
            if lang in SCRIPTS:
                assert re.search(SCRIPTS[lang], ours.templates[kind][verdict]), (lang, kind, verdict)
    assert ours.name and ours.name != english.name


def test_traditional_chinese_is_not_simplified() -> None:
    simplified = "".join(t for table in builtin(Lang.ZH).templates.values() for t in table.values())
    traditional = "".join(t for table in builtin(Lang.ZH_HANT).templates.values() for t in table.values())
    for simple, trad in (("们", "們"), ("这", "這"), ("请", "請"), ("确认", "確認")):
        assert simple in simplified and simple not in traditional and trad in traditional, (simple, trad)
