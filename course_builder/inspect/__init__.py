"""A safe check of any SCORM 1.2, SCORM 2004, IMS CP or IMS CC zip (`course-builder inspect PACKAGE.zip`).

Nothing of the package is ever written to disk: entries are read into memory within fixed limits.
Exit status: 0 clean, 1 problems, 2 unusable input (missing, not a zip, or hostile).
"""
from __future__ import annotations

from pathlib import Path

from course_builder import schemas
from course_builder.inspect import checks, manifest as manifest_module, moodle
from course_builder.inspect.findings import FATAL, Finding, error, note
from course_builder.inspect.manifest import MANIFEST, Version
from course_builder.inspect.report import ItemSummary, OrganizationSummary, Report
from course_builder.inspect.safezip import Limits, PackageZip, open_package
from course_builder.schemas import CompiledSchemas
from course_builder.manifest_reader import Item, Manifest, iter_items, read_manifest

__all__ = ["Limits", "Report", "inspect_package"]


def inspect_package(path: Path, limits: Limits = Limits(), schemas: CompiledSchemas | None = None) -> Report:
    """`schemas`: compiled by an earlier call (a caller inspecting many packages), else compiled here."""
    report = Report(package=str(path))
    package, found = open_package(Path(path), limits)
    report.findings += found
    if package is None:
        return report
    try:
        report.entries = len(package.files)
        report.total_size = package.total_size
        if not _has_fatal(report):
            _inspect_contents(package, report, schemas)
    finally:
        package.close()
    return report


def _has_fatal(report: Report) -> bool:
    return any(finding.severity == FATAL for finding in report.findings)


def _inspect_contents(package: PackageZip, report: Report, schemas: CompiledSchemas | None) -> None:
    location = checks.manifest_location(package)
    if location:
        report.findings += location
        return
    data = package.read(MANIFEST, package.limits.max_manifest_size)
    if isinstance(data, Finding):
        report.findings.append(data)
        return
    tree, found = manifest_module.parse_manifest(data)
    report.findings += found
    if tree is None:
        return
    version, found = manifest_module.detect_version(tree)
    report.findings += found
    if version is None:
        return
    report.version = version.label
    if version.is_scorm:
        report.moodle_version = moodle.moodle_label(moodle.moodle_version(version.schemaversion))
    _check_schema(tree, version, report, schemas)
    manifest = read_manifest(tree)
    _check_manifest(manifest, version, package, report)


def _check_schema(tree, version: Version, report: Report, compiled: CompiledSchemas | None) -> None:
    unavailable = manifest_module.schema_note(version)
    if unavailable:
        report.findings.append(unavailable)
        report.schema = "not checked (no schema available for this version)"
        return
    try:
        errors = schemas.validate_manifest(tree, version.schema, compiled)
    except schemas.SchemasUnavailable as exc:
        code = "schemas-not-installed" if isinstance(exc, schemas.SchemasNotInstalled) else "schemas-unavailable"
        report.findings.append(note(code, f"{exc}; the schema check was skipped", MANIFEST))
        report.schema = f"not checked ({exc})"
        return
    label = schemas.SCHEMA_SETS[version.schema].label
    report.findings += [error("schema", schema_error.message, MANIFEST, schema_error.line) for schema_error in errors]
    report.schema = f"{len(errors)} error(s) against the {label} schemas" if errors else f"valid ({label} schemas)"


def _check_manifest(manifest: Manifest, version: Version, package: PackageZip, report: Report) -> None:
    report.resources = len(manifest.resource_list)
    report.organizations = _organization_summaries(manifest)
    report.findings += checks.identifiers(manifest)
    report.findings += checks.organizations(manifest, version)
    found, outside = checks.resources(manifest, package)
    report.findings += found
    report.outside_urls += outside
    extra = manifest_module.schema_locations(manifest.tree)
    report.findings += checks.unreferenced(package, checks.referenced_files(manifest, extra))
    found, outside = checks.content(manifest, package)
    report.findings += found
    report.outside_urls += outside
    if version.is_scorm:
        report.findings += checks.scorm(manifest, version)
    report.findings += moodle.findings(manifest, version, package)


def _organization_summaries(manifest: Manifest) -> list[OrganizationSummary]:
    return [
        OrganizationSummary(
            identifier=organization.identifier,
            title=organization.title,
            is_default=organization.identifier == manifest.default_organization,
            items=[_item_summary(item, manifest) for item in iter_items(organization.items)],
        )
        for organization in manifest.organizations
    ]


def _item_summary(item: Item, manifest: Manifest) -> ItemSummary:
    resource = manifest.resources.get(item.identifierref or "")
    launch = None
    if resource is not None and resource.href:
        launch = resource.base + resource.href + (item.parameters or "")
    return ItemSummary(
        identifier=item.identifier,
        title=item.title,
        depth=item.depth,
        resource=item.identifierref,
        launch=launch,
        scorm_type=resource.scorm_type if resource is not None else None,
        mastery=_mastery(item),
        line=item.line,
    )


def _mastery(item: Item) -> str | None:
    if item.mastery_score is not None:
        return f"masteryscore {item.mastery_score}"
    if item.min_normalized_measure is not None:
        return f"minNormalizedMeasure {item.min_normalized_measure}"
    return None
