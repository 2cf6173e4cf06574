"""The command-line options shared by the article commands, declared once.

Each alias carries its flag names, environment variable and help; choices are the
``Literal`` types of ``tlsum.options`` and ``tlsum.render``, so they are written once.
"""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from tlsum.options import InputKind
from tlsum.render import Format

SourceArg = Annotated[str, typer.Argument(metavar="SOURCE",
                                          help="An http(s) URL, a file path, or - for stdin.")]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", envvar="TLSUM_FORMAT",
                                                  help="Output format [default: text].")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", envvar="TLSUM_QUIET",
                                        help="No progress or warnings on stderr.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", envvar="TLSUM_VERBOSE",
                                          help="Show tracebacks of unexpected errors.")]
TimeoutOpt = Annotated[float | None, typer.Option(
    envvar="TLSUM_TIMEOUT", min=0.1,
    help="Seconds for fetching one source, from connect to last byte [default: 20].")]
UserAgentOpt = Annotated[str | None, typer.Option(envvar="TLSUM_USER_AGENT",
                                                  help="User-Agent for HTTP requests.")]
InputOpt = Annotated[InputKind | None, typer.Option("--input", envvar="TLSUM_INPUT",
                                                    help="Treat the source as html or text "
                                                    "instead of sniffing it.")]
PrivateOpt = Annotated[bool | None, typer.Option(
    "--allow-private-redirects", envvar="TLSUM_ALLOW_PRIVATE_REDIRECTS",
    help="Follow redirects from a public address to a private or loopback one.")]
OfflineOpt = Annotated[bool | None, typer.Option("--offline", envvar="TLSUM_OFFLINE",
                                                 help="Never touch the network.")]
ToOpt = Annotated[str | None, typer.Option("--to", "--target", envvar="TLSUM_TO",
                                           help="Target language (ISO 639-1) [default: en].")]
FromOpt = Annotated[str | None, typer.Option("--from", "--source-lang", envvar="TLSUM_FROM",
                                             help="Source language; detected by default.")]
ModelOpt = Annotated[str | None, typer.Option(envvar="TLSUM_MODEL",
                                              help="Model id or path to use for translation.")]
Device = Literal["cpu", "cuda", "auto"]
DeviceOpt = Annotated[Device | None, typer.Option(envvar="TLSUM_DEVICE",
                                                  help="cpu, cuda or auto [default: cpu].")]
ComputeOpt = Annotated[str | None, typer.Option(envvar="TLSUM_COMPUTE_TYPE",
                                                help="CTranslate2 compute type "
                                                "[default: int8 on CPU].")]
BeamOpt = Annotated[int | None, typer.Option(envvar="TLSUM_BEAM_SIZE", min=1,
                                             help="Beam size [default: 2].")]
Scope = Literal["full", "summary"]
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
