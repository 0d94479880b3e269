"""The ADL / IMS schemas, loaded offline from the npm package, accept good manifests and name bad lines."""
from __future__ import annotations

import pytest
from lxml import etree

from course_builder import schemas
from course_builder.schemas import IMSCP, SCORM12, SCORM2004_3RD, SCORM2004_4TH, validate_manifest
from tests.inspect.packages import IMSCP_MANIFEST, SCORM12_MANIFEST, SCORM2004_MANIFEST, replace


def line_of(text: str, piece: str) -> int:
    return text[: text.index(piece)].count("\n") + 1


@pytest.mark.parametrize(
    ("manifest", "version"),
    [(SCORM12_MANIFEST, SCORM12), (SCORM2004_MANIFEST, SCORM2004_4TH), (SCORM2004_MANIFEST, SCORM2004_3RD),
     (IMSCP_MANIFEST, IMSCP)],
)
def test_minimal_manifests_are_valid(manifest, version):
    assert validate_manifest(manifest.encode("utf-8"), version) == []


def test_a_parsed_tree_validates_like_its_bytes():
    tree = etree.ElementTree(etree.fromstring(SCORM12_MANIFEST.encode("utf-8")))
    assert validate_manifest(tree, SCORM12) == []
    assert validate_manifest(tree.getroot(), SCORM12) == []


def test_scorm12_error_names_its_line_and_the_conventional_prefixes():
    manifest = replace(SCORM12_MANIFEST, 'adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')
    errors = validate_manifest(manifest.encode("utf-8"), SCORM12)
    assert [error.line for error in errors] == [line_of(manifest, 'adlcp:scormtype="lesson"')]
    assert "'adlcp:scormtype'" in errors[0].message and "lesson" in errors[0].message


def test_scorm12_inline_lom_is_checked_although_its_schema_does_not_compile_as_shipped():
    manifest = replace(SCORM12_MANIFEST, "<imsmd:language>da</imsmd:language>",
                       "<imsmd:language>da</imsmd:language><imsmd:colour>blue</imsmd:colour>")
    errors = validate_manifest(manifest.encode("utf-8"), SCORM12)
    assert [error.line for error in errors] == [line_of(manifest, "<imsmd:colour>")]
    assert "imsmd:colour" in errors[0].message


def test_scorm12_xml_lang_is_declared_through_the_w3c_xml_schema():
    manifest = replace(SCORM12_MANIFEST, 'xml:lang="da"', 'xml:lang="not a language"')
    errors = validate_manifest(manifest.encode("utf-8"), SCORM12)
    assert [error.line for error in errors] == [line_of(manifest, 'xml:lang="not a language"')]
    assert "xml:lang" in errors[0].message


def test_scorm2004_sequencing_is_checked():
    manifest = replace(SCORM2004_MANIFEST, '<imsss:controlMode choice="true"', '<imsss:controlMode choice="maybe"')
    errors = validate_manifest(manifest.encode("utf-8"), SCORM2004_4TH)
    assert [error.line for error in errors] == [line_of(manifest, 'choice="maybe"')]


def test_scorm2004_4th_edition_features_are_refused_by_the_3rd_edition_schemas():
    manifest = replace(SCORM2004_MANIFEST, "</adlnav:presentation>",
                       "</adlnav:presentation>\n        <adlcp:completionThreshold completedByMeasure=\"true\"/>")
    assert validate_manifest(manifest.encode("utf-8"), SCORM2004_4TH) == []
    assert validate_manifest(manifest.encode("utf-8"), SCORM2004_3RD) != []


def test_imscp_without_organizations_is_invalid():
    start = IMSCP_MANIFEST.index("  <organizations")
    end = IMSCP_MANIFEST.index("</organizations>\n") + len("</organizations>\n")
    manifest = IMSCP_MANIFEST[:start] + IMSCP_MANIFEST[end:]
    errors = validate_manifest(manifest.encode("utf-8"), IMSCP)
    assert len(errors) == 1 and "resources" in errors[0].message


def test_scorm12_manifest_is_not_a_2004_manifest():
    errors = validate_manifest(SCORM12_MANIFEST.encode("utf-8"), SCORM2004_4TH)
    assert errors and "No matching global declaration" in errors[0].message


def test_not_well_formed_bytes_give_one_error_with_the_line():
    errors = validate_manifest(b"<manifest>\n<organizations>\n</manifest>", SCORM12)
    assert len(errors) == 1 and errors[0].line == 3 and "not well-formed" in errors[0].message


def test_unknown_version_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown schema version"):
        validate_manifest(SCORM12_MANIFEST.encode("utf-8"), "scorm13")


def test_missing_schemas_raise_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_BUILDER_SCHEMA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(schemas.SchemasNotInstalled, match=r"schemas not installed; reinstall course-builder"):
        validate_manifest(SCORM12_MANIFEST.encode("utf-8"), SCORM12)


def test_schemas_are_found_from_any_working_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert schemas.find_schema_dir() is not None
    assert validate_manifest(SCORM12_MANIFEST.encode("utf-8"), SCORM12) == []


def test_imports_resolve_only_to_files_of_the_schema_folder(tmp_path, monkeypatch):
    """An import that points outside the schema folder is refused, even when the file it names exists."""
    real = schemas.find_schema_dir()
    fake = tmp_path / "definitionFiles" / "scorm20044thedition"
    fake.mkdir(parents=True)
    xml_xsd = (real / "scorm20044thedition" / "xml.xsd").read_text(encoding="utf-8")
    outside = tmp_path / "outside.xsd"
    outside.write_text(xml_xsd, encoding="utf-8")  # would satisfy the import, were it read
    source = (real / "scorm20044thedition" / "imscp_v1p1.xsd").read_text(encoding="utf-8")
    (fake / "imscp_v1p1.xsd").write_text(
        replace(source, 'schemaLocation = "xml.xsd"', f'schemaLocation = "{outside.as_uri()}"'), encoding="utf-8")
    monkeypatch.setenv("COURSE_BUILDER_SCHEMA_DIR", str(fake.parent))
    with pytest.raises(schemas.SchemasUnavailable, match="do not load"):
        validate_manifest(IMSCP_MANIFEST.encode("utf-8"), IMSCP)
    (fake / "imscp_v1p1.xsd").write_text(source, encoding="utf-8")
    (fake / "xml.xsd").write_text(xml_xsd, encoding="utf-8")
    assert validate_manifest(IMSCP_MANIFEST.encode("utf-8"), IMSCP) == []
