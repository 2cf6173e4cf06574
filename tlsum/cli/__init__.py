"""Command line: a thin layer that turns flags into ``Options`` and prints results.

The CLI package is the only place that prints, reads the terminal's capabilities,
and maps the ``TlsumError`` tree to exit codes (``tlsum.cli.exitcodes``). One module
per command group: the article commands here, ``batch`` and ``models`` beside them;
shared option declarations in ``params``, printing in ``output``.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

import tlsum.errors as e
from tlsum.cli import failures
from tlsum.cli.exitcodes import (
    EPILOG,
    EXIT_CODES,
    EXIT_FETCH,
    EXIT_INSTALL,
    EXIT_INTERRUPTED,
    EXIT_MODEL,
    EXIT_NO_ARTICLE,
    EXIT_NO_MODEL,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    exit_code,
)
from tlsum.cli.output import Spinner, emit, interactive, progress
from tlsum.cli.params import (
    AutoPullOpt,
    BeamOpt,
    CacheOpt,
    ComputeOpt,
    DeviceOpt,
    Engine,
    FormatOpt,
    FromOpt,
    InputOpt,
    JsonOpt,
    ModelOpt,
    ModelsDirOpt,
    OfflineOpt,
    PrivateOpt,
    QuestionsModelOpt,
    QuestionsOpt,
    QuietOpt,
    ScopeOpt,
    SentencesOpt,
    ShowSourceOpt,
    SourceArg,
    SummaryOnlyOpt,
    ThreadsOpt,
    TimeoutOpt,
    ToOpt,
    UserAgentOpt,
    VerboseOpt,
)
from tlsum.cli.usage import PlainUsageGroup
from tlsum.version import __version__

if TYPE_CHECKING:
    from tlsum.options import Options
    from tlsum.render import Format
    from tlsum.types import Result

__all__ = ["EXIT_CODES", "EXIT_FETCH", "EXIT_INSTALL", "EXIT_INTERRUPTED", "EXIT_MODEL",
           "EXIT_NO_ARTICLE", "EXIT_NO_MODEL", "EXIT_OK", "EXIT_UNEXPECTED", "EXIT_USAGE",
           "app", "exit_code", "main"]


class DefaultGroup(PlainUsageGroup):
    """Route an unknown first argument to ``summarize``, so ``tlsum URL`` works.

    The same idea as the click-default-group package, in a few lines: Click
    would otherwise take the URL for a subcommand name.
    """

    default_command = "summarize"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's bundled click Context
        """Insert the default command name unless a subcommand or --help/--version leads."""
        group_flags = {*ctx.help_option_names, "--version"}
        if args and args[0] not in self.commands and args[0] not in group_flags:
            _refuse_misspelt_command(args, sorted(self.commands))
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _refuse_misspelt_command(args: list[str], commands: list[str]) -> None:
    """``tlsum summarise FILE``: a usage error naming the command meant, not a fetch error.

    The first word is taken for a misspelt command when it is no file, URL or
    flag and is one edit away from a command, or, with more words after it
    (a SOURCE stands alone), close to one.
    """
    import difflib

    word = args[0]
    if word.startswith("-") or "/" in word or "." in word or os.path.exists(word):
        return
    near = [c for c in commands if _one_edit(word.lower(), c)]
    if not near and len([a for a in args[1:] if not a.startswith("-")]) > 0:
        near = difflib.get_close_matches(word.lower(), commands, n=1, cutoff=0.6)
    if near:
        raise e.UsageError(f"no such command or file '{word}'; did you mean '{near[0]}'? "
                           "(see 'tlsum --help')")


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of
    neighbours (a word equal to a command is that command, handled before)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


app = typer.Typer(
    cls=DefaultGroup,
    help="Summarize a news article (URL, file or - for stdin) and list its unresolved "
    "questions, translating it first with a local CTranslate2 model.\n\n"
    "tlsum SOURCE is short for tlsum summarize SOURCE. Every setting can also come from "
    "TLSUM_<OPTION> (TLSUM_BEAM_SIZE=4, TLSUM_FROM=ru) or the config file "
    "(keys are the option names).",
    epilog=EPILOG,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tlsum {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Summarize news articles and list their open questions."""


@app.command()
def summarize(
    ctx: typer.Context, source: SourceArg, fmt: FormatOpt = None, json_: JsonOpt = False,
    sentences: SentencesOpt = None, questions: QuestionsOpt = None,
    questions_model: QuestionsModelOpt = None,
    summary_only: SummaryOnlyOpt = False, show_source: ShowSourceOpt = False,
    to: ToOpt = None, source_lang: FromOpt = None, model: ModelOpt = None,
    models_dir: ModelsDirOpt = None,
    device: DeviceOpt = None, compute_type: ComputeOpt = None, beam_size: BeamOpt = None,
    threads: ThreadsOpt = None, auto_pull: AutoPullOpt = None,
    cache: CacheOpt = None, translate: ScopeOpt = None, input_: InputOpt = None,
    timeout: TimeoutOpt = None, user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    allow_private_redirects: PrivateOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Print a short summary and the article's unresolved questions (the main job)."""
    from tlsum.pipeline import summarize as run
    from tlsum.render import View

    options = _options(ctx)
    with progress(quiet) as spinner:
        result = run(source, options, stdin=_stdin(source), on_stage=spinner,
                     installer=_installer(options, spinner))
    view = View("summarize", show_source=show_source, summary_only=summary_only,
                questions=options.digest.questions > 0)
    emit(result, view, _format(fmt, json_), quiet)


@app.command()
def extract(
    ctx: typer.Context, source: SourceArg, fmt: FormatOpt = None, json_: JsonOpt = False,
    input_: InputOpt = None, source_lang: FromOpt = None, timeout: TimeoutOpt = None,
    user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    allow_private_redirects: PrivateOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Print the cleaned article: site chrome removed, no translation."""
    from tlsum.render import View

    result = _prepared(source, _options(ctx), quiet, translate=False)
    emit(result, View("extract"), _format(fmt, json_), quiet)


@app.command()
def translate(
    ctx: typer.Context, source: SourceArg, fmt: FormatOpt = None, json_: JsonOpt = False,
    to: ToOpt = None, source_lang: FromOpt = None, model: ModelOpt = None,
    models_dir: ModelsDirOpt = None,
    device: DeviceOpt = None, compute_type: ComputeOpt = None, beam_size: BeamOpt = None,
    threads: ThreadsOpt = None, auto_pull: AutoPullOpt = None,
    cache: CacheOpt = None, input_: InputOpt = None, timeout: TimeoutOpt = None,
    user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    allow_private_redirects: PrivateOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Print the article translated into the target language, paragraph by paragraph."""
    from tlsum.render import View

    result = _prepared(source, _options(ctx), quiet, translate=True)
    emit(result, View("translate"), _format(fmt, json_), quiet)


@app.command()
def batch(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE",
                                        help="One source (URL or path) a line; - for stdin.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the JSON Lines here instead of stdout.")] = None,
    resume_: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted run: skip the sources already in --output.",
    )] = False,
    engine: Annotated[Engine, typer.Option(
        metavar="local|ray",
        help="local: threads and this process; ray: a Ray cluster (pip install 'tlsum[ray]')."),
    ] = "local",
    address: Annotated[str | None, typer.Option(
        metavar="HOST:PORT", help="--engine ray: the cluster to join (ray start --head prints it); "
        "default: start Ray here.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=32, metavar="N", help=(
        "Sources fetched at the same time (local), or Ray workers (ray), 1-32.")),
    ] = 4,
    sentences: SentencesOpt = None, questions: QuestionsOpt = None,
    questions_model: QuestionsModelOpt = None,
    to: ToOpt = None, source_lang: FromOpt = None, model: ModelOpt = None,
    models_dir: ModelsDirOpt = None,
    device: DeviceOpt = None, compute_type: ComputeOpt = None, beam_size: BeamOpt = None,
    threads: ThreadsOpt = None, auto_pull: AutoPullOpt = None,
    cache: CacheOpt = None, input_: InputOpt = None, timeout: TimeoutOpt = None,
    user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    allow_private_redirects: PrivateOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Digest many sources: JSON Lines out (the --json schema plus "source", or "error").

    Input is read and output written as it goes (constant memory), in input
    order: each line as soon as it and every line before it are done, flushed,
    so an interrupted run keeps them and --resume goes on from there. A
    progress bar with rate and ETA shows on an interactive stderr. Exit code 0
    when every source succeeded; otherwise 8 and a one-line summary on stderr,
    and each failed line carries its own exit code in "error.code".
    """
    import tlsum.cli.batch as b
    from tlsum.engines import batch as run_batch

    options = _options(ctx)
    if resume_ and output is None:
        raise e.UsageError("--resume needs --output FILE (the file to continue)")
    with b.source_list(file) as sources:
        done = b.resume(sources, output) if resume_ and output and output.is_file() else 0
        items = run_batch(sources, options, engine=engine, workers=jobs, address=address,
                          installer=_installer(options, Spinner()))
        if interactive(quiet):
            items = b.with_progress(items, b.count_sources(file), done)
        with b.open_output(output, resuming=done > 0) as out:
            written, failed = b.write_records(items, out)
    if failed:
        failures.say(b.failure_summary(written, failed))
        raise typer.Exit(EXIT_PARTIAL)


# ---------------------------------------------------------------- helpers


def _options(ctx: typer.Context) -> Options:
    """The current command's flags (None: not given) → ``Options``, config file underneath.

    typer's context holds every parsed parameter by name; ``build_options`` takes the
    settings among them and ignores display flags such as ``--json``.
    """
    from tlsum.config import build_options

    params = dict(ctx.params)
    params["input"] = params.pop("input_", None)
    return build_options(params)


def _prepared(source: str, options: Options, quiet: bool, *, translate: bool) -> Result:
    """Load SOURCE and segment it, translating when asked (extract and translate commands)."""
    from tlsum.pipeline import load, prepare

    with progress(quiet) as spinner:
        article = load(source, options, stdin=_stdin(source), on_stage=spinner)
        return prepare(article, options, translate=translate, on_stage=spinner,
                       installer=_installer(options, spinner))


def _format(fmt: Format | None, json_: bool) -> Format:
    return "json" if json_ else (fmt or "text")


def _stdin(source: str) -> BinaryIO | None:
    """stdin as bytes for ``-``; refuse to wait on a terminal with nothing piped."""
    if source != "-":
        return None
    if sys.stdin is None or sys.stdin.isatty():
        raise e.UsageError("SOURCE is '-' but nothing is piped to stdin; usage: "
                           "command | tlsum -, or tlsum URL|FILE (see tlsum --help)")
    return sys.stdin.buffer


def _installer(options: Options, spinner: Spinner) -> Callable[[str], None]:
    """What ``--auto-pull`` runs: the same pull as ``tlsum models pull``, bars on stderr."""
    def install(name: str) -> None:
        from tlsum.cli.models import install_for_run

        with spinner.paused():
            install_for_run(name, options.translate.models_dir, options.fetch.offline)

    return install


def _mount_subcommands() -> None:
    """Add ``tlsum models …`` when that module is present."""
    try:
        from tlsum.cli.models import models_app
    except ModuleNotFoundError:
        return
    app.add_typer(models_app, name="models", help="List, pull, import and remove models.")


_mount_subcommands()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every failure into one line and an exit code."""
    argv = sys.argv[1:] if argv is None else argv
    verbose = bool({"-v", "--verbose"} & set(argv)) or bool(os.environ.get("TLSUM_VERBOSE"))
    failures.show_library_warnings(bool({"-q", "--quiet"} & set(argv))
                                   or bool(os.environ.get("TLSUM_QUIET")))
    try:
        code = app(args=argv, prog_name="tlsum", standalone_mode=False)
    except typer.Exit as stop:
        return int(stop.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        failures.interrupted()
    except e.TlsumError as error:
        failures.say(str(error))
        return exit_code(error)
    except typer.TyperException as error:  # click's: bad flags, missing SOURCE, ...
        if failures.help_shown(error):
            return EXIT_OK
        failures.say(failures.usage_message(error))
        return EXIT_USAGE
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (tlsum … | head): not an error
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the one top-level net for bugs
        if verbose:
            traceback.print_exc()
        failures.say(f"unexpected error: {type(error).__name__}: {error} "
                     "(run with -v for the traceback)", prefix="tlsum: ")
        return EXIT_UNEXPECTED
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into Exit(130), which click returns
        failures.interrupted()
    return code if isinstance(code, int) else EXIT_OK  # typer.Exit(n) arrives as a return value


if __name__ == "__main__":
    raise SystemExit(main())
