"""Snippets built in Python: the words FTS5 matches are highlighted, the window holds the matches, '…' marks
what is left out, and the segments are the text itself (plain text, never markup)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.analytics.snippets import ELLIPSIS, SNIPPET_TOKENS, find_matches, query_stems, snippet


def highlighted(segments) -> list[str]:
    return [t for t, m in segments if m]


def plain(segments) -> str:
    return "".join(t for t, _ in segments)


def fts5_highlights(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Spans FTS5's highlight() marks in `text` for a query of `words` (each quoted, OR-ed)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(d, tokenize='porter unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t(rowid, d) VALUES (1, ?)", (text,))
    match = " OR ".join('"' + w + '"' for w in words)
    row = conn.execute("SELECT highlight(t, 0, char(1), char(2)) FROM t WHERE t MATCH ?", (match,)).fetchone()
    if row is None:
        return []
    spans, pos, start = [], 0, 0
    for ch in row[0]:
        if ch == "\x01":
            start = pos
        elif ch == "\x02":
            spans.append((start, pos))
        else:
            pos += 1
    return spans


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Learning to learn: she learned fast.", ["learn"], ["Learning", "learn", "learned"]),
        ("A learner, not learning.", ["learning"], ["learning"]),
        ("PyTorch and pytorch-lightning", ["pytorch"], ["PyTorch", "pytorch"]),
        ("Data engineers build data pipelines.", ["engineering"], ["engineers"]),
        ("python3 is not python", ["python"], ["python"]),
        ("snake_python_case", ["python"], ["python"]),  # '_' separates words, as in FTS5
        ("Café culture", ["cafe"], ["Café"]),
        ("nothing here", ["python"], []),
    ],
)
def test_highlighted_words(text, query, expected):
    assert highlighted(snippet(text, query_stems(query))) == expected


TEXT_WORDS = st.sampled_from(
    [
        "data",
        "Data",
        "learning",
        "learned",
        "learner",
        "engineer",
        "Engineers",
        "engineering",
        "SQL",
        "sql",
        "pipelines",
        "pipeline",
        "model",
        "models",
        "modelling",
        "happy",
        "happiness",
        "a",
        "of",
        "the",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "/", " - ", ": ", "(", ")"])


@given(
    st.lists(st.tuples(TEXT_WORDS, SEPARATORS), min_size=1, max_size=80),
    st.lists(TEXT_WORDS, min_size=1, max_size=3),
)
@settings(max_examples=200, deadline=None)
def test_the_words_fts5_matches_are_found(parts, query):
    text = "".join(w + sep for w, sep in parts)
    found = [(a, b) for a, b, _ in find_matches(text, query_stems(query))]
    assert found == fts5_highlights(text, query)


def test_a_long_text_is_cut_around_the_matches():
    words = [f"w{i}" for i in range(200)]
    words[100] = "Kubernetes"
    segments = snippet(" ".join(words), query_stems(["kubernetes"]))
    text = plain(segments)
    assert text.startswith(ELLIPSIS) and text.endswith(ELLIPSIS)
    assert highlighted(segments) == ["Kubernetes"]
    assert len(text.strip(ELLIPSIS).split()) == SNIPPET_TOKENS
    assert "w89 " in text and " w110" in text  # centred on the match


def test_a_window_starts_at_the_sentence_holding_the_match():
    text = (
        " ".join(f"w{i}" for i in range(60)) + ". We use Spark daily. " + " ".join(f"v{i}" for i in range(60))
    )
    text_shown = plain(snippet(text, query_stems(["spark"])))
    assert text_shown.startswith(ELLIPSIS + "We use Spark daily.")


def test_a_short_text_is_shown_whole_and_a_text_without_a_match_from_its_start():
    assert snippet("  Build ML models.", query_stems(["models"])) == (
        ("  Build ML ", False),
        ("models", True),
        (".", False),
    )
    words = " ".join(f"w{i}" for i in range(100))
    segments = snippet(words, query_stems(["absent"]))
    assert highlighted(segments) == [] and plain(segments).startswith("w0 w1 ")
    assert plain(segments).endswith(ELLIPSIS)
    assert snippet("", query_stems(["x"])) == ()


@given(st.text(max_size=400), st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_segments_are_the_text_itself(text, query):
    segments = snippet(text, query_stems(query))
    shown = plain(segments)
    inner = shown.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert inner in text
    assert all(t for t, _ in segments)
