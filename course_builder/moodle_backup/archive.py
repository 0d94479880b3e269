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
        with tarfile.open(fileobj=compressed, mode="w", format=tarfile.USTAR_FORMAT) as archive:
            _add(archive, ARCHIVE_INDEX, _index(entries, files).encode("ascii"))
            for path in entries:
                _add(archive, path, None if path.endswith("/") else files[path])
    return buffer.getvalue()


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


def _add(archive: tarfile.TarFile, path: str, data: bytes | None) -> None:
    info = tarfile.TarInfo(path)
    info.mtime = FIXED_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if data is None:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        archive.addfile(info)
    else:
        info.mode = 0o644
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
