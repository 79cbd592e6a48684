"""The command line. Thin: options are parsed here and each command's module does the work.

Heavy modules are imported inside the command that needs them, so ``--help`` and ``address`` start fast.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Annotated

import typer

from supportctl.commands import Context
from supportctl.core.errors import ExitCode, SupportctlError
from supportctl.core.model import ChainKey, Format, Lang

EPILOG = """\
Examples:

  supportctl deposit 0x5c50…e1 --chain ethereum --to 0xYourDepositAddress --currency USDT

  supportctl diagnose https://bscscan.com/tx/0x…

  pbpaste | supportctl diagnose - --format markdown

  supportctl address 0x52908400098527886E0F7030069857D2E4169EE7 --chain bsc

Exit status: 0 nothing needed from the customer, 1 a problem was diagnosed, 2 usage or input error,
3 could not tell (a source was unreachable or contradicted itself).
"""

app = typer.Typer(
    name="supportctl",
    help="Diagnose crypto support tickets: facts from the chain, a verdict, a suggested reply.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
checks_app = typer.Typer(
    help="The checks supportctl runs, and what each one means.", no_args_is_help=True, rich_markup_mode=None
)
config_app = typer.Typer(help="Show or create the configuration file.", no_args_is_help=True, rich_markup_mode=None)
replies_app = typer.Typer(
    help="The wording of the replies: check a venue's catalog, preview a verdict's reply.", no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(checks_app, name="checks")
app.add_typer(config_app, name="config")
app.add_typer(replies_app, name="replies")

# Global options may be given before or after the subcommand: they are hoisted before parsing.
GLOBAL_VALUED = ("--format", "--lang", "--config", "--output", "-o")
GLOBAL_FLAGS = ("--no-color", "--redact", "--quiet", "-q")


# Commands whose answer is a diagnosis: a secret in their arguments is answered with `secret_exposed`.
# `diagnose` answers it beside the ticket's other items; every other command refuses the arguments.
_DIAGNOSING = frozenset({"address", "deposit", "withdrawal", "order", "order-check"})


def _ctx(tctx: typer.Context) -> Context:
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


def _chain(value: str | None) -> ChainKey | None:
    if value is None:
        return None
    from supportctl.core.registry import chain_key

    return chain_key(value)


@app.callback()
def main_options(
    tctx: typer.Context,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="rich (terminal), json (JSONL), markdown; csv for bulk.")
    ] = Format.RICH,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the reply: en, zh, zh-hant, es, pt-br, ru, tr, vi, ko, id.")
    ] = Lang.EN,
    config: Annotated[
        str | None, typer.Option("--config", help="Config file (else $SUPPORTCTL_CONFIG, else the user config).")
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour in the terminal view.")] = False,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to FILE instead of stdout (a ticket attachment: .md → markdown)."),
    ] = None,
    redact: Annotated[
        bool, typer.Option("--redact", help="Mask customer addresses (6/4; look-alikes keep where they differ).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """Diagnose crypto support tickets: facts from the chain, a verdict, a suggested reply."""
    exposed = tctx.obj if isinstance(tctx.obj, tuple) else ()  # secrets main() cut out of the arguments
    tctx.obj = Context(
        exposed=exposed,
        format=format,
        lang=lang,
        lang_given=_given(tctx, "lang"),
        config_path=config,
        color=not no_color and "NO_COLOR" not in os.environ,
        output=output,
        redact=redact,
        quiet=quiet,
    )


def _given(tctx: typer.Context, name: str) -> bool:
    """Was the option written (on the command line, or in its environment variable), not left to its default?"""
    source = tctx.get_parameter_source(name)
    return source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT", "PROMPT")


@app.command()
def deposit(
    tctx: typer.Context,
    tx: Annotated[str, typer.Argument(metavar="TX", help="Transaction hash or explorer link.")],
    chain: Annotated[
        str | None,
        typer.Option("--chain", "-c", help="The network the customer says they used (ethereum, bsc, ERC20, BEP20 …)."),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="The customer's deposit address.")] = None,
    memo: Annotated[str | None, typer.Option("--memo", help="The customer's memo/tag.")] = None,
    currency: Annotated[
        str | None, typer.Option("--currency", help="What the customer says they sent (USDT, ETH …).")
    ] = None,
) -> None:
    """Is a deposit on chain, and will it be credited?

    \b
    Example: supportctl deposit 0x5c50…e1 --chain ethereum --to 0xabc… --currency USDT
    """
    from supportctl.commands import deposit as cmd

    raise typer.Exit(cmd.run(_ctx(tctx), tx, _chain(chain), to, memo, currency))


@app.command()
def address(
    tctx: typer.Context,
    addr: Annotated[str, typer.Argument(metavar="ADDRESS", help="The address to check.")],
    chain: Annotated[str | None, typer.Option("--chain", "-c", help="The network it is meant for.")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="The asset it is meant for.")] = None,
    compare: Annotated[
        str | None, typer.Option("--compare", help="Another address: is this one a look-alike of it?")
    ] = None,
) -> None:
    """Which chains an address is valid on; checksum, memo, look-alikes.

    \b
    Example: supportctl address 0x52908400098527886E0F7030069857D2E4169EE7 --chain bsc
    """
    from supportctl.commands import address as cmd

    raise typer.Exit(cmd.run(_ctx(tctx), addr, _chain(chain), currency, compare))


@app.command()
def diagnose(
    tctx: typer.Context,
    text: Annotated[
        str, typer.Argument(metavar="TEXT|-", help="A hash, link, address or whole ticket; - reads stdin.")
    ],
) -> None:
    """Diagnose everything pasted: hashes, links, addresses, a ticket.

    \b
    Example: supportctl diagnose - < ticket.txt
    """
    from supportctl.commands import diagnose as cmd

    raise typer.Exit(cmd.run(_ctx(tctx), text))


@app.command()
def withdrawal(
    tctx: typer.Context,
    id: Annotated[
        str, typer.Argument(metavar="ID", help="The withdrawal ID (or its txid) from the customer's history.")
    ],
    currency: Annotated[
        str | None, typer.Option("--currency", help="The currency withdrawn (some venues need it).")
    ] = None,
    address: Annotated[
        str | None, typer.Option("--address", help="The address the customer says they entered.")
    ] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Re-read the venue's rules, ignoring the cache.")] = False,
) -> None:
    """Where is a withdrawal: the venue's record, the chain, the fee.

    \b
    Example: supportctl withdrawal 4c3b1f… --currency USDT --address 0xabc…
    """
    from supportctl.commands import venue_cmds

    raise typer.Exit(venue_cmds.withdrawal(_ctx(tctx), id, currency, address, refresh))


@app.command()
def order(
    tctx: typer.Context,
    id: Annotated[str, typer.Argument(metavar="ID", help="The order ID.")],
    symbol: Annotated[str, typer.Option("--symbol", "-s", help="The market, BASE/QUOTE (e.g. BTC/USDT).")],
    refresh: Annotated[bool, typer.Option("--refresh", help="Re-read the venue's rules, ignoring the cache.")] = False,
) -> None:
    """What became of an order (and `order check`: would it be accepted?).

    \b
    Example: supportctl order 28457 --symbol BTC/USDT
    Pre-trade: supportctl order check SYMBOL SIDE TYPE AMOUNT [PRICE]
    """
    from supportctl.commands import venue_cmds

    raise typer.Exit(venue_cmds.order(_ctx(tctx), id, symbol, refresh))


@app.command("order-check", hidden=True)
def order_check(
    tctx: typer.Context,
    symbol: Annotated[str, typer.Argument(help="BASE/QUOTE")],
    side: Annotated[str, typer.Argument(help="buy or sell")],
    type_: Annotated[str, typer.Argument(metavar="TYPE", help="limit or market")],
    amount: Annotated[str, typer.Argument(help="Amount of BASE")],
    price: Annotated[str | None, typer.Argument(help="Limit price (limit orders)")] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Re-read the venue's rules, ignoring the cache.")] = False,
) -> None:
    """Would this order be accepted? Step and tick, limits, notional, price band, balance, slippage.

    \b
    Example: supportctl order check BTC/USDT buy limit 0.01 60000
    """
    from supportctl.commands import venue_cmds

    raise typer.Exit(venue_cmds.order_check(_ctx(tctx), symbol, side, type_, amount, price, refresh))


@app.command()
def bulk(
    tctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="CSV with a header, JSONL, or one item a line.")],
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip lines already answered in --output (after a stop or a crash).")
    ] = False,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", metavar="VERDICT,…", help="Exit 1 if any row has one of these verdicts.")
    ] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Items diagnosed at once.")] = 16,
) -> None:
    """Triage many tickets: one JSONL (or --format csv) row per input line, in order.

    \b
    Example: supportctl bulk tickets.csv -o results.jsonl; supportctl stats results.jsonl --html report.html
    CSV columns: kind,id,chain,to,currency,memo,symbol,ticket (only id required); JSONL takes the same keys.
    """
    from supportctl.commands import bulk_cmd

    raise typer.Exit(bulk_cmd.run(_ctx(tctx), source, resume, fail_on, concurrency))


@app.command()
def stats(
    tctx: typer.Context,
    results: Annotated[str, typer.Argument(metavar="RESULTS.jsonl", help="A bulk results file (or -).")],
    html: Annotated[str | None, typer.Option("--html", help="Also write a self-contained HTML report here.")] = None,
) -> None:
    """The end-of-run table again, from a bulk results file: by verdict and by chain.

    \b
    Example: supportctl stats results.jsonl --html report.html
    """
    from supportctl.commands import stats_cmd

    raise typer.Exit(stats_cmd.run(_ctx(tctx), results, html))


@app.command()
def shell(tctx: typer.Context) -> None:
    """An interactive prompt: paste item after item (:lang zh, :format markdown, :copy, :help).

    \b
    Example: supportctl shell
    """
    from supportctl.commands import shell_cmd

    raise typer.Exit(shell_cmd.run(_ctx(tctx)))


@checks_app.command("list")
def checks_list(tctx: typer.Context) -> None:
    """List every check with its code."""
    from supportctl.commands import checks_cmd

    raise typer.Exit(checks_cmd.list_checks(_ctx(tctx)))


@checks_app.command("explain")
def checks_explain(
    tctx: typer.Context, code: Annotated[str, typer.Argument(help="A check code, e.g. DEP003.")]
) -> None:
    """Explain what a check looks at and which verdicts it gives."""
    from supportctl.commands import checks_cmd

    raise typer.Exit(checks_cmd.explain(_ctx(tctx), code))


@config_app.command("show")
def config_show(tctx: typer.Context) -> None:
    """Print the effective configuration (secrets never shown)."""
    from supportctl.commands import config_cmd

    raise typer.Exit(config_cmd.show(_ctx(tctx)))


@config_app.command("init")
def config_init(
    tctx: typer.Context,
    path: Annotated[
        str | None, typer.Option("--path", help="Where to write (default: --config, else the user config file).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter config file."""
    from supportctl.commands import config_cmd

    raise typer.Exit(config_cmd.init(_ctx(tctx), path, force))


@replies_app.command("check")
def replies_check(
    tctx: typer.Context, path: Annotated[str, typer.Argument(metavar="FILE", help="A reply catalog (TOML).")]
) -> None:
    """Check a venue's reply catalog: languages, kinds, verdicts, placeholders; one line per problem.

    \b
    Example: supportctl replies check acme-replies.toml
    """
    from supportctl.commands import replies_cmd

    raise typer.Exit(replies_cmd.check(_ctx(tctx), path))


@replies_app.command("show")
def replies_show(
    tctx: typer.Context,
    verdict: Annotated[str, typer.Argument(help="A verdict, e.g. confirmed.")],
    kind: Annotated[str | None, typer.Option("--kind", help="deposit, withdrawal, order … (when ambiguous)")] = None,
) -> None:
    """Preview a verdict's reply (and its variants) in --lang, with the venue's catalog if the config names one.

    \b
    Example: supportctl replies show wrong_network --lang zh
    """
    from supportctl.commands import replies_cmd

    raise typer.Exit(replies_cmd.show(_ctx(tctx), verdict, kind))


@app.command()
def doctor(tctx: typer.Context) -> None:
    """Can each configured source be reached, and is it current?"""
    from supportctl.commands import doctor as cmd

    raise typer.Exit(cmd.run(_ctx(tctx)))


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


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every failure becomes one line on stderr and an exit status, never a traceback."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer.exceptions import Abort, Exit

    from supportctl.core import textio

    textio.setup_streams()  # UTF-8 with replacement, whatever the locale: no write fails, no raw byte passes
    args = hoist([textio.clean(a) for a in (sys.argv[1:] if argv is None else argv)])
    args = _order_check_alias(args)
    exposed: list[str] = []
    if any(_MAYBE_SECRET.search(a) for a in args):  # the scanner itself is imported only when it can matter
        from supportctl.core import secrets

        args, exposed = secrets.scrub(args)  # before anything parses, echoes or sends them
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="supportctl", standalone_mode=False, obj=tuple(exposed))
        return int(result or 0)
    except Exit as e:
        return int(e.exit_code)
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

