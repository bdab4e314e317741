"""The Python porter stemmer gives SQLite FTS5's stems: known cases, and generated words checked against FTS5."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.analytics.porter import stem


def fts5_stems(words: list[str]) -> list[str | None]:
    """What FTS5's porter tokenizer (the postings_fts configuration) indexes for each word."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(w, tokenize='porter unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.executemany("INSERT INTO t(rowid, w) VALUES (?, ?)", enumerate(words))
    found = {doc: term for term, doc in conn.execute("SELECT term, doc FROM v WHERE offset = 0")}
    return [found.get(i) for i in range(len(words))]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("learning", "learn"),
        ("learned", "learn"),
        ("learner", "learner"),
        ("engineers", "engin"),
        ("engineering", "engin"),
        ("running", "run"),
        ("happy", "happi"),
        ("relational", "relat"),
        ("capability", "capabl"),
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("data", "data"),
        ("analytics", "analyt"),
        ("ai", "ai"),  # under 3 bytes: as it is
        ("x" * 65, "x" * 65),  # over 64 bytes: as it is
    ],
)
def test_known_stems(word, expected):
    assert stem(word) == expected
    assert fts5_stems([word]) == [expected]


WORDS = st.text(alphabet="aeiouybcdlmnrstgzwxv", min_size=1, max_size=16)


@given(st.lists(WORDS, min_size=1, max_size=200))
@settings(max_examples=60, deadline=None)
def test_stems_are_fts5_stems(words):
    assert [stem(w) for w in words] == fts5_stems(words)


@given(st.lists(st.text(alphabet="abeilnorstyджзß", min_size=1, max_size=12), min_size=1, max_size=50))
@settings(max_examples=30, deadline=None)
def test_non_ascii_words_are_stemmed_as_utf8_bytes(words):
    expected = [None if t is None else t.encode("utf-8").decode("latin-1") for t in fts5_stems(words)]
    assert [stem(w) for w in words] == expected


@given(WORDS)
@settings(max_examples=500, deadline=None)
def test_a_word_begins_with_its_stem_but_for_two_letters_after_e_i_l(word):
    s = stem(word)
    head = s if s[-1] not in "eil" else s[: max(1, len(s) - 2)]
    assert word.startswith(head)
