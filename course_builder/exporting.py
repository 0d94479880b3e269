"""Runs the exporters, on every core where that is safe.

Exporters are pure: each writes only its own folder of the staging area, from the course and the
pages rendered once. So after rendering, the build forks (course_builder/forking.py): the parent and
its children each take the next unclaimed format group (a format and those that require it, in
order) until none is left. Each process hands back its warnings; the output is byte for byte what
one process writes.
"""
from __future__ import annotations

import os

from course_builder import exporters
from course_builder.exporters import BuildContext
from course_builder.forking import processes_for, run_shares

PARALLEL_MIN_MODULES = 4  # below this, a fork costs more than it saves
# Above this, one export process: a forked process soon copies most of what it shares with the build
# (reference counts change as it reads), and with its own exporters' data two processes would together
# need about three times this (a 1,000-module course: 1.1-1.2 GB instead of 0.85).
PARALLEL_MAX_MEMORY = 256 * 1024 * 1024


def export_formats(context: BuildContext, names: list[str]) -> None:
    """Runs the exporters of `names` (in registry order, requirements first) into the staging area."""
    groups = format_groups(names)
    processes = processes_for(len(groups), 2) if len(context.course.modules) >= PARALLEL_MIN_MODULES else 1
    if processes > 1 and peak_memory() > PARALLEL_MAX_MEMORY:
        processes = 1
    if processes < 2:
        for group in groups:
            _export_group(context, group)
        return
    warnings: dict[str, list[str]] = {}
    for claimed in run_shares(lambda _: _work(context, groups), processes):
        warnings.update(claimed)
    context.warnings.extend(w for group in groups for w in warnings[group[0]])


def peak_memory() -> int:
    """The peak resident memory of this process so far, in bytes (Linux counts it in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def format_groups(names: list[str], requires=None) -> list[tuple[str, ...]]:
    """The formats in groups that must run in one process: a format with the formats it requires."""
    requires = requires or (lambda name: exporters.exporter(name).requires)
    groups: list[list[str]] = []
    for name in names:
        required = set(requires(name))
        joined = [g for g in groups if required & set(g)]
        group = [n for g in joined for n in g] + [name]
        groups = [g for g in groups if g not in joined] + [group]
    order = {name: index for index, name in enumerate(names)}
    return sorted((tuple(sorted(g, key=order.get)) for g in groups), key=lambda g: order[g[0]])


def _export_group(context: BuildContext, group: tuple[str, ...]) -> None:
    for name in group:
        target = context.output_dir(name)
        target.mkdir(parents=True)
        exporters.exporter(name).export(context, target)


def _claim(context: BuildContext, group: tuple[str, ...]) -> bool:
    """True for the one process that gets to export this group (an exclusive create decides)."""
    try:
        os.close(os.open(context.staging / f".claim-{group[0]}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def _work(context: BuildContext, groups: list[tuple[str, ...]]) -> dict[str, list[str]]:
    """Exports every group this process claims; returns each one's warnings."""
    warnings = {}
    for group in groups:
        if _claim(context, group):
            start = len(context.warnings)
            _export_group(context, group)
            warnings[group[0]] = context.warnings[start:]
            del context.warnings[start:]
    return warnings
