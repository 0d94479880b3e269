"""The web format's home page in real Chromium: the learner chooses their role, sees their path (the modules
that declare the role), their progress on it and the other modules as optional; the choice is kept, can be
changed, and is what CoursePlayer.learnerRole() gives any player code. The path script loads after the first
paint, and the page passes axe-core."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.lms_backends import StaticServer
from tests.player.conftest import web_build
from tests.player.test_accessibility import AXE, axe_violations
from tests.support import FIXTURES, edit

ROLE_KEY = "course-player:mini-kursus:role"


@pytest.fixture(scope="module")
def paths_site(tmp_path_factory) -> Path:
    """The minimal course with Roller declared for chef and teamleder: chef's path is Roller, teamleder's
    Introduktion then Roller; mellemleder has no module, so no path."""
    root = tmp_path_factory.mktemp("paths") / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    edit(root / "modules/02-roller.md", "minutes: 5\n", "minutes: 5\nroles: [chef, teamleder]\n")
    return web_build(root, root.parent / "dist")


def texts(page, selector: str) -> list[str]:
    return [t.split("\n")[0].strip() for t in page.locator(selector).all_inner_texts()]


def open_home(page, site: Path):
    page.goto((site / "index.html").as_uri())
    page.wait_for_selector(".paths:not([hidden])")


def test_the_learner_chooses_a_role_and_sees_their_path_and_the_rest_as_optional(page, paths_site):
    open_home(page, paths_site)
    assert page.evaluate("CoursePlayer.learnerRole()") is None
    assert page.get_by_role("group", name="Hvilken rolle har du?", exact=False).is_visible()
    assert texts(page, ".role-form label") == ["Chef", "Teamleder"]  # roles without a module get no path
    assert page.locator(".all-modules").is_visible()  # until a role is chosen, every module
    page.get_by_label("Chef").check()
    page.get_by_role("button", name="Vis min vej").click()
    assert page.get_by_role("heading", name="Din vej som Chef").evaluate("h => h === document.activeElement")
    assert texts(page, ".path-list a") == ["Roller"]
    assert texts(page, ".other-list a") == ["Introduktion"]
    assert page.locator(".path-progress-text").inner_text() == "0 af 1 moduler på din vej er gennemført"
    assert page.locator(".other-list .module-status").inner_text() == "Ikke startet"
    assert not page.locator(".all-modules").is_visible()
    assert page.evaluate(f"localStorage.getItem('{ROLE_KEY}')") == "chef"
    assert page.evaluate("CoursePlayer.learnerRole()") == "chef"


def test_the_role_is_kept_and_can_be_changed(page, paths_site):
    open_home(page, paths_site)
    page.evaluate(f"localStorage.setItem('{ROLE_KEY}', 'chef')")
    open_home(page, paths_site)
    assert page.locator(".path-title").inner_text() == "Din vej som Chef"
    page.get_by_role("button", name="Skift rolle").click()
    assert page.get_by_label("Chef").is_checked()
    assert page.get_by_label("Chef").evaluate("input => input === document.activeElement")
    page.get_by_label("Teamleder").check()
    page.get_by_role("button", name="Vis min vej").click()
    assert texts(page, ".path-list a") == ["Introduktion", "Roller"]
    assert not page.locator(".other-modules").is_visible()  # every module is on this path
    assert page.evaluate("CoursePlayer.learnerRole()") == "teamleder"


def test_a_role_the_course_no_longer_has_asks_again(page, paths_site):
    open_home(page, paths_site)
    page.evaluate(f"localStorage.setItem('{ROLE_KEY}', 'direktoer')")
    open_home(page, paths_site)
    assert page.locator(".role-form").is_visible() and page.locator(".all-modules").is_visible()


def test_progress_counts_the_modules_of_the_path_the_learner_finished(page, paths_site):
    open_home(page, paths_site)
    page.evaluate(f"localStorage.setItem('{ROLE_KEY}', 'teamleder')")
    page.get_by_role("link", name="Roller").first.click()
    page.wait_for_function("window.CoursePlayer?.nav?.current")  # the module page has started (its config read)
    assert page.evaluate("CoursePlayer.learnerRole()") == "teamleder"  # a module page knows the role too
    while page.get_by_role("button", name="Næste").is_visible():
        page.get_by_role("button", name="Næste").click()
    page.goto((paths_site / "intro" / "index.html").as_uri())  # opened, not finished
    page.wait_for_function("window.CoursePlayer?.nav?.current")
    open_home(page, paths_site)
    statuses = dict(zip(texts(page, ".path-list a"), texts(page, ".path-list .module-status")))
    assert statuses == {"Introduktion": "I gang", "Roller": "Gennemført"}
    assert page.locator(".path-progress-text").inner_text() == "1 af 2 moduler på din vej er gennemført"
    assert page.evaluate("[document.querySelector('.my-path progress').value, document.querySelector('.my-path progress').max]") == [1, 2]


def test_the_path_script_loads_after_the_first_paint(browser, paths_site):
    server = StaticServer(paths_site)
    try:
        page = browser.new_page()
        page.goto(f"{server.url}/index.html")
        page.wait_for_selector(".paths:not([hidden])")
        paint, script = page.evaluate("""() => [performance.getEntriesByName("first-contentful-paint")[0].startTime,
          performance.getEntriesByType("resource").find(r => r.name.endsWith("/home.js")).startTime]""")
        assert script > paint
        page.close()
    finally:
        server.stop()


def test_the_home_page_passes_axe_with_and_without_a_role(page, paths_site):
    if not AXE.is_file():
        pytest.skip("axe-core missing: run `npm ci`")
    open_home(page, paths_site)
    assert axe_violations(page) == []
    page.get_by_label("Teamleder").check()
    page.get_by_role("button", name="Vis min vej").click()
    assert axe_violations(page) == []
