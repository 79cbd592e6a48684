"""The values of the global options (``--format``, ``--lang``, ``--color``): the fixed vocabularies the command
line needs before anything else.

Kept apart from ``core.model``'s records (whose dataclasses take ~6 ms to build), so ``supportctl --help`` and
``--version`` never build them; ``core.model`` and ``commands`` re-export these names.
"""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    RICH = "rich"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"  # bulk only


class Lang(StrEnum):
    """The languages replies are written in: one catalog each (``replies/catalogs/<code>.toml``)."""

    EN = "en"
    ZH = "zh"  # Simplified Chinese
    ZH_HANT = "zh-hant"  # Traditional Chinese
    ES = "es"
    PT_BR = "pt-br"
    RU = "ru"
    TR = "tr"
    VI = "vi"
    KO = "ko"
    ID = "id"


class ColorMode(StrEnum):
    """``--color WHEN``: when the terminal view is coloured."""

    AUTO = "auto"  # on a terminal only
    ALWAYS = "always"  # through a pipe or into a file too
    NEVER = "never"
