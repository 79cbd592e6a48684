"""Data types shared by every address family.

Nothing here imports a codec library: the package must stay cheap to import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

from supportctl.core.model import ChainKey
from supportctl.core.registry import Family, spec

EVM_CHAINS: tuple[str, ...] = ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche")

# An address's family is its format, named by its chain family (``registry.Family``: the one vocabulary chains
# and addressing share), except Litecoin's: its version bytes and bech32 prefix are its own, so its format is
# named by its chain, while its transactions are read by the bitcoin family's adapter. Each format's chains
# say which chain family pays it (``address_families``): data, not a bridge between two vocabularies.
LITECOIN = "litecoin"
FAMILY_CHAINS: dict[str, tuple[str, ...]] = {
    Family.EVM: EVM_CHAINS,
    Family.BITCOIN: ("bitcoin",),
    LITECOIN: ("litecoin",),
    Family.TRON: ("tron",),
    Family.SOLANA: ("solana",),
    Family.XRP: ("xrp",),
}
FAMILIES: tuple[str, ...] = tuple(FAMILY_CHAINS)


def address_families(families: Iterable[Family]) -> frozenset[str]:
    """The address families a transaction of these chain families can pay: those valid on one of their
    chains (a 64-hex-digit id may be Bitcoin's family, so Bitcoin and Litecoin addresses both fit)."""
    wanted = set(families)
    built_in = (f for f, chains in FAMILY_CHAINS.items() if {spec(ChainKey(c)).family for c in chains} & wanted)
    return frozenset((*built_in, *(f for f in EXTRA_FORMATS if f in wanted)))

# AddressError.verdict values
INVALID_CHECKSUM = "invalid_checksum"
INVALID_FORMAT = "invalid_format"


@dataclass(frozen=True, slots=True)
class AddressInfo:
    """One reading under which a string is a valid address.

    family:   "evm" | "bitcoin" | "litecoin" | "tron" | "solana" | "xrp" (FAMILIES)
    chains:   canonical chain keys it is valid on (EVM_CHAINS for 0x…, else a 1-tuple of the family's chain)
    network:  "mainnet" | "testnet". Formats that do not encode a network (EVM, Tron, Solana, XRP classic)
              report "mainnet": the same string is also the address on that chain's testnets.
    kind:     evm "eip55" | "unchecksummed"; bitcoin/litecoin "p2pkh" | "p2sh" | "p2wpkh" | "p2wsh" | "p2tr" |
              "witness_v{n}"; tron "base58check" | "hex"; solana "ed25519_pubkey" | "pda";
              xrp "classic" | "x-address"
    checksum: "valid" | "none" (the format carries no checksum: unchecksummed EVM, Tron hex, Solana)
    normalized: canonical spelling (EIP-55 for EVM, lowercase for bech32, the T… form for Tron hex,
              the classic r-address for an X-address)
    tag:      the destination tag an X-address carries (None when it has none / for every other kind)
    """

    family: str
    chains: tuple[str, ...]
    network: str
    kind: str
    checksum: str
    normalized: str
    tag: int | None = None


@dataclass(frozen=True, slots=True)
class AddressError:
    """Why a string is not a valid address.

    verdict: "invalid_checksum" | "invalid_format"
    family:  the family it looks like, when recognisable (None when it looks like nothing supported)
    reason:  one human sentence
    """

    verdict: str
    family: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of `analyze`.

    text:    the analysed text (surrounding whitespace stripped)
    matches: every reading under which the text is a valid address (a Litecoin/Bitcoin 3… or testnet m/n/2…
             address yields two)
    error:   set only when matches is empty
    """

    text: str
    matches: tuple[AddressInfo, ...]
    error: AddressError | None

    @property
    def valid(self) -> bool:
        return bool(self.matches)

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(m.family for m in self.matches)


class Rejection(NamedTuple):
    """Internal: a family recognised the shape of the text but found it invalid.

    strength ranks competing rejections when no family accepts the text:
    3 = unambiguous (known prefix/version decoded, e.g. a bad checksum), 2 = the shape fits, 1 = a weak guess.
    """

    error: AddressError
    strength: int


# What a family parser returns: the valid readings, or why it rejects a text it recognises, or None.
FamilyResult: TypeAlias = list[AddressInfo] | Rejection | None


# Address formats added at run time with their chain family (``chains.interface.register`` of an adapter that
# declares ``parse_address``): family → parser. A registered format's family is its chain family's name.
EXTRA_FORMATS: dict[str, Callable[[str], FamilyResult]] = {}


formats_version = 0  # changes whenever EXTRA_FORMATS does: analyses cached before then are not reused


def register_format(family: str, parse: Callable[[str], FamilyResult]) -> None:
    """Read addresses of ``family`` with ``parse`` too (``analyze`` tries it after the built-in formats)."""
    global formats_version
    EXTRA_FORMATS[family] = parse
    formats_version += 1


def unregister_format(family: str) -> None:
    global formats_version
    EXTRA_FORMATS.pop(family, None)
    formats_version += 1


def reject(verdict: str, family: str | None, reason: str, strength: int) -> Rejection:
    return Rejection(AddressError(verdict, family, reason), strength)
