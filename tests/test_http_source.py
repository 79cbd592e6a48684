"""The chain clients' shared behaviour: Retry-After on 429, the rate limit, coalesced batches, tip answers
that expire in long runs."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
import respx

from supportctl.chains.jsonrpc import JsonRpc
from supportctl.chains.rest import NOT_FOUND, Rest
from supportctl.core.config import ChainConfig
from supportctl.core.errors import SourceUnavailable
from supportctl.core.model import ChainKey

URL = "https://rpc.test/"


def chain(**kw: Any) -> ChainConfig:
    base: dict[str, Any] = {"key": ChainKey("ethereum"), "rpc": (URL,), "confirmations": 12, "block_time": 12.0,
                            "max_tip_age": 300.0, "timeout": 5.0}
    return ChainConfig(**(base | kw))


def echo_batch(request: httpx.Request) -> httpx.Response:
    calls = json.loads(request.content)
    return httpx.Response(200, json=[{"jsonrpc": "2.0", "id": c["id"], "result": c["method"]} for c in calls])


async def with_client(fn: Any) -> Any:
    async with httpx.AsyncClient() as client:
        return await fn(client)


def test_retry_after_is_honoured_on_the_last_endpoint() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).mock(side_effect=[
            httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json=[{"jsonrpc": "2.0", "id": 0, "result": "0x1"}]),
        ])

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(), client).call("eth_chainId")

        start = time.monotonic()
        assert asyncio.run(with_client(go)) == "0x1"
        assert route.call_count == 3 and time.monotonic() - start >= 1.0  # it waited as the server asked


def test_a_429_moves_on_to_the_next_endpoint_at_once() -> None:
    with respx.mock() as mock:
        first = mock.post("https://a.test/").respond(429, headers={"Retry-After": "30"})
        mock.post("https://b.test/").respond(200, json=[{"jsonrpc": "2.0", "id": 0, "result": "0x1"}])

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(rpc=("https://a.test/", "https://b.test/")), client).call("eth_chainId")

        start = time.monotonic()
        assert asyncio.run(with_client(go)) == "0x1"
        assert first.call_count == 1 and time.monotonic() - start < 5


def test_endless_429_becomes_unavailable_not_a_hang() -> None:
    from supportctl.chains import http

    with respx.mock() as mock, pytest.MonkeyPatch.context() as mp:
        mp.setitem(http.RETRY, "default_retry_after", 0.01)
        mock.post(URL).respond(429)

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(), client).call("eth_chainId")

        with pytest.raises(SourceUnavailable, match="429"):
            asyncio.run(with_client(go))


def test_rate_limit_spaces_requests() -> None:
    with respx.mock() as mock:
        stamps: list[float] = []

        def answer(request: httpx.Request) -> httpx.Response:
            stamps.append(time.monotonic())
            return httpx.Response(200, json={"ok": True})

        mock.get(url__startswith=URL).mock(side_effect=answer)

        async def go(client: httpx.AsyncClient) -> None:
            rest = Rest(chain(rate_limit=10.0), client)
            await asyncio.gather(*(rest.get(f"/item/{i}") for i in range(6)))

        asyncio.run(with_client(go))
        gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
        assert len(stamps) == 6 and min(gaps) >= 0.08  # never more than 10 a second


def test_concurrent_lookups_share_one_batch_and_repeat_calls_are_not_sent() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).mock(side_effect=echo_batch)

        async def go(client: httpx.AsyncClient) -> list[Any]:
            rpc = JsonRpc(chain(max_batch=5), client)
            calls = [[("eth_getTransactionByHash", [f"0x{i:064x}"]), ("eth_blockNumber", [])] for i in range(8)]
            return list(await asyncio.gather(*(rpc.batch(c) for c in calls)))

        answers = asyncio.run(with_client(go))
        sent = [len(json.loads(c.request.content)) for c in route.calls]
        assert sorted(sent) == [4, 5]  # 9 distinct calls (eth_blockNumber once), batches of at most 5
        assert all(a == ["eth_getTransactionByHash", "eth_blockNumber"] for a in answers)


def test_tip_answers_expire_in_long_runs_but_transactions_do_not() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).mock(side_effect=echo_batch)

        async def go(client: httpx.AsyncClient) -> None:
            rpc = JsonRpc(chain(), client)
            rpc.tip_ttl = 0.05
            await rpc.batch([("eth_getBlockByNumber", ["latest", False]), ("eth_getTransactionByHash", ["0x1"])])
            await rpc.batch([("eth_getBlockByNumber", ["latest", False]), ("eth_getTransactionByHash", ["0x1"])])
            await asyncio.sleep(0.1)
            await rpc.batch([("eth_getBlockByNumber", ["latest", False]), ("eth_getTransactionByHash", ["0x1"])])

        asyncio.run(with_client(go))
        sent = [[c["method"] for c in json.loads(call.request.content)] for call in route.calls]
        assert sent == [["eth_getBlockByNumber", "eth_getTransactionByHash"], ["eth_getBlockByNumber"]]


def test_rest_404_is_an_answer() -> None:
    with respx.mock() as mock:
        mock.get(URL + "tx/abc").respond(404, text="Transaction not found")

        async def go(client: httpx.AsyncClient) -> Any:
            return await Rest(chain(), client).get("/tx/abc")

        assert asyncio.run(with_client(go)) is NOT_FOUND


# -- issue 9: freshness in failover, bounded retries inside a deadline, batch splitting, quiet libraries --------


def block(age: float) -> dict[str, Any]:
    return {"number": "0x10", "timestamp": hex(int(time.time() - age))}


def node(age: float) -> Any:
    """A JSON-RPC node whose latest block is ``age`` seconds old; every other call answers its method's name."""

    def answer(request: httpx.Request) -> httpx.Response:
        calls = json.loads(request.content)
        return httpx.Response(200, json=[{"jsonrpc": "2.0", "id": c["id"], "result": block(age) if c["method"] ==
                                          "eth_getBlockByNumber" else c["method"]} for c in calls])

    return answer


def evm_rpc(client: httpx.AsyncClient, **kw: Any) -> JsonRpc:
    from supportctl.chains.evm import TIP_PROBE

    rpc = JsonRpc(chain(**kw), client)
    rpc.tip_probe = TIP_PROBE
    return rpc


@pytest.mark.parametrize("with_tip", [True, False])
def test_a_stale_first_endpoint_is_skipped_like_a_failing_one(with_tip: bool) -> None:
    """Issue 9 #12. Without the tip in the batch, the tip is asked beside it (the endpoint's was not seen)."""
    with respx.mock() as mock:
        stale = mock.post("https://a.test/").mock(side_effect=node(age=3600))
        fresh = mock.post("https://b.test/").mock(side_effect=node(age=5))

        async def go(client: httpx.AsyncClient) -> tuple[list[Any], str | None]:
            rpc = evm_rpc(client, rpc=("https://a.test/", "https://b.test/"))
            calls: list[Any] = [("eth_getTransactionByHash", ["0x1"])]
            if with_tip:
                calls.append(("eth_getBlockByNumber", ["latest", False]))
            first = await rpc.batch(calls)
            await rpc.batch([("eth_getTransactionReceipt", ["0x1"])])  # b is now known fresh, a known stale
            return first, rpc.answered_by

        answers, by = asyncio.run(with_client(go))
        assert answers[0] == "eth_getTransactionByHash" and by == "https://b.test"
        assert stale.call_count == 1 and fresh.call_count == 2
        sent = [c["method"] for c in json.loads(fresh.calls[1].request.content)]
        assert sent == ["eth_getTransactionReceipt"]  # b's tip seen: not asked again in this run


def test_when_every_endpoint_is_stale_the_freshest_stale_answer_is_given() -> None:
    with respx.mock() as mock:
        mock.post("https://a.test/").mock(side_effect=node(age=7200))
        mock.post("https://b.test/").mock(side_effect=node(age=3600))

        async def go(client: httpx.AsyncClient) -> tuple[Any, str | None]:
            rpc = evm_rpc(client, rpc=("https://a.test/", "https://b.test/"))
            return await rpc.call("eth_getBlockByNumber", "latest", False), rpc.answered_by

        tip, by = asyncio.run(with_client(go))
        assert by == "https://b.test" and time.time() - int(tip["timestamp"], 16) > 3000  # the checks say unknown


@pytest.mark.parametrize("fault", [
    httpx.Response(500, text="oops"), httpx.Response(502, text="bad gateway"),
    httpx.Response(200, text='[{"jsonrpc": "2.0", "id": 0, "res'), httpx.ReadTimeout("slow"),
    httpx.RemoteProtocolError("peer closed connection without sending complete message body"),
])
def test_5xx_truncated_bodies_and_timeouts_are_retried(fault: Any) -> None:
    """Issue 9 #13: only a 429 was retried; a lone endpoint failing once made the lookup unknown."""
    with respx.mock() as mock:
        ok = httpx.Response(200, json=[{"jsonrpc": "2.0", "id": 0, "result": "0x1"}])
        route = mock.post(URL).mock(side_effect=[fault, fault, ok])

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(), client).call("eth_chainId")

        assert asyncio.run(with_client(go)) == "0x1" and route.call_count == 3


def test_retries_stop_at_the_deadline() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).respond(503)

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(timeout=0.2), client).call("eth_chainId")  # deadline: 2 × 0.2 s

        start = time.monotonic()
        with pytest.raises(SourceUnavailable, match="HTTP 503"):
            asyncio.run(with_client(go))
        assert time.monotonic() - start < 0.6 and 2 <= route.call_count <= 4


def test_a_client_error_is_not_retried() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).respond(401)

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(), client).call("eth_chainId")

        with pytest.raises(SourceUnavailable, match="HTTP 401"):
            asyncio.run(with_client(go))
        assert route.call_count == 1


def test_a_failing_batch_is_split_so_one_bad_call_does_not_sink_the_others() -> None:
    """Issue 9 #13: a node that fails every batch holding one poisonous call still answers the rest."""
    with respx.mock() as mock:

        def answer(request: httpx.Request) -> httpx.Response:
            calls = json.loads(request.content)
            if any(c["params"] == ["0xbad"] for c in calls):
                return httpx.Response(500, text="internal error")
            return echo_batch(request)

        mock.post(URL).mock(side_effect=answer)

        async def go(client: httpx.AsyncClient) -> list[Any]:
            rpc = JsonRpc(chain(timeout=0.2), client)
            hashes = ["0x1", "0x2", "0xbad", "0x3", "0x4", "0x5"]
            return list(await asyncio.gather(*(rpc.call("eth_getTransactionByHash", h) for h in hashes),
                                             return_exceptions=True))

        answers = asyncio.run(with_client(go))
        assert [a == "eth_getTransactionByHash" for a in answers] == [True, True, False, True, True, True]
        assert isinstance(answers[2], SourceUnavailable) and "HTTP 500" in answers[2].reason


def test_a_retry_after_longer_than_the_budget_fails_at_once_naming_the_wait() -> None:
    """Issue 9 #14: `Retry-After: 30` held a lookup 60 s with `timeout = 2`."""
    with respx.mock() as mock:
        route = mock.post(URL).respond(429, headers={"Retry-After": "30"})

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(timeout=2.0), client).call("eth_chainId")

        start = time.monotonic()
        with pytest.raises(SourceUnavailable) as e:
            asyncio.run(with_client(go))
        assert time.monotonic() - start < 1 and route.call_count == 1
        assert "asked to wait 30 s" in e.value.reason and "4 s" in e.value.reason


def test_retries_are_not_logged_to_the_terminal() -> None:
    """Issue 9 #14: each retry printed `stamina.retry_scheduled` on stderr (logging's last-resort handler)."""
    import logging

    from stamina.instrumentation import get_on_retry_hooks

    test_5xx_truncated_bodies_and_timeouts_are_retried(httpx.Response(500))
    hooks = get_on_retry_hooks()  # only logging's, never structlog's printer or prometheus, if installed
    assert len(hooks) == 1 and getattr(hooks[0], "__module__", "").endswith("._logging")
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("stamina").handlers)
