"""What render.py hands the player: settings, the answer key, interaction descriptions, the questions'
fingerprint, and the one translation table of UI strings."""
from __future__ import annotations

import yaml

from course_builder.content import load_course
from course_builder.answer_key import question_key
from course_builder.render import player_config, render_course
from course_builder.templating import BUILTIN_TEMPLATES, Templates, ui_strings
from tests.support import FIXTURES, edit, module_page


def config_of(root, module_id="intro"):
    course = load_course(root).course
    module = course.module(module_id)
    return player_config(course, module, ui_strings(Templates(course.root), course.settings.language))


def test_settings_reach_the_player():
    config = config_of(FIXTURES / "minimal")
    assert (config["courseId"], config["moduleId"], config["version"]) == ("mini-kursus", "intro", "0.1.0")
    assert (config["masteryScore"], config["quizAttempts"], config["reflections"]) == (80, 2, "lms")
    assert config["pages"] == ["p1", "p2", "p3"]
    assert config["reflectionIds"] == ["min-vaerdi"]


def test_answer_keys_of_every_question_type():
    keys = {key["id"]: key for key in config_of(FIXTURES / "minimal")["questions"]}
    assert keys["intro-single"] == {"id": "intro-single", "type": "single", "options": ["a", "b"], "correct": ["a"]}
    assert keys["intro-multiple"]["correct"] == ["a", "b"]
    assert keys["intro-sandt"] == {"id": "intro-sandt", "type": "truefalse", "correct": True}
    assert keys["intro-match"]["pairs"] == ["a", "b", "c"]
    assert keys["intro-orden"]["order"] == ["a", "b", "c"]
    assert keys["intro-scenarie"]["nodes"] == {
        "start": {"choices": {"a": "aftale", "b": "daarligt"}, "best": ["a"]},
        "aftale": {"choices": {"a": "godt", "b": "middel"}, "best": ["a"]},
        "godt": {"score": 100}, "middel": {"score": 50}, "daarligt": {"score": 0},
    }


def test_every_choice_leading_to_the_best_ending_is_correct(minimal_course):
    edit(minimal_course / "quizzes" / "intro.yaml", "next: daarligt", "next: godt")
    key = question_key(load_course(minimal_course).course.question("intro-scenarie"))
    assert key["nodes"]["start"]["best"] == ["a", "b"]


def test_descriptions_are_one_line_of_plain_text_within_250_characters(minimal_course):
    long_prompt = "Et **langt** spørgsmål om [[krydspres|krydspresset]] og\nmeget mere. " * 12
    edit(minimal_course / "quizzes" / "intro.yaml", "prompt: Hvad er vores kerneopgave?",
         "prompt: " + yaml.safe_dump(long_prompt, default_style='"', width=10_000).strip())
    descriptions = config_of(minimal_course)["descriptions"]
    single = descriptions["intro-single"]["intro-single"]
    assert single.startswith("Et langt spørgsmål om krydspresset og meget mere.")
    assert len(single) <= 250 and single.endswith("…") and "\n" not in single and "**" not in single
    assert descriptions["intro-scenarie"] == {"intro-scenarie.start": "Projektlederen beder om mere tid.",
                                              "intro-scenarie.aftale": "I skal aftale opgaverne."}


def test_showing_options_in_another_order_keeps_the_fingerprint(minimal_course):
    before = config_of(minimal_course)["fingerprint"]
    quiz = minimal_course / "quizzes" / "intro.yaml"
    text = quiz.read_text(encoding="utf-8")
    first, second = text.index("      - id: a\n        text: Troværdighed"), text.index("      - id: c\n        text: Hastighed")
    end = text.index("  - id: intro-sandt")
    quiz.write_text(text[:first] + text[second:end] + text[first:second] + text[end:], encoding="utf-8")
    edit(quiz, "      - {id: a, left: Troværdighed, right: Vi holder hvad vi lover}\n",
         "")
    edit(quiz, "      - {id: c, left: Engagement, right: Vi tager ansvar}\n",
         "      - {id: c, left: Engagement, right: Vi tager ansvar}\n      - {id: a, left: Troværdighed, right: Vi holder hvad vi lover}\n")
    course = load_course(minimal_course).course
    assert [o.id for o in course.question("intro-multiple").options] == ["c", "a", "b"]
    assert [p.id for p in course.question("intro-match").pairs] == ["b", "c", "a"]
    assert config_of(minimal_course)["fingerprint"] == before


def test_the_fingerprint_changes_with_the_questions_only(minimal_course):
    before = config_of(minimal_course)["fingerprint"]
    edit(minimal_course / "modules" / "01-intro.md", "Tre værdier. De er vigtige.", "Tre værdier.")
    edit(minimal_course / "quizzes" / "intro.yaml", "Hvad er vores kerneopgave?", "Hvad er kerneopgaven?")
    edit(minimal_course / "course.yaml", "version: 0.1.0", "version: 0.2.0")
    assert config_of(minimal_course)["fingerprint"] == before  # texts changed, answers still fit
    edit(minimal_course / "quizzes" / "intro.yaml", "        correct: true\n        feedback: Rigtigt, det siger missionen.",
         "        feedback: Rigtigt, det siger missionen.")
    edit(minimal_course / "quizzes" / "intro.yaml", "        text: At spare penge\n",
         "        text: At spare penge\n        correct: true\n")
    after = config_of(minimal_course)["fingerprint"]
    assert after != before and len(after) == 8


def test_the_translation_table_is_complete_in_both_languages():
    table = yaml.safe_load((BUILTIN_TEMPLATES / "player" / "strings.yaml").read_text(encoding="utf-8"))
    assert all(set(texts) == {"da", "en"} and all(texts.values()) for texts in table.values())
    used = "".join(p.read_text(encoding="utf-8") for p in BUILTIN_TEMPLATES.rglob("*") if p.is_file())
    unused = [key for key in table if f"t.{key}" not in used and f"strings.{key}" not in used
              and f"t[\"{key}" not in used and f'"{key.rsplit("_", 1)[0]}_" + ' not in used]
    assert unused == []


def test_an_english_course_gets_an_english_player(minimal_course):
    edit(minimal_course / "course.yaml", "language: da", "language: en")
    rendered = render_course(load_course(minimal_course).course)
    html = module_page(rendered.modules["intro"].files(), "intro")
    assert '<html lang="en">' in html
    assert "Page 1 of 5" in html and ">Next<" in html and "Question 1 of 6" in html
    assert "Næste" not in html
