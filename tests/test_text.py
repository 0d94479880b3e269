"""The shared text jobs (course_builder/text.py), and that every output uses them alike."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from course_builder.content import load_course
from course_builder.content.model import GlossaryTerm, Source
from course_builder.moodle_questions import NAME_EXCERPT, question_bank
from course_builder.render import DESCRIPTION_LIMIT, player_config
from course_builder.templating import Templates, ui_strings
from course_builder.text import (EITHER_CASE, MID_SENTENCE, SENTENCE_START, glossary_links, glossary_words, html_text,
                                 link_case_problem, markdown_block_before, plain_text, position_in_sentence, shortened)
from tests.support import FIXTURES, edit

HERE = Source(Path("glossary.yaml"), 1)
GLOSSARY = {"krydspres": GlossaryTerm("krydspres", "Krydspres", "To ledere vil noget forskelligt.", None, HERE)}


@pytest.mark.parametrize(("markdown", "words"), [
    ("Om [[krydspres]].", "Om Krydspres."),
    ("Om [[krydspres|krydspresset]].", "Om krydspresset."),
    ("Om [[ krydspres ]] og [[krydspres|det]].", "Om Krydspres og det."),
    ("Om [[ukendt]] og [[ ukendt ]].", "Om ukendt og ukendt."),  # a term the glossary lacks: its id
    ("Ingen links.", "Ingen links."),
])
def test_glossary_links_become_their_words(markdown, words):
    assert glossary_words(markdown, GLOSSARY) == words


def test_a_glossary_link_is_shown_by_the_caller_with_its_id_and_words():
    shown = glossary_links("[[krydspres]], [[ krydspres |presset]]", GLOSSARY, lambda i, w: f"<{i}:{w}>")
    assert shown == "<krydspres:Krydspres>, <krydspres:presset>"


@pytest.mark.parametrize(("html", "text"), [
    ("<p>Et <em>kort</em> svar.</p>", "Et kort svar."),
    ("<p>a</p>\n<ul>\n<li>b</li>\n<li>c</li>\n</ul>", "a b c"),
    ("<p>A &amp; B &lt;3 &quot;C&quot;</p>", 'A & B <3 "C"'),
    ("<p>før<!-- skjult <b>x</b> -->efter</p>", "førefter"),
    ("  <p>\n  luft \t omkring\n</p>  ", "luft omkring"),
    ("", ""),
])
def test_html_becomes_one_line_of_text(html, text):
    assert html_text(html) == text


def test_a_short_text_is_kept_whole():
    assert shortened("Kort.", 5) == "Kort."


def test_a_long_text_is_cut_at_a_word_within_the_limit_ellipsis_included():
    text = " ".join(["ordene"] * 30)
    cut = shortened(text, 70)
    assert cut.endswith("ordene…") and len(cut) <= 70
    assert not cut[:-1].endswith(" ")


def test_a_word_that_ends_just_before_the_limit_is_kept():
    # "abc def" + " ghi": 7 characters and the ellipsis fit in 8
    assert shortened("abc def ghi", 8) == "abc def…"
    assert shortened("abc def ghi", 7) == "abc…"


@pytest.mark.parametrize("text", ["Først dette, og – så noget andet", "Først dette; og så noget andet",
                                  "Først dette: og så noget andet", "Først dette - og så noget andet"])
def test_no_punctuation_stands_before_the_ellipsis(text):
    assert shortened(text, 14) == "Først dette…"


def test_one_long_word_is_cut_hard():
    assert shortened("a" * 20, 10) == "a" * 9 + "…"


def test_markdown_becomes_plain_text_with_the_glossary_s_words():
    markdown = "## Spørgsmål\n\nHvad er **[[krydspres]]**? Se [reglerne](regler.html):\n\n- én\n- *to*\n"
    assert plain_text(markdown, GLOSSARY) == "Spørgsmål Hvad er Krydspres? Se reglerne: én to"
    assert plain_text("Om [[krydspres]] i *hverdagen*.", GLOSSARY) == "Om Krydspres i hverdagen."
    assert plain_text("", GLOSSARY) == ""


def test_plain_text_is_shortened_only_when_a_limit_is_given():
    markdown = "Et **langt** spørgsmål om [[krydspres|krydspresset]] og\nmeget mere. " * 12
    whole = plain_text(markdown, GLOSSARY)
    assert len(whole) > DESCRIPTION_LIMIT and "\n" not in whole and "**" not in whole
    short = plain_text(markdown, GLOSSARY, DESCRIPTION_LIMIT)
    assert len(short) <= DESCRIPTION_LIMIT and short.endswith("…") and whole.startswith(short[:-1])


def test_the_scorm_description_and_the_moodle_name_are_the_same_text(tmp_path):
    source = tmp_path / "course"

    shutil.copytree(FIXTURES / "minimal", source)
    prompt = "Hvad betyder **[[krydspres]]** for dig, når to ledere ønsker noget forskelligt af dig – og hvad gør du så ved det?"
    edit(source / "quizzes" / "intro.yaml", "prompt: Hvad er vores kerneopgave?", f"prompt: \"{prompt}\"")
    course = load_course(source).course
    templates = Templates(course.root)
    module = next(m for m in course.modules if any(q.id == "intro-single" for q in m.questions))
    description = player_config(course, module, ui_strings(templates, "da"))["descriptions"]["intro-single"]["intro-single"]
    assert description == "Hvad betyder Krydspres for dig, når to ledere ønsker noget forskelligt af dig – og hvad gør du så ved det?"
    name = next(q.name for q in question_bank(course, templates).questions if q.idnumber == "intro-single")
    assert name.split(" ", 1)[1] == shortened(description, NAME_EXCERPT)
    assert name == "01 Hvad betyder Krydspres for dig, når to ledere ønsker noget…"


@pytest.mark.parametrize(("markdown", "position"), [
    ("[[x]] står først.", SENTENCE_START),
    ("Første sætning. [[x]] står først i den anden.", SENTENCE_START),
    ("Spørg: **\"[[x]]** er vigtig?\"", EITHER_CASE),
    ("Vi har den samme [[x]].", MID_SENTENCE),
    ("En sætning, der går\nover to linjer med [[x]].", MID_SENTENCE),
    ("En sætning slutter her.\n[[x]] begynder den næste linje.", SENTENCE_START),
    ("Afsnit slutter uden punktum\n\n[[x]] begynder et nyt.", SENTENCE_START),
    ("### Overskrift\n[[x]] under den.", SENTENCE_START),
    ("En kultur med\n\n- [[x]], refleksion og tillid", EITHER_CASE),  # a list item may go on with the lead-in
    ("- første punkt\n- et punkt om [[x]]", MID_SENTENCE),
    ("- et punkt, der går\n  videre med [[x]]", MID_SENTENCE),
    ("| Rolle | Opgave |\n| --- | --- |\n| leder | [[x]] |", EITHER_CASE),
    ("**Relationer.** [[x]] bygger på fælles mål.", SENTENCE_START),
])
def test_a_link_knows_where_it_stands_in_its_sentence(markdown, position):
    offset = markdown.index("[[x]]")
    assert position_in_sentence(*markdown_block_before(markdown, offset)) == position


def test_a_capital_mid_sentence_belongs_only_to_a_name_and_a_sentence_starts_with_one():
    common = GlossaryTerm("vision", "vision", "Det, vi vil være.", None, HERE)
    name = GlossaryTerm("chefforum", "Chefforum", "Et forum for chefer.", None, HERE)
    assert link_case_problem("Vision", common, MID_SENTENCE) == "a capital letter mid-sentence"
    assert link_case_problem("visionen", common, MID_SENTENCE) is None
    assert link_case_problem("Chefforum", name, MID_SENTENCE) is None
    assert link_case_problem("visionen", common, SENTENCE_START) == "a small letter at the start of a sentence"
    assert link_case_problem("Visionen", common, SENTENCE_START) is None
    assert link_case_problem("visionen", common, EITHER_CASE) is None
    assert link_case_problem("Visionen", common, EITHER_CASE) is None
    assert common.headword == "Vision" and name.headword == "Chefforum"
