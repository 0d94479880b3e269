"""The shortcuts a large report needs leave exactly what reading every interaction cell leaves.

A SCORM row's interaction cells are kept as tuples by kind (`InteractionColumns`), and the aggregator works
out once per tuple of ids what they mean, skipping the rows of a later attempt that can change no first
answer. These properties feed the same rows (any ids: the module's, another module's, a reflection's,
unknown ones, blanks; attempts in any order, repeated) to the aggregator and to one that reads every cell.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from course_builder.content import load_course
from course_builder.report.analysis import Aggregator
from course_builder.report.course_index import CourseIndex
from course_builder.report.exports import AttemptRecord, InteractionCell, InteractionColumns, LearnerRef
from course_builder.report.moodle_strings import VOCABULARY
from tests.report import scenario

IDS = ["fund-single", "fund-multiple", "fund-sandt", "rol-single", "fundamentet.min-vaerdi", "ukendt", ""]
VALUES = ["", "a", "b", "a,b", "correct"]
LEARNERS = [LearnerRef("Anna", (("email", "anna@example.dk"),)), LearnerRef("Bo", (("email", "bo@example.dk"),))]


@pytest.fixture(scope="module")
def index():
    return CourseIndex(load_course(scenario.COURSE).course)


class CellByCell(Aggregator):
    """The aggregator without its shortcuts: every row read interaction by interaction."""

    def _add_interactions(self, module, key, record, on_notice):
        self._add_interaction_cells(module, key, record, on_notice)


@st.composite
def downloads(draw) -> list:
    """Rows of (learner, attempt, interaction columns); the rows share a few tuples of ids, as a report's do."""
    shapes = draw(st.lists(st.lists(st.sampled_from(IDS), max_size=4).map(tuple), min_size=1, max_size=3))
    drawn = []
    for _ in range(draw(st.integers(0, 12))):
        ids = draw(st.sampled_from(shapes))

        def column():
            if draw(st.booleans()):
                return (None,) * len(ids)  # a kind the download lacks
            return tuple(draw(st.sampled_from(VALUES)) for _ in ids)

        indices = tuple(draw(st.integers(0, 2)) for _ in ids)
        columns = InteractionColumns(indices, ids, column(), column(), column())
        drawn.append((draw(st.sampled_from(LEARNERS)), draw(st.sampled_from([None, 0, 1, 2])), columns))
    return drawn


def read(aggregator: Aggregator, module, drawn) -> list:
    notices = []
    for number, (learner, attempt, columns) in enumerate(drawn, start=2):
        record = AttemptRecord(number, learner, attempt, None, None, "0", (), columns)
        aggregator.add_attempt(module, record, VOCABULARY, lambda row, key, **values: notices.append((row, key, values)))
    return notices


@settings(max_examples=300, deadline=None)
@given(downloads(), st.booleans())
def test_the_shortcuts_leave_what_reading_every_cell_leaves(index, drawn, twice):
    module = index.targets["fund-single"].module
    drawn = drawn + drawn if twice else drawn  # the same download read twice (its CSV and Excel form)
    fast, slow = Aggregator(index), CellByCell(index)
    assert read(fast, module, drawn) == read(slow, module, drawn)
    assert [(key, list(answers.items())) for key, answers in fast.answers.items()] == \
        [(key, list(answers.items())) for key, answers in slow.answers.items()]
    assert fast.right_answers == slow.right_answers
    assert fast._unknown_interactions == slow._unknown_interactions


def test_interaction_columns_give_the_cells_with_something_filled_in():
    columns = InteractionColumns((0, 1, 2), ("fund-single", "", ""), ("a", "", "b"), (None, None, None),
                                 ("", "", ""))
    assert columns.cells() == (InteractionCell(0, "fund-single", "a", None, ""), InteractionCell(2, "", "b", None, ""))
