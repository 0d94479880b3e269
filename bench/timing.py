"""Child processes timed from the outside: wall time and the child's own peak memory (RSS)."""
from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the child: less disturbed than wall time by a busy machine
    peak_rss_bytes: int  # of the largest single process
    exit_status: int
    output: str  # stdout and stderr together, for error messages
    peak_tree_bytes: int = 0  # the process and its children together (PSS: shared pages counted once), sampled


class ProcessFailed(RuntimeError):
    pass


def run_timed(command: list[str], cwd: Path | None = None, env: dict | None = None, tree_memory: bool = False) -> Run:
    """Runs command as a fresh process; os.wait4 gives that one child's rusage (ru_maxrss in KiB on Linux).
    With tree_memory, the memory of the process and its children together is sampled as it runs."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=CHILD_ENV if env is None else env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid) if tree_memory else None
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        peak_tree = sampler.stop() if sampler else 0
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode, output, peak_tree)


class TreeMemory:
    """Samples the proportional set size (/proc/PID/smaps_rollup) of a process and its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak

    def _run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except OSError:
            pass
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# The measured processes run as on an installed tool: with Python's bytecode cache (some environments
# switch it off; then every process would compile course-builder's own modules again).
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_checked(command: list[str], **kwargs) -> Run:
    run = run_timed(command, **kwargs)
    if run.exit_status != 0:
        tail = "\n".join(run.output.strip().splitlines()[-8:])
        raise ProcessFailed(f"{' '.join(map(str, command))} exited with {run.exit_status}:\n{tail}")
    return run


@dataclass
class Series:
    seconds: list[float]

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def describe(self, unit: str = "s") -> str:
        scale = 1000 if unit == "ms" else 1
        return f"min {self.min * scale:.{0 if unit == 'ms' else 2}f} {unit}, median {self.median * scale:.{0 if unit == 'ms' else 2}f} {unit} ({len(self.seconds)} runs)"


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def kilobytes(size: int) -> str:
    return f"{size / 1024:.1f} KB"
