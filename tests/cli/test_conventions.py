"""The conventions of a command-line tool: --version, the course folder found upwards, --out refused when it names
a file, and a quiet end when the reader of the output goes away."""
from __future__ import annotations

import os
import subprocess
import sys

from course_builder import __version__
from course_builder.cli import main
from tests.support import REPO


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"course-builder {__version__}\n"


def test_version_is_the_packages_version():
    metadata = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'version = {attr = "course_builder.__version__"}' in metadata
    assert __version__.count(".") == 2


def test_commands_find_the_course_folder_from_a_folder_inside_it(minimal_course, monkeypatch, capsys):
    monkeypatch.chdir(minimal_course / "modules")
    assert main(["validate"]) == 0
    assert main(["build", "--format", "web"]) == 0
    assert capsys.readouterr().out.strip() == f"web: bygget i {os.path.join('..', 'dist', 'web')}"
    assert (minimal_course / "dist" / "web" / "index.html").is_file()
    assert not (minimal_course / "modules" / "dist").exists()


def test_the_course_folder_itself_is_still_the_current_folder(minimal_course, monkeypatch, capsys):
    monkeypatch.chdir(minimal_course)
    assert main(["build", "--format", "web"]) == 0
    assert capsys.readouterr().out.strip() == f"web: bygget i {os.path.join('dist', 'web')}"


def test_outside_any_course_folder_the_message_says_what_to_do(tmp_path, monkeypatch, capsys):
    (tmp_path / "somewhere").mkdir()
    monkeypatch.chdir(tmp_path / "somewhere")
    for command in (["validate"], ["build"], ["preview", "--no-browser"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"course-builder: no course.yaml in {tmp_path / 'somewhere'} or any folder above it")
        assert "--source DIR" in err and "course-builder new DIR" in err
    assert list((tmp_path / "somewhere").iterdir()) == []


def test_an_explicit_source_is_taken_as_given(minimal_course, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(minimal_course / "modules")
    assert main(["validate", "--source", str(tmp_path / "nowhere")]) == 2
    assert "--source" in capsys.readouterr().err


def test_out_naming_a_file_is_refused_and_leaves_nothing_behind(minimal_course, tmp_path, capsys):
    target = tmp_path / "out.txt"
    target.write_text("mine", encoding="utf-8")
    for out in (target, target / "dist"):
        before = sorted(p.name for p in tmp_path.iterdir())
        assert main(["build", "--source", str(minimal_course), "--out", str(out)]) == 2
        assert capsys.readouterr().err == f"course-builder: --out {out}: {target} is a file; name a folder\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == before  # no .build-staging-* folder
        assert target.read_text(encoding="utf-8") == "mine"


def test_report_out_below_a_file_is_refused_and_leaves_nothing_behind(tmp_path, capsys):
    from tests.report import scenario

    scenario.write_downloads(tmp_path / "downloads")
    target = tmp_path / "out.txt"
    target.write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["report", str(tmp_path / "downloads"), "--source", str(scenario.COURSE),
                 "--out", str(target / "report")]) == 2
    last_line = capsys.readouterr().err.splitlines()[-1]  # after the downloads' notes
    assert last_line == f"course-builder: --out {target / 'report'}: {target} is a file; name a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_output_into_a_closed_pipe_ends_quietly(minimal_course):
    """`validate --stats | head -1` once the reader is gone: no BrokenPipeError traceback, the status a shell
    gives a process SIGPIPE ended."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before anything is written: every write fails with EPIPE
    try:
        done = subprocess.run([sys.executable, "-m", "course_builder", "validate", "--stats", "--source",
                               str(minimal_course)], stdout=write_end, stderr=subprocess.PIPE, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == 141
