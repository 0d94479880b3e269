"""The module packages the preview launches, read as an LMS reads them: the SCO's launch address and
the values its manifest gives the run-time (SCORM 1.2 `adlcp:masteryscore`, SCORM 2004 the primary
objective's `imsss:minNormalizedMeasure` when it is satisfied by measure).

The preview serves a package's files from inside its zip (/course/scorm12/modules/01-intro.zip/…), so the
SCO runs exactly as the file HR uploads holds it, as Moodle unpacks it.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from course_builder.content.model import Course, Module
from course_builder.manifest import module_package_name
from course_builder.manifest_reader import MANIFEST_NAME, ManifestError, load_manifest

FORMATS = {"1.2": "scorm12", "2004": "scorm2004"}
COURSE_ROUTE = "/course/"


class PackageError(ValueError):
    """A module package the preview cannot launch (missing, or a manifest without a SCO)."""


@dataclass(frozen=True)
class ModulePackage:
    path: str  # the zip, from the build folder: scorm12/modules/01-intro.zip
    launch: str  # the SCO's address inside the package: intro/index.html
    mastery_score: str  # SCORM 1.2, "" without one
    scaled_passing_score: str  # SCORM 2004, "" without one

    @property
    def url(self) -> str:
        return f"{COURSE_ROUTE}{self.path}/{self.launch}"


def module_package(build_folder: Path, course: Course, module: Module, scorm_version: str) -> ModulePackage:
    path = f"{FORMATS[scorm_version]}/modules/{module_package_name(course, module)}"
    try:
        with zipfile.ZipFile(build_folder / path) as package:
            manifest = load_manifest(package.read(MANIFEST_NAME))
    except (OSError, KeyError, zipfile.BadZipFile, ManifestError) as error:
        raise PackageError(f"cannot read the package {path}: {error}") from None
    launched = manifest.first_launch()
    if launched is None:
        raise PackageError(f"the manifest of {path} has no item that launches a resource")
    item, resource = launched
    if scorm_version == "1.2":
        return ModulePackage(path, resource.launch, item.mastery_score or "", "")
    return ModulePackage(path, resource.launch, "", item.min_normalized_measure or "")


def read_member(build_folder: Path, relative: str) -> bytes | None:
    """A file inside a package of the build (`scorm12/modules/01-intro.zip/intro/index.html`), or None."""
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    for index, part in enumerate(parts[:-1]):
        if part.endswith(".zip"):
            archive = build_folder.joinpath(*parts[:index + 1])
            member = "/".join(parts[index + 1:])
            try:
                with zipfile.ZipFile(archive) as package:
                    return package.read(member)
            except (OSError, KeyError, zipfile.BadZipFile):
                return None
    return None
