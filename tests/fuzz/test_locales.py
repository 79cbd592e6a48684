"""Both locales for real: a handful of runs of ``python -m supportctl`` per command with bytes arguments (as a
shell passes ``$'0x\\xff'``), bytes on stdin, control bytes and secrets, under en_US.UTF-8 with strict I/O and
under C.UTF-8. What reaches the terminal is checked as bytes; requests are recorded by a server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fuzz.harness import RAW_CONTROL
from tests.fuzz.inputs import ADDRESSES, SECRETS, TX_EVM
from tests.fuzz.locales import LOCALES, recording_server, supportctl

BAD = b"0x\xff\x9b[2J\xe2\x80\xae\x1b]8;;x\x07"  # an undecodable byte, the 8-bit CSI, RLO, an OSC hyperlink
WIF = next(s for s in SECRETS if s.form == "wif wiki")
SEED = next(s for s in SECRETS if s.form == "bip39 12")
XRP = next(s for s in SECRETS if s.form == "xrp seed ed25519")

CASES: list[tuple[list[str | bytes], bytes]] = [
    (["address", BAD], b""),
    (["address", ADDRESSES[0], "--compare", BAD, "--chain", b"eth\xff"], b""),
    (["address", BAD, "--currency", b"US\xffDT"], b""),
    (["deposit", TX_EVM, "--to", BAD, "--memo", b"\xff\x9b", "--currency", b"\xc3"], b""),
    (["deposit", b"0x" + b"ab" * 31 + b"\xff\xfe"], b""),
    (["diagnose", b"deposit " + TX_EVM.encode() + b" to " + BAD], b""),
    (["diagnose", "-"], b"0x\xff\n" + BAD + b"\n" + TX_EVM.encode() + b"\n"),
    (["bulk", "-"], b"0x\xff\n" + ADDRESSES[0].encode() + b"\n\xfe\xff\n"),
    (["bulk", "-", "--format", "csv"], b"kind,id\naddress," + BAD + b"\n"),
    (["withdrawal", BAD, "--address", b"\xff"], b""),
    (["order", b"\xff", "--symbol", b"BTC/\xffUSDT"], b""),
    (["order", "check", b"BTC/\xff", "buy", "limit", b"1\xff"], b""),
    (["stats", "-"], b'{"verdict": "confirmed", "subject": {"input": "\\u009b\\udcff"}}\n\xff\n'),
    (["checks", "explain", BAD], b""),
    (["shell"], BAD + b"\n:lang \xff\n" + TX_EVM.encode() + b"\n"),
    ([b"\xff", BAD], b""),
    (["--lang", b"z\xff", "address", ADDRESSES[0]], b""),
]


def config(tmp_path: Path, url: str) -> str:
    path = tmp_path / "c.toml"
    chains = "".join(f'[chains.{c}]\nrpc = ["{url}"]\ntimeout = 2\n' for c in ("ethereum", "bsc", "tron", "bitcoin"))
    path.write_text("defaults = false\n" + chains, "utf-8")
    return str(path)


def shown(raw: bytes) -> str:
    text = raw.decode("utf-8")  # strict: a raw 0xff or 0x9b would not decode
    assert "Traceback" not in text and "internal error" not in text, text
    assert not RAW_CONTROL.search(text), repr(text)
    return text


@pytest.mark.parametrize("locale", sorted(LOCALES))
@pytest.mark.parametrize(("args", "stdin"), CASES, ids=[f"{i}-{c[0][0]!s:.12}" for i, c in enumerate(CASES)])
def test_real_process(tmp_path: Path, locale: str, args: list[str | bytes], stdin: bytes) -> None:
    fmt = "json" if CASES.index((args, stdin)) % 2 else "rich"  # both, over the cases: each run costs a start-up
    with recording_server() as (url, _seen):
        p = supportctl(["--config", config(tmp_path, url), "--format", fmt, "--quiet", *args], locale=locale,
                       home=tmp_path, stdin=stdin)
    assert p.code in (0, 1, 2, 3), p.err
    out, _err = shown(p.out), shown(p.err)
    if fmt == "json" and "csv" not in args:
        for line in out.splitlines():
            json.loads(line)


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_real_process_never_shows_nor_sends_a_secret(tmp_path: Path, locale: str) -> None:
    ticket = f"deposit {TX_EVM} \udcff {WIF.text} \u202e {SEED.text} {XRP.text} ok".encode("utf-8", "surrogateescape")
    with recording_server() as (url, seen):
        cfg = config(tmp_path, url)
        runs = [supportctl(["--config", cfg, "diagnose", ticket], locale=locale, home=tmp_path),
                supportctl(["--config", cfg, "diagnose", "-"], locale=locale, home=tmp_path, stdin=ticket),
                supportctl(["--config", cfg, "deposit", TX_EVM, "--to", WIF.text, "--memo", XRP.text],
                           locale=locale, home=tmp_path),
                supportctl(["--config", cfg, "bulk", "-"], locale=locale, home=tmp_path,
                           stdin=ticket.replace(b"deposit ", b"") + b"\n" + TX_EVM.encode() + b"\n")]
    assert seen, "the hash beside the secrets was looked up"
    for p in runs:
        assert p.code in (1, 3), p.err
        text = shown(p.out) + shown(p.err)
        assert "secret_exposed" in text
        for core in (*WIF.cores, *SEED.cores, *XRP.cores):
            assert core not in text
            assert not any(core in request for request in seen)
