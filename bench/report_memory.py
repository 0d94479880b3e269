"""Time and peak memory of `course-builder report`'s analysis for synthetic Interactions reports.

    python bench/report_memory.py [--rows 50000 200000] [--learners 2000] [--source COURSE]

Each size runs in a fresh process (peak RSS is per process); CPU seconds (the whole process, with
loading the course) are steadier than wall-clock seconds on a busy machine. With the learners fixed, the peak should
stay flat as the rows grow: memory is bounded by learners x questions, not by rows.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHILD = """
import json, resource, sys, time
from pathlib import Path
from course_builder.content import load_course
from course_builder.report.pipeline import analyse_exports
course = load_course(Path(sys.argv[2])).course
began = time.perf_counter()
analysis, problems = analyse_exports([Path(sys.argv[1])], course)
assert analysis is not None, [str(p) for p in problems]
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - began, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mib": usage.ru_maxrss / 1024,
                  "answered": sum(i.answered for i in analysis.items)}))
"""


def main() -> int:
    from bench.make_report_export import DEFAULT_COURSE, write_interactions_export
    from course_builder.content import load_course

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[50_000, 200_000])
    parser.add_argument("--learners", type=int, default=2_000)
    parser.add_argument("--source", type=Path, default=DEFAULT_COURSE)
    args = parser.parse_args()
    course = load_course(args.source).course
    module_id = next(m.id for m in course.modules if m.questions)
    print(f"{'rows':>8} {'learners':>8} {'MiB file':>9} {'seconds':>8} {'CPU s':>6} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for rows in args.rows:
            path = write_interactions_export(Path(folder) / f"{rows}.txt", course, module_id, rows, args.learners)
            result = subprocess.run([sys.executable, "-c", CHILD, str(path), str(args.source)], cwd=REPO,
                                    capture_output=True, text=True, check=True)
            measured = json.loads(result.stdout)
            print(f"{rows:>8} {args.learners:>8} {path.stat().st_size / 2**20:>9.1f} "
                  f"{measured['seconds']:>8.1f} {measured['cpu']:>6.1f} {measured['peak_mib']:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
