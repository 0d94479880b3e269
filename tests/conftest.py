"""Shared fixtures: fixture courses copied to a temp folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.stored_markdown import FOLDER as STORED_MARKDOWN
from tests.support import FIXTURES


@pytest.fixture
def minimal_course(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture course (every question type)."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", target, ignore=shutil.ignore_patterns(STORED_MARKDOWN))  # as in git
    return target


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (never a downloaded browser)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
