"""dist/moodle/questions.gift.txt read back with a reader of the GIFT grammar and compared with the source."""
from __future__ import annotations

import pytest

from tests.exporters.bank_checks import FIXTURES, as_read, built, check_bank, load, reference_dir
from tests.exporters.gift_reader import read_gift

COURSES = ["minimal", "moodle-rich"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    made = {}
    for name in COURSES:
        out = tmp_path_factory.mktemp(name)
        result = built(FIXTURES / name, out, ["moodle"])
        text = (out / "moodle" / "questions.gift.txt").read_text(encoding="utf-8")
        made[name] = (load(FIXTURES / name), text, result.losses.get("moodle", []))
    return made


def test_the_reader_reads_moodles_own_gift_export():
    """The reader is checked against what Moodle 4.5 itself wrote before it judges our file."""
    reference = reference_dir()
    if reference is None:
        pytest.skip("../shared/reference/moodle is not here")
    read = read_gift((reference / "questions" / "REF101-questions.gift.txt").read_text(encoding="utf-8"))
    by_id = {q.idnumber: q for q in read}
    assert len(read) == 9
    assert by_id["REF101-M2-Q3"].qtype == "shortanswer"
    assert by_id["REF101-M1-Q2"].answers[0] == ("Paraphrasing what the customer said", 0.5,
                                                "<p>Right: paraphrasing confirms understanding.</p>")
    assert by_id["REF101-M1-Q2"].single is False and by_id["REF101-M1-Q1"].single is True
    assert by_id["REF101-M1-Q3"].correct_answer is True
    assert by_id["REF101-M1-Q3"].feedback_false == "<p>Incorrect: you must disclose recording.</p>"
    assert by_id["REF101-M2-Q1"].subquestions[2] == ("<p>Email</p>", "Within 24 hours")
    assert by_id["REF101-M2-Q2"].items == ["Listen to the whole complaint", "Apologise", "Agree on a solution", "Follow up"]
    assert by_id["REF101-M3-Q0"].qtype == "description" and by_id["REF101-M3-Q1"].qtype == "essay"
    assert by_id["REF101-M1-Q1"].category == "$course$/top/Course/Module 1"
    assert by_id["REF101-M1-Q1"].tags == ["module-1", "greeting", "multichoice-single"]




@pytest.mark.parametrize("name", COURSES)
def test_every_question_reads_back_as_its_source(builds, name):
    course, text, _ = builds[name]
    check_bank(course, [as_read(q) for q in read_gift(text)], gift=True)


def test_each_question_that_loses_something_is_named_with_its_file_and_line(builds):
    course, _, warnings = builds["moodle-rich"]
    gift = [w for w in warnings if ": gift: " in w]
    quiz = FIXTURES / "moodle-rich" / "quizzes"
    assert gift == [
        f"{quiz / 'billeder.yaml'}:3: gift: single 'billed-enkelt' is left out: it embeds an image and GIFT "
        "cannot carry files (questions.xml has it)",
        f"{quiz / 'billeder.yaml'}:40: gift: matching 'par-med-tegn' loses its correct/incorrect feedback "
        "(questions.xml has it)",
        f"{quiz / 'billeder.yaml'}:50: gift: ordering 'raekke-med-tegn' loses its correct/incorrect feedback "
        "(questions.xml has it)",
        f"{quiz / 'scenarie.yaml'}:3: gift: scenario 'svaert-valg' loses the general feedback of its introduction; "
        "loses the marks of its decision points: each counts 1 instead of sharing the marks of one question",
    ]


def test_reserved_characters_survive(builds):
    _, text, _ = builds["moodle-rich"]
    read = {q.idnumber: q for q in read_gift(text)}
    assert read["par-med-tegn"].subquestions == [("<p><em>Mission</em></p>", "Formål: byen = alle"),
                                                 ("<p>Vision</p>", "Retning {2030}")]
    assert read["falsk-udsagn"].text == "<p>Udsagn: missionen er en regel.</p>"
    assert read["raekke-med-tegn"].items == ["<em>Først</em>: lyt", "Dernæst = tal", "Til sidst &amp; følg op"]
    assert "Læs mere: <strong>Mission</strong>" in read["raekke-med-tegn"].general_feedback


def test_an_ordering_item_gift_cannot_hold_leaves_the_question_out(tmp_path):
    import shutil

    source = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", source)
    quiz = source / "quizzes" / "intro.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("{id: b, text: Dernæst}", "{id: b, text: 'Dernæst }'}"),
                    encoding="utf-8")
    result = built(source, tmp_path / "out", ["moodle"])
    read = {q.idnumber for q in read_gift((tmp_path / "out/moodle/questions.gift.txt").read_text(encoding="utf-8"))}
    assert "intro-orden" not in read and "intro-single" in read
    assert any(w.startswith(f"{quiz}:50: gift: ordering 'intro-orden' is left out") for w in result.losses["moodle"])
