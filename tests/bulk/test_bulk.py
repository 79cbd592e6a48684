"""bulk: one row per input line, in order, streamed; bad lines are rows; kill + --resume answers every line
exactly once; exit statuses; CSV and JSONL input and output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from devchain.world import USDT, World

pytestmark = pytest.mark.anvil


@pytest.fixture(scope="module")
def seeded(chain_world: World) -> dict[str, Any]:
    """Deposits of every kind of outcome, mined once for the module."""
    rpc, to = chain_world.eth.rpc, chain_world.deposit_address
    good = [chain_world.usdt.transfer(chain_world.customer, to, (20 + i) * USDT) for i in range(6)]
    small = chain_world.usdt.transfer(chain_world.customer, to, 3 * USDT)
    rpc.wait_receipt(small)
    rpc.mine(15)
    return {"good": good, "small": small, "to": to}


def rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_csv_rows_in_order_with_bad_lines_as_rows(cli: Any, chain_world: World, seeded: dict[str, Any],
                                                  tmp_path: Path) -> None:
    to = seeded["to"]
    lines = ["kind,id,chain,to,currency,ticket"]
    lines += [f"deposit,{tx},ERC20,{to},USDT,T{i}" for i, tx in enumerate(seeded["good"])]
    lines += [f"deposit,{seeded['small']},,{to},,SMALL", "deposit,0x1234,,,,BAD", "volcano,abc,,,,KIND",
              f"address,{to},bsc,,,ADDR", f",https://etherscan.io/tx/{seeded['good'][0]},,{to},,URL", ",,,,,NOID"]
    src = tmp_path / "in.csv"
    src.write_text("\n".join(lines) + "\n")
    r = cli("--config", chain_world.extra["config"], "bulk", str(src), "-q")
    got = rows(r.out)
    assert [g["line"] for g in got] == list(range(2, len(lines) + 1))  # one row per data line, in order
    assert [g["ticket"] for g in got] == [f"T{i}" for i in range(6)] + ["SMALL", "BAD", "KIND", "ADDR", "URL", "NOID"]
    verdicts = [g["verdict"] for g in got]
    assert verdicts[:6] == ["confirmed"] * 6
    assert verdicts[6:] == ["below_minimum", "invalid_input", "invalid_input", "valid", "confirmed", "invalid_input"]
    assert "4 hex digits" in got[7]["summary"] and "unknown kind" in got[8]["summary"]
    assert all(g["schema"] == "supportctl.diagnosis/1" for g in got)
    assert r.code == 1  # problems (below_minimum, invalid rows), nothing unknown


def test_plain_lines_jsonl_stdin_and_csv_output(cli: Any, chain_world: World, seeded: dict[str, Any],
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    good = seeded["good"]
    text = f"{good[0]}\n\nticket: sent {good[1]} to {seeded['to']}\n{good[0]} {good[1]}\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    r = cli("--config", chain_world.extra["config"], "bulk", "-", "-q")
    got = rows(r.out)
    assert [(g["line"], g["verdict"]) for g in got] == [
        (1, "unknown"),  # no --to: the recipient cannot be checked, never a guess
        (2, "invalid_input"),
        (3, "confirmed"),  # the address on the same line is the customer's
        (4, "invalid_input"),  # two transactions on one line
    ]
    assert r.code == 3
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": good[2], "to": seeded["to"], "ticket": "J1"}) + "\n" + "not json\n")
    r = cli("--config", chain_world.extra["config"], "--format", "csv", "bulk", str(jsonl), "-q")
    header, first, second = r.out.splitlines()
    assert header.startswith("line,ticket,kind,input,chain,verdict")
    assert first.startswith(f"1,J1,deposit,{good[2]},ethereum,confirmed,")
    assert second.startswith("2,,input,") and "invalid_input" in second


def test_an_address_on_the_line_the_deposit_did_not_pay_is_no_wrong_address(
        cli: Any, chain_world: World, seeded: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """bulk reads a line like ``diagnose``: an address beside the hash is its deposit address only while the
    transaction paid it; the sender's wallet (or any other address) is set aside, never `wrong_address`."""
    import io

    good, to = seeded["good"], seeded["to"]
    text = f"{good[3]} {chain_world.customer}\n{good[4]} {chain_world.stranger}\n{good[5]} {to}\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    got = rows(cli("--config", chain_world.extra["config"], "bulk", "-", "-q").out)
    assert [g["verdict"] for g in got] == ["unknown", "unknown", "confirmed"]
    sender, other, paid = ([f for f in g["findings"] if f["check"] == "TKT007"] for g in got)
    assert sender[0]["evidence"] == {"address": chain_world.customer, "sender": True}
    assert got[0]["facts"]["claims"] == {"from": chain_world.customer}  # their own wallet, as a claim
    assert other[0]["evidence"] == {"address": chain_world.stranger, "sender": False} and not paid
    assert all("not sent to your deposit address" not in g["reply"]["text"] for g in got[:2])


def test_fail_on_chooses_the_exit_status(cli: Any, chain_world: World, seeded: dict[str, Any], tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(f"id,to\n{seeded['small']},{seeded['to']}\n{seeded['good'][0]},{seeded['to']}\n")
    base = ("--config", chain_world.extra["config"], "bulk", str(src), "-q")
    assert cli(*base).code == 1
    assert cli(*base, "--fail-on", "not_found,tx_failed").code == 0
    assert cli(*base, "--fail-on", "below_minimum").code == 1
    bad = cli(*base, "--fail-on", "meh")
    assert bad.code == 2 and "unknown verdict 'meh'" in bad.err


def test_killed_midway_then_resumed_answers_every_line_exactly_once(chain_world: World, seeded: dict[str, Any],
                                                                     tmp_path: Path) -> None:
    to = seeded["to"]
    txs = seeded["good"] + [seeded["small"]]
    n = 400
    src = tmp_path / "many.txt"
    # distinct inputs (each hash is asked with a different --to spelling… kept simple: alternate hashes and
    # unknown hashes, so every line needs a lookup)
    src.write_text("".join(f"{txs[i % len(txs)] if i % 2 else '0x' + format(i, '064x')} {to}\n" for i in range(n)))
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, SUPPORTCTL_CONFIG=chain_world.extra["config"])
    cmd = [sys.executable, "-m", "supportctl", "bulk", str(src), "-o", str(out), "-q", "--concurrency", "1"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 40):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)  # the hardest stop: no chance to clean up
    proc.wait()
    before = out.read_text().count("\n")
    assert 40 <= before < n, "the run should have been killed midway"
    with out.open("a") as f:
        f.write('{"line": 99999, "verdi')  # a row cut short by the kill
    done = subprocess.run(cmd + ["--resume"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode in (1, 3), done.stderr
    got = rows(out.read_text())
    lines = [g["line"] for g in got]
    assert sorted(lines) == list(range(1, n + 1)) and len(lines) == len(set(lines))


def test_sigterm_writes_what_is_done_and_exits_130(chain_world: World, seeded: dict[str, Any],
                                                    tmp_path: Path) -> None:
    src = tmp_path / "many.txt"
    src.write_text("".join(f"0x{i:064x} {seeded['to']}\n" for i in range(3000)))
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, SUPPORTCTL_CONFIG=chain_world.extra["config"])
    proc = subprocess.Popen([sys.executable, "-m", "supportctl", "bulk", str(src), "-o", str(out), "-q"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 50):
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    lines = [g["line"] for g in rows(out.read_text())]
    assert lines == list(range(1, len(lines) + 1))  # in order, no gap, every row whole


def test_bad_invocations_are_one_line(cli: Any, chain_world: World, tmp_path: Path) -> None:
    config = chain_world.extra["config"]
    for args, needle in [
        (("bulk", str(tmp_path / "missing.csv")), "cannot read"),
        (("bulk", str(tmp_path / "x.csv"), "--resume"), "--resume needs --output"),
        (("--format", "markdown", "bulk", str(tmp_path / "x.csv")), "JSONL or CSV"),
    ]:
        (tmp_path / "x.csv").write_text("id\n0x1\n")
        r = cli("--config", config, *args)
        assert r.code == 2 and needle in r.err and r.err.count("\n") == 1
    (tmp_path / "h.csv").write_text("kind,txid\ndeposit,0x1\n")
    r = cli("--config", config, "bulk", str(tmp_path / "h.csv"))
    assert r.code == 2 and "no id column" in r.err


def test_stats_reproduces_the_end_of_run_table(cli: Any, chain_world: World, seeded: dict[str, Any],
                                               tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text(f"{seeded['small']} {seeded['to']}\n{seeded['good'][0]} {seeded['to']}\nnonsense\n"
                   f"{seeded['good'][1]}\n")
    out = tmp_path / "out.jsonl"
    run = cli("--config", chain_world.extra["config"], "bulk", str(src), "-o", str(out))
    table = run.err  # the end-of-run table goes to stderr, data to the file
    assert "by verdict" in table and "by chain" in table
    again = cli("stats", str(out))
    assert again.code == 0 and again.out == table
    report = tmp_path / "report.html"
    assert cli("stats", str(out), "--html", str(report)).code == 0
    import xml.etree.ElementTree as ET

    page = report.read_text()
    svg = page[page.index("<svg"): page.index("</svg>") + len("</svg>")]
    bars = ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}rect")
    assert len(list(bars)) == 4  # one bar per verdict: below_minimum, confirmed, invalid_input, unknown
