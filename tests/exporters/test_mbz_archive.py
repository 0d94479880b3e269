"""The .mbz archive: the ustar records archive.py writes are byte for byte those of the standard library's tarfile."""
from __future__ import annotations

import gzip
import io
import tarfile

import pytest

from course_builder.moodle_backup.archive import ARCHIVE_INDEX, FIXED_MTIME, _entries, _index, mbz_bytes


def tarfile_mbz(files: dict[str, bytes]) -> bytes:
    """The same archive written with tarfile (USTAR_FORMAT), as archive.py wrote it before."""
    entries = _entries(files)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as compressed:
        with tarfile.open(fileobj=compressed, mode="w", format=tarfile.USTAR_FORMAT) as archive:
            for path in [ARCHIVE_INDEX] + entries:
                info = tarfile.TarInfo(path)
                info.mtime, info.uid, info.gid, info.uname, info.gname = FIXED_MTIME, 0, 0, "", ""
                data = _index(entries, files).encode("ascii") if path == ARCHIVE_INDEX else files.get(path)
                if path.endswith("/"):
                    info.type, info.mode = tarfile.DIRTYPE, 0o755
                    archive.addfile(info)
                else:
                    info.mode, info.size = 0o644, len(data)
                    archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize("files", [
    {},
    {"empty.xml": b""},
    {"moodle_backup.xml": b"<moodle_backup/>" * 300, "files/ab/ab12": bytes(range(256)) * 9, "activities/scorm_3/scorm.xml": b"<a/>"},
    {f"{'mappe/' * 20}fil.xml": b"x" * 700, "billeder/v.png": b"\x89PNG" + b"\0" * 600},  # a name split at a "/"
])
def test_archives_are_byte_for_byte_what_tarfile_writes(files):
    assert mbz_bytes(files) == tarfile_mbz(files)


def test_a_name_no_split_can_hold_is_refused():
    with pytest.raises(ValueError, match="too long"):
        mbz_bytes({"x" * 101: b"data"})
