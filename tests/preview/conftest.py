"""Fixtures of the preview tests: a course to edit and a running preview server (the browser is tests/conftest.py's)."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from course_builder.preview.builds import PreviewBuilds, watch
from course_builder.preview.lms import PreviewLms
from course_builder.preview.server import PreviewServer
from course_builder.preview.store import Store

from tests.support import FIXTURES


@pytest.fixture
def sco_course(minimal_course) -> Path:
    """The course with the test SCO script added to every module page (through a template override)."""
    static = minimal_course / "templates" / "player" / "static"
    static.mkdir(parents=True)
    shutil.copy(FIXTURES / "preview-sco" / "test-sco.js", static / "test-sco.js")
    return minimal_course


class RunningPreview:
    def __init__(self, source: Path, data: Path, watching: bool):
        self.source = source
        self.builds = PreviewBuilds(source, data / "builds")
        self.builds.rebuild()
        self.database = data / "preview.sqlite"
        self.store = Store(self.database)
        self.lms = PreviewLms(self.store, self.builds)
        self.server = PreviewServer(self.lms, 0)
        self.stop = threading.Event()
        if watching:
            watch(self.builds, self.stop, interval=0.02)
        self.thread = self.server.serve_in_thread()

    @property
    def url(self) -> str:
        return self.server.url

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.store.close()


@pytest.fixture
def preview(sco_course, tmp_path):
    running = RunningPreview(sco_course, tmp_path / "data", watching=True)
    yield running
    running.close()
