"""commands: one module per subcommand (and the interactive shell). Each is thin: parse → build context → run the
engine → render → exit code.

May import: engine and below, and render. Never cli; rich only through render.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any, TypeVar

from supportctl.core.errors import ExitCode, InputError, exit_code_for
from supportctl.core.options import ColorMode as ColorMode  # re-exported: --color's values
from supportctl.core.options import Format, Lang

if TYPE_CHECKING:  # core.model's records cost ~6 ms to build: `--version` and `--help` never need them
    from supportctl.core.config import Config
    from supportctl.core.model import ChainKey, Diagnosis, TicketDiagnosis

T = TypeVar("T")


def color_mode(given: ColorMode | None, no_color: bool, environ: Mapping[str, str]) -> ColorMode:
    """The colour choice of a run: ``--no-color`` or ``--color WHEN`` when given; else ``NO_COLOR``
    (https://no-color.org) then ``FORCE_COLOR`` (https://force-color.org), each when set and not empty; else auto."""
    if no_color:
        return ColorMode.NEVER
    if given is not None:
        return given
    if environ.get("NO_COLOR"):
        return ColorMode.NEVER
    if environ.get("FORCE_COLOR"):
        return ColorMode.ALWAYS
    return ColorMode.AUTO


def colored(ctx: Context, stream: IO[str]) -> bool:
    """Colour what goes to ``stream``? Never with ``ctx.color`` off; always with ``ctx.force_color``; else when
    ``stream`` is a terminal."""
    if not ctx.color:
        return False
    if ctx.force_color:
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


@dataclass(frozen=True)
class Context:
    """What every command gets: the global options, and the config loaded once on first use."""

    format: Format = Format.RICH
    lang: Lang = Lang.EN
    lang_given: bool = False  # --lang (or the shell's :lang) chose it: the ticket's own language is not detected
    config_path: str | None = None
    color: bool = True  # False: --no-color, --color never, NO_COLOR (``color_mode``); True: on a terminal …
    force_color: bool = False  # … and through pipes and into files too: --color always, FORCE_COLOR (``colored``)
    output: str | None = None  # --output FILE: the rendered result goes there (format from the extension)
    redact: bool = False  # --redact: customer addresses masked, first 6 / last 4
    quiet: bool = False
    exposed: tuple[str, ...] = ()  # kinds of the secrets cut out of the command line (never the secrets)

    @cached_property
    def config(self) -> Config:
        from supportctl import replies
        from supportctl.core import config
        from supportctl.core.errors import ConfigError

        cfg = config.load(self.config_path)
        try:
            replies.configure(cfg.venue.replies)  # the venue's wording over the built-in catalogs (or none)
        except replies.CatalogError as e:
            raise ConfigError(f"'venue.replies': {e}",
                              hint="'supportctl replies check FILE' lists every problem") from None
        return cfg


def option(value: str | None, *, upper: bool = False) -> str | None:
    """An optional text option as the pipelines want it: stripped, ``None`` when blank."""
    if value is None or not value.strip():
        return None
    return value.strip().upper() if upper else value.strip()


def prefetch_tls(ctx: Context, chain: ChainKey | None = None) -> None:
    """Start loading the TLS certificates now, beside the imports still to come, when the lookups will ask an
    ``https://`` endpoint (``chains/trust.py``): ``chain``'s endpoints, or every configured chain's."""
    from supportctl.chains import trust

    chains = ctx.config.chains
    picked = [chains[chain]] if chain is not None and chain in chains else list(chains.values())
    trust.prefetch(u for c in picked for u in c.rpc)


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    import asyncio  # not at module level: asyncio (and ssl with it) costs ~20 ms the address command never needs

    return asyncio.run(coro)


def output_format(ctx: Context) -> Format:
    """The format to write: ``--format`` when given, else what ``--output``'s extension says (.md, .json)."""
    if ctx.output and ctx.format is Format.RICH:
        suffix = ctx.output.lower().rsplit(".", 1)[-1]
        return {"md": Format.MARKDOWN, "markdown": Format.MARKDOWN, "json": Format.JSON, "jsonl": Format.JSON,
                "csv": Format.CSV}.get(suffix, Format.RICH)
    return ctx.format


def emit(ctx: Context, diagnoses: Sequence[Diagnosis]) -> ExitCode:
    """Write diagnoses to stdout (or ``--output``) in the chosen format; return the exit status their
    verdicts call for."""
    from supportctl.render import render

    _check_format(ctx)
    if ctx.redact:
        from supportctl.render.redact import redact_diagnosis

        diagnoses = [redact_diagnosis(d) for d in diagnoses]
    n = len(diagnoses)
    _write(ctx, lambda fmt, color, width: render(diagnoses, fmt, color=color, width=width),
           f"{n} diagnos{'is' if n == 1 else 'es'}")
    return exit_code_for(d.verdict for d in diagnoses)


def emit_ticket(ctx: Context, ticket: TicketDiagnosis) -> ExitCode:
    """Write one ticket's diagnosis (``supportctl.ticket/1`` in JSON) to stdout or ``--output``; return the exit
    status its verdicts call for."""
    from supportctl.render import render_ticket

    _check_format(ctx)
    if ctx.redact:
        from supportctl.render.redact import redact_ticket

        ticket = redact_ticket(ticket)
    _write(ctx, lambda fmt, color, width: render_ticket(ticket, fmt, color=color, width=width),
           f"1 ticket, {len(ticket.items)} items")
    return ticket_exit_code(ticket)


def _check_format(ctx: Context) -> None:
    if output_format(ctx) is Format.CSV:
        raise InputError("csv output is for 'supportctl bulk'", hint="use --format json, markdown or rich")


def _write(ctx: Context, text: Callable[[Format, bool, int], str], what: str) -> None:
    """``text(format, color, width)`` to ``--output`` (plain, 100 columns, then a line on stderr saying what was
    written) or to stdout (coloured as ``--color`` says, as wide as the terminal)."""
    fmt = output_format(ctx)
    if ctx.output:
        try:
            with open(ctx.output, "w", encoding="utf-8") as f:
                f.write(text(fmt, False, 100))
        except OSError as e:
            raise InputError(f"cannot write {ctx.output}: {e.strerror or e}") from None
        if not ctx.quiet:
            sys.stderr.write(f"wrote {ctx.output} ({what})\n")
        return
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    sys.stdout.write(text(fmt, colored(ctx, sys.stdout), width))
    sys.stdout.flush()


def ticket_exit_code(ticket: TicketDiagnosis) -> ExitCode:
    """The ticket's verdict and its items' decide the status; an unreadable item beside items that were read
    does not make the ticket an input error."""
    from supportctl.core.model import Verdict

    verdicts = [ticket.verdict, *(i.diagnosis.verdict for i in ticket.items)]
    if any(v is not Verdict.INVALID_INPUT for v in verdicts):
        verdicts = [v for v in verdicts if v is not Verdict.INVALID_INPUT]
    return exit_code_for(verdicts)
