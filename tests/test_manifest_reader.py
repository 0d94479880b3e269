"""The one reader of imsmanifest.xml (course_builder/manifest_reader.py), which inspect, the preview and the
course backup share: what each of them needs from it, read from our own packages and from hand-written ones."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from course_builder.build import build
from course_builder.manifest_reader import ManifestError, iter_items, load_manifest, moodle_version
from course_builder.moodle_backup.scorm_package import manifest_scoes
from tests.support import FIXTURES

CP12 = 'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
CP = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    source = tmp_path_factory.mktemp("course") / "minimal"
    shutil.copytree(FIXTURES / "minimal", source)
    out = source / "dist"
    assert build(source, out, ["scorm12", "scorm2004"]).ok
    return out


def manifest_in(package) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml")


def test_our_scorm12_package_gives_the_launch_the_mastery_and_moodle_s_version(built):
    manifest = load_manifest(manifest_in(built / "scorm12" / "modules" / "01-intro.zip"))
    item, resource = manifest.first_launch()
    assert (item.identifier, resource.launch, resource.scorm_type) == ("ITEM-intro", "intro/index.html", "sco")
    assert item.mastery_score == "80" and item.lms_data == [("masteryscore", "80")]
    assert item.title and item.min_normalized_measure is None
    assert (manifest.schemaversion, moodle_version(manifest.schemaversion)) == ("1.2", "SCORM_1.2")


def test_our_scorm2004_package_gives_the_passing_measure(built):
    manifest = load_manifest(manifest_in(built / "scorm2004" / "modules" / "01-intro.zip"))
    item, resource = manifest.first_launch()
    assert (resource.launch, item.min_normalized_measure, item.mastery_score) == ("intro/index.html", "0.8", None)
    assert moodle_version(manifest.schemaversion) == "SCORM_1.3"


def test_the_default_organization_and_xml_base_decide_what_is_launched():
    manifest = load_manifest(f'''<manifest {CP12} identifier="M" xml:base="course/">
      <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
      <organizations default="B">
        <organization identifier="A"><title>A</title><item identifier="IA" identifierref="RA"><title>a</title></item></organization>
        <organization identifier="B"><title> B </title>
          <item identifier="FOLDER" isvisible="false"><title>Folder</title>
            <item identifier="IB" identifierref="RB" parameters="?x=1"><title>b</title>
              <adlcp:maxtimeallowed>00:10:00</adlcp:maxtimeallowed><adlcp:masteryscore> 70 </adlcp:masteryscore>
              <adlcp:datafromlms>hi</adlcp:datafromlms>
            </item>
          </item>
        </organization>
      </organizations>
      <resources xml:base="r/">
        <resource identifier="RA" type="webcontent" adlcp:scormtype="sco" href="a.html"/>
        <resource identifier="RB" type="webcontent" adlcp:scormtype="sco" xml:base="b/" href="b.html"/>
      </resources>
    </manifest>'''.encode())
    item, resource = manifest.first_launch()
    assert (item.identifier, resource.launch) == ("IB", "course/r/b/b.html")
    assert item.lms_data == [("maxtimeallowed", "00:10:00"), ("masteryscore", "70"), ("datafromlms", "hi")]
    assert (item.parameters, item.depth) == ("?x=1", 2)
    assert [i.identifier for o in manifest.organizations for i in iter_items(o.items)] == ["IA", "FOLDER", "IB"]
    assert manifest.organizations[1].title == "B" and manifest.organizations[1].items[0].isvisible == "false"


def test_a_primary_objective_satisfied_by_measure_without_one_needs_the_schema_s_default():
    manifest = load_manifest(f'''<manifest {CP} identifier="M">
      <organizations default="O"><organization identifier="O"><title>O</title>
        <item identifier="I" identifierref="R"><title>i</title>
          <imsss:sequencing><imsss:objectives><imsss:primaryObjective satisfiedByMeasure="true"/></imsss:objectives></imsss:sequencing>
        </item></organization></organizations>
      <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="i.html"/></resources>
    </manifest>'''.encode())
    assert manifest.first_launch()[0].min_normalized_measure == "1.0"


def test_moodle_s_sco_rows_are_the_organizations_then_their_items_in_document_order():
    manifest = load_manifest(f'''<manifest {CP12} identifier="M">
      <organizations default="O"><organization identifier="O"><title>Kursus</title>
        <item identifier="F"><title>Mappe</title>
          <item identifier="I" identifierref="R"><title>Lektion</title><adlcp:masteryscore>80</adlcp:masteryscore></item>
          <item identifier="X" identifierref="NONE"><title>Brudt</title></item>
        </item></organization></organizations>
      <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="i.html"/></resources>
    </manifest>'''.encode())
    rows = [(s.manifest, s.organization, s.parent, s.identifier, s.launch, s.scormtype, s.title, s.data)
            for s in manifest_scoes(manifest)]
    assert rows == [
        ("M", "", "/", "O", "", "", "Kursus", []),
        ("M", "O", "O", "F", "", "asset", "Mappe", [("isvisible", "true"), ("parameters", "")]),
        ("M", "O", "F", "I", "i.html", "sco", "Lektion", [("isvisible", "true"), ("parameters", ""), ("masteryscore", "80")]),
        ("M", "O", "F", "X", "", "", "Brudt", [("isvisible", "true"), ("parameters", "")]),
    ]


@pytest.mark.parametrize(("xml", "code", "line"), [
    (b'<?xml version="1.0"?>\n<!DOCTYPE m [\n<!ENTITY x "y">]>\n<manifest/>', "entity-declaration", 3),
    (b'<?xml version="1.0"?>\n<!DOCTYPE manifest SYSTEM "http://example.org/m.dtd">\n<manifest/>', "external-dtd", 2),
    (b'<manifest>\n<title>x</titel>\n</manifest>', "not-well-formed", 2),
])
def test_a_manifest_that_could_load_something_or_does_not_parse_is_refused(xml, code, line):
    with pytest.raises(ManifestError) as refused:
        load_manifest(xml)
    assert (refused.value.code, refused.value.line) == (code, line)


@pytest.mark.parametrize(("written", "recorded"), [
    ("1.2", "SCORM_1.2"), ("CAM 1.3", "SCORM_1.3"), ("2004 3rd Edition", "SCORM_1.3"), ("2004 4th Edition", "SCORM_1.3"),
    ("2004 4th Edition\n", "SCORM_1.3"), ("2004 2nd Edition", "SCORM_1.2"), (None, "SCORM_1.2"),
])
def test_moodle_s_version_of_a_schemaversion(written, recorded):
    """mod/scorm/datamodels/scormlib.php, scorm_parse_scorm: its preg_match patterns, else SCORM_1.2."""
    assert moodle_version(written) == recorded
