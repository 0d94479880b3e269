"""The text jobs every output shares, one function each: Markdown to HTML, glossary links as the words a
reader sees (and where in its sentence a link stands), HTML to one line of plain text, and shortening a line
at a word.

The player, the SCORM descriptions, the Moodle question bank, the Common Cartridge and HR's report all
call these, so a text reads the same wherever it ends up.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Mapping

from markupsafe import Markup

if TYPE_CHECKING:
    import markdown

    from course_builder.content.model import GlossaryTerm

GLOSSARY_LINK = re.compile(r"\[\[([^\]|]+?)(?:\|([^\]]+))?\]\]")  # [[id]] or [[id|the words shown]]
ELLIPSIS = "…"
CUT_PUNCTUATION = " ,.;:–-"  # left at the end of a shortened text, they would stand before the ellipsis

# One line of words and ordinary punctuation, starting with a letter: Markdown would only wrap it in
# <p>. Most option texts and feedback are like that, and Markdown costs ~0.1 ms a call even for them.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]!<>&#|{}~=+]")
CONVERTED_LIMIT = 1 << 17  # texts a converter remembers at most
# *words* or **words**, the stars not touching a space inside nor a word or another star outside
EMPHASIS = re.compile(r"(?<![\w*])(\*\*?)(?=[^\s*])([^*]*?[^\s*])\1(?![\w*])")
EMPHASIS_TAGS = {"*": "em", "**": "strong"}


def is_plain_text(text: str) -> bool:
    return (text[:1].isalpha() and text.isprintable() and text == text.strip()
            and not MARKDOWN_SYNTAX.search(text))


def simple_paragraphs_html(text: str) -> str | None:
    """The HTML Markdown makes of paragraphs of plain lines with at most *emphasis* and **strong** words in
    them (most feedback and many prompts), without Markdown's cost; None for any other text."""
    paragraphs = text.split("\n\n")
    if not all(is_plain_text(line) for paragraph in paragraphs for line in EMPHASIS.sub(r"\2", paragraph).split("\n")):
        return None
    return "\n".join(f"<p>{EMPHASIS.sub(_emphasis_html, paragraph)}</p>" for paragraph in paragraphs)


def _emphasis_html(match: re.Match) -> str:
    tag = EMPHASIS_TAGS[match[1]]
    return f"<{tag}>{match[2]}</{tag}>"


class MarkdownConverter:
    """Markdown → HTML, remembered for as long as its owner keeps it: a build converts the same text several
    times (each module for the web and again for the packages, quiz texts again for the question bank
    formats), and the preview keeps one converter across its rebuilds. `stored`: what an earlier build
    converted with the same Markdown (stored_markdown.py). One converter per thread."""

    def __init__(self, stored: Mapping[str, str] | None = None):
        self.converted: dict[str, str] = {}  # Markdown text → HTML, of the texts only Markdown converts
        self.stored = stored or {}
        self._markdown: markdown.Markdown | None = None

    def html(self, text: str) -> str:
        html = self.converted.get(text)
        if html is None:
            html = simple_paragraphs_html(text)
        if html is None:
            html = self.stored.get(text)
            if html is None:
                html = self._by_markdown(text)
            if len(self.converted) >= CONVERTED_LIMIT:
                self.converted.clear()
            self.converted[text] = html
        return html

    def _by_markdown(self, text: str) -> str:
        if self._markdown is None:
            self._markdown = new_markdown()
        self._markdown.reset()
        return self._markdown.convert(text)


MARKDOWN_SETTINGS = "extensions: tables, sane_lists; output: html"  # new_markdown()'s, for stored_markdown.py


def new_markdown() -> markdown.Markdown:
    """Imported on the first text that needs it: a build whose texts all take the shortcuts (or were stored by
    an earlier build) does without."""
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    # extension objects, not names: naming them makes Markdown scan every installed package's metadata
    return markdown.Markdown(extensions=[TableExtension(), SaneListExtension()], output_format="html")


def glossary_links(markdown: str, glossary: Mapping[str, GlossaryTerm], show: Callable[[str, str], str]) -> str:
    """Every glossary link [[id]] / [[id|words]] replaced by show(id, words): the words are the link's own,
    else the term's, else (a term the glossary lacks) the id."""
    def replace(match: re.Match) -> str:
        term_id = match.group(1).strip()
        term = glossary.get(term_id)
        return show(term_id, match.group(2) or (term.term if term else term_id))

    return GLOSSARY_LINK.sub(replace, markdown)


def glossary_words(markdown: str, glossary: Mapping[str, GlossaryTerm]) -> str:
    """Glossary links as their words, for outputs with no glossary to open (Moodle, descriptions, reports)."""
    return glossary_links(markdown, glossary, lambda term_id, words: words)


SENTENCE_START, MID_SENTENCE, EITHER_CASE = "sentence start", "mid-sentence", "either case"
HEADING_OR_QUOTE = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
OPENING_MARKS = " \t\n*_`\"'“”„»«‘’(["  # markup and quotation marks between a sentence's end and its next word
ENDS_SENTENCE = re.compile(r"[.!?…]$")


def position_in_sentence(text_before: str, continues_a_lead_in: bool = False) -> str:
    """Where a word stands in its sentence, given the text of its block (paragraph, heading, list item, table
    cell) before it: at a sentence start, mid-sentence, or where Danish allows either case: after a colon, or
    first in a list item or table cell, which may go on with a sentence begun before the list."""
    before = text_before.rstrip(OPENING_MARKS)
    if not before:
        return EITHER_CASE if continues_a_lead_in else SENTENCE_START
    if ENDS_SENTENCE.search(before):
        return SENTENCE_START
    return EITHER_CASE if before.endswith(":") else MID_SENTENCE


def markdown_block_before(markdown: str, offset: int) -> tuple[str, bool]:
    """The text of the Markdown block that holds `offset`, from the block's start up to `offset`, and
    whether the block is a list item or a table cell (see position_in_sentence)."""
    lines = markdown[:offset].split("\n")
    block = lines.pop()
    while (lines and lines[-1].strip() and not HEADING_OR_QUOTE.match(lines[-1])
           and not LIST_ITEM.match(block) and not block.lstrip().startswith("|")):
        block = lines.pop() + " " + block
    if block.lstrip().startswith("|"):
        return block.rsplit("|", 1)[-1], True  # a table cell starts after its bar
    if LIST_ITEM.match(block):
        return LIST_ITEM.sub("", block, count=1), True
    return HEADING_OR_QUOTE.sub("", block, count=1), False


def link_case_problem(words: str, term: GlossaryTerm, position: str) -> str | None:
    """What is wrong with the case of a glossary link's shown words where it stands, or None: a capital
    mid-sentence belongs only to a term that always has one (a name); a sentence starts with a capital."""
    if position == MID_SENTENCE and words[:1].isupper() and not term.term[:1].isupper():
        return "a capital letter mid-sentence"
    if position == SENTENCE_START and words[:1].islower():
        return "a small letter at the start of a sentence"
    return None


def html_text(html: str) -> str:
    """The text of an HTML fragment as one line: tags and comments dropped, entities read, spaces collapsed."""
    return " ".join(Markup(html).striptags().split())


def shortened(text: str, limit: int) -> str:
    """The text if it has at most `limit` characters, else its start cut at a word, with an ellipsis,
    at most `limit` characters in all."""
    if len(text) <= limit:
        return text
    start = text[:limit]  # a space within it ends a start short enough to take the ellipsis
    cut = start.rsplit(" ", 1)[0] if " " in start else start[: limit - len(ELLIPSIS)]
    return cut.rstrip(CUT_PUNCTUATION) + ELLIPSIS


def plain_text(markdown: str, glossary: Mapping[str, GlossaryTerm], limit: int | None = None,
               converter: MarkdownConverter | None = None) -> str:
    """Markdown as one line of plain text, glossary links as words; shortened to `limit` when one is given.
    A build passes its own converter, which remembers what it converted."""
    if not markdown:
        return ""
    words = glossary_words(markdown, glossary)
    text = html_text((converter or MarkdownConverter()).html(words)) if not is_plain_text(words) else " ".join(words.split())
    return shortened(text, limit) if limit is not None else text


SOFT_HYPHEN = "\u00ad"


def label_lines(text: str, width: int) -> list[str]:
    """A short label broken into lines of about `width` characters, for a drawing (SVG text does not wrap):
    at spaces, and inside a long word at its soft hyphens (U+00AD), which show as '-' at a line's end only."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        pieces = word.split(SOFT_HYPHEN)
        for index, piece in enumerate(pieces):
            joiner = "" if index else (" " if line else "")
            if line and len(line) + len(joiner) + len(piece) > width:
                lines.append(line + ("-" if index else ""))
                line = piece
            else:
                line += joiner + piece
    if line:
        lines.append(line)
    return lines
