"""``supportctl shell``: an interactive prompt for pasting item after item (see ``supportctl.commands.shell``).

At a terminal: readline editing, tab completion of the commands and a history file (redacted) in the
user state dir. From a pipe: no prompt, no history — stdout holds the diagnoses and nothing else.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import TextIO

from supportctl.commands import Context
from supportctl.core.errors import ExitCode, InputError


def run(ctx: Context) -> ExitCode:
    from supportctl.commands import shell
    from supportctl.core import process

    process.long_run()  # open all day: the cycle collector back on (core/process.py)

    if ctx.output:
        raise InputError("the shell writes to stdout: --output is not for it",
                         hint="use :copy for the reply, or 'supportctl bulk --output FILE' for many items")
    if ctx.format not in shell.FORMATS:
        raise InputError(f"--format {ctx.format} is for 'supportctl bulk'", hint="use rich, json or markdown")
    config = ctx.config  # loaded once, before the first prompt: a broken config fails now, not on the first paste
    if not terminal(sys.stdin):
        shell.Shell(ctx, config, shell.stream_reader(sys.stdin)).run()
        return ExitCode.OK
    readline = _readline() if terminal(sys.stdout) else None  # readline draws on stdout: it must be the terminal
    history = None
    if readline is None:
        read = shell.stream_reader(sys.stdin, prompt_to=sys.stderr)
    else:
        history = shell.History(readline, history_path())
        history.load()
        readline.set_completer_delims(" \t\n")
        readline.set_completer(shell.completer(readline))
        if "libedit" in (readline.__doc__ or ""):
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
            # Python turns bracketed paste off; on, a ticket pasted whole arrives as one input (newlines and
            # all) when Enter is pressed, instead of one input per line. Readline before 8.0 ignores this.
            readline.parse_and_bind("set enable-bracketed-paste on")
        read = shell.readline_reader
    shell.Shell(ctx, config, read, history=history, interactive=True).run()
    return ExitCode.OK


def terminal(stream: TextIO) -> bool:
    """Is ``stream`` a terminal (stdin: a person is typing; stdout: they read it)?"""
    return stream.isatty()


def history_path() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("supportctl")) / "shell_history"


def _readline() -> ModuleType | None:
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it: plain line input, no history
        return None
    return readline
