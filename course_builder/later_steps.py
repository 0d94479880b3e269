"""A module page's later steps as the build ships them: `<module>/steps.js`, one line that hands the player the HTML
of every step after the first lesson page (player/later_steps.html.j2). A script, not an HTML file a page would
fetch, so that it loads from any address, `file:` included; ASCII, so that a server's charset cannot spoil it."""
from __future__ import annotations

import json

LATER_STEPS_FILE = "steps.js"  # in a module's folder
LATER_STEPS_ASSIGNMENT = "(window.CoursePlayer = window.CoursePlayer || {}).laterSteps = "  # player.js reads it
_END = ";\n"


def later_steps_script(html: str) -> bytes:
    return f"{LATER_STEPS_ASSIGNMENT}{json.dumps(html)}{_END}".encode("ascii")


def later_steps_html(script: bytes) -> str | None:
    """The HTML a steps.js carries, or None when the file is not one (another tool's script of that name)."""
    text = script.decode("ascii", "replace")
    if not (text.startswith(LATER_STEPS_ASSIGNMENT) and text.endswith(_END)):
        return None
    try:
        html = json.loads(text[len(LATER_STEPS_ASSIGNMENT):-len(_END)])
    except ValueError:
        return None
    return html if isinstance(html, str) else None
