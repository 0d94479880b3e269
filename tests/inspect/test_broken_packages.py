"""Broken packages: each problem is named with its file and line, exit status 1, nothing written."""
from __future__ import annotations

import pytest

from tests.inspect.packages import (
    IMSCP_MANIFEST, SCORM12_MANIFEST, SCORM2004_MANIFEST, imscp_files, replace, scorm12_files, scorm2004_files,
    write_package, write_raw_zip,
)


def line_of(text: str, piece: str) -> int:
    return text[: text.index(piece)].count("\n") + 1


def scorm12_with(manifest_edit=None, **file_edits):
    """The clean SCORM 1.2 files with the manifest edited (old, new) and files set (None removes one)."""
    manifest = SCORM12_MANIFEST if manifest_edit is None else replace(SCORM12_MANIFEST, *manifest_edit)
    files = scorm12_files(manifest)
    for name, data in file_edits.items():
        name = name.replace("__", "/").replace("_dot_", ".")
        if data is None:
            del files[name]
        else:
            files[name] = data
    return files


def scorm2004_with(*edits):
    manifest = SCORM2004_MANIFEST
    for old, new in edits:
        manifest = replace(manifest, old, new)
    return scorm2004_files(manifest)


# (case id, the files of the package, expected code, the entry and line it must name)
CASES = [
    ("not-well-formed", scorm12_with(("<title>Fundamentet</title>", "<title>Fundamentet</titel>")),
     "not-well-formed", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, "<title>Fundamentet</title>"))),
    ("missing-launch-file", scorm12_with(index_dot_html=None),
     "missing-file", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<resource identifier="RES-fundamentet"'))),
    ("missing-listed-file", scorm12_with(media__trekant_dot_png=None),
     "missing-file", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<file href="media/trekant.png"/>'))),
    ("unreferenced-file", scorm12_with(notes_dot_txt=b"left over"), "unreferenced-file", ("notes.txt", None)),
    ("outside-url-in-href", scorm12_with(('href="index.html">', 'href="https://cdn.example.com/index.html">')),
     "outside-url", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<resource identifier="RES-fundamentet"'))),
    ("outside-url-in-file", scorm12_with(('<file href="player/lms.js"/>', '<file href="//cdn.example.com/lms.js"/>')),
     "outside-url", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<file href="player/lms.js"/>'))),
    ("absolute-href", scorm12_with(('<file href="player/lms.js"/>', '<file href="/player/lms.js"/>')),
     "bad-href", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<file href="player/lms.js"/>'))),
    ("href-climbing-out", scorm12_with(('<file href="player/lms.js"/>', '<file href="../player/lms.js"/>')),
     "bad-href", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<file href="player/lms.js"/>'))),
    ("missing-identifierref-target", scorm12_with(('identifierref="RES-fundamentet"', 'identifierref="RES-gone"')),
     "missing-identifierref", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<item identifier="ITEM-fundamentet"'))),
    ("default-organization-nowhere", scorm12_with(('default="ORG-tm-ledelse"', 'default="ORG-gone"')),
     "default-organization", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, "<organizations default="))),
    ("duplicate-identifier", scorm12_with(('identifier="ITEM-fundamentet"', 'identifier="RES-fundamentet"')),
     "duplicate-identifier", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<resource identifier="RES-fundamentet"'))),
    ("invalid-identifier", scorm12_with(('identifier="ITEM-fundamentet"', 'identifier="1 fundamentet"')),
     "invalid-identifier", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<item identifier="ITEM-fundamentet"'))),
    ("schema-error", scorm12_with(('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')),
     "schema", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<resource identifier="RES-fundamentet"'))),
    ("invalid-mastery-score", scorm12_with(("<adlcp:masteryscore>80<", "<adlcp:masteryscore>180<")),
     "invalid-masteryscore", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<item identifier="ITEM-fundamentet"'))),
    ("launch-file-not-listed", scorm12_with(('<file href="index.html"/>\n', "")),
     "launch-not-listed", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<resource identifier="RES-fundamentet"'))),
    ("page-loads-unlisted-file", scorm12_with(('<file href="media/trekant.png"/>\n', "")),
     "unlisted-file", ("index.html", 11)),
    ("page-loads-missing-file", scorm12_with(index_dot_html=b'<html><body>\n<img src="media/gone.png">\n</body></html>'),
     "missing-file", ("index.html", 2)),
    ("page-loads-from-outside", scorm12_with(
        index_dot_html=b'<html><head>\n<script src="https://cdn.example.com/jquery.js"></script></head></html>'),
     "outside-url", ("index.html", 2)),
    ("stylesheet-loads-missing-file", scorm12_with(player__player_dot_css=b"body {}\n.a { background: url(gone.png) }"),
     "missing-file", ("player/player.css", 2)),
    ("missing-scormtype", scorm12_with((' adlcp:scormtype="sco"', "")),
     "missing-scormtype", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, '<resource identifier="RES-fundamentet"'))),
    ("unconventional-adlcp-prefix",
     scorm12_files(SCORM12_MANIFEST.replace("adlcp:", "adl:").replace("xmlns:adlcp=", "xmlns:adl=")),
     "namespace-prefix", ("imsmanifest.xml", line_of(SCORM12_MANIFEST, "<adlcp:masteryscore>"))),
    ("unknown-schemaversion", scorm2004_with(("2004 4th Edition", "2004 5th Edition")),
     "unknown-schemaversion", ("imsmanifest.xml", line_of(SCORM2004_MANIFEST, "<schemaversion>"))),
    ("schemaversion-with-spaces", scorm2004_with(("<schemaversion>2004 4th Edition<",
                                                  "<schemaversion>\n      2004 4th Edition\n    <")),
     "schemaversion-whitespace", ("imsmanifest.xml", line_of(SCORM2004_MANIFEST, "<schemaversion>"))),
    ("missing-schemaversion", scorm2004_with(("<schemaversion>2004 4th Edition</schemaversion>", "")),
     "missing-schemaversion", ("imsmanifest.xml", line_of(SCORM2004_MANIFEST, "<metadata>"))),
    ("sequencing-collection", scorm2004_with(
        ("</resources>\n", "</resources>\n  <imsss:sequencingCollection><imsss:sequencing ID=\"SEQ\">"
                            "<imsss:controlMode flow=\"true\"/></imsss:sequencing></imsss:sequencingCollection>\n")),
     "moodle-sequencing-collection", ("imsmanifest.xml", line_of(SCORM2004_MANIFEST, "</manifest>"))),
    # Moodle 4.5 cannot add it: mod/scorm/datamodels/scormlib.php (about line 378) dies on an objective's mapInfo
    ("objective-map-moodle-dies-on", scorm2004_with(
        ("<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>\n",
         "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>\n"
         "              <imsss:mapInfo targetObjectiveID=\"tm-ledelse.fundamentet\" writeSatisfiedStatus=\"true\"/>\n")),
     "moodle-objective-map", ("imsmanifest.xml", line_of(SCORM2004_MANIFEST, "</imsss:primaryObjective>"))),
    ("nav-request-moodle-fails-on", {**scorm2004_files(), "player/lms.js": b"function leave(api) {\n"
                                     b"  api.SetValue('adl.nav.request', '{target=ITEM-trekanten}choice');\n}\n"},
     "moodle-nav-request", ("player/lms.js", 2)),
    ("adl-data-moodle-lacks", {**scorm2004_files(), "player/lms.js": b"var shared =\n"
                               b"  api.GetValue('adl.data.0.id');\n"},
     "moodle-adl-data", ("player/lms.js", 2)),
    ("scorm12-interactions-read", scorm12_with(player__lms_dot_js=b"// resume\n"
                                                b"var answer = api.LMSGetValue(\"cmi.interactions.0.student_response\");\n"),
     "moodle-interactions-read", ("player/lms.js", 2)),
    ("parent-item-with-resource", scorm2004_with(
        ('<title>Ledelsestrekanten</title>', '<title>Ledelsestrekanten</title>\n<item identifier="ITEM-sub" '
                                             'identifierref="RES-fundamentet"><title>Sub</title></item>')),
     "parent-with-resource", ("imsmanifest.xml", line_of(SCORM2004_MANIFEST, '<item identifier="ITEM-trekanten"'))),
]


@pytest.mark.parametrize(("files", "code", "where"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_broken_package(tmp_path, inspect_sandboxed, files, code, where):
    package = write_package(tmp_path / "broken.zip", files)
    run = inspect_sandboxed(package)
    assert run.status == 1, run.out
    entry, line = where
    location = f"{entry}:{line}: " if line else f"{entry}:"
    matching = [text.strip() for text in run.out.splitlines() if f"[{code}]" in text]
    assert matching, run.out
    assert any(text.startswith(location) for text in matching), matching
    assert "Result: problems found" in run.out


def test_missing_manifest(tmp_path, inspect_sandboxed):
    files = scorm12_files()
    del files["imsmanifest.xml"]
    run = inspect_sandboxed(write_package(tmp_path / "no-manifest.zip", files))
    assert run.status == 1
    assert "error [no-manifest] the zip has no imsmanifest.xml" in run.out


def test_manifest_in_a_folder(tmp_path, inspect_sandboxed):
    files = {f"fundamentet/{name}": data for name, data in scorm12_files().items()}
    run = inspect_sandboxed(write_package(tmp_path / "folder.zip", files))
    assert run.status == 1
    assert "[manifest-not-at-root]" in run.out and "'fundamentet/imsmanifest.xml'" in run.out


def test_manifest_with_other_case(tmp_path, inspect_sandboxed):
    files = scorm12_files()
    files["IMSManifest.xml"] = files.pop("imsmanifest.xml")
    run = inspect_sandboxed(write_package(tmp_path / "case.zip", files))
    assert run.status == 1
    assert "[no-manifest] the manifest is named 'IMSManifest.xml'" in run.out


@pytest.mark.parametrize(("junk", "reported"), [
    ("__MACOSX/._index.html", "__MACOSX/"), (".DS_Store", ".DS_Store"), ("media/.DS_Store", "media/.DS_Store"),
    ("index.html~", "index.html~"), ("player/.lms.js.swp", "player/.lms.js.swp"), ("Thumbs.db", "Thumbs.db"),
    (".git/config", ".git/"), ("player/lms.js.bak", "player/lms.js.bak"), ("media/._trekant.png", "media/._trekant.png"),
    # the build's policy is inspect's (course_builder/packaging.py): every hidden file and folder, and these
    (".eslintrc", ".eslintrc"), (".github/workflows/ci.yml", ".github/"), ("player/lms.js.swx", "player/lms.js.swx"),
])
def test_junk_entries(tmp_path, inspect_sandboxed, junk, reported):
    files = {**scorm12_files(), junk: b"junk"}
    run = inspect_sandboxed(write_package(tmp_path / "junk.zip", files))
    assert run.status == 1
    assert f"{reported}: error [junk-entry]" in run.out
    assert f"{junk}: error [unreferenced-file]" not in run.out  # said once, as junk


def test_a_junk_folder_is_reported_once(tmp_path, inspect_sandboxed):
    junk = {f"__MACOSX/{name}": b"junk" for name in ("._index.html", "media/._trekant.png", "player/._lms.js")}
    run = inspect_sandboxed(write_package(tmp_path / "junk.zip", {**scorm12_files(), **junk}))
    assert [line.strip() for line in run.out.splitlines() if "[junk-entry]" in line] == [
        "__MACOSX/: error [junk-entry] is an editor or operating system folder (3 entries); leave it out of the package"]


def test_folder_entries_are_not_files(tmp_path, inspect_sandboxed):
    entries = [("media/", b"")] + sorted(scorm12_files().items())
    run = inspect_sandboxed(write_raw_zip(tmp_path / "folders.zip", entries))
    assert run.status == 0, run.out


def test_prefixed_content_packaging_elements(tmp_path, inspect_sandboxed):
    manifest = SCORM12_MANIFEST.replace('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
                                        'xmlns:imscp="http://www.imsproject.org/xsd/imscp_rootv1p1p2"')
    manifest = manifest.replace("<manifest ", "<imscp:manifest ").replace("</manifest>", "</imscp:manifest>")
    for tag in ("metadata", "schema", "schemaversion", "organizations", "organization", "title", "item",
                "resources", "resource", "file"):
        manifest = manifest.replace(f"<{tag}>", f"<imscp:{tag}>").replace(f"<{tag} ", f"<imscp:{tag} ")
        manifest = manifest.replace(f"</{tag}>", f"</imscp:{tag}>")
    run = inspect_sandboxed(write_package(tmp_path / "prefixed.zip", scorm12_files(manifest)))
    assert run.status == 1
    assert "[namespace-prefix] content packaging elements use the prefix 'imscp:'" in run.out
    assert "[schema]" not in run.out  # valid XML, just not what Moodle's parser can read


def test_case_collision(tmp_path, inspect_sandboxed):
    files = {**scorm12_files(), "Index.html": b"<p>other</p>"}
    run = inspect_sandboxed(write_package(tmp_path / "case.zip", files))
    assert "index.html: warning [case-collision] differs from 'Index.html' only in case" in run.out


def test_every_problem_is_reported_at_once(tmp_path, inspect_sandboxed):
    manifest = replace(SCORM12_MANIFEST, 'default="ORG-tm-ledelse"', 'default="ORG-gone"')
    manifest = replace(manifest, 'identifierref="RES-fundamentet"', 'identifierref="RES-gone"')
    files = {**scorm12_files(manifest), "notes.txt": b"x", ".DS_Store": b"x"}
    del files["media/trekant.png"]
    run = inspect_sandboxed(write_package(tmp_path / "many.zip", files))
    for code in ("default-organization", "missing-identifierref", "unreferenced-file", "junk-entry", "missing-file"):
        assert f"[{code}]" in run.out, code
    assert run.status == 1


def test_common_cartridge_of_a_version_moodle_cannot_import(tmp_path, inspect_sandboxed):
    manifest = IMSCP_MANIFEST.replace("http://www.imsglobal.org/xsd/imscp_v1p1\"",
                                      "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1\"", 1)
    manifest = replace(manifest, "<schema>IMS Content</schema>", "<schema>IMS Common Cartridge</schema>")
    manifest = replace(manifest, "<schemaversion>1.1.4</schemaversion>", "<schemaversion>1.3.0</schemaversion>")
    run = inspect_sandboxed(write_package(tmp_path / "cc13.zip", imscp_files(manifest)))
    assert "Version:  IMS Common Cartridge 1.3" in run.out
    assert "warning [moodle-cc-version]" in run.out
    assert run.status == 1


def test_unknown_root_element(tmp_path, inspect_sandboxed):
    files = {**scorm12_files(), "imsmanifest.xml": b'<?xml version="1.0"?>\n<course/>\n'}
    run = inspect_sandboxed(write_package(tmp_path / "odd.zip", files))
    assert run.status == 1
    assert "imsmanifest.xml:2: error [unknown-format] the root element is <course>" in run.out


def test_an_aicc_course_is_not_checked(tmp_path, inspect_sandboxed):
    files = {"course.crs": b"[Course]\n", "course.au": b"", "course.cst": b"", "course.des": b"", "index.html": b""}
    run = inspect_sandboxed(write_package(tmp_path / "aicc.zip", files))
    assert run.status == 2
    assert "fatal [aicc-package] this looks like an AICC course ('course.au')" in run.out
