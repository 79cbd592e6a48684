"""`address` never crashes: thousands of random strings (and mutations of real addresses) through the whole
pipeline — analysis, checks, verdict, reply, every renderer."""

from __future__ import annotations

import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

from supportctl.core import config
from supportctl.core.model import Format, Kind, Lang, Subject, Verdict
from supportctl.engine import diagnose_address
from supportctl.render import render

REAL = ["0x52908400098527886E0F7030069857D2E4169EE7", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
        "XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
        "LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1", "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(REAL))
    i = draw(st.integers(0, len(base) - 1))
    c = draw(st.characters())
    return base[:i] + c + base[i + 1 :]


_EMPTY = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)  # noqa: SIM115 - lives for the session
_EMPTY.close()
CONFIG = config.load(_EMPTY.name)  # built-in defaults only, loaded once


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(max_size=120), mutated()), st.sampled_from([None, "ethereum", "xrp", "tron", "bitcoin"]))
def test_address_pipeline_never_crashes(text: str, chain: str | None) -> None:
    cfg = CONFIG
    subject = Subject(Kind.ADDRESS, text, chain=chain, compare=REAL[0])  # type: ignore[arg-type]
    d = diagnose_address(subject, cfg, Lang.ZH if len(text) % 2 else Lang.EN)
    assert d.verdict in (Verdict.VALID, Verdict.INVALID_CHECKSUM, Verdict.INVALID_FORMAT, Verdict.WRONG_NETWORK,
                         Verdict.MEMO_REQUIRED, Verdict.LOOKALIKE, Verdict.UNKNOWN)
    for fmt in (Format.JSON, Format.MARKDOWN, Format.RICH):
        out = render([d], fmt, color=True)
        assert "\x1b]" not in out and "\x9b" not in out  # no OSC/CSI smuggled in from the input
