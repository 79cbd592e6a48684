"""A check that raises (a plugin's bug) is an `unknown` finding naming it; every other check and item still
runs (issue 8, 10: one raising plugin check made `diagnose` exit 3 with no output at all)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pytest

from supportctl import checks
from supportctl.checks.base import Check
from supportctl.core.model import CheckCode, Finding, Kind


class Broken(Check[Any]):
    """XXX999 broken — a plugin check with a bug."""

    code = CheckCode("XXX999")
    name = "broken"
    kind = Kind.ADDRESS

    def run(self, facts: Any) -> Iterable[Finding]:
        yield self.ok("half way")
        raise KeyError("facts.venue_id")


@pytest.fixture
def broken_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "_plugins", lambda: (Broken(),))


A = "0x52908400098527886E0F7030069857D2E4169EE7"  # EIP-55's own example
B = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"


@pytest.mark.usefixtures("broken_plugin")
def test_every_item_is_still_answered_and_the_broken_check_is_named(cli: Any) -> None:
    r = cli("--format", "json", "diagnose", f"send to {A} or {B}")
    (ticket,) = [json.loads(line) for line in r.out.splitlines()]
    assert ticket["verdict"] == "unknown"
    docs = [i["diagnosis"] for i in ticket["items"]]
    assert [d["subject"]["input"] for d in docs] == [A, B]
    assert r.code == 3 and "internal error" not in r.err
    for doc in docs:
        assert doc["verdict"] == "unknown"  # never `valid` through a check that could not say
        [broken] = [f for f in doc["findings"] if f["check"] == "XXX999"]
        assert broken["severity"] == "unknown" and "KeyError" in broken["message"]
        assert any(f["check"] == "ADR001" and f["severity"] == "ok" for f in doc["findings"])  # the others ran
        assert "half way" not in json.dumps(doc)  # a half-run check's findings are dropped


@pytest.mark.usefixtures("broken_plugin")
def test_the_address_command_exits_3_with_its_output(cli: Any) -> None:
    r = cli("address", A)
    assert r.code == 3 and "XXX999" in r.out and r.err == ""
