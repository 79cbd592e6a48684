"""Exit codes and the exceptions every layer raises. Exit codes live here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supportctl.core.model import Verdict


class ExitCode(IntEnum):
    OK = 0  # the verdict needs nothing from the customer
    PROBLEM = 1  # a problem was diagnosed
    USAGE = 2  # usage or input error
    UNKNOWN = 3  # the tool could not tell: a source was unreachable or contradicted itself
    INTERRUPTED = 130


class SupportctlError(Exception):
    """Base of every error a user may see: one line, an exit code, an optional hint."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(SupportctlError):
    """What the user gave cannot be understood (malformed hash, unknown chain, empty input)."""


class ConfigError(SupportctlError):
    """The configuration file is missing, malformed or names an unknown key."""


class SourceUnavailable(SupportctlError):
    """Every endpoint of a source failed (timeout, refused, garbage)."""

    exit_code = ExitCode.UNKNOWN

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self.reason = reason


def exit_code_for(verdicts: Iterable[Verdict]) -> ExitCode:
    """The exit status for a run: 3 if any verdict is unknown, else 1 if any is a problem, else 2 if any
    input could not be understood, else 0."""
    from supportctl.core.model import Outcome

    outcomes = {v.outcome for v in verdicts}
    if Outcome.UNKNOWN in outcomes:
        return ExitCode.UNKNOWN
    if Outcome.PROBLEM in outcomes:
        return ExitCode.PROBLEM
    if Outcome.INPUT in outcomes:
        return ExitCode.USAGE
    return ExitCode.OK
