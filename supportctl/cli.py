"""The command line. Thin: options are parsed here and each command's module does the work.

Heavy modules are imported inside the command that needs them, so ``--help`` and ``address`` start fast.
No ``from __future__ import annotations`` here: Typer reads each command's signature three times while it builds
the command tree, and string annotations are evaluated anew each time (5 ms of every run, bench/startup.py).
"""

import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer import _click  # imported by typer already; named for the annotations
from typer._types import TyperChoice

from supportctl.core.errors import ExitCode, SupportctlError
from supportctl.core.options import ColorMode, Format, Lang

# Not at import: --help and --version never build the pipeline's records (core.model, ~8 ms with commands); a
# command imports them when it runs.
if TYPE_CHECKING:
    from supportctl.commands import Context
    from supportctl.core.model import ChainKey

PROG = "supportctl"
COMPLETE_VAR = "_SUPPORTCTL_COMPLETE"  # Typer's completion protocol: the shell scripts set it to ask for words


def _examples(*pairs: tuple[str, str], note: str = "") -> str:
    """A command's help epilog: real commands, each under a comment saying what it shows, kept as written."""
    lines = [line for comment, command in pairs for line in (f"  # {comment}", f"  {command}")]
    return "Examples:\n\n\b\n" + "\n".join(lines) + (f"\n\n{note}" if note else "")


# Real values (tests/real/): the USDT transfer 0xccb6…8f to 0x6e15…45 on Ethereum, a Tron USDT transfer, an XRP
# payment with its destination tag. Each example runs as written (tests/test_cli_conventions.py parses them all).
ETH_TX = "0xccb6a445e136492b242d1c2c0221dc4afd4447c96601e88c156ec4d52e993b8f"
ETH_TO = "0x6e15887e2cec81434c16d587709f64603b39b545"
TRON_TX = "f34b092532cdf4550e36294ce3cd6335231a9fbf26c3e55d037069e144d857c3"
TRON_TO = "TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB"
XRP_TX = "3F437BAAC9E713F24DF2954EADB7BE80F608D8B758116298B999BA252DF4816C"
XRP_TO = "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh"
EIP55 = "0x52908400098527886E0F7030069857D2E4169EE7"

EPILOG = _examples(
    ("a deposit: on chain? to the customer's address? enough confirmations?",
     f"supportctl deposit {ETH_TX} --to {ETH_TO} --currency USDT"),
    ("everything in a ticket, as Markdown to paste back into it", "supportctl diagnose - -f markdown < ticket.txt"),
    ("which chains an address is valid on", f"supportctl address {EIP55} --chain bsc"),
    ("can every configured node be reached?", "supportctl doctor"),
    note="Global options go before or after the command. Exit status: 0 nothing needed from the customer, 1 a "
         "problem was diagnosed, 2 usage or input error, 3 could not tell (a source was unreachable or "
         "contradicted itself).",
)


# --- help and completion: how every command presents itself --------------------------------------------------

# The global options (main_options) a command also takes after its name: hoisted before parsing (``hoist``), so
# a command never parses them; it shows them in its help and completes them (``_global_params``).
GLOBAL_PARAMS = ("format", "lang", "config", "color", "no_color", "output", "redact", "quiet")
_CONFIG_META = "supportctl.config"  # --config given after the command, for completion (ctx.meta is shared)


def _global_params(ctx: _click.Context) -> list[_click.Parameter]:
    """Copies of the root's global options that take no value of their own (made once per command tree)."""
    import copy

    root = ctx.find_root().command
    if root is ctx.command:
        return []
    made: list[_click.Parameter] | None = getattr(root, "_supportctl_globals", None)
    if made is None:
        made = []
        for p in root.params:
            if p.name in GLOBAL_PARAMS:
                c = copy.copy(p)
                c.expose_value = False
                if p.name == "config":
                    c.callback = _remember_config
                made.append(c)
        root._supportctl_globals = made  # type: ignore[attr-defined]
    return made


def _remember_config(ctx: _click.Context, param: _click.Parameter, value: str | None) -> str | None:
    if value is not None:
        ctx.meta[_CONFIG_META] = value
    return value


def _format_options(cmd: _click.Command, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
    """Arguments, the command's own options, then the global options it takes after its name."""
    shared = _global_params(ctx)
    sections: dict[str, list[tuple[str, str]]] = {"Arguments": [], "Options": [], "Global options": []}
    for p in cmd.get_params(ctx):
        record = p.get_help_record(ctx)
        if record is None:
            continue
        if any(p is g for g in shared):
            sections["Global options"].append(record)
        else:
            sections["Arguments" if p.param_type_name == "argument" else "Options"].append(record)
    for title, rows in sections.items():
        if rows:
            with formatter.section(title + (" (before or after the command)" if title == "Global options" else "")):
                formatter.write_dl(rows)


def _summary(cmd: _click.Command) -> str:
    """The first paragraph of a command's help, whole: the command list wraps it rather than cutting it."""
    from typer._click.utils import make_default_short_help

    return cmd.short_help or make_default_short_help(cmd.help or "", max_length=10_000)


class _Presented(_click.Command):
    """How every command and group is presented: its summary whole in the command list, the global options in
    its help and completion."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return _summary(self)

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        return [*super().get_params(ctx), *_global_params(ctx)]

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _format_options(self, ctx, formatter)


class Command(_Presented, typer.core.TyperCommand):
    """A subcommand."""


class Group(_Presented, typer.core.TyperGroup):
    """A group of subcommands (checks, config, replies)."""

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


class Choice(TyperChoice[str]):
    """A choice (--format, --lang, --color) whose error suggests the closest value: 'jsn' → did you mean 'json'?
    ``meant`` maps what people commonly write to the value they mean (zh-cn → zh)."""

    def __init__(self, choices: list[str], meant: dict[str, str] | None = None) -> None:
        super().__init__(choices)
        self.meant = meant or {}

    def get_invalid_choice_message(self, value: Any, ctx: _click.Context | None) -> str:
        from supportctl.core.suggest import did_you_mean

        message = super().get_invalid_choice_message(value, ctx)
        typed = str(value).strip().lower()
        suggestion = (f"did you mean '{self.meant[typed]}'?" if typed in self.meant
                      else did_you_mean(typed, [str(c) for c in self.choices]))
        return f"{message.rstrip('.')} — {suggestion}" if suggestion else message


def _choice(enum: type[Format] | type[Lang] | type[ColorMode], meant: dict[str, str] | None = None) -> Choice:
    return Choice([m.value for m in enum], meant)


# Language tags people write for the languages supportctl has (BCP 47 regions and scripts, country codes).
LANG_MEANT = {"zh-cn": "zh", "zh-hans": "zh", "zh-sg": "zh", "cn": "zh", "zh-tw": "zh-hant", "zh-hk": "zh-hant",
              "tw": "zh-hant", "pt": "pt-br", "br": "pt-br", "kr": "ko", "in": "id", "en-us": "en", "en-gb": "en",
              "es-es": "es", "es-mx": "es"}


# Completers (commands/complete.py), by parameter name, given to the parameters only when a shell asks
# (``_attach_completers``): declared through Typer's ``autocompletion=`` they cost ~1 ms on every run.


def _config_given(ctx: _click.Context) -> str | None:
    path = ctx.meta.get(_CONFIG_META) or ctx.find_root().params.get("config")
    return path if isinstance(path, str) else None


def _completers() -> dict[str, Callable[[_click.Context, str], Sequence[str | tuple[str, str]]]]:
    from supportctl.commands import complete

    return {
        "chain": lambda ctx, typed: complete.chain_names(typed),
        "currency": lambda ctx, typed: complete.currencies(_config_given(ctx), typed),
        "code": lambda ctx, typed: complete.check_codes(typed),  # checks explain CODE
        "verdict": lambda ctx, typed: complete.verdicts(typed),  # replies show VERDICT
        "kind": lambda ctx, typed: complete.kinds(typed),
        "fail_on": lambda ctx, typed: complete.verdict_list(typed),
        "side": lambda ctx, typed: complete.matching(("buy", "sell"), typed),
        "type_": lambda ctx, typed: complete.matching(("limit", "market"), typed),
    }


def _attach_completers(command: _click.Command) -> None:
    from typer._click.shell_completion import CompletionItem

    completers = _completers()

    def attach(cmd: _click.Command) -> None:
        for param in cmd.params:
            found = completers.get(param.name or "")
            if found is None:
                continue

            def words(ctx: _click.Context, param: _click.Parameter, typed: str,
                      found: Callable[[_click.Context, str], Sequence[str | tuple[str, str]]] = found,
                      ) -> list[CompletionItem]:
                return [CompletionItem(w[0], help=w[1]) if isinstance(w, tuple) else CompletionItem(w)
                        for w in found(ctx, typed)]

            param._custom_shell_complete = words
        for sub in getattr(cmd, "commands", {}).values():
            attach(sub)

    attach(command)


app = typer.Typer(
    name=PROG,
    help="Diagnose crypto support tickets: facts from the chain, a verdict, a suggested reply.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
checks_app = typer.Typer(
    cls=Group, help="The checks supportctl runs, and what each one means.", no_args_is_help=True,
    rich_markup_mode=None, epilog=_examples(("every check with its code", "supportctl checks list"),
                                            ("what one looks at", "supportctl checks explain DEP003")),
)
config_app = typer.Typer(
    cls=Group, help="Show or create the configuration file.", no_args_is_help=True, rich_markup_mode=None,
    epilog=_examples(("the configuration in effect", "supportctl config show"),
                     ("a commented starter file", "supportctl config init")),
)
replies_app = typer.Typer(
    cls=Group, help="The replies' wording: check a venue's catalog, preview a reply.",
    no_args_is_help=True, rich_markup_mode=None,
    epilog=_examples(("a venue's catalog, checked", "supportctl replies check acme-replies.toml"),
                     ("a verdict's reply in Simplified Chinese",
                      "supportctl replies show wrong_network --kind deposit --lang zh")),
)
app.add_typer(checks_app, name="checks")
app.add_typer(config_app, name="config")
app.add_typer(replies_app, name="replies")

# Global options may be given before or after the subcommand: they are hoisted before parsing.
GLOBAL_VALUED = ("--format", "--lang", "--config", "--color", "--output", "-o")
GLOBAL_FLAGS = ("--no-color", "--redact", "--quiet", "-q")


# Commands whose answer is a diagnosis: a secret in their arguments is answered with `secret_exposed`.
# `diagnose` answers it beside the ticket's other items; every other command refuses the arguments.
_DIAGNOSING = frozenset({"address", "deposit", "withdrawal", "order", "order-check"})


def _ctx(tctx: typer.Context) -> "Context":
    from supportctl.commands import Context

    obj = tctx.find_root().obj
    assert isinstance(obj, Context)
    if obj.exposed and tctx.info_name != "diagnose":
        if tctx.info_name in _DIAGNOSING:
            from supportctl.commands import emit
            from supportctl.kinds.input import exposed

            raise typer.Exit(emit(obj, [exposed(kind, obj.lang) for kind in dict.fromkeys(obj.exposed)]))
        raise SupportctlError(f"a {obj.exposed[0]} was given on the command line: it was not used or shown",
                              hint="treat it as compromised; never paste keys or seed phrases into any tool")
    return obj


def _chain(value: str | None) -> "ChainKey | None":
    if value is None:
        return None
    from supportctl.core.registry import chain_key

    return chain_key(value)


def _print_version(value: bool) -> None:
    if value:
        from supportctl.commands import version_cmd

        sys.stdout.write(version_cmd.text())
        raise typer.Exit(ExitCode.OK)


@app.callback()
def main_options(
    tctx: typer.Context,
    format: Annotated[
        Format, typer.Option("--format", "-f", click_type=_choice(Format),
                             help="rich (terminal), json (JSONL), markdown; csv for bulk.")
    ] = Format.RICH,
    lang: Annotated[
        Lang, typer.Option("--lang", click_type=_choice(Lang, LANG_MEANT),
                           help="Language of the reply: en, zh, zh-hant, es, pt-br, ru, tr, vi, ko, id.")
    ] = Lang.EN,
    config: Annotated[
        str | None, typer.Option("--config", metavar="FILE",
                                 help="Config file (else $SUPPORTCTL_CONFIG, else the user config).")
    ] = None,
    color: Annotated[
        ColorMode | None, typer.Option("--color", metavar="WHEN", click_type=_choice(ColorMode),
                                       help="Colour: auto (on a terminal; the default), always (through pipes "
                                            "too), never. Else NO_COLOR / FORCE_COLOR decide.")
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (as --color never).")] = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write to FILE instead of stdout (a ticket attachment: .md → markdown)."),
    ] = None,
    redact: Annotated[
        bool, typer.Option("--redact", help="Mask customer addresses (6/4; look-alikes keep where they differ).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True, expose_value=False,
                           help="Print the versions of supportctl, Python and its libraries, and exit.")
    ] = False,
) -> None:
    """Diagnose crypto support tickets: facts from the chain, a verdict, a suggested reply."""
    from supportctl.commands import Context, color_mode

    exposed = tctx.obj if isinstance(tctx.obj, tuple) else ()  # secrets main() cut out of the arguments
    tctx.obj = Context(
        exposed=exposed,
        format=format,
        lang=lang,
        lang_given=_given(tctx, "lang"),
        config_path=config,
        color=(mode := color_mode(color, no_color, os.environ)) is not ColorMode.NEVER,
        force_color=mode is ColorMode.ALWAYS,
        output=output,
        redact=redact,
        quiet=quiet,
    )


def _given(tctx: typer.Context, name: str) -> bool:
    """Was the option written (on the command line, or in its environment variable), not left to its default?"""
    source = tctx.get_parameter_source(name)
    return source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT", "PROMPT")


@app.command(cls=Command, epilog=_examples(
    ("a USDT deposit on Ethereum, checked against the customer's deposit address",
     f"supportctl deposit {ETH_TX} --to {ETH_TO} --currency USDT"),
    ("the network the customer says they used: a chain or an alias (ERC20, BEP20, TRC20 …)",
     f"supportctl deposit {TRON_TX} --chain TRC20 --to {TRON_TO} --currency USDT"),
    ("an XRP deposit and the destination tag the customer was given",
     f"supportctl deposit {XRP_TX} --chain xrp --to {XRP_TO} --memo 109735445"),
    ("an explorer link names its chain; Markdown to paste into the ticket",
     f"supportctl deposit https://etherscan.io/tx/{ETH_TX} --to {ETH_TO} -f markdown"),
))
def deposit(
    tctx: typer.Context,
    tx: Annotated[str, typer.Argument(metavar="TX", help="Transaction hash or explorer link.")],
    chain: Annotated[
        str | None,
        typer.Option("--chain", "-c", metavar="CHAIN",
                     help="The network the customer says they used (ethereum, bsc, ERC20, BEP20 …)."),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="ADDRESS", help="The customer's deposit address.")
    ] = None,
    memo: Annotated[str | None, typer.Option("--memo", metavar="MEMO", help="The customer's memo/tag.")] = None,
    currency: Annotated[
        str | None, typer.Option("--currency", metavar="CUR",
                                 help="What the customer says they sent (USDT, ETH …).")
    ] = None,
) -> None:
    """Is a deposit on chain, and will it be credited?"""
    from supportctl.commands import deposit as cmd

    raise typer.Exit(cmd.run(_ctx(tctx), tx, _chain(chain), to, memo, currency))


@app.command(cls=Command, epilog=_examples(
    ("valid where? (an EVM address is valid on every EVM chain); is it for the network chosen?",
     f"supportctl address {EIP55} --chain bsc"),
    ("a Tron address for a USDT deposit", f"supportctl address {TRON_TO} --currency USDT"),
    ("an XRP X-address: the classic address and the tag it carries",
     "supportctl address XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi"),
    ("address poisoning: is the address the customer pasted a look-alike of theirs?",
     "supportctl address 0xc58bf2c862a9e5b31f2467842c22f5010b0c3379 --compare "
     "0x9531c059098e3d194ff87febb587ab07b30b1306"),
))
def address(
    tctx: typer.Context,
    addr: Annotated[str, typer.Argument(metavar="ADDRESS", help="The address to check.")],
    chain: Annotated[
        str | None, typer.Option("--chain", "-c", metavar="CHAIN",
                                 help="The network it is meant for.")
    ] = None,
    currency: Annotated[
        str | None, typer.Option("--currency", metavar="CUR",
                                 help="The asset it is meant for.")
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option("--compare", metavar="ADDRESS", help="Another address: is this one a look-alike of it?"),
    ] = None,
) -> None:
    """Where an address is valid; its checksum, memo and look-alikes."""
    from supportctl.commands import address as cmd

    raise typer.Exit(cmd.run(_ctx(tctx), addr, _chain(chain), currency, compare))


@app.command(cls=Command, epilog=_examples(
    ("a whole ticket from a file: every hash, link and address in it", "supportctl diagnose - < ticket.txt"),
    ("what the customer wrote, pasted as it is",
     f"supportctl diagnose \"I sent USDT to {ETH_TO}, tx https://etherscan.io/tx/{ETH_TX}\""),
    ("from the clipboard, as Markdown for the ticket (macOS; xclip -o on Linux)",
     "pbpaste | supportctl diagnose - -f markdown"),
))
def diagnose(
    tctx: typer.Context,
    text: Annotated[
        str, typer.Argument(metavar="TEXT|-", help="A hash, link, address or whole ticket; - reads stdin.")
    ],
) -> None:
    """Diagnose everything pasted: hashes, links, addresses, a ticket."""
    from supportctl.commands import diagnose as cmd

    raise typer.Exit(cmd.run(_ctx(tctx), text))


@app.command(cls=Command, epilog=_examples(
    ("the venue's record, the chain's confirmations, the fee arithmetic",
     f"supportctl withdrawal 4c3b1f2e9a --currency USDT --address {ETH_TO}"),
    ("by the txid the customer sent, when the venue finds withdrawals by it",
     f"supportctl withdrawal {ETH_TX} --currency USDT"),
    ("with the venue's rules read again, not from the cache", "supportctl withdrawal 4c3b1f2e9a --refresh"),
    note="Needs a venue ([venue] exchange = \"…\" in the config; keys from SUPPORTCTL_API_KEY …).",
))
def withdrawal(
    tctx: typer.Context,
    id: Annotated[
        str, typer.Argument(metavar="ID", help="The withdrawal ID (or its txid) from the customer's history.")
    ],
    currency: Annotated[
        str | None, typer.Option("--currency", metavar="CUR",
                                 help="The currency withdrawn (some venues need it).")
    ] = None,
    address: Annotated[
        str | None, typer.Option("--address", metavar="ADDRESS", help="The address the customer says they entered.")
    ] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Re-read the venue's rules, ignoring the cache.")] = False,
) -> None:
    """Where is a withdrawal: the venue's record, the chain, the fee."""
    from supportctl.commands import venue_cmds

    raise typer.Exit(venue_cmds.withdrawal(_ctx(tctx), id, currency, address, refresh))


_ORDER_CHECK_EXAMPLES = (
    ("would this limit order be accepted? step, tick, limits, notional, price band, balance",
     "supportctl order check BTC/USDT buy limit 0.015 60000"),
    ("what a market order would pay, walking the order book", "supportctl order check ETH/USDT sell market 0.5"),
)


@app.command(cls=Command, epilog=_examples(
    ("filled? still open, and how far from the market?", "supportctl order 28457 --symbol BTC/USDT"),
    *_ORDER_CHECK_EXAMPLES,
    note="Needs a venue ([venue] exchange = \"…\" in the config). 'order check' takes SYMBOL SIDE TYPE AMOUNT "
         "[PRICE].",
))
def order(
    tctx: typer.Context,
    id: Annotated[str, typer.Argument(metavar="ID", help="The order ID.")],
    symbol: Annotated[
        str, typer.Option("--symbol", "-s", metavar="BASE/QUOTE", help="The market, e.g. BTC/USDT.")
    ],
    refresh: Annotated[bool, typer.Option("--refresh", help="Re-read the venue's rules, ignoring the cache.")] = False,
) -> None:
    """What became of an order; `order check`: would one be accepted?"""
    from supportctl.commands import venue_cmds

    raise typer.Exit(venue_cmds.order(_ctx(tctx), id, symbol, refresh))


@app.command("order-check", cls=Command, hidden=True, epilog=_examples(*_ORDER_CHECK_EXAMPLES))
def order_check(
    tctx: typer.Context,
    symbol: Annotated[str, typer.Argument(metavar="SYMBOL", help="BASE/QUOTE, e.g. BTC/USDT")],
    side: Annotated[str, typer.Argument(metavar="SIDE", help="buy or sell")],
    type_: Annotated[
        str, typer.Argument(metavar="TYPE", help="limit or market")
    ],
    amount: Annotated[str, typer.Argument(metavar="AMOUNT", help="Amount of BASE")],
    price: Annotated[str | None, typer.Argument(metavar="[PRICE]", help="Limit price (limit orders)")] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Re-read the venue's rules, ignoring the cache.")] = False,
) -> None:
    """Would this order be accepted? Step and tick, limits, notional, price band, balance, slippage."""
    from supportctl.commands import venue_cmds

    raise typer.Exit(venue_cmds.order_check(_ctx(tctx), symbol, side, type_, amount, price, refresh))


@app.command(cls=Command, epilog=_examples(
    ("a CSV of tickets (kind,id,chain,to,currency,memo,symbol,ticket; only id required) to JSONL",
     "supportctl bulk tickets.csv -o results.jsonl"),
    ("after Ctrl-C, a kill or a crash: only the lines not yet answered",
     "supportctl bulk tickets.csv -o results.jsonl --resume"),
    ("one hash, link or address a line, from stdin", "cat hashes.txt | supportctl bulk - > results.jsonl"),
    ("CSV out for a spreadsheet; exit 1 if any row is one of these verdicts",
     "supportctl bulk tickets.csv -f csv --fail-on wrong_network,not_found > results.csv"),
))
def bulk(
    tctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="CSV with a header, JSONL, or one item a line.")],
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip lines already answered in --output (after a stop or a crash).")
    ] = False,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", metavar="VERDICT,…",
                                 help="Exit 1 if any row has one of these verdicts.")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(
        "--concurrency", metavar="N",
        help="At most N items looked up at once (default: the run finds the network's pace, from 128).")] = None,
) -> None:
    """Triage many tickets: one JSONL (or CSV) row per input line."""
    from supportctl.commands import bulk_cmd

    raise typer.Exit(bulk_cmd.run(_ctx(tctx), source, resume, fail_on, concurrency))


@app.command(cls=Command, epilog=_examples(
    ("the table bulk ends with, again: by verdict and by chain", "supportctl stats results.jsonl"),
    ("a self-contained page for a team lead: the chart, the tables, the tickets of each verdict",
     "supportctl stats results.jsonl --html report.html"),
    ("Markdown for a report, or JSON for scripts", "supportctl stats results.jsonl -f markdown > summary.md"),
))
def stats(
    tctx: typer.Context,
    results: Annotated[str, typer.Argument(metavar="RESULTS.jsonl", help="A bulk results file (or -).")],
    html: Annotated[
        str | None, typer.Option("--html", metavar="FILE", help="Also write a self-contained HTML report here.")
    ] = None,
) -> None:
    """Bulk's results again: by verdict and by chain (--html: a page)."""
    from supportctl.commands import stats_cmd

    raise typer.Exit(stats_cmd.run(_ctx(tctx), results, html))


@app.command(cls=Command, epilog=_examples(
    ("paste item after item; :help lists the commands (:lang zh, :format markdown, :copy, :paste, :quit)",
     "supportctl shell"),
    ("replies in Simplified Chinese, answers as Markdown", "supportctl shell --lang zh -f markdown"),
))
def shell(tctx: typer.Context) -> None:
    """A prompt to paste item after item (:lang zh, :copy, :help …)."""
    from supportctl.commands import shell_cmd

    raise typer.Exit(shell_cmd.run(_ctx(tctx)))


@checks_app.command("list", cls=Command, epilog=_examples(
    ("every check, its kind and what it asks", "supportctl checks list"),
    ("the codes alone, for scripts", "supportctl checks list -f json | jq -r .check"),
))
def checks_list(tctx: typer.Context) -> None:
    """List every check with its code."""
    from supportctl.commands import checks_cmd

    raise typer.Exit(checks_cmd.list_checks(_ctx(tctx)))


@checks_app.command("explain", cls=Command, epilog=_examples(
    ("what DEP003 looks at and which verdicts it gives", "supportctl checks explain DEP003"),
    ("codes are not case-sensitive; JSON for scripts", "supportctl checks explain dep012 -f json"),
))
def checks_explain(
    tctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="A check code, e.g. DEP003.")],
) -> None:
    """Explain what a check looks at and which verdicts it gives."""
    from supportctl.commands import checks_cmd

    raise typer.Exit(checks_cmd.explain(_ctx(tctx), code))


@config_app.command("show", cls=Command, epilog=_examples(
    ("the configuration in effect: chains, endpoints (host only), assets, venue", "supportctl config show"),
    ("another file's", "supportctl --config staging.toml config show"),
))
def config_show(tctx: typer.Context) -> None:
    """Print the effective configuration (secrets never shown)."""
    from supportctl.commands import config_cmd

    raise typer.Exit(config_cmd.show(_ctx(tctx)))


@config_app.command("init", cls=Command, epilog=_examples(
    ("a commented starter file in the user config directory", "supportctl config init"),
    ("somewhere else, replacing what is there", "supportctl config init --path ./supportctl.toml --force"),
))
def config_init(
    tctx: typer.Context,
    path: Annotated[
        str | None, typer.Option("--path", metavar="FILE",
                                 help="Where to write (default: --config, else the user config file).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter config file."""
    from supportctl.commands import config_cmd

    raise typer.Exit(config_cmd.init(_ctx(tctx), path, force))


@replies_app.command("check", cls=Command, epilog=_examples(
    ("a venue's catalog before it goes live: one line per problem", "supportctl replies check acme-replies.toml"),
    ("in CI: exit 2 on any problem", "supportctl replies check config/replies/acme.toml || exit 1"),
))
def replies_check(
    tctx: typer.Context, path: Annotated[str, typer.Argument(metavar="FILE", help="A reply catalog (TOML).")]
) -> None:
    """Check a venue's reply catalog: languages, kinds, verdicts, placeholders; one line per problem."""
    from supportctl.commands import replies_cmd

    raise typer.Exit(replies_cmd.check(_ctx(tctx), path))


@replies_app.command("show", cls=Command, epilog=_examples(
    ("a verdict's reply and its variants, in Simplified Chinese",
     "supportctl replies show wrong_network --kind deposit --lang zh"),
    ("a verdict several kinds share: say which", "supportctl replies show not_found --kind withdrawal"),
))
def replies_show(
    tctx: typer.Context,
    verdict: Annotated[str, typer.Argument(metavar="VERDICT", help="A verdict, e.g. confirmed.")],
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="KIND",
                                 help="deposit, withdrawal, order … (when ambiguous)")
    ] = None,
) -> None:
    """Preview a verdict's reply (and its variants) in --lang, with the venue's catalog if the config names one."""
    from supportctl.commands import replies_cmd

    raise typer.Exit(replies_cmd.show(_ctx(tctx), verdict, kind))


@app.command(cls=Command, epilog=_examples(
    ("every endpoint of every chain, and the venue: reachable? the right chain? current?", "supportctl doctor"),
    ("as Markdown for an incident ticket", "supportctl doctor -f markdown > doctor.md"),
    ("another config's endpoints", "supportctl --config staging.toml doctor"),
))
def doctor(tctx: typer.Context) -> None:
    """Can each configured source be reached, and is it current?"""
    from supportctl.commands import doctor as cmd

    raise typer.Exit(cmd.run(_ctx(tctx)))


@app.command(cls=Command, epilog=_examples(
    ("supportctl's version, then Python's and the libraries' (the same as --version and -V)", "supportctl version"),
    ("as JSON, for a bug report", "supportctl version -f json"),
))
def version(tctx: typer.Context) -> None:
    """The versions of supportctl, Python and the libraries it runs on."""
    from supportctl.commands import version_cmd

    raise typer.Exit(version_cmd.run(_ctx(tctx)))


def hoist(argv: list[str]) -> list[str]:
    """Move global options given after the subcommand to the front, so both orders work."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            rest += argv[i:]
            break
        name = a.split("=", 1)[0]
        if name in GLOBAL_VALUED or name == "-f":
            if "=" in a:
                front.append(a)
            else:
                front += argv[i : i + 2]
                i += 1
        elif a in GLOBAL_FLAGS:
            front.append(a)
        else:
            rest.append(a)
        i += 1
    return front + rest


def _order_check_alias(args: list[str]) -> list[str]:
    """``order check …`` is the hidden command ``order-check`` (``order`` itself takes an order ID)."""
    i = 0
    while i < len(args) and args[i].startswith("-"):  # global options (already hoisted to the front)
        i += 2 if (args[i] in GLOBAL_VALUED or args[i] == "-f") and "=" not in args[i] else 1
    if args[i : i + 2] == ["order", "check"]:
        return args[:i] + ["order-check"] + args[i + 2 :]
    return args


# A cheap first look for what ``secrets.find`` recognises: WIF (51-52 base58), extended keys, XRP seeds, 64 hex,
# twelve or more words, Chinese text. Most arguments (an address, a chain name) pass without loading the scanner.
_MAYBE_SECRET = re.compile(
    r"[1-9A-HJ-NP-Za-km-z]{51,52}|[xtyzuvYZ]prv|(?<![0-9A-Za-z])s[0-9A-Za-z]{27,31}(?![0-9A-Za-z])"
    r"|[0-9a-fA-F]{64}|(?:[A-Za-z]+[^A-Za-z]+){11}[A-Za-z]|[\u4e00-\u9fff]"
)
# An argument that is a bare 64-hex string and nothing else (a transaction hash) is never a secret to the scanner:
# a 64-hex key is one only with a key-ish word beside it (tests/test_secrets.py holds the two to agree).
_BARE_HASH = re.compile(r"(?:0x)?[0-9a-fA-F]{64}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every failure becomes one line on stderr and an exit status, never a traceback."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer.exceptions import Abort, Exit

    from supportctl.core import textio

    textio.setup_streams()  # UTF-8 with replacement, whatever the locale: no write fails, no raw byte passes
    args = hoist([textio.clean(a) for a in (sys.argv[1:] if argv is None else argv)])
    if args in (["--version"], ["-V"], ["version"]) and not os.environ.get(COMPLETE_VAR):
        from supportctl.commands import version_cmd  # the commonest way in, without building the command tree

        sys.stdout.write(version_cmd.text())
        return ExitCode.OK
    args = _order_check_alias(args)
    exposed: list[str] = []
    # The scanner itself is imported only when it can matter: never for a transaction hash alone (``_BARE_HASH``).
    if any(_MAYBE_SECRET.search(a) and not _BARE_HASH.fullmatch(a) for a in args):
        from supportctl.core import secrets

        args, exposed = secrets.scrub(args)  # before anything parses, echoes or sends them
    if os.environ.get(COMPLETE_VAR):
        command = typer.main.get_command(app)
        _attach_completers(command)
        _plain_completion_help()
    else:
        command = _command_tree(args)
    try:
        result = command.main(args=args, prog_name=PROG, complete_var=COMPLETE_VAR, standalone_mode=False,
                              obj=tuple(exposed))
        return int(result or 0)
    except Exit as e:
        return int(e.exit_code)
    except SystemExit as e:  # a completion answered, or --install-completion / --show-completion
        return e.code if isinstance(e.code, int) else int(e.code is not None)
    except NoArgsIsHelpError as e:
        sys.stdout.write((e.ctx.get_help() if e.ctx else "") + "\n")
        return ExitCode.OK
    except UsageError as e:
        where = (
            f" (see 'supportctl {e.ctx.command_path.split(' ', 1)[-1]} --help')"
            if e.ctx and " " in e.ctx.command_path
            else " (see 'supportctl --help')"
        )
        _fail(f"{e.format_message()}{where}")
        return ExitCode.USAGE
    except ClickException as e:
        _fail(e.format_message())
        return ExitCode.USAGE
    except SupportctlError as e:
        _fail(e.message, e.hint)
        return int(e.exit_code)
    except (KeyboardInterrupt, Abort):
        _fail("interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except Exception as e:  # the last resort: a bug, still one line and no traceback
        if os.environ.get("SUPPORTCTL_DEBUG"):
            raise
        _fail(f"internal error: {type(e).__name__}: {e}", "set SUPPORTCTL_DEBUG=1 for the traceback and report it")
        return ExitCode.UNKNOWN


def _command_tree(args: list[str]) -> _click.Command:
    """The click command tree to run ``args``: when they plainly name a command (after the global options), a tree
    of the root and that command alone; else the whole tree. Typer reads every command's signature to build its
    click command (~2 ms for all of them); a run needs one, and nothing it prints depends on the others."""
    name = _command_name(args)
    commands = [c for c in app.registered_commands
                if (c.name or typer.main.get_command_name(c.callback.__name__ if c.callback else "")) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if name is None or not (commands or groups):
        return typer.main.get_command(app)  # the root's help or errors list every command
    import copy

    alone = copy.copy(app)
    alone.registered_commands, alone.registered_groups = commands, groups
    return typer.main.get_command(alone)


def _command_name(args: list[str]) -> str | None:
    """The command ``args`` name after the global options (hoisted to the front); None when an option the root
    itself answers (--help, --version, completion) or one it does not know comes first."""
    i = 0
    while i < len(args) and args[i].startswith("-"):
        a = args[i]
        if a in GLOBAL_FLAGS:
            i += 1
        elif a.split("=", 1)[0] in (*GLOBAL_VALUED, "-f"):
            i += 1 if "=" in a else 2
        else:
            return None
    return args[i] if i < len(args) else None


def _plain_completion_help() -> None:
    """zsh, fish and PowerShell show each completion's help; Typer first strips rich markup from it through rich
    (50 ms of imports on every TAB). This CLI's help has no markup (``rich_markup_mode=None``): shown as it is."""
    from typer import _completion_classes

    _completion_classes._sanitize_help_text = lambda text: text


def _fail(message: str, hint: str | None = None) -> None:
    from supportctl.render.safe import literal

    line = f"supportctl: error: {literal(message)}"
    if hint:
        line += f" — {literal(hint)}"
    sys.stderr.write(line + "\n")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass

