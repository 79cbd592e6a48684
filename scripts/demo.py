"""`make demo`: start a local chain, seed it with realistic tickets, diagnose each with the real CLI.

Two anvil nodes stand for Ethereum (chain id 1) and BNB Smart Chain (56). The venue's rules live in a
config file written next to them (USDT on Ethereum: minimum 10, 12 confirmations).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devchain import payout  # noqa: E402
from devchain.world import USDT, world  # noqa: E402

BIN = [sys.executable, "-m", "supportctl"]


def banner(text: str) -> None:
    print(f"\n\033[1m━━ {text} ━━\033[0m" if sys.stdout.isatty() else f"\n== {text} ==", flush=True)


def main() -> int:
    with world() as w, tempfile.TemporaryDirectory() as tmp:
        config = w.write_config(Path(tmp) / "supportctl.toml")
        rpc = w.eth.rpc
        to = w.deposit_address
        tickets: list[tuple[str, list[str]]] = []

        tx = w.usdt.transfer(w.customer, to, 300 * USDT)
        rpc.wait_receipt(tx)
        rpc.mine(20)
        tickets.append(("“I sent 300 USDT an hour ago and it is not in my account”", ["deposit", tx, "--to", to]))

        poor = rpc.accounts()[7]
        tx = w.usdt.transfer(poor, to, 500 * USDT, gas=100_000)
        rpc.wait_receipt(tx)
        tickets.append(("“My wallet says the transfer failed?”", ["deposit", tx, "--to", to]))

        tx = w.fake_usdt.transfer(w.customer, to, 5000 * USDT)
        rpc.wait_receipt(tx)
        rpc.mine(12)
        tickets.append(("“Someone paid me 5000 USDT and you did not credit it” (a fake token)",
                        ["deposit", tx, "--to", to, "--currency", "USDT"]))

        tx = w.usdt.transfer(w.customer, w.lookalike_address, 800 * USDT)
        rpc.wait_receipt(tx)
        rpc.mine(12)
        tickets.append(("“I copied my address from my history and sent 800 USDT”", ["deposit", tx, "--to", to]))

        sender = rpc.accounts()[0]
        w.usdt.approve(sender, w.payout_contract, 10**12)
        tx = payout(rpc, sender, w.payout_contract, w.usdt.address, [(w.stranger, 40 * USDT), (to, 60 * USDT)])
        rpc.wait_receipt(tx)
        rpc.mine(12)
        tickets.append(("“My employer paid my salary in a batch” (deposit inside a contract call)",
                        ["deposit", tx, "--to", to]))

        # seeded last on this chain, so that nothing mined after it changes its count
        tx = w.usdt.transfer(w.customer, to, 1250 * USDT)
        rpc.wait_receipt(tx)
        rpc.mine(4)
        tickets.insert(1, ("“Where is my 1250 USDT?” (still confirming)", ["deposit", tx, "--to", to]))
        tickets.insert(2, ("The same ticket, answered in Chinese", ["deposit", tx, "--to", to, "--lang", "zh"]))

        bsc = w.bsc.rpc
        tx = w.bsc_usdt.transfer(bsc.accounts()[1], to, 100 * 10**18)
        bsc.wait_receipt(tx)
        tickets.append(("“I sent USDT via ERC20” (the hash is on BNB Smart Chain)",
                        ["deposit", tx, "--chain", "ERC20", "--to", to, "--currency", "USDT"]))

        ticket_text = f"Hi, I deposited USDT from my wallet to {to} but nothing arrived. TxID: {tx} thanks"
        tickets.append(("A whole ticket pasted into `diagnose -`", ["diagnose", "-", "--format", "markdown"]))

        env = dict(os.environ, SUPPORTCTL_CONFIG=str(config))
        worst = 0
        for title, args in tickets:
            banner(title)
            print("$ supportctl " + " ".join(a if len(a) < 50 else a[:10] + "…" + a[-6:] for a in args), flush=True)
            stdin = ticket_text if args[:2] == ["diagnose", "-"] else None
            done = subprocess.run(BIN + args, env=env, input=stdin, text=True)
            print(f"(exit status {done.returncode})", flush=True)
            worst = max(worst, 1 if done.returncode in (0, 1) else done.returncode)
        banner("done: the local chains are stopped")
        return 0 if worst <= 1 else worst


if __name__ == "__main__":
    raise SystemExit(main())
