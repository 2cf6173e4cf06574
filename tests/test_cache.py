"""The SQLite sentence cache: per-context rows, WAL, and several writers at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tlsum.dirs import cache_dir as default_cache_dir
from tlsum.translate.cache import CACHE_FILE, SentenceCache, context_key


def test_round_trip_per_context(tmp_path: Path) -> None:
    a, b = context_key("model-a", "ru", "en"), context_key("model-b", "ru", "en")
    assert a != b and a == context_key("model-a", "ru", "en")
    with SentenceCache(tmp_path / "c.sqlite3") as cache:
        cache.put_many(a, [("Привет.", "Hello.", False), ("Да.", "Yes yes yes", True)])
        assert cache.get_many(a, ["Привет.", "Да.", "Нет."]) == {
            "Привет.": ("Hello.", False), "Да.": ("Yes yes yes", True)}
        assert cache.get_many(b, ["Привет."]) == {}
        assert cache.count() == 2


def test_persists_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with SentenceCache(path) as cache:
        cache.put_many("ctx", [("s", "t", False)])
    with SentenceCache(path) as cache:
        assert cache.get_many("ctx", ["s"]) == {"s": ("t", False)}
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_many_sources_in_one_lookup(tmp_path: Path) -> None:
    rows = [(f"s{i}", f"t{i}", False) for i in range(1500)]  # more than one SELECT chunk
    with SentenceCache(tmp_path / "c.sqlite3") as cache:
        cache.put_many("ctx", rows)
        found = cache.get_many("ctx", [s for s, _, _ in rows])
    assert len(found) == 1500 and found["s1499"] == ("t1499", False)


def test_eviction_drops_the_least_recently_used(tmp_path: Path) -> None:
    with SentenceCache(tmp_path / "c.sqlite3", max_rows=10) as cache:
        for i in range(10):
            cache.put_many("ctx", [(f"s{i}", f"t{i}", False)])
        assert cache.get_many("ctx", ["s0"]) == {"s0": ("t0", False)}  # s0 is now recent
        cache.put_many("ctx", [("s10", "t10", False)])  # 11 rows > 10: down to 9
        kept = cache.get_many("ctx", [f"s{i}" for i in range(11)])
        assert cache.count() == 9
    assert sorted(kept, key=lambda s: int(s[1:])) == ["s0", *[f"s{i}" for i in range(3, 11)]]


def test_cache_from_before_eviction_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE sentences (context TEXT NOT NULL, source TEXT NOT NULL, "
                "target TEXT NOT NULL, failed INTEGER NOT NULL DEFAULT 0, "
                "PRIMARY KEY (context, source)) WITHOUT ROWID")
    old.execute("INSERT INTO sentences VALUES ('ctx', 'old', 'kept', 0)")
    old.commit()
    old.close()
    with SentenceCache(path, max_rows=2) as cache:
        assert cache.get_many("ctx", ["old"]) == {"old": ("kept", False)}
        cache.put_many("ctx", [("a", "A", False)])
        cache.put_many("ctx", [("b", "B", False)])
        assert cache.count() == 1  # 3 rows > 2: down to 1, the most recently used
        assert cache.get_many("ctx", ["old", "a", "b"]) == {"b": ("B", False)}


def test_unusable_location_disables_the_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory", encoding="utf-8")
    cache = SentenceCache(tmp_path / "file" / CACHE_FILE)
    assert not cache.enabled
    cache.put_many("ctx", [("s", "t", False)])
    assert cache.get_many("ctx", ["s"]) == {}


def test_cache_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSUM_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path
    with SentenceCache.open_default() as cache:
        assert cache.path == tmp_path / CACHE_FILE and cache.enabled


WRITER = """
import sys
from tlsum.translate.cache import SentenceCache
cache = SentenceCache(sys.argv[1])
for i in range(40):
    cache.put_many("ctx", [(f"{sys.argv[2]}-{i}-{j}", "t", False) for j in range(5)])
    cache.get_many("ctx", [f"{sys.argv[2]}-{i}-0"])
"""


def test_several_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(n)],
                         stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert not any("cache" in e for e in errors), errors  # no write was lost to "locked"
    with SentenceCache(path) as cache:
        assert cache.count() == 4 * 40 * 5
