"""The Markdown a build converted, kept in the course's folder for the next build (stored_markdown.py): a rebuild
gives the same bytes without converting (nor importing Markdown), an edited text is converted anew, and a store
that does not fit the installed Markdown, is damaged or cannot be written changes nothing but the time."""
from __future__ import annotations

import json
import subprocess
import sys

from course_builder.build import build
from course_builder.stored_markdown import FILE, FOLDER, read_stored
from tests.support import REPO, edit, tree_bytes

LESSON = "modules/01-intro.md"


def stored(course) -> dict[str, str]:
    return json.loads((course / FOLDER / FILE).read_text(encoding="utf-8"))["html"]


def test_a_rebuild_reads_the_stored_markdown_and_gives_the_same_bytes(minimal_course, tmp_path):
    assert build(minimal_course, tmp_path / "first").ok
    assert stored(minimal_course)  # the lessons' Markdown: more than paragraphs
    script = ("import sys; from course_builder.build import build; "
              "assert build(__import__('pathlib').Path(sys.argv[1]), __import__('pathlib').Path(sys.argv[2])).ok; "
              "print('markdown' in sys.modules)")
    again = subprocess.run([sys.executable, "-c", script, str(minimal_course), str(tmp_path / "again")], cwd=REPO,
                           capture_output=True, text=True, check=True)
    assert again.stdout.split()[-1] == "False"  # nothing to convert: Markdown not even imported
    assert tree_bytes(tmp_path / "again") == tree_bytes(tmp_path / "first")


def test_an_edited_text_is_converted_anew_and_the_old_one_forgotten(minimal_course, tmp_path):
    assert build(minimal_course, tmp_path / "one").ok
    before = stored(minimal_course)
    edit(minimal_course / LESSON, "> Et citat, ordret.", "> Et andet citat, ordret.")
    assert build(minimal_course, tmp_path / "two").ok
    after = stored(minimal_course)
    assert any("Et andet citat" in html for html in after.values())
    assert not any("Et andet citat" in html for html in before.values())
    assert not any("Et citat, ordret" in html for html in after.values())  # the page as it was is not kept
    assert "<blockquote>\n<p>Et andet citat, ordret.</p>" in (tmp_path / "two" / "web" / "intro" / "index.html").read_text(encoding="utf-8")


def test_a_store_made_with_another_markdown_is_not_read(minimal_course, tmp_path):
    assert build(minimal_course, tmp_path / "one").ok
    store = minimal_course / FOLDER / FILE
    data = json.loads(store.read_text(encoding="utf-8"))
    data["html"] = {text: "<p>FORKERT</p>" for text in data["html"]}
    store.write_text(json.dumps({**data, "key": "another markdown"}), encoding="utf-8")
    assert read_stored(minimal_course) == {}
    assert build(minimal_course, tmp_path / "two").ok
    assert tree_bytes(tmp_path / "two") == tree_bytes(tmp_path / "one")


def test_a_damaged_store_is_ignored_and_replaced(minimal_course, tmp_path):
    assert build(minimal_course, tmp_path / "one").ok
    (minimal_course / FOLDER / FILE).write_text('{"key": "', encoding="utf-8")
    assert build(minimal_course, tmp_path / "two").ok
    assert tree_bytes(tmp_path / "two") == tree_bytes(tmp_path / "one")
    assert read_stored(minimal_course)


def test_a_course_folder_that_takes_no_store_still_builds(minimal_course, tmp_path):
    (minimal_course / FOLDER).write_text("a file where the folder would be", encoding="utf-8")
    assert build(minimal_course, tmp_path / "dist").ok
    assert read_stored(minimal_course) == {}


def test_a_failed_build_stores_nothing(minimal_course, tmp_path):
    assert build(minimal_course, tmp_path / "one").ok
    before = stored(minimal_course)
    edit(minimal_course / LESSON, "> Et citat, ordret.", "> Et andet citat, ordret.")
    edit(minimal_course / LESSON, "title:", "title: [")  # and a YAML error in the front matter
    assert not build(minimal_course, tmp_path / "two").ok
    assert stored(minimal_course) == before


def test_the_store_s_folder_is_ignored_by_git(minimal_course, tmp_path):
    subprocess.run(["git", "init", "-q", str(minimal_course)], check=True)
    assert build(minimal_course, tmp_path / "dist").ok
    status = subprocess.run(["git", "-C", str(minimal_course), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert FOLDER not in status and "modules/" in status
