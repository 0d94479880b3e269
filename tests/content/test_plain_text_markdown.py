"""The renderer's shortcut for plain one-line text gives exactly what Markdown gives."""
from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from course_builder.text import is_plain_text

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
