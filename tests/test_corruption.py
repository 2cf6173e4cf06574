"""The corruption matrix: caches, store manifests and model files that are truncated,
garbage, missing, read-only, full, or a directory where a file belongs.

What tlsum writes for itself (the translation cache, the unpacked language-id
model) is checked and rebuilt, with one ``tlsum: warning:`` line; a damaged
model is named (exit 6), listed as broken and removable; an import that a plain
copy cannot take is one line (exit 7). Nothing is left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from failmodes import ARTICLE_RU, ROOT, assert_error, assert_warning, run_cli, run_tlsum
from modelserver import (
    ModelServer,
    model_server_fixture,  # noqa: F401 - registers model_server
    serve_argos,
    toy_model,
)

EXIT_NO_MODEL, EXIT_MODEL, EXIT_INSTALL = 5, 6, 7
TOY = ROOT / "models" / "toy-ru-en"
CACHE_DB = "translations.sqlite3"


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 2)])


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage\xff" * 64)


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate, "garbage": _garbage, "directory": _directory,
}


def _leftovers(folder: Path) -> list[str]:
    """Temporary files in a folder tlsum writes to (there must be none after a run)."""
    return sorted(p.name for p in folder.iterdir() if "tmp" in p.name)


# -- the translation cache (in-process: the CLI's own main) ------------------------------------


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A translation cache filled by one real run; the language-id model stays shared."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(folder))
    return folder


def _translate(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run_cli(capsys, "translate", str(ARTICLE_RU), "--model", "toy-ru-en")


def _foreign(path: Path) -> None:
    """A real SQLite database, but not the cache's tables."""
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sentences (something_else TEXT)")
    db.close()


DAMAGE["foreign database"] = _foreign


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign database"])
def test_damaged_translation_cache_warns_once_and_is_rebuilt(
        damage: str, cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, first, err = _translate(capsys)
    assert code == 0 and err == ""
    DAMAGE[damage](cache_dir / CACHE_DB)
    assert_warning(*_translate(capsys), "translation cache", str(cache_dir / CACHE_DB))
    code, again, err = _translate(capsys)
    assert (code, err) == (0, "") and again == first, "repaired: the next run is quiet"
    with sqlite3.connect(cache_dir / CACHE_DB) as db:
        assert db.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0


def test_translation_cache_that_is_a_directory_is_skipped_with_a_warning(
        cache_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (cache_dir / CACHE_DB).mkdir()
    for _ in range(2):  # not ours to delete: it warns every time, and still translates
        assert_warning(*_translate(capsys), "translation cache", "continuing without it")
    assert (cache_dir / CACHE_DB).is_dir()
    code, out, err = run_cli(capsys, "translate", "-q", str(ARTICLE_RU), "--model", "toy-ru-en")
    assert (code, err) == (0, "") and out, "-q silences warnings"


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Make a path read-only even for root (chattr +i), and writable again afterwards."""
    done: list[Path] = []

    def freeze(path: Path) -> None:
        if os.geteuid() != 0:
            path.chmod(0o444)
        elif subprocess.run(["chattr", "+i", str(path)], capture_output=True,
                            check=False).returncode != 0:
            pytest.skip("running as root without chattr: no way to make a file read-only")
        done.append(path)

    yield freeze
    for path in done:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(0o644)


def test_read_only_translation_cache_warns_and_translates(
        cache_dir: Path, read_only: Callable[[Path], None],
        capsys: pytest.CaptureFixture[str]) -> None:
    code, first, _ = _translate(capsys)
    read_only(cache_dir / CACHE_DB)
    code, out, err = _translate(capsys)
    assert_warning(code, out, err, "translation cache", "continuing without it")
    assert out == first


# -- the unpacked language-identification model (child processes: it is loaded once each) ----


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good unpacked model, written by a real run, to seed each case's cache dir."""
    folder = tmp_path_factory.mktemp("langid")
    proc = run_tlsum("extract", str(ARTICLE_RU), env={"TLSUM_CACHE_DIR": str(folder)})
    assert proc.returncode == 0, proc.stderr
    (npz,) = folder.glob("langid-*.npz")
    return npz


def _extract(cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_tlsum("extract", "--json", str(ARTICLE_RU),
                     env={"TLSUM_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1", **env})


def _language(proc: subprocess.CompletedProcess[str]) -> str:
    return str(json.loads(proc.stdout)["language"]["code"])


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_damaged_language_model_copy_is_rebuilt(damage: str, unpacked: Path,
                                                tmp_path: Path) -> None:
    copy = tmp_path / unpacked.name
    shutil.copyfile(unpacked, copy)
    DAMAGE[damage](copy)
    proc = _extract(tmp_path)
    assert_warning(proc.returncode, proc.stdout, proc.stderr, "rebuilding", unpacked.name)
    assert _language(proc) == "ru"
    assert copy.read_bytes() == unpacked.read_bytes() and _leftovers(tmp_path) == []
    again = _extract(tmp_path)
    assert (again.returncode, again.stderr) == (0, "")


def test_language_model_copy_that_is_a_directory(unpacked: Path, tmp_path: Path) -> None:
    (tmp_path / unpacked.name).mkdir()
    proc = _extract(tmp_path)
    assert_warning(proc.returncode, proc.stdout, proc.stderr, "language-identification")
    assert _language(proc) == "ru" and _leftovers(tmp_path) == []


def _small_disk() -> None:
    """In the child: every write past 16 KB fails with EFBIG, as on a full disk."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 << 10, 16 << 10))


def test_full_disk_leaves_no_half_written_file(tmp_path: Path) -> None:
    """The writer of every file tlsum keeps for itself, hitting a full disk mid-file."""
    script = ("import sys; from pathlib import Path; from tlsum.files import atomic_write; "
              "atomic_write(Path(sys.argv[1]) / 'copy.bin', lambda f: f.write(bytes(1 << 20)))")
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                          text=True, preexec_fn=_small_disk, timeout=60, check=False)
    assert proc.returncode == 1 and "File too large" in proc.stderr
    assert list(tmp_path.iterdir()) == [], "no half-written copy, no temporary file"


def test_full_disk_under_the_translation_cache(unpacked: Path, tmp_path: Path) -> None:
    shutil.copyfile(unpacked, tmp_path / unpacked.name)
    proc = run_tlsum("translate", str(ARTICLE_RU), "--model", "toy-ru-en", preexec=_small_disk,
                     env={"TLSUM_CACHE_DIR": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"})
    assert_warning(proc.returncode, proc.stdout, proc.stderr, "translation cache",
                   "continuing without it")
    assert "Turkey" in proc.stdout and _leftovers(tmp_path) == []


def test_temporary_files_of_killed_runs_are_swept(unpacked: Path, tmp_path: Path) -> None:
    dead = tmp_path / ".tlsum-tmp-999999999-x1y2z3"  # no such process
    legacy = tmp_path / "tmpab12cd34"  # tlsum 0.1 named them so
    young = tmp_path / "tmpzz98yy76"
    for path in (dead, legacy, young):
        path.write_bytes(b"partial")
    hour_ago = time.time() - 2 * 3600
    os.utime(legacy, (hour_ago, hour_ago))
    proc = _extract(tmp_path)  # no unpacked copy yet: it writes one, sweeping first
    assert proc.returncode == 0 and proc.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [unpacked.name, young.name]


# -- the model store -------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> Path:
    """A store with the toy ru→en model imported (hashed), found before the bundled one.

    It stays a demo model (the import keeps its manifest's keys): used when named."""
    root = tmp_path / "store"
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(root))
    code, _, err = run_cli(capsys, "models", "import", str(TOY))
    assert code == 0 and (root / "toy-ru-en" / "tlsum-model.json").is_file(), err
    return root


MANIFEST_DAMAGE = {
    **DAMAGE,
    "json-list": lambda p: p.write_text("[1, 2]"),
    "missing": lambda p: p.unlink(),  # the name toy-ru-en says no languages: unusable
    "wrong-types": lambda p: p.write_text('{"format": "opus-mt", "source": 5, "target": "en"}'),
}


@pytest.mark.parametrize("damage", sorted(MANIFEST_DAMAGE))
def test_damaged_manifest_is_listed_as_broken_and_removable(
        damage: str, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = store / "toy-ru-en"
    MANIFEST_DAMAGE[damage](model / "tlsum-model.json")
    code, out, err = run_cli(capsys, "models", "list")
    assert code == 0 and err == ""
    assert "toy-ru-en" in out and "BROKEN: " in out and "1 broken" in out
    code, out, err = run_cli(capsys, "models", "list", "--json")
    (listed,) = [m for m in json.loads(out) if not m["demo"]]
    assert code == 0 and listed["id"] == "toy-ru-en" and listed["problem"]
    # One fault, one line: the copy named is broken (exit 6), with no warning before it.
    code, out, err = run_cli(capsys, "translate", str(ARTICLE_RU), "--no-cache",
                             "--model", "toy-ru-en")
    assert_error(code, out, err, EXIT_MODEL, f"model toy-ru-en ({model}) is broken")
    # Not named: nothing covers ru→en (the bundled toy is a demo); the same one line
    # says so and names the unusable directory, with no warning besides.
    code, out, err = run_cli(capsys, "translate", str(ARTICLE_RU), "--no-cache")
    assert_error(code, out, err, EXIT_NO_MODEL, "no installed model translates ru to en",
                 f"ignored: {model}", "--model toy-ru-en")
    code, out, err = run_cli(capsys, "models", "remove", "toy-ru-en")
    assert code == 0 and err == "" and not model.exists()


MODEL_DAMAGE: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "source.spm missing": ("source.spm", lambda p: p.unlink(), "broken: missing source.spm"),
    "source.spm directory": ("source.spm", _directory, "broken: missing source.spm"),
    "source.spm garbage": ("source.spm", _garbage, "not a SentencePiece model"),
    "model.bin truncated": ("model.bin", _truncate, "cannot be loaded"),
    "model.bin missing": ("model.bin", lambda p: p.unlink(), "broken: missing model.bin"),
    "config.json garbage": ("config.json", _garbage, "cannot be loaded"),
}


@pytest.mark.parametrize("case", sorted(MODEL_DAMAGE))
def test_damaged_model_is_named_not_replaced(case: str, store: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    name, damage, needle = MODEL_DAMAGE[case]
    damage(store / "toy-ru-en" / name)
    code, out, err = run_cli(capsys, "translate", str(ARTICLE_RU), "--no-cache",
                             "--model", "toy-ru-en")
    assert_error(code, out, err, EXIT_MODEL, "toy-ru-en", needle)
    code, out, err = run_cli(capsys, "models", "info", "toy-ru-en", "--verify")
    assert_error(code, "", err, EXIT_MODEL, "toy-ru-en: failed verification")
    assert f"{name}: changed" in out or f"{name}: missing" in out
    code, _, err = run_cli(capsys, "models", "remove", "toy-ru-en")
    assert code == 0 and err == "" and not (store / "toy-ru-en").exists()


def test_pull_replaces_a_broken_copy(tmp_path: Path, model_server: ModelServer,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """`models pull` does not answer "already installed" for a model that cannot work."""
    store = tmp_path / "store"
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(store))
    monkeypatch.setenv("TLSUM_ARGOS_INDEX", serve_argos(model_server, toy_model()))
    assert run_cli(capsys, "models", "pull", "argos:ru-en")[0] == 0
    spm = store / "argos-ru-en" / "sentencepiece.model"
    spm.unlink()
    code, out, err = run_cli(capsys, "translate", str(ARTICLE_RU), "--no-cache")
    assert_error(code, out, err, EXIT_MODEL, "argos-ru-en", "missing sentencepiece.model")
    code, out, err = run_cli(capsys, "models", "pull", "argos:ru-en")
    assert code == 0 and "Installed argos-ru-en" in out, err
    assert spm.is_file() and run_cli(capsys, "translate", str(ARTICLE_RU))[0] == 0


def test_store_folders_of_its_own_are_rebuilt(store: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A file where the store keeps its staging and lock folders is tlsum's to replace."""
    for hidden in (".tmp", ".locks"):
        shutil.rmtree(store / hidden)
        (store / hidden).write_text("in the way")
    code, out, err = run_cli(capsys, "models", "import", str(ROOT / "models" / "toy-en-ru"))
    assert code == 0 and err == "" and "Installed toy-en-ru" in out
    assert (store / ".tmp").is_dir() and (store / ".locks").is_dir()


def _symlink_loop(model: Path) -> None:
    (model / "a").symlink_to(model / "b")
    (model / "b").symlink_to(model / "a")


IMPORT_DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "symlink loop": (_symlink_loop, "a symlink loop"),
    "dangling link": (lambda m: (m / "gone").symlink_to(m / "nowhere"), "a dangling symlink"),
    "fifo": (lambda m: os.mkfifo(m / "pipe"), "a special file"),
    "directory link": (lambda m: (m / "up").symlink_to(m.parent), "a symlink to a directory"),
}


@pytest.mark.parametrize("case", sorted(IMPORT_DAMAGE))
def test_import_refuses_what_a_copy_cannot_take(case: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(store))
    model = tmp_path / "incoming"
    shutil.copytree(TOY, model)
    make, needle = IMPORT_DAMAGE[case]
    make(model)
    code, out, err = run_cli(capsys, "models", "import", str(model))
    assert_error(code, out, err, EXIT_INSTALL, needle)
    assert [p.name for p in store.iterdir() if p.name != ".locks"] == [".tmp"]
    assert list((store / ".tmp").iterdir()) == [], "nothing staged is left behind"


def test_linked_files_are_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A Hugging Face snapshot links each file into a blob store: those links are followed."""
    monkeypatch.setenv("TLSUM_MODELS_DIR", str(tmp_path / "store"))
    blobs, snapshot = tmp_path / "blobs", tmp_path / "snapshot"
    shutil.copytree(TOY, blobs)
    snapshot.mkdir()
    for item in blobs.iterdir():
        (snapshot / item.name).symlink_to(item)
    code, out, err = run_cli(capsys, "models", "import", str(snapshot), "--name", "linked")
    assert code == 0 and err == "" and "Installed linked" in out, err
    copied = tmp_path / "store" / "linked" / "model.bin"
    assert not copied.is_symlink() and copied.read_bytes() == (TOY / "model.bin").read_bytes()
