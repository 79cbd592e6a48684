"""Public API behaviour beyond the vector files: helpers, free-text scanning, look-alikes, odd inputs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import base58
import pytest

from supportctl.addressing import (
    ADDRESS_PATTERN,
    EVM_CHAINS,
    AddressError,
    AddressInfo,
    Analysis,
    analyze,
    evm,
    find_candidates,
    lookalike,
    looks_like_address,
    solana,
    tron,
    xrp,
)
from supportctl.addressing.bitcoin import script_pubkey

EIP55 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55 spec example
BECH32 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"  # BIP-173 example
P2SH = "36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm"  # Bitcoin Core key_io_valid.json
TRON = "TT67rPNwgmpeimvHUMVzFfKsjL9GZ1wGw8"  # iexbase/tron-api-python examples/hex.py
X_TAGGED = "XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi"  # xrpl.js: rGWrZy…, tag 4294967295
USDC_SOL = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"  # Solana USDC mint


def test_public_types() -> None:
    result = analyze(EIP55)
    assert isinstance(result, Analysis)
    assert result.matches == (AddressInfo("evm", EVM_CHAINS, "mainnet", "eip55", "valid", EIP55, None),)
    assert result.valid and result.families == ("evm",)
    assert EVM_CHAINS == ("ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche")
    with pytest.raises(AttributeError):
        result.matches[0].family = "x"  # type: ignore[misc]
    bad = analyze(EIP55[:-1])
    assert isinstance(bad.error, AddressError) and not bad.valid


def test_surrounding_whitespace_is_stripped() -> None:
    result = analyze(f"\n\t {EIP55}  \r\n")
    assert result.text == EIP55 and result.valid


def test_three_address_is_bitcoin_and_litecoin() -> None:
    result = analyze(P2SH)
    assert [(m.family, m.kind, m.network) for m in result.matches] == [
        ("bitcoin", "p2sh", "mainnet"),
        ("litecoin", "p2sh", "mainnet"),
    ]


def test_uppercase_bech32_is_not_also_solana() -> None:
    # Bitcoin Core regtest vector, uppercased as Core's tryCaseFlip does: 44 base58 characters that decode to
    # 32 bytes; the bech32 checksum decides.
    upper = "bcrt1qdavt4j2sd7dlhqsavtnfxvzppw6k7qy97tmnu9".upper()
    assert base58.b58decode(upper).__len__() == 32
    assert analyze(upper).families == ("bitcoin",)


def test_eip55_case_flip_is_a_checksum_error() -> None:
    flipped = EIP55[:3] + EIP55[3].swapcase() + EIP55[4:]
    error = analyze(flipped).error
    assert error == AddressError("invalid_checksum", "evm", error.reason if error else "")
    assert error is not None and "EIP-55" in error.reason


def test_unchecksummed_evm_is_normalized() -> None:
    info = analyze(EIP55.lower()).matches[0]
    assert (info.kind, info.checksum, info.normalized) == ("unchecksummed", "none", EIP55)
    assert evm.to_checksum_address(EIP55.upper()[2:]) == EIP55
    with pytest.raises(ValueError):
        evm.to_checksum_address("0x1234")


def test_tron_hex_round_trip() -> None:
    # tronprotocol docs example: TBhCfAytTEh52WFL6HYr64i2nmc3u3TCUp = 41 12e94f…29 = EVM 0x12E94f…6D29
    assert tron.to_hex("TBhCfAytTEh52WFL6HYr64i2nmc3u3TCUp") == "4112e94f5a3c88b17d2f6e0b9a45cd310f8e7a6d29"
    assert (
        tron.from_hex("0x4112e94f5a3c88b17d2f6e0b9a45cd310f8e7a6d29") == "TBhCfAytTEh52WFL6HYr64i2nmc3u3TCUp"
    )
    assert evm.to_checksum_address("12e94f5a3c88b17d2f6e0b9a45cd310f8e7a6d29") == (
        "0x12E94f5a3c88b17d2F6E0b9a45Cd310f8E7a6D29"
    )
    with pytest.raises(ValueError):
        tron.to_hex(TRON[:-1] + "x")
    with pytest.raises(ValueError):
        tron.from_hex("42" + "00" * 20)


def test_tron_and_x_address_both_start_with_t() -> None:
    tron_info = analyze(TRON).matches
    x_info = analyze("TVE26TYGhfLC7tQDno7G8dGtxSkYQnXoy6kSDh6rZzApc69").matches  # xrpl.js testnet X-address
    assert [m.family for m in tron_info] == ["tron"]
    assert [(m.family, m.network, m.tag, m.normalized) for m in x_info] == [
        ("xrp", "testnet", 4294967295, "rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf")
    ]


def test_x_address_decoding() -> None:
    decoded = xrp.decode_x_address(X_TAGGED)
    assert decoded == xrp.XAddress("rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf", 4294967295, "mainnet")
    # xrpl.js: the same account and tag MAX_32_BIT_UNSIGNED_INT + 1 "throws Unsupported X-address"
    error = analyze("XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8zeUygYrCgrPh").error
    assert error is not None and error.family == "xrp"


def test_xrp_account_id_vector() -> None:
    # xrpl.js xrp-codec.test.ts: rJrRMgiRgrU6hDF4pgu5DXQdWyPbY35ErN is account ID BA8E7862…C87072
    account = bytes.fromhex("BA8E78626EE42C41B46D46C3048DF3A1C3C87072")
    assert xrp.encode_classic(account) == "rJrRMgiRgrU6hDF4pgu5DXQdWyPbY35ErN"


PDA_CASES = [  # solana-web3.js test/publickey.test.ts (createProgramAddress)
    (
        [b"", b"\x01"],
        "BPFLoader1111111111111111111111111111111111",
        "3gF2KMe9KiC6FNVBmfg9i267aMPvK37FewCip4eGBFcT",
    ),
    (
        ["☉".encode()],
        "BPFLoader1111111111111111111111111111111111",
        "7ytmC1nT1xY4RfxCV2ZgyA7UakC93do5ZdyhdF3EtPj7",
    ),
    (
        [b"Talking", b"Squirrels"],
        "BPFLoader1111111111111111111111111111111111",
        "HwRVBufQ4haG5XSgpspwKtNd3PC9GM9m1196uJW36vds",
    ),
    (
        [base58.b58decode("SeedPubey1111111111111111111111111111111111")],
        "BPFLoader1111111111111111111111111111111111",
        "GUs5qLUfsEHkcMB9T38vjr18ypEhRuNWiePW2LoK4E3K",
    ),
    (
        [base58.b58decode("H4snTKK9adiU15gP22ErfZYtro3aqR9BTMXiH3AwiUTQ"), (2).to_bytes(8, "little")],
        "4ckmDgGdxQoPDLUkDT3vHgSAkzA3QRdNq5ywwY4sUSJn",
        "12rqwuEgBYiGhBrDJStCiqEtzQpTTiZbh7teNVLuYcFA",
    ),
]


@pytest.mark.parametrize(("seeds", "program", "expected"), PDA_CASES)
def test_program_derived_addresses_are_off_curve(seeds: list[bytes], program: str, expected: str) -> None:
    digest = hashlib.sha256(b"".join(seeds) + base58.b58decode(program) + b"ProgramDerivedAddress").digest()
    assert base58.b58encode(digest).decode() == expected
    assert not solana.is_on_curve(digest)
    assert analyze(expected).matches[0].kind == "pda"


def test_create_with_seed_vector_decodes() -> None:
    # solana-web3.js createWithSeed: sha256(base + seed + owner), base = owner = the system program
    zero = bytes(32)
    digest = hashlib.sha256(zero + b"limber chicken: 4/45" + zero).digest()
    assert base58.b58encode(digest).decode() == "9h1HyLCW5dZnBVap8C5egQ9Z6pHyjsh5MNy83iPqqRuq"


def test_curve_check_matches_pycryptodome() -> None:
    from Crypto.Signature import eddsa

    vectors = json.loads((Path(__file__).parent / "vectors_solana.json").read_text(encoding="utf-8"))
    checked = 0
    for entry in vectors["entries"]:
        if not entry["valid"]:
            continue
        raw = base58.b58decode(entry["address"])
        try:
            eddsa.import_public_key(raw)
            on_curve = True
        except ValueError:
            on_curve = False
        assert solana.is_on_curve(raw) is on_curve, entry["address"]
        assert analyze(entry["address"]).matches[0].kind == ("ed25519_pubkey" if on_curve else "pda")
        checked += 1
    assert checked >= 25


def test_script_pubkey_helper() -> None:
    assert script_pubkey(BECH32) == bytes.fromhex("0014751e76e8199196d454941c45d1b3a323f1433bd6")
    assert script_pubkey(P2SH) == bytes.fromhex("a914373b819a068f32b7a6b38b6b38729647cfde01c287")
    assert script_pubkey(EIP55) is None


@pytest.mark.parametrize(
    ("text", "family", "needle"),
    [
        (EIP55[:20] + "\u200b" + EIP55[20:], "evm", "U+200B"),  # zero-width space from a copy-paste
        (EIP55.replace("a", "\u0430", 1), None, "U+0430"),  # Cyrillic a
        ("5HsL2nZuEebU5nM3RxNVQD9GcAnvNMahqQskf4fkqHe54zwd14e", "bitcoin", "PRIVATE KEY"),  # Core WIF vector
        ("sn259rEFXrQrWyx3Q7XneWcwV6dfL", "xrp", "SECRET"),  # xrpl.js seed vector
        ("0x" + "ab" * 32, "evm", "transaction hash"),
        ("ab" * 32, None, "transaction hash"),
        ("send it to me please", None, "spaces"),
        ("x" * 500, None, "too long"),
        ("", None, "empty"),
    ],
)
def test_helpful_errors(text: str, family: str | None, needle: str) -> None:
    error = analyze(text).error
    assert error is not None and error.verdict == "invalid_format"
    assert error.family == family
    assert needle in error.reason


def test_analyze_tolerates_non_str() -> None:
    result = analyze(None)  # type: ignore[arg-type]
    assert result.matches == () and result.error is not None


def test_lookalike() -> None:
    poison_evm = "0x5aAe" + "1" * 32 + "eAed"
    assert lookalike(EIP55, poison_evm)
    assert lookalike(EIP55.lower(), poison_evm.upper().replace("0X", "0x"))  # hex is case-insensitive
    assert not lookalike(EIP55, EIP55.lower())  # the same address
    assert not lookalike(EIP55, EIP55)
    assert not lookalike(EIP55, "0x5aAf" + "1" * 32 + "eAed")  # head differs
    assert not lookalike(EIP55, "0x5aAe" + "1" * 33 + "Aed")  # only 3 tail characters shared
    poison_bech32 = "bc1qw508" + "q" * 30 + "8f3t4"
    assert lookalike(BECH32, poison_bech32) and lookalike(BECH32.upper(), poison_bech32)
    assert not lookalike(BECH32, "tb1qw508" + "q" * 30 + "8f3t4")  # different prefix
    assert lookalike(TRON, "TT67r" + "A" * 25 + "1wGw8")  # the T prefix is skipped
    assert not lookalike(TRON, "TT67R" + "A" * 25 + "1wGw8")  # base58 is case-sensitive
    assert lookalike(USDC_SOL, "EPjF" + "z" * 36 + "Dt1v")  # Solana: no prefix
    assert lookalike("rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf", "rGWrZ" + "x" * 24 + "4QYpf")
    assert not lookalike(EIP55, BECH32)
    assert not lookalike("0x1234", "0x1234")
    assert not lookalike("", "")


def test_address_pattern_in_free_text() -> None:
    text = (
        f"Sent USDT from {EIP55} to {TRON}; BTC went to {BECH32.upper()}. Tx hash 0x{'ab' * 32} "
        f"(commit {'a' * 40}), tag in {X_TAGGED}. Phantom shows {USDC_SOL}, mistyped one 0x{'1' * 39}."
    )
    assert find_candidates(text) == [EIP55, TRON, BECH32.upper(), X_TAGGED, USDC_SOL, "0x" + "1" * 39]
    assert looks_like_address(text)
    assert not looks_like_address("Hello, my order 12345 has not arrived since 2024-05-01.")
    assert not looks_like_address(f"0x{'ab' * 32}")  # a transaction hash is not an address candidate
    assert not looks_like_address(f"prefix{EIP55}")  # not word-bounded
    assert ADDRESS_PATTERN.fullmatch(P2SH) is not None
