"""The floor: the same files and zips a build writes, written with the standard library alone.

`collect(dist, input_file)` (setup, not timed) reads a finished build: every plain file, and every
entry of every zip (name, bytes, date, permissions, compression and its level) or tar. Then

    python bench/floor.py INPUT OUT_DIR

run as a fresh process like the build, writes them again: plain files with write_bytes, zips with
zipfile, tars with tarfile. No course-builder code, no templates, no XML: what is left is the
irreducible cost of starting Python, compressing and writing. The benchmark checks that the
floor's output is byte-identical to the build's, so both really do the same I/O.
"""
from __future__ import annotations

import io
import os
import pickle
import sys
import zipfile

PLAIN, ZIP, TAR = "plain", "zip", "tar"


def main(argv: list[str]) -> int:
    input_file, out = argv
    with open(input_file, "rb") as file:
        outputs = pickle.load(file)
    for relative, kind, payload in outputs:
        target = os.path.join(out, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if kind == PLAIN:
            with open(target, "wb") as file:
                file.write(payload)
        elif kind == ZIP:
            write_zip(target, payload)
        else:
            write_tar(target, payload)
    return 0


def write_zip(target: str, entries: list) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for fields, level, data in entries:
            info = zipfile.ZipInfo(fields["filename"], date_time=fields["date_time"])
            for name, value in fields.items():
                setattr(info, name, value)
            archive.writestr(info, data, compresslevel=level)
    with open(target, "wb") as file:
        file.write(buffer.getvalue())


def write_tar(target: str, payload: tuple) -> None:
    import gzip
    import tarfile

    level, gzip_name, members = payload
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for fields, data in members:
            info = tarfile.TarInfo(fields["name"])
            for name, value in fields.items():
                setattr(info, name, value)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    with open(target, "wb") as file:
        if level is None:
            file.write(buffer.getvalue())
        else:
            with gzip.GzipFile(filename=gzip_name, mode="wb", fileobj=file, compresslevel=level, mtime=0) as packed:
                packed.write(buffer.getvalue())


# --- setup: read a finished build (not timed) --------------------------------------------------

ZIP_FIELDS = ("filename", "date_time", "compress_type", "comment", "extra", "create_system", "create_version",
              "extract_version", "flag_bits", "volume", "internal_attr", "external_attr")
TAR_FIELDS = ("name", "mode", "uid", "gid", "size", "mtime", "type", "linkname", "uname", "gname", "pax_headers")


def collect(dist: str, input_file: str) -> int:
    """Writes the floor's input for the build in dist; returns the number of files."""
    shared: dict[bytes, bytes] = {}  # one object per distinct content, so pickle stores it once

    def same(data: bytes) -> bytes:
        return shared.setdefault(data, data)

    outputs = []
    for root, folders, files in os.walk(dist):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, dist)
            outputs.append((relative, *_read_output(path, same)))
    with open(input_file, "wb") as file:
        pickle.dump(outputs, file, protocol=pickle.HIGHEST_PROTOCOL)
    return len(outputs)


def _read_output(path: str, same) -> tuple[str, object]:
    import tarfile

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            entries = []
            for info in archive.infolist():
                data = archive.read(info)
                fields = {name: getattr(info, name) for name in ZIP_FIELDS}
                entries.append((fields, _deflate_level(info, data), same(data)))
        return ZIP, entries
    if tarfile.is_tarfile(path):
        return TAR, _read_tar(path, same)
    with open(path, "rb") as file:
        return PLAIN, same(file.read())


def _deflate_level(info: zipfile.ZipInfo, data: bytes) -> int | None:
    """The zlib level that gives the entry's stored compressed size (9, then 6, then the others)."""
    import zlib

    if info.compress_type != zipfile.ZIP_DEFLATED:
        return None
    for level in (9, 6, 1, 2, 3, 4, 5, 7, 8):
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        if len(packer.compress(data) + packer.flush()) == info.compress_size:
            return level
    return 9


def _read_tar(path: str, same) -> tuple:
    import tarfile

    with open(path, "rb") as file:
        head = file.read(10)
    gzipped = head[:2] == b"\x1f\x8b"
    level = None
    gzip_name = ""
    if gzipped:
        level = {2: 9, 4: 1}.get(head[8], 6)  # the gzip header's XFL byte
        gzip_name = _gzip_name(path)
    members = []
    with tarfile.open(path) as archive:
        for info in archive.getmembers():
            data = archive.extractfile(info).read() if info.isfile() else None
            members.append(({name: getattr(info, name) for name in TAR_FIELDS}, same(data) if data is not None else None))
    return level, gzip_name, members


def _gzip_name(path: str) -> str:
    """The original file name stored in a gzip header (FNAME), or ''."""
    with open(path, "rb") as file:
        head = file.read(1024)
    if not head[3] & 0x08:
        return ""
    start = 10 + (2 + int.from_bytes(head[10:12], "little") if head[3] & 0x04 else 0)
    return head[start:head.index(b"\x00", start)].decode("latin-1")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
