"""The preview's SQLite store: learners, attempts and their values, kept in a real database file."""
import sqlite3

from course_builder.preview.datamodel import Launch, Session
from course_builder.preview.versions import version
from course_builder.preview.store import Store


def test_a_learner_is_made_once_by_name(tmp_path):
    store = Store(tmp_path / "preview.sqlite")
    anna = store.learner("Anna Jensen")
    assert store.learner("Anna  Jensen") == anna
    assert anna.learner_id == f"learner-{anna.id}"
    assert [l.name for l in store.learners()] == ["Anna Jensen"]


def test_new_learners_get_fresh_names(tmp_path):
    store = Store(tmp_path / "preview.sqlite")
    names = [store.new_learner("Testdeltager").name for _ in range(3)]
    assert names == ["Testdeltager", "Testdeltager 2", "Testdeltager 3"]


def test_values_are_kept_per_learner_module_version_and_attempt(tmp_path):
    path = tmp_path / "preview.sqlite"
    store = Store(path)
    anna, bo = store.learner("Anna"), store.learner("Bo")
    first = store.attempt(anna, "intro", "1.2")
    assert first.number == 1 and store.attempt(anna, "intro", "1.2") == first
    store.save(first, {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90"})
    store.save(store.attempt(bo, "intro", "1.2"), {"cmi.core.lesson_status": "failed"})
    store.save(store.attempt(anna, "intro", "2004"), {"cmi.completion_status": "incomplete"})
    store.close()

    reopened = Store(path)
    assert reopened.values(reopened.attempt(anna, "intro", "1.2")) == {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90"}
    assert reopened.values(reopened.attempt(bo, "intro", "1.2")) == {"cmi.core.lesson_status": "failed"}
    assert reopened.track_values(anna, "2004") == {"intro": {"cmi.completion_status": "incomplete"}}


def test_save_replaces_the_attempts_values(tmp_path):
    store = Store(tmp_path / "preview.sqlite")
    attempt = store.attempt(store.learner("Anna"), "intro", "1.2")
    store.save(attempt, {"a": "1", "b": "2"})
    store.save(attempt, {"b": "3"})
    assert store.values(attempt) == {"b": "3"}


def test_reset_empties_the_attempt_and_the_next_launch_starts_ab_initio(tmp_path):
    store = Store(tmp_path / "preview.sqlite")
    anna = store.learner("Anna")
    attempt = store.attempt(anna, "intro", "1.2")
    store.save(attempt, {"cmi.core.exit": "suspend", "cmi.suspend_data": "x"})
    store.reset(attempt)
    session = Session(version("1.2"), Launch(anna.learner_id, anna.name), store.values(attempt))
    session.call("LMSInitialize", [""])
    assert session.call("LMSGetValue", ["cmi.core.entry"]).result == "ab-initio"


def test_a_new_attempt_starts_empty_and_becomes_the_current_one(tmp_path):
    store = Store(tmp_path / "preview.sqlite")
    anna = store.learner("Anna")
    first = store.attempt(anna, "intro", "2004")
    store.save(first, {"cmi.location": "p3"})
    second = store.new_attempt(anna, "intro", "2004")
    assert second.number == 2
    assert store.attempt(anna, "intro", "2004") == second
    assert store.values(second) == {}
    assert store.track_values(anna, "2004") == {}
    assert store.values(first) == {"cmi.location": "p3"}


def test_a_session_commits_into_the_database_file(tmp_path):
    path = tmp_path / "preview.sqlite"
    store = Store(path)
    anna = store.learner("Anna")
    attempt = store.attempt(anna, "intro", "1.2")

    def save(values):
        store.save(attempt, values)
        return True

    session = Session(version("1.2"), Launch(anna.learner_id, anna.name), store.values(attempt), save=save)
    session.call("LMSInitialize", [""])
    session.call("LMSSetValue", ["cmi.core.lesson_location", "p2"])
    session.call("LMSCommit", [""])
    rows = sqlite3.connect(path).execute("SELECT element, value FROM value").fetchall()
    assert ("cmi.core.lesson_location", "p2") in rows
