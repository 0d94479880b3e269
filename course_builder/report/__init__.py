"""HR's report from Moodle's downloads: completion, follow-up lists and question analysis.

- `analyse_exports(paths, course)`: every download read against the course -> (Analysis or None, problems)
- `write_report(analysis, course, out)`: index.html and the CSV files, swapped in atomically
- `read_export(path)`: one download detected; `.records()` streams its rows (for benchmarks and tools)
"""
from course_builder.report.exports import read_export
from course_builder.report.pipeline import analyse_exports
from course_builder.report.writer import write_report

__all__ = ["analyse_exports", "read_export", "write_report"]
