"""A command imports only its own module: other commands' servers and readers never slow down a build."""
from __future__ import annotations

import subprocess
import sys

from course_builder.cli import COMMANDS
from tests.support import FIXTURES, REPO


def imported_after(argv: list[str]) -> set[str]:
    script = ("import sys; from course_builder.cli import main; main(sys.argv[1:]); "
              "print(' '.join(name for name in sys.modules if name.startswith('course_builder.commands.')))")
    result = subprocess.run([sys.executable, "-c", script, *argv], cwd=REPO, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_validate_imports_no_other_command():
    assert imported_after(["validate", "--source", str(FIXTURES / "minimal")]) == {"course_builder.commands.validate"}


def test_help_still_lists_every_command(capsys):
    from course_builder.cli import main

    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    assert all(name in shown for name in COMMANDS)
