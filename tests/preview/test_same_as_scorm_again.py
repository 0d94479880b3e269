"""The preview's runtime and scorm-again, the reference runtime, give a SCO the same answers and keep the same data."""
from __future__ import annotations

import pytest

from tests.lms_backends import BACKENDS, lms  # noqa: F401  (lms is a fixture)


def take_module(browser, backend, course, version: str):
    """The test SCO's calls with their answers, and the values the LMS holds after its Finish."""
    context = browser.new_context()
    try:
        page = context.new_page()
        sco = backend.open(page, course, "intro", version).frame.locator("html[data-test-sco=ready]")
        sco.wait_for()
        calls = sco.evaluate("() => window.testSco.calls")
        assert sco.evaluate("() => window.testSco.finish('suspend')") == "true"
        return calls, backend.values(page)
    finally:
        context.close()
        backend.close()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_same_calls_get_the_same_answers_and_leave_the_same_data(browser, sco_course, tmp_path, version):
    seen = {name: take_module(browser, backend(tmp_path / name), sco_course, version) for name, backend in BACKENDS.items()}
    (reference_calls, reference_values), (calls, values) = seen["scorm-again"], seen["preview"]
    assert [(c[0], c[1], c[3], c[4]) for c in calls] == [(c[0], c[1], c[3], c[4]) for c in reference_calls]
    set_by_sco = {c[1] for c in calls if c[0].endswith("SetValue") and c[3] == "true"}
    assert len(set_by_sco) >= 9
    assert {k: values.get(k) for k in set_by_sco} == {k: reference_values.get(k) for k in set_by_sco}


def test_the_lms_fixture_runs_a_module_under_either_lms(lms, page, sco_course):
    """The fixture the player's tests use to run against both LMSs."""
    frame = lms.open(page, sco_course, "roller", "1.2", learner="Anna Jensen").frame
    sco = frame.locator("html[data-test-sco=ready]")
    sco.wait_for()
    assert sco.evaluate("() => window.testSco.learner") == "Anna Jensen"
    values = lms.values(page)
    assert values["cmi.core.lesson_location"] == "p2"
    assert values["cmi.interactions.0.student_response"] == "a"
