"""The packaging fixture course built once into every package format."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.build import build
from tests.support import FIXTURES

PACKAGE_FORMATS = ["scorm12", "scorm2004", "imscp"]


@pytest.fixture(scope="session")
def packaging_dist(tmp_path_factory) -> Path:
    """dist/ of tests/fixtures/packaging: three modules, the second without a quiz, the first with an image."""
    dist = tmp_path_factory.mktemp("packaging") / "dist"
    result = build(FIXTURES / "packaging", dist, PACKAGE_FORMATS)
    assert result.ok, [p.display() for p in result.problems]
    return dist
