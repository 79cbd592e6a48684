"""Bitcoin-family deposits (Esplora and Bitcoin Core) from recorded answers, through the real command line.

The recorded bodies and their sources are in ``data/bitcoin/*.json``; what a test derives from them (a tip
height, a fresh tip time, a network name) it says where it does it.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

DATA = Path(__file__).parent / "data" / "bitcoin"
ESPLORA = json.loads((DATA / "esplora.json").read_text("utf-8"))
CORE = json.loads((DATA / "bitcoind.json").read_text("utf-8"))

TXID = "f2957c19e673406c6388b0e8f1c9f1e51e81cb56e83730415c1cd7b154666c1b"  # mainnet, block 728418
TO = "188j8UKA3PVzXBrji2GWRsF95iKz41KUtP"  # its second output: 272529 sat
FROM = "3M98tvsmxcySwf6VdQrMDkY7JRG74UgF3t"  # its input's previous output
BLOCK = 728418
API = "https://esplora.test/api"
BACKUP = "https://esplora-backup.test/api"


def write_config(tmp: Path, *, rpc: tuple[str, ...] = (API,), api: str = "esplora", chain: str = "bitcoin",
                 extra: str = "", min_deposit: str = "0.0001") -> str:
    currency = "BTC" if chain == "bitcoin" else "LTC"
    path = tmp / "supportctl.toml"
    path.write_text(f"""defaults = false

[chains.{chain}]
api = "{api}"
rpc = [{", ".join(json.dumps(u) for u in rpc)}]
confirmations = 2
{extra}

[[assets]]
currency = "{currency}"
chain = "{chain}"
decimals = 8
min_deposit = "{min_deposit}"
""")
    return str(path)


def recent_blocks(tip: int, *, spacing: int = 600, age: int = 120) -> list[dict[str, int]]:
    """A derived GET /blocks answer (see esplora.json "blocks_tip_template"): ten blocks, 600 s apart, the
    tip ``age`` seconds old."""
    now = int(time.time())
    return [{"height": tip - i, "timestamp": now - age - i * spacing} for i in range(10)]


def run(cli: Any, config: str, *args: str, chain: str = "bitcoin") -> tuple[int, dict[str, Any]]:
    r = cli("--config", config, "--format", "json", "deposit", *args, "--chain", chain)
    return r.code, json.loads(r.out)


def findings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["check"]: f for f in doc["findings"]}


def serve_esplora(mock: respx.MockRouter, tx: dict[str, Any] | None, tip: int, base: str = API) -> None:
    if tx is None:
        mock.get(f"{base}/tx/{TXID}").respond(404, text=ESPLORA["tx_not_found"]["body_text"])
    else:
        mock.get(f"{base}/tx/{TXID}").respond(json=tx)
    mock.get(f"{base}/blocks").respond(json=recent_blocks(tip))


# --- Esplora ---------------------------------------------------------------------------------------


def test_confirmed_deposit(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path)
    with respx.mock(assert_all_called=True) as mock:
        serve_esplora(mock, ESPLORA["tx_f2957c19"]["body"], tip=BLOCK + 1)
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (0, "confirmed")
    facts = doc["facts"]
    assert (facts["amount"], facts["currency"], facts["to"], facts["from"]) == ("0.00272529", "BTC", TO, FROM)
    assert (facts["block"], facts["confirmations"], facts["required_confirmations"]) == (BLOCK, 2, 2)
    assert facts["source"] == "https://esplora.test"
    assert "0.00272529 BTC" in doc["reply"]["text"]


def test_the_other_output_is_not_the_customers(cli: Any, tmp_path: Path) -> None:
    """Two outputs: the deposit is only the one paying --to; 1312 sat to the other is below the minimum."""
    config = write_config(tmp_path)
    with respx.mock() as mock:
        serve_esplora(mock, ESPLORA["tx_f2957c19"]["body"], tip=BLOCK + 5)
        code, doc = run(cli, config, TXID, "--to", "1TAHuoo6tKwZCyPja1mkkYQxmNZBW9HYP")
    assert (code, doc["verdict"], doc["facts"]["amount"]) == (1, "below_minimum", "0.00001312")


def test_awaiting_confirmations_with_a_measured_block_time(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path)
    with respx.mock() as mock:
        serve_esplora(mock, ESPLORA["tx_f2957c19"]["body"], tip=BLOCK)
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (0, "awaiting_confirmations")
    dep003 = findings(doc)["DEP003"]
    ev = dep003["evidence"]
    assert (ev["confirmations"], ev["required_confirmations"], ev["remaining"]) == (1, 2, 1)
    assert ev["eta_seconds"] == 600  # measured: the derived /blocks are 600 s apart
    assert "recent blocks" in dep003["message"]


def test_mempool_transaction_is_pending(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path)
    with respx.mock() as mock:
        serve_esplora(mock, ESPLORA["tx_f2957c19_in_mempool"]["body"], tip=BLOCK + 3)
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (0, "pending")
    assert (doc["facts"]["status"], doc["facts"]["amount"]) == ("pending", "0.00272529")
    assert "confirmations" not in doc["facts"]


def test_unknown_txid_is_not_found(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path)
    with respx.mock() as mock:
        serve_esplora(mock, None, tip=BLOCK)
        mock.get(f"{API}/v1/tx/{TXID}/rbf").respond(404, text="Not Found")  # blockstream has no RBF history
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (1, "not_found")


def test_replaced_transaction_names_its_replacement(cli: Any, tmp_path: Path) -> None:
    replaced = "3f4670463daadffed07d7a1060071b07f7e81a2566eca21d78bb513cbf21c82a"
    config = write_config(tmp_path)
    with respx.mock() as mock:
        mock.get(f"{API}/tx/{replaced}").respond(404, text=ESPLORA["tx_not_found"]["body_text"])
        mock.get(f"{API}/blocks").respond(json=recent_blocks(BLOCK))
        mock.get(f"{API}/v1/tx/{replaced}/rbf").respond(json=ESPLORA["rbf_history"]["body"])
        code, doc = run(cli, config, replaced, "--to", TO)
    assert (code, doc["verdict"]) == (1, "replaced")
    assert findings(doc)["DEP001"]["evidence"]["replaced_by"] == (
        "2e95ff9094df9f3650e3f2abc189250760162be89a88f9f2f23301c7cb14b8b4")


def test_unreachable_api_is_unknown_not_not_found(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path, rpc=(API, BACKUP))
    with respx.mock() as mock:
        mock.route(host="esplora.test").mock(side_effect=httpx.ConnectError("refused"))
        mock.route(host="esplora-backup.test").mock(side_effect=httpx.ConnectTimeout("timed out"))
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (3, "unknown")
    text = json.dumps(doc["findings"])
    assert "esplora.test unreachable" in text and "esplora-backup.test timed out" in text


def test_failover_to_the_second_base_url(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path, rpc=(API, BACKUP))
    with respx.mock() as mock:
        mock.route(host="esplora.test").respond(503, text="Service Unavailable")
        serve_esplora(mock, ESPLORA["tx_f2957c19"]["body"], tip=BLOCK + 2, base=BACKUP)
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"], doc["facts"]["confirmations"]) == (0, "confirmed", 3)
    assert doc["facts"]["source"] == "https://esplora-backup.test"


def test_base_url_without_api_path_is_unknown(cli: Any, tmp_path: Path) -> None:
    """A base URL missing /api answers 404 to everything: that is a configuration problem, not 'not found'."""
    config = write_config(tmp_path)
    with respx.mock() as mock:
        mock.route(host="esplora.test").respond(404, text="Not Found")
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "/blocks" in doc["summary"]


def test_requests_per_lookup(tmp_path: Path) -> None:
    """Two requests (transaction and recent blocks, concurrently); a third only for an unknown txid."""
    from supportctl.core import config as config_mod
    from supportctl.core.model import ChainKey
    from supportctl.engine.session import Session

    cfg = config_mod.load(write_config(tmp_path))

    async def requests() -> int:
        async with Session(cfg) as session:
            lookup = await session.lookup(ChainKey("bitcoin"), TXID)
            assert lookup.error is None, lookup.error
            return session.requests

    with respx.mock() as mock:
        serve_esplora(mock, ESPLORA["tx_f2957c19"]["body"], tip=BLOCK + 1)
        assert asyncio.run(requests()) == 2
    with respx.mock() as mock:
        serve_esplora(mock, None, tip=BLOCK + 1)
        mock.get(f"{API}/v1/tx/{TXID}/rbf").respond(404)
        assert asyncio.run(requests()) == 3


# --- Bitcoin Core ----------------------------------------------------------------------------------

CORE_TXID = "35158b7a8b6057bc67f6d904c64b5986adea8260f0bc96cbd755b530878e3cc2"  # testnet3, block 2815299
CORE_TO = "tb1pwgjc67568cu6vncgve60t6eaht0rwr4pwdymnrpezrpepg3q5t8sp5250h"  # output 4: 1000 sat
CORE_FROM = "tb1qswslzcdulvlk62gdrg8wa0sw36f938h2pyfreh"
NODE = "http://user:pass@bitcoind.test:8332/"
RECORDED_TIP, RECORDED_TIME = 2821448, 1718529509  # see bitcoind.json: tip implied by the recording, its Date


def blockchain_info(*, network: str = "main", blocks: int = RECORDED_TIP, tip_time: int | None = None) -> str:
    """Derived getblockchaininfo (bitcoind.json "getblockchaininfo_template")."""
    info = dict(CORE["getblockchaininfo_template"]["body_from"])
    info.update(chain=network, blocks=blocks, headers=blocks)
    info["time"] = RECORDED_TIME if tip_time is None else tip_time
    return json.dumps(info)


class FakeNode:
    """Answers each call of a JSON-RPC batch from recorded results (JSON text, served verbatim) or errors."""

    def __init__(self, answers: dict[str, str | dict[str, Any]]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, list[Any]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        items = []
        for call in json.loads(request.content):
            self.calls.append((call["method"], call["params"]))
            answer = self.answers[call["method"]]
            if isinstance(answer, dict):
                items.append(json.dumps({"result": None, "error": answer, "id": call["id"]}))
            else:
                items.append(f'{{"result":{answer},"error":null,"id":{call["id"]}}}')
        return httpx.Response(200, text="[" + ",".join(items) + "]",
                              headers={"content-type": "application/json"})


def core_run(cli: Any, tmp: Path, node: FakeNode, txid: str = CORE_TXID, *, to: str = CORE_TO,
             extra: str = "max_tip_age = 315360000", chain: str = "bitcoin") -> tuple[int, dict[str, Any]]:
    config = write_config(tmp, rpc=(NODE,), api="bitcoind", extra=extra, min_deposit="0.00001", chain=chain)
    with respx.mock() as mock:
        mock.post("http://bitcoind.test:8332/").mock(side_effect=node)
        return run(cli, config, txid, "--to", to, chain=chain)


def test_bitcoind_confirmed_from_a_recorded_getrawtransaction(cli: Any, tmp_path: Path) -> None:
    # derived: the tip answer says 'main' so that the mainnet-configured adapter accepts the testnet recording
    node = FakeNode({"getrawtransaction": CORE["getrawtransaction_35158b7a"]["result_text"],
                     "getblockchaininfo": blockchain_info()})
    code, doc = core_run(cli, tmp_path, node)
    assert (code, doc["verdict"]) == (0, "confirmed")
    facts = doc["facts"]
    assert (facts["amount"], facts["currency"]) == ("0.00001", "BTC")
    assert (facts["to"], facts["from"]) == (CORE_TO, CORE_FROM)
    assert (facts["block"], facts["confirmations"]) == (2815299, 6150)
    assert facts["source"] == "http://bitcoind.test:8332"  # credentials in the URL are never shown
    assert node.calls == [("getrawtransaction", [CORE_TXID, 2]), ("getblockchaininfo", [])]


def test_bitcoind_litecoin_core_older_address_format(cli: Any, tmp_path: Path) -> None:
    """Litecoin Core lists output addresses in 'addresses'; a coinbase has no sender."""
    ltc = CORE["getrawtransaction_ltc_9ae506a0"]
    node = FakeNode({"getrawtransaction": ltc["result_text"],
                     "getblockchaininfo": blockchain_info(blocks=3247853)})
    code, doc = core_run(cli, tmp_path, node, ltc["request"]["params"][0],
                         to="tltc1qjjsezn27zjaqdvpth8ftpdnj7t73y4q4vja4dq", chain="litecoin")
    assert (code, doc["verdict"]) == (0, "confirmed")
    facts = doc["facts"]
    assert (facts["amount"], facts["currency"], facts["confirmations"]) == ("6.24938568", "LTC", 390)
    assert "from" not in doc["facts"]


def test_bitcoind_stale_node_is_not_trusted(cli: Any, tmp_path: Path) -> None:
    """The recorded tip time (June 2024) is far older than the default max_tip_age."""
    node = FakeNode({"getrawtransaction": CORE["getrawtransaction_35158b7a"]["result_text"],
                     "getblockchaininfo": blockchain_info()})
    code, doc = core_run(cli, tmp_path, node, extra="")
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "DEP008" in findings(doc)


def test_bitcoind_on_another_network_is_refused(cli: Any, tmp_path: Path) -> None:
    node = FakeNode({"getrawtransaction": CORE["getrawtransaction_35158b7a"]["result_text"],
                     "getblockchaininfo": blockchain_info(network="test")})
    code, doc = core_run(cli, tmp_path, node)
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "'test' node, not Bitcoin mainnet" in doc["summary"]


def test_bitcoind_mempool_transaction_is_pending(cli: Any, tmp_path: Path) -> None:
    # derived: the recorded result without the fields Core sets only once mined
    tx = json.loads(CORE["getrawtransaction_35158b7a"]["result_text"])
    for mined in ("blockhash", "confirmations", "time", "blocktime"):
        del tx[mined]
    node = FakeNode({"getrawtransaction": json.dumps(tx),
                     "getblockchaininfo": blockchain_info(tip_time=int(time.time()) - 60)})
    code, doc = core_run(cli, tmp_path, node, extra="")
    assert (code, doc["verdict"], doc["facts"]["amount"]) == (0, "pending", "0.00001")


def test_bitcoind_unknown_txid_is_not_found(cli: Any, tmp_path: Path) -> None:
    node = FakeNode({"getrawtransaction": CORE["fault_no_such_transaction"]["error"],
                     "gettransaction": CORE["fault_not_a_wallet_tx"]["error"],
                     "getblockchaininfo": blockchain_info(tip_time=int(time.time()) - 60)})
    code, doc = core_run(cli, tmp_path, node, extra="")
    assert (code, doc["verdict"]) == (1, "not_found")
    assert [m for m, _ in node.calls] == ["getrawtransaction", "getblockchaininfo", "gettransaction"]


def test_bitcoind_without_txindex_cannot_say_not_found(cli: Any, tmp_path: Path) -> None:
    node = FakeNode({"getrawtransaction": CORE["fault_no_txindex"]["error"],
                     "gettransaction": CORE["fault_not_a_wallet_tx"]["error"],
                     "getblockchaininfo": blockchain_info(tip_time=int(time.time()) - 60)})
    code, doc = core_run(cli, tmp_path, node, extra="")
    assert (code, doc["verdict"]) == (3, "unknown")
    assert "no transaction index" in doc["summary"]


@pytest.mark.parametrize("api", ["electrum", "blockbook"])
def test_unknown_api_setting_is_unknown(cli: Any, tmp_path: Path, api: str) -> None:
    config = write_config(tmp_path, api=api)
    with respx.mock():
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"]) == (3, "unknown")
    assert f"unknown api '{api}'" in doc["summary"]


def test_recent_blocks_from_a_replica_one_block_behind(cli: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path)
    with respx.mock() as mock:
        serve_esplora(mock, ESPLORA["tx_f2957c19"]["body"], tip=BLOCK - 1)
        code, doc = run(cli, config, TXID, "--to", TO)
    assert (code, doc["verdict"], doc["facts"]["confirmations"]) == (0, "awaiting_confirmations", 1)
