"""Course-wide checks of the real course: counts, coverage of the framework, readability, no PDF debris."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from course_builder.build import load_and_validate
from course_builder.content.stats import lesson_text, module_readability, readability
from tests.support import REPO

MAX_LIX = 40
SCENARIO_MODULES = (3, 4, 6, 7, 8)


@pytest.fixture(scope="module")
def course():
    course, problems = load_and_validate(REPO)
    errors = [p.display(REPO) for p in problems if p.is_error]
    assert not errors, "\n".join(errors)
    return course


def test_counts(course):
    questions = [q for m in course.modules for q in m.questions]
    assert len(course.modules) == 9
    assert len(questions) >= 60
    assert len({q.type for q in questions}) >= 4
    for number in SCENARIO_MODULES:
        module = course.modules[number - 1]
        assert any(q.type == "scenario" for q in module.questions), f"module {number} ({module.id}) has no scenario"


def test_every_module_follows_the_module_rules(course):
    gaps = []
    for module in course.modules:
        types = {q.type for q in module.questions}
        if len(module.questions) < 6 or len(types) < 3:
            gaps.append(f"{module.id}: {len(module.questions)} questions of {len(types)} types (need 6 of 3)")
        if not 2 <= len(module.objectives) <= 4:
            gaps.append(f"{module.id}: {len(module.objectives)} objectives (need 2-4)")
        if not 3 <= len(module.pages) <= 8:
            gaps.append(f"{module.id}: {len(module.pages)} pages (need 3-8)")
        if not module.reflections:
            gaps.append(f"{module.id}: no reflection prompt")
        if "opsummering" not in module.pages[-1].title.lower():
            gaps.append(f"{module.id}: the last page '{module.pages[-1].title}' is not a summary ('Opsummering')")
    assert gaps == []


def test_every_option_has_feedback_and_every_question_a_reference(course):
    for module in course.modules:
        for question in module.questions:
            assert question.reference in course.references, question.id
            for option in question.options + [c for n in question.nodes for c in n.choices]:
                assert len(option.feedback) > 20, f"{question.id}/{option.id}: feedback too thin"


def test_every_reference_has_a_page_and_a_question(course):
    on_pages = {ref for m in course.modules for p in m.pages for ref in p.references}
    in_questions = {q.reference for m in course.modules for q in m.questions}
    gaps = [f"{ref}: no page cites it" for ref in course.references if ref not in on_pages]
    gaps += [f"{ref}: no question tests it" for ref in course.references if ref not in in_questions]
    assert gaps == [], "\n".join(gaps)


def test_lesson_text_is_easy_to_read(course):
    too_hard = {m.id: round(module_readability(m).lix, 1) for m in course.modules if module_readability(m).lix > MAX_LIX}
    total = sum((module_readability(m) for m in course.modules), readability(""))
    assert too_hard == {}
    assert total.lix <= MAX_LIX


def test_lix_excludes_marked_quotations():
    plain = readability(lesson_text("Kort tekst. Helt let."))
    quoted = readability(lesson_text("Kort tekst. Helt let.\n\n> Ledelsesgrundlagets organisatoriske sammenhængskraft."))
    assert plain == quoted


HYPHEN_BREAK = re.compile(r"[a-zæøå]-\s+(?!og\b|eller\b|samt\b|til\b)[a-zæøå]")
RUNNING_HEADERS = ("FAGOMRÅDE", "INDHOLD", "Vi leder strategisk Vi arbejder sammen Vi udvikler os")


@pytest.mark.parametrize("pattern_name", ["hyphen break", "running header", "page number"])
def test_no_pdf_debris(course, pattern_name):
    found = []
    for module in course.modules:
        texts = [(p.source, p.markdown) for p in module.pages]
        texts += [(q.source, q.prompt) for q in module.questions]
        for source, text in texts:
            if pattern_name == "hyphen break":
                found += [f"{source}: {m.group(0)!r}" for m in HYPHEN_BREAK.finditer(text)]
            elif pattern_name == "running header":
                found += [f"{source}: {h}" for h in RUNNING_HEADERS if h in text]
            else:
                found += [f"{source}: {line!r}" for line in text.splitlines() if re.fullmatch(r"\s*\d{1,3}\s*", line)]
    assert found == [], "\n".join(found)


def test_hyphen_break_pattern_catches_pdf_breaks_and_spares_danish_suspension_hyphens():
    assert HYPHEN_BREAK.search("ledel-\nsesgrundlaget")
    assert HYPHEN_BREAK.search("kompeten- cer")
    assert not HYPHEN_BREAK.search("leder- og medarbejderroller")


def test_question_ids_are_unique_and_module_tagged(course):
    ids = Counter(q.id for m in course.modules for q in m.questions)
    assert [i for i, n in ids.items() if n > 1] == []
