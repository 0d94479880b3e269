"""The shortcuts past Markdown (plain one-line text; paragraphs of plain lines with *emphasis* and **strong**
words) give exactly what Markdown gives, and any other text goes to Markdown."""
from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_builder.text import MarkdownConverter, is_plain_text, simple_paragraphs_html

ALPHABET = "abcæøåABCÆØÅé 0123456789.,;:?()'\"-–—/%@$§\\`*_[]!<>&#|{}~=+\t\n\r\x02\x03\u00a0\u2028"


def by_markdown(text: str) -> str:
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html").convert(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_plain_text_is_what_markdown_would_write(text):
    if is_plain_text(text):
        assert f"<p>{text}</p>" == by_markdown(text)


@given(st.text(alphabet="abcæøå ,.-", min_size=1, max_size=40).filter(lambda t: t[0].isalpha() and t == t.strip()))
def test_sentences_take_the_shortcut(text):
    assert is_plain_text(text)


def test_markdown_syntax_does_not_take_the_shortcut():
    for text in ["Vi *skal*", "Se [[krydspres]]", "1. først", "- punkt", "# Overskrift", "A & B", "linje\nto",
                 "Det er __vigtigt__", "`kode`", "<b>fed</b>", "slut  "]:
        assert not is_plain_text(text), text


# Pieces of the texts an editor writes, with the stars, breaks and punctuation around them that Markdown reads
PIECES = ["Vi", "leder", "æøå", "Det", "1.", "-", "*", "**", "***", " ", " ", "  ", "\n", "\n\n", "\n\n\n", ".", ",", "(",
          ")", "'", '"', ":", "_", "#", "> ", "x", "2", "[", "]", "<", "&", "*Vi*", "**leder**", "*Det x*", "*a", "b*", "**c",
          "d**", "a-b"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_simple_paragraphs_are_what_markdown_would_write(text):
    html = simple_paragraphs_html(text)
    if html is not None:
        assert html == by_markdown(text)


@pytest.mark.parametrize("text", [
    "Vi *skal* tale om det.", "Det er **vigtigt**, ikke *kun* rart.", "*Først* kommer det.", "Første linje\nanden linje",
    "Et afsnit.\n\nEt andet med *ord*.", "Se *afsnit-14* (side 2).", "Vi *taler sammen*.",
])
def test_feedback_like_texts_take_the_shortcut(text):
    assert simple_paragraphs_html(text) == by_markdown(text)


@pytest.mark.parametrize("text", [
    "* punkt", "- punkt", "1. først", "# Overskrift", "> citat", "Vi * skal * ikke", "a **b *c* d** e", "Vi*skal*",
    "linje  \nbrud", "Et\n\n\nafsnit", "Se [[krydspres]]", "Det er __vigtigt__", "A & B", "*skal*s",
])
def test_other_markdown_goes_to_markdown(text):
    assert simple_paragraphs_html(text) is None


def test_the_converter_gives_markdown_s_html_either_way():
    converter = MarkdownConverter()
    for text in ["Vi *skal* tale.", "- punkt\n- to", "Et afsnit.\n\nEt andet."]:
        assert converter.html(text) == by_markdown(text)
