"""Fragments built in Python escape exactly as Jinja's autoescape does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from roledex.web.fragments import esc, facet_options, job_card


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)))
@settings(max_examples=500, deadline=None)
def test_esc_is_markupsafe_escape(value: object) -> None:
    assert esc(value) == str(escape(value))


def test_markup_is_inserted_as_it_is() -> None:
    assert esc(Markup("<b>x</b>")) == "<b>x</b>"


def test_a_card_and_a_facet_option_carry_no_markup_from_their_values() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    card = job_card(
        {
            "id": 7,
            "title": hostile,
            "company": hostile,
            "location": hostile,
            "country": None,
            "employment_type": "FT",
            "level": "SE",
            "remote": "remote",
            "internship": False,
            "salary": None,
            "snippet": [{"text": hostile, "match": False}, {"text": "<script>", "match": True}],
            "posted_at": "2025-01-02",
            "skills": ["python", hostile],
        },
        extra=hostile,
    )
    options = facet_options([{"href": '/jobs?q="><script>', "label": hostile, "n": 1234, "active": True}])
    for html in (str(card), str(options)):
        assert "<img" not in html and "<script>" not in html and "&lt;img" in html
    assert "<mark>&lt;script&gt;</mark>" in str(card) and ">1,234<" in str(options)
