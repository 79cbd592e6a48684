"""ccxt's exceptions as the venue layer's own (``supportctl.venue.interface``), each with a hint to act on.

The boundary is ``call``: it runs one ccxt call and turns whatever ccxt raises into a ``VenueError`` (or
``VenueAuthError``, ``VenueRateLimited``, ``VenueUnsupported``) naming the venue and what was being done.
Messages go through ``scrub_credentials`` and are never chained onto ccxt's exceptions: their text carries signed URLs.
ccxt is imported only inside ``call`` and ``translate``, which run once ccxt is loaded anyway.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from supportctl.core.errors import SupportctlError
from supportctl.venue.ccxt.logs import scrub_credentials
from supportctl.venue.interface import VenueAuthError, VenueError, VenueRateLimited, VenueUnsupported

__all__ = ["call", "translate", "unknown_exchange"]

T = TypeVar("T")


def call(fn: Callable[[], T], *, venue: str, what: str, secrets: Sequence[str], key_names: Callable[[], str]) -> T:
    """``fn()``, with ccxt's exceptions (and any other a ccxt parser trips into) as the venue layer's own.
    supportctl's own errors pass through. ``key_names`` gives the environment variables to name in an auth hint."""
    import ccxt  # type: ignore[import-untyped]

    try:
        return fn()
    except SupportctlError:
        raise
    except ccxt.BaseError as e:
        raise translate(e, venue=venue, what=what, secrets=secrets, key_names=key_names) from None
    except Exception as e:  # a ccxt parser tripping over an unexpected answer
        text = scrub_credentials(str(e), secrets)[:200]
        raise VenueError(f"{venue}: unexpected answer to {what}: {type(e).__name__}: {text}") from None


def translate(
    e: Exception, *, venue: str, what: str, secrets: Sequence[str], key_names: Callable[[], str]
) -> VenueError:
    """One ccxt exception as a ``VenueError`` of the matching kind, its text redacted and cut to 300 characters."""
    import ccxt

    text = " ".join(scrub_credentials(str(e), secrets).split())
    if len(text) > 300:
        text = text[:297] + "..."
    msg = f"{venue}: {what} failed: {type(e).__name__}: {text}" if text else f"{venue}: {what} failed"
    if isinstance(e, ccxt.AuthenticationError):  # PermissionDenied and AccountSuspended are kinds of it
        return VenueAuthError(
            msg,
            hint=f"check {key_names()}: the key must be valid, allowed from this IP and able to read the account",
        )
    if isinstance(e, ccxt.RateLimitExceeded | ccxt.DDoSProtection):
        return VenueRateLimited(
            msg, hint="rate limited by the venue (HTTP 429): it asked us to slow down; back off and retry in a minute"
        )
    if isinstance(e, ccxt.NetworkError):  # ExchangeNotAvailable, OnMaintenance, RequestTimeout, InvalidNonce
        return VenueError(msg, hint="the venue could not be reached or is in maintenance; retry later")
    if isinstance(e, ccxt.BadSymbol):
        return VenueUnsupported(msg, hint="check the symbol: BASE/QUOTE as the venue lists it, e.g. BTC/USDT")
    if isinstance(e, ccxt.NotSupported | ccxt.ArgumentsRequired):
        return VenueUnsupported(msg)
    return VenueError(msg)


def unknown_exchange(exchange_id: str, known: Iterable[str]) -> VenueUnsupported:
    """An exchange id ccxt does not have, with the closest ids it does have as the hint."""
    exid = exchange_id.strip().lower()
    close = difflib.get_close_matches(exid, list(known), n=5, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}?" if close else "any ccxt exchange id (ccxt.exchanges)"
    return VenueUnsupported(f"unknown exchange {exchange_id.strip()!r}", hint=hint)
