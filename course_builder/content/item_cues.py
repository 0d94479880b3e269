"""Item-writing checks: the cues a test-wise learner guesses the right option by, without knowing the answer.

Per set of options (an option question, or a scenario decision point): the right option stands out by its length,
the options' lengths lie far apart, words of the stem recur only in the right option, an option says "all/none of
the above", the question is negative without emphasis. Per quiz: the right option is strictly the longest (or the
shortest) in too many one-answer items, or stands at the same place in too many. The thresholds are course.yaml's
`quiz_checks:`; the words of the warnings, and the language's cue phrases, are templates/validate/strings.yaml.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from course_builder.content.model import ChoiceSet, Course, Question, Quiz, QuizChecks
from course_builder.content.problems import WARNING, Phrase, Problem
from course_builder.content.stats import EMPHASIS, WORD
from course_builder.question_types import question_type
from course_builder.strings import course_table
from course_builder.text import glossary_words

STRINGS = "validate/strings.yaml"
ECHO_MIN_LETTERS = 5  # shorter words are mostly grammar; they say nothing about the answer
ECHO_STEM_LETTERS = 6  # words compared by their first letters, so that inflected forms count as one
SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'»”]))\s+")  # a quotation may close the sentence
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass
class QuizFigures:
    """A quiz's one-answer items and how its right options lie: what the per-quiz checks and --stats use."""

    quiz: Quiz
    items: int = 0
    longest: int = 0  # right option strictly the longest
    shortest: int = 0  # right option strictly the shortest
    positions: Counter = field(default_factory=Counter)  # place of the right option (1 = first) → items
    warnings: int = 0

    def share(self, count: int) -> int:
        return round(100 * count / self.items) if self.items else 0

    def top_position(self) -> tuple[int, int]:
        """The most used place of the right option and how many items have it there."""
        return self.positions.most_common(1)[0] if self.positions else (0, 0)


def visible_text(markdown: str) -> str:
    """What the learner reads: glossary links as their words, no link targets, no markup, single spaces."""
    text = glossary_words(markdown, {})  # no glossary to look terms up in: a link's own words, else its id
    text = LINK.sub(r"\1", text)
    return " ".join(EMPHASIS.sub("", text).split())


def length(markdown: str) -> int:
    return len(visible_text(markdown))


def one_answer_sets(question: Question) -> list[ChoiceSet]:
    return [s for s in question_type(question.type).choice_sets(question) if s.one_answer and len(s.right) >= 1]


def right_is_strictly(choice_set: ChoiceSet, pick) -> bool:
    """Whether the option `pick` (max or min) finds by length is a single one and right."""
    lengths = {o.id: length(o.text) for o in choice_set.options}
    extreme = pick(lengths.values())
    at_extreme = [option_id for option_id, value in lengths.items() if value == extreme]
    return len(at_extreme) == 1 and at_extreme[0] in choice_set.right


def quiz_figures(quiz: Quiz) -> QuizFigures:
    figures = QuizFigures(quiz)
    for question in quiz.questions:
        for choice_set in one_answer_sets(question):
            if len(choice_set.options) < 2:
                continue
            figures.items += 1
            figures.longest += right_is_strictly(choice_set, max)
            figures.shortest += right_is_strictly(choice_set, min)
            place = next(i for i, o in enumerate(choice_set.options, 1) if o.id in choice_set.right)
            figures.positions[place] += 1
    return figures


class CueChecker:
    def __init__(self, course: Course):
        table = course_table(course.root, STRINGS)
        self.all_none = _whole_phrases(_phrases(table, "cue_phrases_all_none"))
        self.negations = _phrases(table, "cue_words_negation")
        self.limits: QuizChecks = course.settings.quiz_checks
        self.problems: list[Problem] = []

    def warn(self, source, key: str, **values) -> None:
        self.problems.append(Problem.of(source.path, source.line, key, severity=WARNING, **values))

    # per set of options

    def check_set(self, question: Question, choice_set: ChoiceSet) -> None:
        where = Phrase.of("cue_where_node", question=question.id, node=choice_set.node_id) \
            if choice_set.node_id else Phrase.of("cue_where_question", question=question.id)
        right = [o for o in choice_set.options if o.id in choice_set.right]
        wrong = [o for o in choice_set.options if o.id not in choice_set.right]
        if choice_set.one_answer and right and wrong:
            self.check_stand_out(choice_set, where, right, wrong)
        self.check_spread(choice_set, where)
        if right and wrong:
            self.check_echo(choice_set, where, right, wrong)
        for option in choice_set.options:
            phrase = _found(self.all_none, visible_text(option.text))
            if phrase:
                self.warn(option.source, "cue_all_none", where=where, option=option.id, phrase=phrase)
        self.check_negative(choice_set, where)

    def check_stand_out(self, choice_set: ChoiceSet, where: Phrase, right, wrong) -> None:
        limit, gap = self.limits.stand_out, self.limits.min_gap
        right_length = max(length(o.text) for o in right)
        lengths = [length(o.text) for o in wrong]
        low, high = min(lengths), max(lengths)
        if right_length * 100 > high * limit and right_length - high >= gap:
            self.warn(choice_set.source, "cue_right_longer", where=where, right=right_length, low=low, high=high)
        shortest_right = min(length(o.text) for o in right)
        if low * 100 > shortest_right * limit and low - shortest_right >= gap:
            self.warn(choice_set.source, "cue_right_shorter", where=where, right=shortest_right, low=low, high=high)

    def check_spread(self, choice_set: ChoiceSet, where: Phrase) -> None:
        lengths = [length(o.text) for o in choice_set.options]
        if len(lengths) < 2:
            return
        low, high = min(lengths), max(lengths)
        if high * 100 > max(low, 1) * self.limits.spread and high - low >= self.limits.min_gap:
            self.warn(choice_set.source, "cue_spread", where=where, low=low, high=high, limit=self.limits.spread)

    def check_echo(self, choice_set: ChoiceSet, where: Phrase, right, wrong) -> None:
        stem = _stems(choice_set.stem)
        in_wrong = set().union(*(_stems(o.text).keys() for o in wrong))
        for option in right:
            echoed = sorted((stem.keys() & _stems(option.text).keys()) - in_wrong)
            if len(echoed) >= self.limits.echo_words:
                self.warn(option.source, "cue_echo", where=where, option=option.id,
                          words=", ".join(stem[s] for s in echoed))

    def check_negative(self, choice_set: ChoiceSet, where: Phrase) -> None:
        sentence = question_sentence(choice_set.stem)
        for match in WORD.finditer(sentence):
            word = match.group(0)
            if word.casefold() in self.negations and not _emphasised(sentence, match):
                self.warn(choice_set.source, "cue_negative", where=where, word=word)
                return

    # per quiz

    def check_quiz(self, quiz: Quiz) -> QuizFigures:
        before = len(self.problems)
        for question in quiz.questions:
            for choice_set in question_type(question.type).choice_sets(question):
                self.check_set(question, choice_set)
        figures = quiz_figures(quiz)
        if figures.items >= self.limits.min_items:
            self.check_shares(quiz, figures)
        figures.warnings = len(self.problems) - before
        return figures

    def check_shares(self, quiz: Quiz, figures: QuizFigures) -> None:
        for key, count, limit in (("cue_quiz_longest", figures.longest, self.limits.longest_share),
                                  ("cue_quiz_shortest", figures.shortest, self.limits.shortest_share)):
            if figures.share(count) > limit:
                self.warn(quiz.source, key, count=count, total=figures.items, share=figures.share(count), limit=limit)
        place, count = figures.top_position()
        if figures.share(count) > self.limits.position_share:
            self.warn(quiz.source, "cue_quiz_position", place=place, count=count, total=figures.items,
                      share=figures.share(count), limit=self.limits.position_share)


def item_cue_problems(course: Course) -> list[Problem]:
    """Every item-writing cue of the course's quizzes, as warnings with file and line."""
    checker = CueChecker(course)
    for quiz in course.quizzes:
        checker.check_quiz(quiz)
    return checker.problems


def course_figures(course: Course) -> list[QuizFigures]:
    """Each module's quiz figures, with the number of cue warnings: the summary of `validate --stats`."""
    checker = CueChecker(course)
    return [checker.check_quiz(module.quiz) for module in course.modules if module.quiz]


def question_sentence(stem: str) -> str:
    """The sentence that asks: the last one with a question mark ("" when a stem only tells the situation)."""
    asking = [s for s in SENTENCE.split(" ".join(stem.split())) if "?" in s]
    return asking[-1] if asking else ""


def _stems(markdown: str) -> dict[str, str]:
    """The longer words of a text by their first letters (a crude stem), each with one form as written."""
    words = WORD.findall(visible_text(markdown))
    return {w.casefold()[:ECHO_STEM_LETTERS]: w for w in reversed(words) if len(w) >= ECHO_MIN_LETTERS}


def _phrases(table: dict[str, dict[str, str]], key: str) -> list[str]:
    """A strings-table entry of phrases separated by ';', in every language the table has (a course may mix)."""
    return sorted({p.strip().casefold() for text in table.get(key, {}).values() for p in text.split(";") if p.strip()})


def _whole_phrases(phrases: list[str]) -> list[tuple[str, re.Pattern]]:
    """Each phrase with the pattern that finds it as whole words, compiled once per checker."""
    return [(p, re.compile(rf"(?<!\w){re.escape(p)}(?!\w)")) for p in phrases]


def _found(phrases: list[tuple[str, re.Pattern]], text: str) -> str:
    """The first phrase found in the text as whole words ("" if none); only a phrase inside the text is searched."""
    folded = text.casefold()
    return next((p for p, whole in phrases if p in folded and whole.search(folded)), "")


def _emphasised(sentence: str, match: re.Match) -> bool:
    word = match.group(0)
    before, after = sentence[:match.start()], sentence[match.end():]
    return (len(word) > 1 and word.isupper()) or (before.endswith(("*", "_")) and after.startswith(("*", "_")))
