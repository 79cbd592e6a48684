"""Issue 9's defects, each as it was reproduced: these fail on the code before the text boundary and the cap.

7. Input that is not UTF-8 with a strict UTF-8 terminal: ``UnicodeEncodeError``, exit 3 (address, --to, --memo,
   --currency, --compare).
8. ``diagnose -`` with such bytes on stdin: ``UnicodeDecodeError``; ``bulk -``: one bad byte, zero rows.
9. C.UTF-8: the raw 0xff and the 8-bit CSI 0x9b reached the terminal; ``--format json`` was not UTF-8.
15. A 1 MB ticket of 14,925 hashes: every hash asked of every chain, minutes, a gigabyte, 35 MB printed.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.fuzz.conftest import Worlds
from tests.fuzz.harness import RAW_CONTROL, run
from tests.fuzz.inputs import ADDRESSES, TX_EVM
from tests.fuzz.locales import supportctl

ADDRESS = ADDRESSES[0]


def _offline(tmp_path: Path) -> str:
    path = tmp_path / "offline.toml"
    path.write_text('defaults = false\n[chains.ethereum]\nrpc = ["http://127.0.0.1:9"]\ntimeout = 1\n', "utf-8")
    return str(path)


@pytest.mark.parametrize("args", [
    [b"address", b"0x\xff"],
    [b"deposit", TX_EVM.encode(), b"--to", b"0x\xff"],
    [b"deposit", TX_EVM.encode(), b"--memo", b"\xff"],
    [b"deposit", TX_EVM.encode(), b"--currency", b"US\xff"],
    [b"address", ADDRESS.encode(), b"--compare", b"0x\xff"],
], ids=["address", "to", "memo", "currency", "compare"])
def test_7_undecodable_argument_under_a_strict_utf8_locale(tmp_path: Path, args: list[bytes]) -> None:
    p = supportctl([b"--config", _offline(tmp_path).encode(), *args], locale="strict", home=tmp_path)
    err = p.err.decode("utf-8")
    assert "internal error" not in err and "Unicode" not in err, err
    assert p.code in (0, 1, 2, 3)  # was 3, "internal error: UnicodeEncodeError"
    assert "\ufffd" in (p.out + p.err).decode("utf-8")  # the bad byte is shown, as U+FFFD


def test_8_undecodable_stdin_for_diagnose(tmp_path: Path) -> None:
    p = supportctl(["--config", _offline(tmp_path), "diagnose", "-"], locale="strict", home=tmp_path,
                   stdin=b"0x\xff\n")
    err = p.err.decode("utf-8")
    assert "internal error" not in err and "Unicode" not in err, err
    assert p.code == 2 and "no transaction hash" in err


def test_8_one_bad_byte_in_bulk_stdin_is_one_row(tmp_path: Path) -> None:
    p = supportctl(["--config", _offline(tmp_path), "--quiet", "bulk", "-"], locale="strict", home=tmp_path,
                   stdin=b"0x\xff\n" + ADDRESS.encode() + b"\n")
    assert "internal error" not in p.err.decode("utf-8"), p.err
    rows = [json.loads(line) for line in p.out.decode("utf-8").splitlines()]
    assert [(r["line"], r["verdict"]) for r in rows] == [(1, "invalid_input"), (2, "valid")]


def test_9_no_raw_byte_reaches_a_c_utf8_terminal(tmp_path: Path) -> None:
    for fmt in ("rich", "markdown", "json"):
        p = supportctl(["--format", fmt, "address", b"0x\xff\x9b[2J"], locale="c", home=tmp_path)
        text = p.out.decode("utf-8")  # strict: a raw 0xff or a lone 0x9b would not decode
        assert p.code == 1 and not RAW_CONTROL.search(text), repr(text)
        if fmt == "json":
            assert json.loads(text)["subject"]["input"] == "0x\ufffd\ufffd[2J"


def test_9_literal_escapes_surrogates_and_invisibles() -> None:
    from supportctl.render.json_view import dumps
    from supportctl.render.safe import literal

    assert literal("0x\udcff\udc9b[2J") == "0x\\udcff\\udc9b[2J"
    assert literal("a\u200bb\ufeff\u2028\U000e0041") == "a\\u200bb\\ufeff\\u2028\\U000e0041"
    line = dumps({"s": "0x\udcff\u200b\U000e0041"})
    line.encode("utf-8")  # valid UTF-8: no lone surrogate left
    assert json.loads(line) == {"s": "0x\ufffd\u200b\U000e0041"} and "\u200b" not in line


def test_9_in_process_both_locales_every_option() -> None:
    for locale in ("strict", "c"):
        for argv in (["address", "0x\udcff\udc9b[2J"], ["address", ADDRESS, "--compare", "\udcff"],
                     ["--format", "json", "address", "\udcff", "--currency", "\udcff", "--chain", "eth"]):
            r = run(argv, locale=locale)
            assert "internal error" not in r.err and not RAW_CONTROL.search(r.out), (argv, r.err)


def test_15_a_ticket_of_thousands_of_hashes_is_capped(worlds: Worlds) -> None:
    from supportctl.engine.case import MAX_ITEMS

    hashes = [f"0x{i:064x}" for i in range(1, 14_926)]
    ticket = " ".join(hashes)[:1_000_000].encode()
    tracemalloc.start()
    started = time.monotonic()
    try:
        r = run(["--config", worlds.defaults, "--format", "json", "diagnose", "-"], stdin=ticket, net="refuse")
        took = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (ticket,) = [json.loads(line) for line in r.out.splitlines()]
    rows = [i["diagnosis"] for i in ticket["items"]]
    assert len(rows) == MAX_ITEMS and [d["subject"]["input"] for d in rows] == hashes[:MAX_ITEMS]
    assert "14,925 items" in r.err and "supportctl bulk" in r.err
    assert took < 30 and peak < 300 * 2**20, (took, peak)
    assert len(r.out) < 1_000_000


def test_15_the_cap_in_the_shell_too(worlds: Worlds) -> None:
    from supportctl.engine.case import MAX_ITEMS

    ticket = " ".join(f"0x{i:064x}" for i in range(1, MAX_ITEMS + 6))
    r = run(["--config", worlds.defaults, "--format", "json", "shell"], stdin=ticket.encode() + b"\n")
    (doc,) = [json.loads(line) for line in r.out.splitlines()]
    assert len(doc["items"]) == MAX_ITEMS and f"{MAX_ITEMS + 5} items" in r.err and "bulk" in r.err


def test_identify_is_linear() -> None:
    from supportctl.engine.identify import identify

    text = " ".join(f"0x{i:064x}" for i in range(1, 14_926))
    started = time.monotonic()
    assert len(identify(text)) == 14_925
    assert time.monotonic() - started < 3  # was 8 s: each item compared with every one found before it
