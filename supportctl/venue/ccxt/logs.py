"""Keeping keys and signatures out of every message and log line that leaves the ccxt venue.

``scrub_credentials`` cleans a text; ``RedactingLogger`` stands in for ccxt's request logger; a filter on urllib3's and
requests' loggers (``guard_http_logs``) cleans what they log of the signed URLs ccxt asks for. The filter knows
the credentials of every live venue through ``remember_secrets`` / ``forget_secrets``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["RedactingLogger", "forget_secrets", "guard_http_logs", "log", "remember_secrets", "scrub_credentials"]

log = logging.getLogger("supportctl.venue.ccxt")

_SECRET_PARAM = re.compile(
    r"(?i)\b(signature|sign|sig|api[_-]?key|apikey|access[_-]?key|secret|passphrase|password|token)=([^&\s\"'<>]+)"
)
_URL_QUERY = re.compile(r"((?:https?://[^\s/?#\"'<>]+)?/[^\s?#\"'<>]*)\?[^\s#\"'<>]+")
_SECRET_FIELD = re.compile(
    r"""(?ix)
    (["']?[\w-]*(?:sign|key|secret|passphrase|password|token|auth)[\w-]*["']?\s*[:=]\s*)  # a header / field name
    (["'])[^"']*\2                                                                     # its quoted value
    """
)


def scrub_credentials(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` without the given secrets, any ``signature=…`` (or key/secret/token) parameter, any URL query
    string (signed URLs) and the value of any quoted field whose name says key, sign, secret or token."""
    out = str(text)
    for s in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        out = out.replace(s, "***")
    out = _SECRET_PARAM.sub(r"\1=***", out)
    out = _URL_QUERY.sub(r"\1?<redacted>", out)
    return _SECRET_FIELD.sub(r"\1\2***\2", out)


class RedactingLogger:
    """Stands in for ccxt's ``exchange.logger``: ccxt logs every request's headers (API key, passphrase,
    signature) and signed URL at DEBUG. This keeps the method, the URL without its query and the status."""

    def __init__(self, secrets: Callable[[], Iterable[str | None]]) -> None:
        self._secrets = secrets

    def _emit(self, level: int, msg: object, args: tuple[Any, ...]) -> None:
        if not log.isEnabledFor(level):
            return
        text = str(msg)
        if text.startswith("%s %s, Request") and len(args) >= 2:
            line = f"{args[0]} {args[1]} (request)"
        elif text.startswith("%s %s, Response") and len(args) >= 3:
            line = f"{args[0]} {args[1]} -> {args[2]}"
        else:
            try:
                line = text % args if args else text
            except (TypeError, ValueError):
                line = text
        log.log(level, "%s", scrub_credentials(line, self._secrets()))

    def debug(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.DEBUG, msg, args)

    def info(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.INFO, msg, args)

    def warning(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.WARNING, msg, args)

    def error(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.ERROR, msg, args)

    def exception(self, msg: object, *args: Any, **_: Any) -> None:
        self._emit(logging.ERROR, msg, args)


class _RedactFilter(logging.Filter):
    """On urllib3's connection-pool logger, which logs every URL (signature included) at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep only the format
            message = str(record.msg)
        record.msg, record.args = scrub_credentials(message, _all_secrets()), ()
        return True


_LIVE_SECRETS: dict[int, list[str]] = {}  # id(venue) -> its credentials, for the urllib3 filter
_FILTER = _RedactFilter("supportctl")


def remember_secrets(owner: object, secrets: Iterable[str]) -> None:
    """The credentials of a live venue, for the HTTP loggers' filter to take out."""
    _LIVE_SECRETS[id(owner)] = list(secrets)


def forget_secrets(owner: object) -> None:
    _LIVE_SECRETS.pop(id(owner), None)


def _all_secrets() -> list[str]:
    return [s for secrets in list(_LIVE_SECRETS.values()) for s in secrets]


def guard_http_logs() -> None:
    """Put the redacting filter on the loggers of the HTTP libraries ccxt uses (once; idempotent)."""
    for name in ("urllib3.connectionpool", "urllib3.util.retry", "requests"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
