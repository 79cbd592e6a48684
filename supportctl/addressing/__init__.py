"""Address intelligence for every chain the product supports.

    analyze(text) -> Analysis         every valid reading of the string, or why it is invalid (never raises)
    lookalike(a, b) -> bool           address-poisoning check (same head and tail, different address)
    looks_like_address(text) -> bool  cheap regex pre-filter for free text (ADDRESS_PATTERN finds candidates)

Families: EVM (evm.py), Bitcoin + Litecoin (bitcoin.py), Tron (tron.py), Solana (solana.py), XRP (xrp.py).
Importing this package loads no codec library; `base58`, `bech32` and pycryptodome's keccak are imported on
first use. Pure, no I/O. May import: core only (the chain registry and the model).
"""

from __future__ import annotations

from .detect import analyze, lookalike
from .interface import EVM_CHAINS, AddressError, AddressInfo, Analysis
from .patterns import ADDRESS_PATTERN, find_candidates, looks_like_address

__all__ = [
    "ADDRESS_PATTERN",
    "EVM_CHAINS",
    "AddressError",
    "AddressInfo",
    "Analysis",
    "analyze",
    "find_candidates",
    "lookalike",
    "looks_like_address",
]
