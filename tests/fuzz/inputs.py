"""The input classes the fuzz suite draws from: invalid UTF-8, control and bidi characters, markup, very long
inputs, near-valid hashes and addresses, and secrets of every form (real test vectors)."""

from __future__ import annotations

from dataclasses import dataclass

import base58
from hypothesis import strategies as st
from mnemonic import Mnemonic

from tests.test_secrets import HEX_KEY, KEYS, SEED, WIF, XPRV

TX_EVM = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
TX_BTC = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"
SOL_SIG = "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW"
ADDRESSES = ["0x52908400098527886E0F7030069857D2E4169EE7", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
             "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
             "XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
             "LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1", "ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea"]
HASHES = [TX_EVM, TX_BTC, SOL_SIG, f"https://etherscan.io/tx/{TX_EVM}", f"https://bscscan.com/tx/{TX_EVM}",
          f"https://mempool.space/tx/{TX_BTC}", f"https://tronscan.org/#/transaction/{TX_BTC}",
          f"https://solscan.io/tx/{SOL_SIG}", f"https://xrpscan.com/tx/{TX_BTC.upper()}"]
REAL = ADDRESSES + HASHES


def _extended(version: str) -> str:
    """BIP-32 test vector 1's private key under another version (tprv, yprv, zprv): same key, same checksum rule."""
    raw = base58.b58decode_check(XPRV)
    return base58.b58encode_check(bytes.fromhex(version) + raw[4:]).decode()


@dataclass(frozen=True)
class Secret:
    form: str
    text: str  # what is pasted
    cores: tuple[str, ...]  # what must never be seen again (in any output or request)


_EN24 = Mnemonic("english").to_mnemonic(bytes(range(32)))
_ZH12 = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(16)))
SECRETS = [
    *(Secret(name, key, (key.split()[-1],)) for name, key in sorted(KEYS.items()) if name != "bip39 phrase"),
    Secret("wif wiki", WIF, (WIF,)),
    Secret("tprv", _extended("04358394"), (_extended("04358394"),)),
    Secret("zprv", _extended("04b2430c"), (_extended("04b2430c"),)),
    Secret("bip39 12", SEED, (SEED, "abandon abandon abandon")),
    Secret("bip39 24", _EN24, (_EN24, " ".join(_EN24.split()[:6]))),
    Secret("bip39 zh", _ZH12, (_ZH12, _ZH12.replace(" ", ""))),
    Secret("bip39 upper, commas", SEED.upper().replace(" ", ", "), ("ABANDON, ABANDON, ABANDON",)),
    Secret("hex labelled", f"my private key is {HEX_KEY}", (HEX_KEY, HEX_KEY[2:])),
    Secret("hex zh", f"私钥：{HEX_KEY[2:]}", (HEX_KEY[2:],)),
    Secret("hex secret", f"secret={HEX_KEY[2:].upper()}", (HEX_KEY[2:].upper(),)),
]

CONTROLS = ["\x1b[2J", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "\x9b31m", "\x1b[31m", "\x00", "\x07",
            "\x7f", "\x85", "\r", "\t", "\x08", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u2028",
            "\U000e0041", "\u00ad", "\u061c"]
MARKUP = ["[bold]x[/bold]", "[link=https://evil.example]y[/link]", "[/]", "[", "<script>alert(1)</script>",
          "**b**", "[x](javascript:alert(1))", "![i](https://evil.example/p.png)", "`c`", "| a | b |", "~~s~~",
          "=HYPERLINK(\"https://evil.example\")", "${jndi:ldap://x}", "{{7*7}}", "%s%n", "\\", "\"", "'", ",",
          "# h", "> q", "<br>", "&amp;", "\n---\n"]


def raw(text: str) -> bytes:
    """``text`` as the bytes a file or a pipe would hold: surrogates from ``surrogateescape`` back to their bytes,
    any other surrogate as its (invalid) three-byte form."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def invalid_utf8() -> st.SearchStrategy[str]:
    """Bytes that are not UTF-8, as Python hands them over from argv (``surrogateescape``)."""
    bad = st.sampled_from([b"\xff", b"\x9b", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80",
                           b"\xc0\xaf", b"\xfe\xff"])
    good = st.sampled_from([b"0x", b"abc", "中文".encode(), b"[2J", TX_EVM.encode(), ADDRESSES[0].encode(), b" "])
    return st.lists(st.one_of(bad, good, st.binary(max_size=6)), min_size=1, max_size=6).map(
        lambda parts: b"".join(parts).decode("utf-8", "surrogateescape"))


@st.composite
def near_valid(draw: st.DrawFn) -> str:
    """A real hash, link or address with one edit: a character replaced, dropped, doubled, case flipped,
    a confusable or invisible one inserted, or cut short."""
    base = draw(st.sampled_from(REAL))
    i = draw(st.integers(0, len(base) - 1))
    edit = draw(st.sampled_from(["replace", "drop", "double", "case", "insert", "cut", "wrap", "none"]))
    if edit == "replace":
        return base[:i] + draw(st.sampled_from("0OIl1ІΟо\u200b\u202eg" + base)) + base[i + 1 :]
    if edit == "drop":
        return base[:i] + base[i + 1 :]
    if edit == "double":
        return base[: i + 1] + base[i:]
    if edit == "case":
        return base.swapcase() if draw(st.booleans()) else base[:i] + base[i].swapcase() + base[i + 1 :]
    if edit == "insert":
        return base[:i] + draw(st.sampled_from(CONTROLS + [" ", "-", "\n"])) + base[i:]
    if edit == "cut":
        return base[:i]
    if edit == "wrap":
        return draw(st.sampled_from(["'{}'", '"{}"', "<{}>", "({})", "{}.", " {} ", "0x{}", "{}\n"])).format(base)
    return base


def long_text() -> st.SearchStrategy[str]:
    """Very long inputs: a piece repeated thousands of times (a dump of hashes, a wall of noise)."""
    piece = st.one_of(st.sampled_from(REAL + CONTROLS + MARKUP), st.text(max_size=8))
    return st.tuples(piece, st.integers(200, 6000), st.sampled_from([" ", "\n", "", ","])).map(
        lambda t: t[2].join([t[0]] * t[1]))


def noise() -> st.SearchStrategy[str]:
    """A short piece of anything but a secret."""
    return st.one_of(
        st.text(max_size=40),
        st.text(st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"]), max_size=8),
        st.sampled_from(CONTROLS + MARKUP + REAL),
        invalid_utf8(),
        near_valid(),
    )


def value() -> st.SearchStrategy[str]:
    """An argument or option value: any class, or pieces of several run together."""
    return st.one_of(
        noise(),
        st.lists(noise(), min_size=2, max_size=5).map("".join),
        st.lists(noise(), min_size=2, max_size=5).map(" ".join),
    )


@st.composite
def with_secret(draw: st.DrawFn) -> tuple[str, Secret]:
    """A value holding a secret, alone or in a ticket's words (white space on both sides, as pasted)."""
    secret = draw(st.sampled_from(SECRETS))
    if draw(st.booleans()):
        return secret.text, secret
    before, after = draw(st.text(max_size=30)), draw(st.sampled_from(["", "please help", "已经转账", *REAL[:3]]))
    return f"{before} {secret.text} {after}", secret
