"""The network guard itself: a test that reaches outside loopback fails loudly."""

from __future__ import annotations

import socket

import httpx
import pytest


def test_connection_to_the_internet_is_blocked() -> None:
    with pytest.raises(RuntimeError, match="never touch the internet"):
        socket.create_connection(("93.184.216.34", 443), timeout=1)


def test_httpx_to_a_public_host_is_blocked() -> None:
    with pytest.raises(RuntimeError, match="never touch the internet"):
        httpx.get("https://example.com", timeout=1)
