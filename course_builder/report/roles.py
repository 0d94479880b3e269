"""Which role each learner has, for the report per role. Moodle's downloads carry no role, so it comes from
- the download's file name: Moodle names each download after the course's short name
  (report/completion/index.php "completion-<shortname>", report/progress/index.php "progress.<shortname>.csv",
  mod/scorm/report/*: "<shortname> <activity>"), and a course per role path is restored with the short name
  "<course-id>-<role>" (dist/moodle/paths/): the role id in the name is the role of everyone in the file;
- or HR's own list (--roles): a spreadsheet or CSV whose rows are a learner (e-mail or full name) and a role
  (the role's id or its label in course.yaml), which wins over the file names.
"""
from __future__ import annotations

import re
from pathlib import Path

from course_builder.content.model import Course
from course_builder.report.exports import LearnerRef
from course_builder.report.messages import ReportInputError
from course_builder.report.moodle_strings import normalize
from course_builder.report.tables import open_table


def role_in_file_name(name: str, course: Course) -> str | None:
    """The role whose id stands in the file name as a whole (not inside a longer word); the longest if several."""
    lowered = name.casefold()
    found = [role for role in (p.role for p in course.paths)
             if re.search(rf"(?<![a-z0-9]){re.escape(role.casefold())}(?![a-z0-9])", lowered)]
    return max(found, key=len) if found else None


def read_role_list(path: Path, course: Course) -> dict[LearnerRef, str]:
    """HR's list: learner → role id. A header row is recognised (its second cell is no role) and skipped."""
    by_text = {normalize(text): p.role for p in course.paths for text in (p.role, p.label)}
    known = ", ".join(p.label for p in course.paths)
    roles: dict[LearnerRef, str] = {}
    for number, cells in open_table(path).rows():
        values = [str(c).strip() for c in cells if c is not None and str(c).strip()]
        if len(values) < 2:
            raise ReportInputError(path, number, "roles_two_columns")
        learner, role_text = values[0], values[1]
        role = by_text.get(normalize(role_text))
        if role is None:
            if not roles and number == 1:
                continue  # the header
            raise ReportInputError(path, number, "roles_unknown_role", role=role_text, known=known)
        ref = LearnerRef("", (("email", learner),)) if "@" in learner else LearnerRef(learner)
        roles[ref] = role
    if not roles:
        raise ReportInputError(path, 0, "roles_empty")
    return roles
