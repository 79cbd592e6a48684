"""``supportctl`` as agents run it: the console script (``[project.scripts]``) and ``python -m supportctl``.

``cli.main`` does the work and returns the exit status; around it, what only a process of its own may do
(``core/process.py``): the cycle collector kept off while the modules load, and an exit that does not tear the
interpreter down.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from supportctl.core import process


def main() -> NoReturn:
    process.short_run()  # before the imports below
    try:
        from supportctl.cli import main as run
    except KeyboardInterrupt:  # Ctrl-C while the modules load: one line, as any other interruption
        sys.stderr.write("supportctl: error: interrupted\n")
        process.hard_exit(130)
    process.hard_exit(run())


if __name__ == "__main__":
    main()
