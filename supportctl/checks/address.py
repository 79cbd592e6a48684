"""Address checks: format and checksum, network, memo, look-alikes. Pure: no network."""

from __future__ import annotations

from collections.abc import Iterable

from supportctl.addressing import lookalike
from supportctl.checks.base import Check
from supportctl.core.model import ChainKey, CheckCode, Finding, Kind, Severity, Verdict
from supportctl.core.registry import spec
from supportctl.kinds.address import AddressFacts

KIND_LABELS = {
    "eip55": "EIP-55 checksummed address", "unchecksummed": "address (no checksum case)",
    "p2pkh": "legacy P2PKH address", "p2sh": "P2SH address", "p2wpkh": "native SegWit (P2WPKH) address",
    "p2wsh": "native SegWit (P2WSH) address", "p2tr": "Taproot (P2TR) address", "base58check": "address",
    "hex": "hex-form address", "ed25519_pubkey": "wallet address", "pda": "program-derived address",
    "classic": "classic address", "x-address": "X-address",
}  # fmt: skip


def _label(kind: str) -> str:
    return KIND_LABELS.get(kind, f"{kind} address")


def _names(chains: Iterable[str]) -> str:
    return ", ".join(spec(ChainKey(c)).name for c in chains)


class AddressFormat(Check[AddressFacts]):
    """ADR001 format — is it a well-formed address of a supported chain, with a valid checksum?

    Recognises 0x addresses (EIP-55 checksum: all-lower or all-upper is valid but unchecked; a wrong mixed
    case is `invalid_checksum`), Bitcoin and Litecoin (base58check and bech32/bech32m), Tron (T…
    base58check), Solana (32-byte base58 keys) and XRP (classic r… and X-addresses). A typo in a
    checksummed address is `invalid_checksum`; anything else is `invalid_format`.
    """

    code = CheckCode("ADR001")
    name = "format"
    kind = Kind.ADDRESS

    def run(self, facts: AddressFacts) -> Iterable[Finding]:
        a = facts.analysis
        if a.error is not None:
            verdict = Verdict.INVALID_CHECKSUM if a.error.verdict == "invalid_checksum" else Verdict.INVALID_FORMAT
            yield self.problem(verdict, a.error.reason, family=a.error.family)
            return
        kinds = sorted({m.kind for m in a.matches})
        checked = all(m.checksum == "valid" for m in a.matches)
        note = "" if checked else " (this form carries no checksum, so a typo cannot be detected)"
        label = " / ".join(_label(k) for k in kinds)
        yield self.finding(Severity.OK, f"Valid {label} on {_names(facts.chains)}{note}",
                           Verdict.VALID, kind=kinds[0], chains=list(facts.chains))


class Network(Check[AddressFacts]):
    """ADR002 network — is the address for the network the customer chose?

    With --chain (or --currency: the networks the venue accepts it on), an address valid only on other
    chains is `wrong_network`. A testnet address is never valid for a mainnet withdrawal: `wrong_network`.
    """

    code = CheckCode("ADR002")
    name = "network"
    kind = Kind.ADDRESS

    def run(self, facts: AddressFacts) -> Iterable[Finding]:
        if not facts.analysis.matches:
            return
        if facts.testnet:
            yield self.problem(Verdict.WRONG_NETWORK, "This is a testnet address: funds sent on mainnet to it are lost",
                               network="testnet")
            return
        targets = facts.target_chains
        if not targets:
            return
        overlap = [c for c in targets if c in facts.chains]
        if overlap:
            yield self.ok(f"Valid on {_names(overlap)}", chains=overlap)
        else:
            yield self.problem(
                Verdict.WRONG_NETWORK,
                f"This is an address on {_names(facts.chains)}, not on {_names(targets)}",
                expected_chains=list(targets), chains=list(facts.chains),
            )


class Memo(Check[AddressFacts]):
    """ADR003 memo — does this network need a memo/tag with the address?

    On XRP (and any chain whose asset has `memo_required = true`) an exchange's deposit address is shared
    by many customers, and the memo/tag tells them apart: `memo_required`. An X-address carries its tag
    inside it, so it needs no separate memo.
    """

    code = CheckCode("ADR003")
    name = "memo"
    kind = Kind.ADDRESS

    def run(self, facts: AddressFacts) -> Iterable[Finding]:
        chains = [c for c in (facts.target_chains or facts.chains) if c in facts.chains]
        needing = [c for c in chains if facts.memo_required(c)]
        if not needing:
            return
        if facts.tag is not None:
            yield self.ok(f"This X-address carries destination tag {facts.tag}", tag=facts.tag)
            return
        yield self.finding(Severity.WARNING, f"{_names(needing)} needs a memo/tag with this address",
                           Verdict.MEMO_REQUIRED, chains=needing)


class Lookalike(Check[AddressFacts]):
    """ADR004 look-alike — is it a look-alike of another address (--compare)?

    Address poisoning sends dust from an address that shares the first and last characters of one the
    victim uses, hoping they copy it from their history. Same start and end but a different middle is
    `lookalike`.
    """

    code = CheckCode("ADR004")
    name = "lookalike"
    kind = Kind.ADDRESS

    def run(self, facts: AddressFacts) -> Iterable[Finding]:
        other = facts.subject.compare
        if not other:
            return
        a, b = facts.subject.input.strip(), other.strip()
        if a == b or (a.lower().startswith("0x") and a.lower() == b.lower()):
            yield self.ok("Same address as the one compared", compare=b)
        elif lookalike(a, b):
            yield self.problem(Verdict.LOOKALIKE, f"Look-alike of {b}: same start and end, different middle",
                               compare=b)
        else:
            yield self.finding(Severity.INFO, f"A different address from {b} (not a look-alike)", compare=b)


CHECKS: tuple[type[Check[AddressFacts]], ...] = (AddressFormat, Network, Memo, Lookalike)
