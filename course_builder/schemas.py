"""Validation of package manifests against the ADL / IMS XML schemas, strictly offline.

The schemas ship with course-builder (the repository's xsd/, inside the installed package; where they come
from and under which terms: xsd/README.md). Every `xsd:import` and `xsd:include` is answered by a resolver
that only hands out files of that folder; nothing is ever fetched.

Two of those files do not load in libxml2 as shipped, and are replaced while resolving:
- SCORM 1.2 `ims_xml.xsd` binds the XML namespace as the default namespace, which libxml2 rejects.
  The W3C `xml.xsd` shipped for SCORM 2004 declares the same attributes (xml:lang, xml:base), so
  it answers that import instead.
- SCORM 1.2 `imsmd_rootv1p2p1.xsd` (inline IMS LOM 1.2.1 metadata) does not compile: its extension
  wildcard `<xsd:any namespace="##any">` follows optional LOM elements, which breaks the unique
  particle attribution rule. Narrowed to `##other` the model is deterministic and still checks every
  LOM element; the only thing lost is extending LOM with elements of the LOM namespace itself.
SCORM 2004 manifests may carry inline IEEE LOM, whose schema xsd/ does not hold: a stub
declares `lom:lom` with any content, so LOM is accepted there but not checked.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from course_builder.resources import XSD, data_folder

NOT_INSTALLED_MESSAGE = "schemas not installed; reinstall course-builder"

SCORM12 = "scorm12"
SCORM2004_3RD = "scorm2004-3rd"
SCORM2004_4TH = "scorm2004-4th"
IMSCP = "imscp"

XML_NS = "http://www.w3.org/XML/1998/namespace"
IMSMD12_NS = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
LOM_STUB = "lom-stub.xsd"


@dataclass(frozen=True)
class SchemaSet:
    """The schemas one kind of manifest is validated against: (namespace, file) pairs in one folder."""

    label: str
    folder: str
    imports: tuple[tuple[str, str], ...]


_SCORM2004_IMPORTS = (
    ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
    ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
    ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
    (LOM_NS, LOM_STUB),
)

SCHEMA_SETS: dict[str, SchemaSet] = {
    SCORM12: SchemaSet(
        "ADL SCORM 1.2",
        "scorm12edition",
        (
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
            (IMSMD12_NS, "imsmd_rootv1p2p1.xsd"),
        ),
    ),
    SCORM2004_3RD: SchemaSet("ADL SCORM 2004 3rd Edition", "scorm20043rdedition", _SCORM2004_IMPORTS),
    SCORM2004_4TH: SchemaSet("ADL SCORM 2004 4th Edition", "scorm20044thedition", _SCORM2004_IMPORTS),
    # IMS Content Packaging 1.1.4: the imscp_v1p1.xsd of SCORM 2004 4th Edition is that version.
    IMSCP: SchemaSet("IMS Content Packaging 1.1.4", "scorm20044thedition", _SCORM2004_IMPORTS[:1]),
}


@dataclass(frozen=True)
class SchemaError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class SchemasUnavailable(RuntimeError):
    """The schemas cannot be used: not installed, or a file of them does not load."""


class SchemasNotInstalled(SchemasUnavailable):
    def __init__(self) -> None:
        super().__init__(NOT_INSTALLED_MESSAGE)


def find_schema_dir() -> Path | None:
    """The schema folder course-builder ships, or the one COURSE_BUILDER_SCHEMA_DIR names (tests use it)."""
    override = os.environ.get("COURSE_BUILDER_SCHEMA_DIR")
    folder = Path(override) if override else data_folder(XSD)
    return folder if folder.is_dir() else None


class CompiledSchemas:
    """The schemas compiled so far (a SCORM 1.2 one takes ~0.1 s), for as long as their owner keeps them: one
    command inspects one package; whoever checks many keeps one of these for all of them."""

    def __init__(self):
        self.compiled: dict[tuple[Path, str], etree.XMLSchema] = {}

    def schema(self, version: str) -> etree.XMLSchema:
        if version not in SCHEMA_SETS:
            raise ValueError(f"unknown schema version {version!r}; expected one of {', '.join(SCHEMA_SETS)}")
        schema_dir = find_schema_dir()
        if schema_dir is None:
            raise SchemasNotInstalled()
        if (schema_dir, version) not in self.compiled:
            self.compiled[schema_dir, version] = _compile(schema_dir, version)
        return self.compiled[schema_dir, version]


def validate_manifest(manifest: bytes | etree._ElementTree | etree._Element, version: str,
                      schemas: CompiledSchemas | None = None) -> list[SchemaError]:
    """Schema errors of a manifest (bytes or a parsed tree), each with its line; empty when valid.

    `version` is one of SCORM12, SCORM2004_3RD, SCORM2004_4TH, IMSCP. Raises SchemasNotInstalled when
    the schemas are absent (SchemasUnavailable when they do not load), so a test that relies on them
    can never pass by skipping them.
    """
    schema = (schemas or CompiledSchemas()).schema(version)
    tree = _as_tree(manifest)
    if isinstance(tree, SchemaError):
        return [tree]
    if schema.validate(tree):
        return []
    return [SchemaError(entry.line, _clean_message(entry.message)) for entry in schema.error_log]


def _compile(schema_dir: Path, version: str) -> etree.XMLSchema:
    schema_set = SCHEMA_SETS[version]
    folder = schema_dir / schema_set.folder
    parser = _schema_parser(schema_dir, folder)
    driver = etree.fromstring(_driver_schema(schema_set), parser, base_url=(folder / "driver.xsd").as_uri())
    try:
        return etree.XMLSchema(driver)
    except etree.XMLSchemaParseError as exc:
        raise SchemasUnavailable(f"the {schema_set.label} schemas in {folder} do not load ({exc}); "
                                 "reinstall course-builder") from exc


def _driver_schema(schema_set: SchemaSet) -> bytes:
    """A schema that only imports every namespace of the set, so one XMLSchema checks them all."""
    xs = "http://www.w3.org/2001/XMLSchema"
    root = etree.Element(f"{{{xs}}}schema", nsmap={"xs": xs})
    for namespace, filename in schema_set.imports:
        etree.SubElement(root, f"{{{xs}}}import", namespace=namespace, schemaLocation=filename)
    return etree.tostring(root)


def _schema_parser(schema_dir: Path, folder: Path) -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False)
    parser.resolvers.add(_LocalSchemaResolver(schema_dir, folder))
    return parser


class _LocalSchemaResolver(etree.Resolver):
    """Answers schema imports with files of one local schema folder; refuses everything else."""

    def __init__(self, schema_dir: Path, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.w3c_xml_xsd = schema_dir / "scorm20044thedition" / "xml.xsd"

    def resolve(self, url, public_id, context):
        name = url.replace("\\", "/").rsplit("/", 1)[-1]
        if name == "ims_xml.xsd":
            return self.resolve_filename(str(self.w3c_xml_xsd), context)
        if name == LOM_STUB:
            return self.resolve_string(_lom_stub(), context)
        local = self.folder / name
        if not name or not local.is_file():
            # An empty answer makes libxml2 fail this one import with an error, without fetching anything.
            return self.resolve_string("", context)
        if name == "imsmd_rootv1p2p1.xsd":
            return self.resolve_string(_deterministic_imsmd(local), context, base_url=local.as_uri())
        return self.resolve_filename(str(local), context)


def _deterministic_imsmd(path: Path) -> bytes:
    return path.read_bytes().replace(b'namespace="##any"', b'namespace="##other"')


def _lom_stub() -> bytes:
    xs = "http://www.w3.org/2001/XMLSchema"
    root = etree.Element(f"{{{xs}}}schema", nsmap={"xs": xs}, targetNamespace=LOM_NS)
    etree.SubElement(root, f"{{{xs}}}element", name="lom")  # no type: xs:anyType, content checked laxly
    return etree.tostring(root)


def _as_tree(manifest) -> etree._ElementTree | SchemaError:
    if isinstance(manifest, etree._ElementTree):
        return manifest
    if isinstance(manifest, etree._Element):
        return manifest.getroottree()
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_blank_text=False
    )
    try:
        return etree.ElementTree(etree.fromstring(manifest, parser))
    except etree.XMLSyntaxError as error:
        return SchemaError(error.lineno or 0, f"not well-formed XML: {error.msg}")


def _clean_message(message: str) -> str:
    """libxml2 names elements as {namespace}name; the conventional prefixes read better."""
    for namespace, prefix in _PREFIXES.items():
        message = message.replace(f"##other{{{namespace}}}*", f"elements of other namespaces than {prefix}")
        message = message.replace(f"{{{namespace}}}", f"{prefix}:")
    return message


_PREFIXES = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp",
    "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav",
    "http://www.imsglobal.org/xsd/imsss": "imsss",
    IMSMD12_NS: "imsmd",
    LOM_NS: "lom",
    XML_NS: "xml",
}
