"""Precomputed aggregates against the direct computation: filtered profiles summed from cells, the
incremental refresh, and the survey layer and featured cards read from the refresh."""

from __future__ import annotations

import random

import pytest
from benchmarks.aggregates_diff import TABLES, diff_table

from roledex.analytics import aggregates
from roledex.analytics.cells import period_plan
from roledex.analytics.featured import featured_cards
from roledex.analytics.profiles import (
    ProfileFilter,
    compute_profile,
    load_posted_salary,
    load_profile,
    refresh_aggregates,
)
from roledex.models import Provenance, Salary, SkillMention
from roledex.store.sqlite import SQLiteStore
from tests.factories import make_posting, make_salary_record

ROLES = ("ml-engineer", "data-scientist")
SKILLS = ("python", "pytorch", "sql", "docker", "kubernetes", "spark", "tableau", "jax")
PHRASES = (
    ("deploy ml model", "deployment-mlops"),
    ("design experiment", "research"),
    ("build pipeline", "data-engineering"),
    ("present finding", "communication"),
)
DATES = (
    None,
    "2023-01-01",
    "2023-01-31",
    "2023-06-15",
    "2024-01-01",
    "2024-02-29",
    "2024-02-10",
    "2024-12-31",
)


def _postings(start: int, count: int, seed: int) -> list:
    rng = random.Random(seed)
    out = []
    for i in range(start, start + count):
        pay = rng.random() < 0.6
        low = rng.choice((80_000, 95_000.5, 120_000, 150_000))
        out.append(
            make_posting(
                i,
                dedupe_key=f"d{i}",
                role=rng.choice(ROLES),
                level=rng.choice(("EN", "MI", "SE", "EX", None)),
                country=rng.choice(("US", "DE", "GB", None)),
                posted_at=rng.choice(DATES),
                provenance=Provenance(rng.choice(("a", "b")), "f.jsonl", i, f"id-{i}"),
                min_degree=rng.choice(("bachelor", "master", "phd", None)),
                min_years=rng.choice((None, 0, 1.5, 3, 5, 8, 12)),
                industry=rng.choice(("Software", "Finance", None)),
                remote=rng.choice(("remote", "onsite", None)),
                skills=tuple(SkillMention(s, rng.choice((True, False, None))) for s in rng.sample(SKILLS, 3)),
                phrases=tuple(rng.sample(PHRASES, rng.randint(0, 2))),
                degree_fields=tuple(
                    rng.sample(("computer science", "statistics", "physics"), rng.randint(0, 2))
                ),
                has_text=rng.random() < 0.9,
                salary=Salary(low, low * 1.25, "USD", "year", low, low * 1.25, "posted") if pay else None,
            )
        )
    return out


def _store(parts: list[list], refresh_between: bool) -> SQLiteStore:
    s = SQLiteStore(":memory:")
    for part in parts:
        run = s.begin_run("fixture", "test")
        s.write_batch(run, part)
        if refresh_between:
            refresh_aggregates(s.conn)
    refresh_aggregates(s.conn)
    return s


def _salaries() -> list:
    return [
        make_salary_record(
            900 + i,
            role=ROLES[i % 2],
            level=("EN", "MI", "SE")[i % 3],
            salary_in_usd=90_000 + 1_000 * i,
            work_year=2022 + i % 3,
            employee_residence=("US", "DE")[i % 2],
        )
        for i in range(60)
    ]


@pytest.fixture(scope="module")
def store():
    s = _store([_postings(0, 150, 1), _postings(150, 90, 2) + _salaries()], refresh_between=True)
    yield s
    s.close()


FILTERS = [
    ProfileFilter(),
    ProfileFilter(country="US"),
    ProfileFilter(country="de"),
    ProfileFilter(country="FR"),
    ProfileFilter(since="2024-01-01"),
    ProfileFilter(since="2024-02-11"),
    ProfileFilter(since="2023-01-15"),
    ProfileFilter(since="2023-06-15"),
    ProfileFilter(since="2025-01-01"),
    ProfileFilter(since="2022-05-05"),
    ProfileFilter(country="US", since="2024-02-10"),
    ProfileFilter(country="GB", since="2023-01-01"),
    ProfileFilter(since="2024"),  # not a date the cells answer: computed directly
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f"{f.country}-{f.since}")
@pytest.mark.parametrize("level", [None, "SE", "EN"])
@pytest.mark.parametrize("role", ROLES)
def test_precomputed_profiles_equal_the_direct_computation(store, role, level, flt):
    assert aggregates.is_fresh(store.conn)
    direct = compute_profile(store.conn, role, level, flt)
    assert load_profile(store.conn, role, level, flt) == direct
    assert load_posted_salary(store.conn, role, level, flt) == direct.get("posted_salary", {})


def test_a_profile_has_what_it_counts(store):
    profile = load_profile(store.conn, "ml-engineer", None, ProfileFilter(country="US", since="2024-01-01"))
    assert profile["n_postings"] > 0
    assert profile["window"]["from"] >= "2024-01-01"
    assert profile["posted_salary"]["summary"]["n"] > 0
    assert all(len(ids) <= 10 for ids in profile["skill_evidence"].values())


def test_incremental_refresh_equals_a_full_rebuild(store):
    rebuilt = _store([_postings(0, 150, 1), _postings(150, 90, 2)], refresh_between=False)
    rebuilt.write_batch(rebuilt.begin_run("s", "test"), [])
    tables = ("profile_cells", "role_aggregates", "role_featured")
    for table in tables:
        cols = "role, level, data" if table != "role_featured" else "role, level, cards"
        a = store.conn.execute(f"SELECT {cols} FROM {table} ORDER BY 1, 2, 3").fetchall()
        b = rebuilt.conn.execute(f"SELECT {cols} FROM {table} ORDER BY 1, 2, 3").fetchall()
        if table == "profile_cells":
            a = store.conn.execute(
                "SELECT role, level, country, period, n_postings FROM profile_cells ORDER BY 1,2,3,4"
            ).fetchall()
            b = rebuilt.conn.execute(
                "SELECT role, level, country, period, n_postings FROM profile_cells ORDER BY 1,2,3,4"
            ).fetchall()
        assert [tuple(r) for r in a] == [tuple(r) for r in b], table
    rebuilt.close()


@pytest.mark.parametrize("size", [1, 7, 100])
def test_a_refresh_in_slices_equals_one_in_one_go(store, monkeypatch, size):
    """Both the rebuild and the incremental refresh, with the postings counted a few at a time (many share a
    date, some have none) and the cells added up in the store."""
    monkeypatch.setattr(aggregates, "SLICE", size)
    sliced = _store([_postings(0, 150, 1), _postings(150, 90, 2) + _salaries()], refresh_between=True)
    for _ in range(2):  # after the incremental refresh, then after a full rebuild
        for table in TABLES:
            assert diff_table(store.conn, sliced.conn, table)[1] == 0, table
        refresh_aggregates(sliced.conn, full=True)
    sliced.close()


def test_stale_aggregates_are_not_read():
    s = _store([_postings(0, 40, 3)], refresh_between=False)
    run = s.begin_run("more", "test")
    s.write_batch(run, _postings(40, 20, 4))
    assert not aggregates.is_fresh(s.conn)
    flt = ProfileFilter(country="US")
    assert load_profile(s.conn, "ml-engineer", None, flt) == compute_profile(s.conn, "ml-engineer", None, flt)
    assert (
        load_profile(s.conn, "ml-engineer", None)["n_postings"]
        == compute_profile(s.conn, "ml-engineer", None)["n_postings"]
    )
    refresh_aggregates(s.conn)
    assert aggregates.is_fresh(s.conn)
    s.close()


def test_featured_cards_are_read_from_the_refresh(store):
    for level in (None, "SE"):
        stored = featured_cards(store.conn, "ml-engineer", level)
        assert stored == featured_cards(store.conn, "ml-engineer", level, live=True)
        assert aggregates.stored_cards(store.conn, "ml-engineer", level) == stored


def test_survey_layer_is_read_from_the_refresh(store):
    from roledex.analytics.profiles import survey_rows

    stored = aggregates.stored_survey(store.conn, "data-scientist")
    assert stored is not None
    cuts = aggregates.survey_by_level(survey_rows(store.conn, "data-scientist"))
    for level in ("EN", "MI", "SE", "*"):
        assert stored[level] == aggregates.survey_layer("data-scientist", level, ProfileFilter(), cuts[level])
    assert stored["SE"]["summary"]["n"] == len([r for r in cuts["*"] if r[0] == "SE"]) > 0


@pytest.mark.parametrize(
    ("since", "whole", "partial"),
    [
        ("2024-01-01", {"y2024"}, False),
        ("2023-01-01", {"y2024", "y2023"}, False),
        ("2023-01-15", {"y2024", "m2023-06"}, True),
        ("2023-06-15", {"y2024", "m2023-06"}, False),
        ("2023-06-16", {"y2024"}, True),
        ("2025-03-03", set(), False),
    ],
)
def test_period_plan(store, since, whole, partial):
    periods, part = period_plan(store.conn, ("ml-engineer", "*", "*"), since)
    assert set(periods) == whole and part == partial
