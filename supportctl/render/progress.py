"""The bulk progress bar on stderr: done/total, rate, ETA and counts by verdict (rich, on a terminal only)."""

from __future__ import annotations

from typing import Any


class Progress:
    """A rich progress bar on stderr (done/total, rate, ETA, counts by verdict) when it is a terminal."""

    def __init__(self, total: int | None, already: int, *, enabled: bool) -> None:
        self._counts: dict[str, int] = {}
        self._bar: Any = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
            TextColumn("{task.fields[counts]}"), console=Console(stderr=True), transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("bulk", total=total, completed=already, rate="", counts="")
        import time

        self._start = time.monotonic()
        self._n = 0

    def advance(self, verdict: str) -> None:
        self._counts[verdict] = self._counts.get(verdict, 0) + 1
        if self._bar is None:
            return
        import time

        self._n += 1
        rate = self._n / max(1e-6, time.monotonic() - self._start)
        counts = " ".join(f"{k}:{v}" for k, v in sorted(self._counts.items(), key=lambda kv: -kv[1])[:4])
        self._bar.update(self._task, advance=1, rate=f"{rate:.0f}/s", counts=counts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
