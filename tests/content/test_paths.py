"""Role paths: a role's path is the modules whose front matter declares the role; course.yaml's `paths`
may only order them or mark some optional, and anything else is a problem with its line."""
from __future__ import annotations

import pytest

from course_builder.build import load_and_validate
from tests.support import REPO, edit
from tests.content.test_validate import problems_of

PATHS = """paths:
  teamleder:
    order: [roller, intro]
    optional: [roller]
"""


def declare_roles(course, roles: str) -> None:
    edit(course / "modules/02-roller.md", "minutes: 5\n", f"minutes: 5\nroles: [{roles}]\n")


def test_a_path_is_the_modules_that_declare_the_role(minimal_course):
    declare_roles(minimal_course, "chef, teamleder")
    course, problems = load_and_validate(minimal_course)
    assert [p for p in problems if p.is_error] == []
    paths = {p.role: [m.id for m in p.modules] for p in course.paths}
    assert paths == {"chef": ["roller"], "teamleder": ["intro", "roller"]}  # mellemleder: no module, no path
    assert course.path("teamleder").label == "Teamleder"


def test_course_yaml_orders_a_path_and_marks_optional_modules(minimal_course):
    declare_roles(minimal_course, "teamleder")
    (minimal_course / "course.yaml").write_text((minimal_course / "course.yaml").read_text() + PATHS)
    course, problems = load_and_validate(minimal_course)
    assert [p for p in problems if p.is_error] == []
    path = course.path("teamleder")
    assert [m.id for m in path.modules] == ["roller", "intro"]
    assert [m.id for m in path.required] == ["intro"]
    assert path.minutes == course.module("intro").minutes


@pytest.mark.parametrize("paths, expected", [
    ("paths:\n  teamleder:\n    order: [intro, roller]\n",
     "course.yaml:23: module 'roller' does not declare the role 'teamleder' (roles: in its front matter), so it is not on that path. Add the role to the module, or delete it here."),
    ("paths:\n  teamleder:\n    optional: [roller]\n",
     "course.yaml:23: module 'roller' does not declare the role 'teamleder' (roles: in its front matter), so it is not on that path. Add the role to the module, or delete it here."),
    ("paths:\n  direktoer:\n    optional: [intro]\n",
     "course.yaml:22: unknown role 'direktoer'. Use one that course.yaml 'roles' declares (chef, mellemleder, teamleder), or add it there."),
    ("paths:\n  chef:\n    order: [intro]\n",
     "course.yaml:22: no module declares the role 'chef' (roles: in its front matter), so the role has no path. Add the role to a module, or delete 'paths.chef'."),
    ("paths:\n  teamleder:\n    optional: [intro]\n",
     "course.yaml:22: every module on the path of 'teamleder' is optional, so the path cannot be completed. Make at least one module required."),
    ("paths:\n  teamleder:\n    odrer: [intro]\n",
     "course.yaml:23:5: unknown field 'odrer' in 'paths.teamleder' in course.yaml. Did you mean 'order'? Correct the spelling (allowed: optional, order)."),
    ("paths: [teamleder]\n", "course.yaml:21:8: 'paths' must be a mapping of role: with 'order' and 'optional' under each."),
])
def test_a_path_that_disagrees_with_the_modules_is_a_problem_with_its_line(minimal_course, paths, expected):
    (minimal_course / "course.yaml").write_text((minimal_course / "course.yaml").read_text() + paths)
    assert expected in problems_of(minimal_course)


def test_an_order_that_leaves_out_a_module_of_the_role_is_a_problem(minimal_course):
    declare_roles(minimal_course, "teamleder")
    (minimal_course / "course.yaml").write_text((minimal_course / "course.yaml").read_text()
                                                + "paths:\n  teamleder:\n    order: [roller]\n")
    assert "course.yaml:22: 'paths.teamleder.order' leaves out intro, which declare the role. List every module of the role in 'order'." in problems_of(minimal_course)


def test_the_own_course_has_a_path_per_role_from_its_modules():
    course, problems = load_and_validate(REPO)
    assert [p for p in problems if p.is_error] == []
    for path in course.paths:
        assert path.modules == [m for m in course.modules if path.role in m.roles]
        assert path.label == course.settings.roles[path.role]
    assert {p.role for p in course.paths} == set(course.settings.roles)
