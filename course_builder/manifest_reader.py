"""The one reader of imsmanifest.xml: parsed without entities, DTDs or network, its parts read into plain data.

`inspect` checks any package with it, the preview finds the SCO to launch and its mastery with it, and the
course backup computes the SCO rows Moodle would store from it. (course_builder/manifest.py writes manifests.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from course_builder.packaging import MANIFEST_NAME


CP12_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP12_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ_NS = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV_NS = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# The adlcp elements of an item that an LMS hands to the run-time (Moodle's scorm_scoes_data rows).
ITEM_LMS_DATA = ("prerequisites", "maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")

MOODLE_VERSION_12 = "SCORM_1.2"
MOODLE_VERSION_13 = "SCORM_1.3"


ENTITY_DECLARATIONS = "declares XML entities"
ENTITY_REFERENCES = "uses entity references"
EXTERNAL_DTD = "refers to an external DTD"


class ManifestError(ValueError):
    """A manifest that is not read: `code` says why (not-well-formed, entity-declaration, external-dtd)."""

    def __init__(self, code: str, reason: str, line: int = 0):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.line = line


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

    @property
    def launch(self) -> str:
        """The address an LMS launches: its href below its xml:base."""
        return self.base + (self.href or "")


@dataclass
class Item:
    identifier: str
    title: str
    identifierref: str | None
    parameters: str | None
    isvisible: str | None               # as written; absent means visible
    lms_data: list[tuple[str, str]]     # ITEM_LMS_DATA elements, in document order (SCORM 1.2's adlcp:masteryscore…)
    min_normalized_measure: str | None  # SCORM 2004: the primary objective's, when satisfied by measure
    line: int
    depth: int
    children: list["Item"] = field(default_factory=list)

    @property
    def mastery_score(self) -> str | None:
        """SCORM 1.2 adlcp:masteryscore."""
        return next((value for name, value in reversed(self.lms_data) if name == "masteryscore"), None)


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
    schemaversion: str | None  # the text of metadata/schemaversion, as written
    organizations: list[Organization]
    default_organization: str | None
    default_line: int
    resources: dict[str, Resource]
    resource_list: list[Resource]
    sub_manifests: list[str]
    metadata_locations: list[FileRef]

    def all_items(self) -> list[Item]:
        return [item for organization in self.organizations for item in iter_items(organization.items)]

    def first_launch(self) -> tuple[Item, Resource] | None:
        """The first item of the default organization that launches a resource, and that resource: the SCO an
        LMS starts."""
        for organization in self.organizations:
            if self.default_organization and organization.identifier != self.default_organization:
                continue
            for item in iter_items(organization.items):
                resource = self.resources.get(item.identifierref or "")
                if resource is not None and resource.href:
                    return item, resource
        return None


def load_manifest(data: bytes) -> Manifest:
    return read_manifest(parse_manifest(data))


# --- parsing ---------------------------------------------------------------------------------------

DOCTYPE = re.compile(r"<!DOCTYPE\s[^\[>]*(\[|>)")


def parse_manifest(data: bytes) -> etree._ElementTree:
    """The parsed manifest. Entity declarations and external DTDs are refused before parsing."""
    text = sniff_text(data)
    _refuse_doctype(text)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ManifestError("not-well-formed", re.sub(r", line \d+, column \d+$", "", exc.msg), exc.lineno) from None
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise ManifestError("entity-declaration", ENTITY_REFERENCES)
    return root.getroottree()


def sniff_text(data: bytes) -> str:
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


def _refuse_doctype(text: str) -> None:
    match = DOCTYPE.search(text)
    if not match:
        return
    entity = text.find("<!ENTITY", match.start())
    if entity != -1:
        raise ManifestError("entity-declaration", ENTITY_DECLARATIONS, text.count("\n", 0, entity) + 1)
    if re.search(r"\b(SYSTEM|PUBLIC)\b", text[match.start():match.end()]):
        raise ManifestError("external-dtd", EXTERNAL_DTD, text.count("\n", 0, match.start()) + 1)


# --- reading the parts -------------------------------------------------------------------------------

def read_manifest(tree: etree._ElementTree) -> Manifest:
    root = tree.getroot()
    ns = split_name(root.tag)[0]
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
        schemaversion=schemaversion(root)[0],
        organizations=organizations,
        default_organization=default,
        default_line=default_line,
        resources=resources,
        resource_list=resource_list,
        sub_manifests=sub_manifests,
        metadata_locations=_metadata_locations(root, q, exclude=resources_element),
    )


def schemaversion(root: etree._Element) -> tuple[str | None, int]:
    """The text of metadata/schemaversion as written (None without one), and its line (or where it would be)."""
    q = _qualifier(split_name(root.tag)[0])
    metadata = root.find(q("metadata"))
    element = None if metadata is None else metadata.find(q("schemaversion"))
    if element is None:
        return None, (metadata if metadata is not None else root).sourceline or 0
    return element.text or "", element.sourceline or 0


def moodle_version(schemaversion: str | None) -> str:
    """The version Moodle records for a package (scorm.version): its regular expressions, applied as PHP would
    (mod/scorm/datamodels/scormlib.php, scorm_parse_scorm); anything it does not know counts as SCORM 1.2."""
    if schemaversion is None:
        return MOODLE_VERSION_12
    text = schemaversion[:-1] if schemaversion.endswith("\n") else schemaversion  # PHP's '$' allows one final \n
    match = re.fullmatch(r"(1\.2)|(CAM )?(1\.3)", text)
    if match:
        return f"SCORM_{match.group(match.lastindex)}"
    if re.fullmatch(r"2004 (3rd|4th) Edition", text):
        return MOODLE_VERSION_13
    return MOODLE_VERSION_12


def _organization(element: etree._Element, q) -> Organization:
    return Organization(
        identifier=element.get("identifier", ""),
        title=_text(element.find(q("title"))),
        items=[_item(child, q, 1) for child in element.findall(q("item"))],
        line=element.sourceline or 0,
    )


def _item(element: etree._Element, q, depth: int) -> Item:
    return Item(
        identifier=element.get("identifier", ""),
        title=_text(element.find(q("title"))),
        identifierref=element.get("identifierref"),
        parameters=element.get("parameters"),
        isvisible=element.get("isvisible"),
        lms_data=_lms_data(element),
        min_normalized_measure=_min_normalized_measure(element),
        line=element.sourceline or 0,
        depth=depth,
        children=[_item(child, q, depth + 1) for child in element.findall(q("item"))],
    )


def _lms_data(item: etree._Element) -> list[tuple[str, str]]:
    data = []
    for child in item.iterchildren(tag=etree.Element):
        namespace, local = split_name(child.tag)
        if namespace in (ADLCP12_NS, ADLCP_NS) and local.lower() in ITEM_LMS_DATA:
            data.append((local.lower(), _text(child)))
    return data


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


def _qualifier(namespace: str):
    return (lambda local: f"{{{namespace}}}{local}") if namespace else (lambda local: local)


def _base(element: etree._Element) -> str:
    return element.get(f"{{{XML_NS}}}base") or ""


def _text(element: etree._Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def split_name(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name
