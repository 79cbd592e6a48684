"""ccxt's network codes (``ERC20``, ``BEP20``, ``TRC20``, ``SOL`` …) as supportctl's chain keys.

The chain registry's aliases cover most codes; ``_EXTRA_NETWORKS`` adds the venue-speak they do not, and pins
the codes that must not map onto a chain at all. Adding a code is one entry there.
"""

from __future__ import annotations

from supportctl.core.errors import InputError
from supportctl.core.model import ChainKey
from supportctl.core.registry import chain_key

__all__ = ["network_chain"]

# ccxt network codes the registry's aliases do not cover, and codes that must not map onto a chain.
_EXTRA_NETWORKS: dict[str, ChainKey | None] = {
    "BEP20": ChainKey("bsc"),
    "BSC": ChainKey("bsc"),
    "TRX": ChainKey("tron"),
    "TRC20": ChainKey("tron"),
    "ARBITRUM": ChainKey("arbitrum"),
    "ARBONE": ChainKey("arbitrum"),
    "ARBI": ChainKey("arbitrum"),
    "MATIC": ChainKey("polygon"),
    "POLYGON": ChainKey("polygon"),
    "SOL": ChainKey("solana"),
    "OPTIMISM": ChainKey("optimism"),
    "OP": ChainKey("optimism"),
    "AVAXC": ChainKey("avalanche"),
    "CAVAX": ChainKey("avalanche"),
    "AVAX_C": ChainKey("avalanche"),
    "BASE": ChainKey("base"),
    "ERC20": ChainKey("ethereum"),
    "ETH": ChainKey("ethereum"),
    "BTC": ChainKey("bitcoin"),
    "SEGWITBTC": ChainKey("bitcoin"),
    "BTCSEGWIT": ChainKey("bitcoin"),
    "LTC": ChainKey("litecoin"),
    "XRP": ChainKey("xrp"),
    # not the chain their words suggest: BEP2 is the retired BNB Beacon Chain, not BSC; Lightning is not on-chain
    "BEP2": None,
    "BNB": None,
    "LIGHTNING": None,
    "BTCLIGHTNING": None,
    "LN": None,
}


def network_chain(code: str | None) -> ChainKey | None:
    """DESIGN's chain key for a ccxt network code (``ERC20``, ``BEP20``, ``TRC20``, ``SOL`` …), or None."""
    if not code or not isinstance(code, str):
        return None
    upper = code.strip().upper()
    if upper in _EXTRA_NETWORKS:
        return _EXTRA_NETWORKS[upper]
    try:
        return chain_key(code)
    except InputError:
        return None
