"""The whole course (the repository's own content) through the three Moodle formats."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.exporters.bank_checks import as_read, check_bank, read_moodle_xml, reference_dir
from course_builder.build import build, load_and_validate
from tests.exporters.gift_reader import read_gift

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def course_build(tmp_path_factory):
    course, problems = load_and_validate(ROOT)
    errors = [p.display() for p in problems if p.is_error]
    if course is None or errors:
        pytest.skip(f"the course does not validate yet ({len(errors)} problems, first: {errors[:1]})")
    out = tmp_path_factory.mktemp("course")
    result = build(ROOT, out, ["moodle", "imscc"])
    assert result.ok
    return course, out


def test_the_course_question_bank_reads_back_in_moodle_xml_and_gift(course_build):
    course, out = course_build
    check_bank(course, read_moodle_xml((out / "moodle" / "questions.xml").read_bytes()))
    gift = read_gift((out / "moodle" / "questions.gift.txt").read_text(encoding="utf-8"))
    check_bank(course, [as_read(q) for q in gift], gift=True)


def test_the_course_cartridge_validates_against_moodles_schemas(course_build):
    course, out = course_build
    reference = reference_dir()
    if reference is None:
        pytest.skip("../shared/reference/moodle is absent")
    folder = reference / "imscc" / "schemas11"
    manifest_schema = etree.XMLSchema(etree.parse(str(folder / "cc11libxml2validator.xsd")))
    qti_schema = etree.XMLSchema(etree.parse(str(folder / "ccv1p1_qtiasiv1p2p1_v1p0.xsd")))
    with zipfile.ZipFile(io.BytesIO((out / "imscc" / f"{course.settings.id}.imscc").read_bytes())) as archive:
        assert manifest_schema.validate(etree.fromstring(archive.read("imsmanifest.xml"))), manifest_schema.error_log
        for name in archive.namelist():
            if name.endswith("assessment.xml"):
                assert qti_schema.validate(etree.fromstring(archive.read(name))), (name, qti_schema.error_log)
