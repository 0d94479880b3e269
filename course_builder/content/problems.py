"""Problems are values: loading and validation return them, the CLI prints them."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def display(self, base: Path | None = None) -> str:
        shown = _shown_path(self.path, base)
        prefix = "" if self.is_error else "warning: "
        return f"{shown}:{self.line}: {prefix}{self.message}"

    def __str__(self) -> str:
        return self.display()


def _shown_path(path: Path, base: Path | None) -> str:
    """Relative to base (or the working directory) when the file lies below it."""
    base = (base or Path.cwd()).resolve()
    try:
        return Path(os.path.relpath(path.resolve(), base)).as_posix() if path.resolve().is_relative_to(base) else str(path)
    except (OSError, ValueError):
        return str(path)


def sort_key(problem: Problem) -> tuple:
    return (str(problem.path), problem.line, problem.message)
