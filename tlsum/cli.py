"""Command line: a thin layer that turns flags into ``Options`` and prints results.

This is the only module that prints, reads the terminal's capabilities, and
maps the ``TlsumError`` tree to exit codes (see ``EXIT_CODES``).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tlsum import __version__
from tlsum import errors as e

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_FETCH = 3
EXIT_NO_ARTICLE = 4
EXIT_NO_MODEL = 5
EXIT_MODEL = 6
EXIT_INSTALL = 7
EXIT_INTERRUPTED = 130

# Most specific first: the first matching class decides the exit code.
EXIT_CODES: tuple[tuple[type[e.TlsumError], int], ...] = (
    (e.UsageError, EXIT_USAGE),
    (e.FetchError, EXIT_FETCH),
    (e.NoArticleError, EXIT_NO_ARTICLE),
    (e.NoModelError, EXIT_NO_MODEL),
    (e.ModelError, EXIT_MODEL),
    (e.ModelStoreError, EXIT_INSTALL),
)

EPILOG = (
    "Exit codes: 0 ok; 1 unexpected error (-v shows the traceback); 2 usage; "
    "3 fetch failed; 4 no article text found; 5 no model for the language pair; "
    "6 model broken or incompatible; 7 model install failed; 130 interrupted."
)


class DefaultGroup(TyperGroup):
    """Route an unknown first argument to ``summarize``, so ``tlsum URL`` works.

    The same idea as the click-default-group package, in a few lines: Click
    would otherwise take the URL for a subcommand name.
    """

    default_command = "summarize"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Insert the default command name unless a subcommand or --help/--version leads."""
        group_flags = {*ctx.help_option_names, "--version"}
        if args and args[0] not in self.commands and args[0] not in group_flags:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultGroup,
    help="Summarize a news article (URL, file or - for stdin) and list its unresolved "
    "questions, translating it first with a local CTranslate2 model.\n\n"
    "tlsum SOURCE is short for tlsum summarize SOURCE.",
    epilog=EPILOG,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    """Output formats; text becomes rich panels on a colour terminal."""

    text = "text"
    markdown = "markdown"
    json = "json"


class InputKind(str, Enum):
    """How to treat the fetched content: sniffed by default."""

    auto = "auto"
    html = "html"
    text = "text"


class Device(str, Enum):
    """Where CTranslate2 runs."""

    cpu = "cpu"
    cuda = "cuda"
    auto = "auto"


# Options shared by the article commands, declared once.
SourceArg = Annotated[str, typer.Argument(metavar="SOURCE",
                                          help="An http(s) URL, a file path, or - for stdin.")]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", envvar="TLSUM_FORMAT",
                                                  help="Output format [default: text].")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", envvar="TLSUM_QUIET",
                                        help="No progress or warnings on stderr.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", envvar="TLSUM_VERBOSE",
                                          help="Show tracebacks of unexpected errors.")]
TimeoutOpt = Annotated[float | None, typer.Option(envvar="TLSUM_TIMEOUT", min=0.1,
                                                  help="Network timeout in seconds [default: 20].")]
UserAgentOpt = Annotated[str | None, typer.Option(envvar="TLSUM_USER_AGENT",
                                                  help="User-Agent for HTTP requests.")]
InputOpt = Annotated[InputKind | None, typer.Option("--input", envvar="TLSUM_INPUT",
                                                    help="Treat the source as html or text "
                                                    "instead of sniffing it.")]
OfflineOpt = Annotated[bool | None, typer.Option("--offline", envvar="TLSUM_OFFLINE",
                                                 help="Never touch the network.")]
ToOpt = Annotated[str | None, typer.Option("--to", "--target", envvar="TLSUM_TO",
                                           help="Target language (ISO 639-1) [default: en].")]
FromOpt = Annotated[str | None, typer.Option("--from", "--source-lang", envvar="TLSUM_FROM",
                                             help="Source language; detected by default.")]
ModelOpt = Annotated[str | None, typer.Option(envvar="TLSUM_MODEL",
                                              help="Model id or path to use for translation.")]
DeviceOpt = Annotated[Device | None, typer.Option(envvar="TLSUM_DEVICE",
                                                  help="cpu, cuda or auto [default: cpu].")]
ComputeOpt = Annotated[str | None, typer.Option(envvar="TLSUM_COMPUTE_TYPE",
                                                help="CTranslate2 compute type "
                                                "[default: int8 on CPU].")]
BeamOpt = Annotated[int | None, typer.Option(envvar="TLSUM_BEAM_SIZE", min=1,
                                             help="Beam size [default: 2].")]
class Scope(str, Enum):
    """How much of a foreign article to translate."""

    full = "full"
    summary = "summary"


ScopeOpt = Annotated[Scope | None, typer.Option("--translate", envvar="TLSUM_TRANSLATE",
                                                help="full: translate the whole article; "
                                                "summary: only the summary and question "
                                                "sources (faster) [default: full].")]
ThreadsOpt = Annotated[int | None, typer.Option("--threads", envvar="TLSUM_THREADS", min=1,
                                               help="Translations run in parallel "
                                               "(CTranslate2 inter_threads) [default: 2].")]
AutoPullOpt = Annotated[bool | None, typer.Option("--auto-pull", envvar="TLSUM_AUTO_PULL",
                                                  help="When no model covers the language "
                                                  "pair, pull the suggested one first.")]
CacheOpt = Annotated[bool | None, typer.Option("--cache/--no-cache", envvar="TLSUM_CACHE",
                                               help="Reuse sentence translations on disk.")]
SentencesOpt = Annotated[int | None, typer.Option(envvar="TLSUM_SENTENCES", min=1,
                                                  help="At most N summary sentences [default: 4].")]
QuestionsOpt = Annotated[int | None, typer.Option(envvar="TLSUM_QUESTIONS", min=0,
                                                  help="At most N questions [default: 6].")]
SummaryOnlyOpt = Annotated[bool, typer.Option("--summary-only",
                                              help="Print only the summary, one sentence a line.")]
ShowSourceOpt = Annotated[bool, typer.Option("--show-source",
                                             help="Show the original sentences behind each item.")]


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
    source: SourceArg, fmt: FormatOpt = None, json_: JsonOpt = False,
    sentences: SentencesOpt = None, questions: QuestionsOpt = None,
    summary_only: SummaryOnlyOpt = False, show_source: ShowSourceOpt = False,
    to: ToOpt = None, source_lang: FromOpt = None, model: ModelOpt = None,
    device: DeviceOpt = None, compute_type: ComputeOpt = None, beam_size: BeamOpt = None,
    threads: ThreadsOpt = None, auto_pull: AutoPullOpt = None,
    cache: CacheOpt = None, translate: ScopeOpt = None, input_: InputOpt = None,
    timeout: TimeoutOpt = None, user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Print a short summary and the article's unresolved questions (the main job)."""
    from tlsum.pipeline import summarize as run
    from tlsum.render import View

    options = _options(dict(locals()))
    with _progress(quiet) as spinner:
        result = run(source, options, stdin=_stdin(source), on_stage=spinner,
                     installer=_installer(options, spinner))
    view = View("summarize", show_source=show_source, summary_only=summary_only)
    _emit(result, view, _format(fmt, json_), quiet)


@app.command()
def extract(
    source: SourceArg, fmt: FormatOpt = None, json_: JsonOpt = False,
    input_: InputOpt = None, source_lang: FromOpt = None, timeout: TimeoutOpt = None,
    user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Print the cleaned article: site chrome removed, no translation."""
    from tlsum.render import View

    result = _prepared(source, _options(dict(locals())), quiet, translate=False)
    _emit(result, View("extract"), _format(fmt, json_), quiet)


@app.command()
def translate(
    source: SourceArg, fmt: FormatOpt = None, json_: JsonOpt = False,
    to: ToOpt = None, source_lang: FromOpt = None, model: ModelOpt = None,
    device: DeviceOpt = None, compute_type: ComputeOpt = None, beam_size: BeamOpt = None,
    threads: ThreadsOpt = None, auto_pull: AutoPullOpt = None,
    cache: CacheOpt = None, input_: InputOpt = None, timeout: TimeoutOpt = None,
    user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Print the article translated into the target language, paragraph by paragraph."""
    from tlsum.render import View

    result = _prepared(source, _options(dict(locals())), quiet, translate=True)
    _emit(result, View("translate"), _format(fmt, json_), quiet)


@app.command()
def batch(
    file: Annotated[str, typer.Argument(metavar="FILE",
                                        help="One source (URL or path) a line; - for stdin.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=32,
                                      help="Sources fetched at the same time.")] = 4,
    sentences: SentencesOpt = None, questions: QuestionsOpt = None,
    to: ToOpt = None, source_lang: FromOpt = None, model: ModelOpt = None,
    device: DeviceOpt = None, compute_type: ComputeOpt = None, beam_size: BeamOpt = None,
    threads: ThreadsOpt = None, auto_pull: AutoPullOpt = None,
    cache: CacheOpt = None, input_: InputOpt = None, timeout: TimeoutOpt = None,
    user_agent: UserAgentOpt = None, offline: OfflineOpt = None,
    quiet: QuietOpt = False, verbose: VerboseOpt = False,
) -> None:
    """Digest many sources: JSON Lines out (the --json schema plus "source", or "error").

    Exit code 0 when every source succeeded; otherwise 1, and each failed line
    carries its own documented exit code in "error.code".
    """
    from tlsum.commands.batch import run_batch

    options = _options(dict(locals()))
    if run_batch(file, options, jobs, _installer(options, _Spinner())):
        raise typer.Exit(EXIT_UNEXPECTED)


# ---------------------------------------------------------------- helpers


def _options(flags: dict[str, Any]) -> Any:
    """CLI values (None: not given) → ``Options``, with the config file underneath."""
    from tlsum.config import build_options

    renamed = {"input": flags.pop("input_", None)}
    values = {k: (v.value if isinstance(v, Enum) else v) for k, v in {**flags, **renamed}.items()}
    return build_options(values)


def _prepared(source: str, options: Any, quiet: bool, *, translate: bool) -> Any:
    """Load SOURCE and segment it, translating when asked (extract and translate commands)."""
    from tlsum.pipeline import load, prepare

    with _progress(quiet) as spinner:
        article = load(source, options, stdin=_stdin(source), on_stage=spinner)
        return prepare(article, options, translate=translate, on_stage=spinner,
                       installer=_installer(options, spinner))


def _format(fmt: Format | None, json_: bool) -> Format:
    return Format.json if json_ else (fmt or Format.text)


def _stdin(source: str) -> Any:
    """stdin as bytes for ``-``; refuse to wait on a terminal with nothing piped."""
    if source != "-":
        return None
    if sys.stdin is None or sys.stdin.isatty():
        raise e.UsageError("SOURCE is '-' but nothing is piped to stdin")
    return sys.stdin.buffer


def _plain() -> bool:
    """Plain text unless stdout is a colour-capable terminal."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


class _Spinner:
    """The current stage on stderr (interactive stderr only); pausable for download bars."""

    def __init__(self, status: Any = None) -> None:
        self.status = status

    def __call__(self, stage: str) -> None:
        if self.status is not None:
            self.status.update(f"{stage}…")

    @contextmanager
    def paused(self) -> Iterator[None]:
        """rich shows one live display at a time: stop the spinner while bars run."""
        if self.status is not None:
            self.status.stop()
        try:
            yield
        finally:
            if self.status is not None:
                self.status.start()


@contextmanager
def _progress(quiet: bool) -> Iterator[_Spinner]:
    """A spinner on stderr naming the current stage, only on an interactive stderr."""
    if quiet or not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        yield _Spinner()
        return
    from rich.console import Console

    with Console(stderr=True).status("Starting") as status:
        yield _Spinner(status)


def _installer(options: Any, spinner: _Spinner) -> Callable[[str], None]:
    """What ``--auto-pull`` runs: the same pull as ``tlsum models pull``, bars on stderr."""
    def install(name: str) -> None:
        from tlsum.commands.models import install_for_run

        with spinner.paused():
            install_for_run(name, options.translate.models_dir, options.fetch.offline)

    return install


def _emit(result: Any, view: Any, fmt: Format, quiet: bool) -> None:
    """Print the result in the chosen format and warnings on stderr."""
    from tlsum import render

    if not quiet:
        for warning in result.warnings:
            typer.echo(f"tlsum: warning: {warning}", err=True)
    if fmt is Format.json:
        import json

        typer.echo(json.dumps(render.to_json(result, view), ensure_ascii=False, indent=2))
    elif fmt is Format.markdown:
        typer.echo(render.to_markdown(result, view), nl=False)
    elif _plain():
        typer.echo(render.to_text(result, view), nl=False)
    else:
        from rich.console import Console

        Console().print(render.to_rich(result, view))


def _mount_subcommands() -> None:
    """Add ``tlsum models …`` when that module is present."""
    try:
        from tlsum.commands.models import models_app
    except ModuleNotFoundError:
        return
    app.add_typer(models_app, name="models", help="List, pull, import and remove models.")


_mount_subcommands()


def exit_code(error: e.TlsumError) -> int:
    """The documented exit code for a tlsum error."""
    return next((code for cls, code in EXIT_CODES if isinstance(error, cls)), EXIT_UNEXPECTED)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every failure into one line and an exit code."""
    argv = sys.argv[1:] if argv is None else argv
    verbose = bool({"-v", "--verbose"} & set(argv)) or bool(os.environ.get("TLSUM_VERBOSE"))
    try:
        code = app(args=argv, prog_name="tlsum", standalone_mode=False)
    except typer.Exit as stop:
        return int(stop.exit_code)
    except typer.Abort:
        typer.echo("tlsum: aborted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        typer.echo("tlsum: interrupted", err=True)
        return EXIT_INTERRUPTED
    except e.TlsumError as error:
        typer.echo(f"tlsum: error: {error}", err=True)
        return exit_code(error)
    except typer.TyperException as error:  # click usage errors: bad flags, missing SOURCE
        show = getattr(error, "show", None)
        show() if show else typer.echo(f"tlsum: error: {error}", err=True)
        return int(getattr(error, "exit_code", EXIT_USAGE))
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (tlsum … | head): not an error
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the one top-level net for bugs
        if verbose:
            traceback.print_exc()
        typer.echo(f"tlsum: unexpected error: {type(error).__name__}: {error} "
                   "(run with -v for the traceback)", err=True)
        return EXIT_UNEXPECTED
    return code if isinstance(code, int) else EXIT_OK  # typer.Exit(n) arrives as a return value


if __name__ == "__main__":
    raise SystemExit(main())
