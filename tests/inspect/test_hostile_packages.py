"""Hostile input: refused with a clear error and exit status 2, nothing written, nothing fetched."""
from __future__ import annotations

import random
import struct
import warnings
import zipfile

import pytest

from tests.inspect.packages import (
    SCORM12_MANIFEST, rename_entry, replace, scorm12_files, symlink_entry, write_package, write_raw_zip,
)

MiB = 1024 * 1024


def package_with(tmp_path, extra_entries):
    """The clean SCORM 1.2 package plus some raw entries."""
    entries = sorted(scorm12_files().items()) + extra_entries
    return write_raw_zip(tmp_path / "hostile.zip", entries)


def package_with_manifest(tmp_path, manifest: str):
    return write_package(tmp_path / "hostile.zip", scorm12_files(manifest))


def doctype(declarations: str) -> str:
    return replace(SCORM12_MANIFEST, '<?xml version="1.0" encoding="UTF-8"?>\n',
                   f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest [\n{declarations}\n]>\n')


def assert_refused(run, code: str, *expected_text: str):
    assert run.status == 2, run.out
    assert f"fatal [{code}]" in run.out
    for text in expected_text:
        assert text in run.out
    assert "Result: unusable input" in run.out


def test_zip_slip_entry(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [("../../inspect-zip-slip.txt", b"escaped")])
    run = inspect_sandboxed(package)
    assert_refused(run, "zip-slip", "../../inspect-zip-slip.txt: fatal")
    assert not (tmp_path.parent / "inspect-zip-slip.txt").exists()


def test_zip_slip_with_windows_separators(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [("media\\..\\..\\..\\inspect-zip-slip.txt", b"escaped")])
    assert_refused(inspect_sandboxed(package), "zip-slip")


@pytest.mark.parametrize("name", ["/{tmp}/inspect-absolute.txt", "C:/Windows/inspect-absolute.txt",
                                  "\\\\server\\share\\inspect-absolute.txt"])
def test_absolute_paths(tmp_path, inspect_sandboxed, name):
    name = name.format(tmp=str(tmp_path.parent).strip("/"))
    package = package_with(tmp_path, [(name, b"escaped")])
    assert_refused(inspect_sandboxed(package), "absolute-path")
    assert not (tmp_path.parent / "inspect-absolute.txt").exists()


def test_symlink_entry(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [symlink_entry("media/passwd", "/etc/passwd")])
    assert_refused(inspect_sandboxed(package), "symlink", "media/passwd: fatal [symlink]")


def test_zip_bomb_by_compression_ratio(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [("media/zeros.bin", bytes(16 * MiB))])
    assert_refused(inspect_sandboxed(package), "zip-bomb", "media/zeros.bin: fatal [zip-bomb] compression ratio")


def test_zip_bomb_by_total_size(tmp_path, inspect_sandboxed):
    noise = random.Random(1).randbytes(2 * MiB)  # incompressible: only the total size gives it away
    package = package_with(tmp_path, [("media/noise.bin", noise)])
    run = inspect_sandboxed(package, "--max-size", "1")
    assert_refused(run, "zip-bomb", "more than the limit of 1048576")


def test_zip_larger_than_the_limit_is_not_even_opened(tmp_path, inspect_sandboxed):
    package = tmp_path / "big.zip"
    package.write_bytes(random.Random(2).randbytes(MiB + 1))  # not a zip either: the size is checked first
    run = inspect_sandboxed(package, "--max-size", "1")
    assert_refused(run, "zip-bomb", "more than the limit of 1048576 for all its contents")


def test_entries_sharing_compressed_data(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [("media/a.bin", b"a" * 4096), ("media/b.bin", b"b" * 4096)])
    data = bytearray(package.read_bytes())
    records = [index for index in range(len(data)) if data[index:index + 4] == b"PK\x01\x02"]
    first_offset = struct.unpack_from("<I", data, records[-2] + 42)[0]
    struct.pack_into("<I", data, records[-1] + 42, first_offset)  # the last entry now reuses the one before
    package.write_bytes(bytes(data))
    assert_refused(inspect_sandboxed(package), "overlapping-entries")


def test_duplicate_entry_names(tmp_path, inspect_sandboxed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate we want
        package = package_with(tmp_path, [("index.html", b"<p>the other index</p>")])
    assert_refused(inspect_sandboxed(package), "duplicate-entry", "index.html: fatal [duplicate-entry]")


def test_encrypted_entry(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [("media/secret.bin", b"x" * 100)])
    data = bytearray(package.read_bytes())
    last_record = data.rindex(b"PK\x01\x02")
    struct.pack_into("<H", data, last_record + 8, struct.unpack_from("<H", data, last_record + 8)[0] | 1)
    package.write_bytes(bytes(data))
    assert_refused(inspect_sandboxed(package), "encrypted-entry")


def test_external_entity_reading_a_local_file(tmp_path, inspect_sandboxed):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    manifest = doctype(f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">')
    manifest = replace(manifest, "<title>Fundamentet</title>", "<title>&xxe;</title>")
    run = inspect_sandboxed(package_with_manifest(tmp_path, manifest))
    assert_refused(run, "entity-declaration", "imsmanifest.xml:3: fatal [entity-declaration]")
    assert "TOP-SECRET-VALUE" not in run.out + run.err


def test_external_entity_fetching_a_url(tmp_path, inspect_sandboxed, counting_server):
    manifest = doctype(f'<!ENTITY xxe SYSTEM "{counting_server.url}/xxe">')
    manifest = replace(manifest, "<title>Fundamentet</title>", "<title>&xxe;</title>")
    run = inspect_sandboxed(package_with_manifest(tmp_path, manifest))
    assert_refused(run, "entity-declaration")
    assert counting_server.requests == []


def test_external_parameter_entity(tmp_path, inspect_sandboxed, counting_server):
    manifest = doctype(f'<!ENTITY % remote SYSTEM "{counting_server.url}/remote.dtd">\n%remote;')
    run = inspect_sandboxed(package_with_manifest(tmp_path, manifest))
    assert_refused(run, "entity-declaration")
    assert counting_server.requests == []


def test_external_dtd(tmp_path, inspect_sandboxed, counting_server):
    manifest = replace(SCORM12_MANIFEST, '<?xml version="1.0" encoding="UTF-8"?>\n',
                       f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE manifest SYSTEM "{counting_server.url}/m.dtd">\n')
    run = inspect_sandboxed(package_with_manifest(tmp_path, manifest))
    assert_refused(run, "external-dtd", "imsmanifest.xml:2: fatal [external-dtd]")
    assert counting_server.requests == []


def test_billion_laughs(tmp_path, inspect_sandboxed):
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{"".join(f"&lol{n - 1};" for _ in range(10))}">' for n in range(1, 10)]
    manifest = doctype("\n".join(levels))
    manifest = replace(manifest, "<title>Fundamentet</title>", "<title>&lol9;</title>")
    manifest = replace(manifest, 'version="1.0.0"', 'version="&lol9;"')  # attributes expand even without NOENT
    run = inspect_sandboxed(package_with_manifest(tmp_path, manifest))
    assert_refused(run, "entity-declaration")
    assert "lollol" not in run.out


def test_utf16_manifest_with_entities_is_refused_too(tmp_path, inspect_sandboxed):
    manifest = doctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">')
    manifest = replace(manifest, 'encoding="UTF-8"', 'encoding="UTF-16"')
    files = scorm12_files()
    files["imsmanifest.xml"] = manifest.encode("utf-16")
    run = inspect_sandboxed(write_package(tmp_path / "utf16.zip", files))
    assert_refused(run, "entity-declaration")


def test_not_a_zip(tmp_path, inspect_sandboxed):
    package = tmp_path / "course.zip"
    package.write_text("this is not a zip", encoding="utf-8")
    assert_refused(inspect_sandboxed(package), "not-a-zip", "is not a readable zip file")


def test_empty_file(tmp_path, inspect_sandboxed):
    package = tmp_path / "empty.zip"
    package.write_bytes(b"")
    assert_refused(inspect_sandboxed(package), "not-a-zip")


def test_missing_file(tmp_path, inspect_sandboxed):
    assert_refused(inspect_sandboxed(tmp_path / "nowhere.zip"), "not-found", "nowhere.zip does not exist")


def test_a_folder_is_not_a_package(tmp_path, inspect_sandboxed):
    assert_refused(inspect_sandboxed(tmp_path), "not-a-file")


@pytest.mark.parametrize("name", ["media/evil\x1b[2J.txt", "\x00", "media/\x00.txt"])
def test_control_characters_in_names(tmp_path, inspect_sandboxed, name):
    # zipfile cuts names at NUL when writing, so the name is written with a stand-in and patched after.
    stand_in = name.replace("\x00", "@")
    package = package_with(tmp_path, [(stand_in, b"x")])
    rename_entry(package, stand_in, name)
    assert_refused(inspect_sandboxed(package), "bad-entry-name")


def test_hostile_entries_are_all_reported_at_once(tmp_path, inspect_sandboxed):
    package = package_with(tmp_path, [("../evil.txt", b"x"), symlink_entry("link", "/etc"), ("/abs.txt", b"x")])
    run = inspect_sandboxed(package)
    for code in ("zip-slip", "symlink", "absolute-path"):
        assert f"fatal [{code}]" in run.out
    assert run.status == 2
    assert "Version:" not in run.out  # the manifest of a hostile zip is not even read


def test_lying_sizes_are_caught_on_reading(tmp_path, inspect_sandboxed):
    """An entry that declares fewer bytes than it holds is cut at the declared size and fails its CRC."""
    files = scorm12_files()
    package = write_raw_zip(tmp_path / "lying.zip", sorted(files.items()), compression=zipfile.ZIP_STORED)
    data = bytearray(package.read_bytes())
    name = b"index.html"
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_offset = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_offset:name_offset + len(name)] == name:
                struct.pack_into("<I", data, start + size_offset, 10)  # uncompressed size: 10 bytes
            start += 4
    package.write_bytes(bytes(data))
    run = inspect_sandboxed(package)
    assert run.status == 1
    assert "index.html: error [corrupt-entry]" in run.out
