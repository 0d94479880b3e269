"""A command imports only its own module: other commands' servers and readers never slow down a build."""
from __future__ import annotations

import subprocess
import sys

from course_builder.cli import COMMANDS
from tests.support import FIXTURES, REPO


def imported_after(argv: list[str], prefix: str = "course_builder.commands.") -> set[str]:
    script = ("import sys; from course_builder.cli import main; main(sys.argv[1:]); "
              f"print(' '.join(name for name in sys.modules if name.startswith({prefix!r})))")
    result = subprocess.run([sys.executable, "-c", script, *argv], cwd=REPO, capture_output=True, text=True, check=True)
    return set(result.stdout.splitlines()[-1].split())  # the last line: after what the command said


def test_validate_imports_no_other_command():
    assert imported_after(["validate", "--source", str(FIXTURES / "minimal")]) == {"course_builder.commands.validate"}


def test_a_scorm12_build_imports_only_what_it_uses(tmp_path):
    """No other format's exporter, no Moodle writer; difflib only for a misspelling, decimal only for SCORM 2004."""
    argv = ["build", "--source", str(FIXTURES / "minimal"), "--out", str(tmp_path / "dist"), "--format", "scorm12"]
    assert imported_after(argv, "course_builder.exporters.") == {"course_builder.exporters.scorm12"}
    assert not imported_after(argv, "") & {"course_builder.moodle_questions", "difflib", "decimal"}


def test_help_still_lists_every_command(capsys):
    from course_builder.cli import main

    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    assert all(name in shown for name in COMMANDS)
