"""A claim never filters evidence away: every real transaction of the corpus, asked with every currency its
config knows, with one it does not, and with none, shows the same transfers and the same verdict, and the
recipient (DEP004) and token (DEP005) findings never contradict the transfers in the facts.

Before issue 8, ``--currency`` narrowed the transfers looked at: another token to the right address was
called `wrong_address`, with a scam warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.real import evm_cases, other_cases
from tests.real.corpus import RealCase, ask

CASES = [*evm_cases.CASES, *other_cases.CASES]


def claims(case: RealCase) -> list[str | None]:
    """Every currency the case's config lists, one it does not list, and none."""
    listed = sorted(set(re.findall(r'^currency = "([^"]+)"', case.config, re.MULTILINE)))
    return [None, *listed, "DOGE"]


def same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    return a.lower() == b.lower() if a.lower().startswith(("0x", "bc1", "ltc1")) else a == b


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_claims_are_checked_never_filters(cli: Any, tmp_path: Path, case: RealCase) -> None:
    baseline = ask(cli, tmp_path, case)[1]
    for currency in claims(case):
        doc = ask(cli, tmp_path, case, currency=currency)[1]
        facts = doc["facts"]
        assert facts.get("transfers") == baseline["facts"].get("transfers"), currency  # evidence is whole
        assert doc["verdict"] == baseline["verdict"] == case.expected, (currency, doc["summary"])
        arrived = [t for t in facts.get("transfers", []) if same(t["to"], case.to) and t.get("amount") != "0"]
        findings = {f["check"]: f for f in doc["findings"]}
        if arrived:  # something of value reached the customer: never "nothing was paid to you"
            assert doc["verdict"] != "wrong_address", currency
            assert findings.get("DEP004", {}).get("severity") in (None, "ok", "info"), currency
        if doc["verdict"] == "wrong_address":
            assert not arrived
        token = findings.get("DEP005")
        if token is not None and token["severity"] == "ok":  # "X is accepted": a listed asset arrived
            assert any(t.get("listed") for t in arrived), currency
        if doc["verdict"] == "unsupported_token":  # what arrived is named, and is not a listed asset
            assert any(not t.get("listed") for t in arrived), currency
        if currency is not None and arrived and facts.get("currency") not in (None, currency):
            assert f"says {currency}" in findings["DEP013"]["message"]  # the claim and the evidence, both named
