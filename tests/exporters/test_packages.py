"""What every package (SCORM 1.2, SCORM 2004, IMS CP; whole course and per module) must hold."""
from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from course_builder import schemas
from course_builder.build import build
from course_builder.packaging import is_junk
from tests.exporters.conftest import PACKAGE_FORMATS
from tests.exporters.package_reading import (
    SCHEMA_OF_FORMAT, by_local_name, format_of, loaded_by, local, manifest_of, packages, resource_files, zip_files,
)
from tests.support import FIXTURES

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
EXPECTED = [
    "imscp/pakke-kursus.zip",
    "scorm12/pakke-kursus.zip",
    "scorm2004/pakke-kursus.zip",
    "scorm12/modules/01-1-start.zip",
    "scorm12/modules/02-uden-quiz.zip",
    "scorm12/modules/03-afslutning.zip",
    "scorm2004/modules/01-1-start.zip",
    "scorm2004/modules/02-uden-quiz.zip",
    "scorm2004/modules/03-afslutning.zip",
]


@pytest.fixture(scope="session")
def every_package(packaging_dist) -> list[Path]:
    return packages(packaging_dist)


def test_the_build_writes_the_whole_course_and_one_package_per_module_in_order(packaging_dist, every_package):
    assert [p.relative_to(packaging_dist).as_posix() for p in every_package] == EXPECTED


def test_every_manifest_validates_against_the_schemas_of_its_version(packaging_dist, every_package):
    compiled = schemas.CompiledSchemas()
    for package in every_package:
        manifest = zip_files(package)["imsmanifest.xml"]
        errors = schemas.validate_manifest(manifest, SCHEMA_OF_FORMAT[format_of(package, packaging_dist)], compiled)
        assert errors == [], f"{package.name}: {errors}"


def test_references_point_at_something_and_identifiers_are_valid_and_unique(every_package):
    for package in every_package:
        root = manifest_of(package)
        identified = [e.get("identifier") for e in root.iter(etree.Element) if e.get("identifier") is not None]
        assert all(NCNAME.match(i) for i in identified), identified
        assert len(identified) == len(set(identified)), f"{package.name}: duplicate identifiers"
        organizations = {o.get("identifier") for o in by_local_name(root, "organization")}
        assert by_local_name(root, "organizations")[0].get("default") in organizations
        resources = set(resource_files(root))
        references = [item.get("identifierref") for item in by_local_name(root, "item")]
        assert references and set(references) <= resources, f"{package.name}: {references} vs {resources}"
        dependencies = [d.get("identifierref") for d in by_local_name(root, "dependency")]
        assert set(dependencies) <= resources


def test_manifest_at_the_root_lists_exactly_the_files_of_the_zip(every_package):
    for package in every_package:
        files = zip_files(package)
        listed = {href for hrefs in resource_files(manifest_of(package)).values() for href in hrefs}
        assert set(files) - {"imsmanifest.xml"} == listed, package.name
        launches = {r.get("href") for r in by_local_name(manifest_of(package), "resource")}
        assert launches <= listed


def test_every_file_a_sco_loads_is_a_file_of_its_own_resource(every_package):
    checked = 0
    for package in every_package:
        files = zip_files(package)
        for resource in by_local_name(manifest_of(package), "resource"):
            own = {f.get("href") for f in resource if local(f) == "file"}
            launch = resource.get("href")
            needed = loaded_by(files[launch], launch, files)
            assert needed <= own, f"{package.name} {launch}: not listed {needed - own}"
            checked += len(needed)
    assert checked > 0


def test_the_image_beside_a_module_travels_with_it(packaging_dist):
    files = zip_files(packaging_dist / "scorm12/modules/01-1-start.zip")
    assert files["1-start/diagram.png"] == (FIXTURES / "packaging/modules/diagram.png").read_bytes()
    assert "1-start/diagram.png" in loaded_by(files["1-start/index.html"], "1-start/index.html", files)


def test_no_absolute_paths_and_no_outside_urls_in_manifests(every_package):
    for package in every_package:
        root = manifest_of(package)
        for element in root.iter(etree.Element):
            for name, value in element.attrib.items():
                if etree.QName(name).localname in ("href", "base") or "schemaLocation" in name:
                    assert not value.startswith(("/", "\\")) and ":" not in value, f"{package.name}: {name}={value}"
                    assert ".." not in value.split("/")


def test_conventional_prefixes_for_moodle(packaging_dist, every_package):
    prefixes = {
        "scorm12": {None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"},
        "scorm2004": {None: "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
                      "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3", "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
                      "imsss": "http://www.imsglobal.org/xsd/imsss"},
        "imscp": {None: "http://www.imsglobal.org/xsd/imscp_v1p1"},
    }
    for package in every_package:
        root = manifest_of(package)
        expected = prefixes[format_of(package, packaging_dist)]
        assert expected.items() <= root.nsmap.items(), package.name
        for element in root.iter(etree.Element):
            assert element.prefix == {v: k for k, v in root.nsmap.items()}[etree.QName(element).namespace]


def test_zips_are_deterministic_and_clean(every_package):
    for package in every_package:
        with zipfile.ZipFile(package) as archive:
            infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert not [n for n in names if is_junk(n) or n.endswith("/") or n.startswith("/") or ".." in n.split("/")]
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644
        assert "imsmanifest.xml" in names


def test_two_builds_give_byte_identical_packages(packaging_dist, tmp_path):
    again = tmp_path / "again"
    assert build(FIXTURES / "packaging", again, PACKAGE_FORMATS).ok
    first = {p.relative_to(packaging_dist): p.read_bytes() for p in packages(packaging_dist)}
    second = {p.relative_to(again): p.read_bytes() for p in packages(again)}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_junk_in_a_course_s_own_player_folder_stays_out_of_every_package(tmp_path):
    import shutil

    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "packaging", course)
    static = course / "templates/player/static"
    static.mkdir(parents=True)
    (static / "extra.css").write_text("body { margin: 0 }")
    for junk in (".DS_Store", "extra.css~", ".extra.css.swp", "#extra.css#", "extra.css.bak", "Thumbs.db"):
        (static / junk).write_bytes(b"junk")
    (static / "__MACOSX").mkdir()
    (static / "__MACOSX/._extra.css").write_bytes(b"junk")
    assert build(course, tmp_path / "dist", PACKAGE_FORMATS).ok
    for package in packages(tmp_path / "dist"):
        names = set(zip_files(package))
        assert "player/extra.css" in names
        assert [n for n in names if "extra.css" in n and n != "player/extra.css" or "DS_Store" in n or "Thumbs" in n
                or "MACOSX" in n] == []


@pytest.mark.parametrize("package_format", PACKAGE_FORMATS)
def test_lom_metadata_describes_the_course(packaging_dist, package_format):
    root = manifest_of(packaging_dist / package_format / "pakke-kursus.zip")
    metadata = next(child for child in root if local(child) == "metadata")
    lom = next(child for child in metadata if local(child) == "lom")
    texts = {local(e): [] for e in lom.iter(etree.Element)}
    for element in lom.iter(etree.Element):
        if element.text and element.text.strip():
            texts[local(element.getparent())].append(element.text)
            texts[local(element)].append(element.text)
    assert "Pakkekursus – Teknik & Miljø" in texts["title"]
    assert 'Et lille kursus til test af pakkerne, med "citater" & særlige tegn.' in texts["description"]
    assert "da" in texts["language"]
    assert "2.1.0" in texts["version"]
    assert texts["keyword"] == ["ledelse", "onboarding", "test"]
    assert "PT1H20M" in texts.get("duration", []) + texts.get("datetime", [])  # 45 + 20 + 15 minutes
    vcard = (texts.get("entity") or texts.get("vcard"))[0]
    assert "FN:HR\\; Teknik og Miljø" in vcard and "ORG:Teknik og Miljø\\, Aarhus Kommune" in vcard


def test_per_module_lom_gives_the_module_s_own_learning_time(packaging_dist):
    root = manifest_of(packaging_dist / "scorm12/modules/02-uden-quiz.zip")
    assert [e.text for e in by_local_name(root, "datetime")] == ["PT20M"]
    assert "Uden quiz" in [e.text for e in by_local_name(root, "langstring")]


def test_inspect_finds_our_own_packages_clean(every_package):
    from course_builder.inspect import inspect_package
    from course_builder.inspect.findings import ERROR, FATAL, WARNING

    compiled = schemas.CompiledSchemas()
    for package in every_package:
        report = inspect_package(package, schemas=compiled)
        problems = [str(f) for f in report.findings if f.severity in (FATAL, ERROR, WARNING)]
        assert problems == [], package.name
        assert report.exit_status == 0 and report.outside_urls == []
        assert report.schema.startswith("valid")


def test_packaged_modules_do_not_link_to_a_course_home_they_do_not_have(packaging_dist, tmp_path):
    for package in packages(packaging_dist):
        for name, data in zip_files(package).items():
            if name.endswith(".html"):
                page = etree.HTML(data)
                assert page.find(".//a[@class='home-link']") is None, f"{package.name}: {name}"
    assert build(FIXTURES / "packaging", tmp_path / "web", ["web"]).ok
    web_page = etree.HTML((tmp_path / "web/web/1-start/index.html").read_bytes())
    assert web_page.find(".//a[@class='home-link']").get("href") == "../index.html"
