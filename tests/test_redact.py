"""``--redact`` keeps the look-alike evidence (issue 8, item 5), tested on real address-poisoning pairs.

Each pair is (intended/legitimate address, attacker's look-alike) as published:

- SLOWMIST: SlowMist, "Small Bait, Big Fish | Unveiling the 1155 WBTC Phishing Incident" (2024-05-08),
  https://slowmist.medium.com/small-bait-big-fish-unveiling-the-1155-wbtc-phishing-incident-22bf53b6fe60
  ("Victim's Intended Transfer Address" / "Phishing Address"; victim 0x1E22…8FD5).
- POISON_HUNTER: github.com/DS2L/Poison-Hunter phishing_transfers_sample.csv @ f3f86ed82c0fa7c2efa7432ab8577d46564aa839,
  the dataset of Guan & Li, "Characterizing Ethereum Address Poisoning Attack" (ACM CCS 2024); columns
  `similar_norm` (the counterparty imitated) and `attacker`.
- CYLAB: github.com/Harsh-H-Shah/address-poisoning-testing data/poisoning_addresses.csv
  @ 1bff1bb10799f4a4251995cf64380b7a366fa532 (`intended_address`, `lookalike_address`), taken from the CMU CyLab
  Ethereum address-poisoning database, https://cryptotrade.cylab.cmu.edu/poisoning/ethereum.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from supportctl.core.model import Diagnosis, Finding, Kind, Lang, Severity, Subject, Verdict
from supportctl.render.redact import ELLIPSIS, mask, masks_for, redact_diagnosis, redact_text

SLOWMIST = "slowmist.medium.com/small-bait-big-fish-unveiling-the-1155-wbtc-phishing-incident-22bf53b6fe60"
POISON_HUNTER = "github.com/DS2L/Poison-Hunter phishing_transfers_sample.csv @ f3f86ed82c0fa7c2efa7432ab8577d46564aa839"
CYLAB = (
    "github.com/Harsh-H-Shah/address-poisoning-testing data/poisoning_addresses.csv "
    "@ 1bff1bb10799f4a4251995cf64380b7a366fa532"
)

# (intended, look-alike, source): every pair shares the first 6 and last 4 characters.
LOOKALIKES = [
    ("0xd9A1b0B1e1aE382DbDc898Ea68012FfcB2853a91", "0xd9A1C3788D81257612E2581A6ea0aDa244853a91", SLOWMIST),
    ("0x201d9eed4bd25a5f53b2728d7a13b3aaab3db08d", "0x201d9eed4679d47315e2805cfafab4510e3db08d", POISON_HUNTER),
    ("0x7d5721f59e957962b4e0080f36707d2087e58a51", "0x7d5721f5d5e5ec1c9491a151a335b6f987e58a51", POISON_HUNTER),
    ("0x6b80435cb93a15d490a18be6ffc558b7b5d66cbf", "0x6b80435c325adb57539896ee47d8f41be5d66cbf", POISON_HUNTER),
    ("0xdcf964adcc20df3093717a68775c831f314a4dcb", "0xdcf964ad801a1a50f1b7a76ca9c79d4af44a4dcb", POISON_HUNTER),
    ("0xcb9da91c741820157e81ae21cddd5d207997b1b6", "0xcb9d34bbb0480e714f4c004cfd8cb72b776db1b6", POISON_HUNTER),
    ("0x35474f57e90284f2b765083b81871935c6eeb0d1", "0x3547ce035963a4264a9660436577f60d4e80b0d1", POISON_HUNTER),
    ("0xdbfa1702f1721580507c2f2c3d961e5c5fc780da", "0xdbfaa66be7a1463304caa72d3f1d7025000580da", CYLAB),
    ("0x62c84de317794a1a6ff3487d3fd51e20c314d494", "0x62c8da4101719f3f00d9de124cf156720039d494", CYLAB),
    ("0x053d23e27a5e86e898e56bf1530b761fff8737e6", "0x053d503a7677821e4732a11b1f3de54c981e37e6", CYLAB),
]
# Real poisoning pairs whose first 6 / last 4 already differ: the plain mask shows them apart, so it stays.
WEAK_LOOKALIKES = [
    ("0x40e922f5d2de414b94aaabf14e02e1f9814afc3f", "0x4008b8dfcdfc0d5b837b28aa4a890122292b0c3f", POISON_HUNTER),
    ("0x1eb4d5d342317331f7292480dee687f50e48e85a", "0x1e838f790ae411a351a1beab6905a276ae48e85a", POISON_HUNTER),
]
VICTIM = "0x1E227979f0b5BC691a70DEAed2e0F39a6F538FD5"  # SLOWMIST: the account that lost the WBTC


def _ids(pairs: list[tuple[str, str, str]]) -> list[str]:
    return [a[:10] for a, _, _ in pairs]


def _fits(masked: str, address: str) -> bool:
    """`masked` is `address` with runs of at least one character replaced by one ellipsis each."""
    pattern = ".+".join(re.escape(piece) for piece in masked.split(ELLIPSIS))
    return re.fullmatch(pattern, address) is not None


def _shown(masked: str) -> int:
    return len(masked.replace(ELLIPSIS, ""))


@pytest.mark.parametrize(("intended", "lookalike", "source"), LOOKALIKES, ids=_ids(LOOKALIKES))
def test_lookalike_pair_masks_apart(intended: str, lookalike: str, source: str) -> None:
    assert mask(intended).lower() == mask(lookalike).lower(), "the plain 6/4 mask erases the difference"
    masks = masks_for([f"Sent to {lookalike}, a look-alike of the customer's address {intended}"])
    a, b = masks[intended], masks[lookalike]
    assert a.lower() != b.lower(), (a, b)
    for address, masked in ((intended, a), (lookalike, b)):
        assert address not in masked and _fits(masked, address), masked
        assert ELLIPSIS in masked
        assert masked[:6] == address[:6] and masked[-4:] == address[-4:]
        assert _shown(masked) <= 10 + (len(address) - 10) // 2  # at most half of the middle is ever shown
    # both show the same positions: the first character where they differ is visible in both, in place
    first = next(i for i, (x, y) in enumerate(zip(intended.lower(), lookalike.lower(), strict=True)) if x != y)
    assert intended[first] in a and lookalike[first] in b


def test_the_slowmist_case_reads_as_documented() -> None:
    intended, lookalike, _ = LOOKALIKES[0]
    masks = masks_for([intended, lookalike, VICTIM])
    assert masks[intended] == "0xd9A1b0B1…3a91"  # they differ right after the first 6: the head grows
    assert masks[lookalike] == "0xd9A1C378…3a91"
    assert masks[VICTIM] == "0x1E22…8FD5"
    deep = masks_for([LOOKALIKES[1][0], LOOKALIKES[1][1]])  # the first 10 agree: a window between two ellipses
    assert deep == {LOOKALIKES[1][0]: "0x201d…bd25…b08d", LOOKALIKES[1][1]: "0x201d…679d…b08d"}


@pytest.mark.parametrize(("intended", "lookalike", "source"), WEAK_LOOKALIKES, ids=_ids(WEAK_LOOKALIKES))
def test_pairs_that_already_mask_apart_stay_6_4(intended: str, lookalike: str, source: str) -> None:
    masks = masks_for([f"{intended} {lookalike} {VICTIM}"])
    assert masks == {intended: mask(intended), lookalike: mask(lookalike), VICTIM: mask(VICTIM)}


def test_unrelated_addresses_stay_6_4_next_to_a_lookalike_pair() -> None:
    intended, lookalike, _ = LOOKALIKES[0]
    other = LOOKALIKES[2][0]
    text = f"victim {VICTIM} sent to {lookalike} instead of {intended}; see also {other}"
    out = redact_text(text)
    assert f"victim {mask(VICTIM)} sent" in out and out.endswith(f"see also {mask(other)}")
    assert intended not in out and lookalike not in out


def test_order_and_case_do_not_change_the_masks() -> None:
    pairs = [address for intended, lookalike, _ in LOOKALIKES for address in (intended, lookalike)]
    forward = masks_for([" ".join(pairs)])
    backward = masks_for([" ".join(reversed(pairs)), " ".join(p.lower() for p in pairs)])
    for address in pairs:
        assert forward[address] == backward[address]
        assert backward[address.lower()] == forward[address].lower()  # same address, same positions


def test_a_crowd_of_lookalikes_never_reveals_an_address() -> None:
    # derived, not real: 12 lowercase EVM addresses with one head and tail (a poisoner's batch against one victim)
    crowd = [f"0xd9a1{hashlib.sha256(bytes([i])).hexdigest()[:32]}3a91" for i in range(12)]
    masks = masks_for(crowd)
    assert len(masks) == 12
    for address, masked in masks.items():
        assert len(address) == 42 and _fits(masked, address) and address not in masked
        assert _shown(masked) <= 10 + 16


def _diagnosis(intended: str, lookalike: str) -> Diagnosis:
    """An address diagnosis that names both addresses in every field, in different spellings."""
    finding = Finding(
        "ADR004", "lookalike", Severity.ERROR, f"Look-alike of {intended.lower()}: same start and end",
        {"compare": intended.lower(), "seen": [lookalike, {"in": f"https://etherscan.io/address/{lookalike}"}]},
        Verdict.LOOKALIKE,
    )
    return Diagnosis(
        Subject(Kind.ADDRESS, lookalike, to=lookalike, compare=intended),
        Verdict.LOOKALIKE,
        f"{lookalike} is a look-alike of {intended}",
        {"normalized": lookalike, "victim": VICTIM},
        (finding,),
        f"The address {lookalike} looks like {intended} but is a different address.",
        Lang.EN,
    )


@pytest.mark.parametrize(("intended", "lookalike", "source"), LOOKALIKES[:4], ids=_ids(LOOKALIKES[:4]))
def test_a_diagnosis_masks_each_address_the_same_way_everywhere(intended: str, lookalike: str, source: str) -> None:
    d = redact_diagnosis(_diagnosis(intended, lookalike))
    masks = masks_for([intended, lookalike])
    a, b = masks[intended], masks[lookalike]
    assert d.subject.input == d.subject.to == b and d.facts["normalized"] == b
    assert d.subject.compare == a
    assert d.summary == f"{b} is a look-alike of {a}"
    assert d.reply == f"The address {b} looks like {a} but is a different address."
    f = d.findings[0]
    assert f.message == f"Look-alike of {a.lower()}: same start and end"
    assert f.evidence == {"compare": a.lower(), "seen": [b, {"in": f"https://etherscan.io/address/{b}"}]}
    assert d.facts["victim"] == mask(VICTIM)
    dump = json.dumps([d.subject.input, d.subject.compare, d.summary, d.reply, d.facts, f.message, f.evidence])
    assert intended.lower() not in dump.lower() and lookalike.lower() not in dump.lower()


def test_a_mistyped_customer_address_is_masked_too() -> None:
    typo = "0xd9A1b0B1e1aE382DbDc898Ea68012FfcB2853a92"  # SLOWMIST's intended address, last digit changed
    assert redact_text(f"please check {typo}") == "please check 0xd9A1…3a92"
    tx = "0x" + "ab" * 32  # transaction hashes are public evidence and stay
    assert redact_text(tx) == tx


def test_cli_address_compare_keeps_the_difference(cli) -> None:  # type: ignore[no-untyped-def]
    intended, lookalike, _ = LOOKALIKES[0]
    r = cli("--redact", "--format", "json", "address", lookalike, "--compare", intended)
    assert r.code == 1, r.err
    out = json.loads(r.out)
    assert out["verdict"] == "lookalike"
    assert intended.lower() not in r.out.lower() and lookalike.lower() not in r.out.lower()
    assert out["subject"]["input"] == "0xd9A1C378…3a91"
    assert out["subject"]["compare"] == "0xd9A1b0B1…3a91"
    lookalike_finding = next(f for f in out["findings"] if f["name"] == "lookalike")
    assert "0xd9A1b0B1…3a91".lower() in lookalike_finding["message"].lower()
    assert "0xd9A1C378…3a91" in out["reply"]["text"]
