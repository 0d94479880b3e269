"""build: atomic, reproducible, format selection, template overrides, exit statuses."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course_builder import exporters
from course_builder.build import build
from tests.support import edit, module_page_in, tree_bytes


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course_builder", *args], cwd=cwd, capture_output=True, text=True)


def test_two_builds_are_byte_identical(minimal_course, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(minimal_course, first).ok
    assert build(minimal_course, second).ok
    assert tree_bytes(first) == tree_bytes(second)
    assert (first / "web" / "index.html").is_file()


def test_content_problem_leaves_dist_untouched(minimal_course):
    dist = minimal_course / "dist"
    assert run_cli("build", cwd=minimal_course).returncode == 0
    before = tree_bytes(dist)
    edit(minimal_course / "quizzes/intro.yaml", "module: intro", "module: intr")
    result = run_cli("build", "--language", "en", cwd=minimal_course)
    assert result.returncode == 1
    assert "quizzes/intro.yaml:1: quiz for unknown module 'intr'" in result.stderr
    assert "dist/ was not changed" in result.stderr
    assert tree_bytes(dist) == before


def test_exporter_failing_midway_leaves_dist_untouched(minimal_course, monkeypatch):
    dist = minimal_course / "dist"
    assert build(minimal_course, dist).ok
    before = tree_bytes(dist)
    edit(minimal_course / "modules/01-intro.md", "Tre værdier.", "Fire værdier.")
    web = exporters.exporter("web")

    def export_then_fail(self, context, out):
        web.export(context, out)  # writes a whole new web build into staging...
        raise RuntimeError("disk full")  # ...then dies

    monkeypatch.setattr(type(web), "export", export_then_fail)
    with pytest.raises(RuntimeError):
        build(minimal_course, dist)
    assert tree_bytes(dist) == before
    assert not list(minimal_course.glob(".build-staging-*"))


def test_format_selection_swaps_only_that_format(minimal_course, tmp_path):
    dist = tmp_path / "dist"
    (dist / "other-format").mkdir(parents=True)
    (dist / "other-format" / "keep.txt").write_text("kept")
    assert build(minimal_course, dist, ["web"]).ok
    assert (dist / "other-format" / "keep.txt").read_text() == "kept"
    assert (dist / "web" / "intro" / "index.html").is_file()


def test_unknown_format_is_a_usage_error(minimal_course):
    result = run_cli("build", "--format", "pdf", cwd=minimal_course)
    assert result.returncode == 2
    assert "unknown format pdf" in result.stderr


def test_validate_exit_statuses(minimal_course, tmp_path):
    assert run_cli("validate", cwd=minimal_course).returncode == 0
    assert run_cli("validate", "--source", str(tmp_path / "nowhere"), cwd=minimal_course).returncode == 2
    assert run_cli("valdate", cwd=minimal_course).returncode == 2
    edit(minimal_course / "course.yaml", "version: 0.1.0", "version:")
    result = run_cli("validate", "--language", "en", cwd=minimal_course)
    assert result.returncode == 1
    assert "course.yaml:5:9: 'version' must be text" in result.stderr


def test_stats_show_lix_and_question_types(minimal_course):
    result = run_cli("validate", "--stats", cwd=minimal_course)
    assert result.returncode == 0
    intro = next(line for line in result.stdout.splitlines() if line.startswith("intro"))
    assert intro.split()[:3] == ["intro", "3", "20"]
    assert "matching 1, multiple 1, ordering 1, scenario 1, single 1, truefalse 1" in intro


def test_stats_warn_about_image_without_alt_text(minimal_course):
    (minimal_course / "modules" / "figur.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(minimal_course / "modules/01-intro.md", "Tre værdier.", "![](figur.png) Tre værdier.")
    result = run_cli("validate", "--language", "en", cwd=minimal_course)
    assert result.returncode == 0
    assert "modules/01-intro.md:21: warning: image 'figur.png' has no alt text" in result.stdout


def test_course_templates_override_builtin_ones_file_by_file(minimal_course, tmp_path):
    override = minimal_course / "templates" / "web" / "index.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<!DOCTYPE html><title>{{ course.settings.title }}</title><p>Egen forside</p>\n")
    dist = tmp_path / "dist"
    assert build(minimal_course, dist).ok
    assert "Egen forside" in (dist / "web" / "index.html").read_text()
    assert "player.js" in (dist / "web" / "intro" / "index.html").read_text()  # the built-in module page


def test_broken_template_is_a_problem_with_its_line(minimal_course, tmp_path):
    override = minimal_course / "templates" / "web" / "index.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<p>ok</p>\n{% if %}\n")
    result = run_cli("build", "--language", "en", cwd=minimal_course)
    assert result.returncode == 1
    assert "templates/web/index.html.j2:2: template error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_images_are_copied_beside_the_module(minimal_course, tmp_path):
    (minimal_course / "modules" / "figur.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    edit(minimal_course / "modules/01-intro.md", "Tre værdier.", "![Trekanten](figur.png) Tre værdier.")
    dist = tmp_path / "dist"
    assert build(minimal_course, dist).ok
    assert (dist / "web" / "intro" / "figur.png").read_bytes() == b"\x89PNG\r\n\x1a\nfake"
    assert 'src="figur.png"' in module_page_in(dist / "web" / "intro")
