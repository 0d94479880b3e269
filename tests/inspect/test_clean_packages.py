"""Packages made the way ours are made inspect clean, and the report says what is in them."""
from __future__ import annotations

import json

import pytest

from course_builder.cli import main
from course_builder.inspect import inspect_package
from course_builder.inspect.findings import NOTE
from course_builder.inspect.report import to_text
from tests.inspect.packages import (
    SCORM12_MANIFEST, imscp_files, replace, scorm12_files, scorm2004_files, write_package,
)


@pytest.fixture
def scorm12_zip(tmp_path):
    return write_package(tmp_path / "fundamentet-scorm12.zip", scorm12_files())


@pytest.fixture
def scorm2004_zip(tmp_path):
    return write_package(tmp_path / "tm-ledelse-scorm2004.zip", scorm2004_files())


@pytest.fixture
def imscp_zip(tmp_path):
    return write_package(tmp_path / "tm-ledelse-imscp.zip", imscp_files())


def not_notes(report):
    return [finding for finding in report.findings if finding.severity != NOTE]


def test_scorm12_package_is_clean_and_described(scorm12_zip):
    report = inspect_package(scorm12_zip)
    assert not_notes(report) == [], to_text(report)
    assert report.exit_status == 0
    assert report.version == "SCORM 1.2"
    assert report.moodle_version == "SCORM 1.2"
    assert report.schema == "valid (ADL SCORM 1.2 schemas)"
    [organization] = report.organizations
    assert (organization.identifier, organization.title, organization.is_default) == (
        "ORG-tm-ledelse", "Ledelse i Teknik og Miljø", True)
    [item] = organization.items
    assert (item.resource, item.scorm_type, item.launch, item.mastery) == (
        "RES-fundamentet", "sco", "index.html", "masteryscore 80")
    assert [(url.url, url.kind) for url in report.outside_urls] == [("https://www.aarhus.dk/", "links")]


def test_scorm12_mastery_score_comes_with_moodles_rewrite_as_a_note(scorm12_zip):
    notes = {finding.code: finding for finding in inspect_package(scorm12_zip).findings}
    assert notes["moodle-mastery-override"].severity == NOTE
    assert "'completed' to 'passed'" in notes["moodle-mastery-override"].message


def test_scorm2004_package_is_clean_and_described(scorm2004_zip):
    report = inspect_package(scorm2004_zip)
    assert not_notes(report) == [], to_text(report)
    assert report.exit_status == 0
    assert report.version == "SCORM 2004 4th Edition"
    assert report.moodle_version == "SCORM 2004"
    assert report.schema == "valid (ADL SCORM 2004 4th Edition schemas)"
    items = report.organizations[0].items
    assert [(item.identifier, item.launch, item.mastery) for item in items] == [
        ("ITEM-fundamentet", "fundamentet/index.html", "minNormalizedMeasure 0.8"),
        ("ITEM-trekanten", "trekanten/index.html", None),
    ]
    assert "moodle-sequencing-partial" in report.codes()


def test_imscp_package_is_clean(imscp_zip):
    report = inspect_package(imscp_zip)
    assert report.findings == [], to_text(report)
    assert report.version == "IMS Content Packaging 1.1.4"
    assert report.moodle_version is None
    assert report.schema == "valid (IMS Content Packaging 1.1.4 schemas)"


def test_text_report_names_version_launch_mastery_and_result(scorm12_zip, capsys):
    assert main(["inspect", str(scorm12_zip)]) == 0
    out = capsys.readouterr().out
    assert "Version:  SCORM 1.2 (Moodle plays it as SCORM 1.2)" in out
    assert "Schema:   valid (ADL SCORM 1.2 schemas)" in out
    assert "-> sco RES-fundamentet, launch index.html, masteryscore 80" in out
    assert "https://www.aarhus.dk/  (links, index.html:12)" in out
    assert "Result: clean (1 note)" in out


def test_json_report_carries_the_same_facts(scorm2004_zip, capsys):
    assert main(["inspect", "--json", str(scorm2004_zip)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exit_status"] == 0
    assert data["version"] == "SCORM 2004 4th Edition"
    assert [item["launch"] for item in data["organizations"][0]["items"]] == [
        "fundamentet/index.html", "trekanten/index.html"]
    assert {finding["severity"] for finding in data["findings"]} == {"note"}


def test_without_schemas_the_check_is_skipped_with_a_warning(scorm12_zip, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_BUILDER_SCHEMA_DIR", str(tmp_path / "no-schemas"))
    assert main(["inspect", str(scorm12_zip)]) == 0
    captured = capsys.readouterr()
    assert "warning: schemas not installed; reinstall course-builder" in captured.err
    assert "Schema:   not checked (schemas not installed; reinstall course-builder)" in captured.out


def test_same_package_gives_the_same_report(scorm2004_zip, tmp_path):
    copy = tmp_path / "copy" / scorm2004_zip.name
    copy.parent.mkdir()
    copy.write_bytes(scorm2004_zip.read_bytes())
    first = to_text(inspect_package(scorm2004_zip)).replace(str(scorm2004_zip), "PACKAGE")
    second = to_text(inspect_package(copy)).replace(str(copy), "PACKAGE")
    assert first == second


def test_files_may_be_listed_in_a_dependency(tmp_path):
    manifest = SCORM12_MANIFEST
    shared = ('<file href="index.html"/>\n      <file href="player/player.css"/>\n      <file href="player/lms.js"/>\n'
              '      <file href="media/trekant.png"/>\n')
    manifest = replace(manifest, shared, '<dependency identifierref="RES-shared"/>\n')
    manifest = replace(manifest, "  </resources>", '    <resource identifier="RES-shared" type="webcontent" '
                                                   'adlcp:scormtype="asset">\n      ' + shared + "    </resource>\n  </resources>")
    report = inspect_package(write_package(tmp_path / "shared.zip", scorm12_files(manifest)))
    assert not_notes(report) == [], to_text(report)


def test_a_bad_limit_is_a_usage_error(scorm12_zip, capsys):
    assert main(["inspect", "--max-size", "0", str(scorm12_zip)]) == 2
    assert "--max-size: '0' is not a positive whole number" in capsys.readouterr().err
