"""Fixture courses built once per test session: the packaging course into every package format, and the
minimal fixture course and the repository's own course in each course-backup mode."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from course_builder.build import build, load_and_validate
from course_builder.content.model import Course
from tests.support import FIXTURES, REPO, edit

PACKAGE_FORMATS = ["scorm12", "scorm2004", "imscp"]
BACKUP_MODES = ("scorm", "native")
BACKUP_COURSES = ("minimal", "course")
COURSE_SOURCES = ("course.yaml", "references.yaml", "glossary.yaml", "figures.yaml", "role-guide.yaml", "modules",
                  "quizzes")


@pytest.fixture(scope="session")
def packaging_dist(tmp_path_factory) -> Path:
    """dist/ of tests/fixtures/packaging: three modules, the second without a quiz, the first with an image."""
    dist = tmp_path_factory.mktemp("packaging") / "dist"
    result = build(FIXTURES / "packaging", dist, PACKAGE_FORMATS)
    assert result.ok, [p.display() for p in result.problems]
    return dist


@pytest.fixture(scope="session")
def full_sequencing_package(tmp_path_factory) -> Path:
    """The packaging course's whole-course SCORM 2004 package with `scorm2004.sequencing: full-sequencing`."""
    root = tmp_path_factory.mktemp("full-sequencing")
    shutil.copytree(FIXTURES / "packaging", root / "course")
    edit(root / "course/course.yaml", "  sequencing: moodle", "  sequencing: full-sequencing")
    result = build(root / "course", root / "dist", ["scorm2004"])
    assert result.ok, [p.display() for p in result.problems]
    return root / "dist/scorm2004/pakke-kursus.zip"


@dataclass
class BackupBuild:
    mode: str  # scorm | native
    root: Path  # the course's sources
    out: Path  # its dist/
    course: Course

    @property
    def mbz(self) -> Path:
        return self.out / "moodle" / f"{self.course.settings.id}.mbz"


def set_section_content(root: Path, mode: str) -> None:
    text = (root / "course.yaml").read_text(encoding="utf-8")
    if "section_content:" in text:
        edit(root / "course.yaml", "section_content: scorm", f"section_content: {mode}")
    else:
        (root / "course.yaml").write_text(f"{text.rstrip()}\nmoodle:\n  section_content: {mode}\n", encoding="utf-8")


def build_course(root: Path, mode: str) -> Path:
    """Builds the course in root with moodle.section_content = mode; returns dist/."""
    set_section_content(root, mode)
    return build_moodle(root)


def build_moodle(root: Path) -> Path:
    out = root / "dist"
    result = build(root, out, ["scorm12", "moodle"])
    assert result.ok, [p.display() for p in result.problems]
    return out


def copy_course(name: str, target: Path) -> None:
    if name == "minimal":
        shutil.copytree(FIXTURES / "minimal", target)
        return
    target.mkdir(parents=True)
    for source in COURSE_SOURCES:
        copy = shutil.copytree if (REPO / source).is_dir() else shutil.copy
        copy(REPO / source, target / source)


@pytest.fixture(scope="session")
def backup_builds(tmp_path_factory) -> dict[str, BackupBuild]:
    """"<course>-<mode>" → the build, for the minimal fixture and the repository's course (when it validates)."""
    made = {}
    for name in BACKUP_COURSES:
        for mode in BACKUP_MODES:
            root = tmp_path_factory.mktemp(f"backup-{name}-{mode}") / "course"
            copy_course(name, root)
            set_section_content(root, mode)
            course, problems = load_and_validate(root)
            if course is None or any(p.is_error for p in problems):
                continue  # the repository's course while its content is being written: the fixture still runs
            made[f"{name}-{mode}"] = BackupBuild(mode, root, build_moodle(root), course)
    return made
