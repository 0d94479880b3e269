"""The SCOs as an LMS gets them: unpacked from the built zips and run under scorm-again in Chromium.

The player's own test LMS (tests/player: scorm-again in a parent page, the SCO in a frame, served from
127.0.0.1) runs the packaged files, not the source tree.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.build import build
from course_builder.content import load_course
from course_builder.exporters.scorm12 import module_package
from course_builder.render import render_course
from tests.exporters.package_reading import by_local_name, manifest_of, unpack
from tests.lms_backends import StaticServer
from tests.player.lms import FINISH, Harness
from tests.support import FIXTURES

VIEWPORT = {"width": 1024, "height": 768}


@pytest.fixture(scope="module")
def minimal_packages(tmp_path_factory) -> Path:
    """The minimal fixture course (every question type in module `intro`, no quiz in `roller`), packaged."""
    dist = tmp_path_factory.mktemp("minimal-packages") / "dist"
    assert build(FIXTURES / "minimal", dist, ["scorm12", "scorm2004"]).ok
    loaded = load_course(FIXTURES / "minimal")
    (dist / "intro-lessons-only.zip").write_bytes(module_package(render_course(loaded.course), "intro", include_quiz=False))
    return dist


@pytest.fixture
def run_sco(browser, tmp_path):
    """run_sco(package, version, module_id) → a Harness on the SCO unpacked from the package."""
    servers, contexts = [], []

    def run(package: Path, version: str, module_id: str) -> Harness:
        folder = unpack(package, tmp_path / f"unpacked-{len(servers)}")
        servers.append(StaticServer(folder))
        contexts.append(browser.new_context(viewport=VIEWPORT))
        page = contexts[-1].new_page()
        requests: list[tuple[str, str]] = []  # (URL of the requesting frame, URL requested)
        page.on("request", lambda request: requests.append((request.frame.url, request.url)))
        harness = Harness(page, servers[-1].url, version, module_id)
        harness.sco_requests = requests
        return harness

    yield run
    for context in contexts:
        context.close()
    for server in servers:
        server.stop()


def walk_pages(h: Harness, limit: int = 30) -> None:
    """A learner who reads every page of a module without quiz, then finishes."""
    for _ in range(limit):
        if h.at(".pager .finish").is_visible():
            h.press(h.at(".pager .finish"))
            return
        h.next()
    raise AssertionError("never reached the end of the module")


def outside_the_package(h: Harness) -> list[str]:
    """What the SCO asked for beyond its module folder and the player files of its package."""
    sco = f"{h.base_url}/{h.module_id}/"
    inside = (sco, f"{h.base_url}/player/")
    return [url for frame, url in h.sco_requests
            if not url.startswith("data:") and (not url.startswith(h.base_url) or frame.startswith(sco) and not url.startswith(inside))]


def launches(package: Path) -> list[str]:
    return [r.get("href") for r in by_local_name(manifest_of(package), "resource")]


# A module's own package walked through by keyboard, failed and passed, is tests/player/test_tracking.py:
# it runs the player's walk on the package under scorm-again and under the preview's runtime.


@pytest.mark.parametrize("package, version", [("scorm12/mini-kursus.zip", "1.2"), ("scorm2004/mini-kursus.zip", "2004")])
def test_the_module_without_quiz_of_the_whole_course_package_completes(minimal_packages, run_sco, package, version):
    package = minimal_packages / package
    assert launches(package) == ["intro/index.html", "roller/index.html"]
    h = run_sco(package, version, "roller")
    walk_pages(h)
    h.wait_for_call(FINISH[version])
    cmi = h.cmi()
    status = cmi["core"]["lesson_status"] if version == "1.2" else cmi["completion_status"]
    assert status == "completed"
    assert outside_the_package(h) == [] and h.errors() == []


def test_the_lessons_only_package_reports_completed_without_a_score(minimal_packages, run_sco):
    """The course backup's native mode: the quiz is Moodle's, the SCO only tells that the lessons are read."""
    h = run_sco(minimal_packages / "intro-lessons-only.zip", "1.2", "intro")
    assert h.config()["questions"] == []
    walk_pages(h)
    h.wait_for_call(FINISH["1.2"])
    cmi = h.cmi()
    assert cmi["core"]["lesson_status"] == "completed"
    assert cmi["core"]["score"]["raw"] == ""
    assert h.sets("cmi.core.score.raw") == [] and h.sets("cmi.interactions.0.id") == []
    assert outside_the_package(h) == [] and h.errors() == []
