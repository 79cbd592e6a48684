"""``analyze`` answers a string it has seen from memory (issue 12: bulk analysed each line 2–3 times), bounded, and
forgets when an address format is registered or removed; ``is_on_curve`` inverts with ``pow(v, -1, p)``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from supportctl.addressing import analyze, detect, solana
from supportctl.addressing.interface import AddressInfo, FamilyResult, register_format, unregister_format

ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"


def test_the_same_string_is_answered_from_memory() -> None:
    first = analyze(ADDRESS)
    assert analyze(ADDRESS) is first and first.valid


def test_memory_is_bounded() -> None:
    for i in range(detect.CACHE_SIZE + 500):
        analyze(f"0x{i:040x}")
    assert len(detect._cache) <= detect.CACHE_SIZE


def test_a_format_registered_or_removed_is_seen_at_once() -> None:
    def toy(text: str) -> FamilyResult:
        return [AddressInfo("toy", ("toynet",), "mainnet", "toy", "none", text)] if text.startswith("toy1") else None

    assert not analyze("toy1qqqqqqqqqqqqqqqq").valid
    register_format("toy", toy)
    try:
        assert analyze("toy1qqqqqqqqqqqqqqqq").families == ("toy",)
    finally:
        unregister_format("toy")
    assert not analyze("toy1qqqqqqqqqqqqqqqq").valid


def _on_curve_fermat(key: bytes) -> bool:
    """The former test: the inverse as v^(p-2)."""
    p = solana._P
    y = int.from_bytes(key, "little") & ((1 << 255) - 1)
    y2 = y * y % p
    x2 = (y2 - 1) * pow((solana._D * y2 + 1) % p, p - 2, p) % p
    return x2 == 0 or pow(x2, (p - 1) // 2, p) == 1


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=32, max_size=32))
def test_is_on_curve_gives_what_the_fermat_inverse_gave(key: bytes) -> None:
    assert solana.is_on_curve(key) == _on_curve_fermat(key)
