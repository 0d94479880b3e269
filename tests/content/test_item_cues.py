"""The item-writing checks (course_builder/content/item_cues.py): each cue a test-wise learner guesses by is caught in a
small quiz made to show it, and a fair question is not flagged."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course_builder.build import load_and_validate
from course_builder.content.item_cues import course_figures, question_sentence
from course_builder.content.messages import editor_catalogue

FAIR = """\
  - id: fair
    type: single
    reference: mission
    prompt: |
      En borger klager over ventetiden på en byggesag. Hvad gør du som leder først?
    options:
      - id: a
        text: Du beder sagsbehandleren ringe til borgeren og forklare, hvor sagen står.
        feedback: Godt valg.
        correct: true
      - id: b
        text: Du lover borgeren en afgørelse i morgen, så klagen ikke vokser sig større.
        feedback: Et løfte, du ikke kan holde.
      - id: c
        text: Du sender klagen videre til din chef, fordi den handler om ressourcer.
        feedback: Du kan selv handle først.
"""


def quiz(*questions: str) -> str:
    return "module: intro\nquestions:\n" + "".join(questions)


def single(question_id: str, prompt: str, options: list[tuple[str, bool]]) -> str:
    lines = [f"  - id: {question_id}\n    type: single\n    reference: mission\n    prompt: {prompt}\n    options:\n"]
    for letter, (text, correct) in zip("abcdefgh", options):
        lines.append(f"      - id: {letter}\n        text: \"{text}\"\n        feedback: Forklaring.\n")
        if correct:
            lines.append("        correct: true\n")
    return "".join(lines)


def warnings_of(course: Path, quiz_text: str, settings: str = "", language: str | None = "en") -> list[str]:
    (course / "quizzes" / "intro.yaml").write_text(quiz_text, encoding="utf-8")
    if settings:
        with (course / "course.yaml").open("a", encoding="utf-8") as file:
            file.write(settings)
    _, problems = load_and_validate(course)
    said = editor_catalogue(course, language)
    errors = [p.display(course, said) for p in problems if p.is_error]
    assert errors == [], errors
    return [p.display(course, said) for p in problems if not p.is_error and "quizzes/intro.yaml" in p.display(course)]


def test_a_fair_question_is_not_flagged(minimal_course):
    assert warnings_of(minimal_course, quiz(FAIR)) == []


def test_the_right_option_standing_out_as_the_longest(minimal_course):
    right = "Du tager en samtale med medarbejderen om, hvad der skete, og aftaler sammen, hvordan I følger op."
    found = warnings_of(minimal_course, quiz(single("lang", "Hvad gør du?", [
        (right, True), ("Du venter og ser.", False), ("Du ringer til HR.", False)])))
    assert "quizzes/intro.yaml:3: warning: question 'lang': the right option stands out as the longest " \
           f"({len(right)} characters; the others 17–17). Make the wrong options equally considered mistakes " \
           "(quiz_checks.stand_out)" in found
    assert any(f"the options' lengths lie far apart (17 to {len(right)} characters" in w for w in found)


def test_the_right_option_standing_out_as_the_shortest(minimal_course):
    found = warnings_of(minimal_course, quiz(single("kort", "Hvad gør du?", [
        ("Du lytter.", True),
        ("Du sender straks sagen videre til din egen chef og beder om en afgørelse fra oven.", False),
        ("Du skriver en lang mail til hele afdelingen om, hvad der efter din mening gik galt.", False)])))
    assert any("question 'kort': the right option stands out as the shortest (10 characters" in w for w in found)


def test_options_far_apart_in_length_even_when_the_right_one_is_in_between(minimal_course):
    longest = ("Du skriver til din chef, til HR, til projektlederen og til alle kolleger i afdelingen, at "
               "sagen må vente, til alle har haft tid til at sætte sig ind i den.")
    found = warnings_of(minimal_course, quiz(single("spredt", "Hvad gør du?", [
        ("Du holder et kort møde med teamet og spørger til deres forslag.", True),
        ("Intet.", False), (longest, False)])))
    assert any(f"question 'spredt': the options' lengths lie far apart (6 to {len(longest)} characters" in w
               for w in found), found
    assert not any("stands out" in w for w in found)


def test_words_of_the_prompt_echoed_only_in_the_right_option(minimal_course):
    found = warnings_of(minimal_course, quiz(single("ekko", "Hvordan styrker du samarbejdet med borgeren om lokalplanen?", [
        ("Du styrker samarbejdet ved at invitere til et møde.", True),
        ("Du sender et brev med de endelige tegninger ud.", False),
        ("Du lader projektlederen klare resten af forløbet.", False)])))
    assert any("question 'ekko': words of the prompt (" in w and "samarbejdet" in w and "styrker" in w
               and "recur only in the right option 'a'" in w for w in found), found


def test_an_echo_shared_with_a_wrong_option_is_no_cue(minimal_course):
    found = warnings_of(minimal_course, quiz(single("delt", "Hvordan styrker du samarbejdet med borgeren om lokalplanen?", [
        ("Du styrker samarbejdet ved at invitere til et møde.", True),
        ("Du styrker samarbejdet ved at sende tegningerne ud.", False),
        ("Du lader projektlederen klare resten af forløbet.", False)])))
    assert not any("words of the prompt" in w for w in found)


@pytest.mark.parametrize("phrase", ["Alle ovenstående", "none of the above"])
def test_all_or_none_of_the_above(minimal_course, phrase):
    found = warnings_of(minimal_course, quiz(single("alle", "Hvad gør du?", [
        ("Du taler med teamet om sagen.", True),
        ("Du taler med din chef om sagen.", False),
        (f"{phrase}.", False)])))
    assert any(f"question 'alle': option 'c' says '{phrase.casefold()}'" in w for w in found), found


def test_a_negative_prompt_without_emphasis_and_with_it(minimal_course):
    options = [("Du taler med teamet om sagen.", True), ("Du taler med din chef om sagen.", False),
               ("Du taler med borgeren om sagen.", False)]
    found = warnings_of(minimal_course, quiz(single("neg", "Hvad gør du ikke?", options)))
    assert "quizzes/intro.yaml:3: warning: question 'neg': the question is negative ('ikke') without emphasis; " \
           "write **ikke** or turn the question round." in found
    for emphasised in ("Hvad gør du **ikke**?", "Hvad gør du IKKE?"):
        (minimal_course / "quizzes" / "intro.yaml").unlink()
        assert not any("negative" in w for w in warnings_of(minimal_course, quiz(single("neg", f"'{emphasised}'", options))))


def test_a_negation_in_the_situation_is_not_a_negative_question():
    assert question_sentence("Borgeren forstår ikke svaret. Hvad gør du?") == "Hvad gør du?"
    assert question_sentence('Hun siger: "Ikke nu!" Hvad gør du?') == "Hvad gør du?"
    assert question_sentence("Maria ved ikke, hvad hun skal gøre først.") == ""


def _quiz_of(count: int, right_longest: bool, right_place: int = 1) -> str:
    questions = []
    for number in range(count):
        right = "Du spørger teamet." if not right_longest else "Du spørger hele teamet, hvad de ser."
        options = [("Du beslutter alene med det samme.", False), ("Du beder chefen om et svar nu.", False)]
        options.insert(right_place - 1 if number % 2 == 0 or not right_longest else 0, (right, True))
        questions.append(single(f"q{number}", "Hvad gør du?", options))
    return quiz(*questions)


def test_a_quiz_whose_right_option_is_systematically_the_longest(minimal_course):
    found = warnings_of(minimal_course, _quiz_of(4, right_longest=True))
    assert "quizzes/intro.yaml:1: warning: the right option is strictly the longest in 4 of 4 one-answer questions " \
           "and decision points (100 %; at most 50 % allowed by quiz_checks.longest_share)" in found
    assert not any("stands out" in w for w in found)  # each question alone is fair: the pattern is the cue


def test_a_quiz_whose_right_option_is_systematically_the_shortest(minimal_course):
    found = warnings_of(minimal_course, _quiz_of(4, right_longest=False, right_place=2))
    assert any("strictly the shortest in 4 of 4" in w for w in found)


def test_position_bias_across_a_quiz(minimal_course):
    found = warnings_of(minimal_course, _quiz_of(5, right_longest=False, right_place=3))
    assert any("the right option is option number 3 in 5 of 5" in w for w in found)


def test_the_thresholds_are_course_settings(minimal_course):
    relaxed = "quiz_checks:\n  longest_share: 100\n  position_share: 100\n  min_items: 2\n"
    found = warnings_of(minimal_course, _quiz_of(4, right_longest=True), relaxed)
    assert not any("strictly the longest" in w for w in found)


@pytest.mark.parametrize("setting, message", [
    ("quiz_checks:\n  longest_share: 150\n", "'quiz_checks.longest_share' must be between 0 and 100, not 150"),
    ("quiz_checks:\n  spread: many\n", "'quiz_checks.spread' must be a whole number"),
    ("quiz_checks:\n  longest: 40\n", "unknown field 'longest'"),
])
def test_a_wrong_threshold_is_an_error_with_its_line(minimal_course, setting, message):
    lines = (minimal_course / "course.yaml").read_text(encoding="utf-8").count("\n")
    with (minimal_course / "course.yaml").open("a", encoding="utf-8") as file:
        file.write(setting)
    _, problems = load_and_validate(minimal_course)
    errors = [p.display(minimal_course) for p in problems if p.is_error]
    assert any(e.startswith(f"course.yaml:{lines + 2}:") and message in e for e in errors), errors


def test_a_scenario_step_whose_best_choice_is_the_longest_counts(minimal_course):
    course, _ = load_and_validate(minimal_course)
    figures = {f.quiz.module_id: f for f in course_figures(course)}
    scenario = course.question("intro-scenarie")
    assert scenario is not None and figures["intro"].items == 1 + len(scenario.decision_points())


def test_the_warnings_speak_the_course_language_and_stats_sum_them_up(minimal_course):
    (minimal_course / "quizzes" / "intro.yaml").write_text(_quiz_of(4, right_longest=True), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "course_builder", "validate", "--source", ".", "--stats"],
                            cwd=minimal_course, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "quizzes/intro.yaml:1: advarsel: det rigtige svar er det længste i 4 af 4 spørgsmål" in result.stdout
    summary = result.stdout.split("Spørgsmålenes ledetråde")[1].splitlines()
    intro = next(line for line in summary if line.startswith("intro "))
    assert intro.split()[:3] == ["intro", "4", "4"] and "(100 %)" in intro
