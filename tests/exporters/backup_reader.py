"""Reading a Moodle course backup (.mbz) the way Moodle's restore does, for the tests."""
from __future__ import annotations

import gzip
import io
import json
import tarfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

NULL = "$@NULL@$"


@dataclass
class MoodleBackup:
    files: dict[str, bytes]  # archive path → content (folders left out)
    members: list[tarfile.TarInfo]

    @classmethod
    def read(cls, data: bytes) -> "MoodleBackup":
        with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data)), mode="r:") as archive:
            members = archive.getmembers()
            files = {m.name: archive.extractfile(m).read() for m in members if m.isfile()}
        return cls(files, members)

    @classmethod
    def unpacked(cls, folder: Path) -> "MoodleBackup":
        """A backup already unpacked into a folder (the reference)."""
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
        return cls(files, [])

    def xml(self, path: str) -> etree._Element:
        return etree.fromstring(self.files[path])

    @cached_property
    def info(self) -> etree._Element:
        return self.xml("moodle_backup.xml").find("information")

    @property
    def activities(self) -> list[dict[str, str]]:
        return [{child.tag: child.text or "" for child in a} for a in self.info.iterfind("contents/activities/activity")]

    @property
    def sections(self) -> list[dict[str, str]]:
        return [{child.tag: child.text or "" for child in s} for s in self.info.iterfind("contents/sections/section")]

    def activity_dirs(self, modulename: str | None = None) -> list[str]:
        return [a["directory"] for a in self.activities if modulename in (None, a["modulename"])]

    def section_xml(self, directory: str) -> etree._Element:
        return self.xml(f"{directory}/section.xml")

    def availability(self, directory: str) -> dict | None:
        text = self.section_xml(directory).findtext("availabilityjson")
        return None if text == NULL else json.loads(text)

    def module(self, directory: str) -> etree._Element:
        return self.xml(f"{directory}/module.xml")

    def grade_item(self, directory: str) -> etree._Element:
        return self.xml(f"{directory}/grades.xml").find("grade_items/grade_item")

    @cached_property
    def file_records(self) -> dict[str, etree._Element]:
        return {f.get("id"): f for f in self.xml("files.xml").iterfind("file")}

    def area_files(self, directory: str, filearea: str) -> dict[str, bytes]:
        """The files (not folders) of one file area of an activity, by path, with their pooled content."""
        contextid = self.xml(f"{directory}/{directory.split('/')[1].split('_')[0]}.xml").get("contextid")
        found = {}
        for record in self.file_records.values():
            if record.findtext("contextid") == contextid and record.findtext("filearea") == filearea \
                    and record.findtext("filename") != ".":
                path = record.findtext("filepath").lstrip("/") + record.findtext("filename")
                found[path] = self.pooled(record.findtext("contenthash"))
        return found

    def pooled(self, sha1: str) -> bytes:
        return self.files[f"files/{sha1[:2]}/{sha1}"]

    @cached_property
    def questions(self) -> etree._Element:
        return self.xml("questions.xml")

    def bank_entries(self) -> dict[str, etree._Element]:
        return {e.get("id"): e for e in self.questions.iter("question_bank_entry")}


def element_paths(element: etree._Element) -> set[str]:
    """Every element (and attribute) path below element: its shape, whatever the values and counts."""
    paths: set[str] = set()

    def walk(node: etree._Element, prefix: str) -> None:
        path = f"{prefix}/{node.tag}"
        paths.add(path)
        paths.update(f"{path}@{name}" for name in node.attrib)
        for child in node:
            if isinstance(child.tag, str):
                walk(child, path)

    walk(element, "")
    return paths
