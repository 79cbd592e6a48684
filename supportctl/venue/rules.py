"""The venue's rules for a currency on a network: live rules (ccxt currencies) with ``[[assets]]`` winning."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from supportctl.venue.interface import NetworkRule, Venue, VenueError

if TYPE_CHECKING:
    from supportctl.core.config import Config
    from supportctl.core.model import ChainKey


def network_rule(venue: Venue, config: Config, currency: str, chain: ChainKey | None,
                 network: str | None = None) -> NetworkRule | None:
    """The rule for ``currency`` on ``chain`` (or the venue's ``network`` code). Config rows win field by
    field; a venue that cannot list its rules leaves the config's alone."""
    live: NetworkRule | None = None
    try:
        rules = venue.networks()
    except VenueError:
        rules = []
    for r in rules:
        if r.currency.upper() == currency.upper() and (
            (chain is not None and r.chain == chain) or (network is not None and r.network == network)
        ):
            live = r
            break
    asset = next((a for a in config.assets if a.currency == currency.upper() and a.chain == chain), None)
    if asset is None:
        return live
    base = live or NetworkRule(currency=asset.currency, network=network or asset.chain, chain=asset.chain)
    return replace(
        base,
        deposit_enabled=base.deposit_enabled if asset.deposit_enabled is None else asset.deposit_enabled,
        withdraw_enabled=base.withdraw_enabled if asset.withdraw_enabled is None else asset.withdraw_enabled,
        deposit_min=asset.min_deposit if asset.min_deposit is not None else base.deposit_min,
        contract=asset.contract or base.contract,
        confirmations=asset.confirmations if asset.confirmations is not None else base.confirmations,
        memo_required=asset.memo_required or bool(base.memo_required),
    )
