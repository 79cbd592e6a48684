"""The certificates a TLS connection to a node is checked against, loaded on a thread of their own.

Loading a bundle of ~140 certificates takes ~15–18 ms, a tenth of a whole ``deposit`` lookup, and httpx does it
when a client is made, whether or not a request will use TLS. Here the load starts as soon as a command knows it
will ask an ``https://`` endpoint (``prefetch``), before it imports the transports, and runs beside those imports:
OpenSSL reads the file without holding Python's lock. A request over TLS waits for it (``ready``); a node on
plain HTTP (a venue's own, on its own network) never pays for it.

The certificates are the ones httpx would load: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` when set, else certifi's
bundle. The context is otherwise what ``ssl.create_default_context()`` makes: certificates required, host
names checked.

May import: core. Never httpx (its import is what the load runs beside).
"""

from __future__ import annotations

import os
import ssl
import threading
from collections.abc import Iterable

from supportctl.core.errors import ConfigError

_lock = threading.Lock()
_context: ssl.SSLContext | None = None
_loader: threading.Thread | None = None
_failure: str | None = None


def context() -> ssl.SSLContext:
    """The one TLS context of the run, certificates loaded or not yet (``ready`` before a TLS request)."""
    global _context
    with _lock:
        if _context is None:
            _context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname, as by default
        return _context


def needed(urls: Iterable[str]) -> bool:
    """Will asking ``urls`` use TLS: one is ``https://`` (or an ``${ENV}`` reference that may be), or a proxy is
    set in the environment (httpx honours them, and one may be reached over TLS)?"""
    return proxied() or any(not u.strip().lower().startswith("http://") for u in urls)


def prefetch(urls: Iterable[str]) -> None:
    """Start loading the certificates when asking ``urls`` will need them."""
    if needed(urls):
        _start()


def ready() -> None:
    """Wait until the certificates are loaded (starting the load if nothing has). Raises ``ConfigError`` when
    they cannot be (``SSL_CERT_FILE`` names no readable bundle)."""
    loader = _start()
    loader.join()
    if _failure is not None:
        raise ConfigError(_failure, hint="point SSL_CERT_FILE (or SSL_CERT_DIR) at readable certificates, or unset it")


def loaded() -> bool:
    """Have the certificates been loaded (tests)?"""
    return _loader is not None and not _loader.is_alive() and _failure is None


def proxied() -> bool:
    """Is a proxy set in the environment (``HTTPS_PROXY``, ``http_proxy``, ``ALL_PROXY`` …)?"""
    return any(k.lower() in ("http_proxy", "https_proxy", "all_proxy") and v for k, v in os.environ.items())


def _start() -> threading.Thread:
    global _loader
    target = context()
    with _lock:
        if _loader is None:
            _loader = threading.Thread(target=_load, args=(target,), name="supportctl-certificates", daemon=True)
            _loader.start()
        return _loader


def _load(target: ssl.SSLContext) -> None:
    global _failure
    cafile, capath = os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
    try:
        if cafile:
            target.load_verify_locations(cafile=cafile)
        elif capath:
            target.load_verify_locations(capath=capath)
        else:
            import certifi

            target.load_verify_locations(cafile=certifi.where())
    except (OSError, ssl.SSLError, ValueError) as e:
        where = f"SSL_CERT_FILE ({cafile})" if cafile else f"SSL_CERT_DIR ({capath})" if capath else "certifi's bundle"
        _failure = f"cannot load the TLS certificates in {where}: {getattr(e, 'strerror', None) or e}"


def reset() -> None:
    """Forget the context and its certificates (tests that change SSL_CERT_FILE)."""
    global _context, _loader, _failure
    with _lock:
        if _loader is not None:
            _loader.join()
        _context, _loader, _failure = None, None, None
