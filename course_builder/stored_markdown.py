"""The Markdown a course's last build converted, kept in the course's folder for its next build.

A rebuild after an edit converts again only the texts that changed: Markdown is a fifth of a large
build, and a small build whose texts are all stored does not even import it. The file belongs to the
course's builds (as .preview/ belongs to its previews) and is written only by a build that succeeded.
It is a cache, never a source: the installed Markdown (its files' size and time) and the converter's
settings are part of its key, a file that does not match or cannot be read is ignored, and one that
cannot be written is not. Its folder ignores itself in git.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from pathlib import Path

from course_builder.text import MARKDOWN_SETTINGS

FOLDER = ".build-cache"
FILE = "markdown.json"
IGNORE_ALL = "# made by course-builder's build: a cache, not content\n*\n"


def read_stored(course_root: Path) -> dict[str, str]:
    """Markdown text → HTML from the course's last build, or nothing when that is not known to be valid."""
    try:
        stored = json.loads((course_root / FOLDER / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("key") != _key() or not isinstance(stored.get("html"), dict):
        return {}
    return {text: html for text, html in stored["html"].items() if isinstance(html, str)}


def write_stored(course_root: Path, converted: dict[str, str], stored: dict[str, str]) -> None:
    """Keeps what this build converted (and nothing it did not use), unless that is what is stored already."""
    if converted == stored:
        return
    folder = course_root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(IGNORE_ALL, encoding="utf-8")
        _write_atomically(folder / FILE, json.dumps({"key": _key(), "html": converted}, ensure_ascii=False))
    except OSError:
        pass  # a read-only course folder: the next build converts again


def _key() -> str:
    """The installed Markdown's files and the converter's settings, found without importing Markdown."""
    spec = importlib.util.find_spec("markdown")
    origin = Path(spec.origin) if spec and spec.origin else None
    if origin is None:
        return ""
    files = [(path.name, path.stat()) for path in sorted(origin.parent.glob("*.py"))]
    found = [(name, stat.st_size, stat.st_mtime_ns) for name, stat in files]
    return hashlib.sha256(f"{origin.parent}|{found}|{MARKDOWN_SETTINGS}".encode()).hexdigest()


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
