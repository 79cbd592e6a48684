"""The one JSON disk cache helper: a missing or broken file reads as None, a write is atomic or does not happen."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from supportctl.core import jsoncache


def test_round_trip_creates_the_directory(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "cache.json"
    assert jsoncache.read(path) is None
    assert jsoncache.write(path, {"key": [1, "two", None]}) is True
    assert jsoncache.read(path) == {"key": [1, "two", None]}
    assert os.listdir(path.parent) == ["cache.json"]  # no temporary file left behind


@pytest.mark.parametrize("content", [b"{not json", b"", b"\xff\xfe", b"[" * 100_000])
def test_a_broken_file_reads_as_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "cache.json"
    path.write_bytes(content)
    assert jsoncache.read(path) is None
    assert jsoncache.read(tmp_path) is None  # a directory, not a file


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    jsoncache.write(path, {"old": True})
    assert jsoncache.write(path, {"amount": Decimal("1.5")}) is False  # JSON has no Decimal
    assert jsoncache.read(path) == {"old": True}
    assert jsoncache.write(path, {"amount": Decimal("1.5")}, default=str) is True
    assert jsoncache.read(path) == {"amount": "1.5"}
    assert jsoncache.write(path, [1], fsync=True) and jsoncache.read(path) == [1]
    assert os.listdir(tmp_path) == ["cache.json"]


def test_an_unwritable_place_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert jsoncache.write(blocker / "cache.json", {}) is False  # its directory would be a file
