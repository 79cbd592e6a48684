"""One module per subcommand. Each is thin: parse → build context → run pipeline → render → exit code."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from supportctl.errors import ExitCode, exit_code_for
from supportctl.model import Diagnosis, Format, Lang

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What every command gets: the global options, and the config loaded once on first use."""

    format: Format = Format.RICH
    lang: Lang = Lang.EN
    config_path: str | None = None
    color: bool = True

    @cached_property
    def config(self) -> Any:
        from supportctl import config

        return config.load(self.config_path)


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    import asyncio  # not at module level: asyncio (and ssl with it) costs ~20 ms the address command never needs

    return asyncio.run(coro)


def emit(ctx: Context, diagnoses: Sequence[Diagnosis]) -> ExitCode:
    """Write diagnoses to stdout in the chosen format; return the exit status their verdicts call for."""
    from supportctl.render import render

    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    sys.stdout.write(render(diagnoses, ctx.format, color=ctx.color and tty, width=width))
    sys.stdout.flush()
    return exit_code_for(d.verdict for d in diagnoses)
