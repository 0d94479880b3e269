"""The install path: the sdist and the wheel `.ci/package` builds, installed into a fresh venv, run from folders
outside the checkout, with no npm and no checkout to fall back on.

One wheel and one venv for the whole module (about a minute, most of it pip); `-m "not install"` leaves it out.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from course_builder.cli import main
from course_builder.packaging import is_junk
from tests.report import scenario
from tests.support import REPO, tree_bytes

pytestmark = pytest.mark.install

DATA_FOLDERS = ("templates", "starter", "xsd")
COURSE_SOURCES = ("course.yaml", "references.yaml", "glossary.yaml", "figures.yaml", "role-guide.yaml", "modules",
                  "quizzes")


def git_untracked() -> list[str]:
    """The files git would offer to add (packaging leftovers it does not ignore would show here)."""
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    return [line for line in status.splitlines() if line.startswith("??")]


@pytest.fixture(scope="module")
def packaged(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("wheelhouse")
    before = git_untracked()
    subprocess.run([str(REPO / ".ci" / "package"), str(out)], check=True, capture_output=True)
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz")),
            "untracked_before": before, "untracked_after": git_untracked()}


@pytest.fixture(scope="module")
def venv(packaged, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run([str(folder / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                    str(packaged["wheel"])], check=True, capture_output=True)
    return folder


def installed(venv: Path, *args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """The installed course-builder, run as a user would: its venv first on PATH, nothing of the checkout."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(["course-builder", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def data_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not is_junk(p.name)
            and "__pycache__" not in p.parts}


def expected_files() -> set[str]:
    files = {f"course_builder/{name}" for name in data_files(REPO / "course_builder") if not name.endswith(".pyc")}
    return files | {f"course_builder/{folder}/{name}" for folder in DATA_FOLDERS for name in data_files(REPO / folder)}


def test_wheel_carries_the_code_templates_starter_and_schemas(packaged):
    with zipfile.ZipFile(packaged["wheel"]) as wheel:
        names = {n for n in wheel.namelist() if n.startswith("course_builder/")}
    assert names == expected_files()


def test_sdist_carries_them_at_the_repositorys_layout(packaged):
    with tarfile.open(packaged["sdist"]) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    expected = {name.removeprefix("course_builder/") if name.split("/")[1] in DATA_FOLDERS else name
                for name in expected_files()}
    assert expected | {"setup.py", "pyproject.toml", "README.md"} <= names


def test_packaging_leaves_nothing_git_would_show(packaged):
    assert packaged["untracked_after"] == packaged["untracked_before"]


def test_installed_tool_reads_only_its_own_files(venv, tmp_path):
    code = ("import course_builder; from course_builder.resources import data_folder; "
            "print(course_builder.__file__); [print(data_folder(f)) for f in ('templates', 'starter', 'xsd')]")
    done = subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, check=True)
    paths = done.stdout.split()
    assert len(paths) == 4 and all(Path(p).is_relative_to(venv) for p in paths), paths


def test_version_of_the_installed_tool(venv, tmp_path):
    from course_builder import __version__
    assert installed(venv, "--version", cwd=tmp_path).stdout == f"course-builder {__version__}\n"


def test_this_course_from_the_wheel_has_the_bytes_of_the_checkouts_build(venv, tmp_path):
    course = tmp_path / "elsewhere" / "course"
    course.mkdir(parents=True)
    for name in COURSE_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, course / name)
        else:
            shutil.copy(REPO / name, course / name)
    assert not (course / "templates").exists()  # only the wheel's built-in templates can render it
    installed(venv, "build", cwd=course / "modules")
    assert main(["build", "--source", str(REPO), "--out", str(tmp_path / "checkout")]) == 0
    from_wheel, from_checkout = tree_bytes(course / "dist"), tree_bytes(tmp_path / "checkout")
    assert sorted(from_wheel) == sorted(from_checkout)
    assert [name for name in from_checkout if from_wheel[name] != from_checkout[name]] == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_new_course_validates_builds_and_inspects_from_the_wheel(venv, tmp_path, language):
    installed(venv, "new", "kursus", "--language", language, cwd=tmp_path)
    installed(venv, "validate", "--stats", cwd=tmp_path / "kursus" / "quizzes")
    installed(venv, "build", cwd=tmp_path / "kursus")
    packages = sorted((tmp_path / "kursus" / "dist").rglob("*.zip"))
    assert len(packages) == 7  # scorm12 and scorm2004: the course and each of two modules; imscp
    for package in packages:
        report = installed(venv, "inspect", str(package), cwd=tmp_path).stdout
        assert re.search(r"^Schema: +valid \(", report, re.M), report


def test_report_from_the_wheel(venv, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(scenario.COURSE, course)
    scenario.write_downloads(tmp_path / "downloads")
    installed(venv, "report", str(tmp_path / "downloads"), cwd=course / "modules")
    assert "<html" in (course / "report" / "index.html").read_text(encoding="utf-8")


def test_preview_from_the_wheel(venv, tmp_path):
    installed(venv, "new", "kursus", "--language", "en", cwd=tmp_path)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    server = subprocess.Popen([str(venv / "bin" / "course-builder"), "preview", "--port", "0", "--no-browser"],
                              cwd=tmp_path / "kursus", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        lines = []  # "built in … ms", then "preview of … at http://127.0.0.1:…"
        while not (url := re.search(r" at (http://127\.0\.0\.1:\d+/?\S*)", lines[-1] if lines else "")):
            lines.append(server.stdout.readline())
            assert lines[-1] and len(lines) < 10, lines  # an empty line: the preview ended
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url.group(1), timeout=10) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert "Welcome as a new leader" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
