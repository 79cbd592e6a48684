"""A bech32-shaped string of ours (bc1/tb1/bcrt1/ltc1/tltc1/rltc1, all lower or all upper case) is a
Bitcoin/Litecoin address, valid or corrupted, and never a Solana one (issue 8, item 6).

An uppercase bech32 string is also base58 and can decode to 32 bytes; the Solana reading used to be dropped only
when the bech32 checksum verified, so Litecoin Core's corrupted ``LTC1Q3ME3…`` was called a valid Solana address.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from supportctl.addressing import analyze
from supportctl.addressing.bitcoin import SEGWIT_HRPS, bech32_shaped

HERE = Path(__file__).parent

# Litecoin Core src/test/data/key_io_invalid.json @ b270cd9098dcb5bd1feb179813fd6861b22859aa: every bech32 entry.
# The stored copy spells Litecoin's prefixes ltc/tltc/rltc as pgc/tpgc/rpgc (see README.md here);
# `_restore` puts Litecoin's back, keeping the case, which gives the strings Litecoin Core tests.
LITECOIN_CORE_INVALID_STORED = [
    "tpgc13vj87tzu08d9277dqfzafda7snm796xrx3kyv2536km3m3ef7lk7q0yq8hg",
    "RPGC1RUCQRYUFY",
    "pgc10utujc7h82n098qam35qv4sm4kztue0lh04er7zf6lslcwfmhc92kym83guu06nrvl56g2ekm",
    "tpgc1qh8tp3qqmtz474xju0rajr3uz8vw00j2r",
    "rpgc1q2k5v9aryyn8pqg5dsjy0f8700tq2ph7q3mkcu573fjutlckyu7u3ysyapj",
    "pgc153m7rf",
    "tpgc1qywr4l8fyce9u6lwsykq4uez3g8kjfwterfxtjs784m526tavu84qeslpvf",
    "RPGC1QLPJ9XAKFWDYNP49LZ67kvf6FSKWD0P494P5PLT",
    "pgc1qfflgggucfrs482us7q786eew4ryqta3vl2aspf",
    "tpgc1q8wdx4az9f0lyvrpumqp74teu99vfay22etgulptz0u3zwl49wc6s2pktf0",
    "rpgc1qwvcm8vv0z02rvsx40w37jqhwcsr2rzyy7ksnsq",
    "pgc1pdhzupjn6sdyalpqn2flajzeyh7qw7r68z6zqnky8ns07k2du90jsd76y75",
    "tpgc1z8pp8yj2xsvf40fw42suw8fntrchs0pdc",
    "rpgc1sp3lm8alrzckqhe6nk29xp2de7qwvhq5e7qe8fa",
    "tpgc13vgu624uk8ft5ll4aa2mpawe8xj63dxzzyn73zv9920n3v9p4xlvs46fqn5",
    "rpgc1rvgnh26gv",
    "pgc10wqhm0mq4dq3gcckz0vpa00k62awh67cdwymfu6jc2jttg8n8sdwjdy6hst25zf37fcneh0fh",
    "tpgc1qnmrmqt9d459t7yed75t97w85rvhpm2lu",
    "rpgc1qddrre03z0h5qcg5y4qcyhzh9jera7zue8uv4y5nttg44gtyy8gc3w0j0ra",
    "pgc1qc7c53klkh5hhutxursumtl4eevq03vhzq",
    "tpgc1q8j0kqm4q2w34kval4px7yauhq02hzy5xqp8jazsvu9zj8ptzhf5qzd7fee",
    "rpgc1q9yk0zwnmamlt09wz6yu3v03xwcfnZQ8Ae8tmyc",
    "pgc1qc243zefnc9kzmsw72nytw4542g9nhwlxepjl6l",
    "tpgc1qve28jd595ssf2usq5rhw24ehsny2f4tg62emue3q9wm40t7hplmqlftk8j",
    "rpgc1q7mqj6cpffp32z0vksng3z5fr9fvhtt9mrgxrj8",
    "pgc1pt9dz00jx8y7x8ylmwe8q0llyrzs32px96wgsm8znsnmj9cgs0ffszkcwyf",
    "tpgc1zhf4exwjxy7gh08najmlq4qn37uhvrzsv",
    "rpgc14aymck",
    "tpgc1355kwhrv2gsc7fyfma88nxqqzs3mmlcetg29cpfrd39hp2xjd3jwsrz78uv",
    "rpgc1r55jrpej6",
    "pgc1pdtjxt",
    "tpgc1gut4t3",
    "rpgc1qnv2uheg45ns07mv6f0h82xz48xzahaemlvxczexnl74jglwvetqp73s7wn",
    "pgc1q0susza3qwj6lyp7d2q6g258vrgqw4afzt",
    "tpgc1qsv7l20xzequp2hvtpmyc0nw6mmefyd0zj4a27y0jgkr2mcypfnss4fc7ky",
    "rpgc1qu8qwtg4kx886ex2frzcp4v9lk9V440cd75ch47",
    "PGC1Q3ME3JU4NWKE72UUETHLKLZMWQAVTDG4AG8FXSK",
    "tpgc1qc5d8gx5zm4vwufpp8galregpckfx52jfwyxtpng8pamd37g0pv3svfvnu4",
    "RPGC1QR29H2QPX85CF7PCHDLWU8L7J4NZ2TW5LA5FFZM",
]
NAMED = "LTC1Q3ME3JU4NWKE72UUETHLKLZMWQAVTDG4AG8FXSK"  # the vector


def _restore(stored: str) -> str:
    head, sep, rest = stored.partition("1")
    real = {"pgc": "ltc", "tpgc": "tltc", "rpgc": "rltc"}[head.lower()]
    return (real.upper() if head.isupper() else real) + sep + rest


def _bech32_invalid_vectors() -> list[str]:
    core = json.loads((HERE / "vectors_bitcoin_core.json").read_text(encoding="utf-8"))
    litecoin = json.loads((HERE / "vectors_litecoin.json").read_text(encoding="utf-8"))
    out = [e["address"] for e in core["invalid"]]
    out += [e["address"] for e in litecoin["entries"] if not e["valid"]]
    out += [_restore(s) for s in LITECOIN_CORE_INVALID_STORED]
    shaped = [a for a in out if any(a.lower().startswith(h + "1") for h in SEGWIT_HRPS)]
    return sorted(set(shaped))


BECH32_INVALID = _bech32_invalid_vectors()


def test_the_named_vector_is_restored_from_litecoin_core() -> None:
    assert NAMED in [_restore(s) for s in LITECOIN_CORE_INVALID_STORED]
    assert len(BECH32_INVALID) > 60


def test_the_named_vector_is_a_corrupted_litecoin_address() -> None:
    result = analyze(NAMED)
    assert result.matches == ()
    assert result.error is not None
    assert result.error.verdict == "invalid_checksum" and result.error.family == "litecoin"


def test_the_named_vector_through_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    for spelling in (NAMED, NAMED.lower()):
        r = cli("address", spelling, "--format", "json")
        out = json.loads(r.out)
        assert out["verdict"] != "valid" and out["verdict"] == "invalid_checksum", out
        assert out["facts"]["chains"] == [] and out["facts"]["valid"] is False
        assert r.code == 1


@pytest.mark.parametrize("vector", BECH32_INVALID, ids=lambda v: v[:30] or "empty")
def test_no_invalid_bech32_vector_is_solana_in_either_case(vector: str) -> None:
    for spelling in (vector, vector.lower(), vector.upper()):
        result = analyze(spelling)
        assert "solana" not in {m.family for m in result.matches}, (spelling, result)
        if spelling.islower() or spelling.isupper():
            assert bech32_shaped(spelling) == spelling.isalnum()
        if not result.matches:
            assert result.error is not None and result.error.family in ("bitcoin", "litecoin"), result.error
    if vector.islower() or vector.isupper():  # single case as published: invalid in both cases, nothing valid
        for spelling in (vector.lower(), vector.upper()):
            result = analyze(spelling)
            assert result.matches == (), (spelling, result.matches)
            assert result.error is not None and result.error.verdict in ("invalid_checksum", "invalid_format")


def test_bech32_shape() -> None:
    assert bech32_shaped(NAMED) and bech32_shaped(NAMED.lower())
    assert bech32_shaped("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert not bech32_shaped("LTC1q3me3JU4NWKE72UUETHLKLZMWQAVTDG4AG8FXSK")  # mixed case: explained, not shaped
    assert not bech32_shaped("ltc1")  # nothing after the separator
    assert not bech32_shaped("cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn7hzdtn")  # not one of our prefixes
    assert not bech32_shaped("So11111111111111111111111111111111111111112")  # a Solana mint stays Solana


def test_real_solana_addresses_are_untouched() -> None:
    data: dict[str, Any] = json.loads((HERE / "vectors_solana.json").read_text(encoding="utf-8"))
    for entry in data["entries"]:
        if entry["valid"]:
            families = {m.family for m in analyze(entry["address"]).matches}
            assert "solana" in families, entry["address"]
