"""The preview's LMS database: learners, their attempts at each module, and the data each attempt holds.

An embedded SQLite file (stdlib sqlite3), nothing to install. A track is one learner, one module
and one SCORM version (the two data models do not share values); each track has numbered
attempts, and the newest is the one a launch continues. Values are kept as the SCO sent them:
element name → text.
"""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS learner (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS attempt (
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
    module_id TEXT NOT NULL,
    scorm_version TEXT NOT NULL,
    number INTEGER NOT NULL,
    UNIQUE (learner_id, module_id, scorm_version, number)
);
CREATE TABLE IF NOT EXISTS value (
    attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
    element TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (attempt_id, element)
);
"""


@dataclass(frozen=True)
class Learner:
    id: int
    name: str

    @property
    def learner_id(self) -> str:
        """What the SCO reads as cmi.core.student_id / cmi.learner_id."""
        return f"learner-{self.id}"


@dataclass(frozen=True)
class Attempt:
    id: int
    learner_id: int
    module_id: str
    scorm_version: str
    number: int


class Store:
    """Thread-safe: the server's request threads share one connection behind a lock."""

    def __init__(self, path: Path | str):
        self.path = path
        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---------------------------------------------------------------- learners

    def learner(self, name: str, nameless: str = "") -> Learner:
        """The learner of that name (or of the name nameless where it is blank), made on first use."""
        name = " ".join(name.split()) or nameless
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO learner (name) VALUES (?)", (name,))
            row = self._db.execute("SELECT id, name FROM learner WHERE name = ?", (name,)).fetchone()
        return Learner(*row)

    def new_learner(self, base: str) -> Learner:
        """A learner who has never launched anything: base, 'base 2', 'base 3', ..."""
        with self._lock:
            names = {row[0] for row in self._db.execute("SELECT name FROM learner")}
        number = 1
        while (f"{base} {number}" if number > 1 else base) in names:
            number += 1
        return self.learner(f"{base} {number}" if number > 1 else base)

    def learners(self) -> list[Learner]:
        with self._lock:
            return [Learner(*row) for row in self._db.execute("SELECT id, name FROM learner ORDER BY id")]

    def learner_by_id(self, learner_id: int) -> Learner | None:
        with self._lock:
            row = self._db.execute("SELECT id, name FROM learner WHERE id = ?", (learner_id,)).fetchone()
        return Learner(*row) if row else None

    # ---------------------------------------------------------------- attempts

    def attempt(self, learner: Learner, module_id: str, scorm_version: str) -> Attempt:
        """The newest attempt of this track; the first launch makes attempt 1."""
        with self._lock:
            row = self._newest(learner.id, module_id, scorm_version)
            if row is None:
                self._db.execute(
                    "INSERT INTO attempt (learner_id, module_id, scorm_version, number) VALUES (?, ?, ?, 1)",
                    (learner.id, module_id, scorm_version),
                )
                row = self._newest(learner.id, module_id, scorm_version)
        return Attempt(*row)

    def new_attempt(self, learner: Learner, module_id: str, scorm_version: str) -> Attempt:
        with self._lock:
            row = self._newest(learner.id, module_id, scorm_version)
            number = row[4] + 1 if row else 1
            self._db.execute(
                "INSERT INTO attempt (learner_id, module_id, scorm_version, number) VALUES (?, ?, ?, ?)",
                (learner.id, module_id, scorm_version, number),
            )
            row = self._newest(learner.id, module_id, scorm_version)
        return Attempt(*row)

    def _newest(self, learner_id: int, module_id: str, scorm_version: str):
        return self._db.execute(
            "SELECT id, learner_id, module_id, scorm_version, number FROM attempt "
            "WHERE learner_id = ? AND module_id = ? AND scorm_version = ? ORDER BY number DESC LIMIT 1",
            (learner_id, module_id, scorm_version),
        ).fetchone()

    # ---------------------------------------------------------------- values

    def values(self, attempt: Attempt) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute("SELECT element, value FROM value WHERE attempt_id = ? ORDER BY element", (attempt.id,))
            return dict(rows.fetchall())

    def save(self, attempt: Attempt, values: dict[str, str]) -> None:
        """Replaces the attempt's values with these, all at once."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM value WHERE attempt_id = ?", (attempt.id,))
                self._db.executemany(
                    "INSERT INTO value (attempt_id, element, value) VALUES (?, ?, ?)",
                    [(attempt.id, k, v) for k, v in sorted(values.items())],
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def reset(self, attempt: Attempt) -> None:
        """Forgets everything the attempt holds: the next launch starts ab-initio."""
        with self._lock:
            self._db.execute("DELETE FROM value WHERE attempt_id = ?", (attempt.id,))

    def track_values(self, learner: Learner, scorm_version: str) -> dict[str, dict[str, str]]:
        """The newest attempt's values of every module this learner has launched: module id → values."""
        with self._lock:
            rows = self._db.execute(
                "SELECT a.module_id, v.element, v.value FROM attempt a JOIN value v ON v.attempt_id = a.id "
                "WHERE a.learner_id = ? AND a.scorm_version = ? AND a.number = ("
                "  SELECT MAX(number) FROM attempt b WHERE b.learner_id = a.learner_id"
                "  AND b.module_id = a.module_id AND b.scorm_version = a.scorm_version)",
                (learner.id, scorm_version),
            ).fetchall()
        tracks: dict[str, dict[str, str]] = {}
        for module_id, name, value in rows:
            tracks.setdefault(module_id, {})[name] = value
        return tracks
