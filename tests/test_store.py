"""The model store and pulls end to end, against servers on 127.0.0.1 built from the toy model."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import httpx
import pytest
from modelserver import (
    ModelServer,
    build_argosmodel,
    model_server_fixture,  # noqa: F401 - registers model_server
    serve_argos,
    serve_hub,
    toy_model,
)

from tlsum.errors import ChecksumError, ModelStoreError
from tlsum.models.download import DownloadOptions, make_client
from tlsum.models.format import inspect_model
from tlsum.models.install import import_path, pull
from tlsum.models.paths import MANIFEST_NAME
from tlsum.models.store import ModelStore

FAST = DownloadOptions(timeout=10, retries=3, backoff=0.01)
SENTENCES = ["Кремль заявил, что Россия изучит предложение Турции."]  # from the toy grammar


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models")


@pytest.fixture
def argos(model_server: ModelServer, monkeypatch: pytest.MonkeyPatch) -> ModelServer:
    monkeypatch.setenv("TLSUM_ARGOS_INDEX", serve_argos(model_server, toy_model()))
    monkeypatch.delenv("TLSUM_OFFLINE", raising=False)
    return model_server


def snapshot(store: ModelStore) -> dict[str, str]:
    """Every file the store shows (lock files aside) with its sha256."""
    if not store.root.exists():
        return {}
    return {p.relative_to(store.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store.root.rglob("*")) if p.is_file() and ".locks" not in p.parts}


def translate(model_dir: Path) -> tuple[str, ...]:
    """Translate SENTENCES with tlsum's own Translator (real CTranslate2 + SentencePiece)."""
    from tlsum.translate import Decoding, Translator

    info = inspect_model(model_dir)
    out = Translator(info).translate(SENTENCES, source="ru", target="en",
                                     decoding=Decoding(guard=False))
    return out.texts


def test_argos_pull_installs_a_model_that_translates(argos: ModelServer,
                                                     store: ModelStore) -> None:
    result = pull("argos:ru-en", store, options=FAST)
    assert result.installed and result.model.id == "argos-ru-en"
    m = result.model.manifest
    assert (m.format, m.sources, m.targets, m.origin) == ("argos", ("ru",), ("en",), "argos:ru-en")
    assert m.installed_at and m.version == "1.0"
    on_disk = {p.relative_to(result.model.path).as_posix(): p for p in
               result.model.path.rglob("*") if p.is_file() and p.name != MANIFEST_NAME}
    assert set(m.files) == set(on_disk) and "model/model.bin" in m.files
    assert all(hashlib.sha256(on_disk[k].read_bytes()).hexdigest() == v
               for k, v in m.files.items())
    assert m.size == sum(p.stat().st_size for p in on_disk.values())
    assert [x.id for x in store.models()] == ["argos-ru-en"]
    assert store.verify("argos-ru-en") == []
    assert list((store.root / ".tmp").iterdir()) == [], "staging is cleaned up"
    # The installed package translates exactly like the toy model it was built from.
    texts = translate(result.model.path)
    assert texts == translate(toy_model())
    assert {"Kremlin", "Russia", "Turkey"} <= set(texts[0].replace(".", "").split()), texts


def test_hub_pull_skips_framework_weights_and_translates(model_server: ModelServer,
                                                         store: ModelStore,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", serve_hub(model_server, toy_model()))
    result = pull("hf:tlsum/opus-mt-ru-en", store, options=FAST)
    assert result.model.id == "opus-mt-ru-en"
    assert (result.model.manifest.format, result.model.manifest.license) == ("opus-mt", "cc-by-4.0")
    assert not model_server.hits("/tlsum/opus-mt-ru-en/resolve/main/pytorch_model.bin")
    assert translate(result.model.path) == translate(toy_model())


def test_gated_hub_repo_needs_a_token(model_server: ModelServer, store: ModelStore,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", serve_hub(model_server, toy_model()))
    monkeypatch.delenv("TLSUM_HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    model_server.token = "hf_secret"
    with pytest.raises(ModelStoreError, match=r"HTTP 401 \(gated or private .*set HF_TOKEN\)"):
        pull("hf:tlsum/opus-mt-ru-en", store, options=FAST)
    assert store.models() == []
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    result = pull("hf:tlsum/opus-mt-ru-en", store, options=FAST)
    assert translate(result.model.path) == translate(toy_model())
    assert {h.auth for h in model_server.hits("/tlsum/")} == {"Bearer hf_secret"}


def test_hub_token_goes_to_the_hub_origin_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", "https://hub.example:8443")
    monkeypatch.setenv("TLSUM_HF_TOKEN", "hf_secret")
    with make_client() as client:
        hook = client.event_hooks["request"][0]
        for url, expected in (("https://hub.example:8443/api/models/a/b", "Bearer hf_secret"),
                              ("https://cdn.hub.example/file", None),
                              ("https://hub.example/file", None),  # other port
                              ("http://hub.example:8443/file", None)):  # other scheme
            request = httpx.Request("GET", url)
            hook(request)
            assert request.headers.get("Authorization") == expected, url


def test_dropped_connection_mid_archive_resumes(argos: ModelServer, store: ModelStore) -> None:
    path = "/argos/translate-ru_en-1_0.argosmodel"
    size = len(argos.files[path])
    argos.drops[path] = size // 2
    result = pull("argos:ru-en", store, options=FAST)
    assert result.installed
    ranges = [h.range for h in argos.hits(path)]
    assert ranges[0] is None and len(ranges) == 2
    assert ranges[1] is not None and 0 < int(ranges[1][6:-1]) <= size // 2


def test_wrong_checksum_installs_nothing(model_server: ModelServer, store: ModelStore,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint = serve_hub(model_server, toy_model(), sha_override={"model.bin": "ab" * 32})
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", endpoint)
    before = snapshot(store)
    with pytest.raises(ChecksumError, match=r"model\.bin: sha256 mismatch"):
        pull("hf:tlsum/opus-mt-ru-en", store, options=FAST)
    assert snapshot(store) == before == {}
    assert store.models() == []


def test_failed_pull_leaves_an_existing_store_exactly_as_it_was(argos: ModelServer,
                                                                 store: ModelStore) -> None:
    pull("argos:ru-en", store, options=FAST)
    before = snapshot(store)
    argos.add("/junk.zip", build_zip({"junk/readme.txt": b"not a model"}))
    with pytest.raises(ModelStoreError, match="not a usable translation model"):
        pull(argos.url("/junk.zip"), store, options=FAST)
    argos.always_drop["/argos/translate-ru_en-1_0.argosmodel"] = 10
    with pytest.raises(ModelStoreError, match="failed after"):
        pull("argos:ru-en", store, options=FAST, force=True)
    assert snapshot(store) == before
    assert [m.id for m in store.models()] == ["argos-ru-en"]
    argos.always_drop.clear()
    assert pull("argos:ru-en", store, options=FAST, force=True).installed  # replaces it
    assert [m.id for m in store.models()] == ["argos-ru-en"]
    assert store.verify("argos-ru-en") == []


def build_zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_two_concurrent_pulls_install_once(argos: ModelServer, store: ModelStore) -> None:
    argos.delays["/argos/translate-ru_en-1_0.argosmodel"] = 0.5  # the two pulls overlap
    barrier = threading.Barrier(2)
    results, errors = [], []

    waited: list[str] = []

    def worker() -> None:
        barrier.wait()
        try:
            results.append(pull("argos:ru-en", store, options=FAST, waiting=waited.append))
        except ModelStoreError as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(r.installed for r in results) == [False, True]
    assert waited == ["argos-ru-en"], "the second pull waited for the first"
    assert len(argos.hits("/argos/translate-ru_en-1_0.argosmodel")) == 1
    assert len(argos.hits("/argos/index.json")) == 1, "the waiting pull never went online"
    assert [m.id for m in store.models()] == ["argos-ru-en"]
    assert store.verify("argos-ru-en") == []


def test_offline_pull_makes_no_request(argos: ModelServer, store: ModelStore,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ModelStoreError, match="offline mode"):
        pull("argos:ru-en", store, offline=True)
    monkeypatch.setenv("TLSUM_OFFLINE", "1")
    with pytest.raises(ModelStoreError, match="not contacting the network"):
        pull("argos:ru-en", store)
    assert argos.requests == []
    assert store.models() == []


def test_noncommercial_license_needs_acceptance(model_server: ModelServer, store: ModelStore,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_HF_ENDPOINT",
                       serve_hub(model_server, toy_model(), license="cc-by-nc-4.0"))
    asked = []
    with pytest.raises(ModelStoreError, match=r"(?i)cc-by-nc-4\.0"):
        pull("hf:tlsum/opus-mt-ru-en", store, confirm=lambda p: asked.append(p) or False)
    assert [p.license for p in asked] == ["cc-by-nc-4.0"]
    assert not model_server.hits("/tlsum/"), "nothing downloaded before the license is accepted"
    result = pull("hf:tlsum/opus-mt-ru-en", store, confirm=lambda p: True, options=FAST)
    assert result.installed and result.model.manifest.license == "cc-by-nc-4.0"


def test_import_remove_verify(tmp_path: Path, store: ModelStore) -> None:
    package = tmp_path / "translate-ru_en-1_0.argosmodel"
    package.write_bytes(build_argosmodel(toy_model()))
    model = import_path(package, store)
    assert model.id == "argos-ru-en" and model.manifest.format == "argos"
    copied = import_path(toy_model(), store, name="toy-copy")
    assert copied.manifest.license == json.loads(
        (toy_model() / MANIFEST_NAME).read_text()).get("license", "")
    with pytest.raises(ModelStoreError, match="already installed"):
        import_path(package, store)
    (copied.path / "config.json").write_text("{}")
    assert store.verify("toy-copy") == ["config.json: changed"]
    store.remove("toy-copy")
    assert [m.id for m in store.models()] == ["argos-ru-en"]
    with pytest.raises(ModelStoreError, match="no installed model 'toy-copy'"):
        store.remove("toy-copy")
    assert (toy_model() / "model.bin").is_file(), "import copies, never moves"


def test_registry_entries_bring_checksum_license_and_extra_files(
        model_server: ModelServer, store: ModelStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from tlsum.models import registry

    package = build_argosmodel(toy_model())
    url = model_server.add("/dl/toy.argosmodel", package)
    model_server.add("/org/tok/resolve/main/sub/extra.model", b"tokenizer")
    monkeypatch.setenv("TLSUM_HF_ENDPOINT", model_server.base)
    good = hashlib.sha256(package).hexdigest()
    entries = (
        registry.RegistryEntry(id="bad-sum", name="", format="argos", sources=("ru",),
                               targets=("en",), pull=url, sha256="0" * 64),
        registry.RegistryEntry(id="toy-argos", name="", format="argos", sources=("ru",),
                               targets=("en",), pull=url + "?v=1", sha256=good,
                               license="CC-BY-4.0", extra_files=("hf:org/tok/sub/extra.model",)),
        registry.RegistryEntry(id="convert-only", name="", format="opus-mt", sources=("ru",),
                               targets=("en",), convert="Helsinki-NLP/opus-mt-ru-en"),
    )
    monkeypatch.setattr(registry, "load_registry", lambda path=None: entries)
    with pytest.raises(ChecksumError):
        pull("bad-sum", store, options=FAST)
    assert snapshot(store) == {}
    model = pull("toy-argos", store, options=FAST).model
    assert (model.id, model.manifest.license) == ("toy-argos", "CC-BY-4.0")
    assert (model.path / "extra.model").read_bytes() == b"tokenizer"
    with pytest.raises(ModelStoreError, match="models convert Helsinki-NLP/opus-mt-ru-en"):
        pull("convert-only", store)
    assert [m.id for m in store.models()] == ["toy-argos"]


def test_staging_sweeps_leftovers_of_a_killed_pull(store: ModelStore) -> None:
    import os
    import time

    with store.staging() as first:
        old = store.root / ".tmp" / "stage-killed"
        (old / "part").mkdir(parents=True)
        day_ago = time.time() - 2 * 24 * 3600
        os.utime(old, (day_ago, day_ago))
        with store.staging() as second:
            assert first.is_dir() and second.is_dir(), "a running pull's staging is kept"
            assert not old.exists()
    assert list((store.root / ".tmp").iterdir()) == []
