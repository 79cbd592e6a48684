""""Did you mean …?": the names close to one that was mistyped (a chain, a config key, a format, a check code).

One home for the suggestion every "unknown name" error makes, so they all read alike. ``difflib`` is imported only
when a name was wrong.
"""

from __future__ import annotations

from collections.abc import Iterable


def close_names(word: str, names: Iterable[str], *, limit: int = 3) -> list[str]:
    """The names nearest to ``word`` (case ignored), best first: ``difflib``'s close matches; failing those, the
    names ``word`` begins with or is the beginning of (``pt`` → ``pt-br``, ``zh-cn`` → ``zh``)."""
    import difflib

    typed = word.strip().lower()
    if not typed:
        return []
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(name.lower(), name)
    found = difflib.get_close_matches(typed, list(by_lower), n=limit, cutoff=0.6)
    if not found and len(typed) >= 2:
        found = [n for n in by_lower if len(n) >= 2 and (n.startswith(typed) or typed.startswith(n))]
    return [by_lower[n] for n in found[:limit]]


def did_you_mean(word: str, names: Iterable[str]) -> str | None:
    """``"did you mean 'ethereum'?"`` (or ``'a' or 'b'``), or None when nothing is close."""
    found = close_names(word, names)
    if not found:
        return None
    quoted = [f"'{n}'" for n in found]
    return "did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"
