"""Whatever the bytes, inspect returns a report with an exit status; it never raises."""
from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_builder.inspect import inspect_package
from course_builder.inspect.report import to_json, to_text
from tests.inspect.packages import SCORM12_MANIFEST, SCORM2004_MANIFEST, scorm12_files, write_package

# INSPECT_FUZZ_EXAMPLES=2000 for a longer search than the suite's default.
FAST = settings(max_examples=int(os.environ.get("INSPECT_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_reported(path):
    report = inspect_package(path)
    assert report.exit_status in (0, 1, 2)
    to_text(report)
    to_json(report)
    return report


@FAST
@given(st.binary(max_size=600))
def test_any_manifest_bytes(tmp_path, data):
    files = {**scorm12_files(), "imsmanifest.xml": data}
    assert_reported(write_package(tmp_path / "any.zip", files))


@FAST
@given(st.sampled_from([SCORM12_MANIFEST, SCORM2004_MANIFEST]), st.data())
def test_manifests_with_a_piece_cut_out(tmp_path, manifest, data):
    start = data.draw(st.integers(0, len(manifest) - 1))
    length = data.draw(st.integers(1, 40))
    files = {**scorm12_files(), "imsmanifest.xml": (manifest[:start] + manifest[start + length:]).encode("utf-8")}
    assert_reported(write_package(tmp_path / "cut.zip", files))


@FAST
@given(st.binary(max_size=600))
def test_any_page_bytes(tmp_path, data):
    files = {**scorm12_files(), "index.html": data, "player/player.css": data}
    assert_reported(write_package(tmp_path / "page.zip", files))


NAMES = st.one_of(st.text(min_size=1, max_size=30),
                  st.sampled_from(["imsmanifest.xml", "index.html", "../x", "/x", "a//b", "a\\..\\b", "./x", "x/"]))


@pytest.mark.filterwarnings("ignore:Duplicate name")
@FAST
@given(st.lists(NAMES, min_size=1, max_size=5))
def test_any_entry_names(tmp_path, names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(scorm12_files().items()):
            archive.writestr(name, data)
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), b"<p>x</p>")
    (tmp_path / "names.zip").write_bytes(buffer.getvalue())
    assert_reported(tmp_path / "names.zip")


@FAST
@given(st.binary(max_size=2000))
def test_any_file_bytes(tmp_path, data):
    (tmp_path / "bytes.zip").write_bytes(data)
    assert assert_reported(tmp_path / "bytes.zip").exit_status in (1, 2)


@FAST
@given(st.data())
def test_zips_with_corrupted_bytes(tmp_path, data):
    original = (write_package(tmp_path / "clean.zip", scorm12_files())).read_bytes()
    position = data.draw(st.integers(0, len(original) - 1))
    value = data.draw(st.integers(0, 255))
    corrupted = original[:position] + bytes([value]) + original[position + 1:]
    (tmp_path / "corrupted.zip").write_bytes(corrupted)
    assert_reported(tmp_path / "corrupted.zip")
