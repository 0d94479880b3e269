"""A build that renders and exports on several cores writes the same bytes as one process, and fails the same way."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_builder import exporting, forking, render
from course_builder.build import build
from tests.support import REPO, tree_bytes

SOURCES = ("course.yaml", "references.yaml", "glossary.yaml", "modules", "quizzes")
COUNTING_FORKS = """
import os, sys
from course_builder import exporting
from course_builder.cli import main
exporting.PARALLEL_MAX_MEMORY = int(os.environ.get("EXPORT_MEMORY_LIMIT", exporting.PARALLEL_MAX_MEMORY))
forks, fork = [], os.fork
def counted():
    pid = fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = counted
status = main(sys.argv[1:])
print(f"forks={len(forks)}")
sys.exit(status)
"""

needs_cores = pytest.mark.skipif(sys.platform != "linux" or forking.usable_cores() < 2,
                                 reason="exports run in parallel on Linux with 2 or more cores")


@pytest.fixture
def real_course(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    target.mkdir()
    for name in SOURCES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def cli_counting_forks(course: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COUNTING_FORKS, "build", "--source", str(course), *args],
                          cwd=REPO, capture_output=True, text=True, env={**os.environ, **(env or {})})


def forks(result: subprocess.CompletedProcess) -> int:
    return int(result.stdout.rsplit("forks=", 1)[1])


@needs_cores
def test_parallel_export_writes_what_one_process_writes(real_course, tmp_path, monkeypatch):
    result = cli_counting_forks(real_course, "--out", str(tmp_path / "parallel"))
    assert result.returncode == 0, result.stderr
    assert forks(result) >= 1
    monkeypatch.setattr(exporting, "PARALLEL_MIN_MODULES", 10 ** 6)
    monkeypatch.setattr(render, "PARALLEL_RENDER_MIN_MODULES", 10 ** 6)
    assert build(real_course, tmp_path / "serial").ok
    assert tree_bytes(tmp_path / "parallel") == tree_bytes(tmp_path / "serial")


@needs_cores
def test_a_template_error_in_either_process_is_a_problem_and_dist_stays(real_course, tmp_path):
    dist = tmp_path / "dist"
    assert cli_counting_forks(real_course, "--out", str(dist)).returncode == 0
    before = tree_bytes(dist)
    override = real_course / "templates" / "web" / "index.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<!DOCTYPE html>\n<p>{{ course.no_such_thing }}</p>\n", encoding="utf-8")
    result = cli_counting_forks(real_course, "--out", str(dist))
    assert result.returncode == 1
    assert forks(result) >= 1
    assert "templates/web/index.html.j2:2: template error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_bytes(dist) == before


def test_formats_that_require_others_share_a_process():
    table = {"web": (), "scorm12": (), "imscp": (), "moodle": ("scorm12",), "backup": ("moodle",)}
    groups = exporting.format_groups(["web", "scorm12", "imscp", "moodle", "backup"], requires=table.get)
    assert groups == [("web",), ("scorm12", "moodle", "backup"), ("imscp",)]


def test_a_small_course_is_exported_in_one_process(tmp_path):
    from tests.support import FIXTURES

    result = cli_counting_forks(FIXTURES / "minimal", "--out", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    assert forks(result) == 0


@needs_cores
def test_a_template_error_while_rendering_in_parallel_is_a_problem(real_course, tmp_path):
    override = real_course / "templates" / "player" / "reflection.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<aside>\n{{ reflection.no_such_thing }}\n</aside>\n", encoding="utf-8")
    result = cli_counting_forks(real_course, "--out", str(tmp_path / "dist"))
    assert result.returncode == 1
    assert forks(result) >= 1
    assert "templates/player/reflection.html.j2:2: template error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "dist").exists()


@needs_cores
def test_past_the_memory_limit_the_formats_are_exported_in_one_process(real_course, tmp_path):
    parallel = cli_counting_forks(real_course, "--out", str(tmp_path / "parallel"))
    limited = cli_counting_forks(real_course, "--out", str(tmp_path / "limited"), env={"EXPORT_MEMORY_LIMIT": "1"})
    assert limited.returncode == 0, limited.stderr
    assert forks(limited) == forks(parallel) - 1  # the pages are still rendered in parallel
    assert tree_bytes(tmp_path / "limited") == tree_bytes(tmp_path / "parallel")
