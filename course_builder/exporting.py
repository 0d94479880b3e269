"""Runs the exporters, one after another, each into its own folder of the staging area.

Exporters are pure: each writes only its own folder, from the course and the pages rendered once.
They run in one process: sharing them out over processes was measured and did not pay for its code
(BENCHMARKS.md, "One process"). What an exporter leaves to the background (the course backups'
compression) runs in one thread beside the next exporters, and is waited for here.
"""
from __future__ import annotations

from course_builder import exporters
from course_builder.exporters import BuildContext


def export_formats(context: BuildContext, names: list[str]) -> None:
    """Runs the exporters of `names` (in run order: requirements first) into the staging area."""
    try:
        for name in names:
            target = context.output_dir(name)
            target.mkdir(parents=True)
            exporters.exporter(name).export(context, target)
    except BaseException:
        context.finish_background(raise_errors=False)  # the error that stopped the build is the one to tell
        raise
    context.finish_background()
