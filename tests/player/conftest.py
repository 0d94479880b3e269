"""The player's browser tests: SCOs served from 127.0.0.1 under a parent page that hosts scorm-again.

`sco_root` is any folder holding `<module-id>/index.html` and `player/`: by default a web build of the
minimal fixture course; SCO_ROOT=DIR points the same tests at other files built from that course, for
example its SCORM packages unpacked into one folder.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from course_builder.build import build
from tests.support import FIXTURES, REPO
from tests.player.lms import Harness

HARNESS = Path(__file__).resolve().parent / "harness"
NODE_MODULES = REPO / "node_modules"


def web_build(source: Path, target: Path) -> Path:
    result = build(source, target, ["web"])
    assert result.ok, [str(p) for p in result.problems]
    return target / "web"


@pytest.fixture(scope="session")
def web_root(tmp_path_factory) -> Path:
    """The fixture course in the web format (index.html, the module folders, player/)."""
    return web_build(FIXTURES / "minimal", tmp_path_factory.mktemp("fixture-build") / "dist")


@pytest.fixture(scope="session")
def sco_root(web_root) -> Path:
    given = os.environ.get("SCO_ROOT")
    return Path(given).resolve() if given else web_root


@pytest.fixture(scope="session")
def real_course(tmp_path_factory) -> Path:
    """A web build of the course in the repository root, once it validates (others are still writing it)."""
    from course_builder.build import load_and_validate

    course, problems = load_and_validate(REPO)
    if course is None or any(p.is_error for p in problems):
        pytest.skip("the real course does not validate yet")
    return web_build(REPO, tmp_path_factory.mktemp("real-build") / "dist")


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
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def mount(self, name: str, folder: Path) -> str:
        self.mounts[name] = folder
        return f"__mount__/{name}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def server(sco_root):
    if not (NODE_MODULES / "scorm-again" / "dist").is_dir():
        pytest.skip("npm test packages missing: run `npm ci`")
    instance = StaticServer(sco_root)
    yield instance
    instance.stop()


@pytest.fixture
def lms(browser, server):
    """Opens SCOs under the test LMS: lms("1.2", "intro") returns a Harness, each in its own browser profile."""
    contexts = []

    def open_sco(version: str, module_id: str, viewport: dict | None = None, root: str = "") -> Harness:
        context = browser.new_context(viewport=viewport or {"width": 1024, "height": 768})
        contexts.append(context)
        return Harness(context.new_page(), server.url, version, module_id, root)

    yield open_sco
    for context in contexts:
        context.close()
