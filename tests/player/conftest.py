"""The player's browser tests: SCOs served from 127.0.0.1 under a parent page that hosts scorm-again.

`sco_root` is any folder holding `<module-id>/index.html` and `player/`: by default a web build of the
minimal fixture course; SCO_ROOT=DIR points the same tests at other files built from that course, for
example its SCORM packages unpacked into one folder.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from course_builder.build import build
from tests.lms_backends import NODE_MODULES, StaticServer
from tests.player.lms import Harness
from tests.support import FIXTURES, REPO


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

    def open_sco(version: str, module_id: str, viewport: dict | None = None, root: str = "", comments: str = "") -> Harness:
        context = browser.new_context(viewport=viewport or {"width": 1024, "height": 768})
        contexts.append(context)
        return Harness(context.new_page(), server.url, version, module_id, root, comments)

    yield open_sco
    for context in contexts:
        context.close()
