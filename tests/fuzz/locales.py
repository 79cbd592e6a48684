"""Run ``python -m supportctl`` as a real process in a real locale, against a recording HTTP server on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout under test (its supportctl, not the installed one)
LOCALES = {
    # en_US.UTF-8 with strict I/O: Python raises on a byte it cannot decode or a character it cannot encode
    "strict": {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
    # C.UTF-8: Python's surrogateescape, an undecodable byte passes through to the terminal as itself
    "c": {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
}


@dataclass
class Proc:
    code: int
    out: bytes
    err: bytes


def supportctl(args: Sequence[str | bytes], *, locale: str, home: Path, stdin: bytes = b"",
               timeout: float = 60) -> Proc:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SUPPORTCTL_", "LC_", "PYTHONIOENCODING", "NO_COLOR", "PYTHONUTF8"))}
    env.update(LOCALES[locale], PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"))
    done = subprocess.run([sys.executable, "-m", "supportctl", *args], input=stdin, capture_output=True, env=env,
                          timeout=timeout, check=False, cwd=home)
    return Proc(done.returncode, done.stdout, done.stderr)


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str]

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        self.seen.append(f"{self.command} {self.path} {body.decode('utf-8', 'replace')} {dict(self.headers)}")
        try:
            request = json.loads(body or b"null")
        except ValueError:
            request = None
        if isinstance(request, list):
            reply = [{"jsonrpc": "2.0", "id": r.get("id"), "result": None} for r in request if isinstance(r, dict)]
        elif isinstance(request, dict):
            reply = {"jsonrpc": "2.0", "id": request.get("id"), "result": None}
        else:
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def recording_server() -> Iterator[tuple[str, list[str]]]:
    """A JSON-RPC/REST stand-in on loopback that records every request: (its URL, what it saw)."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
