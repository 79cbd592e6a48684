"""doctor: every endpoint asked on its own, through the chain's real adapter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from devchain.world import World

pytestmark = pytest.mark.anvil


def test_healthy_endpoints_and_the_ones_that_are_not(cli: Any, chain_world: World, tmp_path: Path) -> None:
    r = cli("--config", chain_world.extra["config"], "--format", "json", "doctor")
    probes = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and {p["source"] for p in probes} == {"ethereum", "bsc"} and all(p["ok"] for p in probes)
    assert all("tip" in p["detail"] for p in probes)

    swapped = tmp_path / "bad.toml"
    swapped.write_text(chain_world.config_toml().replace(
        f'rpc = ["{chain_world.eth.url}"]', f'rpc = ["{chain_world.bsc.url}", "http://127.0.0.1:9"]'))
    r = cli("--config", str(swapped), "doctor")
    assert r.code == 3
    groups: dict[str, list[str]] = {}
    for line in r.out.split("\n\n", 1)[0].splitlines():  # a chain, then its endpoints, indented
        if line.startswith("  "):
            groups[list(groups)[-1]].append(line.strip())
        else:
            groups[line] = []
    assert any(line.startswith("FAIL") and "chain id 56" in line for line in groups["ethereum"])
    assert any(line.startswith("FAIL") and "unreachable" in line for line in groups["ethereum"])
    assert all(line.startswith("ok") for line in groups["bsc"])
    assert r.out.rstrip().endswith("2 of 3 endpoints reachable, 1 healthy; no healthy endpoint for ethereum")
