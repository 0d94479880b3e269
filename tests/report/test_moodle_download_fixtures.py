"""The recorded downloads of a real Moodle 4.5.6 (tests/fixtures/moodle-downloads, see its README) agree with what
that Moodle stored (moodle-truth.json) and show the behaviours the report relies on. Moodle source files are named
at each test; nothing here models Moodle, it only reads what Moodle wrote."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.support import FIXTURES

ROOT = FIXTURES / "moodle-downloads"
LANGUAGES = ("english", "madeup-language")
TRUTH = json.loads((ROOT / "moodle-truth.json").read_text(encoding="utf-8"))
USERS = {u["email"]: u for u in TRUTH["users"]}
LEARNERS = {email for email, u in USERS.items() if u["role"] == "student"}
ACTIVITIES = {a["cmid"]: a for a in TRUTH["activities"]}
SCORM_FOLDERS = [f"cm{cm}-{report}" for cm in ACTIVITIES for report in (
    "basic-default", "basic-detailed", "interactions-default", "interactions-all-summaries",
    "objectives-default", "objectives-score")]
NOT_LANGUAGE = "-"  # Moodle's mark for "no attempt" in every language


def one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, (folder, pattern, found)
    return found[0]


def scorm_text(language: str, folder: str) -> list[list[str]]:
    """A SCORM report's "text" download: UTF-8 without BOM, tab-separated (lib/csvlib.class.php)."""
    data = one(ROOT / language / folder, "*-tab_separated.txt").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter="\t"))


def completion(language: str, report: str, form: str) -> list[list[str]]:
    data = one(ROOT / language / f"{report}-{form}", "*.csv").read_bytes()
    if report == "activity-completion" and form == "excelcsv":  # report/progress/index.php: UTF-16LE, tab
        assert data.startswith(b"\xff\xfe")
        return list(csv.reader(io.StringIO(data.decode("utf-16")), delimiter="\t"))
    if form == "excelcsv":  # report/completion/index.php: csv_export_writer(..., $excel) adds a UTF-8 BOM
        assert data.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert not data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def attempts_of(email: str, cmid: int) -> dict[int, dict]:
    scormid, userid = ACTIVITIES[cmid]["scormid"], USERS[email]["id"]
    return {a["attempt"]: a for a in TRUTH["scorm_attempts"] if a["userid"] == userid and a["scormid"] == scormid}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("folder", SCORM_FOLDERS)
def test_scorm_downloads_list_every_enrolled_user_teacher_included(language, folder):
    """get_enrolled_sql(..., 'mod/scorm:savetrack') in mod/scorm/report/*/classes/report.php: the editing teacher
    is a row, with "-" for attempt, start, last access and score, like a learner who never started."""
    rows = scorm_text(language, folder)[1:]
    assert {row[1] for row in rows} == set(USERS)
    teacher = [row for row in rows if USERS[row[1]]["role"] != "student"]
    assert [row[2:6] for row in teacher] == [[NOT_LANGUAGE] * 4]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("report", ["activity-completion", "course-completion"])
@pytest.mark.parametrize("form", ["csv", "excelcsv"])
def test_completion_downloads_list_only_learners(language, report, form):
    """lib/completionlib.php get_tracked_users(): 'moodle/course:isincompletionreports', which teachers lack."""
    rows = completion(language, report, form)[1:]
    email_column = 1 if report == "activity-completion" else 2
    assert sorted(row[email_column] for row in rows) == sorted(LEARNERS)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("cmid", list(ACTIVITIES))
def test_per_sco_column_only_with_details_in_basic(language, cmid):
    """mod/scorm/report/basic/classes/report.php adds a column per SCO only `if ($detailedrep ...)`; the
    interactions and objectives reports always add it."""
    sco_title = ACTIVITIES[cmid]["scoes"][-1]["title"]
    headers = {report: scorm_text(language, f"cm{cmid}-{report}")[0] for report in (
        "basic-default", "basic-detailed", "interactions-default", "objectives-default")}
    assert len(headers["basic-default"]) == 6
    assert headers["basic-detailed"][6:] == [sco_title]
    assert headers["interactions-default"][6] == sco_title
    assert headers["objectives-default"][6] == sco_title


@pytest.mark.parametrize("language", LANGUAGES)
def test_rows_are_ordered_by_the_string_userid_hash_attempt(language):
    """ORDER BY uniqueid, uniqueid = u.id || '#' || attempt (mod/scorm/report/basic/classes/report.php)."""
    rows = scorm_text(language, f"cm{min(ACTIVITIES)}-basic-default")[1:]
    keys = [f"{USERS[row[1]]['id']}#{0 if row[2] == NOT_LANGUAGE else row[2]}" for row in rows]
    assert keys == sorted(keys)
    assert keys != sorted(keys, key=lambda key: [int(part) for part in key.split("#")])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("cmid", list(ACTIVITIES))
def test_scores_are_what_moodle_stored_and_zero_without_a_score(language, cmid):
    """scorm_grade_user_attempt() (mod/scorm/locallib.php) gives 0 for an attempt with no score.raw; one row
    per attempt; a point as decimal separator whatever the language's decsep."""
    for row in scorm_text(language, f"cm{cmid}-basic-default")[1:]:
        attempts = attempts_of(row[1], cmid)
        if row[2] == NOT_LANGUAGE:
            assert not attempts
            continue
        stored = attempts[int(row[2])]["values"].get("cmi.core.score.raw")
        assert float(row[5]) == (float(stored) if stored is not None else 0.0), row


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("cmid", list(ACTIVITIES))
def test_interaction_columns_are_the_stored_interactions_in_order(language, cmid):
    """Groups of (question, response, right answer, result) numbered from 0 per attempt, padded to the widest
    attempt (mod/scorm/report/interactions/classes/report.php); ids, patterns and results are never translated."""
    rows = scorm_text(language, f"cm{cmid}-interactions-all-summaries")
    widest = max((len(a["interactions"]) for a in TRUTH["scorm_attempts"]
                  if a["scormid"] == ACTIVITIES[cmid]["scormid"]), default=0)
    assert len(rows[0]) == 7 + 4 * widest
    for row in rows[1:]:
        assert len(row) == len(rows[0])
        groups = [row[i:i + 4] for i in range(7, len(row), 4)]
        stored = [] if row[2] == NOT_LANGUAGE else attempts_of(row[1], cmid)[int(row[2])]["interactions"]
        expected = [[it["id"], it["student_response"], it["correct_responses_0.pattern"], it["result"]]
                    for it in stored]
        assert [g for g in groups if any(g)] == expected


def per_question(language: str) -> dict[tuple[int, str], list[int]]:
    counts: dict[tuple[int, str], list[int]] = {}
    for cmid, activity in ACTIVITIES.items():
        for row in scorm_text(language, f"cm{cmid}-interactions-all-summaries")[1:]:
            for i in range(7, len(row), 4):
                if row[i]:
                    tally = counts.setdefault((activity["scormid"], row[i]), [0, 0])
                    tally[row[i + 3] != "correct"] += 1
    return counts


@pytest.mark.parametrize("language", LANGUAGES)
def test_per_question_counts_from_the_download_match_moodle(language):
    expected = {(s["scormid"], s["id"]): [s["correct"], s["wrong"]] for s in TRUTH["interaction_stats"]}
    assert per_question(language) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_activity_completion_matches_course_modules_completion(language):
    rows = completion(language, "activity-completion", "csv")
    complete = {(c["userid"], c["coursemoduleid"]) for c in TRUTH["course_modules_completion"] if c["completionstate"] == 1}
    done_word = {row[2] for row in rows[1:] if (USERS[row[1]]["id"], min(ACTIVITIES)) in complete}
    assert len(done_word) == 1
    for row in rows[1:]:
        for position, cmid in enumerate(sorted(ACTIVITIES)):
            status, date = row[2 + 2 * position], row[3 + 2 * position]
            assert (status in done_word) == ((USERS[row[1]]["id"], cmid) in complete), row
            assert bool(date) == (status in done_word)


def test_language_changes_words_and_times_not_the_shape():
    """Same columns, rows, ids and values; dates move with the user's timezone (Europe/Copenhagen, +1 h in
    December) but keep '%F %T' in the completion downloads (report/completion/index.php, report/progress/index.php)."""
    for folder in SCORM_FOLDERS:
        english, madeup = scorm_text("english", folder), scorm_text("madeup-language", folder)
        assert [len(r) for r in english] == [len(r) for r in madeup]
        assert english[0] != madeup[0]
        for a, b in zip(english[1:], madeup[1:]):
            assert (a[:3], a[5:6], a[7:]) == (b[:3], b[5:6], b[7:])
    english, madeup = completion("english", "course-completion", "csv"), completion("madeup-language", "course-completion", "csv")
    for a, b in zip(english[1:], madeup[1:]):
        for x, y in zip(a, b):
            if len(x) == 19 and x[4] == "-":
                assert datetime.strptime(y, "%Y-%m-%d %H:%M:%S") - datetime.strptime(x, "%Y-%m-%d %H:%M:%S") == timedelta(hours=1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_spreadsheets_of_different_reports_share_one_file_name(language):
    """clean_filename("$shortname $scorm->name") for every report (lib/excellib.class.php forces .xlsx): a browser
    saves the second as "… (1).xlsx". Both activity-completion links send progress.<shortname>.csv."""
    for cmid in ACTIVITIES:
        names = {one(ROOT / language / f"cm{cmid}-{report}", "*.xlsx").name
                 for report in ("basic-default", "interactions-default", "objectives-default")}
        assert names == {f"i17-course {ACTIVITIES[cmid]['name']}.xlsx"}
    assert (one(ROOT / language / "activity-completion-csv", "*.csv").name
            == one(ROOT / language / "activity-completion-excelcsv", "*.csv").name == "progress.i17-course.csv")
