"""A SCORM package as Moodle's SCORM activity stores it: the zip, its extracted files and its SCOs.

Moodle does not read the package again when it restores a backup: the SCO rows come from the
backup's scorm.xml. So they are computed here, from the manifest as course_builder/manifest_reader.py
reads it, the way mod_scorm's manifest parser computes them (mod/scorm/datamodels/scormlib.php,
scorm_get_manifest and scorm_parse_scorm): one row for each organization (parent "/"), then one for each
item, in document order. Moodle's parser matches prefixed names (ADLCP:MASTERYSCORE) and the reader
namespaces; the packages read here are our own, written with the conventional prefixes
(course_builder/manifest.py), so the two agree.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from course_builder.manifest_reader import MANIFEST_NAME, Item, Manifest, ManifestError, load_manifest, moodle_version


class PackageProblem(ValueError):
    """A package that Moodle's SCORM activity could not use."""


@dataclass
class Sco:
    manifest: str
    organization: str
    parent: str
    identifier: str
    launch: str
    scormtype: str
    title: str
    data: list[tuple[str, str]] = field(default_factory=list)  # scorm_scoes_data: name, value


@dataclass
class ScormPackage:
    filename: str
    data: bytes
    files: dict[str, bytes]  # the extracted content, by path inside the zip
    scoes: list[Sco]
    version: str  # SCORM_1.2 | SCORM_1.3

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.data).hexdigest()

    @property
    def mastery_score(self) -> int | None:
        """The package's mastery score (percent), None when it has none (a package without a quiz)."""
        values = [value for sco in self.scoes for name, value in sco.data if name == "masteryscore"]
        return int(float(values[0])) if values else None

    @property
    def launch_index(self) -> int:
        """The SCO Moodle launches: the first one with something to launch."""
        return next(i for i, sco in enumerate(self.scoes) if sco.launch)


def read_package(filename: str, data: bytes) -> ScormPackage:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except zipfile.BadZipFile as error:
        raise PackageProblem(f"{filename}: not a zip file ({error})") from None
    if MANIFEST_NAME not in files:
        raise PackageProblem(f"{filename}: no {MANIFEST_NAME} at the root")
    try:
        manifest = load_manifest(files[MANIFEST_NAME])
    except ManifestError as error:
        raise PackageProblem(f"{filename}: {MANIFEST_NAME} cannot be read ({error.code}: {error})") from None
    scoes = manifest_scoes(manifest)
    if not any(sco.launch for sco in scoes):
        raise PackageProblem(f"{filename}: no item of the manifest launches anything")
    return ScormPackage(filename, data, files, scoes, moodle_version(manifest.schemaversion))


def manifest_scoes(manifest: Manifest) -> list[Sco]:
    """Moodle's rows: one for each organization (parent "/"), then one for each of its items, depth first."""
    identifier = manifest.identifier or ""
    scoes: list[Sco] = []
    for organization in manifest.organizations:
        scoes.append(Sco(identifier, "", "/", organization.identifier, "", "", organization.title))
        _items(organization.items, organization.identifier, organization.identifier, identifier, manifest, scoes)
    return scoes


def _items(items: list[Item], parent_id: str, org_id: str, manifest_id: str, manifest: Manifest,
           scoes: list[Sco]) -> None:
    for item in items:
        launch, scormtype = _launch(item, manifest)
        data = [("isvisible", item.isvisible or "true"), ("parameters", item.parameters or ""), *item.lms_data]
        scoes.append(Sco(manifest_id, org_id, parent_id, item.identifier, launch, scormtype, item.title, data))
        _items(item.children, item.identifier, org_id, manifest_id, manifest, scoes)


def _launch(item: Item, manifest: Manifest) -> tuple[str, str]:
    if item.identifierref is None:
        return "", "asset"
    resource = manifest.resources.get(item.identifierref)
    if resource is None:
        return "", ""
    return resource.launch, resource.scorm_type or "asset"
