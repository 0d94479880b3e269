"""dist/moodle/questions.xml read back and compared with the source quizzes, question by question."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.exporters.bank_checks import FIXTURES, MOODLE_GRADES, built, check_bank, load, read_moodle_xml, reference_dir, words
from course_builder.question_types import type_names

COURSES = ["minimal", "moodle-rich"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    made = {}
    for name in COURSES:
        out = tmp_path_factory.mktemp(name)
        result = built(FIXTURES / name, out, ["moodle"])
        made[name] = (load(FIXTURES / name), (out / "moodle" / "questions.xml").read_bytes(), result)
    return made


@pytest.mark.parametrize("name", COURSES)
def test_every_question_reads_back_as_its_source(builds, name):
    course, data, _ = builds[name]
    check_bank(course, read_moodle_xml(data))


def test_the_fixtures_hold_every_question_type_of_the_content_model(builds):
    types = {q.type for name in COURSES for m in builds[name][0].modules for q in m.questions}
    assert types == set(type_names())


def test_categories_nest_course_then_module_and_escape_slashes(builds):
    _, data, _ = builds["moodle-rich"]
    paths = [c.findtext("category/text") for c in etree.fromstring(data).iterfind("question[@type='category']")]
    assert paths == [
        "$course$/top/Ledelse//Test & co",
        "$course$/top/Ledelse//Test & co/Kort//Plan & billeder",
        "$course$/top/Ledelse//Test & co/Kort//Plan & billeder/Refleksioner",
        "$course$/top/Ledelse//Test & co/Scenariet",
    ]


def test_category_idnumbers_and_info(builds):
    course, data, _ = builds["minimal"]
    categories = list(etree.fromstring(data).iterfind("question[@type='category']"))
    assert [c.findtext("idnumber") for c in categories] == ["mini-kursus-v0.1.0", "mini-kursus-v0.1.0.intro",
                                                            "mini-kursus-v0.1.0.intro.reflections"]
    assert "essay" in words(course, categories[2].findtext("info/text")).lower()


def test_scenario_choices_earn_the_best_outcome_they_still_allow(builds):
    """Known answers for the fixture's graph: endings 100 / 60 / 0; 'sent' can reach 60 at best."""
    _, data, _ = builds["moodle-rich"]
    read = {r.idnumber: r for r in read_moodle_xml(data)}
    assert [a[1] for a in read["svaert-valg.start"].answers] == pytest.approx([1.0, 1.0, 0.6])
    assert [a[1] for a in read["svaert-valg.samtale"].answers] == pytest.approx([1.0, 0.6])
    assert [a[1] for a in read["svaert-valg.sent"].answers] == pytest.approx([1.0, 0.0])
    assert [read[f"svaert-valg.{n}"].default_grade for n in ("start", "samtale", "sent")] == [0.3333333] * 3


def test_multiple_response_fractions_are_moodle_grades(builds):
    _, data, _ = builds["moodle-rich"]
    answers = {r.idnumber: r for r in read_moodle_xml(data)}["flere-rigtige"].answers
    assert [a[1] for a in answers] == pytest.approx([0.3333333, 0.3333333, 0.3333333, -0.5, -0.5], abs=1e-9)
    assert all(any(abs(a[1] - g) < 1e-9 for g in MOODLE_GRADES) for a in answers)
    question = etree.fromstring(data).find("question[idnumber='flere-rigtige']")
    assert [a.get("fraction") for a in question.iterfind("answer")] == ["33.33333", "33.33333", "33.33333", "-50", "-50"]


def test_images_are_embedded_as_moodle_expects(builds):
    _, data, _ = builds["moodle-rich"]
    question = {r.idnumber: r for r in read_moodle_xml(data)}["billed-enkelt"]
    assert '<img alt="Planen" src="@@PLUGINFILE@@/figur/plan.png">' in question.text
    assert question.files["/figur/plan.png"] == (FIXTURES / "moodle-rich/modules/figur/plan.png").read_bytes()
    assert question.files["/kort.png"] == (FIXTURES / "moodle-rich/modules/kort.png").read_bytes()
    root = etree.fromstring(data)
    for field in root.iter("questiontext", "feedback", "generalfeedback", "subquestion", "answer"):
        text = field.findtext("text") or ""
        named = {f.get("path") + f.get("name") for f in field.findall("file")}
        assert {"/" + p for p in re.findall(r"@@PLUGINFILE@@/([^\"']+)", text)} <= named, "each image has its file"


def test_html_travels_in_cdata_and_plain_text_without(builds):
    _, data, _ = builds["moodle-rich"]
    assert b"<text><![CDATA[<p>Hvad ser <em>du</em> p\xc3\xa5 kortet?</p>]]></text>" in data
    assert b"<text>Tuborg {x} og 50% ~ 100%</text>" in data
    assert b"<text><![CDATA[A &amp; B]]></text>" in data


def test_reflections_are_essays_in_their_own_category_only(builds):
    course, data, _ = builds["minimal"]
    essays = [r for r in read_moodle_xml(data) if r.qtype == "essay"]
    assert [e.idnumber for e in essays] == ["intro.min-vaerdi"]
    assert essays[0].category.endswith("/Introduktion/Refleksioner")


def test_question_elements_follow_moodles_own_export(builds):
    """The child elements of each question type come in the order Moodle 4.5 writes them (hints aside)."""
    reference = reference_dir()
    if reference is None:
        pytest.skip("../shared/reference/moodle is not here: cannot compare with Moodle's own export")
    ours = etree.fromstring(builds["moodle-rich"][1])
    theirs = etree.parse(str(reference / "questions" / "REF101-questions.moodle.xml")).getroot()

    def shape(question) -> list[str]:
        names = [c.tag for c in question if isinstance(c.tag, str) and c.tag not in ("hint", "tags")]
        return [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]  # answers: one entry

    compared = set()
    for question in ours.iterfind("question"):
        qtype = question.get("type")
        model = next((q for q in theirs.iterfind("question") if q.get("type") == qtype), None)
        if model is not None:
            ours_shape = shape(question)
            optional = {"shownumcorrect"}  # Moodle writes it only when the question shows the number right
            assert ours_shape == [n for n in shape(model) if n not in optional or n in ours_shape], qtype
            compared.add(qtype)
    assert compared == {"category", "multichoice", "truefalse", "matching", "ordering", "description", "essay"}


def test_two_builds_are_byte_identical(tmp_path):
    for name in COURSES:
        first = built(FIXTURES / name, tmp_path / f"{name}-1", ["moodle"])
        second = built(FIXTURES / name, tmp_path / f"{name}-2", ["moodle"])
        assert (first.warnings, first.losses) == (second.warnings, second.losses)
        for file in ("questions.xml", "questions.gift.txt"):
            assert (tmp_path / f"{name}-1/moodle" / file).read_bytes() == (tmp_path / f"{name}-2/moodle" / file).read_bytes()
