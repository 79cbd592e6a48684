"""The interactive shell: paste item after item into one long-lived session.

One event loop, one ``Session`` and one loaded config serve every input, so the start-up, the venue's rules
and every answer already read from a chain are paid once: pasting the same hash again costs no request.
Each input goes through exactly what ``supportctl diagnose`` does — secrets cut out before anything else
reads the text, then the ticket as one case (``engine/case.py``): one verdict, one reply — and is rendered to
stdout in the current format and language. Everything meant for a person (prompt, hints, errors) goes to
stderr, so stdout stays data.

The reading of lines (a terminal with readline, or a pipe), the history file and the clipboard are small
parts passed in, so the command wires them and the tests replace them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TextIO, TypeVar

from supportctl.commands import Context, emit_ticket
from supportctl.core import secrets, textio
from supportctl.core.errors import InputError, SupportctlError
from supportctl.core.model import Format, Lang, TicketDiagnosis
from supportctl.engine.session import Session
from supportctl.render.safe import literal

if TYPE_CHECKING:
    from supportctl.core.config import Config

Reader = Callable[[str], str | None]  # prompt → one line without its newline; None at end of input

MAX_INPUT = 1_000_000  # characters in one paste block (as ``diagnose -`` reads from stdin)
HISTORY_LENGTH = 1000
MAX_HISTORY_ENTRY = 4000  # characters; a longer paste is not worth recalling
TIP_TTL = 10.0  # seconds an answer about a chain's tip stays memoised: re-pasting later shows new confirmations
DOUBLE_INTERRUPT = 1.0  # seconds: Ctrl-C twice within this at the prompt quits
CLIPBOARD_TIMEOUT = 5.0
FORMATS = (Format.RICH, Format.JSON, Format.MARKDOWN)  # csv is bulk's

COMMANDS = ":paste  :to ADDRESS  :lang CODE  :format rich|json|markdown  :copy  :refresh  :help  :quit"
HELP = """\
Paste a transaction hash, an explorer link, an address or a whole ticket and press Enter. A ticket of
several lines pasted at once is one input where the terminal allows it (readline's bracketed paste); else:
  :paste                      start a multi-line ticket; end it with a line holding a single '.'
  :to ADDRESS                 the customer's deposit address, for the next input only
  :lang CODE                  the reply's language (en, zh, zh-hant, es, pt-br, ru, tr, vi, ko, id);
                              without it, each ticket is answered in its own language
  :format rich|json|markdown  how diagnoses are written
  :copy                       copy the last ticket's reply to the clipboard (the terminal's, over SSH)
  :refresh                    forget what was read so far (the next paste asks the chains again)
  :help                       this help
  :quit, :q, Ctrl-D           leave"""
CLIPBOARDS: tuple[tuple[str, ...], ...] = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
    ("clip.exe",),
)


# -- reading lines ------------------------------------------------------------------------------------------


def stream_reader(stream: TextIO, prompt_to: TextIO | None = None) -> Reader:
    """Lines from ``stream``; the prompt is written to ``prompt_to`` (None: no prompt, for piped input)."""

    def read(prompt: str) -> str | None:
        if prompt_to is not None:
            prompt_to.write(prompt)
            prompt_to.flush()
        line = stream.readline(MAX_INPUT)
        return textio.clean(line.rstrip("\r\n")) if line else None

    return read


def readline_reader(prompt: str) -> str | None:
    """A line edited with readline (when it is loaded); the prompt goes to the terminal."""
    try:
        return textio.clean(input(prompt))
    except EOFError:
        return None


# -- history ------------------------------------------------------------------------------------------------


class History:
    """readline's history, kept in a file of at most ``HISTORY_LENGTH`` entries.

    Every entry is redacted (``secrets.redact``) before readline sees it and is one line; readline's own
    automatic history is switched off, so nothing reaches the file any other way. The file is private (0600).
    """

    def __init__(self, readline: ModuleType, path: Path, *, length: int = HISTORY_LENGTH) -> None:
        self.readline = readline
        self.path = path
        self.length = length
        self.enabled = True

    def load(self) -> None:
        rl = self.readline
        rl.set_auto_history(False)
        rl.clear_history()
        rl.set_history_length(self.length)
        with contextlib.suppress(OSError):
            rl.read_history_file(str(self.path))

    def add(self, text: str) -> None:
        """Remember ``text`` (redacted, white space collapsed to one line) and write the file."""
        entry = " ".join(secrets.cut_out(text).split())
        if not self.enabled or not entry or len(entry) > MAX_HISTORY_ENTRY:
            return
        rl = self.readline
        count = rl.get_current_history_length()
        if count and rl.get_history_item(count) == entry:
            return
        rl.add_history(entry)
        self.save()

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))  # created private, before any write
            self.readline.write_history_file(str(self.path))
        except OSError as e:
            self.enabled = False
            say(f"supportctl: warning: history is not kept: cannot write {self.path}: {e.strerror or e}")


def completer(readline: ModuleType) -> Callable[[str, int], str | None]:
    """Tab completion of the commands and their values."""
    names = [":paste", ":lang", ":format", ":copy", ":refresh", ":help", ":quit"]
    values = {":lang": [str(lang) for lang in Lang], ":format": [str(fmt) for fmt in FORMATS]}

    def complete(text: str, state: int) -> str | None:
        before = readline.get_line_buffer()[: readline.get_begidx()].split()
        choices = names if not before else values.get(before[0], []) if len(before) == 1 else []
        matches = [c for c in choices if c.startswith(text)]
        return matches[state] if state < len(matches) else None

    return complete


# -- clipboard ----------------------------------------------------------------------------------------------


class ClipboardError(Exception):
    pass


def copy_to_clipboard(text: str) -> str | None:
    """Put ``text`` on the system clipboard with the first tool that is installed and works; its name, or
    None when no clipboard tool is installed. Raises ``ClipboardError`` when every installed one fails."""
    failures: list[str] = []
    for command in CLIPBOARDS:
        path = shutil.which(command[0])
        if path is None:
            continue
        data = text.encode("utf-16" if command[0] == "clip.exe" else "utf-8")  # clip.exe reads UTF-16 with a BOM
        try:
            done = subprocess.run(  # output not captured: wl-copy and xclip leave a child serving the clipboard
                [path, *command[1:]], input=data, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                timeout=CLIPBOARD_TIMEOUT, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            failures.append(f"{command[0]}: {type(e).__name__}")
            continue
        if done.returncode == 0:
            return command[0]
        failures.append(f"{command[0]} exited with {done.returncode}")
    if failures:
        raise ClipboardError("; ".join(failures))
    return None


# -- the shell ----------------------------------------------------------------------------------------------


def say(line: str) -> None:
    """One line for the person at the terminal (stderr)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def fail(message: str, hint: str | None = None) -> None:
    """An error line, worded as the command line words it (``supportctl: error: … — hint``)."""
    say(f"supportctl: error: {literal(message)}" + (f" — {literal(hint)}" if hint else ""))


class Shell:
    """Read, diagnose, print; until :quit or the end of input.

    ``interactive``: a person is at a terminal — a banner and hints are shown on stderr.
    """

    def __init__(self, ctx: Context, config: Config, read: Reader, *, history: History | None = None,
                 interactive: bool = False) -> None:
        self.ctx = ctx  # the current format and language; the config lives in the session
        self.config = config
        self.read = read
        self.history = history
        self.interactive = interactive
        self.last: TicketDiagnosis | None = None  # the last ticket, for :copy
        self.to: str | None = None  # :to ADDRESS, for the next input
        self._runner: asyncio.Runner | None = None
        self._stack: contextlib.AsyncExitStack | None = None
        self._session: Session | None = None

    @property
    def prompt(self) -> str:
        return f"supportctl [{self.ctx.lang} · {self.ctx.format}]> "

    @property
    def runner(self) -> asyncio.Runner:
        assert self._runner is not None, "the shell is not running"
        return self._runner

    async def _open(self) -> Session:
        self._stack = contextlib.AsyncExitStack()
        session = Session(self.config, tip_ttl=TIP_TTL)
        return await self._stack.enter_async_context(session)

    def _close_session(self) -> None:
        stack, self._stack, self._session = self._stack, None, None
        if stack is not None:
            self.runner.run(stack.aclose())

    def run(self) -> None:
        with asyncio.Runner() as runner:
            self._runner = runner
            try:
                self._loop()
            finally:
                with contextlib.suppress(Exception, KeyboardInterrupt):
                    self._close_session()
                self._runner = None

    def _loop(self) -> None:
        if self.interactive and not self.ctx.quiet:
            say("supportctl shell — paste a hash, link, address or ticket and press Enter; :help, :quit")
        block: list[str] | None = None  # the lines of a :paste block being read
        size = 0
        interrupted_at = float("-inf")  # when Ctrl-C was last pressed at the prompt
        while True:
            try:
                line = self.read("... " if block is not None else self.prompt)
            except KeyboardInterrupt:
                if self.interactive:
                    sys.stderr.write("\n")
                if block is not None:
                    block = None
                    say("paste cancelled")
                    continue
                now = time.monotonic()
                if now - interrupted_at < DOUBLE_INTERRUPT:
                    return
                interrupted_at = now
                say("(to leave: :quit or Ctrl-D — or Ctrl-C twice within a second)")
                continue
            interrupted_at = float("-inf")  # "twice" means twice in a row
            if line is None:  # end of input
                if self.interactive:
                    sys.stderr.write("\n")
                if block:
                    self.submit("\n".join(block), commands=False)
                return
            if block is not None:
                if line.strip() == ".":
                    text, block = "\n".join(block), None
                    self.submit(text, commands=False)
                elif size + len(line) > MAX_INPUT:
                    block = None
                    fail("the paste is too long", hint=f"at most {MAX_INPUT:,} characters")
                else:
                    block.append(line)
                    size += len(line) + 1
                continue
            if line.strip() == ":paste":
                block, size = [], 0
                if self.interactive:
                    say("paste the ticket, then a line with a single '.' (Ctrl-C cancels)")
                continue
            if not self.submit(line):
                return

    def submit(self, text: str, *, commands: bool = True) -> bool:
        """Handle one input (a line, or a paste block: ``commands=False``, all of it is ticket); False when
        the shell should end."""
        try:
            found = secrets.find(text)
            text = secrets.cut_out(text, found)  # before anything else reads it, the history included
            stripped = text.strip()
            if not stripped:
                return True
            if commands and stripped.startswith(":") and "\n" not in stripped:
                self._remember(stripped)
                return self.command(stripped)
            self.diagnose(text, [s.kind for s in found])
        except (KeyboardInterrupt, asyncio.CancelledError):
            say("interrupted")
        except SupportctlError as e:
            fail(e.message, e.hint)
        except BrokenPipeError:
            raise
        except Exception as e:  # a bug in one input must not end the shell
            if os.environ.get("SUPPORTCTL_DEBUG"):
                raise
            fail(f"internal error: {type(e).__name__}: {e}", "set SUPPORTCTL_DEBUG=1 for the traceback and report it")
        return True

    def diagnose(self, text: str, secret_kinds: Sequence[str]) -> None:
        """What ``supportctl diagnose`` does with ``text`` (already redacted), in this shell's session."""
        from supportctl.commands.diagnose import reply_language
        from supportctl.engine.identify import identify
        from supportctl.engine.ticket import reads_as_words

        items = identify(text)
        if items:
            self._remember(" ".join(i.input for i in items))  # the items, never the customer's words
        elif not secret_kinds and not reads_as_words(text) and self.to is None:
            raise InputError("no transaction hash, explorer link or address found in the input",
                             hint="an EVM hash is 0x + 64 hex digits; an EVM address is 0x + 40 hex digits")
        ctx, detected = reply_language(self.ctx, text, note=say)  # the ticket's language, unless :lang chose one
        to, self.to = self.to, None
        try:
            ticket = self.runner.run(self._diagnose(text, ctx.lang, secret_kinds, detected.code if detected else None,
                                                    to))
        except (KeyboardInterrupt, asyncio.CancelledError):
            # Requests cut short can leave shared state half-done (an in-flight call others would wait on):
            # the next input starts from a fresh session rather than trust it.
            with contextlib.suppress(Exception):
                self._close_session()
            raise
        self.last = ticket
        emit_ticket(ctx, ticket)

    async def _diagnose(self, text: str, lang: Lang, secret_kinds: Sequence[str], detected: str | None,
                        to: str | None) -> TicketDiagnosis:
        from supportctl.engine import case

        if self._session is None:  # opened on the first input, in the loop that serves every later one
            self._session = await self._open()
        return await case.diagnose(self._session, text, lang, detected=detected, secrets=secret_kinds, note=say,
                                   to=to)

    def _remember(self, text: str) -> None:
        """History keeps commands and the items an input named (hashes, links, addresses), never a ticket's
        words: its personal text, or half a seed phrase pasted line by line."""
        if self.history is not None:
            self.history.add(text)

    # -- commands -------------------------------------------------------------------------------------------

    def command(self, line: str) -> bool:
        name, *args = line.split()
        name = name.lower()
        if name in (":quit", ":q", ":exit"):
            return False
        if name == ":lang":
            if lang := _choose(args, tuple(Lang), "lang", self.ctx.lang):
                self.ctx = dataclasses.replace(self.ctx, lang=lang, lang_given=True)
        elif name == ":format":
            if fmt := _choose(args, FORMATS, "format", self.ctx.format):
                self.ctx = dataclasses.replace(self.ctx, format=fmt)
        elif name == ":copy":
            self.copy()
        elif name == ":to":
            self.set_to(args)
        elif name == ":refresh":
            self._close_session()
            say("forgotten: the next paste reads the chains and the venue again")
        elif name == ":help":
            say(HELP)
        else:
            say(f"unknown command {literal(name)} — commands: {COMMANDS}")
        return True

    def set_to(self, args: list[str]) -> None:
        from supportctl.addressing import analyze

        if len(args) != 1:
            say(f"deposit address for the next input: {self.to or '(none)'} (:to ADDRESS)")
            return
        found = analyze(args[0])
        if not found.matches:
            reason = found.error.reason if found.error else "not an address"
            fail(f"{textio.clip(args[0])!r} is not an address: {reason}")
            return
        self.to = args[0]
        say(f"the next input's deposit address: {literal(args[0])}")

    def copy(self) -> None:
        """The last ticket's one reply, as shown (redacted with --redact), to the clipboard: a clipboard tool
        when one is installed, else the terminal's own clipboard through OSC 52 (over SSH and in tmux too)."""
        last = self.last
        if last is None or not last.reply:
            say("nothing to copy yet: diagnose something first")
            return
        if self.ctx.redact:  # what was shown is what is copied
            from supportctl.render.redact import redact_ticket

            last = redact_ticket(last)
        try:
            tool = copy_to_clipboard(last.reply)
        except ClipboardError as e:
            fail(f"could not copy to the clipboard: {e}")
            return
        if tool is None and osc52(last.reply):
            tool = "the terminal, OSC 52"
        if tool is None:
            say("no clipboard: install wl-clipboard (Wayland), xclip or xsel (X11), or use a terminal that "
                "accepts OSC 52; pbcopy and clip.exe are used where present")
        else:
            say(f"copied the reply ({tool})")


def osc52(text: str, stream: TextIO | None = None) -> bool:
    """Ask the terminal to put ``text`` on its clipboard (the OSC 52 escape; wrapped for tmux and screen so it
    reaches the outer terminal). Written to the terminal only: False when ``stream`` (stderr) is not one."""
    import base64

    out = stream or sys.stderr
    try:
        if not out.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{payload}\x07"
    if os.environ.get("TMUX"):
        sequence = f"\x1bPtmux;\x1b{sequence}\x1b\\"
    elif os.environ.get("TERM", "").startswith("screen"):
        sequence = f"\x1bP{sequence}\x1b\\"
    out.write(sequence)
    out.flush()
    return True


E = TypeVar("E", Lang, Format)


def _choose(args: list[str], choices: Sequence[E], field: str, current: E) -> E | None:
    """The value ``:lang zh`` or ``:format json`` names; None (and a line saying why) for anything else."""
    by_name = {str(c): c for c in choices}
    names = "|".join(by_name)
    if len(args) == 1 and args[0].lower() in by_name:
        return by_name[args[0].lower()]
    say(f"{field}: {current} (:{field} {names})" if not args
        else f"unknown {field} {literal(' '.join(args))} — :{field} {names}")
    return None
