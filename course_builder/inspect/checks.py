"""The rules every package must meet, whoever made it: references resolve, files exist and are listed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from course_builder.inspect import content_refs, paths
from course_builder.inspect.findings import Finding, error, fatal, note, warning
from course_builder.inspect.manifest import IMSCC, MANIFEST, SCORM2004, Version
from course_builder.inspect.safezip import PackageZip
from course_builder.manifest_reader import FileRef, Item, Manifest, Resource
from course_builder.packaging import is_junk

# xs:ID, which every identifier in a manifest is: an XML name without colons.
_NCNAME = re.compile(r"^[^\W\d\-.][\w.\-\u00b7\u0300-\u036f\u203f-\u2040]*$")
SCHEMA_FILE_SUFFIXES = (".xsd", ".dtd")
AICC_SUFFIXES = (".crs", ".au", ".cst", ".des")  # the AICC course structure files Moodle looks for


@dataclass(frozen=True)
class OutsideUrl:
    url: str
    entry: str
    line: int
    kind: str  # "manifest", content_refs.LOADS or content_refs.LINKS


def manifest_location(package: PackageZip) -> list[Finding]:
    names = list(package.files)
    if MANIFEST in package.files:
        return []
    root_variants = [name for name in names if name.lower() == MANIFEST]
    if root_variants:
        return [error("no-manifest", f"the manifest is named {root_variants[0]!r}; it must be exactly "
                                     f"'{MANIFEST}' (LMSs, Moodle among them, match the name exactly)")]
    nested = sorted(name for name in names if name.lower().endswith("/" + MANIFEST))
    if nested:
        return [error("manifest-not-at-root", f"{MANIFEST} must be at the root of the zip, not in {nested[0]!r} "
                                              "(zip the folder's contents, not the folder)")]
    aicc = sorted(name for name in names if name.lower().endswith(AICC_SUFFIXES))
    if aicc:
        return [fatal("aicc-package", f"this looks like an AICC course ({aicc[0]!r}); inspect checks SCORM and IMS "
                                      "packages only")]
    return [error("no-manifest", f"the zip has no {MANIFEST}; it is not a SCORM or IMS package")]


def identifiers(manifest: Manifest) -> list[Finding]:
    findings = []
    seen: dict[str, int] = {}
    for element in manifest.tree.getroot().iter(tag=_cp_tags(manifest)):
        value = element.get("identifier")
        line = element.sourceline or 0
        tag = element.tag.rsplit("}", 1)[-1]
        if value is None:
            findings.append(error("missing-identifier", f"<{tag}> has no identifier", MANIFEST, line))
            continue
        if not _NCNAME.match(value):
            findings.append(error("invalid-identifier", f"identifier {value!r} of <{tag}> is not a valid XML ID "
                                                         "(a letter or '_' first; letters, digits, '.', '-', '_')",
                                  MANIFEST, line))
        if value in seen:
            findings.append(error("duplicate-identifier", f"identifier {value!r} is also used on line {seen[value]}",
                                  MANIFEST, line))
        seen.setdefault(value, line)
    return findings


def _cp_tags(manifest: Manifest) -> list[str]:
    ns = manifest.namespace
    return [f"{{{ns}}}{local}" if ns else local for local in ("manifest", "organization", "item", "resource")]


def organizations(manifest: Manifest, version: Version) -> list[Finding]:
    findings = []
    organization_ids = {organization.identifier for organization in manifest.organizations}
    default = manifest.default_organization
    # The Common Cartridge profile allows one organization and has no `default` attribute
    # (IMS CC 1.1, ccv1p1_imscp_v1p2_v1p0.xsd, <organizations>).
    if manifest.organizations and default is None and version.kind != IMSCC:
        findings.append(warning("missing-default-organization", "<organizations> names no default organization",
                                MANIFEST, manifest.default_line))
    elif default is not None and default not in organization_ids:
        findings.append(error("default-organization", f"the default organization {default!r} does not exist"
                                                      f"{_choices(organization_ids)}", MANIFEST, manifest.default_line))
    if not manifest.organizations and version.is_scorm:
        findings.append(note("no-organizations", "there are no organizations: LMSs list the resources instead",
                             MANIFEST, manifest.default_line))
    targets = set(manifest.resources) | set(manifest.sub_manifests)
    for item in manifest.all_items():
        findings += _item_findings(item, manifest, targets, version)
    return findings


def _item_findings(item: Item, manifest: Manifest, targets: set[str], version: Version) -> list[Finding]:
    ref = item.identifierref
    if ref is None:
        if not item.children and version.kind == IMSCC:
            # backup/cc/cc2moodle.php: a top-level one becomes a section summary, a deeper one a label.
            return [note("empty-item", f"item {item.identifier!r} has neither an identifierref nor child items: "
                                       "in a cartridge it is a heading (Moodle makes it a section summary or a "
                                       "label)", MANIFEST, item.line)]
        if not item.children:
            return [warning("empty-item", f"item {item.identifier!r} has neither an identifierref nor child items; "
                                          "it launches nothing", MANIFEST, item.line)]
        return []
    if ref not in targets:
        return [error("missing-identifierref", f"item {item.identifier!r} refers to {ref!r}, which is no resource"
                                               f"{_choices(manifest.resources)}", MANIFEST, item.line)]
    findings = []
    if item.children:
        severity = error if version.kind == SCORM2004 else warning
        findings.append(severity("parent-with-resource", f"item {item.identifier!r} has child items and also "
                                                         "launches a resource", MANIFEST, item.line))
    resource = manifest.resources.get(ref)
    if resource is None or resource.href:
        return findings
    if not _is_descriptor(resource, version):
        findings.append(error("no-launch-file", f"item {item.identifier!r} refers to resource {ref!r}, which has no "
                                                "href to launch", MANIFEST, item.line))
    elif not resource.files:
        findings.append(error("no-launch-file", f"item {item.identifier!r} refers to resource {ref!r} of type "
                                                f"{resource.type!r}, which has no file: the LMS reads such a resource "
                                                "from its first <file>", MANIFEST, item.line))
    return findings


def _is_descriptor(resource: Resource, version: Version) -> bool:
    """A cartridge resource other than web content (a quiz, a forum, a web link, an LTI link) has no launch
    file by design: its content is the XML descriptor in its first <file>, which is what an LMS reads
    (Moodle: backup/cc/entities11.class.php, the first resource/file/@href)."""
    return version.kind == IMSCC and resource.type != "webcontent"


def _choices(identifiers) -> str:
    shown = sorted(identifiers)[:5]
    return f" (there are: {', '.join(shown)})" if shown else ""


def resources(manifest: Manifest, package: PackageZip) -> tuple[list[Finding], list[OutsideUrl]]:
    findings: list[Finding] = []
    outside: list[OutsideUrl] = []
    listings = Listings(manifest)
    for resource in manifest.resource_list:
        if resource.base and not resource.base.endswith("/") and "://" not in resource.base:
            findings.append(warning("xml-base", f"xml:base {resource.base!r} of resource {resource.identifier!r} "
                                                "should end with '/'", MANIFEST, resource.line))
        for ref in resource.files:
            _package_target(ref, resource.base, package, findings, outside, what="file")
        if resource.href:
            launch = FileRef(resource.href, resource.line)
            target = _package_target(launch, resource.base, package, findings, outside, what="launch file")
            if target and target not in listings.available(resource):
                findings.append(error("launch-not-listed", f"the launch file {target!r} of resource "
                                                           f"{resource.identifier!r} is not listed as one of its "
                                                           "files or of its dependencies", MANIFEST, resource.line))
        for identifierref, line in resource.dependencies:
            if identifierref not in manifest.resources:
                findings.append(error("missing-identifierref", f"dependency of resource {resource.identifier!r} "
                                                               f"refers to {identifierref!r}, which is no resource",
                                      MANIFEST, line))
    for ref in manifest.metadata_locations + [ref for r in manifest.resource_list for ref in r.metadata_locations]:
        _package_target(ref, "", package, findings, outside, what="metadata file")
    return findings, outside


def _package_target(ref: FileRef, base: str, package: PackageZip, findings: list[Finding],
                    outside: list[OutsideUrl], what: str) -> str | None:
    """The package path ref points at, if it is one; records what is wrong with it otherwise."""
    target = paths.resolve(ref.href, base)
    shown = ref.href
    if target.kind == paths.OUTSIDE:
        outside.append(OutsideUrl(base + ref.href if base and "://" in base else ref.href, MANIFEST, ref.line,
                                  "manifest"))
        findings.append(error("outside-url", f"{what} {shown!r} is outside the package; everything a package "
                                             "shows must be inside it", MANIFEST, ref.line))
        return None
    if target.kind in (paths.ABSOLUTE, paths.ESCAPES, paths.BACKSLASH, paths.HARMLESS):
        reason = {
            paths.ABSOLUTE: "is an absolute path",
            paths.ESCAPES: "climbs out of the package with '..'",
            paths.BACKSLASH: "uses backslashes; URLs use '/'",
            paths.HARMLESS: "is not a file",
        }[target.kind]
        findings.append(error("bad-href", f"{what} {shown!r} {reason}", MANIFEST, ref.line))
        return None
    if target.kind == paths.FRAGMENT:
        findings.append(error("bad-href", f"{what} has an empty href", MANIFEST, ref.line))
        return None
    if target.path not in package.files:
        findings.append(error("missing-file", f"{what} {target.path!r} is not in the package", MANIFEST, ref.line))
        return None
    return target.path


def referenced_files(manifest: Manifest, extra: list[FileRef]) -> set[str]:
    """Every package path the manifest points at: files, launch files, metadata files, schema files."""
    found = set()
    for resource in manifest.resource_list:
        hrefs = [ref.href for ref in resource.files + resource.metadata_locations]
        hrefs += [resource.href] if resource.href else []
        for href in hrefs:
            target = paths.resolve(href, resource.base)
            if target.kind == paths.LOCAL:
                found.add(target.path)
    for ref in manifest.metadata_locations + extra:
        target = paths.resolve(ref.href)
        if target.kind == paths.LOCAL:
            found.add(target.path)
    return found


def unreferenced(package: PackageZip, referenced: set[str]) -> list[Finding]:
    findings = []
    for name in sorted(package.files):
        if name == MANIFEST or name in referenced or is_junk(name):
            continue
        if name.lower().endswith(SCHEMA_FILE_SUFFIXES):
            continue  # schema files the manifest's xsi:schemaLocation imports; they are control files
        findings.append(error("unreferenced-file", "is in the zip but not listed in the manifest", name))
    return findings


def content(manifest: Manifest, package: PackageZip) -> tuple[list[Finding], list[OutsideUrl]]:
    """What the pages and stylesheets load: inside the package, and listed in the resource that loads it."""
    findings: list[Finding] = []
    outside: list[OutsideUrl] = []
    listings = Listings(manifest)
    for name in sorted(package.files):
        if not content_refs.is_scannable(name) or is_junk(name):
            continue
        data = package.read(name, package.limits.max_scan_size)
        if isinstance(data, Finding):
            if data.code == "entry-too-large":
                findings.append(note("not-scanned", "too large to scan for the files it loads", name))
            else:
                findings.append(data)
            continue
        for reference in content_refs.references(name, data):
            findings += _reference_findings(name, reference, package, listings, outside)
    return findings, outside


def _reference_findings(name: str, reference: content_refs.Reference, package: PackageZip, listings: Listings,
                        outside: list[OutsideUrl]) -> list[Finding]:
    target = paths.resolve(reference.url, paths.folder_of(name))
    verb = "loads" if reference.kind == content_refs.LOADS else "links to"
    if target.kind == paths.OUTSIDE:
        outside.append(OutsideUrl(reference.url, name, reference.line, reference.kind))
        if reference.kind == content_refs.LOADS:
            return [error("outside-url", f"loads {reference.url!r} from outside the package; it fails offline and "
                                         "behind firewalls", name, reference.line)]
        return []
    if target.kind in (paths.ABSOLUTE, paths.ESCAPES, paths.BACKSLASH):
        return [error("bad-href", f"{verb} {reference.url!r}, which is not a path inside the package", name,
                      reference.line)]
    if target.kind != paths.LOCAL or target.path.endswith("/") or not target.path:
        return []
    if target.path not in package.files:
        return [error("missing-file", f"{verb} {target.path!r}, which is not in the package", name, reference.line)]
    lacking = [resource.identifier for resource in listings.owners.get(name, [])
               if target.path not in listings.available(resource)]
    if not lacking:
        return []
    resources_named = ("resources " if len(lacking) > 1 else "resource ") + ", ".join(map(repr, lacking))
    return [error("unlisted-file", f"{verb} {target.path!r}, which is not listed as a file of its {resources_named} "
                                   "or of its dependencies", name, reference.line)]


class Listings:
    """Which files each resource lists, alone and with its dependencies; worked out once per manifest."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.own = {id(resource): _listed(resource) for resource in manifest.resource_list}
        self.owners: dict[str, list[Resource]] = {}
        for resource in manifest.resource_list:
            for path in self.own[id(resource)]:
                self.owners.setdefault(path, []).append(resource)
        self._available: dict[int, set[str]] = {}

    def available(self, resource: Resource) -> set[str]:
        """The files of the resource and of every resource it depends on, directly or not."""
        if id(resource) not in self._available:
            found: set[str] = set()
            pending, visited = [resource], set()
            while pending:
                current = pending.pop()
                if id(current) in visited:
                    continue
                visited.add(id(current))
                found |= self.own[id(current)]
                pending += [self.manifest.resources[ref] for ref, _ in current.dependencies
                            if ref in self.manifest.resources]
            self._available[id(resource)] = found
        return self._available[id(resource)]


def _listed(resource: Resource) -> set[str]:
    found = set()
    for ref in resource.files:
        target = paths.resolve(ref.href, resource.base)
        if target.kind == paths.LOCAL:
            found.add(target.path)
    return found


def scorm(manifest: Manifest, version: Version) -> list[Finding]:
    """SCORM's own rules about SCOs and mastery scores."""
    findings = []
    launched = [(item, manifest.resources[item.identifierref]) for item in manifest.all_items()
                if item.identifierref in manifest.resources]
    for item, resource in launched:
        if resource.scorm_type is None and resource.href:
            findings.append(warning("missing-scormtype", f"resource {resource.identifier!r} (launched by item "
                                                         f"{item.identifier!r}) has no adlcp:scorm{_type_case(version)}"
                                                         "; LMSs treat it as an asset and track nothing",
                                    MANIFEST, resource.line))
        if item.mastery_score is not None:
            findings += _mastery_findings(item, resource)
    if launched and not any(resource.scorm_type == "sco" for _, resource in launched):
        findings.append(warning("no-sco", "no item launches a SCO; the LMS records no progress or score", MANIFEST))
    return findings


def _type_case(version: Version) -> str:
    return "Type" if version.kind == SCORM2004 else "type"


def _mastery_findings(item: Item, resource: Resource) -> list[Finding]:
    try:
        value = float(item.mastery_score)
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 100:
        return [error("invalid-masteryscore", f"mastery score {item.mastery_score!r} of item {item.identifier!r} "
                                              "is not a number from 0 to 100", MANIFEST, item.line)]
    if resource.scorm_type != "sco":
        return [warning("masteryscore-on-asset", f"item {item.identifier!r} has a mastery score but launches an "
                                                 "asset, which reports no score", MANIFEST, item.line)]
    return []
