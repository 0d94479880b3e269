"""Work shared out over forked processes, for the parts of a build that are independent of each other.

A forked child starts with everything the build has done so far (the course, the pages rendered),
does its share, hands back a picklable result or its error through a pipe, and leaves at once.
Forking is used only where it is safe and pays: on Linux, with more than one core, in a process with
no other thread (the preview builds in a watcher thread), and for enough work.
"""
from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from typing import Callable, TypeVar

T = TypeVar("T")


class WorkerFailed(RuntimeError):
    """A forked process raised: its traceback, for the bug report."""


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def processes_for(items: int, minimum: int) -> int:
    """How many processes to share `items` pieces of work over: 1 where forking is unsafe or does not pay."""
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() != 1 or items < minimum:
        return 1
    return max(1, min(items, usable_cores()))


def run_shares(work: Callable[[int], T], processes: int) -> list[T]:
    """[work(0), work(1), ...]: share 0 in this process, the others in forked children."""
    sys.stdout.flush()
    sys.stderr.flush()
    children = [_fork(work, share) for share in range(1, processes)]
    try:
        results = [work(0)]
    finally:
        outcomes = [_collect(pid, pipe) for pid, pipe in children]
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return results + outcomes


def _fork(work: Callable[[int], T], share: int) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)  # the child: work, report, and leave without running the parent's cleanup
    status = 1
    try:
        try:
            outcome = work(share)
        except Exception as error:
            outcome = error if _picklable(error) else WorkerFailed(traceback.format_exc())
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect(pid: int, pipe: int):
    with os.fdopen(pipe, "rb") as reader:
        data = reader.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return WorkerFailed(f"a build process ended without a result (exit status {os.waitstatus_to_exitcode(status)})")
    return pickle.loads(data)


def _picklable(error: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(error))
        return True
    except Exception:
        return False
