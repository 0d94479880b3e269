"""Runs the exporters, one after another, each into its own folder of the staging area.

Exporters are pure: each writes only its own folder, from the course and the pages rendered once.
They run in one process: sharing them out over processes was measured and did not pay for its code
(BENCHMARKS.md, "One process").
"""
from __future__ import annotations

from course_builder import exporters
from course_builder.exporters import BuildContext


def export_formats(context: BuildContext, names: list[str]) -> None:
    """Runs the exporters of `names` (in registry order, requirements first) into the staging area."""
    for name in names:
        target = context.output_dir(name)
        target.mkdir(parents=True)
        exporters.exporter(name).export(context, target)
