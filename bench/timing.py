"""Child processes timed from the outside: wall time and the child's own peak memory (RSS)."""
from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the child: less disturbed than wall time by a busy machine
    peak_rss_bytes: int
    exit_status: int
    output: str  # stdout and stderr together, for error messages


class ProcessFailed(RuntimeError):
    pass


def run_timed(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Runs command as a fresh process; os.wait4 gives that one child's rusage (ru_maxrss in KiB on Linux)."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode, output)


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
