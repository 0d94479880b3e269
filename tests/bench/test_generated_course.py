"""The benchmark's generated courses must be valid courses: `make bench` measures builds of them, and a course the
validator refuses turns its scale and start-up rows into errors (as happened when course.yaml gained required
settings)."""
from __future__ import annotations

import sys

from course_builder.build import load_and_validate
from tests.support import REPO

sys.path.insert(0, str(REPO / "bench"))
import make_course  # noqa: E402  (bench/ is scripts, not a package)


def test_the_generated_course_validates_without_problems(tmp_path):
    course, problems = load_and_validate(make_course.make_course(tmp_path / "course", 3))
    assert course is not None
    assert [p.display(tmp_path) for p in problems] == []
