"""The SCORM data models by version: the core (datamodel.py) knows neither mapping, each mapping imports the core."""
from __future__ import annotations

from course_builder.preview.datamodel import Version
from course_builder.preview.scorm12 import SCORM12
from course_builder.preview.scorm2004 import SCORM2004

VERSIONS = {"1.2": SCORM12, "2004": SCORM2004}


def version(name: str) -> Version:
    """The data model of a SCORM version: '1.2' or '2004'."""
    if name not in VERSIONS:
        raise ValueError(f"unknown SCORM version {name!r} (1.2 or 2004)")
    return VERSIONS[name]
