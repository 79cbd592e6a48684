"""What a check is: a small object with a stable code, a docstring that is its documentation, and a pure
``run(facts) -> findings``. Codes are never reused."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from supportctl.core.model import CheckCode, Finding, Kind, Severity, Verdict

F = TypeVar("F")


class Check(Generic[F]):
    code: ClassVar[CheckCode]
    name: ClassVar[str]
    kind: ClassVar[Kind]

    def run(self, facts: F) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, severity: Severity, message: str, verdict: Verdict | None = None, **evidence: Any) -> Finding:
        return Finding(
            check=self.code, name=self.name, severity=severity, message=message,
            evidence={k: v for k, v in evidence.items() if v is not None}, verdict=verdict,
        )

    def ok(self, message: str, **evidence: Any) -> Finding:
        return self.finding(Severity.OK, message, None, **evidence)

    def unknown(self, message: str, **evidence: Any) -> Finding:
        return self.finding(Severity.UNKNOWN, message, Verdict.UNKNOWN, **evidence)

    def problem(self, verdict: Verdict, message: str, **evidence: Any) -> Finding:
        return self.finding(Severity.ERROR, message, verdict, **evidence)

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "(no documentation)")
