"""``tlsum models …`` through the real entry point, against servers on 127.0.0.1."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from modelserver import (
    ModelServer,
    build_argosmodel,
    model_server_fixture,  # noqa: F401 - registers model_server
    serve_argos,
    serve_hub,
    toy_model,
)

from tlsum.cli import main
from tlsum.models.registry import best_for, candidates, get_entry, load_registry

EXIT_MODEL, EXIT_INSTALL = 6, 7
HAS_CONVERTER = all(importlib.util.find_spec(m) for m in ("transformers", "torch"))


@pytest.fixture
def env(tmp_path: Path, model_server: ModelServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Store in tmp, argos index and hub on the test server, online, no TTY."""
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("TLSUM_ARGOS_INDEX", serve_argos(model_server, toy_model()))
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", serve_hub(model_server, toy_model()))
    monkeypatch.delenv("TLSUM_OFFLINE", raising=False)
    return tmp_path / "store"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["models", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_pull_list_info_remove(env: Path, model_server: ModelServer,
                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pull", "argos:ru-en")
    assert code == 0, err
    assert re.search(r"Installed argos-ru-en \(argos, ru→en, [\d.]+ [KM]B\) in .*argos-ru-en", out)
    assert "translate-ru_en-1_0.argosmodel" in err, "the progress bar names the file on stderr"
    code, out, _ = run(capsys, "pull", "argos:ru-en")
    assert code == 0 and "already installed" in out
    assert len(model_server.hits("/argos/translate-ru_en-1_0.argosmodel")) == 1
    code, out, _ = run(capsys, "list")
    assert code == 0 and re.search(r"argos-ru-en\s+argos\s+ru→en\s+[\d.]+ [KM]B", out)
    code, out, _ = run(capsys, "list", "--json")
    listed = json.loads(out)
    assert [(m["id"], m["demo"]) for m in listed] == [
        ("argos-ru-en", False), ("toy-en-ru", True), ("toy-ru-en", True)]
    assert listed[0]["files"]
    code, out, _ = run(capsys, "info", "argos-ru-en", "--verify")
    assert code == 0 and "every file matches the manifest" in out
    assert "loads: yes (CTranslate2 loaded it" in out
    bin_path = env / "argos-ru-en" / "model" / "model.bin"
    bin_path.write_bytes(bin_path.read_bytes()[:100])  # truncated weights
    code, out, err = run(capsys, "info", "argos-ru-en", "--verify")
    assert code == EXIT_MODEL and "model/model.bin: changed" in out
    assert "loads: NO: CTranslate2 cannot load it" in out and "failed verification" in err
    code, out, _ = run(capsys, "remove", "argos-ru-en")
    assert code == 0 and not (env / "argos-ru-en").exists()
    code, _, err = run(capsys, "info", "argos-ru-en")
    assert code == EXIT_INSTALL and "no installed model 'argos-ru-en'" in err


ARTICLE_RU = """Кремль изучит предложение Турции

Кремль заявил, что Россия изучит предложение Турции. Российский посол встретился с министром \
иностранных дел Турции в Анкаре.

Министр обороны Украины сообщил, что Украина поддерживает план Турции. В среду делегации \
проведут переговоры в Стамбуле.
"""


def test_pulled_model_translates_through_tlsum(env: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "pull", "argos:ru-en")[0] == 0
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path / "cache"))
    article = tmp_path / "ru.txt"
    article.write_text(ARTICLE_RU, encoding="utf-8")
    code = main(["translate", str(article), "--model", "argos-ru-en", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["models"] == ["argos-ru-en"] and result["language"]["code"] == "ru"
    first = result["sentences"][0]
    assert not first["failed"]
    assert {"Kremlin", "Russia", "Turkey"} <= set(first["target"].rstrip(".").split())


def test_offline_pull_says_so_and_makes_no_request(env: Path, model_server: ModelServer,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "pull", "argos:ru-en", "--offline")
    assert code == EXIT_INSTALL
    assert err.strip().count("\n") == 0 and "offline mode" in err
    monkeypatch.setenv("TLSUM_OFFLINE", "1")
    code, out, err = run(capsys, "available", "--from", "ru", "--to", "en")
    assert code == 0 and "argos-ru-en" in out and "argos index not contacted" in err
    assert model_server.requests == []


def test_offline_in_the_config_file_is_honoured(env: Path, model_server: ModelServer,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("offline = true\n", encoding="utf-8")
    monkeypatch.setenv("TLSUM_CONFIG", str(config))
    code, _, err = run(capsys, "pull", "argos:ru-en")
    assert code == EXIT_INSTALL and "offline mode" in err
    assert model_server.requests == []


def test_available_merges_registry_and_argos_index(env: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "available", "--from", "ru")
    assert code == 0
    assert out.index("opus-mt-tc-big-zle-en") < out.index("argos-ru-en"), "best first"
    assert "tlsum models convert Helsinki-NLP/opus-mt-tc-big-zle-en" in out
    assert "argos:ru-de" in out, "index packages not in the registry are listed too"
    assert "argos:ru-en " not in out, "and registry entries are not repeated"


def test_license_needs_accept_flag_without_tty(env: Path, model_server: ModelServer,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", serve_hub(model_server, toy_model(),
                                                      repo="meta/opus-mt-ru-en",
                                                      license="cc-by-nc-4.0"))
    code, _, err = run(capsys, "pull", "hf:meta/opus-mt-ru-en")
    assert code == EXIT_INSTALL
    assert "cc-by-nc-4.0" in err and "--accept-license" in err
    assert not model_server.hits("/meta/opus-mt-ru-en/resolve/")
    code, out, err = run(capsys, "pull", "hf:meta/opus-mt-ru-en", "--accept-license")
    assert code == 0, err
    assert "Installed opus-mt-ru-en (opus-mt, ru→en" in out


def test_import_an_argos_package(env: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "translate-ru_en-1_0.argosmodel"
    package.write_bytes(build_argosmodel(toy_model()))
    code, out, err = run(capsys, "import", str(package))
    assert code == 0, err
    assert "Installed argos-ru-en (argos, ru→en" in out


def test_unsafe_archive_is_refused_by_import(env: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../escaped.txt", b"x")
    code, _, err = run(capsys, "import", str(evil))
    assert code == EXIT_INSTALL and "escapes the target directory" in err
    assert not (tmp_path / "escaped.txt").exists() and not (env.parent / "escaped.txt").exists()


@pytest.mark.skipif(HAS_CONVERTER, reason="the converter is installed (see the next test)")
def test_convert_without_the_extra_names_it(env: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "convert", "Helsinki-NLP/opus-mt-ru-en")
    assert code == EXIT_INSTALL
    assert "pip install 'tlsum[convert]'" in err and err.strip().count("\n") == 0


def build_marian_repo(repo: Path, spm: Path) -> Path:
    """A tiny random Marian model saved like a hub repo (config, weights, spm, vocab)."""
    import sentencepiece
    from transformers import MarianConfig, MarianMTModel

    sp = sentencepiece.SentencePieceProcessor(model_file=str(spm))
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    vocab["<pad>"] = len(vocab)
    config = MarianConfig(
        vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
        decoder_ffn_dim=32, max_position_embeddings=512, pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"], decoder_start_token_id=vocab["<pad>"],
    )
    MarianMTModel(config).save_pretrained(repo)
    for name in ("source.spm", "target.spm"):
        (repo / name).write_bytes(spm.read_bytes())
    (repo / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (repo / "tokenizer_config.json").write_text('{"source_lang": "ru", "target_lang": "en"}')
    return repo


@pytest.mark.slow
@pytest.mark.skipif(not HAS_CONVERTER, reason="needs the convert extra (transformers, torch)")
@pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")
def test_convert_a_local_marian_model(env: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from tlsum.models.format import inspect_model
    from tlsum.translate import Decoding, Translator

    repo = build_marian_repo(tmp_path / "opus-mt-ru-en", toy_model() / "source.spm")
    code, out, err = run(capsys, "convert", str(repo))
    assert code == 0, err
    assert "Installed opus-mt-ru-en (opus-mt, ru→en" in out
    info = inspect_model(env / "opus-mt-ru-en")
    out_texts = Translator(info).translate(["Турция"], source="ru", target="en",
                                           decoding=Decoding(guard=False)).texts
    assert len(out_texts) == 1


def test_registry_is_complete_and_honest() -> None:
    entries = load_registry()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert e.pull or e.convert, e.id
        if e.format == "instruct":  # phrases questions: no languages, a GGUF to convert
            assert e.pull.endswith(".gguf") and not (e.sources or e.targets), e.id
        else:
            assert e.sources and e.targets and e.format in ("argos", "opus-mt", "nllb",
                                                            "m2m100")
        assert e.verified, f"{e.id}: say what was checked"
        assert e.sha256 == "" or re.fullmatch(r"[0-9a-f]{64}", e.sha256), e.id
    big = get_entry("opus-mt-tc-big-zle-en")
    assert big and big.sources == ("ru", "uk", "be") and big.license == "CC-BY-4.0"
    assert "35.2" in big.quality and "39.2" in big.quality
    nllb, m2m = get_entry("nllb-200-distilled-600M-int8"), get_entry("m2m100-418M")
    assert nllb and nllb.needs_acceptance and nllb.license == "CC-BY-NC-4.0"
    assert m2m and not m2m.needs_acceptance and m2m.license == "MIT"


def test_best_for_names_an_installable_entry() -> None:
    assert best_for("ru", "en") == get_entry("argos-ru-en")
    assert best_for("ru", "en", pullable_only=False) == get_entry("opus-mt-tc-big-zle-en")
    assert best_for("uk", "en", pullable_only=False) == get_entry("opus-mt-tc-big-zle-en")
    assert best_for("ka", "ja") in (get_entry("nllb-200-distilled-600M-int8"),)
    assert best_for("xx", "yy") is None
    assert best_for("en", "en") is None
    assert candidates("ru", "en")[0].rank >= candidates("ru", "en")[-1].rank


def _relabelled(package: bytes, src: str, tgt: str) -> bytes:
    """The same ``.argosmodel`` with other language codes in its metadata."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith("metadata.json"):
                meta = {**json.loads(data), "from_code": src, "to_code": tgt}
                data = json.dumps(meta).encode()
            zout.writestr(item, data)
    return out.getvalue()


def test_auto_pull_installs_the_suggested_model_then_translates(
        model_server: ModelServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """No en→uk model: exit 5 naming the fix; with --auto-pull, pulled once and used."""
    from modelserver import argos_index_entry

    toy_en_ru = toy_model().parent / "toy-en-ru"
    package = _relabelled(build_argosmodel(toy_en_ru, "translate-en_uk-1_0"), "en", "uk")
    model_server.add("/argos/translate-en_uk-1_0.argosmodel", package)
    index = [argos_index_entry(model_server, "/argos/translate-en_uk-1_0.argosmodel", "en", "uk")]
    monkeypatch.setenv("TLSUM_ARGOS_INDEX", model_server.add_json("/argos/index.json", index))
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    article = toy_model().parent.parent / "examples" / "article_ru.expected_en.txt"

    assert main(["translate", "--to", "uk", str(article)]) == 5
    assert "tlsum models pull argos:en-uk" in capsys.readouterr().err
    assert not model_server.hits("/argos/")  # naming the fix touches nothing

    assert main(["translate", "--to", "uk", "--auto-pull", "--json", str(article)]) == 0
    out, err = capsys.readouterr()
    assert "pulling argos:en-uk (--auto-pull)" in err
    data = json.loads(out)
    assert data["models"] == ["argos-en-uk"] and data["target_language"] == "uk"
    assert any("Турци" in s["target"] for s in data["sentences"])  # the toy writes Russian
    assert len(model_server.hits("/argos/translate-en_uk-1_0.argosmodel")) == 1


def test_demo_models_have_their_own_group_and_an_info(env: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled toys are no installed models: listed apart, with what they are for."""
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    group = "bundled demo models: toy vocabulary, not for real articles"
    installed, _, demos = out.partition(group)
    assert "No models installed" in installed and "toy-" not in installed
    assert re.search(r"toy-ru-en\s+opus-mt\s+ru→en\s+[\d.]+ MB\s+MIT\s+bundled with tlsum", demos)
    assert re.search(r"toy-en-ru\s+opus-mt\s+en→ru", demos)
    code, out, err = run(capsys, "info", "toy-ru-en", "--verify")
    assert code == 0 and err == "", err
    assert "sources: ru" in out and "used only when named (--model toy-ru-en)" in out
    assert "loads: yes" in out


def test_available_shows_what_a_user_needs_and_no_internal_notes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Name, languages, size, license, install command, quality with a public source; no notes
    about how the registry was written (our tracker, our machines, what was not checked)."""
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    code, out, _ = run(capsys, "available", "--offline")
    assert code == 0
    internal = re.compile(r"issue|from here|re-?checked|not checked|machine|tracker|found by "
                          r"search|vouch", re.IGNORECASE)
    assert [line for line in out.splitlines() if internal.search(line)] == []
    blocks = re.split(r"\n(?=\S)", out.split("\n", 1)[1].strip())
    assert len(blocks) == len(load_registry())
    for block in blocks:
        head, install, *quality = block.splitlines()
        assert re.search(r"\d+ MB|size unknown", head) and "license: " in head, head
        assert install.startswith("    install: tlsum models "), install
        for line in quality:
            assert line.startswith("    quality: ")
            assert "[source: " not in line or re.search(r"https://|leaderboard", line), line
    lines = {line.split()[0]: line for line in out.splitlines() if not line.startswith(" ")}
    assert "200 languages, any pair" in lines["nllb-200-distilled-600M-int8"]
    assert "100 languages, any pair" in lines["m2m100-418M"]
    assert " ru,uk,be→en " in lines["opus-mt-tc-big-zle-en"]


def test_available_lists_instruct_models_after_the_translation_models(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    code, out, _ = run(capsys, "available", "--offline")
    assert code == 0
    kinds = [" instruct " in line for line in out.splitlines()[1:] if not line.startswith(" ")]
    assert True in kinds and False in kinds
    assert kinds == sorted(kinds)  # every translation model, then every instruct model
