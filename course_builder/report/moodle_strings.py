"""The words Moodle writes into its report downloads, per site language.

Downloads are recognised without these words (exports.py reads the column order Moodle's report
code fixes and the shapes of the values). The words only name what the shapes cannot tell: a SCORM
status ("Passed"), an activity completion state, a month name, which identity column is the e-mail
address when no value shows it. Every entry is keyed by Moodle's own string identifier
(`component:identifier`, `{$a}` where Moodle inserts a value), so a language is added by copying the
same identifiers from its pack (`lang/<code>/<component>.php` and `langconfig.php`).

The English entry is checked against the downloads of a real Moodle 4.5 (shared/reference/moodle).
The Danish entry is a stand-in written without the official Danish pack: check it against a Danish
Moodle's downloads before trusting it word for word. A word found in no entry is not guessed at
where it matters; the report counts it and says what it did instead.
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
    # Stand-ins until checked against the official Danish language pack (see the module docstring).
    "da": {
        "moodle:name": "Navn",
        "moodle:email": "E-mailadresse",
        "moodle:idnumber": "ID-nummer",
        "moodle:username": "Brugernavn",
        "moodle:phone1": "Telefon",
        "moodle:phone2": "Mobiltelefon",
        "moodle:department": "Afdeling",
        "moodle:institution": "Institution",
        "moodle:city": "By",
        "moodle:country": "Land",
        "moodle:address": "Adresse",
        "scorm:attempt": "Forsøg",
        "scorm:started": "Startet",
        "scorm:last": "Sidst tilgået",
        "scorm:score": "Score",
        "scorm:passed": "Bestået",
        "scorm:completed": "Gennemført",
        "scorm:failed": "Ikke bestået",
        "scorm:incomplete": "Ikke fuldført",
        "scorm:browsed": "Gennemset",
        "scorm:notattempted": "Ikke forsøgt",
        "scorm:suspended": "Afbrudt",
        "scormreport_interactions:questionx": "Spørgsmål {$a}",
        "scormreport_interactions:responsex": "Svar {$a}",
        "scormreport_interactions:rightanswerx": "Rigtigt svar {$a}",
        "scormreport_interactions:resultx": "Resultat {$a}",
        "scormreport_objectives:status": "status",
        "scormreport_objectives:score": "score",
        "report_completion:id": "ID",
        "report_completion:name": "Navn",
        "report_completion:completiondate": "Dato for gennemførelse",
        "completion:coursecomplete": "Kursus gennemført",
        "completion:completion-y": "Gennemført",
        "completion:completion-n": "Ikke gennemført",
        "completion:completion-pass": "Gennemført (bestået)",
        "completion:completion-fail": "Gennemført (ikke bestået)",
        "completion:completion-y-override": "Gennemført (sat af {$a})",
        "completion:completion-n-override": "Ikke gennemført (sat af {$a})",
        "langconfig:months": "januar februar marts april maj juni juli august september oktober november december",
        "langconfig:monthsabbr": "jan feb mar apr maj jun jul aug sep okt nov dec",
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
    def markers(self) -> tuple[set[str], set[str]]:
        return ({self.strings["langconfig:am"].replace(".", "").casefold()},
                {self.strings["langconfig:pm"].replace(".", "").casefold()})

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


class Vocabulary:
    """The words of every known site language at once: a download is read whatever its language, and a
    word is looked up in each (a word of one language never means something else in another here)."""

    def __init__(self, languages: "list[SiteLanguage] | tuple[SiteLanguage, ...]"):
        self.languages = tuple(languages)
        self.code = "+".join(language.code for language in self.languages)

    @cached_property
    def identity_headers(self) -> dict[str, str]:
        return {header: field for language in self.languages for header, field in language.identity_headers.items()}

    @cached_property
    def scorm_statuses(self) -> dict[str, str]:
        return {word: status for language in self.languages for word, status in language.scorm_statuses.items()}

    @cached_property
    def interaction_kinds(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(kind, pattern) for language in self.languages for kind, pattern in language.interaction_columns.items()]

    def interaction_kind(self, name: str) -> str | None:
        """The kind of an interaction column named like "Question 3", in any known language."""
        for kind, pattern in self.interaction_kinds:
            if pattern.match(name):
                return kind
        return None

    @cached_property
    def objective_suffixes(self) -> set[str]:
        return {" " + language.text(f"scormreport_objectives:{key}")
                for language in self.languages for key in ("status", "score")}

    def completion_state(self, value: str) -> str | None:
        for language in self.languages:
            state = language.completion_state(value)
            if state is not None:
                return state
        return None

    def is_word(self, key: str, name: str) -> bool:
        """Whether a normalized header is Moodle's string `key` in some known language."""
        return any(language.text(key) == name for language in self.languages)

    @cached_property
    def month_numbers(self) -> dict[str, int]:
        return {name: number for language in self.languages for name, number in language.month_numbers.items()}

    @cached_property
    def markers(self) -> tuple[set[str], set[str]]:
        """The AM and the PM markers of every language, as read (no dots, folded)."""
        def folded(key: str) -> set[str]:
            return {language.strings[key].replace(".", "").casefold() for language in self.languages}
        return folded("langconfig:am"), folded("langconfig:pm")

    def language_of(self, texts: "list[str]") -> str | None:
        """The known language most of these normalized texts are words of, None if none."""
        best, hits = None, 0
        for language in self.languages:
            words = {language.text(key) for key in language.strings if not key.startswith("langconfig:")
                     and "{$a}" not in language.strings[key]}
            count = sum(text in words for text in texts)
            if count > hits:
                best, hits = language.code, count
        return best


VOCABULARY = Vocabulary(LANGUAGES)
