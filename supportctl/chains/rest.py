"""A REST (JSON over HTTP GET/POST) client for one chain: memoised, failing over across the chain's base
URLs. The sibling of ``jsonrpc.JsonRpc`` for Esplora, TronGrid and the like.

A 404 is an answer ("not found"), not a failure: it comes back as ``NOT_FOUND``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import httpx

from supportctl.chains.http import HttpSource, http_error

# Paths whose answers describe the chain's tip: re-read after ``tip_ttl`` in a long run.
VOLATILE_PATHS = ("/blocks", "/blocks/tip/height", "/blocks/tip/hash", "/wallet/getnowblock", "/wallet/getblock")


class _NotFound:
    def __repr__(self) -> str:
        return "NOT_FOUND"


NOT_FOUND: Final = _NotFound()


class Rest(HttpSource):
    label = "API"

    async def get(self, path: str, *, text: bool = False) -> Any:
        """GET ``base + path`` → parsed JSON (or text), ``NOT_FOUND`` on 404."""
        return await self._request_memo("GET", path, None, text=text)

    async def post(self, path: str, body: Mapping[str, Any]) -> Any:
        return await self._request_memo("POST", path, body, text=False)

    async def _request_memo(self, method: str, path: str, body: Mapping[str, Any] | None, *, text: bool) -> Any:
        key = json.dumps([method, path, body], sort_keys=True)
        known, value = self.remembered(key, path in VOLATILE_PATHS)
        if known:
            return value

        def parse(response: httpx.Response) -> Any:
            if response.status_code == 404:
                return NOT_FOUND
            http_error(response)
            return response.text if text else response.json()

        value = await self.send(method, path, body, parse)
        self.remember(key, value)
        return value
