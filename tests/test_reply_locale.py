"""Numbers in replies are written the customer's way: the locale's decimal and group separators (Babel's CLDR
data), every digit kept (0.00012345 BTC is never rounded), never an exponent. The agent-facing facts keep
their decimal strings ("1234.5")."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportctl import replies
from supportctl.core.config import Config
from supportctl.core.model import Diagnosis, Kind, Lang, Subject, TxFacts, Verdict
from supportctl.kinds.deposit import DepositFacts
from supportctl.replies import numbers
from supportctl.replies.numbers import Amount, Percent
from tests.checks.build import ASSETS, BTC, CONFIG, ETH, TO, TX_HASH, config, lookups, token, tx, usdt

NBSP = "\u00a0"  # CLDR's group separator in Russian (and before "%" in Spanish)

# What Babel 2.19 (CLDR 49) writes. Spanish groups 4-digit numbers too ("1.234,5"): CLDR's
# minimumGroupingDigits (2 for es, which would give "1234,5") is not applied by Babel's format_decimal.
USDT_1234_5 = {
    Lang.EN: "1,234.5 USDT", Lang.ZH: "1,234.5 USDT", Lang.ZH_HANT: "1,234.5 USDT", Lang.KO: "1,234.5 USDT",
    Lang.ES: "1.234,5 USDT", Lang.PT_BR: "1.234,5 USDT", Lang.TR: "1.234,5 USDT", Lang.VI: "1.234,5 USDT",
    Lang.ID: "1.234,5 USDT", Lang.RU: f"1{NBSP}234,5 USDT",
}
COMMA_DECIMAL = {Lang.ES, Lang.PT_BR, Lang.RU, Lang.TR, Lang.VI, Lang.ID}


def btc_small(lang: Lang) -> str:
    return "0,00012345 BTC" if lang in COMMA_DECIMAL else "0.00012345 BTC"


def hours_1_5(lang: Lang) -> str:
    return "1,5" if lang in COMMA_DECIMAL else "1.5"


# --------------------------------------------------------------------------- deposit replies, end to end


def _conclude(facts: DepositFacts, lang: Lang) -> Diagnosis:
    from supportctl.engine.pipeline import conclude

    return conclude(Kind.DEPOSIT, facts, lang)


def _deposit(*found: TxFacts, to: str = TO, cfg: Config = CONFIG) -> DepositFacts:
    return DepositFacts(Subject(Kind.DEPOSIT, TX_HASH, to=to), cfg, lookups(found))


@pytest.mark.parametrize("lang", list(Lang))
def test_a_usdt_deposit_on_its_way_shows_the_locales_amount_and_eta(lang: Lang) -> None:
    # 6 of 12 confirmations, 900 s a block: 6 more, 1.5 hours
    d = _conclude(_deposit(tx(ETH, usdt("1234.5"), tip=105, block_time=900.0)), lang)
    assert d.verdict is Verdict.AWAITING_CONFIRMATIONS
    assert USDT_1234_5[lang] in d.reply, d.reply
    eta = replies.in_use(lang).durations["hours"].format(hours=hours_1_5(lang))
    assert replies.duration(lang, 5400) == eta and eta in d.reply, d.reply
    assert d.facts["amount"] == "1234.5"  # the agent's facts (JSON) keep the decimal string
    assert "E-" not in d.reply and "E+" not in d.reply


@pytest.mark.parametrize("lang", list(Lang))
def test_a_tiny_btc_deposit_is_never_rounded(lang: Lang) -> None:
    to = "bc1qcustomer0000000000000000000000000000"
    d = _conclude(_deposit(tx(BTC, token("0.00012345", None, to=to, decimals=8, symbol="BTC"), tip=100), to=to),
                  lang)
    assert d.verdict is Verdict.AWAITING_CONFIRMATIONS
    assert btc_small(lang) in d.reply, d.reply
    assert d.facts["amount"] == "0.00012345"
    assert "E-" not in d.reply


def test_below_minimum_writes_both_amounts_for_the_locale() -> None:
    from dataclasses import replace

    cfg = config([replace(a, min_deposit=Decimal("12345.5")) if a.currency == "USDT" and a.chain == ETH else a
                  for a in ASSETS])
    d = _conclude(_deposit(tx(ETH, usdt("1234.5")), cfg=cfg), Lang.ES)
    assert d.verdict is Verdict.BELOW_MINIMUM
    assert "1.234,5 USDT" in d.reply and "12.345,5 USDT" in d.reply, d.reply
    en = _conclude(_deposit(tx(ETH, usdt("1234.5")), cfg=cfg), Lang.EN)
    assert "1,234.5 USDT" in en.reply and "12,345.5 USDT" in en.reply, en.reply


# ------------------------------------------------------------------------------------ one value, every way

# value, what it reads as; a language not named reads as English if it writes "1,234.5", else is not checked
VALUES: list[tuple[object, dict[Lang, str]]] = [
    (Amount(Decimal("1234.5"), "USDT"), USDT_1234_5),
    (Amount(Decimal("12345.5"), "USDT"), {Lang.EN: "12,345.5 USDT", Lang.ES: "12.345,5 USDT",
                                          Lang.RU: f"12{NBSP}345,5 USDT", Lang.PT_BR: "12.345,5 USDT"}),
    (Amount(Decimal("0.00012345"), "BTC"), {lang: btc_small(lang) for lang in Lang}),
    (Amount(Decimal("300.000000"), "USDT"), {Lang.EN: "300 USDT", Lang.ES: "300 USDT"}),  # no trailing zeros
    (Amount(Decimal("1E+5"), None), {Lang.EN: "100,000", Lang.ES: "100.000", Lang.RU: f"100{NBSP}000"}),
    (Decimal("1E-10"), {Lang.EN: "0.0000000001", Lang.TR: "0,0000000001"}),
    (12, dict.fromkeys(Lang, "12")),
    (1234, {Lang.EN: "1,234", Lang.ZH: "1,234", Lang.ES: "1.234", Lang.TR: "1.234", Lang.RU: f"1{NBSP}234"}),
    (1234567, {Lang.EN: "1,234,567", Lang.VI: "1.234.567", Lang.ID: "1.234.567", Lang.RU: f"1{NBSP}234{NBSP}567"}),
    (Decimal("-0"), {Lang.EN: "0", Lang.RU: "0"}),
    (Percent(Decimal("0.0235")), {Lang.EN: "2.35%", Lang.ZH: "2.35%", Lang.KO: "2.35%", Lang.ES: f"2,35{NBSP}%",
                                  Lang.RU: f"2,35{NBSP}%", Lang.TR: "%2,35", Lang.PT_BR: "2,35%", Lang.VI: "2,35%",
                                  Lang.ID: "2,35%"}),
    (Percent(Decimal("12.5")), {Lang.EN: "1,250%", Lang.ES: f"1.250{NBSP}%"}),
    # exact past Decimal's default 28 digits: an 18-decimal token amount of billions
    (Decimal("12345678901.123456789012345678"), {Lang.EN: "12,345,678,901.123456789012345678",
                                                 Lang.ES: "12.345.678.901,123456789012345678"}),
    (Decimal("115792089237316195423570985008687907853269984665640564039457.584007913129639935"),  # 2**256 - 1 wei
     {Lang.EN: "115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584007913129639935"}),
    (1.5, {Lang.EN: "1.5", Lang.ES: "1,5"}),
    ("12345", dict.fromkeys(Lang, "12345")),  # text (a memo, an ID) is never read as a number
    (True, {Lang.EN: "True"}),
]


@pytest.mark.parametrize(("value", "expected"), VALUES, ids=[repr(v) for v, _ in VALUES])
def test_values_are_written_for_the_locale(value: object, expected: dict[Lang, str]) -> None:
    for lang in Lang:
        want = expected.get(lang, expected.get(Lang.EN)) if lang not in COMMA_DECIMAL else expected.get(lang)
        if want is not None:
            assert numbers.text(value, lang) == want, lang


def test_evidence_strings_are_read_back_as_numbers_exactly() -> None:
    """The checks' evidence holds decimal strings (JSON); the kinds read them back for the reply."""
    assert replies.as_decimal("0.00012345") == Decimal("0.00012345")
    assert replies.as_decimal("12345678901.123456789012345678") == Decimal("12345678901.123456789012345678")
    assert replies.as_percent("2.35%") == Percent(Decimal("0.0235"))
    for other in ("abc", "NaN", "Infinity", "", None):
        assert replies.as_decimal(other) == other and replies.as_percent(other) == other
    assert replies.as_percent("2.35") == "2.35"  # a percentage only with its "%"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("nan"), float("-inf")])
def test_a_number_that_is_not_finite_gets_the_fallback(value: object) -> None:
    text = replies.render(Kind.DEPOSIT, Verdict.AWAITING_CONFIRMATIONS, Lang.EN, {"confirmations": value})
    assert replies.FALLBACKS[Lang.EN]["confirmations"] in text
    assert not any(bad in text.lower() for bad in ("nan", "inf", "∞"))
    assert replies.fragment(Lang.EN, "filled_line", filled=value) is None


@pytest.mark.parametrize(("lang", "text"), [
    (Lang.EN, "To pass: change the amount to 1,234.5 (a multiple of the step 0.00001)."),
    (Lang.ES, "1.234,5"), (Lang.RU, f"1{NBSP}234,5"),
])
def test_fragments_write_numbers_for_the_locale(lang: Lang, text: str) -> None:
    steps: list[tuple[str, dict[str, object]]] = [
        ("fix_amount_step", {"corrected_amount": Decimal("1234.5"), "step": Decimal("0.00001")})]
    fix = replies.fix(lang, steps)
    assert fix is not None and text in fix
    assert ("0,00001" if lang in COMMA_DECIMAL else "0.00001") in fix


def test_durations_use_the_locales_decimal_separator() -> None:
    assert replies.duration(Lang.EN, 5400) == "about 1.5 hours"
    assert replies.duration(Lang.ES, 5400) == "en unas 1,5 horas"
    assert replies.duration(Lang.RU, 5400) == "около 1,5 ч"
    assert replies.duration(Lang.EN, 3 * 3600) == "about 3 hours"
    assert replies.duration(Lang.EN, 1234 * 3600) == "about 1,234 hours"  # never "1.234e+03"
    assert replies.duration(Lang.ES, 10**7 * 3600) == "en unas 10.000.000 horas"


# --------------------------------------------------------------------- order and withdrawal kinds


def test_the_order_reply_writes_prices_and_percentages_for_the_locale(tmp_path: Path) -> None:
    from supportctl.core.config import load
    from supportctl.engine.pipeline import conclude
    from supportctl.kinds.order import OrderFacts
    from supportctl.venue.interface import Order, Ticker

    path = tmp_path / "config.toml"
    path.write_text("defaults = false\n")
    order = Order("3", "BTC/USDT", "buy", "limit", "open", price=Decimal("58800"), amount=Decimal("1234.5"),
                  filled=Decimal(0), remaining=Decimal("1234.5"))
    ticker = Ticker("BTC/USDT", Decimal("59999"), Decimal("60000"), Decimal("60000"))
    facts = OrderFacts(Subject(Kind.ORDER, "3"), load(path), order, ticker, "BTC/USDT")
    es = conclude(Kind.ORDER, facts, Lang.ES)
    assert es.verdict is Verdict.OPEN
    assert "1.234,5 BTC/USDT" in es.reply and f"2{NBSP}%" in es.reply, es.reply
    tr = conclude(Kind.ORDER, facts, Lang.TR)
    assert "1.234,5 BTC/USDT" in tr.reply and "%2" in tr.reply, tr.reply
    en = conclude(Kind.ORDER, facts, Lang.EN)
    assert "buy 1,234.5 BTC/USDT" in en.reply and "2%" in en.reply, en.reply
    assert any(f.evidence.get("distance") == "2%" for f in en.findings)  # the agent's evidence is unchanged


def test_the_withdrawal_fee_line_writes_amounts_for_the_locale() -> None:
    from supportctl.core.model import CheckCode, Finding, Severity
    from supportctl.kinds.withdrawal import WithdrawalFacts, reply_values
    from supportctl.venue.interface import VenueTransfer

    record = VenueTransfer("W1", "withdrawal", "USDT", "ok", amount=Decimal("1234.5"), fee=Decimal("1"))
    facts = WithdrawalFacts(Subject(Kind.WITHDRAWAL, "W1"), CONFIG, record, None, None)
    fee = Finding(CheckCode("WDR003"), "fee", Severity.INFO, "1234.5 USDT withdrawn − 1 USDT fee = 1233.5 USDT",
                  {"amount": "1234.5", "fee": "1", "arrived": "1233.5", "currency": "USDT"})
    values = reply_values(facts, (fee,), {}, Lang.RU)
    assert values["withdrawal"] == Amount(Decimal("1234.5"), "USDT")
    text = replies.render(Kind.WITHDRAWAL, Verdict.CANCELED, Lang.RU, values)
    assert f"1{NBSP}234,5 USDT" in text, text
    assert values["fee_line"] == (f" Вы вывели 1{NBSP}234,5 USDT; сетевая комиссия 1 USDT была удержана, поэтому "
                                  f"поступило 1{NBSP}233,5 USDT.")


# ------------------------------------------------------------- every digit, no exponent, in every locale

decimals = st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(int(c) for c in digits), exponent)),
    st.integers(0, 1), st.text("0123456789", min_size=1, max_size=80), st.integers(-60, 30),
)


def _read_back(text: str, lang: Lang) -> Decimal:
    """The number a customer reads in ``text``, for comparing with what was meant."""
    group, dot = (NBSP, ",") if lang is Lang.RU else (".", ",") if lang in COMMA_DECIMAL else (",", ".")
    return Decimal(text.replace(group, "").replace(dot, "."))


@settings(max_examples=300, deadline=None)
@given(decimals)
def test_every_digit_is_kept_and_no_exponent_is_written(value: Decimal) -> None:
    for lang in Lang:
        text = numbers.text(Amount(value, "BTC"), lang)
        assert text.endswith(" BTC")
        shown = text.removesuffix(" BTC")
        assert "E" not in shown.upper(), (lang, shown)
        assert _read_back(shown, lang) == value, (lang, value, shown)


# ------------------------------------------------- the languages that skip Babel write exactly what it writes


def _edge_values() -> list[Decimal]:
    rng = random.Random(20260)
    out = [Decimal(s) for s in ("0", "-0", "1", "-1", "0.5", "999", "1000", "999999.999", "1E+3", "1E+27",
                                "1E-30", "123456789.000000001", "0.00012345", "1234.5", "12345.5", "-1234.5",
                                "300.000000", "7.40681241586834497869073662585178128657070499E-17")]
    for _ in range(2000):
        digits = tuple(rng.randint(0, 9) for _ in range(rng.randint(1, 80)))
        out.append(Decimal((rng.randint(0, 1), digits, rng.randint(-90, 25))))
    return out


@pytest.mark.parametrize("lang", sorted(numbers.PLAIN))
def test_plain_languages_write_what_babel_writes(lang: Lang) -> None:
    """``numbers.PLAIN`` formats without importing Babel: only right while CLDR agrees, on every value."""
    for value in _edge_values():
        d = Decimal(0) if value.is_zero() else value
        for percent in (False, True):
            assert numbers._plain(d, percent) == numbers._babel(d, lang, percent), (lang, value, percent)


def test_every_language_has_a_babel_locale() -> None:
    assert set(numbers.LOCALES) == set(Lang)


# ------------------------------------------------------------------------------------------- import cost

_PROBE = """
import sys
from decimal import Decimal
from supportctl import replies
from supportctl.core.model import Kind, Lang, Verdict
assert "babel" not in sys.modules, "importing replies loads Babel"
values = {"amount": replies.Amount(Decimal("1234.5"), "USDT"), "confirmations": 1234, "eta_seconds": 5400}
for lang in sys.argv[1:]:
    replies.render(Kind.DEPOSIT, Verdict.AWAITING_CONFIRMATIONS, Lang(lang), values)
print("babel" in sys.modules)
"""


@pytest.mark.parametrize(("langs", "loaded"), [(["en", "zh", "zh-hant", "ko"], False), (["es"], True)])
def test_babel_is_imported_only_to_format_for_a_language_that_needs_it(langs: list[str], loaded: bool) -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE, *langs], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(loaded), out.stderr
