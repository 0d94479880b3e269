"""The preview's builds: only changed modules rendered again, the same bytes as a full build, the last good build kept."""
from __future__ import annotations

import os
import re
import time

from course_builder.build import build
from course_builder.preview.builds import WATCHED, PreviewBuilds, SourceWatcher
from course_builder.templating import BUILTIN_TEMPLATES
from tests.support import edit, module_page_in, tree_bytes
from tests.toolkit_course import toolkit_course




def test_after_a_page_edit_only_that_module_is_rendered_again(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    assert builds.rebuild().ok
    assert builds.changed == ["intro", "roller"]
    edit(minimal_course / "modules" / "02-roller.md", "Slut.", "Slut for nu.")
    status = builds.rebuild()
    assert status.ok and builds.changed == ["roller"]
    assert "Slut for nu." in module_page_in(status.folder / "web" / "roller")


def test_the_incremental_build_gives_the_same_bytes_as_a_full_build(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    builds.rebuild()
    edit(minimal_course / "modules" / "01-intro.md", "Tre værdier.", "Tre værdier, som vi deler.")
    incremental = builds.rebuild()
    assert builds.changed == ["intro"]
    assert build(minimal_course, tmp_path / "full", ["web"]).ok
    assert tree_bytes(incremental.folder / "web") == tree_bytes(tmp_path / "full" / "web")


def test_each_build_holds_the_module_packages_of_a_full_build(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    first = builds.rebuild()
    kept = (first.folder / "scorm12" / "modules" / "02-roller.zip").read_bytes()
    edit(minimal_course / "modules" / "01-intro.md", "Tre værdier.", "Tre værdier, som vi deler.")
    incremental = builds.rebuild()
    assert builds.changed == ["intro"]
    assert build(minimal_course, tmp_path / "full", ["scorm12", "scorm2004"]).ok
    for format_name in ("scorm12", "scorm2004"):
        full = tree_bytes(tmp_path / "full" / format_name / "modules")
        assert sorted(full) == ["01-intro.zip", "02-roller.zip"]
        assert tree_bytes(incremental.folder / format_name / "modules") == full
    assert (incremental.folder / "scorm12" / "modules" / "02-roller.zip").read_bytes() == kept


def test_a_change_modules_share_renders_every_module(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    builds.rebuild()
    edit(minimal_course / "glossary.yaml", "Det vi er til for.", "Det, vi er til for.")
    assert builds.rebuild().ok and builds.changed == ["intro", "roller"]
    templates = minimal_course / "templates" / "player"
    templates.mkdir(parents=True)
    (templates / "strings.yaml").write_text(
        (BUILTIN_TEMPLATES / "player" / "strings.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert builds.rebuild().ok and builds.changed == ["intro", "roller"]
    assert builds.rebuild().ok and builds.changed == []


def test_a_figure_edit_renders_the_modules_again(tmp_path):
    course = toolkit_course(tmp_path / "course")
    builds = PreviewBuilds(course, tmp_path / "builds")
    builds.rebuild()
    edit(course / "figures.yaml", "Figur 1: Trekanten", "Figur 1: Ledelsestrekanten")
    status = builds.rebuild()
    assert status.ok and "intro" in builds.changed
    assert "Figur 1: Ledelsestrekanten" in (status.folder / "web" / "intro" / "index.html").read_text(encoding="utf-8")
    assert "figures.yaml" in WATCHED and "role-guide.yaml" in WATCHED


def test_a_quiz_edit_renders_its_module_again(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    builds.rebuild()
    edit(minimal_course / "quizzes" / "intro.yaml", "At spare penge", "At spare tid")
    assert builds.rebuild().ok and builds.changed == ["intro"]


def test_a_broken_edit_keeps_the_last_good_build_and_names_file_and_line(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    good = builds.rebuild()
    edit(minimal_course / "modules" / "01-intro.md", "::: refs vaerdier", "::: refs vaerdier findes-ikke")
    failed = builds.rebuild()
    assert not failed.ok
    assert failed.number == good.number + 1
    assert (failed.good, failed.folder, failed.course) == (good.good, good.folder, good.course)
    assert (good.folder / "web" / "intro" / "index.html").is_file()
    lines = (minimal_course / "modules" / "01-intro.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "findes-ikke" in text)
    # in the course's language (Danish), as validate says it
    assert (f"modules/01-intro.md:{line}: ukendt kilde 'findes-ikke'. Brug et id fra references.yaml, eller tilføj "
            "kilden dér.") in failed.problems
    assert all(re.match(r"[^:]+:\d+: ", p) for p in failed.problems)


def test_a_yaml_syntax_error_is_shown_with_its_line(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    builds.rebuild()
    (minimal_course / "quizzes" / "intro.yaml").write_text("module: intro\nquestions:\n  - id: [unclosed\n", encoding="utf-8")
    failed = builds.rebuild()
    assert not failed.ok and failed.good == 1
    assert any(p.startswith("quizzes/intro.yaml:") for p in failed.problems)


def test_only_the_served_build_and_the_one_before_are_kept(minimal_course, tmp_path):
    builds = PreviewBuilds(minimal_course, tmp_path / "builds")
    for _ in range(4):
        status = builds.rebuild()
    assert sorted(p.name for p in (tmp_path / "builds").iterdir()) == ["3", "4"]
    assert status.folder == tmp_path / "builds" / "4"


def test_the_watcher_sees_edits_new_files_and_deletions_but_not_swap_files(minimal_course):
    watcher = SourceWatcher(minimal_course)
    assert not watcher.changed()
    page = minimal_course / "modules" / "01-intro.md"
    os.utime(page, ns=(time.time_ns(), page.stat().st_mtime_ns + 1_000_000))
    assert watcher.changed() and not watcher.changed()
    (minimal_course / "modules" / ".01-intro.md.swp").write_text("x")
    (minimal_course / "modules" / "01-intro.md~").write_text("x")
    assert not watcher.changed()
    (minimal_course / "modules" / "03-ny.md").write_text("---\n")
    assert watcher.changed()
    (minimal_course / "modules" / "03-ny.md").unlink()
    assert watcher.changed()
    (minimal_course / "course.yaml").write_text((minimal_course / "course.yaml").read_text() + "\n")
    assert watcher.changed()
    (minimal_course / "notes.txt").write_text("not a source")
    assert not watcher.changed()
