"""A SCORM package as Moodle's SCORM activity stores it: the zip, its extracted files and its SCOs.

Moodle does not read the package again when it restores a backup: the SCO rows come from the
backup's scorm.xml. So they are computed here the way mod_scorm's manifest parser computes them
(mod/scorm/datamodels/scormlib.php, scorm_get_manifest and scorm_parse_scorm): one row for each
organization (parent "/"), then one for each item, in document order.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

ADLCP_OPTIONAL_DATA = ("prerequisites", "maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")
SCHEMA_VERSION_12 = re.compile(r"^(1\.2)$|^(CAM )?(1\.3)$")
SCHEMA_VERSION_2004 = re.compile(r"^2004 (3rd|4th) Edition$")


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
    if "imsmanifest.xml" not in files:
        raise PackageProblem(f"{filename}: no imsmanifest.xml at the root")
    try:
        manifest = etree.fromstring(files["imsmanifest.xml"])
    except etree.XMLSyntaxError as error:
        raise PackageProblem(f"{filename}: imsmanifest.xml is not well-formed XML ({error})") from None
    scoes = manifest_scoes(manifest)
    if not any(sco.launch for sco in scoes):
        raise PackageProblem(f"{filename}: no item of the manifest launches anything")
    return ScormPackage(filename, data, files, scoes, schema_version(manifest))


def schema_version(manifest: etree._Element) -> str:
    """Moodle's reading of <schemaversion>; anything it does not know counts as SCORM 1.2."""
    text = (_first_text(manifest, "metadata", "schemaversion") or "").strip()
    found = SCHEMA_VERSION_12.match(text)
    if found:
        return f"SCORM_{found.group(found.lastindex)}"
    return "SCORM_1.3" if SCHEMA_VERSION_2004.match(text) else "SCORM_1.2"


def manifest_scoes(manifest: etree._Element) -> list[Sco]:
    identifier = manifest.get("identifier", "")
    resources = {r.get("identifier"): r for r in _children(_child(manifest, "resources"), "resource")}
    scoes: list[Sco] = []
    for organization in _children(_child(manifest, "organizations"), "organization"):
        org_id = organization.get("identifier", "")
        scoes.append(Sco(identifier, "", "/", org_id, "", "", _title(organization)))
        _items(organization, org_id, org_id, identifier, resources, scoes)
    return scoes


def _items(parent: etree._Element, parent_id: str, org_id: str, manifest_id: str, resources, scoes: list[Sco]) -> None:
    for item in _children(parent, "item"):
        item_id = item.get("identifier", "")
        launch, scormtype = _launch(item, resources)
        data = [("isvisible", item.get("isvisible", "true")), ("parameters", item.get("parameters", ""))]
        for child in item:
            name = _local(child)
            if (child.prefix or "").lower() == "adlcp" and name in ADLCP_OPTIONAL_DATA:
                data.append((name, child.text or ""))
        scoes.append(Sco(manifest_id, org_id, parent_id, item_id, launch, scormtype, _title(item), data))
        _items(item, item_id, org_id, manifest_id, resources, scoes)


def _launch(item: etree._Element, resources: dict) -> tuple[str, str]:
    reference = item.get("identifierref")
    if reference is None:
        return "", "asset"
    resource = resources.get(reference)
    if resource is None:
        return "", ""
    base = resource.get("{http://www.w3.org/XML/1998/namespace}base", "")
    scormtype = next((value for name, value in resource.attrib.items() if _local_name(name) == "scormtype"), "")
    return base + resource.get("href", ""), scormtype or "asset"


def _title(element: etree._Element) -> str:
    title = _child(element, "title")
    return (title.text or "") if title is not None else ""


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    return next(iter(_children(element, name)), None)


def _children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and _local(c) == name and _namespace_prefix(c) is None]


def _first_text(element: etree._Element, *path: str) -> str | None:
    for name in path:
        element = _child(element, name)
        if element is None:
            return None
    return element.text


def _local(element: etree._Element) -> str:
    return _local_name(element.tag)


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _namespace_prefix(element: etree._Element) -> str | None:
    """The prefix written in the file: Moodle's parser matches on it (adlcp:, not the namespace)."""
    return element.prefix
