"""Deterministic files and zips, and the atomic swap of a finished build into dist/."""
from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for relative, data in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of files (path → bytes): sorted entries, fixed dates and permissions, no folders."""
    import io

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
