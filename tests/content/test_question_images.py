"""Images in quiz questions follow the rule of lesson images: a file beside the module."""
from __future__ import annotations

import shutil
from pathlib import Path

from course_builder.build import build, load_and_validate
from tests.support import FIXTURES



def copy(tmp_path: Path) -> Path:
    source = tmp_path / "course"
    shutil.copytree(FIXTURES / "moodle-rich", source)
    return source


def test_a_missing_question_image_is_an_error_at_the_question(tmp_path):
    source = copy(tmp_path)
    (source / "modules" / "figur" / "plan.png").unlink()
    _, problems = load_and_validate(source)
    quiz = source / "quizzes" / "billeder.yaml"
    page = source / "modules" / "01-billeder.md"
    assert [(p.path, p.line, p.message) for p in problems if p.is_error] == [
        (page, 24, "image 'figur/plan.png' not found beside 01-billeder.md. Check the file name (upper and lower case "
                   "too), or put the picture in modules/."),
        (quiz, 3, "image 'figur/plan.png' not found beside 01-billeder.md. Check the file name (upper and lower case "
                  "too), or put the picture in modules/."),
    ]


def test_a_question_image_from_the_web_is_refused(tmp_path):
    source = copy(tmp_path)
    quiz = source / "quizzes" / "billeder.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("(kort.png)", "(https://example.org/kort.png)"),
                    encoding="utf-8")
    _, problems = load_and_validate(source)
    assert [(p.line, p.message) for p in problems if p.is_error] == [
        (3, "image 'https://example.org/kort.png' must be a file beside the module, not a web address. Save the "
            "picture beside the module and write its file name.")]


def test_the_player_ships_the_images_its_questions_show(tmp_path):
    result = build(FIXTURES / "moodle-rich", tmp_path / "out", ["web"])
    assert result.ok
    shipped = tmp_path / "out" / "web" / "billeder"
    assert (shipped / "figur" / "plan.png").read_bytes() == (FIXTURES / "moodle-rich/modules/figur/plan.png").read_bytes()
    assert (shipped / "kort.png").is_file()
