"""The token-symbol decoder agrees with eth_abi's encoder, and never crashes on garbage from a node."""

from __future__ import annotations

from eth_abi.abi import encode
from hypothesis import given
from hypothesis import strategies as st

from supportctl.chains.evm import _decode_symbol, _decode_uint8


@given(st.text(max_size=80))
def test_abi_string_round_trips(symbol: str) -> None:
    answer = "0x" + encode(["string"], [symbol]).hex()
    expected = symbol[:64] or None
    assert _decode_symbol(answer) == expected


def test_bytes32_symbol_of_early_tokens() -> None:
    mkr = "0x" + b"MKR".ljust(32, b"\0").hex()
    assert _decode_symbol(mkr) == "MKR"


@given(
    st.one_of(st.none(), st.integers(), st.text(max_size=300), st.binary(max_size=200).map(lambda b: "0x" + b.hex()))
)
def test_garbage_is_unknown_not_a_crash(answer: object) -> None:
    result = _decode_symbol(answer)
    assert result is None or isinstance(result, str)
    decimals = _decode_uint8(answer)
    assert decimals is None or 0 <= decimals <= 77


def test_decimals() -> None:
    assert _decode_uint8("0x" + (6).to_bytes(32, "big").hex()) == 6
    assert _decode_uint8("0x" + (2**200).to_bytes(32, "big").hex()) is None
