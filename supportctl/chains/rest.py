"""A REST (JSON over HTTP GET/POST) client for one chain: memoised, failing over across the chain's
base URLs. The sibling of ``jsonrpc.JsonRpc`` for Esplora, TronGrid and the like.

Library errors stop here: whatever httpx raises becomes ``SourceUnavailable`` naming the chain.
A 404 is an answer ("not found"), not a failure: it comes back as ``NOT_FOUND``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import httpx

from supportctl.config import ChainConfig, display_url
from supportctl.errors import SourceUnavailable


class _NotFound:
    def __repr__(self) -> str:
        return "NOT_FOUND"


NOT_FOUND: Final = _NotFound()


class Rest:
    def __init__(self, chain: ChainConfig, client: httpx.AsyncClient, headers: Mapping[str, str] | None = None) -> None:
        self.chain = chain
        self._client = client
        self._headers = dict(headers or {})
        self._cache: dict[str, Any] = {}
        self.answered_by: str | None = None
        self.requests = 0

    async def get(self, path: str, *, text: bool = False) -> Any:
        """GET ``base + path`` → parsed JSON (or text), ``NOT_FOUND`` on 404."""
        return await self._request("GET", path, None, text=text)

    async def post(self, path: str, body: Mapping[str, Any]) -> Any:
        return await self._request("POST", path, body, text=False)

    async def _request(self, method: str, path: str, body: Mapping[str, Any] | None, *, text: bool) -> Any:
        key = json.dumps([method, path, body], sort_keys=True)
        if key in self._cache:
            return self._cache[key]
        bases = self.chain.endpoints()
        if not bases:
            raise SourceUnavailable(f"{self.chain.key} API", "no endpoint is configured",
                                    hint=f"set [chains.{self.chain.key}] rpc = [\"https://…\"] in the config")
        reasons: list[str] = []
        for base in bases:
            shown = display_url(base)
            url = base.rstrip("/") + path
            try:
                self.requests += 1
                response = await self._client.request(method, url, json=body, headers=self._headers,
                                                      timeout=self.chain.timeout)
                if response.status_code == 404:
                    result: Any = NOT_FOUND
                elif response.status_code >= 400:
                    reasons.append(f"{shown} answered HTTP {response.status_code}")
                    continue
                else:
                    result = response.text if text else response.json()
            except httpx.TimeoutException:
                reasons.append(f"{shown} timed out after {self.chain.timeout:g}s")
            except httpx.HTTPError as e:
                reasons.append(f"{shown} unreachable ({type(e).__name__})")
            except ValueError:
                reasons.append(f"{shown} sent a malformed answer (not JSON)")
            else:
                self.answered_by = shown
                self._cache[key] = result
                return result
        raise SourceUnavailable(f"{self.chain.key} API", "; ".join(reasons))
