"""The command-line options shared by the article commands, declared once.

Each alias carries its flag names and help. The translation, fetch and digest
settings are plain text here: ``tlsum.config`` checks them (bounds, choices) once,
the same way as their ``TLSUM_*`` variables and config-file keys.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

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
# The settings arrive as text, and tlsum.config checks them the same way as their
# TLSUM_* variables and config-file keys (so click reads no environment for them).


def _setting(*names: str, metavar: str, help: str) -> Any:
    return typer.Option(*names, metavar=metavar, show_default=False, help=help)


TimeoutOpt = Annotated[str | None, _setting("--timeout", metavar="S",
                                             help="Seconds for fetching one source, from "
                                             "connect to last byte, 0.1-600 [default: 20].")]
UserAgentOpt = Annotated[str | None, _setting("--user-agent", metavar="UA",
                                              help="User-Agent for HTTP requests (ASCII).")]
InputOpt = Annotated[str | None, _setting("--input", metavar="html|text",
                                          help="Treat the source as html or text "
                                          "instead of sniffing it.")]
OfflineOpt = Annotated[bool | None, typer.Option("--offline", help="Never touch the network.")]
PrivateOpt = Annotated[bool | None, typer.Option(
    "--allow-private-redirects",
    help="Follow redirects from a public address to a private or loopback one.")]
ToOpt = Annotated[str | None, _setting("--to", "--target", metavar="LANG",
                                       help="Target language (ISO 639-1) [default: en].")]
FromOpt = Annotated[str | None, _setting("--from", "--source-lang", metavar="LANG",
                                         help="Source language; detected by default.")]
ModelOpt = Annotated[str | None, _setting("--model", metavar="ID|PATH",
                                          help="Model id or path to use for translation "
                                               "(a bundled demo model such as toy-ru-en runs "
                                               "only when named here).")]
ModelsDirOpt = Annotated[str | None, _setting(
    "--models-dir", metavar="DIR", help="Model store directory [default: the user data dir].")]
DeviceOpt = Annotated[str | None, _setting("--device", metavar="cpu|cuda|auto",
                                           help="Where the model runs [default: cpu].")]
ComputeOpt = Annotated[str | None, _setting("--compute-type", metavar="TYPE",
                                            help="CTranslate2 compute type "
                                            "[default: int8 on CPU].")]
BeamOpt = Annotated[str | None, _setting("--beam-size", metavar="N",
                                         help="Beam size, 1-8 [default: 2].")]
ScopeOpt = Annotated[str | None, _setting("--translate", metavar="full|summary",
                                          help="full: translate the whole article; "
                                          "summary: only the summary and question "
                                          "sources (faster) [default: full].")]
ThreadsOpt = Annotated[str | None, _setting("--threads", metavar="N",
                                            help="Translations run in parallel, 1-16 "
                                            "(CTranslate2 inter_threads) [default: 2].")]
AutoPullOpt = Annotated[bool | None, typer.Option("--auto-pull",
                                                  help="When no model covers the language "
                                                  "pair, pull the suggested one first.")]
CacheOpt = Annotated[bool | None, typer.Option("--cache/--no-cache",
                                               help="Reuse sentence translations on disk.")]
SentencesOpt = Annotated[str | None, _setting("--sentences", metavar="N",
                                              help="At most N summary sentences, 1-50 "
                                              "[default: 4]; the summary also stops at "
                                              "about 56 words.")]
QuestionsOpt = Annotated[str | None, _setting("--questions", metavar="N",
                                              help="At most N questions, 0-50 [default: 6]; "
                                              "0: no questions section.")]
QuestionsModelOpt = Annotated[str | None, _setting(
    "--questions-model", metavar="ID|none",
    help="Instruct model (id or directory) that phrases the questions; none: the rules "
    "alone [default: the best installed one, else the rules].")]
SummaryOnlyOpt = Annotated[bool, typer.Option("--summary-only",
                                              help="Print only the summary, one sentence a line.")]
ShowSourceOpt = Annotated[bool, typer.Option("--show-source",
                                             help="Show the original sentences behind each item.")]

Engine = Literal["local", "ray"]  # tlsum batch --engine (tlsum.engines.ENGINES)
