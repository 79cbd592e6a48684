"""Run the real command line in-process as a process would see it, and check what it wrote and sent.

The locale is emulated on the standard streams: ``strict`` is en_US.UTF-8 under ``PYTHONIOENCODING=utf-8:strict``
(a bad byte raises), ``c`` is C.UTF-8 (Python's ``surrogateescape``: an undecodable byte passes through as itself).
stdout is a byte buffer, so what reached the "terminal" is checked as bytes. Every HTTP request goes to a
transport in the test (respx) that records it and answers as ``net`` says: refused, JSON-RPC ``null`` results
(and 404 for REST), garbage, or a server error.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx
from hypothesis import settings

FUZZ = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")))
EXIT_CODES = {0, 1, 2, 3}
NETS = ("refuse", "null", "garbage", "error")

# What must never reach a reader raw: C0 but newline, DEL, C1, bidi controls, zero-width and invisible ones.
# Defined here on its own (not imported from render.safe) so the test does not trust the code it checks.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                         "\u2060-\u2064\ufeff\u00ad\U000e0000-\U000e007f]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours, when stdout is a terminal


class _Stream(io.TextIOWrapper):
    def __init__(self, data: bytes, errors: str, tty: bool) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors=errors, write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def raw_bytes(self) -> bytes:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


@dataclass
class Run:
    argv: list[str]
    code: int
    out_bytes: bytes
    err_bytes: bytes
    requests: list[httpx.Request] = field(default_factory=list)

    @property
    def out(self) -> str:
        return self.out_bytes.decode("utf-8")

    @property
    def err(self) -> str:
        return self.err_bytes.decode("utf-8")


def _answer(net: str, requests: list[httpx.Request]) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if net == "refuse":
            raise httpx.ConnectError("connection refused", request=request)
        if net == "error":
            return httpx.Response(502, text="bad gateway")
        if net == "garbage":
            return httpx.Response(200, content=b"<html>\x1b[2J\xff\xfe not json")
        try:
            body = json.loads(request.content or b"null")
        except ValueError:
            body = None
        if isinstance(body, list):
            return httpx.Response(200, json=[{"jsonrpc": "2.0", "id": b.get("id"), "result": None}
                                             for b in body if isinstance(b, dict)])
        if isinstance(body, dict) and "method" in body:
            return httpx.Response(200, json={"jsonrpc": "2.0", "id": body.get("id"), "result": None})
        return httpx.Response(404, text="Transaction not found")

    return answer


def run(argv: list[str], *, stdin: bytes = b"", locale: str = "strict", tty: bool = False,
        net: str = "refuse") -> Run:
    """``supportctl *argv`` with ``stdin``, in the emulated ``locale``; stdout a terminal when ``tty``."""
    from supportctl.cli import main

    errors = "strict" if locale == "strict" else "surrogateescape"
    streams = _Stream(stdin, errors, False), _Stream(b"", errors, tty), _Stream(b"", errors, False)
    saved = sys.stdin, sys.stdout, sys.stderr
    requests: list[httpx.Request] = []
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        with respx.mock(assert_all_called=False) as router:
            router.route().mock(side_effect=_answer(net, requests))
            code = main(list(argv))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Run(list(argv), code, streams[1].raw_bytes(), streams[2].raw_bytes(), requests)


def check(r: Run, *, fmt: str = "rich", tty: bool = False, secrets: Iterable[str] = (),
          files: Iterable[str] = ()) -> None:
    """What holds for every run: a documented exit status, no traceback or internal error, UTF-8 out and err,
    valid JSON lines for json, no raw control character for people, no secret anywhere it went."""
    where = f"argv={r.argv!r}"
    assert r.code in EXIT_CODES, f"exit {r.code}: {where}\n{r.err_bytes!r}"
    out, err = r.out, r.err  # raises if either is not valid UTF-8
    for text in (out, err):
        assert "Traceback" not in text, f"{where}\n{text}"
        assert "internal error" not in text, f"{where}\n{text}"
    assert not RAW_CONTROL.search(err), f"raw control on stderr: {where}\n{err!r}"
    if fmt == "json":
        for line in out.splitlines():
            json.loads(line)
    shown = SGR.sub("", out) if tty else out  # whatever the format: JSON escapes controls, CSV and text show them
    assert not RAW_CONTROL.search(shown), f"raw control on stdout: {where}\n{out!r}"
    if not tty:
        assert "\x1b" not in out, f"an escape sequence with no terminal: {where}\n{out!r}"
    written = [_read(f) for f in files]
    for path, text in zip(files, written, strict=True):
        assert not RAW_CONTROL.search(text), f"raw control in {path}: {where}\n{text!r}"
    for secret in secrets:
        for text in (out, err, *written):
            assert secret not in text, f"secret {secret[:12]}… shown: {where}"
        for request in r.requests:
            sent = f"{request.url} {request.content.decode('utf-8', 'replace')} {dict(request.headers)}"
            assert secret not in sent and secret.lower() not in sent.lower(), f"secret sent to {request.url}"


def _read(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8")
    except FileNotFoundError:
        return ""
