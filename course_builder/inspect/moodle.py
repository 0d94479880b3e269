"""What Moodle 4.5's SCORM player ignores or handles differently from the specifications.

Behind each rule: mod/scorm/datamodels/scormlib.php (the manifest parser: a non-namespace-aware
parser that matches prefixed element names and recognises the version by a regular expression on
metadata/schemaversion), and behaviours observed on a real Moodle 4.5.6 (runtime errors, the
mastery-score rewrite).
"""
from __future__ import annotations

import re

from lxml import etree

from course_builder.inspect.findings import Finding, error, note, warning
from course_builder.inspect.manifest import CONVENTIONAL_PREFIXES, IMSCC, MANIFEST, SCORM12, SCORM2004, Version
from course_builder.inspect.safezip import PackageZip
from course_builder.manifest_reader import (
    ADLCP12_NS, ADLCP_NS, IMSSS_NS, MOODLE_VERSION_12, MOODLE_VERSION_13, XML_NS, Manifest, moodle_version, split_name,
)
from course_builder.packaging import is_junk

MAX_IDENTIFIER_LENGTH = 255  # scorm_scoes.identifier

# The sequencing Moodle reads from imsss:sequencing (scorm_get_manifest); the rest is dropped.
SEQUENCING_READ = {"controlMode", "objectives", "limitConditions", "rollupRules", "sequencingRules"}
_NAV_REQUEST = re.compile(
    r"""adl\.nav\.request['"]\s*,\s*['"](?:\{target=[^}]*\})?(choice|exitAll|exit|abandon)['"]""")
_ADL_DATA = re.compile(r"""['"]adl\.data\.""")
_INTERACTION_READ = re.compile(r"""GetValue\(\s*['"]cmi\.interactions\.""")
SCRIPT_SUFFIXES = (".js", ".html", ".htm", ".xhtml")


def findings(manifest: Manifest, version: Version, package: PackageZip) -> list[Finding]:
    if version.kind == IMSCC:
        return _cartridge_findings(version)
    if not version.is_scorm:
        return []
    found = _version_findings(version)
    found += _prefix_findings(manifest)
    found += _xml_base_findings(manifest)
    found += _identifier_findings(manifest)
    found += _sub_manifest_findings(manifest)
    if version.kind == SCORM12:
        found += _mastery_notes(manifest)
        found += _prerequisite_notes(manifest)
    else:
        found += _sequencing_findings(manifest)
    return found + _runtime_findings(package, version)


KNOWN_SCHEMAVERSIONS = ("1.2", "CAM 1.3", "2004 3rd Edition", "2004 4th Edition")


def _version_findings(version: Version) -> list[Finding]:
    recorded = moodle_version(version.schemaversion)
    expected = MOODLE_VERSION_13 if version.kind == SCORM2004 else MOODLE_VERSION_12
    consequence = f"Moodle plays the package as {moodle_label(recorded)}{_wrong(recorded, expected)}"
    text = version.schemaversion
    if text is None:
        return [warning("missing-schemaversion", f"the manifest has no metadata/schemaversion; {consequence}",
                        MANIFEST, version.line)]
    if text.strip() != text and recorded != expected:
        return [warning("schemaversion-whitespace", f"schemaversion {text!r} has spaces or line breaks around it, "
                                                    f"and Moodle compares it exactly: {consequence}",
                        MANIFEST, version.line)]
    if text.strip() not in KNOWN_SCHEMAVERSIONS:
        return [warning("unknown-schemaversion", f"schemaversion {text.strip()!r} is none of "
                                                 f"{', '.join(KNOWN_SCHEMAVERSIONS)}; {consequence}",
                        MANIFEST, version.line)]
    if recorded != expected:
        return [warning("version-mismatch", f"schemaversion {text.strip()!r} does not match the namespaces; "
                                            f"{consequence}", MANIFEST, version.line)]
    return []


def moodle_label(recorded: str) -> str:
    return "SCORM 1.2" if recorded == MOODLE_VERSION_12 else "SCORM 2004"


def _wrong(recorded: str, expected: str) -> str:
    return "" if recorded == expected else ", which this package is not"


def _prefix_findings(manifest: Manifest) -> list[Finding]:
    """Moodle's parser sees prefixed names: `adlcp:masteryscore`, `imsss:sequencing`, unprefixed `item`."""
    found: dict[tuple[str, str], Finding] = {}
    for element in manifest.tree.getroot().iter(tag=etree.Element):
        namespace, local = split_name(element.tag)
        line = element.sourceline or 0
        if namespace == manifest.namespace and element.prefix is not None:
            found.setdefault(("cp", element.prefix), warning(
                "namespace-prefix", f"content packaging elements use the prefix '{element.prefix}:'; Moodle's "
                                    "parser only reads them unprefixed (default namespace)", MANIFEST, line))
        conventional = CONVENTIONAL_PREFIXES.get(namespace)
        if conventional and element.prefix != conventional:
            found.setdefault((namespace, element.prefix or ""), warning(
                "namespace-prefix", f"<{local}> of {namespace} uses the prefix '{element.prefix or ''}'; Moodle "
                                    f"only recognises '{conventional}:'", MANIFEST, line))
        for attribute in element.attrib:
            namespace, local = split_name(attribute)
            conventional = CONVENTIONAL_PREFIXES.get(namespace)
            if conventional and element.nsmap.get(conventional) != namespace:
                found.setdefault((namespace, "@" + local), warning(
                    "namespace-prefix", f"attribute {local} of {namespace} is not written with the prefix "
                                        f"'{conventional}:'; Moodle ignores it", MANIFEST, line))
    return list(found.values())


def _xml_base_findings(manifest: Manifest) -> list[Finding]:
    root = manifest.tree.getroot()
    q = (lambda local: f"{{{manifest.namespace}}}{local}") if manifest.namespace else (lambda local: local)
    found = []
    for element in [root, root.find(q("resources"))]:
        if element is not None and element.get(f"{{{XML_NS}}}base") is not None:
            found.append(warning("moodle-xml-base", f"xml:base on <{split_name(element.tag)[1]}> is ignored by "
                                                    "Moodle, which only reads it on <resource>", MANIFEST,
                                 element.sourceline))
    return found


def _identifier_findings(manifest: Manifest) -> list[Finding]:
    found = []
    for element in manifest.tree.getroot().iter(tag=etree.Element):
        value = element.get("identifier") or ""
        if len(value) > MAX_IDENTIFIER_LENGTH:
            found.append(warning("long-identifier", f"identifier of {len(value)} characters; Moodle stores at most "
                                                    f"{MAX_IDENTIFIER_LENGTH}", MANIFEST, element.sourceline))
    return found


def _sub_manifest_findings(manifest: Manifest) -> list[Finding]:
    if not manifest.sub_manifests:
        return []
    return [warning("sub-manifest", "the manifest holds sub-manifests; Moodle's parser reads each as a new "
                                    "package and loses the outer resources", MANIFEST)]


def _mastery_notes(manifest: Manifest) -> list[Finding]:
    scored = [item for item in manifest.all_items() if item.mastery_score is not None]
    if not scored:
        return []
    return [note("moodle-mastery-override", "with adlcp:masteryscore and a score sent, Moodle rewrites the status "
                                            "'completed' to 'passed' or 'failed' (site default 'mastery score "
                                            "overrides status'): an activity completion rule must require "
                                            "'passed' (or 'passed or completed'), never 'completed' alone",
                 MANIFEST, scored[0].line)]


def _prerequisite_notes(manifest: Manifest) -> list[Finding]:
    found = []
    for element in manifest.tree.getroot().iter(f"{{{ADLCP12_NS}}}prerequisites"):
        if element.get("type") != "aicc_script":
            found.append(note("moodle-prerequisites", "Moodle ignores prerequisites whose type is not aicc_script",
                              MANIFEST, element.sourceline))
    return found


def _objective_map_findings(root: etree._Element) -> list[Finding]:
    """Moodle 4.5 cannot add a package with an objective map: scorm_get_manifest
    (mod/scorm/datamodels/scormlib.php, about line 378) assigns the maps to an undefined `$objectivesdata`."""
    objectives = f"{{{IMSSS_NS}}}objectives"
    return [error("moodle-objective-map", "Moodle 4.5 cannot add this package: its manifest parser dies on an "
                                          "imsss:mapInfo inside an objective ('Attempt to assign property \"mapinfos\" "
                                          "on null')", MANIFEST, element.sourceline)
            for element in root.iter(f"{{{IMSSS_NS}}}mapInfo")
            if element.getparent() is not None and element.getparent().getparent() is not None
            and element.getparent().getparent().tag == objectives][:1]


def _sequencing_findings(manifest: Manifest) -> list[Finding]:
    root = manifest.tree.getroot()
    found = []
    for element in root.iter(f"{{{IMSSS_NS}}}sequencingCollection"):
        found.append(warning("moodle-sequencing-collection", "Moodle ignores imsss:sequencingCollection; items that "
                                                             "refer to it by IDRef get no sequencing",
                             MANIFEST, element.sourceline))
    ignored: dict[str, int] = {}
    for sequencing in root.iter(f"{{{IMSSS_NS}}}sequencing"):
        if sequencing.get("IDRef"):
            found.append(warning("moodle-sequencing-collection", "Moodle ignores sequencing by IDRef",
                                 MANIFEST, sequencing.sourceline))
        for child in sequencing.iterchildren(tag=etree.Element):
            namespace, local = split_name(child.tag)
            if namespace != IMSSS_NS or local not in SEQUENCING_READ:
                ignored.setdefault(child.prefix + ":" + local if child.prefix else local, child.sourceline or 0)
    for name, line in sorted(ignored.items()):
        found.append(note("moodle-sequencing", f"Moodle's SCORM 2004 player ignores <{name}> (it reads only "
                                               f"{', '.join(sorted(SEQUENCING_READ))})", MANIFEST, line))
    first = next(root.iter(f"{{{IMSSS_NS}}}sequencing"), None)
    if first is not None:
        found.append(note("moodle-sequencing-partial", "Moodle supports SCORM 2004 sequencing only in part; try the "
                                                       "package in Moodle before relying on its sequencing", MANIFEST,
                          first.sourceline))
    found += _objective_map_findings(root)
    for element in root.iter(f"{{{ADLCP_NS}}}data"):
        found.append(warning("moodle-adl-data", "Moodle does not support adl.data (shared data); the SCO gets error "
                                                "401", MANIFEST, element.sourceline))
    return found


def _runtime_findings(package: PackageZip, version: Version) -> list[Finding]:
    """Calls in the content's scripts that a real Moodle 4.5 fails on or records oddly."""
    found = []
    scripts = _script_texts(package)
    for name, text in scripts:
        if version.kind == SCORM2004:
            found += _matches(_NAV_REQUEST, text, name, lambda match: warning(
                "moodle-nav-request", f"sets adl.nav.request to '{match.group(1)}'; Moodle's handler fails on "
                                      "choice, exit, exitAll and abandon (and the SCO's Terminate then fails)"))
            found += _matches(_ADL_DATA, text, name, lambda match: warning(
                "moodle-adl-data", "uses adl.data, which Moodle does not support (error 401)"))[:1]
        else:
            found += _matches(_INTERACTION_READ, text, name, lambda match: warning(
                "moodle-interactions-read", "reads cmi.interactions, which are write-only in SCORM 1.2: Moodle "
                                            "answers error 404"))[:1]
    if version.kind == SCORM2004 and scripts and not any("cmi.session_time" in text for _, text in scripts):
        found.append(note("moodle-session-time", "no script mentions cmi.session_time; a SCORM 2004 SCO that never "
                                                 "sets it gets the total time 'P' in Moodle"))
    return found


def _script_texts(package: PackageZip) -> list[tuple[str, str]]:
    texts = []
    for name in sorted(package.files):
        if not name.lower().endswith(SCRIPT_SUFFIXES) or is_junk(name):
            continue
        data = package.read(name, package.limits.max_scan_size)
        if isinstance(data, bytes):
            texts.append((name, data.decode("utf-8", "replace")))
    return texts


def _matches(pattern: re.Pattern, text: str, name: str, make) -> list[Finding]:
    found = []
    for match in pattern.finditer(text):
        finding = make(match)
        line = text.count("\n", 0, match.start()) + 1
        found.append(Finding(finding.severity, finding.code, finding.message, name, line))
    return found


def _cartridge_findings(version: Version) -> list[Finding]:
    if version.label.endswith(("1.0", "1.1")):
        return []
    return [warning("moodle-cc-version", f"Moodle imports Common Cartridge 1.0 and 1.1 only; {version.label} is "
                                         "an unknown format to it", MANIFEST)]
