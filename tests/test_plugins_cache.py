"""Entry points are cached, and the cache follows installs: a new distribution means a new scan."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from supportctl import plugins


def test_cache_is_used_and_follows_installs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = plugins.entry_points("supportctl.checks")
    assert any(ep.name == "backoffice-example-travel-rule" for ep in first)  # the example plugin, via the scan
    cache = plugins._cache_file()
    assert cache.exists()
    calls: list[str] = []
    import importlib.metadata as md

    real = md.entry_points
    monkeypatch.setattr(md, "entry_points", lambda **kw: calls.append(kw["group"]) or real(**kw))
    assert plugins.entry_points("supportctl.checks") == first and calls == []  # served from the cache
    site = tmp_path / "site"
    (site / "newplugin-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    plugins.entry_points("supportctl.checks")
    assert calls == ["supportctl.checks"]  # a new distribution: scanned again
    cache.write_text("{not json")
    assert plugins.entry_points("supportctl.checks") == first  # a broken cache is a scan, not an error
    loaded = next(ep for ep in first if ep.name == "backoffice-example-travel-rule").load()
    assert loaded.code == "BOX001"
