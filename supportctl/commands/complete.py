"""Shell completion: what ``supportctl … <TAB>`` offers for chains, currencies, check codes and verdicts.

Typer runs these when the shell asks (``_SUPPORTCTL_COMPLETE``, see ``supportctl --show-completion``). Each answer
is quick and never fails: a broken or missing config completes currencies from the built-in defaults, and any
other error completes nothing rather than printing a traceback into the prompt. Options that take a FILE have no
completer: the shell then completes file names itself.

Candidates keep the case the user started typing (``erc<TAB>`` → ``erc20``, ``ERC<TAB>`` → ``ERC20``): shells
only offer words that begin with what is already typed.
"""

from __future__ import annotations

from collections.abc import Iterable


def chain_names(incomplete: str) -> list[str]:
    """Canonical chain keys, then their aliases (those without a space: a shell word has none)."""
    from supportctl.core.registry import CHAINS

    names = list(CHAINS) + [a for s in CHAINS.values() for a in s.aliases if " " not in a]
    return matching(names, incomplete)


def currencies(config_path: str | None, incomplete: str) -> list[str]:
    """The currencies of the config's ``[[assets]]`` (the built-in ones when the config cannot be read)."""
    try:
        from supportctl.core import config

        names = sorted({a.currency for a in config.load(config_path).assets})
    except Exception:  # noqa: BLE001 - a broken config must not break the prompt
        names = _builtin_currencies()
    return matching(names, incomplete)


def check_codes(incomplete: str) -> list[tuple[str, str]]:
    """Every check's code, with its name as the help zsh and fish show beside it."""
    try:
        from supportctl import checks

        named: dict[str, str] = {str(c.code): c.name for c in checks.registry()}
    except Exception:  # noqa: BLE001 - a broken plugin must not break the prompt
        return []
    return [(code, named.get(code.upper(), "")) for code in matching(named, incomplete)]


def verdicts(incomplete: str) -> list[str]:
    from supportctl.core.model import Verdict

    return matching([v.value for v in Verdict], incomplete)


def verdict_list(incomplete: str) -> list[str]:
    """``--fail-on wrong_network,not_f<TAB>``: the verdict after the last comma."""
    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + v for v in verdicts(last)]


def kinds(incomplete: str) -> list[str]:
    from supportctl.core.model import Kind

    return matching([k.value for k in Kind if k is not Kind.INPUT], incomplete)


def matching(names: Iterable[str], incomplete: str) -> list[str]:
    """The names that begin with ``incomplete`` (case ignored), in the case it was typed in."""
    typed = incomplete.lower()
    out: list[str] = []
    for name in dict.fromkeys(names):
        if not name.lower().startswith(typed):
            continue
        if incomplete.islower():
            out.append(name.lower())
        elif incomplete.isupper():
            out.append(name.upper())
        else:
            out.append(incomplete + name[len(incomplete):])
    return out


def _builtin_currencies() -> list[str]:
    try:
        import tomllib

        from supportctl.core.config import DEFAULTS

        rows = tomllib.loads(DEFAULTS.read_text("utf-8")).get("assets", [])
        return sorted({str(r["currency"]).upper() for r in rows if isinstance(r, dict) and "currency" in r})
    except Exception:  # noqa: BLE001
        return []
