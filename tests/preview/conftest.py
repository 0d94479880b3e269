"""Fixtures of the preview tests: a course to edit, a running preview server, a headless browser."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from course_builder.preview.builds import PreviewBuilds, watch
from course_builder.preview.lms import PreviewLms
from course_builder.preview.server import PreviewServer
from course_builder.preview.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def course(tmp_path) -> Path:
    """The minimal fixture course, copied so a test can edit it."""
    return Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "course"))


@pytest.fixture
def sco_course(course) -> Path:
    """The course with the test SCO script added to every module page (through a template override)."""
    static = course / "templates" / "player" / "static"
    static.mkdir(parents=True)
    shutil.copy(FIXTURES / "preview-sco" / "test-sco.js", static / "test-sco.js")
    return course


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


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
