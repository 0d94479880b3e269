"""Compiled templates are kept between build processes; a changed template is compiled again."""
from __future__ import annotations

import subprocess
import sys

from tests.support import REPO, edit


def build_web(course, out) -> None:
    result = subprocess.run([sys.executable, "-m", "course_builder", "build", "--source", str(course), "--out", str(out),
                             "--format", "web"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_new_process_uses_the_changed_override_not_the_kept_compilation(minimal_course, tmp_path):
    override = minimal_course / "templates" / "web" / "index.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<!DOCTYPE html>\n<h1>Første udgave</h1>\n", encoding="utf-8")
    build_web(minimal_course, tmp_path / "one")
    build_web(minimal_course, tmp_path / "again")
    edit(override, "Første", "Anden")
    build_web(minimal_course, tmp_path / "two")
    assert "Første udgave" in (tmp_path / "again" / "web" / "index.html").read_text(encoding="utf-8")
    assert "Anden udgave" in (tmp_path / "two" / "web" / "index.html").read_text(encoding="utf-8")
