"""Regenerate docs/*.svg, the pictures in the README, from real diagnoses on a local chain.

Run: .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich.console import Console  # noqa: E402

from devchain.world import USDT, world  # noqa: E402
from supportctl.core import config as config_mod  # noqa: E402
from supportctl.core.model import Kind, Lang, Subject  # noqa: E402
from supportctl.engine import diagnose_deposit  # noqa: E402
from supportctl.engine.session import Session  # noqa: E402
from supportctl.render.rich_view import view  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main() -> None:
    with world() as w, tempfile.TemporaryDirectory() as tmp:
        cfg = config_mod.load(w.write_config(Path(tmp) / "c.toml"))
        fake = w.usdt.transfer(w.customer, w.lookalike_address, 800 * USDT)
        w.eth.rpc.wait_receipt(fake)
        w.eth.rpc.mine(12)
        tx = w.usdt.transfer(w.customer, w.deposit_address, 1250 * USDT)
        w.eth.rpc.wait_receipt(tx)
        w.eth.rpc.mine(4)

        async def diagnose(h: str) -> object:
            async with Session(cfg) as s:
                return await diagnose_deposit(s, Subject(Kind.DEPOSIT, h, to=w.deposit_address), Lang.EN)

        for name, h in (("deposit-awaiting", tx), ("deposit-lookalike", fake)):
            d = asyncio.run(diagnose(h))
            console = Console(record=True, width=104, file=open("/dev/null", "w"))  # noqa: SIM115
            console.print(view(d))  # type: ignore[arg-type]
            console.save_svg(str(DOCS / f"{name}.svg"), title=f"supportctl deposit {h[:10]}… --to …")
            print(f"wrote docs/{name}.svg")


if __name__ == "__main__":
    main()
