"""The instruct-model side of ``tlsum models``: GGUF import with progress, and their listing.

Kept apart from ``cli/models.py`` (translation models) so that each stays small; the
commands there call in here when a file is a GGUF or a model is an instruct model.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tlsum.models.gguf_install import GGUFSummary
    from tlsum.models.store import InstalledModel, ModelStore

INSTRUCT_GROUP = "instruct models (question phrasing)"


def announce(summary: GGUFSummary) -> None:
    """What is about to be converted, and its license when the GGUF carries one."""
    weights = f"{summary.weights / 1e9:.2f}B" if summary.weights >= 1e8 else \
        f"{summary.weights / 1e6:.1f}M"
    typer.echo(f"converting {summary.name} ({summary.family}, {summary.layers} layers, "
               f"{weights} weights) to CTranslate2", err=True)
    typer.echo(f"license: {summary.license or 'not stated in the GGUF (see the model card)'}",
               err=True)


def import_gguf(path: Path, store: ModelStore, *, name: str | None, force: bool,
                quantization: str) -> InstalledModel:
    """``tlsum models import FILE.gguf``: convert with a progress bar, then install."""
    from tlsum.cli.output import Bars
    from tlsum.errors import UsageError
    from tlsum.models.gguf_convert import QUANTIZATIONS
    from tlsum.models.gguf_install import import_gguf as do_import

    if quantization not in QUANTIZATIONS:
        raise UsageError(f"--quantization {quantization!r}: expected one of "
                         f"{', '.join(QUANTIZATIONS)}")
    with Bars("steps") as bar:
        return do_import(path, store, name=name, force=force, quantization=quantization,
                         progress=bar, announce=announce)


def split_instruct(models: list[InstalledModel]) -> tuple[list[InstalledModel],
                                                           list[InstalledModel]]:
    """(translation models, instruct models), each in store order."""
    instruct = [m for m in models if m.manifest.format == "instruct"]
    return [m for m in models if m.manifest.format != "instruct"], instruct


def echo_instruct(models: list[InstalledModel], problems: dict[str, str]) -> None:
    """The instruct models' own table: family and chat format instead of languages."""
    from tlsum.cli.modeltables import echo_table
    from tlsum.errors import ModelStoreError
    from tlsum.files import human_size
    from tlsum.models.store import read_manifest

    if not models:
        return
    rows = []
    for m in models:
        try:
            raw = read_manifest(m.path)
        except ModelStoreError:  # the FROM column already says it is broken
            raw = {}
        rows.append([m.id, str(raw.get("family", "?")), str(raw.get("chat", "?")),
                     human_size(m.manifest.size), m.manifest.license or "-",
                     f"BROKEN: {problems[m.id]}" if problems.get(m.id) else m.manifest.origin])
    typer.echo(f"\n{INSTRUCT_GROUP}:")
    echo_table(["ID", "FAMILY", "CHAT", "SIZE", "LICENSE", "FROM"], rows)
