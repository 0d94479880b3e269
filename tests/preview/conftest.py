"""Fixtures of the preview tests: a course to edit and a running preview server (the browser is tests/conftest.py's)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.templating import BUILTIN_TEMPLATES
from tests.lms_backends import RunningPreview
from tests.support import FIXTURES


@pytest.fixture
def sco_course(minimal_course) -> Path:
    """The course with the test SCO as the only script of every module page (through template overrides).

    The player's own scripts are overridden with empty files, so that only the test SCO talks to the
    LMS, whatever the player's LMS adapter does.
    """
    static = minimal_course / "templates" / "player" / "static"
    static.mkdir(parents=True)
    for script in (BUILTIN_TEMPLATES / "player" / "static").glob("*.js"):
        (static / script.name).write_text("/* left out: the test SCO reports instead */\n", encoding="utf-8")
    shutil.copy(FIXTURES / "preview-sco" / "test-sco.js", static / "test-sco.js")
    return minimal_course


@pytest.fixture
def preview(sco_course, tmp_path):
    running = RunningPreview(sco_course, tmp_path / "data", watching=True)
    yield running
    running.close()
