"""What every package manifest shares: ids, LOM metadata, the organization, resources and their files.

The SCORM 1.2, SCORM 2004 and IMS CP exporters differ only in namespaces, in the flavour of LOM and in
what they add to items and to the organization (mastery score, sequencing). Everything else is here.

Manifests are built with lxml and written with the conventional prefixes (`adlcp`, `imsss`, `adlseq`,
`adlnav`, `imsmd`, `lom`) and the content packaging elements in the default namespace: Moodle's SCORM
parser matches element names as written (`ADLCP:MASTERYSCORE`), not namespaces, and its IMS CP reader
asks the DOM for unprefixed `organizations`, `item` and `resource`.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import etree

from course_builder.content.model import Course, Module
from course_builder.packaging import MANIFEST_NAME, Deflated, is_junk, zip_bytes
from course_builder.render import Rendered

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

IMSCP12_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD12_NS = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
IMSCP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ_NS = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV_NS = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
COURSE_PACKAGE_PARAMETERS = "?package=course"  # templates/player/static/player.js reads it


@dataclass(frozen=True)
class Sco:
    """One module as a launchable unit of a package: its page, every file that page loads, its mastery."""

    module: Module
    files: dict[str, bytes]  # by path from the package root
    mastery_score: int | None  # percent; None when the module has no quiz in this package

    @property
    def launch(self) -> str:
        return f"{self.module.id}/index.html"

    @property
    def item_id(self) -> str:
        return f"ITEM-{self.module.id}"

    @property
    def resource_id(self) -> str:
        return f"RES-{self.module.id}"

    @property
    def scaled_mastery(self) -> str | None:
        """The mastery score as SCORM 2004's normalized measure: 80 → "0.8"."""
        if self.mastery_score is None:
            return None
        from decimal import Decimal  # only SCORM 2004 asks: importing it made every build ~1 ms slower

        return format((Decimal(self.mastery_score) / 100).normalize(), "f")


def course_scos(rendered: Rendered, include_quiz: bool = True) -> list[Sco]:
    return [module_sco(rendered, module, include_quiz) for module in rendered.course.modules]


def module_sco(rendered: Rendered, module: Module, include_quiz: bool = True) -> Sco:
    files = {path: data for path, data in rendered.module_files(module.id, include_quiz).items() if not is_junk(path)}
    with_quiz = include_quiz and bool(module.questions)
    return Sco(module, dict(sorted(files.items())), rendered.course.settings.mastery_score if with_quiz else None)


def module_package_name(course: Course, module: Module) -> str:
    """The file name of a module's own package: NN-<module-id>.zip, NN its place in the course (01, 02, …)."""
    # by id: list.index compared whole modules (dataclass equality), once per module: quadratic in a large course
    place = next((n for n, m in enumerate(course.modules, 1) if m.id == module.id), None)
    if place is None:
        raise ValueError(f"no module {module.id!r} in the course")
    return f"{place:02d}-{module.id}.zip"


@dataclass(frozen=True)
class Description:
    """What a package's (or a module's) LOM metadata says about it."""

    title: str
    description: str
    language: str
    version: str
    keywords: tuple[str, ...]
    minutes: int
    author: str
    organisation: str


def course_description(course: Course) -> Description:
    settings = course.settings
    return Description(settings.title, settings.description, settings.language, settings.version,
                       tuple(settings.keywords), course.minutes, settings.author, settings.organisation)


def module_description(course: Course, module: Module) -> Description:
    settings = course.settings
    about = "\n".join(module.objectives) or settings.description
    return Description(module.title, about, settings.language, settings.version, tuple(settings.keywords),
                       module.minutes, settings.author, settings.organisation)


def iso_duration(minutes: int) -> str:
    """A learning time as an ISO 8601 duration: 80 → PT1H20M."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def vcard(name: str, organisation: str) -> str:
    """A vCard 3.0 naming a contributor, as LOM's contribute/entity wants it."""
    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")

    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escaped(name)}"]
    if organisation:
        lines.append(f"ORG:{escaped(organisation)}")
    lines.append("END:VCARD")
    return "\n".join(lines)


def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A child element; attributes given as keywords keep their order, which keeps the bytes stable."""
    child = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        child.set(name, value)
    if text is not None:
        child.text = text
    return child


def imsmd_lom(parent: etree._Element, about: Description) -> None:
    """IMS Learning Resource Meta-data 1.2.1, the LOM binding of SCORM 1.2 (checked by its schema)."""
    def q(name: str) -> str:
        return f"{{{IMSMD12_NS}}}{name}"

    def langstring(parent, text: str, language: str | None = None) -> None:
        sub(parent, q("langstring"), text, **{XML_LANG: language or about.language})

    lom = sub(parent, q("lom"))
    general = sub(lom, q("general"))
    langstring(sub(general, q("title")), about.title)
    sub(general, q("language"), about.language)
    langstring(sub(general, q("description")), about.description)
    for keyword in about.keywords:
        langstring(sub(general, q("keyword")), keyword)
    lifecycle = sub(lom, q("lifecycle"))
    langstring(sub(lifecycle, q("version")), about.version, "x-none")
    contribute = sub(lifecycle, q("contribute"))
    role = sub(contribute, q("role"))
    langstring(sub(role, q("source")), "LOMv1.0", "x-none")
    langstring(sub(role, q("value")), "Author", "x-none")
    sub(sub(contribute, q("centity")), q("vcard"), vcard(about.author, about.organisation))
    sub(sub(lom, q("technical")), q("format"), "text/html")
    educational = sub(lom, q("educational"))
    sub(sub(educational, q("typicallearningtime")), q("datetime"), iso_duration(about.minutes))
    sub(educational, q("language"), about.language)


def ieee_lom(parent: etree._Element, about: Description) -> None:
    """IEEE 1484.12.3 LOM, the metadata of SCORM 2004 and IMS CP 1.1.4."""
    def q(name: str) -> str:
        return f"{{{LOM_NS}}}{name}"

    def string(parent, text: str) -> None:
        sub(parent, q("string"), text, language=about.language)

    def vocabulary(parent, value: str) -> None:
        sub(parent, q("source"), "LOMv1.0")
        sub(parent, q("value"), value)

    lom = sub(parent, q("lom"))
    general = sub(lom, q("general"))
    string(sub(general, q("title")), about.title)
    sub(general, q("language"), about.language)
    string(sub(general, q("description")), about.description)
    for keyword in about.keywords:
        string(sub(general, q("keyword")), keyword)
    lifecycle = sub(lom, q("lifeCycle"))
    string(sub(lifecycle, q("version")), about.version)
    contribute = sub(lifecycle, q("contribute"))
    vocabulary(sub(contribute, q("role")), "author")
    sub(contribute, q("entity"), vcard(about.author, about.organisation))
    meta = sub(lom, q("metaMetadata"))
    sub(meta, q("metadataSchema"), "LOMv1.0")
    sub(sub(lom, q("technical")), q("format"), "text/html")
    educational = sub(lom, q("educational"))
    sub(sub(educational, q("typicalLearningTime")), q("duration"), iso_duration(about.minutes))
    sub(educational, q("language"), about.language)


@dataclass(frozen=True)
class Dialect:
    """How one package format spells a manifest."""

    namespace: str  # content packaging, written as the default namespace
    prefixes: dict[str, str]  # the conventional prefixes of its extensions and of its LOM
    schema: str  # metadata/schema
    schemaversion: str  # metadata/schemaversion: Moodle reads the SCORM version from it
    lom: Callable[[etree._Element, Description], None]  # writes LOM metadata into a metadata element
    scorm_type: str | None  # the qualified attribute naming a resource's SCORM type; None outside SCORM

    def q(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"


@dataclass
class ManifestTree:
    """A manifest under construction: exporters add their extensions to the organization and items."""

    dialect: Dialect
    root: etree._Element
    organization: etree._Element
    items: dict[str, etree._Element]  # module id → its item


def manifest_tree(dialect: Dialect, *, identifier: str, organization_id: str, title: str,
                  about: Description, scos: list[Sco], course: Course) -> ManifestTree:
    """The manifest of scos, one item and one resource per module, in course order.

    `organization_id` and the item ids stay the same from version to version of the course: Moodle keeps
    a learner's tracks when a new package has items with the same identifiers.
    """
    q = dialect.q
    root = etree.Element(q("manifest"), nsmap={None: dialect.namespace, **dialect.prefixes})
    root.set("identifier", identifier)
    root.set("version", about.version)
    _metadata(root, dialect, about)
    organizations = sub(root, q("organizations"), default=organization_id)
    organization = sub(organizations, q("organization"), identifier=organization_id)
    sub(organization, q("title"), title)
    items = {}
    for sco in scos:
        items[sco.module.id] = item = sub(organization, q("item"), identifier=sco.item_id, identifierref=sco.resource_id)
        if len(scos) > 1:  # the LMS appends it to the launch URL: the player then tells how to go on to the next module
            item.set("parameters", COURSE_PACKAGE_PARAMETERS)
        sub(item, q("title"), sco.module.title)
    resources = sub(root, q("resources"))
    for sco in scos:
        _resource(resources, dialect, sco, module_description(course, sco.module) if len(scos) > 1 else None)
    return ManifestTree(dialect, root, organization, items)


def course_manifest(dialect: Dialect, course: Course, scos: list[Sco]) -> ManifestTree:
    """The manifest of the whole course: one item per module under the course's organization."""
    course_id = course.settings.id
    return manifest_tree(dialect, identifier=f"MANIFEST-{course_id}", organization_id=f"ORG-{course_id}",
                         title=course.settings.title, about=course_description(course), scos=scos, course=course)


def module_manifest(dialect: Dialect, course: Course, sco: Sco) -> ManifestTree:
    """The manifest of one module's own package."""
    package_id = f"{course.settings.id}-{sco.module.id}"
    return manifest_tree(dialect, identifier=f"MANIFEST-{package_id}", organization_id=f"ORG-{package_id}",
                         title=sco.module.title, about=module_description(course, sco.module), scos=[sco], course=course)


def _metadata(parent: etree._Element, dialect: Dialect, about: Description) -> None:
    metadata = sub(parent, dialect.q("metadata"))
    sub(metadata, dialect.q("schema"), dialect.schema)
    sub(metadata, dialect.q("schemaversion"), dialect.schemaversion)
    dialect.lom(metadata, about)


def _resource(parent: etree._Element, dialect: Dialect, sco: Sco, about: Description | None) -> None:
    """One SCO's resource: every file it loads is listed as its own file, so the resource stands alone."""
    q = dialect.q
    resource = sub(parent, q("resource"), identifier=sco.resource_id, type="webcontent")
    if dialect.scorm_type:
        resource.set(dialect.scorm_type, "sco")
    resource.set("href", sco.launch)
    if about is not None:
        dialect.lom(sub(resource, q("metadata")), about)
    for path in sco.files:
        sub(resource, q("file"), href=path)


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def package_files(scos: list[Sco]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for sco in scos:
        files.update(sco.files)
    return dict(sorted(files.items()))


def package_zip(tree: ManifestTree, scos: list[Sco], deflated: Deflated | None = None) -> bytes:
    """The package: imsmanifest.xml at the root beside exactly the files its resources list."""
    return zip_bytes({MANIFEST_NAME: serialize(tree.root), **package_files(scos)}, deflated)


def write_packages(rendered: Rendered, out: Path, course_package, module_package) -> None:
    """A SCORM version's output: <course-id>.zip (every module) and modules/NN-<module-id>.zip (one each)."""
    course = rendered.course
    (out / f"{course.settings.id}.zip").write_bytes(course_package(rendered))
    modules = out / "modules"
    modules.mkdir()
    write_module_packages(rendered, modules, module_package)


def write_module_packages(rendered: Rendered, folder: Path, module_package,
                          earlier: Callable[[str, str], Path | None] = lambda module_id, name: None) -> None:
    """modules/NN-<module-id>.zip, one package per module; `earlier(module id, file name)` may name the same
    bytes already made (the preview's unchanged modules), to be copied instead of packaged again."""
    course = rendered.course
    for module in course.modules:
        name = module_package_name(course, module)
        same = earlier(module.id, name)
        if same is not None:
            shutil.copyfile(same, folder / name)
        else:
            (folder / name).write_bytes(module_package(rendered, module))
