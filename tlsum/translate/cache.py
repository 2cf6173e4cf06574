"""A sentence cache on disk, so a re-run over the same article translates nothing.

One SQLite file in the user cache dir (``TLSUM_CACHE_DIR`` overrides it). Rows
are keyed by a *context* (model id + version + file stamp, language pair and
decoding options, hashed) and the source sentence. WAL mode and a busy timeout
let several tlsum processes read and write at once; a write is one short
transaction. A cache that cannot be opened or written is logged and skipped:
losing it costs time, never a translation.

The cache is bounded: each row remembers when it was last written or read, and a
write that takes the table past ``max_rows`` (default ``MAX_ROWS``, under 100 MB
of news sentences) drops the least recently used rows down to 90 % of it, so a
daily user's cache neither grows forever nor is pruned on every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from tlsum.dirs import cache_dir

log = logging.getLogger(__name__)

CACHE_FILE = "translations.sqlite3"
BUSY_TIMEOUT_S = 30.0
MAX_ROWS = 100_000
_CHUNK = 500  # host parameters per SELECT, well under SQLite's limit
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentences (
    context TEXT NOT NULL,
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,
    failed  INTEGER NOT NULL DEFAULT 0,
    used    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (context, source)
) WITHOUT ROWID
"""
_INDEX = "CREATE INDEX IF NOT EXISTS sentences_used ON sentences (used)"


def context_key(*parts: object) -> str:
    """A short stable key for everything that changes a translation besides the text."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


class SentenceCache:
    """Source sentence → (translation, marks) for one context at a time."""

    def __init__(self, path: Path, max_rows: int = MAX_ROWS) -> None:
        self.path = Path(path)
        self.max_rows = max_rows
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except (OSError, sqlite3.Error) as err:
            self._disable("cannot be opened", err)

    def _open(self) -> sqlite3.Connection:
        """Connect; a file that is not a database (or is damaged) is replaced by a new one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as err:
            if not _corrupt(err):
                raise
            log.warning("translation cache %s was damaged (%s); starting a new one",
                        self.path, err)
            _delete(self.path)
            return self._connect()

    def _disable(self, what: str, err: BaseException) -> None:
        """Go on without the cache, saying so once; a damaged file is deleted for next time."""
        damaged = isinstance(err, sqlite3.DatabaseError) and _corrupt(err)
        later = "; it is deleted, the next run starts a new one" if damaged else ""
        log.warning("translation cache %s %s (%s); continuing without it%s",
                    self.path, what, err, later)
        if self._db is not None:
            self._db.close()
            self._db = None
        if damaged:
            _delete(self.path)

    @classmethod
    def open_default(cls) -> SentenceCache:
        return cls(cache_dir() / CACHE_FILE)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _connect(self) -> sqlite3.Connection:
        """Open the database; a file lock serialises setup, where SQLite may not wait.

        Switching to WAL and creating the table can fail with "database is locked" at
        once (no busy wait) when two processes create the file together.
        """
        from filelock import FileLock

        # isolation_level=None: we open transactions ourselves, keeping each write short.
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            with FileLock(f"{self.path}.lock", timeout=BUSY_TIMEOUT_S):
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(_SCHEMA)
                _add_used_column(db)
                db.execute(_INDEX)
        except (sqlite3.Error, OSError):  # filelock.Timeout is an OSError
            db.close()
            raise
        return db

    def get_many(self, context: str, sources: Sequence[str]) -> dict[str, tuple[str, int]]:
        """The cached ``(target, marks)`` of those ``sources`` that are cached.

        ``marks`` is the translator's bit set (failed, flagged); 0 is a clean
        translation. A cache written when it was a failed/clean bool reads the same.
        """
        if self._db is None or not sources:
            return {}
        found: dict[str, tuple[str, int]] = {}
        unique = list(dict.fromkeys(sources))
        try:
            for i in range(0, len(unique), _CHUNK):
                chunk = unique[i : i + _CHUNK]
                holes = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT source, target, failed FROM sentences "
                    f"WHERE context = ? AND source IN ({holes})",
                    (context, *chunk),
                )
                found.update((s, (t, int(f))) for s, t, f in rows)
        except sqlite3.Error as err:
            self._disable("cannot be read", err)
        self._touch(context, list(found))
        return found

    def _touch(self, context: str, sources: list[str]) -> None:
        """Mark rows as just used, so eviction drops what nobody reads any more."""
        if self._db is None or not sources:
            return
        now = time.time_ns()
        self._write(lambda db: db.executemany(
            "UPDATE sentences SET used = ? WHERE context = ? AND source = ?",
            [(now, context, s) for s in sources]))

    def put_many(self, context: str, items: Iterable[tuple[str, str, int]]) -> None:
        """Store ``(source, target, marks)`` rows in one transaction."""
        now = time.time_ns()
        rows = [(context, s, t, int(f), now) for s, t, f in items]
        if self._db is None or not rows:
            return

        def insert(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO sentences VALUES (?, ?, ?, ?, ?)", rows)
            _evict(db, self.max_rows)

        self._write(insert)

    def _write(self, work: Callable[[sqlite3.Connection], object]) -> None:
        """Run ``work`` in one short write transaction; a failure is logged, not raised."""
        if self._db is None:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            work(self._db)
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            with contextlib.suppress(sqlite3.Error):
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
            self._disable("cannot be written", err)

    def count(self) -> int:
        """Rows stored (a method, not ``__len__``: an empty cache must still be truthy)."""
        if self._db is None:
            return 0
        return int(self._db.execute("SELECT count(*) FROM sentences").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> SentenceCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _corrupt(err: sqlite3.DatabaseError) -> bool:
    """Damage (not a database, malformed, not our tables), not locked, read-only or full."""
    text = str(err)
    if "no such column" in text or "no such table" in text:  # a database, but not ours
        return True
    code = getattr(err, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
    return "not a database" in text or "malformed" in text


def _delete(path: Path) -> None:
    """Remove the database and its WAL files (always safe: it is only a cache)."""
    for extra in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{extra}").unlink()


def _add_used_column(db: sqlite3.Connection) -> None:
    """Caches written before eviction existed lack ``used``: add it (all rows count as old)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(sentences)")}
    if "used" not in columns:
        db.execute("ALTER TABLE sentences ADD COLUMN used INTEGER NOT NULL DEFAULT 0")


def _evict(db: sqlite3.Connection, max_rows: int) -> None:
    """Past ``max_rows``, delete the least recently used rows down to 90 % of it."""
    count = int(db.execute("SELECT count(*) FROM sentences").fetchone()[0])
    if count <= max_rows:
        return
    excess = count - int(max_rows * 0.9)
    db.execute(
        "DELETE FROM sentences WHERE (context, source) IN "
        "(SELECT context, source FROM sentences ORDER BY used LIMIT ?)",
        (excess,),
    )
