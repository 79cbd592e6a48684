"""The pure-Python Keccak-256 that hashes a run's first addresses gives pycryptodome's digests, and
``keccak256`` gives the same whichever does the work."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportctl.addressing import _codec, _keccak
from supportctl.addressing._codec import _keccak_module


def reference(data: bytes) -> bytes:
    digest: bytes = _keccak_module().new(digest_bits=256, data=data).digest()
    return digest


def test_known_digests() -> None:
    assert _keccak.keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert _keccak.keccak256(b"Transfer(address,address,uint256)").hex() == (  # ERC-20's Transfer topic
        "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=700) | st.sampled_from([bytes(n) for n in (135, 136, 137, 271, 272, 273)]))
def test_pure_keccak_is_pycryptodome_s(data: bytes) -> None:
    assert _keccak.keccak256(data) == reference(data)


def test_the_first_hashes_and_the_rest_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_codec, "_PURE_HASHES", 2)
    data = [f"{i:040x}".encode() for i in range(5)]
    assert [_codec.keccak256(d) for d in data] == [reference(d) for d in data]
