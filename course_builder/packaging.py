"""Deterministic files and zips, and the atomic swap of a finished build into dist/."""
from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16

# Operating-system and editor leftovers that must never reach a package.
JUNK_NAMES = {"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}
JUNK_FOLDERS = {"__macosx"}
JUNK_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".swx", ".tmp", ".orig", ".rej")


def is_junk(relative: str) -> bool:
    """Hidden files (.DS_Store, .git/…), __MACOSX/ and editor backups (x~, .x.swp, #x#, x.bak)."""
    parts = PurePosixPath(relative).parts
    if any(part.startswith(".") or part.lower() in JUNK_FOLDERS for part in parts):
        return True
    name = parts[-1].lower() if parts else ""
    return name in JUNK_NAMES or name.endswith(JUNK_SUFFIXES) or (name.startswith("#") and name.endswith("#"))


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


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of files (path → bytes): sorted entries, fixed dates and permissions, no folders.

    Raises UnsafeEntry for a name outside the package root (absolute, `..`, a drive, a backslash).
    Package exporters leave junk out before they write the manifest (see is_junk), so that the manifest
    lists exactly the files of the zip.
    """
    for name in files:
        check_entry_name(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.external_attr = FILE_MODE
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(files))


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
