"""Reading built packages back in tests: the zip, its manifest, and the manifest as Moodle reads it."""
from __future__ import annotations

import re
import xml.parsers.expat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from posixpath import dirname, join, normpath

from lxml import etree

from course_builder import schemas

SCHEMA_OF_FORMAT = {"scorm12": schemas.SCORM12, "scorm2004": schemas.SCORM2004_4TH, "imscp": schemas.IMSCP}


def zip_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def unpack(package: Path, folder: Path) -> Path:
    """The package unpacked as an LMS does, into folder."""
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return folder


def manifest_of(path: Path) -> etree._Element:
    return etree.fromstring(zip_files(path)["imsmanifest.xml"])


def packages(dist: Path) -> list[Path]:
    return sorted(dist.glob("*/*.zip")) + sorted(dist.glob("*/modules/*.zip"))


def format_of(package: Path, dist: Path) -> str:
    return package.relative_to(dist).parts[0]


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def by_local_name(root: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in root.iter(etree.Element) if local(e) == name]


def resource_files(root: etree._Element) -> dict[str, list[str]]:
    """resource identifier → the hrefs of its file elements."""
    return {r.get("identifier"): [f.get("href") for f in r if local(f) == "file"] for r in by_local_name(root, "resource")}


def loaded_by(html: bytes, page: str, files: dict[str, bytes]) -> set[str]:
    """The package paths a page loads: scripts, stylesheets, images, and what its stylesheets load."""
    tree = etree.HTML(html)
    found = set()
    for element, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src")):
        for node in tree.iter(element):
            if node.get(attribute) and not node.get(attribute).startswith("data:"):
                found.add(_resolve(page, node.get(attribute)))
    for stylesheet in [path for path in found if path.endswith(".css") and path in files]:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", files[stylesheet].decode("utf-8")):
            if not url.startswith(("data:", "#")):
                found.add(_resolve(stylesheet, url))
    return found


def _resolve(page: str, href: str) -> str:
    return normpath(join(dirname(page), href.split("#")[0].split("?")[0]))


@dataclass
class MoodleSco:
    identifier: str
    parent: str
    launch: str = ""
    scormtype: str = ""
    parameters: str = ""  # read by datamodels/scormlib.php; locallib.php appends it to the launch URL
    title: str = ""
    data: dict[str, str] = field(default_factory=dict)


class MoodleCannotAdd(Exception):
    """Moodle's parser dies on the manifest: adding the package to an activity fails."""


@dataclass
class MoodleReading:
    version: str
    default_org: str | None
    scoes: list[MoodleSco]


def read_like_moodle(manifest: bytes) -> MoodleReading:
    """The manifest as Moodle 4.5's scorm_parse_scorm sees it (mod/scorm/datamodels/scormlib.php).

    Moodle parses without namespaces and matches upper-cased names as written, prefix included
    (ADLCP:MASTERYSCORE, ADLCP:SCORMTYPE, IMSSS:SEQUENCING); the version comes from the first
    metadata/schemaversion, and anything it does not recognise counts as SCORM 1.2.
    An objective holding an imsss:mapInfo kills it (MoodleCannotAdd): see _objective_maps.
    """
    root = _expat_tree(manifest)
    _objective_maps(root)
    reading = MoodleReading("", None, [])
    resources = {}
    for block in root["children"]:
        if block["name"] == "RESOURCES":
            for resource in block["children"]:
                if resource["name"] == "RESOURCE":
                    resources[resource["attrs"]["IDENTIFIER"]] = resource["attrs"]
    for block in root["children"]:
        if block["name"] == "METADATA" and not reading.version:
            for child in block["children"]:
                if child["name"] == "SCHEMAVERSION":
                    reading.version = _moodle_version(child["text"])
        if block["name"] == "ORGANIZATIONS":
            reading.default_org = block["attrs"].get("DEFAULT")
            for organization in block["children"]:
                if organization["name"] == "ORGANIZATION":
                    _read_items(organization, "/", resources, reading.scoes)
    return reading


def _objective_maps(block: dict) -> None:
    """Moodle 4.5 dies on an imsss:objective or imsss:primaryObjective that holds an imsss:mapInfo.

    scorm_get_manifest (mod/scorm/datamodels/scormlib.php, case 'IMSSS:OBJECTIVES', about line 378) collects
    the maps, then assigns them to `$objectivesdata`, a variable never defined (the objective is in
    `$objectivedata`): PHP 8 stops with "Attempt to assign property "mapinfos" on null", seen on a real
    Moodle 4.5.6 both from the upload form and from add_moduleinfo on the command line.
    """
    for child in block["children"]:
        if block["name"] == "IMSSS:OBJECTIVES" and child["name"] in ("IMSSS:OBJECTIVE", "IMSSS:PRIMARYOBJECTIVE"):
            if any(param["name"] == "IMSSS:MAPINFO" for param in child["children"]):
                raise MoodleCannotAdd(f'Attempt to assign property "mapinfos" on null '
                                      f'(objective {child["attrs"].get("OBJECTIVEID", "")!r})')
        _objective_maps(child)


def _moodle_version(text: str) -> str:
    if re.fullmatch(r"1\.2|(CAM )?1\.3", text):
        return "SCORM_" + text.replace("CAM ", "")
    if re.fullmatch(r"2004 (3rd|4th) Edition", text):
        return "SCORM_1.3"
    return "SCORM_1.2"


def _read_items(block: dict, parent: str, resources: dict, scoes: list[MoodleSco]) -> None:
    sco = MoodleSco(block["attrs"]["IDENTIFIER"], parent)
    scoes.append(sco)
    if block["name"] == "ITEM":
        reference = block["attrs"].get("IDENTIFIERREF")
        resource = resources.get(reference, {})
        sco.launch = resource.get("HREF", "")
        sco.scormtype = resource.get("ADLCP:SCORMTYPE") or ("asset" if reference else "")
        sco.parameters = block["attrs"].get("PARAMETERS", "")
    for child in block["children"]:
        if child["name"] == "TITLE":
            sco.title = child["text"]
        elif child["name"] == "ITEM":
            _read_items(child, sco.identifier, resources, scoes)
        elif child["name"].startswith(("ADLCP:", "IMSSS:", "ADLNAV:")):
            sco.data[child["name"]] = child["text"]


def _expat_tree(data: bytes) -> dict:
    parser = xml.parsers.expat.ParserCreate("UTF-8")  # no namespace processing, as PHP's xml_parser_create
    stack = [{"name": "", "attrs": {}, "children": [], "text": ""}]

    def start(name, attrs):
        node = {"name": name.upper(), "attrs": {k.upper(): v for k, v in attrs.items()}, "children": [], "text": ""}
        stack[-1]["children"].append(node)
        stack.append(node)

    def end(name):
        stack.pop()

    def text(data):
        if data.strip():
            stack[-1]["text"] += data

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.Parse(data, True)
    return stack[0]["children"][0]
