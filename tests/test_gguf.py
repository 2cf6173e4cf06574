"""GGUF -> CTranslate2: logits against a numpy forward pass, tokenizer, store, CLI, pull."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from ggufmodels import CONTROL, Tiny, reference_logits, write_tiny
from modelserver import ModelServer, model_server_fixture  # noqa: F401 - registers model_server

from tlsum.cli import main
from tlsum.models.gguf_convert import convert_gguf
from tlsum.models.store import ModelStore

EXIT_INSTALL = 7
TEXTS = ["The talks would resume on Thursday.", "Министерство заявило: переговоры — в четверг!",
         "  spaces\tand\nnew lines, 123 and émigré "]


def converted(tmp_path: Path, arch: str, quantization: str = "float32") -> tuple[Tiny, Path]:
    gguf_path = tmp_path / f"tiny-{arch}.gguf"
    tiny = write_tiny(gguf_path, arch)
    out = tmp_path / f"ct2-{arch}"
    convert_gguf(gguf_path, out, model_id=f"tiny-{arch}", quantization=quantization)
    return tiny, out


def ct2_logits(model_dir: Path, tokens: list[str]) -> np.ndarray:
    import ctranslate2

    generator = ctranslate2.Generator(str(model_dir), device="cpu", compute_type="float32")
    return np.array(generator.forward_batch([tokens]))[0]


@pytest.mark.parametrize("arch", ["qwen2", "llama"])
def test_logits_match_a_numpy_forward_pass(tmp_path: Path, arch: str) -> None:
    from tokenizers import Tokenizer

    tiny, out = converted(tmp_path, arch)
    tokenizer = Tokenizer.from_file(str(out / "tokenizer.json"))
    encoding = tokenizer.encode("<|im_start|>user\nThe ministry said the talks would resume.")
    assert encoding.tokens[0] == "<|im_start|>" and len(encoding.ids) > 5
    got = ct2_logits(out, encoding.tokens)
    want = reference_logits(tiny, encoding.ids)
    assert got.shape == want.shape == (len(encoding.ids), len(tiny.tokens))
    assert np.abs(got - want).max() < 1e-3 * max(1.0, np.abs(want).max())
    assert (got.argmax(-1) == want.argmax(-1)).all()


def test_llama_rows_are_unpermuted_not_copied(tmp_path: Path) -> None:
    """Without undoing llama.cpp's Q/K permutation the logits would differ: prove it matters."""
    from tlsum.models import gguf_convert

    tiny, _ = converted(tmp_path, "llama")
    ids = [5, 80, 120, 33, 7, 250]
    tokens = [tiny.tokens[i] for i in ids]
    kept = gguf_convert.unpermute
    try:
        gguf_convert.unpermute = lambda weight, heads: weight
        convert_gguf(tmp_path / "tiny-llama.gguf", tmp_path / "wrong", model_id="wrong",
                     quantization="float32")
    finally:
        gguf_convert.unpermute = kept
    wrong = ct2_logits(tmp_path / "wrong", tokens)
    assert np.abs(wrong - reference_logits(tiny, ids)).max() > 1e-2


def test_int8_model_stays_close(tmp_path: Path) -> None:
    tiny, out = converted(tmp_path, "qwen2", quantization="int8")
    ids = [3, 40, 90, 200, 17]
    got = ct2_logits(out, [tiny.tokens[i] for i in ids])
    want = reference_logits(tiny, ids)
    assert np.corrcoef(got.ravel(), want.ravel())[0, 1] > 0.99


def test_tokenizer_round_trips_text_and_control_tokens(tmp_path: Path) -> None:
    from tokenizers import Tokenizer

    tiny, out = converted(tmp_path, "qwen2")
    tokenizer = Tokenizer.from_file(str(out / "tokenizer.json"))
    vocabulary = json.loads((out / "vocabulary.json").read_text(encoding="utf-8"))
    assert vocabulary == tiny.tokens, "CTranslate2 ids are the GGUF ids"
    for text in TEXTS:
        encoding = tokenizer.encode(text)
        assert tokenizer.decode(encoding.ids) == text
        assert len(encoding.ids) < len(text.encode()), "merges apply"
    prompt = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nГде?<|im_end|>\n"
    encoding = tokenizer.encode(prompt)
    for token in CONTROL[1:]:
        assert encoding.tokens.count(token) == 2
        assert encoding.ids[encoding.tokens.index(token)] == tiny.tokens.index(token)
    assert tokenizer.decode(encoding.ids, skip_special_tokens=False) == prompt
    assert "<|im_start|>" not in tokenizer.decode(encoding.ids)


def test_manifest_follows_the_contract(tmp_path: Path) -> None:
    _, out = converted(tmp_path, "qwen2", quantization="int8")
    manifest = json.loads((out / "tlsum-model.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "instruct" and manifest["family"] == "qwen2"
    assert manifest["chat"] == "chatml" and manifest["bos"] == ""
    assert manifest["eos"] == ["<|im_end|>", "<|endoftext|>"]
    assert manifest["license"] == "apache-2.0" and manifest["quantization"] == "int8"
    assert manifest["context_length"] == 256
    for name in ("model.bin", "config.json", "vocabulary.json", "tokenizer.json"):
        assert (out / name).is_file()


def test_generates_through_the_contract(tmp_path: Path) -> None:
    """What digest/ does: tokens from the tokenizer, end tokens from the manifest."""
    import ctranslate2
    from tokenizers import Tokenizer

    _, out = converted(tmp_path, "qwen2", quantization="int8")
    manifest = json.loads((out / "tlsum-model.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(out / "tokenizer.json"))
    prompt = tokenizer.encode("<|im_start|>user\nWhen?<|im_end|>\n<|im_start|>assistant\n")
    result = ctranslate2.Generator(str(out)).generate_batch(
        [prompt.tokens], max_length=8, end_token=manifest["eos"],
        include_prompt_in_result=False)
    assert isinstance(tokenizer.decode(result[0].sequences_ids[0]), str)
    assert 1 <= len(result[0].sequences_ids[0]) <= 8


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["models", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_info_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(store))
    source = tmp_path / "tiny.bin"  # no .gguf extension: the magic bytes decide
    write_tiny(source)
    code, out, err = run(capsys, "import", str(source), "--name", "tiny-qwen")
    assert code == 0, err
    assert "Installed tiny-qwen (instruct, question phrasing" in out
    assert "license: apache-2.0" in err and "converting tiny qwen2" in err
    code, out, _ = run(capsys, "list")
    assert "instruct models (question phrasing):" in out
    assert "tiny-qwen" in out.split("instruct models")[1] and "chatml" in out
    code, out, _ = run(capsys, "info", "tiny-qwen", "--verify")
    assert code == 0 and "format: instruct" in out and "every file matches" in out
    assert "loads: yes" in out
    code, _, err = run(capsys, "import", str(source), "--name", "tiny-qwen")
    assert code == EXIT_INSTALL and "already installed" in err
    code, out, _ = run(capsys, "remove", "tiny-qwen")
    assert code == 0 and not (store / "tiny-qwen").exists()
    assert not any((store / ".tmp").iterdir())


def test_instruct_model_is_never_routed_to_for_translation(tmp_path: Path) -> None:
    from tlsum.errors import ModelError, NoModelError
    from tlsum.models.format import find_models, inspect_model
    from tlsum.translate.routing import plan_route

    store = ModelStore(tmp_path / "store")
    write_tiny(tmp_path / "tiny.gguf")
    from tlsum.models.gguf_install import import_gguf

    model = import_gguf(tmp_path / "tiny.gguf", store)
    assert model.id == "tiny" and model.check() == ""
    info = inspect_model(model.path)
    assert info.format == "instruct" and not info.translates("ru", "en")
    found = find_models([store.root])
    with pytest.raises(NoModelError):
        plan_route("ru", "en", found)
    with pytest.raises(ModelError, match="instruct model"):
        plan_route("ru", "en", found, model="tiny")


def test_pull_a_gguf_from_the_hub(tmp_path: Path, model_server: ModelServer,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny(tmp_path / "tiny.gguf", license="")
    model_server.add("/hub/tlsum/Tiny-GGUF/resolve/main/tiny-q8_0.gguf",
                     (tmp_path / "tiny.gguf").read_bytes())
    model_server.drops["/hub/tlsum/Tiny-GGUF/resolve/main/tiny-q8_0.gguf"] = 5000
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", model_server.url("/hub"))
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("TLSUM_OFFLINE", raising=False)
    code, out, err = run(capsys, "pull", "hf:tlsum/Tiny-GGUF/tiny-q8_0.gguf")
    assert code == 0, err
    assert "Installed tiny-q8_0 (instruct" in out
    assert len(model_server.hits("/hub/tlsum/Tiny-GGUF")) == 2, "resumed after the drop"
    manifest = json.loads((tmp_path / "store" / "tiny-q8_0" / "tlsum-model.json").read_text())
    assert manifest["format"] == "instruct" and manifest["origin"].startswith("hf:tlsum/")
    assert not list((tmp_path / "store").rglob("*.gguf")), "the GGUF is not kept"
    code, out, _ = run(capsys, "pull", "hf:tlsum/Tiny-GGUF/tiny-q8_0.gguf")
    assert code == 0 and "already installed" in out


def test_a_split_model_is_read_across_its_parts(tmp_path: Path) -> None:
    from tlsum.errors import ModelStoreError

    tiny = write_tiny(tmp_path / "tiny.gguf", split=8)
    parts = sorted(tmp_path.glob("tiny-*-of-*.gguf"))
    assert len(parts) >= 3
    convert_gguf(parts[0], tmp_path / "ct2", model_id="tiny", quantization="float32")
    ids = [4, 90, 130, 301, 12]
    got = ct2_logits(tmp_path / "ct2", [tiny.tokens[i] for i in ids])
    assert np.abs(got - reference_logits(tiny, ids)).max() < 1e-3
    with pytest.raises(ModelStoreError, match="not its first part"):
        convert_gguf(parts[1], tmp_path / "x", model_id="x")
    parts[-1].unlink()
    with pytest.raises(ModelStoreError, match=f"part {len(parts)} of {len(parts)} is missing"):
        convert_gguf(parts[0], tmp_path / "y", model_id="y")


def test_registry_lists_the_qwen_instruct_models(monkeypatch: pytest.MonkeyPatch) -> None:
    from tlsum.models.download import make_client
    from tlsum.models.registry import get_entry, resolve

    monkeypatch.setenv("TLSUM_HF_ENDPOINT", "http://127.0.0.1:9")
    small, mid, big = (get_entry(f"qwen2.5-{n}-instruct") for n in ("1.5b", "3b", "7b"))
    assert small and mid and big
    assert small.license == big.license == "Apache-2.0" and not small.needs_acceptance
    assert mid.license == "qwen-research" and mid.needs_acceptance
    assert all(e.verified for e in (small, mid, big))
    with make_client() as client:  # GGUF entries resolve without a request
        plan = resolve("qwen2.5-7b-instruct", client)
    assert plan.gguf and plan.model_id == "qwen2.5-7b-instruct"
    assert [f.dest for f in (*plan.files, *plan.extra)] == [
        "qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf",
        "qwen2.5-7b-instruct-q4_k_m-00002-of-00002.gguf"]
    assert plan.files[0].url == ("http://127.0.0.1:9/Qwen/Qwen2.5-7B-Instruct-GGUF/resolve/"
                                 "main/qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf")


def test_int8_while_loading_equals_ctranslate2_quantizing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Quantizing each weight as it is read (to keep memory low) writes CTranslate2's bytes."""
    from tlsum.models import gguf_convert

    write_tiny(tmp_path / "tiny.gguf")
    convert_gguf(tmp_path / "tiny.gguf", tmp_path / "ours", model_id="t",
                 quantization="int8_float32")
    monkeypatch.setattr(gguf_convert, "PREQUANTIZED", ())
    convert_gguf(tmp_path / "tiny.gguf", tmp_path / "theirs", model_id="t",
                 quantization="int8_float32")
    ours = (tmp_path / "ours" / "model.bin").read_bytes()
    assert ours == (tmp_path / "theirs" / "model.bin").read_bytes()


@pytest.mark.parametrize("quantization", ["int16", "float16", "int8_float16"])
def test_other_weight_types_convert_and_run(tmp_path: Path, quantization: str) -> None:
    tiny, out = converted(tmp_path, "qwen2", quantization=quantization)
    ids = [3, 40, 90, 200, 17]
    got = ct2_logits(out, [tiny.tokens[i] for i in ids])
    assert np.corrcoef(got.ravel(), reference_logits(tiny, ids).ravel())[0, 1] > 0.99


def test_a_converted_directory_imports_as_an_instruct_model(tmp_path: Path) -> None:
    from tlsum.models.install import import_path

    _, out = converted(tmp_path, "llama", quantization="int8")
    model = import_path(out, ModelStore(tmp_path / "store"))
    assert model.id == "tiny-llama" and model.manifest.format == "instruct"
    assert model.check() == "" and not ModelStore(tmp_path / "store").verify("tiny-llama")


def test_a_pulled_gguf_that_is_bad_leaves_nothing(tmp_path: Path, model_server: ModelServer,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny(tmp_path / "tiny.gguf", arch="llama")
    data = (tmp_path / "tiny.gguf").read_bytes()
    model_server.add("/hub/tlsum/Bad-GGUF/resolve/main/bad.gguf", data[: len(data) // 2])
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", model_server.url("/hub"))
    store = tmp_path / "store"
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(store))
    monkeypatch.delenv("TLSUM_OFFLINE", raising=False)
    code, out, err = run(capsys, "pull", "hf:tlsum/Bad-GGUF/bad.gguf")
    assert code == EXIT_INSTALL and out == ""
    assert "not a usable GGUF file: truncated" in err
    assert sorted(p.name for p in store.iterdir()) == [".locks", ".tmp"]
    assert not any((store / ".tmp").iterdir())


def test_a_bad_quantization_is_a_usage_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    write_tiny(tmp_path / "tiny.gguf")
    code, _, err = run(capsys, "import", str(tmp_path / "tiny.gguf"), "--quantization", "int4",
                         "--models-dir", str(tmp_path / "store"))
    assert code == 2 and "--quantization 'int4'" in err and not (tmp_path / "store").exists()
