"""Helpers shared by the tests."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from course_builder.later_steps import LATER_STEPS_FILE, later_steps_html

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a source file (the test fails if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


LATER_STEPS_PLACE = '<template id="later-steps"></template>'  # player/module.html.j2


def module_page(files: Mapping[str, bytes], folder: str) -> str:
    """A module's page as the learner's browser holds it once the player has started: its index.html with the
    steps of its steps.js where the page keeps their place (player.js, placeLaterSteps)."""
    html = files[f"{folder}/index.html"].decode("utf-8")
    script = files.get(f"{folder}/{LATER_STEPS_FILE}")
    if script is None:
        return html
    steps = later_steps_html(script)
    assert steps is not None and LATER_STEPS_PLACE in html
    return html.replace(LATER_STEPS_PLACE, steps, 1)


def module_page_in(folder: Path) -> str:
    """module_page of a module folder on disk (dist/web/<module>)."""
    files = {f"{folder.name}/{p.name}": p.read_bytes() for p in folder.iterdir() if p.is_file()}
    return module_page(files, folder.name)
