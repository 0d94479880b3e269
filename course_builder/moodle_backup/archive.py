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
from pathlib import Path
from typing import Iterator

ARCHIVE_INDEX = ".ARCHIVE_INDEX"
INDEX_PREFIX = "Moodle archive file index. Count: "
FIXED_MTIME = 1356998400  # what Moodle's tgz_packer writes when a time is unknown (DEFAULT_TIMESTAMP)


def write_mbz(path: Path, files: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(mbz_bytes(files))


def mbz_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as compressed:
        for chunk in _in_chunks(_archive_pieces(files)):
            compressed.write(chunk)
    return buffer.getvalue()


def _archive_pieces(files: dict[str, bytes]) -> Iterator[bytes]:
    """The ustar archive's bytes: the index, each entry's header and data (padded to whole blocks), the end."""
    entries = _entries(files)
    written = 0
    for path, data in [(ARCHIVE_INDEX, _index(entries, files).encode("ascii"))] + [
            (path, None if path.endswith("/") else files[path]) for path in entries]:
        for piece in (ustar_header(path, data), data or b"", NUL * (-len(data or b"") % BLOCK)):
            written += len(piece)
            yield piece
    end = NUL * (2 * BLOCK)  # the end of the archive, padded to whole records
    yield end + NUL * (-(written + len(end)) % RECORD)


def _in_chunks(pieces: Iterator[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """The pieces joined into chunks of about `size` bytes: zlib gives the same stream for any split, and a
    few large writes let go of the GIL for longer than thousands of small ones."""
    chunk: list[bytes] = []
    length = 0
    for piece in pieces:
        chunk.append(piece)
        length += len(piece)
        if length >= size:
            yield b"".join(chunk)
            chunk, length = [], 0
    yield b"".join(chunk)


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
