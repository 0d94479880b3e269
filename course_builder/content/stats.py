"""Readability and size figures for `validate --stats` and the course-wide tests."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from course_builder.content.model import Module
from course_builder.text import LIST_ITEM, glossary_words

WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)|\n\s*\n")
LONG_WORD = 6  # LIX counts words of more than six letters


@dataclass
class Readability:
    """The counts LIX is computed from."""
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    def __add__(self, other: "Readability") -> "Readability":
        return Readability(self.words + other.words, self.sentences + other.sentences, self.long_words + other.long_words)


IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
NUMBERED = re.compile(r"^\d+[.)]\s")
HEADING_MARK = re.compile(r"^#+\s*")
EMPHASIS = re.compile(r"[*_`]")
ENDS_SENTENCE = re.compile(r"[.!?:;]$")


def lesson_text(markdown: str) -> str:
    """The running text a learner reads: no quotations, markup, links targets or directives."""
    kept = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith(">") or stripped.startswith("<!--") or stripped.startswith(":::"):
            kept.append("")
            continue
        if "[" in line:  # images, glossary links and links all start with one
            line = IMAGE.sub("", line)
            line = glossary_words(line, {})  # no glossary to look terms up in: a link's own words, else its id
            line = LINK.sub(r"\1", line)
        line = LIST_ITEM.sub("", line)
        line = HEADING_MARK.sub("", line)
        line = EMPHASIS.sub("", line)
        if stripped.startswith(("-", "*", "+")) or NUMBERED.match(stripped) or stripped.startswith("#"):
            line = line.rstrip() + (" ." if line.strip() and not ENDS_SENTENCE.search(line.strip()) else "")
        kept.append(line)
    return "\n".join(kept)


def readability(text: str) -> Readability:
    words = WORD.findall(text)
    sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
    long_words = len([w for w in words if len(w) > LONG_WORD and len(w.replace("-", "")) > LONG_WORD])
    return Readability(len(words), len(sentences), long_words)


def module_readability(module: Module) -> Readability:
    total = Readability(0, 0, 0)
    for page in module.pages:
        total = total + readability(lesson_text(page.markdown))
    return total


def lix_label(lix: float) -> str:
    """The key of the LIX band in templates/validate/strings.yaml."""
    if lix < 25:
        return "lix_very_easy"
    if lix < 35:
        return "lix_easy"
    if lix < 45:
        return "lix_medium"
    if lix < 55:
        return "lix_hard"
    return "lix_very_hard"


@dataclass
class ModuleStats:
    """A module's figures for `validate --stats`."""
    module: Module
    pages: int
    words: int
    lix: float
    question_types: Counter
    references: list[str]


def module_stats(module: Module) -> ModuleStats:
    text = module_readability(module)
    references = sorted({r for p in module.pages for r in p.references} | {q.reference for q in module.questions})
    return ModuleStats(module, len(module.pages), text.words, text.lix, Counter(q.type for q in module.questions), references)
