"""Routing: same language, direct, multilingual, pivot through English, or a fix hint."""

from __future__ import annotations

from pathlib import Path

import pytest

import tlsum
from tlsum.dirs import bundled_models_dir, model_dirs
from tlsum.dirs import models_dir as user_models_dir
from tlsum.errors import NoModelError
from tlsum.models.format import ModelFormat, ModelInfo
from tlsum.translate.routing import plan_route, suggest_pull


def model(mid: str, sources: str, targets: str, fmt: ModelFormat = "opus-mt") -> ModelInfo:
    path = Path("/models") / mid
    return ModelInfo(
        path=path, id=mid, format=fmt, sources=tuple(sources.split()),
        targets=tuple(targets.split()), ct2_dir=path, source_spm=path / "s", target_spm=path / "t",
    )


RU_EN = model("ru-en", "ru", "en")
EN_DE = model("en-de", "en", "de")
EN_RU = model("en-ru", "en", "ru")
NLLB = model("nllb", "ru en de fr", "ru en de fr", "nllb")


def test_same_language_needs_no_model() -> None:
    assert plan_route("ru", "ru", []).hops == ()


def test_direct_model_beats_multilingual_whatever_the_order() -> None:
    route = plan_route("ru", "en", [NLLB, RU_EN])
    assert route.model_ids == ("ru-en",)
    assert (route.hops[0].source, route.hops[0].target) == ("ru", "en")


def test_multilingual_beats_pivot() -> None:
    assert plan_route("ru", "de", [RU_EN, EN_DE, NLLB]).model_ids == ("nllb",)


def test_pivot_through_english() -> None:
    route = plan_route("ru", "de", [RU_EN, EN_DE])
    assert route.model_ids == ("ru-en", "en-de")
    assert [(h.source, h.target) for h in route.hops] == [("ru", "en"), ("en", "de")]


def test_missing_pair_names_the_pull_command() -> None:
    with pytest.raises(NoModelError) as err:
        plan_route("ru", "de", [])
    assert err.value.hint == suggest_pull("ru", "de")
    assert str(err.value).endswith(f"try: {suggest_pull('ru', 'de')}")
    assert suggest_pull("ru", "de").startswith("tlsum models pull ")
    assert suggest_pull("xx", "yy") == "tlsum models pull argos:xx-yy"  # not in the registry


def test_half_a_pivot_installed_suggests_the_missing_half() -> None:
    with pytest.raises(NoModelError) as err:
        plan_route("ru", "de", [RU_EN])
    assert err.value.hint == suggest_pull("en", "de")
    assert "en-de" in (err.value.hint or "") or "nllb" in (err.value.hint or "")


def test_no_pivot_when_english_is_an_end() -> None:
    with pytest.raises(NoModelError, match=r"argos[:-]de-en"):
        plan_route("de", "en", [EN_DE, RU_EN])


def test_forced_model_by_id() -> None:
    assert plan_route("ru", "en", [RU_EN, NLLB], model="nllb").model_ids == ("nllb",)


def test_forced_model_must_cover_the_pair() -> None:
    with pytest.raises(NoModelError, match="does not translate ru to de"):
        plan_route("ru", "de", [RU_EN], model="ru-en")


def test_forced_unknown_model_suggests_pulling_it() -> None:
    with pytest.raises(NoModelError) as err:
        plan_route("ru", "en", [RU_EN], model="opus-mt-ru-en")
    assert err.value.hint == "tlsum models pull opus-mt-ru-en"


def test_model_dirs_puts_the_user_store_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "env"))
    assert user_models_dir() == tmp_path / "env"
    assert user_models_dir(str(tmp_path / "opt")) == tmp_path / "opt"
    dirs = model_dirs()
    assert dirs[0] == tmp_path / "env"
    repo_models = Path(tlsum.__file__).resolve().parent.parent / "models"
    if repo_models.is_dir():  # a checkout: the toy models come last
        assert bundled_models_dir() == repo_models == dirs[-1]
    else:
        assert bundled_models_dir() is None and len(dirs) == 1
