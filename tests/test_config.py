"""Configuration: built-in defaults, user files merged over them, validation, secrets, config show|init."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from supportctl.core import config
from supportctl.core.errors import ConfigError
from supportctl.core.model import ChainKey

USDT_ETH = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
ETH = ChainKey("ethereum")


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "supportctl.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def one_error_line(r: Any) -> str:
    """A failed run: exit 2, nothing on stdout, exactly one line on stderr and no traceback."""
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.out == ""
    assert "Traceback" not in r.err
    lines: list[str] = r.err.splitlines()
    assert len(lines) == 1, r.err
    return lines[0]


# --- built-in defaults -----------------------------------------------------------------------------


def test_builtin_defaults() -> None:
    cfg = config.load()
    assert cfg.source is None and cfg.defaults is True
    assert set(cfg.chains) == {"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche",
                               "tron", "bitcoin", "litecoin", "solana", "xrp"}
    usdt = cfg.asset_for(ETH, USDT_ETH.lower())  # contracts match whatever their case
    assert usdt is not None
    assert (usdt.currency, usdt.contract, usdt.decimals) == ("USDT", USDT_ETH, 6)
    assert cfg.asset_for(ETH, None) is not None and cfg.asset_for(ETH, None).currency == "ETH"  # type: ignore[union-attr]
    assert all(c.rpc for c in cfg.chains.values()), "defaults must work without any configuration"
    assert cfg.required_confirmations(ETH, usdt) == 12


def test_defaults_false_makes_the_file_complete(write: Callable[..., Path]) -> None:
    path = write("""
defaults = false

[chains.ethereum]
rpc = ["http://127.0.0.1:8545"]
confirmations = 3

[[assets]]
currency = "usdt"
chain = "ethereum"
contract = "0x0000000000000000000000000000000000000001"
decimals = 6
""")
    cfg = config.load(path)
    assert cfg.source == path and cfg.defaults is False
    assert list(cfg.chains) == ["ethereum"]
    assert cfg.chains[ETH].rpc == ("http://127.0.0.1:8545",) and cfg.chains[ETH].confirmations == 3
    assert [(a.currency, a.chain) for a in cfg.assets] == [("USDT", "ethereum")]
    assert cfg.asset_for(ETH, USDT_ETH) is None  # the built-in USDT row is gone too


def test_user_file_is_merged_over_the_defaults(write: Callable[..., Path]) -> None:
    builtin = config.load()
    path = write("""
[chains.ethereum]
rpc = ["http://127.0.0.1:8545"]

[[assets]]
currency = "usdt"
chain = "ERC20"
contract = "0xdac17f958d2ee523a2206206994597c13d831ec7"
decimals = 6
min_deposit = "50"
confirmations = 64
deposit_enabled = false
""")
    cfg = config.load(path)
    # the user row replaced the built-in (USDT, ethereum) row: one row, the user's values
    rows = [a for a in cfg.assets if (a.currency, a.chain) == ("USDT", "ethereum")]
    assert len(rows) == 1
    assert (rows[0].min_deposit, rows[0].confirmations, rows[0].deposit_enabled) == (Decimal(50), 64, False)
    assert len(cfg.assets) == len(builtin.assets)
    assert cfg.required_confirmations(ETH, rows[0]) == 64
    # the chain table is merged key by key: rpc replaced, the built-in confirmations kept
    assert cfg.chains[ETH].rpc == ("http://127.0.0.1:8545",)
    assert cfg.chains[ETH].confirmations == builtin.chains[ETH].confirmations
    assert cfg.chains[ChainKey("bsc")] == builtin.chains[ChainKey("bsc")]


@pytest.mark.parametrize(("alias", "key"), [
    ("ERC20", "ethereum"), ("BEP20", "bsc"), ("TRC20", "tron"), ("Matic", "polygon"), ("AVAX-C", "avalanche"),
    ("BTC", "bitcoin"),
])
def test_chain_aliases_map_to_canonical_keys(write: Callable[..., Path], alias: str, key: str) -> None:
    path = write(f"""
defaults = false

[chains.{alias}]
rpc = ["http://127.0.0.1:8545"]

[[assets]]
currency = "USDT"
chain = "{alias}"
contract = "0x0000000000000000000000000000000000000001"
decimals = 6
""")
    cfg = config.load(path)
    assert list(cfg.chains) == [key]
    assert cfg.assets[0].chain == key


def test_a_second_native_coin_on_a_chain_is_refused(write: Callable[..., Path]) -> None:
    # a token row that forgot its contract would otherwise claim every plain ETH transfer
    path = write('[[assets]]\ncurrency = "USDT"\nchain = "ethereum"\ndecimals = 6\n')
    with pytest.raises(ConfigError, match="no contract.*ETH is already the native coin of ethereum"):
        config.load(path)


# --- errors: one line, exit 2, the key and the file named ------------------------------------------


@pytest.mark.parametrize(("text", "key"), [
    ("bogus = 1\n", "'bogus'"),
    ("[chains.ethereum]\nrpcs = ['http://127.0.0.1:8545']\n", "'chains.ethereum.rpcs'"),
    ("[[assets]]\ncurrency = 'USDT'\nchain = 'ethereum'\ndecimals = 6\ncolour = 'red'\n",
     "'assets[0].colour'"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'ethereum'\ndecimals = 18\n[[assets]]\nccy = 'X'\n",
     "'assets[1].ccy'"),
    ("[venue]\nexchange = 'binance'\napi_secret = 'x'\n", "'venue.api_secret'"),
])
def test_unknown_key_is_named_with_the_file(cli: Any, write: Callable[..., Path], text: str,
                                            key: str) -> None:
    path = write(text)
    line = one_error_line(cli("--config", str(path), "config", "show"))
    assert key in line and str(path) in line and "unknown key" in line


@pytest.mark.parametrize(("text", "needle"), [
    ("defaults = [\n", "not valid TOML"),
    ("[[assets]]\ncurrency = 'USDT'\nchain = 'ethereum'\ndecimals = 'six'\n", "'assets[0].decimals'"),
    ("[[assets]]\ncurrency = 'USDT'\nchain = 'ethereum'\ndecimals = 6.5\n", "'assets[0].decimals'"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'ethereum'\ndecimals = 18\nmin_deposit = 'abc'\n",
     "'assets[0].min_deposit'"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'ethereum'\ndecimals = 18\nmin_deposit = 'NaN'\n",
     "'assets[0].min_deposit'"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'ethereum'\ndecimals = 18\nmin_deposit = '-1'\n",
     "'assets[0].min_deposit'"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'ethereum'\ndecimals = 18\nmin_deposit = true\n",
     "'assets[0].min_deposit'"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'ethereum'\n", "'assets[0].decimals' is required"),
    ("[[assets]]\ncurrency = 'ETH'\nchain = 'mars'\ndecimals = 18\n", "unknown chain 'mars'"),
    ("[chains.mars]\nrpc = ['http://127.0.0.1:8545']\n", "unknown chain 'mars'"),
    ("[chains.ethereum]\nrpc = ['not a url']\n", "'chains.ethereum.rpc'"),
    ("[chains.ethereum]\nrpc = ['ftp://127.0.0.1/']\n", "'chains.ethereum.rpc'"),
    ("[chains.ethereum]\nrpc = ['https://']\n", "'chains.ethereum.rpc'"),
    ("[chains.ethereum]\nrpc = ['https://rpc.example:99999/']\n", "'chains.ethereum.rpc'"),
    ("[chains.ethereum]\nrpc = 8545\n", "'chains.ethereum.rpc'"),
    ("[chains.ethereum]\nconfirmations = 0\n", "'chains.ethereum.confirmations'"),
    ("[chains.ethereum]\ntimeout = 'soon'\n", "'chains.ethereum.timeout'"),
    ("defaults = 'yes'\n", "'defaults'"),
    ("assets = 'USDT'\n", "'assets'"),
    ("chains = 1\n", "'chains'"),
])
def test_invalid_file_is_one_line(cli: Any, write: Callable[..., Path], text: str, needle: str) -> None:
    path = write(text)
    line = one_error_line(cli("--config", str(path), "config", "show"))
    assert needle in line and str(path) in line


def test_missing_file(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    line = one_error_line(cli("--config", str(path), "config", "show"))
    assert str(path) in line and "does not exist" in line and "config init" in line


def test_unreadable_file(cli: Any, write: Callable[..., Path]) -> None:
    path = write("")
    path.write_bytes(b"defaults = true\n\xff\xfe\n")
    line = one_error_line(cli("--config", str(path), "config", "show"))
    assert str(path) in line


# --- secrets in rpc URLs ---------------------------------------------------------------------------


def test_env_reference_is_expanded_from_the_environment(write: Callable[..., Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write('[chains.ethereum]\n'
                 'rpc = ["https://mainnet.example/v3/${TEST_RPC_KEY}", "${TEST_RPC_URL}"]\n')
    monkeypatch.setenv("TEST_RPC_KEY", "s3cr3t")
    monkeypatch.setenv("TEST_RPC_URL", "https://node.example/rpc")
    chain = config.load(path).chains[ETH]
    assert chain.rpc[0] == "https://mainnet.example/v3/${TEST_RPC_KEY}"  # stored as written
    assert chain.endpoints() == ("https://mainnet.example/v3/s3cr3t", "https://node.example/rpc")


def test_missing_env_var_is_a_clear_error(write: Callable[..., Path]) -> None:
    path = write('[chains.ethereum]\nrpc = ["https://mainnet.example/v3/${TEST_RPC_KEY_UNSET}"]\n')
    chain = config.load(path).chains[ETH]
    with pytest.raises(ConfigError, match="TEST_RPC_KEY_UNSET is not set"):
        chain.endpoints()


def test_env_var_holding_a_non_url_is_refused(write: Callable[..., Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = write('[chains.ethereum]\nrpc = ["${TEST_RPC_URL}"]\n')
    monkeypatch.setenv("TEST_RPC_URL", "mainnet please")
    chain = config.load(path).chains[ETH]
    with pytest.raises(ConfigError, match=r"\$\{TEST_RPC_URL\} is not an http\(s\) URL") as e:
        chain.endpoints()
    assert "mainnet please" not in e.value.message


@pytest.mark.parametrize("fmt", ["rich", "json"])
def test_config_show_never_prints_secrets(cli: Any, write: Callable[..., Path],
                                          monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setenv("TEST_RPC_KEY", "S3CR3T-FROM-ENV")
    path = write("""
[chains.ethereum]
rpc = ["https://mainnet.example/v3/${TEST_RPC_KEY}", "https://user:pa55@node.example:8443/KEY-IN-PATH?apikey=QUERYKEY"]

[venue]
exchange = "binance"
api_url = "https://gw.example/prefix/GWTOKEN?t=1"
""")
    r = cli("--config", str(path), "--format", fmt, "config", "show")
    assert r.code == 0 and r.err == ""
    for secret in ("S3CR3T-FROM-ENV", "pa55", "user:", "KEY-IN-PATH", "QUERYKEY", "GWTOKEN", "prefix"):
        assert secret not in r.out
    assert "https://node.example:8443" in r.out  # scheme, host and port: enough to tell endpoints apart
    if fmt == "json":
        doc = json.loads(r.out)
        assert doc["source"] == str(path)
        assert doc["chains"]["ethereum"]["rpc"][1].startswith("https://node.example:8443")
        assert doc["venue"] == {"exchange": "binance", "api_url": "https://gw.example"}


def test_config_show_hides_a_literal_key_next_to_an_env_reference(cli: Any, write: Callable[..., Path],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_RPC_PROJECT", "p")
    path = write('[chains.ethereum]\nrpc = ["https://mainnet.example/v3/LITERALKEY?project=${TEST_RPC_PROJECT}"]\n')
    r = cli("--config", str(path), "config", "show")
    assert r.code == 0 and "LITERALKEY" not in r.out and "https://mainnet.example" in r.out


# --- where the file comes from ---------------------------------------------------------------------


def test_supportctl_config_env_var_is_used_without_config_option(
        cli: Any, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from_env = write('defaults = false\n[chains.bsc]\nrpc = ["http://127.0.0.1:8545"]\n', "env.toml")
    monkeypatch.setenv("SUPPORTCTL_CONFIG", str(from_env))
    r = cli("--format", "json", "config", "show")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["source"] == str(from_env) and list(doc["chains"]) == ["bsc"]
    # --config wins over the environment
    explicit = write('defaults = false\n[chains.polygon]\nrpc = ["http://127.0.0.1:8545"]\n', "explicit.toml")
    doc = json.loads(cli("--format", "json", "--config", str(explicit), "config", "show").out)
    assert doc["source"] == str(explicit) and list(doc["chains"]) == ["polygon"]


def test_supportctl_config_pointing_nowhere_is_an_error(cli: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPORTCTL_CONFIG", str(tmp_path / "gone.toml"))
    assert "gone.toml" in one_error_line(cli("config", "show"))


def test_config_init_writes_a_file_that_loads_and_is_not_overwritten(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "sub" / "supportctl.toml"
    r = cli("--config", str(path), "config", "init")
    assert r.code == 0 and str(path) in r.err and r.out == ""
    written = path.read_text(encoding="utf-8")
    cfg = config.load(path)
    assert cfg.source == path and len(cfg.chains) == 12  # the starter file keeps the defaults
    r = cli("--config", str(path), "--format", "json", "config", "show")
    assert r.code == 0 and json.loads(r.out)["source"] == str(path)

    path.write_text(written + "\n# my edits\n", encoding="utf-8")
    line = one_error_line(cli("--config", str(path), "config", "init"))
    assert "already exists" in line and "--force" in line
    assert path.read_text(encoding="utf-8").endswith("# my edits\n")  # untouched
    assert cli("--config", str(path), "config", "init", "--force").code == 0
    assert path.read_text(encoding="utf-8") == written


def test_config_init_path_option(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    assert cli("config", "init", "--path", str(path)).code == 0
    assert config.load(path).source == path


def test_config_init_uses_the_user_config_dir_by_default(cli: Any) -> None:
    path = config.default_path()  # under the isolated XDG_CONFIG_HOME of the test
    assert not path.exists()
    assert cli("config", "init").code == 0
    assert path.exists()
    assert config.load().source == path  # found without --config once it exists


# Issue 9 (10, 11): numbers that would switch a guard off, divide by zero or blame the node are refused, each in
# one line naming the key, the file and the allowed range.
@pytest.mark.parametrize(("line", "key", "range_"), [
    ("max_tip_age = nan", "max_tip_age", "from 0 to 315,360,000 seconds"),
    ("max_tip_age = inf", "max_tip_age", "from 0 to 315,360,000 seconds"),
    ("rate_limit = inf", "rate_limit", "requests per second"),
    ("rate_limit = -1", "rate_limit", "requests per second"),
    ("timeout = nan", "timeout", "above 0 and at most 300 seconds"),
    ("timeout = 0", "timeout", "above 0 and at most 300 seconds"),
    ("block_time = 0", "block_time", "above 0"),
    ("max_batch = 0", "max_batch", "from 1 to 1,000"),
    ("confirmations = 10000000", "confirmations", "from 1 to 100,000"),
])
def test_chain_numbers_out_of_range_are_refused(cli: Any, write: Callable[..., Path], line: str, key: str,
                                                 range_: str) -> None:
    path = write(f"defaults = false\n[chains.ethereum]\nrpc = ['http://127.0.0.1:9']\n{line}\n")
    error = one_error_line(cli("--config", str(path), "config", "show"))
    assert f"'chains.ethereum.{key}'" in error and range_ in error and str(path) in error


@pytest.mark.parametrize("text", ["[venue]\nprice_band = nan\n", "[venue]\nlive_ttl = inf\n"])
def test_venue_numbers_out_of_range_are_refused(cli: Any, write: Callable[..., Path], text: str) -> None:
    error = one_error_line(cli("--config", str(write("defaults = false\n" + text)), "config", "show"))
    assert "'venue." in error


def test_a_file_nested_thousands_deep_or_too_large_is_one_line(cli: Any, write: Callable[..., Path]) -> None:
    deep = write("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested too deeply" in one_error_line(cli("--config", str(deep), "config", "show"))
    big = write("# " + "x" * 2_000_000 + "\n", "big.toml")
    assert "too large" in one_error_line(cli("--config", str(big), "config", "show"))
