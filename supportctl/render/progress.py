"""The bulk progress bar on stderr: done/total, rows per second, the run's pace (rows in flight, HTTP requests
and JSON-RPC calls per second), ETA and counts by verdict (rich, on a terminal only)."""

from __future__ import annotations

import time
from typing import Any

REFRESH = 0.1  # seconds between two redraws at most: drawing per row would cost more than the row


class Progress:
    """A rich progress bar on stderr when it is a terminal. ``advance`` counts a row (cheap); ``refresh`` and
    ``pace`` redraw, at most every ``REFRESH`` seconds."""

    def __init__(self, total: int | None, already: int, *, enabled: bool) -> None:
        self._counts: dict[str, int] = {}
        self._bar: Any = None
        self._n = 0
        self._shown = 0
        self._pace = ""
        self._drawn = 0.0
        self._start = time.monotonic()
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[pace]}"),
            TimeRemainingColumn(), TextColumn("{task.fields[counts]}"), console=Console(stderr=True), transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("bulk", total=total, completed=already, rate="", pace="", counts="")

    def advance(self, verdict: str) -> None:
        self._counts[verdict] = self._counts.get(verdict, 0) + 1
        self._n += 1

    def pace(self, status: Any) -> None:
        """The run's pace (``engine.bulk.Status``): rows in flight of those allowed, requests and calls a second."""
        self._pace = (f"{status.in_flight}/{status.limit} in flight · {status.requests_per_s:.0f} req/s · "
                      f"{status.calls_per_s:.0f} calls/s")
        self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        if self._bar is None:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REFRESH:
            return
        self._drawn = now
        rate = self._n / max(1e-6, now - self._start)
        counts = " ".join(f"{k}:{v}" for k, v in sorted(self._counts.items(), key=lambda kv: -kv[1])[:4])
        self._bar.update(self._task, advance=self._n - self._shown, rate=f"{rate:.0f}/s", pace=self._pace,
                         counts=counts)
        self._shown = self._n

    def close(self) -> None:
        if self._bar is not None:
            self.refresh(force=True)
            self._bar.stop()
