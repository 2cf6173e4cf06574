"""Model directories are recognised from their files, and refused with a one-line reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsum.errors import ModelError
from tlsum.models.format import find_models, inspect_model, language_tokens


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def argos_dir(base: Path, name: str = "translate-ru_en-1_9", **meta: object) -> Path:
    path = base / name
    touch(path / "model" / "model.bin")
    touch(path / "sentencepiece.model")
    metadata = {"from_code": "ru", "to_code": "en", "package_version": "1.9", **meta}
    touch(path / "metadata.json", json.dumps(metadata))
    return path


def opus_dir(base: Path, name: str) -> Path:
    path = base / name
    for f in ("model.bin", "source.spm", "target.spm"):
        touch(path / f)
    return path


def test_argos_package(tmp_path: Path) -> None:
    info = inspect_model(argos_dir(tmp_path, target_prefix="__EN__"))
    assert info.format == "argos"
    assert (info.sources, info.targets, info.version) == (("ru",), ("en",), "1.9")
    assert info.ct2_dir == (tmp_path / "translate-ru_en-1_9").resolve() / "model"
    assert info.source_spm == info.target_spm
    assert info.source_spm.name == "sentencepiece.model"
    assert info.target_prefix == ("__EN__",)  # a token: case kept
    assert language_tokens(info, "ru", "en") == ([], ["__EN__"])
    assert info.translates("ru", "en") and not info.translates("en", "ru")


def test_argos_package_missing_sentencepiece_is_refused(tmp_path: Path) -> None:
    path = argos_dir(tmp_path)
    (path / "sentencepiece.model").unlink()
    with pytest.raises(ModelError, match=r"missing sentencepiece\.model"):
        inspect_model(path)


@pytest.mark.parametrize(
    ("name", "sources", "target"),
    [
        ("opus-mt-ru-en", ("ru",), "en"),
        ("Helsinki-NLP--opus-mt-de-fr", ("de",), "fr"),
        ("ct2-opus-mt-tc-big-zle-en", ("ru", "uk", "be"), "en"),
    ],
)
def test_opus_mt_languages_from_the_directory_name(
    tmp_path: Path, name: str, sources: tuple[str, ...], target: str
) -> None:
    info = inspect_model(opus_dir(tmp_path, name))
    assert info.format == "opus-mt"
    assert (info.sources, info.targets) == (sources, (target,))
    assert (info.source_spm.name, info.target_spm.name) == ("source.spm", "target.spm")
    assert info.ct2_dir == info.path


@pytest.mark.parametrize("name", ["opus-mt-en-ROMANCE", "opus-mt-en-zle", "my-model", "opus-mt-x"])
def test_opus_mt_names_we_cannot_read_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ModelError, match=r"tlsum-model\.json"):
        inspect_model(opus_dir(tmp_path, name))


def test_manifest_takes_priority(tmp_path: Path) -> None:
    path = opus_dir(tmp_path, "opus-mt-ru-en")
    manifest = {"id": "toy-de-fr", "format": "opus-mt", "source": "de", "target": ["fr"],
                "version": "3"}
    touch(path / "tlsum-model.json", json.dumps(manifest))
    info = inspect_model(path)
    assert (info.id, info.sources, info.targets, info.version) == (
        "toy-de-fr", ("de",), ("fr",), "3")


def test_nllb_by_name_maps_iso_codes_to_language_tokens(tmp_path: Path) -> None:
    path = tmp_path / "nllb-200-distilled-600M-ct2"
    touch(path / "model.bin")
    touch(path / "sentencepiece.bpe.model")
    info = inspect_model(path)
    assert info.format == "nllb" and info.multilingual
    assert info.translates("ru", "en") and info.translates("de", "uk")
    assert language_tokens(info, "ru", "en") == (["rus_Cyrl"], ["eng_Latn"])


def test_m2m100_recognised_from_its_vocabulary(tmp_path: Path) -> None:
    path = tmp_path / "multi"
    touch(path / "model.bin")
    touch(path / "sentencepiece.bpe.model")
    touch(path / "shared_vocabulary.json", json.dumps(["<s>", "</s>", "__en__", "__ru__"]))
    info = inspect_model(path)
    assert info.format == "m2m100"
    assert language_tokens(info, "ru", "en") == (["__ru__"], ["__en__"])


def test_multilingual_without_clues_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "multi"
    touch(path / "model.bin")
    touch(path / "sentencepiece.bpe.model")
    with pytest.raises(ModelError, match="cannot tell the model format"):
        inspect_model(path)


def test_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a directory"):
        inspect_model(tmp_path / "nothing")
    touch(tmp_path / "empty" / "README.md")
    with pytest.raises(ModelError, match=r"no model\.bin"):
        inspect_model(tmp_path / "empty")


def test_find_models_skips_broken_and_hidden_directories(tmp_path: Path) -> None:
    store, bundled = tmp_path / "store", tmp_path / "bundled"
    argos_dir(store)
    opus_dir(store, "opus-mt-de-en")
    opus_dir(store, ".partial-opus-mt-fr-en")  # an install in progress
    touch(store / "broken" / "model.bin")
    opus_dir(bundled, "opus-mt-ru-en")
    found = find_models([store, tmp_path / "missing", bundled])
    assert [m.id for m in found] == ["opus-mt-de-en", "translate-ru_en-1_9", "opus-mt-ru-en"]


def test_inspection_sees_a_model_replaced_in_place(tmp_path: Path) -> None:
    path = opus_dir(tmp_path, "opus-mt-ru-en")
    assert inspect_model(path).sources == ("ru",)
    manifest = {"id": "x", "format": "opus-mt", "source": "uk", "target": "en"}
    touch(path / "tlsum-model.json", json.dumps(manifest))
    assert inspect_model(path).sources == ("uk",)
