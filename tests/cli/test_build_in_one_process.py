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


def collector_during_export(monkeypatch) -> list[bool]:
    """Whether the cyclic garbage collector was on while the (real) exporters ran, per build."""
    import gc

    from course_builder import build as build_module

    seen: list[bool] = []
    export = build_module.export_formats

    def watched(context, names):
        seen.append(gc.isenabled())
        export(context, names)

    monkeypatch.setattr(build_module, "export_formats", watched)
    return seen


def test_only_the_build_command_pauses_the_garbage_collector(minimal_course, tmp_path, monkeypatch):
    """The pause helps one big build (BENCHMARKS.md, 3.); the preview's watcher thread builds with it on."""
    import gc

    from course_builder.cli import main
    from course_builder.preview.builds import PreviewBuilds

    seen = collector_during_export(monkeypatch)
    assert main(["build", "--source", str(minimal_course), "--out", str(tmp_path / "cli"), "--format", "web"]) == 0
    assert build(minimal_course, tmp_path / "library", ["web"]).ok
    assert PreviewBuilds(minimal_course, tmp_path / "preview").rebuild().ok
    assert seen == [False, True, True]
    assert gc.isenabled()
