"""The manifest: parsed without entities, DTDs or network, its version recognised, its parts read out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from course_builder import schemas
from course_builder.inspect.findings import Finding, error, fatal, note, warning

MANIFEST = "imsmanifest.xml"

CP12_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP12_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ_NS = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV_NS = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

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


@dataclass
class FileRef:
    href: str
    line: int


@dataclass
class Resource:
    identifier: str
    type: str
    href: str | None
    base: str                 # the xml:base chain that applies to its hrefs ("" when none)
    scorm_type: str | None
    files: list[FileRef]
    dependencies: list[tuple[str, int]]
    line: int
    metadata_locations: list[FileRef] = field(default_factory=list)


@dataclass
class Item:
    identifier: str
    title: str
    identifierref: str | None
    parameters: str | None
    mastery_score: str | None           # SCORM 1.2 adlcp:masteryscore
    min_normalized_measure: str | None  # SCORM 2004: the primary objective's, when satisfied by measure
    line: int
    depth: int
    children: list["Item"] = field(default_factory=list)


@dataclass
class Organization:
    identifier: str
    title: str
    items: list[Item]
    line: int


def iter_items(items: list[Item]):
    """Items depth first, in the order the learner meets them."""
    for item in items:
        yield item
        yield from iter_items(item.children)


@dataclass
class Manifest:
    tree: etree._ElementTree
    namespace: str
    identifier: str | None
    organizations: list[Organization]
    default_organization: str | None
    default_line: int
    resources: dict[str, Resource]
    resource_list: list[Resource]
    sub_manifests: list[str]
    metadata_locations: list[FileRef]

    def all_items(self) -> list[Item]:
        return [item for organization in self.organizations for item in iter_items(organization.items)]


# --- parsing ---------------------------------------------------------------------------------------

_DOCTYPE = re.compile(r"<!DOCTYPE\s[^\[>]*(\[|>)")


def parse_manifest(data: bytes) -> tuple[etree._ElementTree | None, list[Finding]]:
    """The parsed manifest, or None with the reason. Entity declarations are refused before parsing."""
    text = _sniff_text(data)
    refused = _refused_doctype(text)
    if refused:
        return None, refused
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = re.sub(r", line \d+, column \d+$", "", exc.msg)
        return None, [error("not-well-formed", f"is not well-formed XML: {reason}; Moodle cannot read the package",
                            MANIFEST, exc.lineno)]
    tree = root.getroottree()
    findings = []
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        return None, [fatal("entity-declaration", "uses entity references; they are refused", MANIFEST)]
    doctype = _DOCTYPE.search(text)
    if doctype:
        findings.append(warning("doctype", "has a DOCTYPE; a manifest needs none", MANIFEST,
                                text.count("\n", 0, doctype.start()) + 1))
    encoding = (tree.docinfo.encoding or "UTF-8").upper()
    if encoding not in ("UTF-8", "US-ASCII", "ASCII"):
        findings.append(warning("encoding", f"is encoded as {encoding}; Moodle's manifest parser expects UTF-8",
                                MANIFEST, 1))
    return tree, findings


def _sniff_text(data: bytes) -> str:
    """Enough of the document as text to look for a DOCTYPE; all ASCII-compatible encodings read alike."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    if data[:4] in (b"<\x00?\x00", b"<\x00\x00\x00"):
        return data.decode("utf-16-le", "replace")
    if data[:4] in (b"\x00<\x00?", b"\x00\x00\x00<"):
        return data.decode("utf-16-be", "replace")
    return data.decode("latin-1")


def _refused_doctype(text: str) -> list[Finding]:
    match = _DOCTYPE.search(text)
    if not match:
        return []
    line = text.count("\n", 0, match.start()) + 1
    entity = text.find("<!ENTITY", match.start())
    if entity != -1:
        entity_line = text.count("\n", 0, entity) + 1
        return [fatal("entity-declaration",
                      "declares XML entities (external entities or an entity bomb); inspect refuses to expand them",
                      MANIFEST, entity_line)]
    declaration = text[match.start():match.end()]
    if re.search(r"\b(SYSTEM|PUBLIC)\b", declaration):
        return [fatal("external-dtd", "refers to an external DTD; inspect loads nothing from outside the package",
                      MANIFEST, line)]
    return []


# --- version ------------------------------------------------------------------------------------------

CP_VERSIONS = ("1.1", "1.1.2", "1.1.3", "1.1.4")
SCORM2004_EXTENSIONS = {ADLCP_NS, IMSSS_NS, ADLSEQ_NS, ADLNAV_NS}


def detect_version(tree: etree._ElementTree) -> tuple[Version | None, list[Finding]]:
    """The kind of package, from the root namespace, the extension namespaces in use and the schemaversion."""
    root = tree.getroot()
    namespace, local = _split(root.tag)
    if local != "manifest":
        return None, [error("unknown-format", f"the root element is <{local}>, not <manifest>", MANIFEST,
                            root.sourceline)]
    schemaversion, line = _schemaversion(root, namespace)
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


def _schemaversion(root: etree._Element, namespace: str) -> tuple[str | None, int]:
    metadata = root.find(f"{{{namespace}}}metadata")
    element = None if metadata is None else metadata.find(f"{{{namespace}}}schemaversion")
    if element is None:
        return None, (metadata if metadata is not None else root).sourceline or 0
    return element.text or "", element.sourceline or 0


def _namespaces_in_use(root: etree._Element) -> set[str]:
    used = set()
    for element in root.iter(tag=etree.Element):
        used.add(_split(element.tag)[0])
        used.update(_split(name)[0] for name in element.attrib)
    return used


# --- reading the parts -------------------------------------------------------------------------------

def read_manifest(tree: etree._ElementTree) -> Manifest:
    root = tree.getroot()
    ns = _split(root.tag)[0]
    q = _qualifier(ns)
    organizations_element = root.find(q("organizations"))
    organizations = []
    default, default_line = None, root.sourceline or 0
    if organizations_element is not None:
        default = organizations_element.get("default")
        default_line = organizations_element.sourceline or 0
        organizations = [_organization(element, q) for element in organizations_element.findall(q("organization"))]
    manifest_base = _base(root)
    resources_element = root.find(q("resources"))
    resource_list = []
    if resources_element is not None:
        base = manifest_base + _base(resources_element)
        resource_list = [_resource(element, q, base) for element in resources_element.findall(q("resource"))]
    resources = {}
    for resource in resource_list:
        resources.setdefault(resource.identifier, resource)
    sub_manifests = [element.get("identifier", "") for element in root.iter(q("manifest")) if element is not root]
    return Manifest(
        tree=tree,
        namespace=ns,
        identifier=root.get("identifier"),
        organizations=organizations,
        default_organization=default,
        default_line=default_line,
        resources=resources,
        resource_list=resource_list,
        sub_manifests=sub_manifests,
        metadata_locations=_metadata_locations(root, q, exclude=resources_element),
    )


def _organization(element: etree._Element, q) -> Organization:
    return Organization(
        identifier=element.get("identifier", ""),
        title=_text(element.find(q("title"))),
        items=[_item(child, q, 1) for child in element.findall(q("item"))],
        line=element.sourceline or 0,
    )


def _item(element: etree._Element, q, depth: int) -> Item:
    mastery = None
    for namespace in (ADLCP12_NS, ADLCP_NS):
        found = element.find(f"{{{namespace}}}masteryscore")
        if found is not None:
            mastery = _text(found)
    return Item(
        identifier=element.get("identifier", ""),
        title=_text(element.find(q("title"))),
        identifierref=element.get("identifierref"),
        parameters=element.get("parameters"),
        mastery_score=mastery,
        min_normalized_measure=_min_normalized_measure(element),
        line=element.sourceline or 0,
        depth=depth,
        children=[_item(child, q, depth + 1) for child in element.findall(q("item"))],
    )


def _min_normalized_measure(item: etree._Element) -> str | None:
    ss = f"{{{IMSSS_NS}}}"
    primary = item.find(f"{ss}sequencing/{ss}objectives/{ss}primaryObjective")
    if primary is None or primary.get("satisfiedByMeasure") not in ("true", "1"):
        return None
    measure = primary.find(f"{ss}minNormalizedMeasure")
    return "1.0" if measure is None else _text(measure)  # 1.0 is the schema's default


def _resource(element: etree._Element, q, base: str) -> Resource:
    scorm_type = None
    for name in (f"{{{ADLCP12_NS}}}scormtype", f"{{{ADLCP_NS}}}scormType", f"{{{ADLCP_NS}}}scormtype"):
        if element.get(name) is not None:
            scorm_type = element.get(name)
    return Resource(
        identifier=element.get("identifier", ""),
        type=element.get("type", ""),
        href=element.get("href"),
        base=base + _base(element),
        scorm_type=scorm_type,
        files=[FileRef(child.get("href", ""), child.sourceline or 0) for child in element.findall(q("file"))],
        dependencies=[(child.get("identifierref", ""), child.sourceline or 0)
                      for child in element.findall(q("dependency"))],
        line=element.sourceline or 0,
        metadata_locations=_metadata_locations(element, q),
    )


def _metadata_locations(element: etree._Element, q, exclude: etree._Element | None = None) -> list[FileRef]:
    """adlcp:location: metadata kept in a file of its own, referenced from the manifest."""
    found = []
    for namespace in (ADLCP12_NS, ADLCP_NS):
        for location in element.iter(f"{{{namespace}}}location"):
            if exclude is not None and _is_inside(location, exclude):
                continue
            found.append(FileRef(_text(location), location.sourceline or 0))
    return found


def _is_inside(element: etree._Element, container: etree._Element) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def schema_locations(tree: etree._ElementTree) -> list[FileRef]:
    """The files named by xsi:schemaLocation (namespace/location pairs), which a package may ship."""
    found = []
    for element in tree.getroot().iter(tag=etree.Element):
        value = element.get(f"{{{XSI_NS}}}schemaLocation")
        if value:
            words = value.split()
            found += [FileRef(location, element.sourceline or 0) for location in words[1::2]]
    return found


def _qualifier(namespace: str):
    return (lambda local: f"{{{namespace}}}{local}") if namespace else (lambda local: local)


def _base(element: etree._Element) -> str:
    return element.get(f"{{{XML_NS}}}base") or ""


def _text(element: etree._Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


def split_name(name: str) -> tuple[str, str]:
    return _split(name)


def schema_note(version: Version) -> Finding | None:
    if version.schema is None:
        return note("no-schema-for-version", f"no schema for {version.label} is available; its structure is "
                                             "checked by inspect's own rules only", MANIFEST)
    return None
