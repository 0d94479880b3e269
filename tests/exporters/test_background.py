"""What an exporter leaves to the background (the course backups' compression) runs beside the next exporters,
is finished when the build returns, and a failure there fails the build without touching the earlier output."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from course_builder.build import build
from course_builder.exporters import BuildContext
from course_builder.moodle_backup.archive import ARCHIVE_INDEX, mbz_bytes
from tests.exporters.backup_reader import MoodleBackup
from tests.support import tree_bytes


def context(tmp_path: Path) -> BuildContext:
    return BuildContext(course=None, rendered=None, staging=tmp_path)  # the background needs neither


def test_a_job_runs_beside_the_caller_and_is_waited_for(tmp_path):
    started, go_on, finished = threading.Event(), threading.Event(), []
    build_context = context(tmp_path)

    def job():
        started.set()
        assert go_on.wait(10)  # only the caller, still running, can set it
        finished.append(threading.current_thread() is not threading.main_thread())

    build_context.in_background(job)
    assert started.wait(10)
    go_on.set()
    build_context.finish_background()
    assert finished == [True]


def test_a_failed_job_raises_when_the_build_waits_for_it(tmp_path):
    build_context = context(tmp_path)
    build_context.in_background(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build_context.finish_background()


def test_a_build_whose_backup_fails_raises_and_keeps_the_earlier_output(minimal_course, tmp_path, monkeypatch):
    out = tmp_path / "dist"
    assert build(minimal_course, out, ["moodle"]).ok
    before = tree_bytes(out)

    def broken(path, files):
        raise OSError("disk full")

    monkeypatch.setattr("course_builder.exporters.moodle.write_mbz", broken)
    with pytest.raises(OSError, match="disk full"):
        build(minimal_course, out, ["moodle"])
    assert tree_bytes(out) == before
    assert not list(tmp_path.glob(".build-staging-*"))


def test_the_backup_is_whole_when_the_build_returns(minimal_course, tmp_path):
    out = tmp_path / "dist"
    assert build(minimal_course, out, ["moodle"]).ok
    written = (out / "moodle" / "mini-kursus.mbz").read_bytes()
    files = {path: data for path, data in MoodleBackup.read(written).files.items() if path != ARCHIVE_INDEX}
    assert len(files) > 10 and written == mbz_bytes(files)


def test_every_format_runs_after_what_it_requires_and_the_backups_early():
    from course_builder import exporters

    order = exporters.RUN_ORDER
    assert sorted(order) == sorted(exporters.available_formats())
    for name in order:
        assert all(order.index(required) < order.index(name) for required in exporters.exporter(name).requires)
    assert order.index("moodle") == order.index("scorm12") + 1  # its compression overlaps the rest
