"""What inspect finds, as values: every check returns findings, the report collects them."""
from __future__ import annotations

from dataclasses import dataclass

# Severities, from gravest to mildest.
FATAL = "fatal"      # the input cannot be inspected safely or at all: exit status 2
ERROR = "error"      # the package breaks the specifications or our packaging rules: exit status 1
WARNING = "warning"  # the package will misbehave in Moodle (or most LMSs): exit status 1
NOTE = "note"        # worth knowing, nothing to fix: exit status unaffected

SEVERITIES = (FATAL, ERROR, WARNING, NOTE)


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str            # a short stable name, e.g. "missing-file"; tests and scripts match on it
    message: str
    entry: str | None = None  # the zip entry it is about, e.g. "imsmanifest.xml"
    line: int | None = None

    @property
    def location(self) -> str:
        if self.entry is None:
            return ""
        return f"{self.entry}:{self.line}" if self.line else self.entry

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity} [{self.code}] {self.message}"


def fatal(code: str, message: str, entry: str | None = None, line: int | None = None) -> Finding:
    return Finding(FATAL, code, message, entry, line)


def error(code: str, message: str, entry: str | None = None, line: int | None = None) -> Finding:
    return Finding(ERROR, code, message, entry, line)


def warning(code: str, message: str, entry: str | None = None, line: int | None = None) -> Finding:
    return Finding(WARNING, code, message, entry, line)


def note(code: str, message: str, entry: str | None = None, line: int | None = None) -> Finding:
    return Finding(NOTE, code, message, entry, line)


def exit_status(findings: list[Finding]) -> int:
    severities = {finding.severity for finding in findings}
    if FATAL in severities:
        return 2
    if severities & {ERROR, WARNING}:
        return 1
    return 0


def sort_key(finding: Finding) -> tuple:
    return (SEVERITIES.index(finding.severity), finding.entry or "", finding.line or 0, finding.code, finding.message)
