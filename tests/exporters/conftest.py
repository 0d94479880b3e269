"""Fixture courses built once per test session: the packaging course into every package format, and the
minimal course in each course-backup mode."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.build import build
from tests.support import FIXTURES, edit

PACKAGE_FORMATS = ["scorm12", "scorm2004", "imscp"]
BACKUP_MODES = ("scorm", "native")


@pytest.fixture(scope="session")
def packaging_dist(tmp_path_factory) -> Path:
    """dist/ of tests/fixtures/packaging: three modules, the second without a quiz, the first with an image."""
    dist = tmp_path_factory.mktemp("packaging") / "dist"
    result = build(FIXTURES / "packaging", dist, PACKAGE_FORMATS)
    assert result.ok, [p.display() for p in result.problems]
    return dist


def build_course(root: Path, mode: str) -> Path:
    """Builds the course in root with moodle.section_content = mode; returns dist/."""
    edit(root / "course.yaml", "  reflections: lms\n", f"  reflections: lms\nmoodle:\n  section_content: {mode}\n")
    out = root / "dist"
    result = build(root, out, ["scorm12", "moodle"])
    assert result.ok, [p.display() for p in result.problems]
    return out


@pytest.fixture(scope="session")
def backup_builds(tmp_path_factory) -> dict[str, tuple[str, Path, Path]]:
    """mode → (mode, course folder, dist folder)."""
    made = {}
    for mode in BACKUP_MODES:
        root = tmp_path_factory.mktemp(f"backup-{mode}") / "course"
        shutil.copytree(FIXTURES / "minimal", root)
        made[mode] = (mode, root, build_course(root, mode))
    return made
