"""The words Moodle writes into its report downloads, per site language: the one table to extend.

Moodle writes headers, statuses and dates in the site's language. Every entry below is keyed by
Moodle's own string identifier (`component:identifier`, `{$a}` where Moodle inserts a value), so a
new language is added by copying the same identifiers from that language's pack
(`lang/<code>/<component>.php` and `langconfig.php`) into one more entry of `MOODLE_STRINGS`.
The English entry is checked against the downloads of a real Moodle 4.5 (shared/reference/moodle).

A site language that is missing here is not guessed at: the report names the columns and values it
did not understand, and the file, so that the missing entry is easy to see.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

MOODLE_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # lang/en/moodle.php: the learner columns (name and the site's "identity fields")
        "moodle:name": "Name",
        "moodle:email": "Email address",
        "moodle:idnumber": "ID number",
        "moodle:username": "Username",
        "moodle:phone1": "Phone",
        "moodle:phone2": "Mobile phone",
        "moodle:department": "Department",
        "moodle:institution": "Institution",
        "moodle:city": "City/town",
        "moodle:country": "Country",
        "moodle:address": "Address",
        # mod/scorm/lang/en/scorm.php: the SCORM reports' columns and statuses
        "scorm:attempt": "Attempt",
        "scorm:started": "Started on",
        "scorm:last": "Last accessed on",
        "scorm:score": "Score",
        "scorm:passed": "Passed",
        "scorm:completed": "Completed",
        "scorm:failed": "Failed",
        "scorm:incomplete": "Incomplete",
        "scorm:browsed": "Browsed",
        "scorm:notattempted": "Not attempted",
        "scorm:suspended": "Suspended",
        # mod/scorm/report/interactions/lang/en/scormreport_interactions.php
        "scormreport_interactions:questionx": "Question {$a}",
        "scormreport_interactions:responsex": "Response {$a}",
        "scormreport_interactions:rightanswerx": "Right answer {$a}",
        "scormreport_interactions:resultx": "Result {$a}",
        # mod/scorm/report/objectives/lang/en/scormreport_objectives.php
        "scormreport_objectives:status": "status",
        "scormreport_objectives:score": "score",
        # report/completion/lang/en/report_completion.php and lang/en/completion.php
        "report_completion:id": "ID",
        "report_completion:name": "Name",
        "report_completion:completiondate": "Completion date",
        "completion:coursecomplete": "Course complete",
        "completion:completion-y": "Completed",
        "completion:completion-n": "Not completed",
        "completion:completion-pass": "Completed (achieved pass grade)",
        "completion:completion-fail": "Completed (did not achieve pass grade)",
        "completion:completion-y-override": "Completed (set by {$a})",
        "completion:completion-n-override": "Not completed (set by {$a})",
        # Dates: month names as the site's locale writes them (%B and %b), and %p.
        "langconfig:months": "January February March April May June July August September October November December",
        "langconfig:monthsabbr": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "langconfig:am": "AM",
        "langconfig:pm": "PM",
    },
}

IDENTITY_FIELDS = (
    "email", "idnumber", "username", "phone1", "phone2",
    "department", "institution", "city", "country", "address",
)
SCORM_STATUSES = ("passed", "completed", "failed", "incomplete", "browsed", "notattempted", "suspended")
# Activity completion states, by the suffix of their string id: what each means for the module.
COMPLETION_STATES = ("y", "n", "pass", "fail", "y-override", "n-override")


def normalize(text: str) -> str:
    """Header comparison ignores case, surrounding space and runs of space (spreadsheets vary)."""
    return " ".join(text.split()).casefold()


def _template_regex(template: str) -> re.Pattern[str]:
    """`Question {$a}` -> a regex whose group 1 is the inserted value."""
    before, _, after = normalize(template).partition("{$a}")
    return re.compile(re.escape(before) + r"(.+?)" + re.escape(after) + r"$")


@dataclass(frozen=True)
class SiteLanguage:
    """One language's Moodle strings, with the look-ups the readers need."""

    code: str
    strings: dict[str, str]

    def text(self, key: str) -> str:
        return normalize(self.strings[key])

    def template(self, key: str) -> re.Pattern[str]:
        return _template_regex(self.strings[key])

    @cached_property
    def identity_headers(self) -> dict[str, str]:
        """normalized header -> identity field name (email, idnumber, ...)."""
        return {self.text(f"moodle:{field}"): field for field in IDENTITY_FIELDS}

    @cached_property
    def scorm_statuses(self) -> dict[str, str]:
        return {self.text(f"scorm:{status}"): status for status in SCORM_STATUSES}

    @cached_property
    def interaction_columns(self) -> dict[str, re.Pattern[str]]:
        """column kind (question, response, right, result) -> regex giving the interaction index."""
        return {
            "question": self.template("scormreport_interactions:questionx"),
            "response": self.template("scormreport_interactions:responsex"),
            "right": self.template("scormreport_interactions:rightanswerx"),
            "result": self.template("scormreport_interactions:resultx"),
        }

    def completion_state(self, value: str) -> str | None:
        """An activity completion cell -> one of COMPLETION_STATES, or None if not understood."""
        text = normalize(value)
        for state in COMPLETION_STATES:
            key = f"completion:completion-{state}"
            if "{$a}" in self.strings[key]:
                if self.template(key).match(text):
                    return state
            elif text == self.text(key):
                return state
        return None

    @cached_property
    def month_numbers(self) -> dict[str, int]:
        names = {}
        for key in ("langconfig:months", "langconfig:monthsabbr"):
            for number, name in enumerate(self.strings[key].split(), start=1):
                names[name.casefold().rstrip(".")] = number
        return names


def make_language(code: str, strings: dict[str, str]) -> SiteLanguage:
    """A site language from its Moodle strings; every string the English entry has is needed."""
    missing = sorted(set(MOODLE_STRINGS["en"]) - set(strings))
    if missing:
        raise ValueError(f"site language {code!r} lacks Moodle strings: {', '.join(missing)}")
    return SiteLanguage(code, dict(strings))


# The languages a download is tried in, in order.
LANGUAGES = [make_language(code, strings) for code, strings in MOODLE_STRINGS.items()]
