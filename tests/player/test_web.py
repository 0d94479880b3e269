"""The web format in real headless Chromium: from file://, navigate, answer, see feedback, no outside request."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.build import build


@pytest.fixture(scope="module")
def web_build(tmp_path_factory) -> Path:
    from tests.support import FIXTURES

    dist = tmp_path_factory.mktemp("web") / "dist"
    assert build(FIXTURES / "minimal", dist, ["web"]).ok
    return dist / "web"


def test_learner_navigates_and_gets_feedback_from_file_url(page, web_build):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((web_build / "index.html").as_uri())
    page.get_by_role("link", name="Introduktion").click()
    assert page.get_by_role("heading", name="Velkommen", level=2).is_visible()
    assert page.locator(".progress").inner_text() == "Side 1 af 5"
    page.get_by_role("button", name="Næste").click()
    assert page.get_by_role("heading", name="Værdier", level=2).is_visible()
    assert page.locator(".progress").inner_text() == "Side 2 af 5"
    page.locator(".menu").get_by_role("link", name="Quiz").click()
    question = page.locator("#q-intro-single")
    question.get_by_label("At spare penge").check()
    question.get_by_role("button", name="Tjek svar").click()
    assert question.locator(".verdict").inner_text() == "Forkert"
    assert question.get_by_text("Nej, missionen handler om byen.").is_visible()
    assert not question.get_by_text("Rigtigt, det siger missionen.").is_visible()
    outside = [url for url in requests if not url.startswith(web_build.as_uri())]
    assert outside == []


def test_glossary_link_points_at_the_term_on_the_same_page(page, web_build):
    page.goto((web_build / "intro" / "index.html").as_uri())
    link = page.get_by_role("link", name="kerneopgave")
    assert link.get_attribute("href") == "#term-kerneopgave"
    assert page.locator("#term-kerneopgave").inner_text() == "Kerneopgave"
