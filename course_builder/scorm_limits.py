"""SCORM's length limits, written once (templates/player/scorm_limits.json): the player's LMS adapter gets the
table put into lms.js by the build (render.player_static), Python reads it here."""
from __future__ import annotations

import json

from course_builder.resources import TEMPLATES, data_folder

LIMITS_FILE = "player/scorm_limits.json"
LIMITS_PLACEHOLDER = "{/* scorm_limits.json */}"


def _read_limits() -> dict[str, dict[str, int]]:
    """{"1.2": {element: characters}, "2004": {...}}; "n" stands for an index, "*" for every other element."""
    table = json.loads((data_folder(TEMPLATES) / LIMITS_FILE).read_text(encoding="utf-8"))
    return {version: table[version] for version in ("1.2", "2004")}


SCORM_LIMITS = _read_limits()  # the standard's, shipped with the tool: a constant, read once at import


def scorm_limits() -> dict[str, dict[str, int]]:
    return SCORM_LIMITS


def scorm_limit(version: str, element: str) -> int:
    table = scorm_limits()[version]
    return table.get(element, table["*"])


def limits_script() -> str:
    """The table as the JavaScript object literal lms.js's placeholder stands for."""
    return json.dumps(scorm_limits(), sort_keys=True, separators=(",", ":"))
