"""Deterministic, safe zips: course_builder/packaging.py."""
from __future__ import annotations

import io
import zipfile

import pytest

from course_builder.packaging import UnsafeEntry, is_junk, junk_folder, zip_bytes


def test_same_files_in_any_order_give_the_same_bytes():
    files = {"b/x.js": b"x", "a.html": "æøå".encode(), "imsmanifest.xml": b"<m/>"}
    assert zip_bytes(files) == zip_bytes(dict(reversed(list(files.items()))))
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as archive:
        assert archive.namelist() == ["a.html", "b/x.js", "imsmanifest.xml"]
        assert archive.read("a.html") == "æøå".encode()


def test_non_ascii_names_are_marked_as_utf8():
    with zipfile.ZipFile(io.BytesIO(zip_bytes({"billeder/værdier.png": b"png"}))) as archive:
        info = archive.infolist()[0]
    assert info.filename == "billeder/værdier.png" and info.flag_bits & 0x800


@pytest.mark.parametrize("name", ["/etc/passwd", "../x", "a/../../x", "a//b", "./a", "C:/x", "a\\b", "", "a/"])
def test_names_outside_the_package_root_are_refused(name):
    with pytest.raises(UnsafeEntry, match="unsafe zip entry"):
        zip_bytes({name: b"x"})


@pytest.mark.parametrize("name", [".DS_Store", "player/.DS_Store", "__MACOSX/player/._a.js", "a.js~", "player/.a.js.swp",
                                  "#a.js#", "a.js.bak", "a.orig", "Thumbs.db", "desktop.ini", ".git/config", "x/.hidden",
                                  "media/._a.png", ".#a.js", ".localized", "Icon\r", "a.js.swx", "a.rej", "a.tmp",
                                  "EHTHUMBS.DB", ".idea/workspace.xml", "x/.hg/store/data", ".fseventsd/fseventsd-uuid",
                                  ".github/workflows/ci.yml", ".htaccess", "win\\.svn\\entries", "__MACOSX/"])
def test_junk(name):
    assert is_junk(name)


@pytest.mark.parametrize("name", ["player/player.js", "intro/index.html", "billede.png", "a.b.c", "snapshot-tmp.css",
                                  "a/./b.js", "media/", "icon.png", "tmp/a.js", "a#b.js"])
def test_not_junk(name):
    assert not is_junk(name)


@pytest.mark.parametrize(("name", "folder"), [
    ("__MACOSX/media/._a.png", "__MACOSX/"), ("a/.git/objects/x", "a/.git/"), (".git/", ".git/"),
    ("win\\.svn\\entries", "win/.svn/"), ("media/.DS_Store", None), ("media/a.png", None),
])
def test_a_junk_folder_is_named_by_its_outermost_junk_folder(name, folder):
    """inspect reports a junk folder once, however many entries it holds."""
    assert junk_folder(name) == folder


def zipfile_bytes(files: dict[str, bytes]) -> bytes:
    """What the standard library writes for the same entries (the writer zip_bytes replaced)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


@pytest.mark.parametrize("files", [
    {},
    {"empty.txt": b""},
    {"a.html": "æøå".encode() * 500, "billeder/værdier.png": bytes(range(256)) * 40, "b/x.js": b"x"},
    {f"m{n}/index.html": (f"<p>{n}</p>" * (n * 300)).encode() for n in range(1, 12)},
])
def test_zips_are_byte_for_byte_what_zipfile_writes(files):
    assert zip_bytes(files) == zipfile_bytes(files)


def test_entries_compressed_once_give_the_same_zips():
    from course_builder.packaging import Deflated

    page, script = ("<main>" + "tekst " * 3000 + "</main>").encode(), b"function go() {}\n" * 200
    deflated = Deflated()
    first = zip_bytes({"m1/index.html": page, "player/a.js": script}, deflated)
    again = zip_bytes({"m1/index.html": page, "player/a.js": script, "imsmanifest.xml": b"<m/>"}, deflated)
    assert first == zipfile_bytes({"m1/index.html": page, "player/a.js": script})
    assert again == zipfile_bytes({"m1/index.html": page, "player/a.js": script, "imsmanifest.xml": b"<m/>"})
    assert len(deflated._entries) == 3
