"""The validator against a corpus of broken inputs: each mistake gives its exact message and line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course_builder.build import load_and_validate
from tests.support import FIXTURES, edit

# (file, text to replace, replacement, expected "path:line: message")
BROKEN = [
    ("quizzes/intro.yaml", "    type: single\n", "    type: singel\n",
     "quizzes/intro.yaml:4:11: unknown question type 'singel'. Did you mean 'single'? (known: single, multiple, truefalse, matching, ordering, scenario)"),
    ("quizzes/intro.yaml", "        correct: true\n        feedback: Rigtigt, det siger missionen.\n",
     "        feedback: Rigtigt, det siger missionen.\n",
     "quizzes/intro.yaml:3: single-choice question 'intro-single' must have exactly one correct option, not 0. Write 'correct: true' under exactly one (or use type: multiple)."),
    ("quizzes/intro.yaml", "      - id: c\n        text: Hastighed\n        feedback: Nej.\n",
     "      - id: c\n        text: Hastighed\n        correct: true\n        feedback: Nej.\n",
     "quizzes/intro.yaml:15: multiple-response question 'intro-multiple' marks every option correct: at least one must be wrong. Add a wrong one, or write 'correct: false' under one."),
    ("quizzes/intro.yaml", "reference: mission\n    prompt: Hvad", "reference: misison\n    prompt: Hvad",
     "quizzes/intro.yaml:5: unknown reference 'misison'. Use an id from references.yaml, or add the reference there."),
    ("quizzes/intro.yaml", "module: intro", "module: intr",
     "quizzes/intro.yaml:1: quiz for unknown module 'intr'. Write a module id from course.yaml 'modules' (intro, roller)."),
    ("quizzes/intro.yaml", "  - id: intro-multiple", "  - id: intro-single",
     "quizzes/intro.yaml:15: question id 'intro-single' is used already (intro.yaml:3). Give this question its own id: ids are unique in the whole course."),
    ("quizzes/intro.yaml", "      - {id: b, left: Respekt, right: Vi lytter til hinanden}\n      - {id: c, left: Engagement, right: Vi tager ansvar}\n", "",
     "quizzes/intro.yaml:39: matching question 'intro-match' needs at least 2 complete pairs (id, left, right). Add more under 'pairs'."),
    ("quizzes/intro.yaml", "      - {id: b, left: Respekt, right: Vi lytter til hinanden}", "      - {id: b, left: Respekt}",
     "quizzes/intro.yaml:45:9: a pair is missing the field 'right'. Add it."),
    ("quizzes/intro.yaml", "      - {id: b, text: Dernæst}\n      - {id: c, text: Til sidst}\n", "",
     "quizzes/intro.yaml:50: ordering question 'intro-orden' needs at least 2 items. Add more under 'items'."),
    ("quizzes/intro.yaml", "            next: middel", "            next: start",
     "quizzes/intro.yaml:88: cycle: choice 'b' leads back to node 'start'. Let it lead on to a new node or an ending."),
    ("quizzes/intro.yaml", "            next: daarligt", "            next: godt",
     "quizzes/intro.yaml:95: node 'daarligt' cannot be reached from the start. Let a choice lead to it, or delete it."),
    ("quizzes/intro.yaml", "      - id: middel\n        ending: Medarbejderen er presset.\n        score: 50\n",
     "      - id: middel\n        situation: Medarbejderen er presset.\n",
     "quizzes/intro.yaml:92: dead end: node 'middel' has no choices and is not an ending with a score. Add 'choices', or make it an ending with 'ending' and 'score'."),
    ("quizzes/intro.yaml", "            next: godt", "            next: gdot",
     "quizzes/intro.yaml:84: choice 'a' leads to unknown node 'gdot'. Write one of the scenario's node ids (start, aftale, godt, middel, daarligt)."),
    ("quizzes/intro.yaml", "    feedback:\n      correct: Ja, E", "    feedbak:\n      correct: Ja, E",
     "quizzes/intro.yaml:36:5: unknown field 'feedbak' in a truefalse question. Did you mean 'feedback'? Correct the spelling (allowed: answer, feedback, id, prompt, reference, roles, type)."),
    ("quizzes/intro.yaml", "    answer: true", "    answer: maybe",
     "quizzes/intro.yaml:35:13: 'answer' must be true or false, not 'maybe'."),
    ("quizzes/intro.yaml", "      - id: b\n        text: At spare", "      - id: bb\n        text: At spare",
     "quizzes/intro.yaml:12: option id 'bb' must be one lowercase letter or digit, e.g. a, b, c."),
    ("quizzes/intro.yaml", "  - id: intro-orden", "  - id: Intro Orden",
     "quizzes/intro.yaml:50: question id 'Intro Orden' must be lowercase letters, digits and single hyphens (at most 64 characters); e.g. 'my-role'."),
    ("quizzes/intro.yaml", "    prompt: Hvad er vores kerneopgave?\n", "    prompt: Hvad er: vores kerneopgave?\n",
     "quizzes/intro.yaml:6:20: the text holds a colon followed by a space, which YAML reads as a new field. Put the whole text in quotation marks: prompt: \"Hvad er: vores kerneopgave?\""),
    ("modules/01-intro.md", "::: refs vaerdier\n", "::: refs vaerdier ukendt\n",
     "modules/01-intro.md:19: unknown reference 'ukendt'. Use an id from references.yaml, or add the reference there."),
    ("modules/01-intro.md", "Her lærer du om vores [[kerneopgave]].", "Her lærer du om vores [[kerneopgaven]].",
     "modules/01-intro.md:14: unknown glossary term '[[kerneopgaven]]'. Use an id from glossary.yaml, or add the term there."),
    ("modules/01-intro.md", "Tre værdier. De er vigtige.", "![Et billede](mangler.png)",
     "modules/01-intro.md:21: image 'mangler.png' not found beside 01-intro.md. Check the file name (upper and lower case too), or put the picture in modules/."),
    ("modules/01-intro.md", "Tre værdier. De er vigtige.\n", "",
     None),  # the page still has its reflection: not empty
    ("modules/01-intro.md", "## Opsummering\n::: refs mission vaerdier\n\nDu kender nu missionen og værdierne.\n",
     "## Opsummering\n\n",
     "modules/01-intro.md:27: page 'Opsummering' is empty. Write text below the heading, or delete the heading."),
    ("modules/01-intro.md", "Hvilken værdi betyder mest for dig?\n:::\n", "Hvilken værdi betyder mest for dig?\n",
     "modules/01-intro.md:23: the reflection is not closed by a ':::' line. Write ':::' on a line of its own after the prompt."),
    ("modules/01-intro.md", "minutes: 10", "minutes: ti",
     "modules/01-intro.md:7:10: 'minutes' must be a whole number, not 'ti'. Write e.g. 10."),
    ("modules/01-intro.md", "roles: [teamleder]", "roles: [leder-for-ledere]",
     "modules/01-intro.md:8: unknown role 'leder-for-ledere'. "
     "Use one that course.yaml 'roles' declares (chef, mellemleder, teamleder), or add it there."),
    # the course's vocabulary is the course's own: a role or a document it does not declare is an error
    ("course.yaml", "  teamleder: Teamleder\n", "",
     "modules/01-intro.md:8: unknown role 'teamleder'. Use one that course.yaml 'roles' declares (chef, mellemleder), or add it there."),
    ("course.yaml", "  teamleder: Teamleder\n", "  gruppeleder: Gruppeleder\n",
     "modules/01-intro.md:8: unknown role 'teamleder'. Use one that course.yaml 'roles' declares (chef, mellemleder, gruppeleder), or add it there."),
    ("references.yaml", "  title: TRE-værdierne\n  document: grundlag", "  title: TRE-værdierne\n  document: ledelsesgrundlag",
     "references.yaml:7: unknown document 'ledelsesgrundlag'. "
     "Use one that course.yaml 'documents' declares (grundlag, rollebeskrivelser), or add it there."),
    ("course.yaml", "  rollebeskrivelser: Rollebeskrivelser\n",
     "  rollebeskrivelser: Rollebeskrivelser\n  rollebeskrivelser: Igen\n",
     "course.yaml:21:3: 'rollebeskrivelser' appears twice in 'documents'. Delete one of them."),
    ("course.yaml", "documents:\n  grundlag: Ledelsesgrundlag\n  rollebeskrivelser: Rollebeskrivelser\n",
     "documents: [grundlag, rollebeskrivelser]\n",
     "course.yaml:18:12: 'documents' must be a mapping of id: label, one per line."),
    ("course.yaml", "  chef: Chef", "  chef: [Chef, og, leder]",
     "course.yaml:15:9: 'roles.chef' must be text. Write the text after the colon (in quotation marks if it holds a colon or #)."),
    ("course.yaml", "language: da", "language: fr",
     "course.yaml:4:11: 'language' must be one of da, en, not 'fr'."),
    ("modules/01-intro.md", "title: Introduktion\n", "titel: Introduktion\n",
     "modules/01-intro.md:3:1: unknown field 'titel' in the module's front matter (between the two '---' lines). Did you mean 'title'? Correct the spelling (allowed: id, minutes, objectives, roles, title)."),
    ("modules/01-intro.md", "---\n\n## Velkommen", "---\nIndledning uden overskrift.\n\n## Velkommen",
     "modules/01-intro.md:10: text before the first '## ' heading: every page starts with one. Move the text below a heading, or add one above it."),
    ("course.yaml", "modules: [intro, roller]", "modules: [intro, roller, ekstra]",
     "course.yaml:10: module 'ekstra' has no file in modules/. Create one (e.g. modules/ekstra.md) with 'id: ekstra' in its front matter, or delete this line."),
    ("course.yaml", "mastery_score: 80", "mastery_score: 180",
     "course.yaml:6:16: 'mastery_score' must be between 0 and 100, not 180."),
    ("glossary.yaml", "  reference: mission", "  reference: missionen",
     "glossary.yaml:1: unknown reference 'missionen'. Use an id from references.yaml, or add the reference there."),
    ("references.yaml", "- id: vaerdier", "- id: mission",
     "references.yaml:5: reference id 'mission' is defined twice. Give one of them another id."),
]


def problems_of(course: Path) -> list[str]:
    _, problems = load_and_validate(course)
    return [p.display(course) for p in problems if p.is_error]


def test_the_fixture_course_is_clean():
    assert problems_of(FIXTURES / "minimal") == []


@pytest.mark.parametrize("file, old, new, expected", BROKEN, ids=[b[3] or "no-problem" for b in BROKEN])
def test_broken_input_gives_its_message_and_line(minimal_course, file, old, new, expected):
    edit(minimal_course / file, old, new)
    found = problems_of(minimal_course)
    if expected is None:
        assert found == []
    else:
        assert expected in found, "\n".join(found)


def test_ten_mistakes_give_ten_lines_and_exit_1():
    result = subprocess.run(
        [sys.executable, "-m", "course_builder", "validate", "--source", ".", "--language", "en"],
        cwd=FIXTURES / "ten-mistakes", capture_output=True, text=True,
    )
    lines = [line for line in result.stderr.splitlines() if ": " in line and not line.endswith("found")]
    expected = (FIXTURES / "ten-mistakes" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.returncode == 1
    assert lines == expected
    assert "10 problems found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_glossary_link_that_does_not_fit_its_sentence_gives_a_warning_with_file_and_line(minimal_course):
    edit(minimal_course / "glossary.yaml", "term: Kerneopgave", "term: kerneopgave")  # written as in running text
    _, problems = load_and_validate(minimal_course)
    assert [p for p in problems if "glossary" in p.message or "[[" in p.message] == []  # bare, mid-sentence: fits

    edit(minimal_course / "modules/01-intro.md", "Her lærer du om vores [[kerneopgave]]. Det er kort.",
         "Her lærer du om vores [[kerneopgave|Kerneopgave]]. [[kerneopgave]] er kort.")
    _, problems = load_and_validate(minimal_course)
    warnings = [p.display(minimal_course) for p in problems if not p.is_error]
    assert warnings == [
        "modules/01-intro.md:14: warning: '[[kerneopgave|Kerneopgave]]' shows 'Kerneopgave' with a capital letter "
        "mid-sentence: write the word as the sentence needs it, e.g. '[[kerneopgave|kerneopgave]]'",
        "modules/01-intro.md:14: warning: '[[kerneopgave]]' shows 'kerneopgave' with a small letter at the start "
        "of a sentence: write the word as the sentence needs it, e.g. '[[kerneopgave|Kerneopgave]]'",
    ]


def test_quiz_texts_get_the_same_link_checks_at_the_questions_line(minimal_course):
    edit(minimal_course / "glossary.yaml", "term: Kerneopgave", "term: kerneopgave")
    edit(minimal_course / "quizzes/intro.yaml", "prompt: Hvad er vores kerneopgave?",
         "prompt: Hvad er vores [[kerneopgave|Kerneopgave]] og [[kerneopgaver]]?")
    _, problems = load_and_validate(minimal_course)
    shown = [p.display(minimal_course) for p in problems]
    assert ("quizzes/intro.yaml:3: unknown glossary term '[[kerneopgaver]]'. Use an id from glossary.yaml, or add the "
            "term there.") in shown
    assert any(line.startswith("quizzes/intro.yaml:3: warning: '[[kerneopgave|Kerneopgave]]' shows 'Kerneopgave' "
                               "with a capital letter mid-sentence") for line in shown), shown
