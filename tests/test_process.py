"""The console script ends without tearing the interpreter down and keeps the cycle collector off while a short
run loads (core/process.py): what a user sees must not change — every byte written, the exit status kept, no
traceback when the reader goes away, and the collector back on for the runs that last."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportctl.core import process

SCRIPT = str(Path(sys.executable).with_name("supportctl"))
ADDRESSES = ["0x52908400098527886E0F7030069857D2E4169EE7", "0xde709f2102306220921060314715629080e2fb77",
             "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"]


def run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SUPPORTCTL_CONFIG", "NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([SCRIPT, *argv], input=stdin, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def test_every_row_is_written_before_the_process_ends(tmp_path: Path) -> None:
    lines = [ADDRESSES[i % len(ADDRESSES)] for i in range(5000)]  # ~2 MB of JSONL: many pipe buffers
    piped = run("-q", "bulk", "-", stdin="\n".join(lines) + "\n")
    assert piped.returncode in (0, 1), piped.stderr
    rows = piped.stdout.splitlines()
    assert len(rows) == 5000 and piped.stdout.endswith("\n")
    assert all(json.loads(r)["subject"]["input"] == lines[i] for i, r in enumerate(rows))
    out = tmp_path / "rows.jsonl"
    to_file = run("-q", "-o", str(out), "bulk", "-", stdin="\n".join(lines) + "\n")
    assert to_file.returncode == piped.returncode
    assert out.read_text(encoding="utf-8") == piped.stdout


@pytest.mark.parametrize(("argv", "status"), [
    (("address", ADDRESSES[0]), 0),
    (("address", "0x52908400098527886e0f7030069857d2e4169EE7"), 1),  # a broken checksum: a problem diagnosed
    (("deposit", "0x12"), 2),
    (("nosuchcommand",), 2),
])
def test_the_exit_status_is_the_run_s(argv: tuple[str, ...], status: int) -> None:
    done = run(*argv)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path) -> None:
    rows = tmp_path / "rows.txt"
    rows.write_text("\n".join(ADDRESSES * 5000) + "\n")
    env = {k: v for k, v in os.environ.items() if k != "SUPPORTCTL_CONFIG"}
    with rows.open("rb") as stdin, subprocess.Popen([SCRIPT, "-q", "bulk", "-"], stdin=stdin, stdout=subprocess.PIPE,
                                                    stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert json.loads(proc.stdout.readline())  # `| head -1`
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) in (0, 1)  # click ends a run whose stdout broke with 1
    assert "Traceback" not in err and "Exception ignored" not in err and "BrokenPipe" not in err


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_a_long_run_turns_the_collector_back_on_blind_to_the_imports(collector: None) -> None:
    process.short_run()
    assert not gc.isenabled()
    process.long_run()
    assert gc.isenabled() and gc.get_freeze_count() > 1000  # modules, classes, functions: out of its sight


def test_long_run_changes_nothing_where_the_collector_is_on(collector: None) -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    process.long_run()
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # an in-process caller (tests) keeps its heap


def test_ctrl_c_while_the_modules_load_is_one_line_not_a_traceback() -> None:
    # the interruption arrives while supportctl.cli is being imported (a finder raising it there, as SIGINT would)
    code = ("import sys\n"
            "class Interrupt:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'supportctl.cli':\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, Interrupt())\n"
            "from supportctl.__main__ import main\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 130
    assert done.stderr == "supportctl: error: interrupted\n" and done.stdout == ""
