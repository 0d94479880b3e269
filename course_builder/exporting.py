"""Runs the exporters, on every core where that is safe.

Exporters are pure: each writes only its own folder of the staging area, from the course and the
pages rendered once. So after rendering, the build forks: the parent and its children each take the
next unclaimed format group (a format and those that require it, in order) until none is left. A
child hands back its warnings or its error; the build then goes on in the parent as before, and the
output is byte for byte what one process writes.

Forking is used only where it is safe and pays: on Linux, with more than one core, in a process
with no other thread (the preview builds in a watcher thread), for courses of some size.
"""
from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback

from course_builder import exporters
from course_builder.exporters import BuildContext

PARALLEL_MIN_MODULES = 4  # below this, a fork costs more than it saves


class ExporterFailed(RuntimeError):
    """An exporter raised in a child process: its traceback, for the bug report."""


def export_formats(context: BuildContext, names: list[str]) -> None:
    """Runs the exporters of `names` (in registry order, requirements first) into the staging area."""
    groups = format_groups(names)
    processes = min(len(groups), usable_cores()) if may_fork(context) else 1
    if processes < 2:
        for group in groups:
            _export_group(context, group)
        return
    warnings = _export_forked(context, groups, processes)
    context.warnings.extend(w for group in groups for w in warnings[group[0]])


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


def may_fork(context: BuildContext) -> bool:
    return (sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1
            and len(context.course.modules) >= PARALLEL_MIN_MODULES)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


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


def _export_forked(context: BuildContext, groups: list[tuple[str, ...]], processes: int) -> dict[str, list[str]]:
    sys.stdout.flush()
    sys.stderr.flush()
    children = [_fork_worker(context, groups) for _ in range(processes - 1)]
    try:
        warnings = _work(context, groups)
    finally:
        outcomes = [_collect(pid, pipe) for pid, pipe in children]
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
        warnings.update(outcome)
    return warnings


def _fork_worker(context: BuildContext, groups: list[tuple[str, ...]]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)  # the child: export, report, and leave without running the parent's cleanup
    status = 1
    try:
        try:
            outcome = _work(context, groups)
        except Exception as error:
            outcome = error if _picklable(error) else ExporterFailed(traceback.format_exc())
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(outcome, pipe)
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, pipe: int):
    with os.fdopen(pipe, "rb") as reader:
        data = reader.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return ExporterFailed(f"an export process ended without a result (exit status {os.waitstatus_to_exitcode(status)})")
    return pickle.loads(data)


def _picklable(error: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(error))
        return True
    except Exception:
        return False
