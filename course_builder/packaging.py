"""Deterministic files and zips, and the atomic swap of a finished build into dist/."""
from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

MANIFEST_NAME = "imsmanifest.xml"  # at the root of every package (written by manifest.py, read by manifest_reader.py)
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16

# Files that are never course content, in a package we write or one `inspect` reads (one policy for both):
# - every hidden file and folder: .DS_Store, ._x (AppleDouble forks), .localized, .git/, .svn/, .idea/,
#   .vscode/, .x.swp (Vim swap), .#x (Emacs locks); a web server refuses most of them anyway,
# - __MACOSX/ (the Finder's forks of a zip), Windows' Thumbs.db, ehthumbs.db, desktop.ini, the Mac's "Icon\r",
# - editor backups and merge leftovers: x~, #x#, x.bak, x.swp, x.swo, x.swx, x.tmp, x.orig, x.rej.
JUNK_FOLDERS = {"__macosx"}
JUNK_NAMES = {"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}
JUNK_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".swx", ".tmp", ".orig", ".rej")
PATH_SEPARATORS = re.compile(r"[\\/]")  # zips written on Windows may use backslashes


def is_junk(path: str) -> bool:
    return junk_folder(path) is not None or is_junk_file(path)


def junk_folder(path: str) -> str | None:
    """The outermost junk folder the path is in (or is, when it ends in '/'), like '__MACOSX/'; None if none."""
    segments = PATH_SEPARATORS.split(path)
    for index, segment in enumerate(segments if path.endswith("/") else segments[:-1]):
        if _is_junk_folder(segment):
            return "/".join(segments[:index + 1]) + "/"
    return None


def is_junk_file(path: str) -> bool:
    """Whether the file's own name is junk (its folders aside)."""
    if path.endswith("/"):
        return False
    name = PATH_SEPARATORS.split(path.lower())[-1]
    return (_is_junk_folder(name) or name in JUNK_NAMES or name.endswith(JUNK_SUFFIXES)
            or (name.startswith("#") and name.endswith("#")))


def _is_junk_folder(name: str) -> bool:
    return (name.startswith(".") and name not in (".", "..")) or name.lower() in JUNK_FOLDERS


class UnsafeEntry(ValueError):
    """A zip entry name that would land outside the package root or is not a plain relative path."""


def check_entry_name(name: str) -> None:
    parts = name.split("/")
    if not name or "\\" in name or name.startswith("/") or ":" in parts[0] or any(p in ("", ".", "..") for p in parts):
        raise UnsafeEntry(f"unsafe zip entry name {name!r}: entries must be plain relative paths inside the package")


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for relative, data in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class Deflated:
    """Zip entries compressed once per build, by content: a module's page goes into five packages and the
    player's scripts into every one. Deflate gives the same bytes for the same data, so the zips stay the same."""

    def __init__(self):
        self._entries: dict[bytes, tuple[int, bytes]] = {}  # SHA-256 of the data → its CRC-32 and raw deflate

    def entry(self, data: bytes) -> tuple[int, bytes]:
        key = hashlib.sha256(data).digest()
        if key not in self._entries:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # as zipfile's ZIP_DEFLATED at compresslevel=9
            self._entries[key] = zlib.crc32(data), compressor.compress(data) + compressor.flush()
        return self._entries[key]


# The records zipfile writes for these entries (its struct formats), field for field: deflated, version 2.0,
# made on Unix, the fixed date, no extra fields or comments.
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_RECORD = struct.Struct("<4s4H2LH")
ZIP_VERSION, UNIX, DEFLATE = 20, 3, 8
DOS_TIME, DOS_DATE = 0, (FIXED_DATE[0] - 1980) << 9 | FIXED_DATE[1] << 5 | FIXED_DATE[2]
UTF8_NAME = 0x800
ZIP64_SAFE = (1 << 30, 0xFFFF)  # bytes in, entries: below both a zip needs none of ZIP64's records


def zip_bytes(files: dict[str, bytes], deflated: Deflated | None = None) -> bytes:
    """A zip of files (path → bytes): sorted entries, fixed dates and permissions, no folders; the same bytes
    zipfile writes (ZIP_DEFLATED, compresslevel=9). `deflated`: entries the build compressed already.

    Raises UnsafeEntry for a name outside the package root (absolute, `..`, a drive, a backslash).
    Package exporters leave junk out before they write the manifest (see is_junk), so that the manifest
    lists exactly the files of the zip.
    """
    for name in files:
        check_entry_name(name)
    if sum(len(data) for data in files.values()) >= ZIP64_SAFE[0] or len(files) >= ZIP64_SAFE[1]:
        return _zip64_bytes(files)
    deflated = deflated or Deflated()
    entries, directory = bytearray(), bytearray()
    for name in sorted(files):
        data = files[name]
        crc, compressed = deflated.entry(data)
        encoded, flags = (name.encode("utf-8"), UTF8_NAME) if not name.isascii() else (name.encode("ascii"), 0)
        fields = (flags, DEFLATE, DOS_TIME, DOS_DATE, crc, len(compressed), len(data), len(encoded), 0)
        directory += CENTRAL_HEADER.pack(b"PK\x01\x02", ZIP_VERSION, UNIX, ZIP_VERSION, 0, *fields, 0, 0, 0,
                                         FILE_MODE, len(entries)) + encoded
        entries += LOCAL_HEADER.pack(b"PK\x03\x04", ZIP_VERSION, 0, *fields) + encoded + compressed
    end = END_RECORD.pack(b"PK\x05\x06", 0, 0, len(files), len(files), len(directory), len(entries), 0)
    return bytes(entries + directory + end)


def _zip64_bytes(files: dict[str, bytes]) -> bytes:
    """zip_bytes for a zip too large for plain records: zipfile writes it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.external_attr = FILE_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def write_zip(path: Path, files: dict[str, bytes], deflated: Deflated | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(files, deflated))


def new_staging(out: Path) -> Path:
    """A staging folder beside out, so the final rename stays on one file system."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".build-staging-", dir=out.parent))


def publish(staging: Path, out: Path, formats: list[str]) -> None:
    """Swaps each format's finished folder into out; other formats' outputs stay as they were."""
    out.mkdir(parents=True, exist_ok=True)
    for name in formats:
        built, target = staging / name, out / name
        old = staging / f".old-{name}"
        if target.exists():
            os.replace(target, old)
        os.replace(built, target)
    shutil.rmtree(staging, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
