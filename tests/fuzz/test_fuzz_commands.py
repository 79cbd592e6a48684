"""Every command and option, in-process, with hostile input in both emulated locales (see ``harness``).

Asserted on every run (``harness.check``): exit status 0, 1, 2 or 3; no traceback or internal error; stdout and
stderr valid UTF-8; JSON output parses line by line; no raw control, bidi or invisible character in what a
person reads; no secret in any output, written file, or outgoing request.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import Worlds
from tests.fuzz.harness import FUZZ, NETS, check, run
from tests.fuzz.inputs import ADDRESSES, HASHES, SECRETS, Secret, long_text, near_valid, raw, value, with_secret

CHAINS = ["ethereum", "ERC20", "bsc", "TRC20", "bitcoin", "BTC", "solana", "xrp", "litecoin", "polygon", "arbitrum"]
CURRENCIES = ["USDT", "ETH", "usdc", "BTC", "XRP", "TRX"]


def anything() -> st.SearchStrategy[str]:
    """A value of any input class, or a real one (so the pipelines past the parsers are reached too)."""
    return st.one_of(value(), near_valid(), st.sampled_from(ADDRESSES + HASHES + CHAINS + CURRENCIES), long_text())


@st.composite
def global_options(draw: st.DrawFn) -> tuple[list[str], str]:
    fmt = draw(st.sampled_from([None, "rich", "json", "markdown"]))
    opts = ["--format", fmt] if fmt else []
    if draw(st.booleans()):
        opts += ["--lang", draw(st.sampled_from(["en", "zh"]))]
    opts += [flag for flag in ("--redact", "--quiet", "--no-color") if draw(st.booleans())]
    return opts, fmt or "rich"


def environment() -> st.SearchStrategy[tuple[str, bool, str]]:
    """(locale, stdout a terminal, how the network answers)."""
    return st.tuples(st.sampled_from(["strict", "c"]), st.booleans(), st.sampled_from(NETS))


def options(draw: st.DrawFn, names: dict[str, st.SearchStrategy[str]]) -> list[str]:
    out: list[str] = []
    for name, values in names.items():
        if draw(st.booleans()):
            out += [name, draw(values)]
    return out


def config(draw: st.DrawFn, worlds: Worlds) -> str:
    return draw(st.sampled_from([worlds.defaults, worlds.defaults, worlds.loopback, worlds.empty]))


def go(draw: st.DrawFn, worlds: Worlds, command: list[str], *, stdin: bytes = b"", secrets: tuple[str, ...] = (),
       files: tuple[str, ...] = (), fmt_override: str | None = None) -> None:
    """Run ``command`` with drawn global options (before or after it), config and environment; check it."""
    opts, fmt = draw(global_options())
    locale, tty, net = draw(environment())
    argv = ["--config", config(draw, worlds)]
    argv = argv + opts + command if draw(st.booleans()) else argv + command + opts
    r = run(argv, stdin=stdin, locale=locale, tty=tty, net=net)
    check(r, fmt=fmt_override or fmt, tty=tty, secrets=secrets, files=files)


@FUZZ
@given(st.data())
def test_address(worlds: Worlds, data: st.DataObject) -> None:
    draw = data.draw
    cmd = ["address", draw(anything())]
    cmd += options(draw, {"--chain": st.one_of(st.sampled_from(CHAINS), value()),
                          "--currency": st.one_of(st.sampled_from(CURRENCIES), value()), "--compare": anything()})
    go(draw, worlds, cmd)


@FUZZ
@given(st.data())
def test_deposit(worlds: Worlds, data: st.DataObject) -> None:
    draw = data.draw
    cmd = ["deposit", draw(st.one_of(st.sampled_from(HASHES), anything()))]
    cmd += options(draw, {"--chain": st.one_of(st.sampled_from(CHAINS), value()), "--to": anything(),
                          "--memo": value(), "--currency": st.one_of(st.sampled_from(CURRENCIES), value())})
    go(draw, worlds, cmd)


@FUZZ
@given(st.data())
def test_diagnose(worlds: Worlds, data: st.DataObject) -> None:
    draw = data.draw
    ticket = draw(st.lists(anything(), min_size=1, max_size=6).map(" ".join))
    if draw(st.booleans()):
        go(draw, worlds, ["diagnose", ticket])
    else:
        piped = raw(ticket) if draw(st.booleans()) else draw(st.binary(max_size=300))
        go(draw, worlds, ["diagnose", "-"], stdin=piped)


@FUZZ
@given(st.data())
def test_venue_commands(worlds: Worlds, data: st.DataObject) -> None:
    draw = data.draw
    which = draw(st.sampled_from(["withdrawal", "order", "order check", "order-check"]))
    if which == "withdrawal":
        cmd = ["withdrawal", draw(st.one_of(st.just("W1"), anything()))]
        cmd += options(draw, {"--currency": st.one_of(st.sampled_from(CURRENCIES), value()), "--address": anything()})
    elif which == "order":
        cmd = ["order", draw(st.one_of(st.just("1"), anything())), "--symbol",
               draw(st.one_of(st.sampled_from(["BTC/USDT", "btc-usdt", "BTCUSDT"]), value()))]
    else:
        cmd = [*which.split(), draw(st.one_of(st.just("BTC/USDT"), value())),
               draw(st.sampled_from(["buy", "sell", "BUY", "hold"])), draw(st.sampled_from(["limit", "market", "x"])),
               draw(st.one_of(st.sampled_from(["0.01", "1e3", "-1", "NaN", "Infinity", "0", "1" * 400]), value()))]
        if draw(st.booleans()):
            cmd.append(draw(st.one_of(st.sampled_from(["60000", "0.000000001", "1e-400"]), value())))
    if draw(st.booleans()):
        cmd.append("--refresh")
    go(draw, worlds, cmd)


def _bulk_input(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["plain", "csv", "jsonl", "raw"]))
    items = draw(st.lists(anything(), min_size=1, max_size=5))
    if shape == "raw":
        return draw(st.binary(max_size=400))
    if shape == "plain":
        text = "\n".join(items)
    elif shape == "csv":
        rows = [",".join(json.dumps(v) if draw(st.booleans()) else v for v in
                         (draw(st.sampled_from(["", "deposit", "address", "withdrawal", "order", "bogus"])), item,
                          draw(st.sampled_from(["", *CHAINS])), draw(value()), draw(value())))
                for item in items]
        text = "kind,id,chain,to,memo\n" + "\n".join(rows)
    else:
        text = "\n".join(json.dumps({"id": item, "kind": draw(st.sampled_from(["deposit", "address", ""])),
                                     "to": draw(value()), "ticket": draw(value())}, ensure_ascii=draw(st.booleans()))
                         if draw(st.integers(0, 5)) else draw(value()) for item in items)
    return raw(text)


@FUZZ
@given(st.data())
def test_bulk(worlds: Worlds, tmp_path: Path, data: st.DataObject) -> None:
    draw = data.draw
    body = _bulk_input(draw)
    source = "-"
    if draw(st.booleans()):
        path = tmp_path / "in.txt"
        path.write_bytes(body)
        source = str(path)
    fmt = draw(st.sampled_from(["json", "csv"]))
    cmd = ["bulk", source, "--format", fmt, "--concurrency", str(draw(st.integers(1, 4)))]
    files: tuple[str, ...] = ()
    if draw(st.booleans()):
        cmd += ["--fail-on", draw(st.one_of(st.sampled_from(["unknown,invalid_input", "not_found"]), value()))]
    if draw(st.booleans()):
        out = tmp_path / draw(st.sampled_from(["out.jsonl", "out.csv", "out.json"]))
        out.unlink(missing_ok=True)
        cmd += ["-o", str(out)]
        files = (str(out),)
    locale, _tty, net = draw(environment())
    r = run(["--config", config(draw, worlds), "--quiet", *cmd], stdin=body if source == "-" else b"",
            locale=locale, net=net)
    check(r, fmt=fmt, files=files)
    if fmt == "json" and not files and r.code != 2:
        lines = body.decode("utf-8", "replace").splitlines() if body.strip() else []
        assert len(r.out.splitlines()) <= max(1, len(lines)) + 1  # about one row a line, never a flood


@FUZZ
@given(st.data())
def test_stats(worlds: Worlds, tmp_path: Path, data: st.DataObject) -> None:
    draw = data.draw
    doc = {"schema": "supportctl.diagnosis/1", "verdict": draw(st.one_of(st.just("confirmed"), value())),
           "subject": {"kind": draw(value()), "input": draw(anything()), "chain": draw(value())},
           "facts": {"chain": draw(value())}, "severity": "ok", "line": 1}
    rows = [raw(json.dumps(doc, ensure_ascii=draw(st.booleans()))) for _ in range(draw(st.integers(1, 3)))]
    results = b"\n".join(rows + [draw(st.binary(max_size=50))])
    path = tmp_path / "results.jsonl"
    path.write_bytes(results)
    cmd = ["stats", str(path) if draw(st.booleans()) else "-"]
    files: tuple[str, ...] = ()
    if draw(st.booleans()):
        html = tmp_path / "report.html"
        cmd += ["--html", str(html)]
        files = (str(html),)
    go(draw, worlds, cmd, stdin=results, files=files, fmt_override="text")


@FUZZ
@given(st.data())
def test_other_commands(worlds: Worlds, tmp_path: Path, data: st.DataObject) -> None:
    draw = data.draw
    cmd = draw(st.sampled_from([["checks", "list"], ["checks", "explain"], ["config", "show"], ["doctor"],
                                ["config", "init", "--path"], ["--help"], ["deposit", "--help"]]))
    if cmd[-1] == "explain":
        cmd = [*cmd, draw(st.one_of(st.sampled_from(["DEP003", "dep003", "ADR001", "BOX001", "XXX999"]), value()))]
    if cmd[-1] == "--path":
        cmd = [*cmd, str(tmp_path / "init.toml"), "--force"]
    go(draw, worlds, cmd, fmt_override="text")


@FUZZ
@given(st.data())
def test_shell(worlds: Worlds, data: st.DataObject) -> None:
    draw = data.draw
    lines = draw(st.lists(st.one_of(anything(), st.sampled_from([":lang zh", ":format json", ":format markdown",
                                                                 ":paste", ".", ":copy", ":help", ":bogus \x1b[2J",
                                                                 ":lang \u202eXX", ":refresh"])), max_size=6))
    typed = raw("\n".join(lines)) + draw(st.sampled_from([b"", b"\n", b"\xff\n"]))
    go(draw, worlds, ["shell"], stdin=typed, fmt_override="mixed")


TOKENS = ["address", "deposit", "diagnose", "withdrawal", "order", "check", "bulk", "stats", "checks", "explain",
          "list", "config", "show", "doctor", "shell", "--format", "-f", "--lang", "--config", "--output", "-o",
          "--no-color", "--redact", "--quiet", "-q", "--chain", "-c", "--to", "--memo", "--currency", "--compare",
          "--symbol", "-s", "--refresh", "--resume", "--fail-on", "--concurrency", "--html", "--help", "-h", "--",
          "-", "json", "csv", "rich", "markdown", "zh", "en", "--format=json", "--lang=zh", "-fjson"]


@FUZZ
@given(st.data())
def test_any_command_line(worlds: Worlds, tmp_path: Path, data: st.DataObject) -> None:
    """Any order of commands, options and values: usage errors are one line and exit 2, never a crash."""
    draw = data.draw
    argv = draw(st.lists(st.one_of(st.sampled_from(TOKENS), anything()), max_size=8))
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    argv = [str(tmp_path / "x.md") if a in ("--output", "-o") else a for a in argv]  # never write into the repo
    if "--config" not in argv:
        argv = ["--config", worlds.empty, *argv]
    locale, tty, net = draw(environment())
    r = run(argv, stdin=draw(st.binary(max_size=60)), locale=locale, tty=tty, net=net)
    check(r, fmt="json" if "json" in argv else "rich", tty=tty)


SLOTS = ["address", "address --compare", "address --chain", "address --currency", "deposit", "deposit --to",
         "deposit --memo", "deposit --currency", "deposit --chain", "diagnose", "diagnose -", "withdrawal",
         "withdrawal --address", "withdrawal --currency", "order", "order --symbol", "order check", "bulk plain",
         "bulk csv to", "bulk csv id", "bulk jsonl memo", "bulk jsonl id", "bulk jsonl ticket", "shell", "stats",
         "checks explain"]


@FUZZ
@given(st.data(), st.sampled_from(SLOTS), with_secret())
def test_secrets_never_shown_nor_sent(worlds: Worlds, tmp_path: Path, data: st.DataObject, slot: str,
                                      pasted: tuple[str, Secret]) -> None:
    """A secret of any form in any argument, option, stdin or bulk field: never in any output, file or request."""
    draw = data.draw
    text, secret = pasted
    stdin = b""
    files: tuple[str, ...] = ()
    tx = draw(st.sampled_from(HASHES[:3]))
    cmd, *opt = slot.split()
    fmt_override = None
    if cmd == "address":
        cmd_line = ["address", text] if not opt else ["address", ADDRESSES[0], opt[0], text]
    elif cmd == "deposit":
        cmd_line = ["deposit", text] if not opt else ["deposit", tx, opt[0], text]
    elif cmd == "diagnose":
        cmd_line = ["diagnose", f"{tx} {text}"] if not opt else ["diagnose", "-"]
        stdin = f"deposit {tx}\n{text}\n".encode()
    elif cmd == "withdrawal":
        cmd_line = ["withdrawal", text] if not opt else ["withdrawal", "W1", opt[0], text]
    elif cmd == "order":
        cmd_line = (["order", text, "--symbol", "BTC/USDT"] if not opt else
                    ["order", "1", "--symbol", text] if opt[0] == "--symbol" else
                    ["order", "check", "BTC/USDT", "buy", "limit", text])
    elif cmd == "bulk":
        shape, where = opt if len(opt) == 2 else (opt[0], "id")
        field = text.replace('"', "").replace(",", " ")
        if shape == "plain":
            body = f"{tx}\n{text}\n{ADDRESSES[0]}\n"
        elif shape == "csv":
            body = ("kind,id,to\n" + (f"deposit,{tx},{field}\n" if where == "to" else f",{field},\n"))
        else:
            record = {"id": tx, "kind": "deposit", where: text} if where != "id" else {"id": text}
            body = json.dumps(record, ensure_ascii=draw(st.booleans())) + "\n"
        path = tmp_path / "in.txt"
        path.write_text(body, "utf-8")
        out = tmp_path / "out.jsonl"
        out.unlink(missing_ok=True)
        cmd_line = ["bulk", str(path), "-o", str(out)]
        files = (str(out),)
        fmt_override = "json"
    elif cmd == "shell":
        cmd_line = ["shell"]
        stdin = f"{text}\n:paste\n{text}\n.\n".encode()
        fmt_override = "mixed"
    elif cmd == "stats":
        path = tmp_path / "r.jsonl"
        path.write_text(json.dumps({"verdict": text, "subject": {"input": text}}) + "\n", "utf-8")
        cmd_line = ["stats", str(path), text]
        fmt_override = "text"
    else:
        cmd_line = ["checks", "explain", text]
        fmt_override = "text"
    go(draw, worlds, cmd_line, stdin=stdin, secrets=secret.cores, files=files, fmt_override=fmt_override)


def test_every_secret_form_is_found() -> None:
    """The suite's secrets are all real ones (else "never shown" would be proved on nothing)."""
    from supportctl.core.secrets import find

    assert all(find(s.text) for s in SECRETS)
