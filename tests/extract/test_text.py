"""Shared text helpers: keyword patterns grouped by their first character find what the plain alternation finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roledex.extract.text import PREFERENCE_CUES, LiteralSet, keyword_pattern

GROUPS = {
    "a": (r"equal[- ](?:employment )?opportunit", r"eeo\b", r"e-verify\b", r"equal\b"),
    "b": (r"\+ ?(?:years?|yrs)\b", r"401\s?\(?k\)?", r"4[- ]year degree", r"e\b"),
    "c": (r"master'?s\b(?!\s+of)", r"ma\b", r"m(?=s)", r"eeoc\b"),
}


def plain(groups: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """The alternation keyword_pattern grouped: every branch in order, each with its named empty group."""
    return re.compile(
        "|".join(f"{p}(?P<{kind}_{i}>)" for kind, patterns in groups.items() for i, p in enumerate(patterns))
    )


@given(
    st.text(
        alphabet=st.sampled_from("equal opportunity eeoc e-verify +5 years 401(k) 4-year degree masters ma."),
        max_size=80,
    )
)
def test_grouped_branches_match_like_the_plain_alternation(text):
    grouped, kinds = keyword_pattern(GROUPS)
    reference = plain(GROUPS)
    got = [(m.span(), m.lastgroup) for m in grouped.finditer(text)]
    assert got == [(m.span(), m.lastgroup) for m in reference.finditer(text)]
    assert all(kinds[name] in GROUPS for _, name in got)


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("experience with x is preferred", ["back_pref"]),
        ("must have 3 years; ideally a phd", ["fwd_req", "fwd_pref"]),
        ("not required: a plus", ["not_req", "back_pref"]),
    ],
)
def test_preference_cues_still_name_their_kind(text, kinds):
    from roledex.extract.text import PREFERENCE_KINDS

    assert [PREFERENCE_KINDS[m.lastgroup or ""] for m in PREFERENCE_CUES.finditer(text)] == kinds


@pytest.mark.parametrize("pattern", [r"(?:a|b)c", r"[ab]c", r"\bword", r"a?b", r"x+y", r"abc|def", r".x"])
def test_a_branch_must_start_with_one_plain_character(pattern):
    with pytest.raises(ValueError):
        keyword_pattern({"k": (pattern,)})


WORDS = ("degree", "ph.d", "ph. d", "master", "aster", "high school", "high-school", "401", "ée", "’s")


@given(st.text(alphabet=st.sampled_from("degree ph.d master high-school 401 ée’s\nPHD"), max_size=60))
def test_a_literal_set_finds_what_in_tests_find(text):
    words = LiteralSet(WORDS)
    assert words.found_in(text) == [w for w in WORDS if w in text]
    assert words.any_in(text) == any(w in text for w in WORDS)


def test_a_literal_set_needs_words():
    with pytest.raises(ValueError):
        LiteralSet([])
    with pytest.raises(ValueError):
        LiteralSet(["a", ""])
