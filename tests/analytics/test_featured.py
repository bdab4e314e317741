"""Featured jobs: stated salary, complete description, recency and a clear level first; no duplicates."""

from __future__ import annotations

import pytest

from roledex.analytics.featured import completeness, featured_cards, featured_jobs
from roledex.errors import QueryError
from roledex.store.sqlite import SQLiteStore
from tests.factories import make_posting

COMPLETE = (
    """About us
We build tools for small shops.

Responsibilities:
- Train and deploy ranking models
- Own the feature pipeline end to end

Requirements:
- 3+ years of Python
- Experience with PyTorch

Benefits:
- Health insurance
- Paid time off
"""
    + "We value careful, well-tested work. " * 60
)

SHORT = "Build models."

# n: (title, company, description, overrides)
POSTINGS = {
    1: ("Senior ML Engineer", "Acme", COMPLETE, {"level": "SE", "posted_at": "2025-06-01"}),  # everything
    2: (
        "ML Engineer",
        "Bolt",
        SHORT,
        {"level": None, "salary": None, "posted_at": "2025-06-01"},
    ),  # nothing but recent
    3: ("ML Engineer II", "Cargo", COMPLETE, {"level": "MI", "posted_at": "2025-04-01"}),  # two months older
    4: (
        "Senior ML Engineer",
        "Acme",
        COMPLETE + " Also in Boston.",
        {"level": "SE", "posted_at": "2025-05-30"},
    ),  # re-post of 1
    5: (
        "ML Engineer",
        "Delta",
        COMPLETE,
        {"level": "MI", "salary": None, "posted_at": "2025-05-25"},
    ),  # no salary
    6: (
        "Data Engineer",
        "Echo",
        COMPLETE,
        {"role": "data-engineer", "posted_at": "2025-06-01"},
    ),  # another role
    7: ("ML Engineer", "Fox", SHORT, {"level": "MI", "posted_at": None}),  # undated, salary, short
    8: ("Staff ML Engineer", "Gale", COMPLETE, {"level": "SE", "posted_at": "2023-01-01"}),  # old
}


@pytest.fixture(scope="module")
def store():
    s = SQLiteStore(":memory:")
    items = [
        make_posting(n, title=t, company=c, description=d, role=o.pop("role", "ml-engineer"), **o)
        for n, (t, c, d, o) in ((n, (t, c, d, dict(o))) for n, (t, c, d, o) in POSTINGS.items())
    ]
    s.write_batch(s.begin_run("f", "test"), items)
    yield s
    s.close()


def test_the_most_complete_recent_salaried_postings_come_first(store, taxonomy):
    hits = featured_jobs(store, "ml-engineer", taxonomy=taxonomy)
    ids = [h.id for h in hits]
    assert ids[0] == 1
    assert 4 not in ids  # same title and company as 1: shown once
    assert 6 not in ids  # another role
    assert ids.index(3) < ids.index(2) and ids.index(5) < ids.index(2)
    assert hits[0].score_parts == {"salary": 1.0, "recency": 1.0, "level": 1.0, "complete": 1.0}
    assert hits[0].score == pytest.approx(8.0)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_recency_counts_from_the_newest_posting_in_the_store_not_the_clock(store, taxonomy):
    hits = {h.id: h for h in featured_jobs(store, "ml-engineer", limit=10, taxonomy=taxonomy)}
    assert hits[1].score_parts["recency"] == 1.0  # 2025-06-01 is the newest posting
    assert hits[3].score_parts["recency"] == pytest.approx(0.5 ** (61 / 30), abs=1e-4)
    assert hits[7].score_parts["recency"] == 0.0  # undated


def test_now_moves_the_reference_date(store, taxonomy):
    hits = {
        h.id: h for h in featured_jobs(store, "ml-engineer", limit=10, now="2023-01-01", taxonomy=taxonomy)
    }
    assert hits[8].score_parts["recency"] == 1.0
    assert featured_jobs(store, "ml-engineer", limit=1, now="2023-01-01", taxonomy=taxonomy)[0].id == 8


def test_current_postings_first_then_older_ones_fill_the_list(store, taxonomy):
    ids = [h.id for h in featured_jobs(store, "ml-engineer", limit=3, taxonomy=taxonomy)]
    assert 8 not in ids and 7 not in ids  # enough postings from the last 90 days
    assert 8 in [h.id for h in featured_jobs(store, "ml-engineer", limit=7, taxonomy=taxonomy)]


def test_level_and_limit(store, taxonomy):
    assert [h.id for h in featured_jobs(store, "ml-engineer", level="mi", taxonomy=taxonomy)] == [3, 5, 7]
    assert len(featured_jobs(store, "ml-engineer", limit=2, taxonomy=taxonomy)) == 2
    assert featured_jobs(store, "nlp-engineer", taxonomy=taxonomy) == []


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("", 0.0),
        (SHORT, 0.5 * len(SHORT) / 2000),
        (COMPLETE, 1.0),
    ],
)
def test_completeness(description, expected):
    assert completeness(description) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "astronaut"}, "unknown role"),
        ({"level": "XX"}, "unknown level"),
        ({"limit": 0}, "out of range"),
    ],
)
def test_invalid_arguments(store, taxonomy, kwargs, message):
    with pytest.raises(QueryError, match=message):
        featured_jobs(store, **{"role": "ml-engineer", **kwargs}, taxonomy=taxonomy)


def test_cards_from_a_bare_connection(store):
    cards = featured_cards(store.conn, "ml-engineer", "SE", limit=2)
    assert [c["id"] for c in cards] == [1, 8] and cards[0]["level_label"] == "Senior-level / Expert"
    assert (
        featured_cards(store.conn, "ml-engineer", "SE", limit=2) == cards
    )  # the wrapper and its caches are reused
