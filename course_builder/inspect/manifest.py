"""The manifest as inspect sees it: why it is not read, its version recognised, what it names beside its parts.

The parsing and the parts are course_builder/manifest_reader.py's, the one reader the preview and the course
backup use too.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from course_builder import manifest_reader as reader, schemas
from course_builder.inspect.findings import Finding, error, fatal, note, warning
from course_builder.manifest_reader import (
    ADLCP12_NS, ADLCP_NS, ADLNAV_NS, ADLSEQ_NS, CP12_NS, CP_NS, IMSSS_NS, XSI_NS, FileRef, ManifestError, split_name,
)

MANIFEST = reader.MANIFEST_NAME

CC_NAMESPACES = {
    "http://www.imsglobal.org/xsd/imscc/imscp_v1p1": "1.0",
    "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1": "1.1",
    "http://www.imsglobal.org/xsd/imsccv1p2/imscp_v1p1": "1.2",
    "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1": "1.3",
}

# The prefixes Moodle's manifest parser matches on (it reads prefixed names, not namespaces).
CONVENTIONAL_PREFIXES = {
    ADLCP12_NS: "adlcp",
    ADLCP_NS: "adlcp",
    ADLSEQ_NS: "adlseq",
    ADLNAV_NS: "adlnav",
    IMSSS_NS: "imsss",
}

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"
IMSCP = "imscp"
IMSCC = "imscc"

SCORM2004_EDITIONS = {
    "CAM 1.3": ("SCORM 2004 2nd Edition", None),
    "2004 3rd Edition": ("SCORM 2004 3rd Edition", schemas.SCORM2004_3RD),
    "2004 4th Edition": ("SCORM 2004 4th Edition", schemas.SCORM2004_4TH),
}


@dataclass(frozen=True)
class Version:
    kind: str                 # SCORM12, SCORM2004, IMSCP or IMSCC
    label: str                # e.g. "SCORM 2004 4th Edition"
    schema: str | None        # the schemas.SCHEMA_SETS key to validate with, if there is one
    schemaversion: str | None  # the text of metadata/schemaversion, as written
    line: int = 0              # where metadata/schemaversion is, or would be

    @property
    def is_scorm(self) -> bool:
        return self.kind in (SCORM12, SCORM2004)


# --- parsing ---------------------------------------------------------------------------------------

REFUSALS = {
    reader.ENTITY_DECLARATIONS: "declares XML entities (external entities or an entity bomb); inspect refuses to "
                                "expand them",
    reader.EXTERNAL_DTD: "refers to an external DTD; inspect loads nothing from outside the package",
    reader.ENTITY_REFERENCES: "uses entity references; they are refused",
}


def parse_manifest(data: bytes) -> tuple[etree._ElementTree | None, list[Finding]]:
    """The parsed manifest (manifest_reader.parse_manifest), or None with the reason; and what to warn about."""
    try:
        tree = reader.parse_manifest(data)
    except ManifestError as exc:
        if exc.code == "not-well-formed":
            return None, [error(exc.code, f"is not well-formed XML: {exc.reason}; Moodle cannot read the package",
                                MANIFEST, exc.line)]
        return None, [fatal(exc.code, REFUSALS[exc.reason], MANIFEST, exc.line or None)]
    text = reader.sniff_text(data)
    findings = []
    doctype = reader.DOCTYPE.search(text)
    if doctype:
        findings.append(warning("doctype", "has a DOCTYPE; a manifest needs none", MANIFEST,
                                text.count("\n", 0, doctype.start()) + 1))
    encoding = (tree.docinfo.encoding or "UTF-8").upper()
    if encoding not in ("UTF-8", "US-ASCII", "ASCII"):
        findings.append(warning("encoding", f"is encoded as {encoding}; Moodle's manifest parser expects UTF-8",
                                MANIFEST, 1))
    return tree, findings


# --- version ------------------------------------------------------------------------------------------

CP_VERSIONS = ("1.1", "1.1.2", "1.1.3", "1.1.4")
SCORM2004_EXTENSIONS = {ADLCP_NS, IMSSS_NS, ADLSEQ_NS, ADLNAV_NS}


def detect_version(tree: etree._ElementTree) -> tuple[Version | None, list[Finding]]:
    """The kind of package, from the root namespace, the extension namespaces in use and the schemaversion."""
    root = tree.getroot()
    namespace, local = split_name(root.tag)
    if local != "manifest":
        return None, [error("unknown-format", f"the root element is <{local}>, not <manifest>", MANIFEST,
                            root.sourceline)]
    schemaversion, line = reader.schemaversion(root)
    stated = (schemaversion or "").strip()
    used = _namespaces_in_use(root)
    if namespace in CC_NAMESPACES:
        return Version(IMSCC, f"IMS Common Cartridge {CC_NAMESPACES[namespace]}", None, schemaversion, line), []
    if namespace == CP12_NS:
        if ADLCP12_NS in used or stated == "1.2":
            return Version(SCORM12, "SCORM 1.2", schemas.SCORM12, schemaversion, line), []
        return Version(IMSCP, "IMS Content Packaging 1.1.2", schemas.SCORM12, schemaversion, line), []
    if namespace == CP_NS:
        if stated in SCORM2004_EDITIONS:
            label, schema = SCORM2004_EDITIONS[stated]
            return Version(SCORM2004, label, schema, schemaversion, line), []
        if used & SCORM2004_EXTENSIONS:
            label = "SCORM 2004 (edition not recognised)"
            return Version(SCORM2004, label, schemas.SCORM2004_4TH, schemaversion, line), []
        label = f"IMS Content Packaging {stated if stated in CP_VERSIONS else '1.1.x'}"
        return Version(IMSCP, label, schemas.IMSCP, schemaversion, line), []
    shown = namespace or "no namespace"
    return None, [error("unknown-format", f"<manifest> in {shown} is neither SCORM, IMS CP nor IMS CC", MANIFEST,
                        root.sourceline)]


def _namespaces_in_use(root: etree._Element) -> set[str]:
    used = set()
    for element in root.iter(tag=etree.Element):
        used.add(split_name(element.tag)[0])
        used.update(split_name(name)[0] for name in element.attrib)
    return used


# --- what else the manifest names ------------------------------------------------------------------

def schema_locations(tree: etree._ElementTree) -> list[FileRef]:
    """The files named by xsi:schemaLocation (namespace/location pairs), which a package may ship."""
    found = []
    for element in tree.getroot().iter(tag=etree.Element):
        value = element.get(f"{{{XSI_NS}}}schemaLocation")
        if value:
            words = value.split()
            found += [FileRef(location, element.sourceline or 0) for location in words[1::2]]
    return found


def schema_note(version: Version) -> Finding | None:
    if version.schema is None:
        return note("no-schema-for-version", f"no schema for {version.label} is available; its structure is "
                                             "checked by inspect's own rules only", MANIFEST)
    return None
