"""Moodle's file records: what files.xml lists and what the backup's files/ pool holds.

Moodle stores a file area as rows of (context, component, file area, item, path, name) and keeps
one row named "." for each folder, the root included; content lives once per SHA-1 in the pool.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

# Moodle's own names for the types a course package holds (core_filetypes); the rest is unknown.
MIMETYPES = {
    "css": "text/css",
    "gif": "image/gif",
    "htm": "text/html",
    "html": "text/html",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "js": "application/x-javascript",
    "json": "application/json",
    "mp3": "audio/mp3",
    "mp4": "video/mp4",
    "pdf": "application/pdf",
    "png": "image/png",
    "svg": "image/svg+xml",
    "txt": "text/plain",
    "webp": "image/webp",
    "woff": "application/font-woff",
    "woff2": "font/woff2",
    "xml": "application/xml",
    "xsd": "application/xml",
    "zip": "application/zip",
}
UNKNOWN_MIMETYPE = "document/unknown"


@dataclass(frozen=True)
class FileArea:
    contextid: int
    component: str
    filearea: str
    itemid: int = 0


@dataclass(frozen=True)
class FileRecord:
    id: int
    area: FileArea
    filepath: str  # "/" or "/folder/sub/"
    filename: str  # "." for a folder
    contenthash: str
    filesize: int

    @property
    def is_folder(self) -> bool:
        return self.filename == "."

    @property
    def mimetype(self) -> str | None:
        if self.is_folder:
            return None
        return MIMETYPES.get(PurePosixPath(self.filename).suffix.lower().lstrip("."), UNKNOWN_MIMETYPE)


class FilePool:
    """Hands out file ids in order and keeps each content once, by SHA-1."""

    def __init__(self) -> None:
        self.records: list[FileRecord] = []
        self.contents: dict[str, bytes] = {}

    def add_area(self, area: FileArea, files: dict[str, bytes]) -> list[FileRecord]:
        """The rows of one file area: the folders first, then every file, each sorted by path."""
        added = [self._add(area, folder, ".", b"") for folder in _folders(files)]
        for path in sorted(files):
            folder, _, name = path.rpartition("/")
            added.append(self._add(area, f"/{folder}/" if folder else "/", name, files[path]))
        return added

    def pool_files(self) -> dict[str, bytes]:
        """files/<first two hex digits>/<sha1> → content, as Moodle's backup lays out its pool."""
        return {f"files/{sha1[:2]}/{sha1}": data for sha1, data in sorted(self.contents.items())}

    def _add(self, area: FileArea, filepath: str, filename: str, data: bytes) -> FileRecord:
        sha1 = hashlib.sha1(data).hexdigest()
        if filename != ".":
            self.contents[sha1] = data
        record = FileRecord(len(self.records) + 1, area, filepath, filename, sha1, len(data))
        self.records.append(record)
        return record


def _folders(files: dict[str, bytes]) -> list[str]:
    """"/" and every folder the files are in, as Moodle's filepath: "/a/", "/a/b/"."""
    return sorted({"/"} | {f"/{path[:end + 1]}" for path in files for end, char in enumerate(path) if char == "/"})
