"""Property tests: `analyze` never raises and keeps its invariants, for arbitrary text and for mutations of
every valid vector; checksummed formats reject single-character substitutions."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportctl.addressing import Analysis, analyze, find_candidates, lookalike, looks_like_address

HERE = Path(__file__).parent
SETTINGS = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _valid_vectors() -> list[str]:
    out: list[str] = []
    for path in sorted(HERE.glob("vectors_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data.get("entries", []) + data.get("valid", [])
        out += [e["address"] for e in entries if e.get("valid", True) and e["address"]]
    return sorted(set(out))


VALID = _valid_vectors()
CHECKSUMMED = [a for a in VALID if all(m.checksum == "valid" for m in analyze(a).matches)]
ALPHABET = st.characters(codec="utf-8") | st.sampled_from("0Ol1IxX \t\u200b\u0430qpzry9T")


def _invariants(text: str, result: Analysis) -> None:
    assert isinstance(result, Analysis)
    assert result.text == (text.strip() if isinstance(text, str) else result.text)
    assert (result.error is None) == bool(result.matches)
    if result.error is not None:
        assert result.error.verdict in ("invalid_checksum", "invalid_format")
        assert result.error.family in (None, "evm", "bitcoin", "litecoin", "tron", "solana", "xrp")
        assert result.error.reason and "could not be analysed" not in result.error.reason
    for m in result.matches:
        assert m.family in ("evm", "bitcoin", "litecoin", "tron", "solana", "xrp")
        assert m.network in ("mainnet", "testnet")
        assert m.checksum in ("valid", "none")
        assert m.tag is None or (m.kind == "x-address" and 0 <= m.tag <= 2**32 - 1)
        assert analyze(m.normalized).matches  # the canonical spelling is itself valid


@SETTINGS
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_arbitrary_text_never_raises(text: str) -> None:
    _invariants(text, analyze(text))
    assert isinstance(looks_like_address(text), bool)
    for candidate in find_candidates(text):
        assert candidate in text
        _invariants(candidate, analyze(candidate))


@SETTINGS
@given(st.binary(max_size=64))
def test_decoded_bytes_never_raise(data: bytes) -> None:
    text = data.decode("latin-1")
    _invariants(text, analyze(text))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    original = draw(st.sampled_from(VALID))
    i = draw(st.integers(0, len(original) - 1))
    op = draw(st.sampled_from(["replace", "delete", "insert", "swap", "case", "wrap", "truncate"]))
    c = draw(ALPHABET)
    if op == "replace":
        text = original[:i] + c + original[i + 1 :]
    elif op == "delete":
        text = original[:i] + original[i + 1 :]
    elif op == "insert":
        text = original[:i] + c + original[i:]
    elif op == "swap" and i + 1 < len(original):
        text = original[:i] + original[i + 1] + original[i] + original[i + 2 :]
    elif op == "case":
        text = original[:i] + original[i].swapcase() + original[i + 1 :]
    elif op == "wrap":
        text = f"{c}{original}{c}"
    else:
        text = original[:i]
    return original, text


@SETTINGS
@given(mutated())
def test_mutations_never_raise(pair: tuple[str, str]) -> None:
    original, text = pair
    result = analyze(text)
    _invariants(text, result)
    assert isinstance(lookalike(original, text), bool)
    assert lookalike(original, text) == lookalike(text, original)


@SETTINGS
@given(st.sampled_from(CHECKSUMMED), st.data())
def test_substitution_breaks_checksummed_addresses(original: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(original) - 1))
    c = data.draw(st.sampled_from("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0"))
    if c.lower() == original[i].lower():
        return
    text = original[:i] + c + original[i + 1 :]
    before = {(m.family, m.normalized) for m in analyze(original).matches}
    after = analyze(text)
    _invariants(text, after)
    checked = {(m.family, m.normalized) for m in after.matches if m.checksum == "valid"}
    families = {f for f, _ in before}
    assert not {f for f, _ in checked} & families, (original, text, after)


def test_lookalike_is_irreflexive() -> None:
    for address in VALID:
        assert not lookalike(address, address)
