"""The .mbz: a gzip-compressed POSIX ustar archive, as Moodle's own tgz_packer writes it.

Moodle's reader (lib/filestorage/tgz_extractor.php) knows plain ustar headers only (a PAX header would
come out as a file), and Moodle writes a `.ARCHIVE_INDEX` first that lists every entry; both are
followed here. Entries are sorted, with fixed times, owners and modes, and the gzip header has no
time or name, so the same files always give the same bytes.
"""
from __future__ import annotations

import gzip
import io
import tarfile

ARCHIVE_INDEX = ".ARCHIVE_INDEX"
INDEX_PREFIX = "Moodle archive file index. Count: "
FIXED_MTIME = 1356998400  # what Moodle's tgz_packer writes when a time is unknown (DEFAULT_TIMESTAMP)


def mbz_bytes(files: dict[str, bytes]) -> bytes:
    entries = _entries(files)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as compressed:
        written = 0
        for path, data in [(ARCHIVE_INDEX, _index(entries, files).encode("ascii"))] + [
                (path, None if path.endswith("/") else files[path]) for path in entries]:
            written += compressed.write(ustar_header(path, data))
            if data:
                written += compressed.write(data) + compressed.write(NUL * (-len(data) % BLOCK))
        written += compressed.write(NUL * (2 * BLOCK))  # the end of the archive, padded to whole records
        compressed.write(NUL * (-written % RECORD))
    return buffer.getvalue()


# The ustar header tarfile writes (USTAR_FORMAT) for these entries: a file (data) or a folder (None), fixed
# time, owner 0 without names; a name longer than 100 bytes split at a "/" into prefix and name.
BLOCK, RECORD = tarfile.BLOCKSIZE, tarfile.RECORDSIZE
NUL = b"\0"
NAME, PREFIX = 100, 155


def ustar_header(path: str, data: bytes | None) -> bytes:
    prefix, name = _split_name(path.encode("utf-8", "surrogateescape"))
    header = b"".join([
        name.ljust(NAME, NUL), b"%07o\0" % (0o755 if data is None else 0o644), b"0000000\0" * 2,
        b"%011o\0" % len(data or b""), b"%011o\0" % FIXED_MTIME, b" " * 8,
        tarfile.DIRTYPE if data is None else tarfile.REGTYPE, NUL * NAME, tarfile.POSIX_MAGIC, NUL * 80,
        prefix.ljust(PREFIX, NUL),
    ]).ljust(BLOCK, NUL)
    return header[:148] + b"%06o\0" % sum(header) + header[155:]  # the checksum, its own field as spaces


def _split_name(name: bytes) -> tuple[bytes, bytes]:
    if len(name) <= NAME:
        return b"", name
    parts = name.split(b"/")
    for at in range(1, len(parts)):
        prefix, rest = b"/".join(parts[:at]), b"/".join(parts[at:])
        if len(prefix) <= PREFIX and len(rest) <= NAME:
            return prefix, rest
    raise ValueError(f"name is too long for a ustar archive: {name!r}")


def _entries(files: dict[str, bytes]) -> list[str]:
    """Every file and every folder (as "folder/"), sorted so a folder comes before what it holds."""
    folders = {path[:end + 1] for path in files for end, char in enumerate(path) if char == "/"}
    return sorted(set(files) | folders)


def _index(entries: list[str], files: dict[str, bytes]) -> str:
    lines = [f"{INDEX_PREFIX}{len(entries)}"]
    for path in entries:
        if path.endswith("/"):
            lines.append(f"{path}\td\t0\t?")
        else:
            lines.append(f"{path}\tf\t{len(files[path])}\t?")
    return "\n".join(lines) + "\n"
