"""``tlsum models …``: list, find, pull, import, remove, inspect and convert models.

Only typer is imported at module level so that ``tlsum --help`` stays instant;
every command imports what it needs. Library errors (``ModelStoreError`` and
friends) propagate to ``tlsum.cli.main``, which prints one line and maps them
to exit codes. Progress bars and prompts live here, never in the library.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tlsum.cli.modeltables import (
    DEMO_GROUP,
    demo_models,
    echo_models,
    echo_table,
    find_with_demos,
    langs,
)
from tlsum.cli.usage import PlainUsageGroup

if TYPE_CHECKING:
    from collections.abc import Callable

    from tlsum.models.registry import PullPlan
    from tlsum.models.store import InstalledModel, ModelStore

models_app = typer.Typer(
    cls=PlainUsageGroup,
    help="List, pull, import, remove and convert translation and instruct models.",
    no_args_is_help=True,
)

# Checked by tlsum.config like every setting: the flag, else TLSUM_MODELS_DIR / TLSUM_OFFLINE,
# else the config file.
ModelsDirOpt = Annotated[
    str | None,
    typer.Option("--models-dir", metavar="DIR",
                 help="Model store directory [default: the user data dir].", show_default=False),
]
OfflineOpt = Annotated[
    bool,
    typer.Option("--offline", help="Never touch the network (also TLSUM_OFFLINE=1)."),
]


def _store(models_dir: str | None) -> ModelStore:
    from tlsum.config import setting
    from tlsum.models.store import ModelStore

    return ModelStore(setting("models_dir", models_dir))


def _offline(flag: bool) -> bool:
    """--offline, TLSUM_OFFLINE=1 or ``offline = true`` in the config file (checked once)."""
    from tlsum.config import setting
    from tlsum.dirs import offline

    return offline(bool(setting("offline", True if flag else None)))


def _codes(flag: str, values: list[str] | None) -> tuple[str, ...]:
    """Language codes given to ``convert``, checked and lower-cased like ``--to``."""
    from tlsum.config import language_flag

    return tuple(str(language_flag(flag, value)) for value in values or ())


@models_app.command("list")
def list_models(models_dir: ModelsDirOpt = None,
                as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False
                ) -> None:
    """Show the installed models (translation, then instruct models), then the bundled demos."""
    from tlsum.cli.instruct import echo_instruct, split_instruct

    store = _store(models_dir)
    models, demos = store.models(), demo_models()
    if as_json:
        import json

        typer.echo(json.dumps([{**m.manifest.to_dict(), "path": str(m.path),
                                "problem": m.check() or None, "demo": demo}
                               for group, demo in ((models, False), (demos, True))
                               for m in group], indent=2, ensure_ascii=False))
        return
    if models:
        translation, instruct = split_instruct(models)
        if translation:
            echo_models(translation)
        echo_instruct(instruct, {m.id: m.check() for m in instruct})
        problems = sum(bool(m.check()) for m in models)
        note = (f"; {problems} broken (tlsum models remove ID, then install it again)"
                if problems else "")
        typer.echo(f"\n{len(models)} model(s) in {store.root}{note}")
    else:
        typer.echo(f"No models installed in {store.root}. See `tlsum models available`.")
    if demos:
        typer.echo(f"\n{DEMO_GROUP} (used only when named: --model ID):")
        echo_models(demos)


def _echo_registry(src: str | None, tgt: str | None, installed: set[str]) -> int:
    """One block per registry entry: what it is, how to install it, how good it is."""
    from tlsum.models.registry import candidates

    # translation models first, best first; the instruct models (no languages) after them
    entries = sorted(candidates(src, tgt), key=lambda e: e.format == "instruct")
    for e in entries:
        size = f"{e.size_mb} MB" if e.size_mb else "size unknown"
        mark = "  [installed]" if e.id in installed else ""
        kind = ("question phrasing" if e.format == "instruct"
                else f"{e.languages} languages, any pair" if e.languages > len(e.sources)
                else langs(e.sources, e.targets))
        typer.echo(f"{e.id}  {kind}  {e.format}  {size}  "
                   f"license: {e.license or 'see ' + (e.license_url or 'the model card')}{mark}")
        typer.echo(f"    install: {e.command}")
        if e.quality:
            source = f" [source: {e.quality_source}]" if e.quality_source else ""
            typer.echo(f"    quality: {e.quality}{source}")
    return len(entries)


def _argos_rows(src: str | None, tgt: str | None, installed: set[str],
                known: set[str]) -> list[list[str]]:
    from tlsum.models.download import make_client
    from tlsum.models.registry import argos_packages

    with make_client() as client:
        packages = argos_packages(client)
    rows = []
    for p in packages:
        name = f"argos:{p['from_code']}-{p['to_code']}"
        if name in known or (src and p["from_code"] != src) or (tgt and p["to_code"] != tgt):
            continue
        known.add(name)
        mark = "yes" if f"argos-{p['from_code']}-{p['to_code']}" in installed else ""
        rows.append([name, f"{p['from_code']}→{p['to_code']}",
                     str(p.get("package_version", "")), mark])
    return rows


@models_app.command("available")
def available(
    src: Annotated[str | None, typer.Option("--from", help="Source language (ISO 639-1).")] = None,
    tgt: Annotated[str | None, typer.Option("--to", help="Target language (ISO 639-1).")] = None,
    offline: OfflineOpt = False,
    models_dir: ModelsDirOpt = None,
) -> None:
    """Models you can pull: the bundled registry plus the argos package index."""
    from tlsum.config import language_flag
    from tlsum.errors import ModelStoreError
    from tlsum.models.registry import load_registry

    src, tgt = language_flag("--from", src), language_flag("--to", tgt)
    installed = {m.id for m in _store(models_dir).models()}
    typer.echo("Recommended (bundled registry, best first):")
    shown = _echo_registry(src, tgt, installed)
    if _offline(offline):
        typer.echo("offline: showing the bundled registry only (argos index not contacted)",
                   err=True)
        rows = []
    else:
        try:
            rows = _argos_rows(src, tgt, installed, {e.pull for e in load_registry() if e.pull})
        except ModelStoreError as err:
            rows = []
            typer.echo(f"tlsum: warning: argos index unavailable: {err}", err=True)
    if rows:
        typer.echo("\nAlso in the argos package index (tlsum models pull NAME):")
        echo_table(["NAME", "LANGUAGES", "VERSION", "INSTALLED"], rows)
    if not (shown or rows):
        typer.echo("No known model covers that language pair.")


def _license_prompt(accept: bool) -> Callable[[PullPlan], bool]:
    """The confirm callback: show the license, then ask (TTY) or require --accept-license."""
    def confirm(plan: PullPlan) -> bool:
        if accept:
            return True
        typer.echo(f"{plan.model_id} is licensed {plan.license}: non-commercial use only.\n"
                   f"Terms: {plan.license_url or plan.origin}", err=True)
        if not sys.stdin.isatty():
            typer.echo("stdin is not a terminal: pass --accept-license to accept it.", err=True)
            return False
        return typer.confirm("Accept the license and download?", default=False, err=True)

    return confirm


def _describe(model: InstalledModel) -> str:
    from tlsum.files import human_size

    m = model.manifest
    kind = langs(m.sources, m.targets) if m.format != "instruct" else "question phrasing"
    return f"{model.id} ({m.format}, {kind}, {human_size(m.size)})"


def _say_waiting(model_id: str) -> None:
    typer.echo(f"waiting for another tlsum that is installing {model_id}…", err=True)


def install_for_run(name: str, models_dir: str | None, offline: bool) -> None:
    """``--auto-pull``: install ``name`` with progress bars and the license prompt on stderr."""
    from tlsum.cli.output import Bars
    from tlsum.models.install import pull as do_pull

    typer.echo(f"tlsum: no model for this language pair; pulling {name} (--auto-pull)", err=True)
    with Bars("bytes") as bars:
        result = do_pull(name, _store(models_dir), progress=bars,
                         confirm=_license_prompt(False), offline=_offline(offline),
                         waiting=_say_waiting)
    typer.echo(f"tlsum: installed {_describe(result.model)}", err=True)


@models_app.command("pull")
def pull(
    name: Annotated[str, typer.Argument(
        help="A registry id, argos:xx-yy, hf:OWNER/REPO[/F.gguf] or an https:// URL.")],
    accept_license: Annotated[bool, typer.Option(
        "--accept-license", help="Accept a non-commercial license without asking.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Reinstall if present.")] = False,
    offline: OfflineOpt = False,
    models_dir: ModelsDirOpt = None,
) -> None:
    """Download, verify and install a model."""
    from tlsum.cli.output import Bars
    from tlsum.models.install import pull as do_pull

    store = _store(models_dir)
    with Bars("bytes") as bars, Bars("steps") as converting:
        result = do_pull(name, store, progress=bars, confirm=_license_prompt(accept_license),
                         offline=_offline(offline), force=force, waiting=_say_waiting,
                         converting=converting)
    if result.installed:
        typer.echo(f"Installed {_describe(result.model)} in {result.model.path}")
    else:
        typer.echo(f"{_describe(result.model)} is already installed in {result.model.path}")


@models_app.command("import")
def import_model(
    path: Annotated[Path, typer.Argument(
        help="A model directory, a .argosmodel, a zip/tar archive, or a .gguf instruct model.",
        exists=True, metavar="PATH")],
    name: Annotated[str | None, typer.Option("--name", help="Install under this id.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an installed model.")] = False,
    quantization: Annotated[str, typer.Option(
        metavar="TYPE", help="CTranslate2 weight type of a converted GGUF.")] = "int8",
    models_dir: ModelsDirOpt = None,
) -> None:
    """Install a model from a local directory or archive, or convert a GGUF instruct model."""
    from tlsum.cli.instruct import import_gguf
    from tlsum.models.install import import_path, looks_like_gguf

    store = _store(models_dir)
    if looks_like_gguf(path):
        model = import_gguf(path, store, name=name, force=force, quantization=quantization)
    else:
        model = import_path(path, store, name=name, force=force)
    typer.echo(f"Installed {_describe(model)} in {model.path}")


@models_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="Installed model id.")],
           models_dir: ModelsDirOpt = None) -> None:
    """Delete an installed model."""
    path = _store(models_dir).remove(name)
    typer.echo(f"Removed {name} ({path})")


def _load_check(model: InstalledModel) -> str:
    """Recognise the files, and (slower) load the weights in CTranslate2 on the CPU."""
    from tlsum.errors import ModelError

    try:
        info = model.inspect()
    except ModelError as err:
        return f"NO: {err}"
    import ctranslate2

    load = ctranslate2.Generator if info.format == "instruct" else ctranslate2.Translator
    try:
        load(str(info.ct2_dir), device="cpu", compute_type="int8")
    except (RuntimeError, ValueError, OSError) as err:
        return f"NO: CTranslate2 cannot load it: {err}"
    return "yes (CTranslate2 loaded it on the CPU)"


@models_app.command("info")
def info(
    name: Annotated[str, typer.Argument(help="Installed (or bundled demo) model id.")],
    verify: Annotated[bool, typer.Option(
        "--verify", help="Re-hash every file and load the model once.")] = False,
    models_dir: ModelsDirOpt = None,
) -> None:
    """Show a model's manifest and (--verify) check its files and weights."""
    from tlsum.errors import ModelError
    from tlsum.files import human_size
    from tlsum.models.store import ModelStore

    store = _store(models_dir)
    model, demo = find_with_demos(store, name)
    m = model.manifest
    lines = [("id", model.id), ("path", str(model.path)), ("format", m.format),
             ("sources", ", ".join(m.sources)), ("targets", ", ".join(m.targets)),
             ("license", m.license or "-"), ("origin", m.origin),
             ("version", m.version or "-"),
             ("size", f"{human_size(m.size)} in {len(m.files)} files" if m.files
              else human_size(m.size)),
             ("installed", m.installed_at or "-")]
    if demo:
        lines[-1] = ("demo", f"yes: {DEMO_GROUP}; used only when named (--model {model.id})")
    try:
        model.inspect()
        lines.append(("usable", "files present, format recognised"))
    except ModelError as err:
        lines.append(("usable", f"NO: {err}"))
    problems: list[str] = []
    if verify:
        problems = [] if demo else ModelStore(model.path.parent).verify(model.id)
        lines.append(("sha256", "no hashes recorded (bundled with tlsum)" if demo
                      else "; ".join(problems) or "every file matches the manifest"))
        lines.append(("loads", _load_check(model)))
    for key, value in lines:
        typer.echo(f"{key:>10}: {value}")
    if verify and (problems or lines[-1][1].startswith("NO")):
        raise ModelError(f"{model.id}: failed verification (see above)")


@models_app.command("convert")
def convert(
    model: Annotated[str, typer.Argument(
        metavar="HF_ID_OR_PATH", help="A Hugging Face model id or a local Transformers dir.")],
    name: Annotated[str | None, typer.Option("--name", help="Install under this id.")] = None,
    quantization: Annotated[str, typer.Option(metavar="TYPE",
                                              help="CTranslate2 weight type.")] = "int8",
    src: Annotated[list[str] | None, typer.Option(
        "--from", help="Source language(s), when the name does not tell.")] = None,
    tgt: Annotated[list[str] | None, typer.Option(
        "--to", help="Target language(s), when the name does not tell.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an installed model.")] = False,
    offline: OfflineOpt = False,
    models_dir: ModelsDirOpt = None,
) -> None:
    """Convert a Transformers model with CTranslate2 (needs: pip install 'tlsum[convert]')."""
    from tlsum.models.install import convert as do_convert

    installed = do_convert(model, _store(models_dir), name=name, quantization=quantization,
                           sources=_codes("--from", src), targets=_codes("--to", tgt),
                           offline=_offline(offline), force=force)
    typer.echo(f"Installed {_describe(installed)} in {installed.path}")
