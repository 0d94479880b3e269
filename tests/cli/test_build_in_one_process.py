"""Builds in one long-running process (the preview's) see every change to a course's own templates."""
from __future__ import annotations

from course_builder.build import build
from tests.support import edit


def test_a_changed_template_override_is_used_by_the_next_build(minimal_course, tmp_path):
    override = minimal_course / "templates" / "web" / "index.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<!DOCTYPE html>\n<h1>Første udgave</h1>\n", encoding="utf-8")
    assert build(minimal_course, tmp_path / "one", ["web"]).ok
    edit(override, "Første", "Anden")
    assert build(minimal_course, tmp_path / "two", ["web"]).ok
    assert "Første udgave" in (tmp_path / "one" / "web" / "index.html").read_text(encoding="utf-8")
    assert "Anden udgave" in (tmp_path / "two" / "web" / "index.html").read_text(encoding="utf-8")


def test_a_changed_strings_file_is_used_by_the_next_build(minimal_course, tmp_path):
    from course_builder.templating import BUILTIN_TEMPLATES

    strings = minimal_course / "templates" / "player" / "strings.yaml"
    strings.parent.mkdir(parents=True)
    builtin = (BUILTIN_TEMPLATES / "player" / "strings.yaml").read_text(encoding="utf-8")
    strings.write_text(builtin.replace("da: Næste", "da: Frem"), encoding="utf-8")
    assert build(minimal_course, tmp_path / "one", ["web"]).ok
    edit(strings, "da: Frem", "da: Fræs")
    assert build(minimal_course, tmp_path / "two", ["web"]).ok
    assert "Frem" in (tmp_path / "one" / "web" / "intro" / "index.html").read_text(encoding="utf-8")
    assert "Fræs" in (tmp_path / "two" / "web" / "intro" / "index.html").read_text(encoding="utf-8")


def test_a_build_leaves_the_cyclic_garbage_collector_as_it_found_it(minimal_course, tmp_path):
    import gc

    assert gc.isenabled()
    assert build(minimal_course, tmp_path / "one", ["web"]).ok
    assert gc.isenabled()
    gc.disable()
    try:
        assert build(minimal_course, tmp_path / "two", ["web"]).ok
        assert not gc.isenabled()
    finally:
        gc.enable()
