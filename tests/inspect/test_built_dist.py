"""`inspect` passes every package the build makes and the Common Cartridges Moodle 4.5 itself wrote or imported.

The cartridges are recorded files (tests/fixtures/moodle-reference/imscc, see its README). A cartridge resource
that is not web content (a QTI assessment, a forum, a web link) has no launch file by design: Moodle reads its
descriptor, the first <file> (backup/cc/entities11.class.php); an item without resource is a heading that Moodle
turns into a section summary or a label (backup/cc/cc2moodle.php); and the CC profile has no default
organization (IMS CC 1.1 ccv1p1_imscp_v1p2_v1p0.xsd).
"""
from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from course_builder.build import build
from course_builder.schemas import CompiledSchemas
from course_builder.inspect import inspect_package
from course_builder.inspect.findings import ERROR, NOTE
from course_builder.later_steps import later_steps_html, later_steps_script
from tests.support import FIXTURES, REPO

CARTRIDGES = sorted((FIXTURES / "moodle-reference" / "imscc").glob("*.imscc"))
COURSES = {"course": REPO, "minimal": FIXTURES / "minimal", "packaging": FIXTURES / "packaging",
           "harbour": FIXTURES / "harbour"}


@pytest.fixture(scope="module", params=sorted(COURSES))
def built_dist(request, tmp_path_factory) -> Path:
    """Every format of the repository's course and of two fixture courses."""
    dist = tmp_path_factory.mktemp(f"dist-{request.param}") / "dist"
    result = build(COURSES[request.param], dist, None)
    assert result.ok, [p.display() for p in result.problems]
    return dist


def not_notes(report) -> list[str]:
    return [f"{finding.code}: {finding.message}" for finding in report.findings if finding.severity != NOTE]


def backup_packages(mbz: Path, folder: Path) -> list[Path]:
    """The SCORM packages inside a course backup (a gzip tar), written out as files."""
    found = []
    with tarfile.open(mbz) as archive:
        for member in archive.getmembers():
            data = archive.extractfile(member).read() if member.isfile() else b""
            if data.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(data)):
                found.append(folder / f"{len(found):02d}.zip")
                found[-1].write_bytes(data)
    return found


def test_inspect_passes_every_package_of_a_built_dist(built_dist, tmp_path):
    packages = sorted([*built_dist.rglob("*.zip"), *built_dist.rglob("*.imscc")])
    assert {p.relative_to(built_dist).parts[0] for p in packages} >= {"scorm12", "scorm2004", "imscp", "imscc"}
    for mbz in built_dist.rglob("*.mbz"):
        inside = backup_packages(mbz, tmp_path)
        assert inside, f"no SCORM package in {mbz.name}"
        packages += inside
    compiled = CompiledSchemas()
    for package in packages:
        report = inspect_package(package, schemas=compiled)
        assert (report.exit_status, not_notes(report)) == (0, []), package


@pytest.mark.parametrize("cartridge", CARTRIDGES, ids=[c.name for c in CARTRIDGES])
def test_inspect_passes_the_cartridges_moodle_wrote_or_imported(cartridge):
    report = inspect_package(cartridge)
    assert (report.exit_status, not_notes(report)) == (0, [])


def test_the_reference_cartridges_are_here():
    assert len(CARTRIDGES) == 4


def test_a_cartridge_resource_without_href_still_needs_its_descriptor_file(tmp_path):
    with zipfile.ZipFile(FIXTURES / "moodle-reference/imscc/minimal-cc11.imscc") as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    manifest = files["imsmanifest.xml"].decode("utf-8")
    start = manifest.index("<file", manifest.index('type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"'))
    end = manifest.index("/>", start) + 2
    files["imsmanifest.xml"] = (manifest[:start] + manifest[end:]).encode("utf-8")
    del files[manifest[start:end].split('href="')[1].split('"')[0]]
    broken = tmp_path / "no-descriptor.imscc"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    report = inspect_package(broken)
    assert [(f.severity, f.code) for f in report.findings if f.code == "no-launch-file"] == [(ERROR, "no-launch-file")]


def test_what_a_modules_later_steps_load_is_checked_too(tmp_path):
    """The steps after a module's first page ship in its steps.js (course_builder/later_steps.py): an image they show
    that the package lacks is an error on that file, as it would be on the page."""
    dist = tmp_path / "dist"
    assert build(FIXTURES / "minimal", dist, ["scorm12"]).ok
    package = next((dist / "scorm12" / "modules").glob("*intro*.zip"))
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    steps = later_steps_html(files["intro/steps.js"])
    files["intro/steps.js"] = later_steps_script(steps.replace("</section>", '<img src="mangler.png" alt=""></section>', 1))
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    report = inspect_package(broken)
    missing = [f for f in report.findings if f.code == "missing-file"]
    assert [(f.entry, f.severity, "mangler.png" in f.message) for f in missing] == [("intro/steps.js", ERROR, True)]
    assert not [f for f in inspect_package(package).findings if f.code == "missing-file"]
