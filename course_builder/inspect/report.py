"""The inspection report: plain data, and its rendering as text for people and as JSON for scripts."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from course_builder.inspect.checks import OutsideUrl
from course_builder.inspect.findings import NOTE, SEVERITIES, Finding, exit_status, sort_key


@dataclass
class ItemSummary:
    identifier: str
    title: str
    depth: int
    resource: str | None
    launch: str | None       # the launch href with its xml:base and parameters, as the LMS will open it
    scorm_type: str | None   # "sco", "asset" or None
    mastery: str | None      # e.g. "masteryscore 80" or "minNormalizedMeasure 0.8"
    line: int


@dataclass
class OrganizationSummary:
    identifier: str
    title: str
    is_default: bool
    items: list[ItemSummary]


@dataclass
class Report:
    package: str
    version: str | None = None
    moodle_version: str | None = None
    schema: str = "not checked"
    entries: int = 0
    total_size: int = 0
    organizations: list[OrganizationSummary] = field(default_factory=list)
    resources: int = 0
    outside_urls: list[OutsideUrl] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return exit_status(self.findings)

    def sorted_findings(self) -> list[Finding]:
        return sorted(set(self.findings), key=sort_key)

    def codes(self) -> set[str]:
        return {finding.code for finding in self.findings}


def to_json(report: Report) -> str:
    data = asdict(report)
    data["findings"] = [asdict(finding) for finding in report.sorted_findings()]
    data["exit_status"] = report.exit_status
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)


def to_text(report: Report) -> str:
    lines = [f"Package:  {report.package}"]
    if report.entries:
        files = "1 file" if report.entries == 1 else f"{report.entries} files"
        lines.append(f"Contents: {files}, {_size(report.total_size)} uncompressed")
    if report.version:
        moodle = f" (Moodle plays it as {report.moodle_version})" if report.moodle_version else ""
        lines.append(f"Version:  {report.version}{moodle}")
        lines.append(f"Schema:   {report.schema}")
    if report.organizations:
        untyped = "asset (no scormtype)" if report.moodle_version else "resource"
        lines += ["", "Organisations:"] + _organization_lines(report.organizations, untyped)
    if report.resources:
        lines.append(f"Resources: {report.resources}")
    if report.outside_urls:
        lines += ["", "Outside URLs:"]
        lines += [f"  {url.url}  ({url.kind}, {url.entry}:{url.line})" for url in report.outside_urls]
    elif report.version:
        lines += ["", "Outside URLs: none"]
    lines += [""] + _finding_lines(report)
    return "\n".join(lines) + "\n"


def _organization_lines(organizations: list[OrganizationSummary], untyped: str) -> list[str]:
    lines = []
    for organization in organizations:
        default = "  [default]" if organization.is_default else ""
        lines.append(f"  {organization.identifier}: {organization.title}{default}")
        for item in organization.items:
            indent = "  " * (item.depth + 1)
            lines.append(f"{indent}{item.identifier}: {item.title}")
            if item.resource:
                kind = item.scorm_type or untyped
                details = [f"{kind} {item.resource}", f"launch {item.launch or '(none)'}"]
                if item.mastery:
                    details.append(item.mastery)
                lines.append(f"{indent}  -> " + ", ".join(details))
    return lines


def _finding_lines(report: Report) -> list[str]:
    findings = report.sorted_findings()
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}
    lines = []
    if findings:
        lines.append("Findings:")
        lines += [f"  {finding}" for finding in findings]
        lines.append("")
    verdict = {0: "clean", 1: "problems found", 2: "unusable input"}[report.exit_status]
    summary = ", ".join(f"{count} {severity}{'s' if count != 1 else ''}" for severity, count in counts.items() if count)
    lines.append(f"Result: {verdict}" + (f" ({summary})" if summary else ""))
    if counts[NOTE] and report.exit_status == 0:
        lines.append("Notes describe LMS behaviour worth knowing; they need no change.")
    return lines


def _size(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"
