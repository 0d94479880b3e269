"""SCORM 1.2: mastery scores, the per-module packages for Moodle, and the lessons-only module package."""
from __future__ import annotations

import json

import pytest
from lxml import etree

from course_builder.content import load_course
from course_builder.exporters.scorm12 import module_package
from course_builder.render import render_course
from tests.exporters.package_reading import manifest_of, read_like_moodle, zip_files
from tests.support import FIXTURES, module_page


@pytest.fixture(scope="module")
def rendered():
    loaded = load_course(FIXTURES / "packaging")
    assert loaded.course is not None
    return render_course(loaded.course)


def player_config(html: bytes) -> dict:
    script = etree.HTML(html).find(".//script[@id='player-config']")
    return json.loads(script.text)


def test_moodle_reads_one_sco_per_module_in_course_order_with_mastery_where_there_is_a_quiz(packaging_dist):
    reading = read_like_moodle(zip_files(packaging_dist / "scorm12/pakke-kursus.zip")["imsmanifest.xml"])
    assert reading.version == "SCORM_1.2"
    assert reading.default_org == "ORG-pakke-kursus"
    scos = [s for s in reading.scoes if s.scormtype == "sco"]
    assert [(s.identifier, s.title, s.launch) for s in scos] == [
        ("ITEM-1-start", "Start & mål", "1-start/index.html"),
        ("ITEM-uden-quiz", "Uden quiz", "uden-quiz/index.html"),
        ("ITEM-afslutning", "Afslutning", "afslutning/index.html"),
    ]
    assert [s.data.get("ADLCP:MASTERYSCORE") for s in scos] == ["75", None, "75"]
    assert {s.parent for s in scos} == {"ORG-pakke-kursus"}


def test_each_module_package_holds_one_sco_and_only_its_own_module(packaging_dist):
    for name, module_id, mastery in (("01-1-start", "1-start", "75"), ("02-uden-quiz", "uden-quiz", None),
                                     ("03-afslutning", "afslutning", "75")):
        package = packaging_dist / f"scorm12/modules/{name}.zip"
        reading = read_like_moodle(zip_files(package)["imsmanifest.xml"])
        scos = [s for s in reading.scoes if s.scormtype == "sco"]
        assert [(s.identifier, s.launch, s.data.get("ADLCP:MASTERYSCORE")) for s in scos] == [
            (f"ITEM-{module_id}", f"{module_id}/index.html", mastery)]
        folders = {path.split("/")[0] for path in zip_files(package)}
        assert folders == {"imsmanifest.xml", module_id, "player"}


@pytest.mark.parametrize("folder", ["scorm12", "scorm2004"])
def test_a_whole_course_package_launches_each_module_as_part_of_a_course(packaging_dist, folder):
    """The item's parameters, which Moodle appends to the launch URL (mod/scorm/locallib.php,
    scorm_get_sco_and_launch_url: `$sco->launch.$connector.$sco->parameters`): the player then tells how to go on to the next module."""
    course = [s for s in read_like_moodle(zip_files(packaging_dist / f"{folder}/pakke-kursus.zip")["imsmanifest.xml"]).scoes
              if s.scormtype == "sco"]
    assert len(course) == 3 and {s.parameters for s in course} == {"?package=course"}
    single = read_like_moodle(zip_files(packaging_dist / f"{folder}/modules/01-1-start.zip")["imsmanifest.xml"]).scoes
    assert [s.parameters for s in single if s.scormtype == "sco"] == [""]


def test_item_identifiers_do_not_change_with_the_course_version(packaging_dist, tmp_path):
    """Moodle keeps learners' tracks across a package update by matching item identifiers."""
    import shutil

    from course_builder.build import build
    from tests.support import edit

    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "packaging", course)
    edit(course / "course.yaml", "version: 2.1.0", "version: 3.0.0")
    assert build(course, tmp_path / "dist", ["scorm12"]).ok
    for package in ("pakke-kursus.zip", "modules/01-1-start.zip"):
        old = read_like_moodle(zip_files(packaging_dist / "scorm12" / package)["imsmanifest.xml"])
        new = read_like_moodle(zip_files(tmp_path / "dist/scorm12" / package)["imsmanifest.xml"])
        assert [s.identifier for s in old.scoes] == [s.identifier for s in new.scoes]
        assert manifest_of(tmp_path / "dist/scorm12" / package).get("version") == "3.0.0"


def test_the_exporter_writes_exactly_the_bytes_of_module_package(packaging_dist, rendered):
    for module in rendered.course.modules:
        number = rendered.course.modules.index(module) + 1
        written = (packaging_dist / f"scorm12/modules/{number:02d}-{module.id}.zip").read_bytes()
        assert written == module_package(rendered, module)
        assert written == module_package(rendered, module.id)


def test_lessons_only_package_has_no_quiz_and_no_mastery_score(rendered):
    with_quiz = zip_files_of(module_package(rendered, "1-start"))
    lessons = zip_files_of(module_package(rendered, "1-start", include_quiz=False))
    assert [q["id"] for q in player_config(with_quiz["1-start/index.html"])["questions"]] == ["start-single", "start-sandt"]
    assert player_config(lessons["1-start/index.html"])["questions"] == []
    assert etree.HTML(module_page(with_quiz, "1-start")).findall(".//*[@data-question]") != []
    page = etree.HTML(module_page(lessons, "1-start"))
    assert page.findall(".//*[@data-question]") == []
    assert page.find(".//section[@id='p1']") is not None
    reading = read_like_moodle(lessons["imsmanifest.xml"])
    assert [s.data for s in reading.scoes if s.scormtype == "sco"] == [{}]
    assert lessons.keys() == with_quiz.keys()


def test_lessons_only_of_a_module_without_quiz_is_the_ordinary_package(rendered):
    assert module_package(rendered, "uden-quiz", include_quiz=False) == module_package(rendered, "uden-quiz")


def test_module_package_names_an_unknown_module(rendered):
    with pytest.raises(KeyError, match="nope"):
        module_package(rendered, "nope")


def zip_files_of(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_module_package_takes_the_build_context_too(rendered, tmp_path):
    from course_builder.exporters import BuildContext

    context = BuildContext(rendered.course, rendered, tmp_path)
    module = rendered.course.modules[0]
    assert module_package(context, module, include_quiz=False) == module_package(rendered, module.id, include_quiz=False)
