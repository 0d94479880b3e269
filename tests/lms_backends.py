"""Two LMSs for the browser tests of anything that talks SCORM: the same test runs against both.

- `ScormAgainLms`: scorm-again (npm, pinned), the reference runtime, in a host page of its own.
- `PreviewLms`: the project's own runtime, `course-builder preview`'s shell and server.

Both take a fixture course folder, open one of its modules in a Playwright page under SCORM 1.2 or
2004, and give back what the LMS holds for the attempt as {element: value}, so a test can assert
that a learner's actions leave the same data in either. Use the `lms` fixture:

    from tests.lms_backends import lms  # noqa: F401  (a fixture, parametrized over both)

    def test_something(lms, page, minimal_course):
        frame = lms.open(page, minimal_course, "intro", "2004")
        ...  # act as the learner inside frame
        assert lms.values(page)["cmi.completion_status"] == "completed"
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from course_builder.build import build
from course_builder.content.model import Course
from course_builder.preview.builds import PreviewBuilds, watch
from course_builder.preview.lms import PreviewLms as Lms
from course_builder.preview.server import PreviewServer
from course_builder.preview.store import Store
from tests.support import FIXTURES, REPO

SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"

# scorm-again keeps these even when nobody set them; the preview stores only what was set.
_FLATTEN = """api => {
  const flat = {};
  const walk = (value, path) => {
    if (value === null || value === undefined || value === '') return;
    if (typeof value !== 'object') { flat[path] = String(value); return; }
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('_') || key === 'childArray') continue;
      walk(child, path ? path + '.' + key : key);
    }
  };
  walk(api.renderCMIToJSONObject(), '');
  return flat;
}"""


def _launch_values(course: Course, module_id: str, version: str) -> dict[str, str]:
    module = course.module(module_id)
    mastery = course.settings.mastery_score if module.quiz is not None else None
    if mastery is None:
        return {}
    return {"mastery": str(mastery)} if version == "1.2" else {"passing": str(mastery / 100)}


class _StaticServer:
    """A folder over HTTP on 127.0.0.1 (a SCO in a file:// frame cannot reach its parent's API)."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class ScormAgainLms:
    name = "scorm-again"

    def __init__(self, work: Path):
        self.work = work
        self.server: _StaticServer | None = None
        self.version = ""

    def open(self, page, course_folder: Path, module_id: str, version: str, learner: str = "Testdeltager"):
        root = self.work / "scorm-again-site"
        shutil.rmtree(root, ignore_errors=True)
        result = build(course_folder, root / "dist", ["web"])
        assert result.ok, [p.display() for p in result.problems]
        (root / "scorm-again").mkdir()
        for name in ("scorm12.min.js", "scorm2004.min.js"):
            (root / "scorm-again" / name).symlink_to(SCORM_AGAIN / name)
        shutil.copy(FIXTURES / "scorm-again-host" / "host.html", root / "host.html")
        if self.server is None:
            self.server = _StaticServer(root)
        self.version = version
        query = {"version": version, "url": f"dist/web/{module_id}/index.html", "learner": learner,
                 **_launch_values(result.course, module_id, version)}
        page.goto(self.server.url + "host.html?" + "&".join(f"{k}={urllib.request.quote(v)}" for k, v in query.items()))
        return page.frame_locator("#sco")

    def values(self, page) -> dict[str, str]:
        api = "window.API" if self.version == "1.2" else "window.API_1484_11"
        return page.evaluate(f"({_FLATTEN})({api})")

    def close(self) -> None:
        if self.server:
            self.server.close()


class RunningPreview:
    """A preview server in this process, on a free port of 127.0.0.1."""

    def __init__(self, source: Path, data: Path, watching: bool, learner: str = "Testdeltager"):
        self.source = source
        self.builds = PreviewBuilds(source, data / "builds")
        self.stop = threading.Event()
        if watching:
            watch(self.builds, self.stop, interval=0.02)
        self.builds.rebuild()
        self.database = data / "preview.sqlite"
        self.store = Store(self.database)
        self.lms = Lms(self.store, self.builds)
        self.server = PreviewServer(self.lms, 0, learner)
        self.thread = self.server.serve_in_thread()

    @property
    def url(self) -> str:
        return self.server.url

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.store.close()


class PreviewLms:
    name = "preview"

    def __init__(self, work: Path):
        self.work = work
        self.running = None

    def open(self, page, course_folder: Path, module_id: str, version: str, learner: str = "Testdeltager"):
        if self.running is None:
            self.running = RunningPreview(course_folder, self.work / "preview-data", watching=False,
                                          learner=learner)
        page.goto(self.running.url)
        page.check(f"input[name=version][value='{version}']")
        page.click(f"button[data-module='{module_id}']")
        return page.frame_locator("#sco")

    def values(self, page) -> dict[str, str]:
        """What the LMS holds for the open attempt, committed or not (as scorm-again's object does)."""
        session = page.locator("#panel[data-session]").get_attribute("data-session")
        with urllib.request.urlopen(f"{self.running.url}api/sessions/{session}") as answer:
            panel = json.load(answer)
        return {entry["element"]: entry["value"] for entry in panel["values"] if entry["value"] != ""}

    def close(self) -> None:
        if self.running:
            self.running.close()


BACKENDS = {"scorm-again": ScormAgainLms, "preview": PreviewLms}


@pytest.fixture(params=sorted(BACKENDS))
def lms(request, tmp_path):
    backend = BACKENDS[request.param](tmp_path / request.param)
    yield backend
    backend.close()
