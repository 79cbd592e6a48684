"""``supportctl config show | init``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from supportctl.commands import Context
from supportctl.core.errors import ConfigError, ExitCode
from supportctl.core.model import Format

TEMPLATE = """\
# supportctl configuration. Built-in defaults (public endpoints, common assets) apply unless
# `defaults = false`. Secrets never go in this file: an rpc URL may say ${MY_RPC_KEY} and the
# value is read from the environment. See `supportctl config show` for the effective values.
defaults = true

# [chains.ethereum]
# rpc = ["https://mainnet.infura.io/v3/${INFURA_KEY}", "https://ethereum-rpc.publicnode.com"]
# confirmations = 12          # your venue's requirement on this chain
# max_tip_age = 300           # seconds: an RPC node whose newest block is older is not trusted
# timeout = 10                # seconds per request

# [[assets]]                  # what your venue accepts: one row per currency and chain
# currency = "USDT"
# chain = "ethereum"
# contract = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
# decimals = 6
# min_deposit = "10"
# confirmations = 12
# deposit_enabled = true
# withdraw_enabled = true
# memo_required = false

# [venue]
# exchange = "binance"        # any ccxt id; keys only from SUPPORTCTL_API_KEY / _SECRET / _PASSWORD
"""


def show(ctx: Context) -> ExitCode:
    from supportctl.core.config import display_rpc, display_url

    cfg = ctx.config
    data: dict[str, Any] = {
        "source": str(cfg.source) if cfg.source else None,
        "defaults": cfg.defaults,
        "chains": {
            k: {"rpc": [display_rpc(u) for u in c.rpc], "confirmations": c.confirmations,
                "block_time": c.block_time, "max_tip_age": c.max_tip_age, "timeout": c.timeout}
            for k, c in cfg.chains.items()
        },
        "assets": [
            {"currency": a.currency, "chain": a.chain, "contract": a.contract, "decimals": a.decimals,
             "min_deposit": None if a.min_deposit is None else str(a.min_deposit),
             "confirmations": a.confirmations, "deposit_enabled": a.deposit_enabled,
             "withdraw_enabled": a.withdraw_enabled, "memo_required": a.memo_required}
            for a in cfg.assets
        ],
        "venue": {"exchange": cfg.venue.exchange, "api_url": cfg.venue.api_url and display_url(cfg.venue.api_url)},
    }
    if ctx.format is Format.JSON:
        from supportctl.render.json_view import dumps

        sys.stdout.write(dumps(data) + "\n")
        return ExitCode.OK
    out = [f"# source: {data['source'] or 'built-in defaults only'}", f"defaults = {str(cfg.defaults).lower()}", ""]
    for k, chain in cfg.chains.items():
        out.append(f"[chains.{k}]")
        out.append("rpc = [" + ", ".join(f'"{display_rpc(u)}"' for u in chain.rpc) + "]")
        out += [f"{key} = {getattr(chain, key)}" for key in ("confirmations", "block_time", "max_tip_age", "timeout")]
        out.append("")
    for a in cfg.assets:
        out.append(f"# {a.currency:<5} {a.chain:<10} {a.contract or '(native)':<44} decimals={a.decimals} "
                   f"min={a.min_deposit if a.min_deposit is not None else '-'} "
                   f"deposits={'SUSPENDED' if a.deposit_enabled is False else 'on'}")
    from supportctl.render.safe import literal

    sys.stdout.write(literal("\n".join(out), one_line=False) + "\n")
    return ExitCode.OK


def init(ctx: Context, path: str | None, force: bool) -> ExitCode:
    from supportctl.core.config import default_path

    target = Path(path) if path else (Path(ctx.config_path) if ctx.config_path else default_path())
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists", hint="pass --force to overwrite it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATE, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot write {target}: {e.strerror or e}") from None
    sys.stderr.write(f"wrote {target}\n")
    return ExitCode.OK
