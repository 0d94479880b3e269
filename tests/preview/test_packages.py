"""The preview launches the module packages the SCORM exporters write, and reads their manifests as an LMS does."""
from __future__ import annotations

import zipfile

import pytest

from course_builder.build import build
from course_builder.preview.packages import PackageError, module_package, read_member


@pytest.fixture
def built(minimal_course, tmp_path):
    result = build(minimal_course, tmp_path / "dist", ["scorm12", "scorm2004"])
    assert result.ok
    return tmp_path / "dist", result.course


@pytest.mark.parametrize("version, module_id, mastery, passing", [
    ("1.2", "intro", "80", ""),
    ("2004", "intro", "", "0.8"),
    ("1.2", "roller", "", ""),  # no quiz: no mastery score
    ("2004", "roller", "", ""),
])
def test_the_launch_and_the_mastery_come_from_the_manifest(built, version, module_id, mastery, passing):
    folder, course = built
    package = module_package(folder, course, course.module(module_id), version)
    number = "01" if module_id == "intro" else "02"
    assert package.path == f"scorm{version.replace('.', '')}/modules/{number}-{module_id}.zip"
    assert package.url == f"/course/{package.path}/{module_id}/index.html"
    assert (package.mastery_score, package.scaled_passing_score) == (mastery, passing)
    assert b"<html" in read_member(folder, f"{package.path}/{package.launch}")


def test_a_manifest_edited_after_the_build_is_what_the_lms_reads(built):
    folder, course = built
    path = folder / "scorm12" / "modules" / "01-intro.zip"
    with zipfile.ZipFile(path) as package:
        files = {name: package.read(name) for name in package.namelist()}
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(b">80</adlcp:masteryscore>", b">65</adlcp:masteryscore>")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in files.items():
            package.writestr(name, data)
    assert module_package(folder, course, course.module("intro"), "1.2").mastery_score == "65"


def test_a_missing_package_is_a_clear_error(built):
    folder, course = built
    (folder / "scorm2004" / "modules" / "02-roller.zip").unlink()
    with pytest.raises(PackageError, match="scorm2004/modules/02-roller.zip"):
        module_package(folder, course, course.module("roller"), "2004")


@pytest.mark.parametrize("relative", ["scorm12/modules/01-intro.zip/../../../x", "scorm12/modules/01-intro.zip/nothing.html",
                                      "scorm12/modules/99-none.zip/intro/index.html", "web/intro/index.html"])
def test_read_member_finds_only_files_inside_a_package(built, relative):
    assert read_member(built[0], relative) is None
