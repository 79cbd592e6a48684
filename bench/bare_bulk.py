"""The bar for `supportctl bulk` on deposits: what a competent engineer writes in an afternoon with asyncio and
httpx. 32 lookups in flight, each one JSON-RPC batch (transaction, receipt, block number); one JSON row per
line with a verdict (confirmed / awaiting_confirmations / wrong_address / tx_failed / not_found).

    python bench/bare_bulk.py URL DEPOSIT_ADDRESS CONFIRMATIONS < hashes.txt > rows.jsonl

No retries, no failover, no memo, no checks beyond those five verdicts: the floor, not a rival product.
"""

import asyncio
import json
import sys

import httpx

IN_FLIGHT = 32


async def lookup(client: httpx.AsyncClient, url: str, tx: str, to: str, need: int) -> dict[str, object]:
    calls = [("eth_getTransactionByHash", [tx]), ("eth_getTransactionReceipt", [tx]), ("eth_blockNumber", [])]
    body = [{"jsonrpc": "2.0", "id": i, "method": m, "params": p} for i, (m, p) in enumerate(calls)]
    answer = (await client.post(url, json=body)).json()
    got = {a["id"]: a.get("result") for a in answer}
    t, receipt, tip = got[0], got[1], got[2]
    if t is None:
        verdict = "not_found"
    elif receipt is None or t.get("blockNumber") is None:
        verdict = "pending"
    elif int(receipt["status"], 16) != 1:
        verdict = "tx_failed"
    elif (t.get("to") or "").lower() != to.lower():
        verdict = "wrong_address"
    elif int(tip, 16) - int(t["blockNumber"], 16) + 1 < need:
        verdict = "awaiting_confirmations"
    else:
        verdict = "confirmed"
    return {"tx": tx, "verdict": verdict}


async def main() -> None:
    url, to, need = sys.argv[1], sys.argv[2], int(sys.argv[3])
    hashes = [line.strip() for line in sys.stdin if line.strip()]
    gate = asyncio.Semaphore(IN_FLIGHT)
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def one(tx: str) -> dict[str, object]:
            async with gate:
                return await lookup(client, url, tx, to, need)

        rows = await asyncio.gather(*(one(tx) for tx in hashes))
    sys.stdout.write("".join(json.dumps(r) + "\n" for r in rows))


asyncio.run(main())
