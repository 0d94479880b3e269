"""Reading a zip that may be hostile: entries are read into memory, bounded, and never written anywhere.

Every entry name is checked before anything is read (traversal, absolute paths, symlinks, duplicates),
and the archive as a whole before any entry is decompressed (entry count, total size, compression ratio,
entries sharing compressed data). Reads stop at the declared size, which the limits already bound.
"""
from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from course_builder.inspect.findings import Finding, error, fatal, warning
from course_builder.packaging import is_junk_file, junk_folder

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_entries: int = 20_000
    max_total_size: int = 1024 * MiB    # sum of the declared uncompressed sizes
    max_entry_size: int = 512 * MiB
    max_ratio: int = 200                # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 1 * MiB          # small entries may compress as well as they like
    max_manifest_size: int = 16 * MiB
    max_scan_size: int = 8 * MiB        # HTML, CSS and JavaScript larger than this are not scanned


@dataclass
class PackageZip:
    """An opened package: the file entries by name, and a bounded reader."""

    path: Path
    archive: zipfile.ZipFile
    limits: Limits
    files: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # file entries, not folders
    total_size: int = 0

    def read(self, name: str, max_bytes: int) -> bytes | Finding:
        info = self.files[name]
        if info.file_size > max_bytes:
            return error("entry-too-large", f"{info.file_size} bytes, more than the {max_bytes} inspect reads", name)
        try:
            with self.archive.open(info) as stream:
                data = stream.read(max_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError,
                ValueError) as exc:
            return error("corrupt-entry", f"cannot be read from the zip: {exc}", name)
        if len(data) > max_bytes:
            return error("entry-too-large", f"more than the {max_bytes} bytes inspect reads", name)
        return data

    def close(self) -> None:
        self.archive.close()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


def open_package(path: Path, limits: Limits) -> tuple[PackageZip | None, list[Finding]]:
    """The opened package (None when unusable) and what was found about the archive itself."""
    shown = str(path)
    if not path.exists():
        return None, [fatal("not-found", f"{shown} does not exist")]
    if not path.is_file():
        return None, [fatal("not-a-file", f"{shown} is not a file")]
    if path.stat().st_size > limits.max_total_size:
        return None, [fatal("zip-bomb", f"{shown} is {path.stat().st_size} bytes, more than the limit of "
                                        f"{limits.max_total_size} for all its contents")]
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
        return None, [fatal("not-a-zip", f"{shown} is not a readable zip file ({exc})")]
    infos = archive.infolist()
    findings = _archive_findings(archive, infos, limits)
    package = PackageZip(path, archive, limits)
    for info in infos:
        findings += entry_name_findings(info)
        if info.filename and not info.filename.endswith("/"):  # ZipInfo.is_dir() fails on an empty name
            package.files.setdefault(info.filename, info)
    findings += _duplicate_findings(infos) + _junk_findings(infos)
    package.total_size = sum(info.file_size for info in infos)
    return package, findings


def _archive_findings(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> list[Finding]:
    if len(infos) > limits.max_entries:
        return [fatal("too-many-entries", f"{len(infos)} entries, more than the limit of {limits.max_entries}")]
    findings = []
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_size:
        findings.append(
            fatal("zip-bomb", f"declares {total} bytes uncompressed, more than the limit of {limits.max_total_size}")
        )
    for info in infos:
        findings += _bomb_findings(info, limits)
        if info.flag_bits & 0x1:
            findings.append(fatal("encrypted-entry", "is encrypted; a course package must not be", info.filename))
        elif info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            findings.append(
                error("compression", f"uses compression method {info.compress_type}; LMSs expect deflate or stored",
                      info.filename)
            )
    findings += _overlap_findings(archive, infos)
    return findings


def _bomb_findings(info: zipfile.ZipInfo, limits: Limits) -> list[Finding]:
    if info.file_size > limits.max_entry_size:
        return [fatal("zip-bomb", f"declares {info.file_size} bytes, more than the limit of {limits.max_entry_size}",
                      info.filename)]
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
        return [fatal("zip-bomb", f"compression ratio {ratio:.0f}:1 is above the limit of {limits.max_ratio}:1",
                      info.filename)]
    return []


def _overlap_findings(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[Finding]:
    """Entries whose data overlap share compressed bytes: the trick of the non-recursive zip bombs."""
    ordered = sorted(infos, key=lambda info: info.header_offset)
    ends = [info.header_offset for info in ordered[1:]] + [getattr(archive, "start_dir", None)]
    for info, next_start in zip(ordered, ends):
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        name_length = len(info.orig_filename.encode(encoding, "replace"))
        minimal_end = info.header_offset + 30 + name_length + info.compress_size
        if next_start is not None and next_start < minimal_end:
            return [fatal("overlapping-entries", "entries share compressed data (a zip bomb construction)",
                          info.filename)]
    return []


def entry_name_findings(info: zipfile.ZipInfo) -> list[Finding]:
    name = info.filename
    mode = info.external_attr >> 16
    if not name or _CONTROL.search(info.orig_filename):
        return [fatal("bad-entry-name", f"entry name {name!r} contains control characters")]
    if stat.S_ISLNK(mode):
        return [fatal("symlink", "is a symbolic link; a package must hold only files and folders", name)]
    segments = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return [fatal("absolute-path", "has an absolute path; it would be written outside the package folder", name)]
    if ".." in segments:
        return [fatal("zip-slip", "climbs out of the package folder with '..'", name)]
    findings = []
    if "\\" in name:
        findings.append(error("backslash-path", "uses backslashes; zip entry paths use '/'", name))
    if "." in segments or "" in segments[:-1]:
        findings.append(error("odd-path", "has '.' or empty path segments", name))
    if not info.flag_bits & 0x800 and not name.isascii():
        findings.append(warning("name-encoding", "has a non-ASCII name not marked as UTF-8; LMSs may garble it",
                                name))
    return findings


def _junk_findings(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    """One finding per junk file, and one per junk folder however many entries it holds."""
    findings = []
    folders: dict[str, int] = {}
    for info in infos:
        folder = junk_folder(info.filename)
        if folder is not None:
            folders[folder] = folders.get(folder, 0) + 1
        elif is_junk_file(info.filename):
            findings.append(error("junk-entry", "is editor or operating system junk; leave it out of the package",
                                  info.filename))
    for folder, count in folders.items():
        entries = f" ({count} entries)" if count > 1 else ""
        findings.append(error("junk-entry", f"is an editor or operating system folder{entries}; leave it out of "
                                            "the package", folder))
    return findings


def _duplicate_findings(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    findings = []
    seen: set[str] = set()
    folded: dict[str, str] = {}
    for info in infos:
        name = info.filename
        if name in seen:
            findings.append(fatal("duplicate-entry", "appears twice; which copy an LMS unpacks is undefined", name))
            continue
        seen.add(name)
        key = name.rstrip("/").casefold()
        if key in folded and folded[key] != name:
            findings.append(warning("case-collision", f"differs from {folded[key]!r} only in case; the two collide "
                                                      "on Windows and macOS", name))
        folded.setdefault(key, name)
    return findings
