"""Fixtures of the preview tests: a course to edit and a running preview server (the browser is tests/conftest.py's)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.lms_backends import RunningPreview
from tests.support import FIXTURES


@pytest.fixture
def sco_course(minimal_course) -> Path:
    """The course with the test SCO script added to every module page (through a template override)."""
    static = minimal_course / "templates" / "player" / "static"
    static.mkdir(parents=True)
    shutil.copy(FIXTURES / "preview-sco" / "test-sco.js", static / "test-sco.js")
    return minimal_course


@pytest.fixture
def preview(sco_course, tmp_path):
    running = RunningPreview(sco_course, tmp_path / "data", watching=True)
    yield running
    running.close()
