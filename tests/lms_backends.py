"""Two LMSs for the browser tests of anything that talks SCORM: one interface, two implementations.

- `ScormAgainLms`: scorm-again (npm, pinned), the reference runtime, in the player's test LMS page
  (tests/player/harness/), with the module's package unpacked beside it.
- `PreviewLms`: the project's own runtime, `course-builder preview`'s shell and server (in this process).

Both take a fixture course folder, launch one of its modules' SCORM 1.2 or 2004 package in the page's
`#sco` frame, and report what the SCO did and what the LMS holds:

    frame = lms.open(page, course, "intro", "2004").frame   # act as the learner inside frame
    lms.values(page)["cmi.completion_status"]                 # what the LMS holds, flat {element: value}
    lms.calls(page)                                           # every API call of the SCO, in order

The `lms` fixture runs a test once under each:

    from tests.lms_backends import lms  # noqa: F401  (a fixture, parametrized over both)
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
import urllib.parse
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from course_builder.build import build
from course_builder.content.model import Course
from course_builder.manifest import module_package_name
from course_builder.preview.builds import PreviewBuilds, watch
from course_builder.preview.lms import PreviewLms as Lms
from course_builder.preview.server import PreviewServer
from course_builder.preview.store import Store
from tests.support import REPO

HARNESS = REPO / "tests" / "player" / "harness"
NODE_MODULES = REPO / "node_modules"
API = {"1.2": "API", "2004": "API_1484_11"}
PACKAGES = {"1.2": "scorm12", "2004": "scorm2004"}

# Every value of a scorm-again API object as {element: value}; scorm-again keeps empty elements nobody
# set, the preview stores only what was set, so empty values are left out of both.
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

# Logs every call the SCO makes to the shell's API object, as the harness does for scorm-again.
_RECORD = """name => {
  const api = window[name], calls = window.lmsCalls = [];
  const local = /GetLastError$|GetErrorString$|GetDiagnostic$/;
  const recorder = {};
  for (const [method, value] of Object.entries(api)) {
    recorder[method] = typeof value !== 'function' ? value : (...args) => {
      const result = api[method](...args);
      if (!local.test(method)) {
        calls.push({ fn: method, args: args.map(String), ret: String(result), err: String(api[name === 'API' ? 'LMSGetLastError' : 'GetLastError']()) });
      }
      return result;
    };
  }
  window[name] = recorder;
}"""


@dataclass(frozen=True)
class Call:
    method: str
    arguments: list[str]
    result: str
    error: str


@dataclass(frozen=True)
class Launched:
    frame: object  # the FrameLocator of the SCO's frame
    package: str  # the URL of the package root the SCO was launched from (ends with /)


def launch_values(course: Course, module_id: str, version: str) -> dict[str, str]:
    """What the manifest gives the run-time, as the course says it (the preview reads it from the package)."""
    module = course.module(module_id)
    mastery = course.settings.mastery_score if module.quiz is not None else None
    if mastery is None:
        return {}
    return {"mastery": str(mastery)} if version == "1.2" else {"passing": str(mastery / 100)}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the SCO files at /, the harness at /__harness__/ and the npm test packages at /__npm__/."""

    def __init__(self, *args, root: Path, mounts: dict[str, Path], **kwargs):
        self.mounts = mounts
        super().__init__(*args, directory=str(root), **kwargs)

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        prefixes = [("/__harness__/", HARNESS), ("/__npm__/", NODE_MODULES)]
        prefixes += [(f"/__mount__/{name}/", folder) for name, folder in self.mounts.items()]
        for prefix, folder in prefixes:
            if path.startswith(prefix):
                return str(folder / path[len(prefix):])
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


class StaticServer:
    """SCO files at /, other builds at /__mount__/<name>/, all on one origin (the SCO reaches the API)."""

    def __init__(self, root: Path):
        self.mounts: dict[str, Path] = {}
        handler = functools.partial(_Handler, root=root, mounts=self.mounts)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def mount(self, name: str, folder: Path) -> str:
        self.mounts[name] = folder
        return f"__mount__/{name}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Backend:
    name = ""
    calls_script = ""  # a JS expression of the page: the calls of the open launch, as {fn, args, ret, err}

    def calls(self, page) -> list[Call]:
        found = page.evaluate(f"() => {self.calls_script}")
        return [Call(c["fn"], c["args"], c["ret"], c["err"]) for c in found]

    def wait_for_call(self, page, method: str, times: int = 1) -> None:
        page.wait_for_function(f"([name, times]) => ({self.calls_script}).filter(c => c.fn === name).length >= times",
                               arg=[method, times])


class ScormAgainLms(_Backend):
    name = "scorm-again"
    calls_script = "harness.calls.filter(c => c.launch === harness.launches)"

    def __init__(self, work: Path):
        self.work = work
        self.server: StaticServer | None = None
        self.version = ""

    def open(self, page, course_folder: Path, module_id: str, version: str, learner: str = "Testdeltager") -> Launched:
        root = self.work / "scorm-again-site"
        shutil.rmtree(root, ignore_errors=True)
        result = build(course_folder, root / "dist", [PACKAGES[version]])
        assert result.ok, [p.display() for p in result.problems]
        package = f"{PACKAGES[version]}/{module_id}"
        name = module_package_name(result.course, result.course.module(module_id))
        with zipfile.ZipFile(root / "dist" / PACKAGES[version] / "modules" / name) as packed:
            packed.extractall(root / package)
        if self.server is None:
            self.server = StaticServer(root)
        self.version = version
        query = {"version": version, "sco": f"{package}/{module_id}/index.html", "learner": learner,
                 "mastery": "", **launch_values(result.course, module_id, version)}
        page.goto(f"{self.server.url}/__harness__/index.html?{urllib.parse.urlencode(query)}")
        return Launched(page.frame_locator("#sco"), f"{self.server.url}/{package}/")

    def values(self, page) -> dict[str, str]:
        return page.evaluate(f"({_FLATTEN})(harness.api)")

    def close(self) -> None:
        if self.server:
            self.server.stop()


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


class PreviewLms(_Backend):
    name = "preview"
    calls_script = "window.lmsCalls"

    def __init__(self, work: Path):
        self.work = work
        self.running: RunningPreview | None = None

    def open(self, page, course_folder: Path, module_id: str, version: str, learner: str = "Testdeltager") -> Launched:
        if self.running is None:
            self.running = RunningPreview(course_folder, self.work / "preview-data", watching=False, learner=learner)
        page.goto(self.running.url)
        page.check(f"input[name=version][value='{version}']")
        page.evaluate(f"({_RECORD})('{API[version]}')")
        page.click(f"button[data-module='{module_id}']")
        page.locator("#sco[src]").wait_for(state="attached")
        url = page.locator("#sco").get_attribute("src")
        package = url[:url.index(".zip/") + len(".zip/")]
        return Launched(page.frame_locator("#sco"), urllib.parse.urljoin(self.running.url, package))

    def values(self, page) -> dict[str, str]:
        """What the LMS holds for the open attempt, committed or not (as scorm-again's object does)."""
        session = page.locator("#panel[data-session]").get_attribute("data-session")
        panel = self.running.lms.panel(session)
        return {entry["element"]: entry["value"] for entry in panel["values"] if entry["value"] != ""}

    def close(self) -> None:
        if self.running:
            self.running.close()


BACKENDS = {"scorm-again": ScormAgainLms, "preview": PreviewLms}


@pytest.fixture(params=sorted(BACKENDS))
def lms(request, tmp_path):
    if not (NODE_MODULES / "scorm-again" / "dist").is_dir():
        pytest.skip("npm test packages missing: run `npm ci`")
    backend = BACKENDS[request.param](tmp_path / request.param)
    yield backend
    backend.close()
