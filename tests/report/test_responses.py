"""Responses in the SCORM 1.2 and 2004 forms, read against the fixture course."""
from __future__ import annotations

import pytest

from course_builder.content import load_course
from course_builder.report.course_index import CourseIndex
from course_builder.report.responses import (
    ResponseError, canonical, correct_answer, is_correct, parse_response, wrong_picks,
)
from tests.report import scenario


@pytest.fixture(scope="module")
def index():
    return CourseIndex(load_course(scenario.COURSE).course)


@pytest.mark.parametrize("interaction_id, raw, expected", [
    ("fund-single", "a", frozenset({"a"})),
    ("fund-multiple", "a,b", frozenset({"a", "b"})),
    ("fund-multiple", "b[,]a", frozenset({"a", "b"})),
    ("fund-multiple", "{a,b}", frozenset({"a", "b"})),
    ("fund-sandt", "t", True),
    ("fund-sandt", "false", False),
    ("fund-sandt", "True", True),
    ("fund-match", "a.a,b.c,c.b", frozenset({("a", "a"), ("b", "c"), ("c", "b")})),
    ("fund-match", "a[.]a[,]b[.]c[,]c[.]b", frozenset({("a", "a"), ("b", "c"), ("c", "b")})),
    ("fund-orden", "c,a,b", ("c", "a", "b")),
    ("fund-orden", "c[,]a[,]b", ("c", "a", "b")),
    ("rol-scenarie.aftale", "b", frozenset({"b"})),
    ("fund-single", " a ", frozenset({"a"})),
])
def test_both_scorm_forms_are_read(index, interaction_id, raw, expected):
    assert parse_response(raw, index.target(interaction_id)) == expected


@pytest.mark.parametrize("interaction_id, raw", [
    ("fund-single", "z"), ("fund-single", ""), ("fund-sandt", "maybe"), ("fund-match", "a-b"),
    ("fund-match", "a.z"), ("fund-orden", "a,b,x"),
])
def test_responses_naming_nothing_in_the_question(index, interaction_id, raw):
    with pytest.raises(ResponseError):
        parse_response(raw, index.target(interaction_id))


def test_correct_answers_from_the_course(index):
    assert canonical(correct_answer(index.target("fund-multiple"))) == "a,b"
    assert canonical(correct_answer(index.target("fund-match"))) == "a.a,b.b,c.c"
    assert canonical(correct_answer(index.target("fund-orden"))) == "a,b,c"
    assert correct_answer(index.target("fund-sandt")) is True


def test_a_scenario_choice_is_right_when_the_best_ending_stays_within_reach(index):
    start, aftale = index.target("rol-scenarie.start"), index.target("rol-scenarie.aftale")
    assert correct_answer(start) == frozenset({"a"})  # a leads on to the 100 ending; b ends at 0
    assert correct_answer(aftale) == frozenset({"a"})  # a: 100, b: 50
    assert is_correct(start, frozenset({"a"})) and not is_correct(aftale, frozenset({"b"}))
    assert not is_correct(start, frozenset({"a", "b"}))


def test_wrong_picks_are_what_hr_talks_about(index):
    multiple = index.target("fund-multiple")
    assert [p.text for p in wrong_picks(multiple, frozenset({"a", "c"}))] == ["Hastighed"]
    match = index.target("fund-match")
    assert [p.key for p in wrong_picks(match, frozenset({("a", "a"), ("b", "c"), ("c", "b")}))] == ["b.c", "c.b"]
    assert [p.text for p in wrong_picks(index.target("fund-sandt"), False)] == ["Falsk"]


def test_interaction_ids_of_the_course(index):
    assert sorted(index.targets) == ["fund-match", "fund-multiple", "fund-orden", "fund-sandt", "fund-single",
                                     "rol-scenarie.aftale", "rol-scenarie.start", "rol-single"]
    assert index.reflections == {"fundamentet.min-vaerdi"}


@pytest.mark.parametrize("name, module_id", [
    ("Fundamentet", "fundamentet"), ("Modul 1: Fundamentet", "fundamentet"), ("ROLLER OG KRYDSPRES", "roller"),
    ("RAPPORT Roller og krydspres", "roller"), ("roller", "roller"), ("Velkommen", None), ("", None),
])
def test_modules_are_found_by_their_name(index, name, module_id):
    module = index.module_named(name)
    assert (module.id if module else None) == module_id
