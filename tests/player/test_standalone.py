"""Without an LMS (the web format, from file:// or a web server) the player runs standalone: progress and
reflections stay in the browser's localStorage, and it says so discreetly."""
from __future__ import annotations

import pytest

from tests.lms_backends import StaticServer


@pytest.fixture(scope="module")
def served(web_root):
    """The web format over HTTP: headless Chromium sometimes starts a page reloaded from file:// with none of the
    localStorage the page before it wrote (tests/player/test_first_paint.py); that is Chromium's, not the player's."""
    server = StaticServer(web_root)
    yield server.url
    server.stop()


def open_module(page, root: str, module_id="intro"):
    page.goto(f"{root}/{module_id}/index.html")
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")


def test_progress_and_reflections_survive_a_reload(page, served):
    open_module(page, served)
    assert page.locator(".status-note").inner_text() == "Dine svar gemmes i denne browser."
    assert page.locator(".home-link").is_visible()
    page.get_by_role("button", name="Næste").click()
    area = page.locator("#refl-min-vaerdi")
    area.fill("Respekt")
    area.blur()
    assert page.locator("#refl-min-vaerdi-notice").inner_text() == "Dit svar gemmes kun i denne browser."
    assert page.locator("#refl-min-vaerdi-count").inner_text() == "7 af 4000 tegn"
    page.locator(".menu").get_by_role("link", name="Quiz").click()
    page.get_by_label("At skabe en god by for alle").check()
    page.get_by_role("button", name="Tjek svar").click()
    page.reload()
    page.wait_for_function("window.CoursePlayer?.nav?.current && CoursePlayer.nav.idle")
    assert page.evaluate("CoursePlayer.nav.current") == "q-intro-single"
    assert page.locator("#q-intro-single .verdict").inner_text() == "Rigtigt"
    assert page.locator("#refl-min-vaerdi").input_value() == "Respekt"


def test_finishing_standalone_says_the_answers_are_kept(page, web_root):
    open_module(page, web_root.as_uri(), "roller")
    page.get_by_role("button", name="Næste").click()
    page.get_by_role("button", name="Afslut").click()
    notice = page.locator("main > .notice")
    assert notice.inner_text().startswith("Modulet er afsluttet")
    assert page.evaluate("document.activeElement.className") == "notice"
