"""Comparisons and profiles on small stores built in code: every statistic checked against a hand computation."""

from __future__ import annotations

import numpy as np
import pytest

from roledex.analytics.compare import MIN_POSTINGS, compare
from roledex.analytics.profiles import (
    NO_FILTER,
    ProfileFilter,
    compute_profile,
    load_profile,
    refresh_aggregates,
)
from roledex.analytics.rolespec import parse_role_spec
from roledex.errors import QueryError
from roledex.models import Salary, SkillMention
from roledex.store.sqlite import SQLiteStore
from tests.factories import make_posting, make_salary_record

ML_SALARIES = [
    100_000,
    120_000,
    130_000,
    150_000,
    170_000,
    180_000,
    200_000,
    210_000,
    230_000,
    260_000,
    300_000,
]
RE_SALARIES = [150_000, 160_000, 170_000]  # three records: suppressed


def _posting(i: int, role: str, level: str, skills: tuple[str, ...], **kw):
    return make_posting(
        i,
        role=role,
        level=level,
        dedupe_key=f"d{i}",
        skills=tuple(SkillMention(s, True) for s in skills),
        has_text=True,
        phrases=(("deploy ml model", "deployment-mlops"),)
        if role == "ml-engineer"
        else (("design experiment", "research"),),
        **kw,
    )


@pytest.fixture
def store():
    s = SQLiteStore(":memory:")
    items = []
    for i in range(30):
        skills = ("python", "pytorch", "docker") if i % 3 else ("python", "kubernetes")
        items.append(
            _posting(
                i,
                "ml-engineer",
                "SE",
                skills,
                min_degree="bachelor" if i % 2 else "master",
                min_years=5 + i % 3,
                posted_at=f"202{3 + i % 2}-01-0{1 + i % 9}",
            )
        )
    for i in range(30, 45):
        items.append(
            _posting(
                i,
                "ml-research-engineer",
                "MI",
                ("python", "pytorch", "jax"),
                min_degree="phd",
                min_years=2,
                salary=Salary(150000, 170000, "USD", "year", 150000, 170000, "posted"),
            )
        )
    for i, usd in enumerate(ML_SALARIES):
        items.append(
            make_salary_record(
                100 + i,
                role="ml-engineer",
                level="SE",
                salary_in_usd=usd,
                job_title="Machine Learning Engineer",
            )
        )
    for i, usd in enumerate(RE_SALARIES):
        items.append(make_salary_record(200 + i, role="ml-research-engineer", level="MI", salary_in_usd=usd))
    run = s.begin_run("fixture", "test")
    s.write_batch(run, items)
    refresh_aggregates(s.conn)
    yield s
    s.close()


@pytest.fixture
def doc(store, taxonomy):
    specs = [parse_role_spec("ml-engineer@SE", taxonomy), parse_role_spec("ml-research-engineer", taxonomy)]
    return compare(store, specs, taxonomy)


@pytest.mark.parametrize(
    ("text", "role", "level", "kind"),
    [
        ("ml-research-engineer", "ml-research-engineer", None, "role"),
        ("ml-engineer@SE", "ml-engineer", "SE", "role@level"),
        ("ml-engineer@se", "ml-engineer", "SE", "role@level"),
        ("Lead Machine Learning Engineer", "ml-engineer", "SE", "title"),
        ("Machine Learning Research Engineer", "ml-research-engineer", None, "title"),
        ("Director of Data Science", "data-scientist", "EX", "title"),
    ],
)
def test_role_specs(taxonomy, text, role, level, kind):
    spec = parse_role_spec(text, taxonomy)
    assert (spec.role, spec.level, spec.kind) == (role, level, kind)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ml-enginer", "did you mean"),
        ("ml-engineer@XX", "levels are EN"),
        ("Barista", "nearest roles"),
        ("", "empty"),
    ],
)
def test_bad_role_specs_say_what_to_do(taxonomy, text, message):
    with pytest.raises(QueryError) as err:
        parse_role_spec(text, taxonomy)
    assert message in str(err.value)


def test_skill_shares_are_counts_over_postings_with_text(doc):
    ml = doc["sections"]["skills"]["by_role"][0]
    assert ml["n_postings"] == 30
    shares = {s["skill"]: (s["n"], s["share"]) for s in ml["skills"]}
    assert shares["python"] == (30, 1.0)
    assert shares["pytorch"] == (20, round(20 / 30, 4))
    assert shares["kubernetes"] == (10, round(10 / 30, 4))
    assert ml["skills"][0]["query"] == {"role": "ml-engineer", "level": "SE", "skills": "python"}
    assert len(ml["skills"][0]["postings"]) == 10  # sample ids behind the figure


def test_distinguishing_skills_come_from_the_log_odds(doc):
    (pair,) = doc["sections"]["skills"]["pairs"]
    a_terms = [d["term"] for d in pair["distinguishing_a"]]
    b_terms = [d["term"] for d in pair["distinguishing_b"]]
    assert "jax" in b_terms and "jax" not in a_terms
    assert all(d["z"] > 1.96 for d in pair["distinguishing_a"])
    assert pair["overlap"]["shared_common_skills"] == ["python", "pytorch"]


def test_survey_salary_statistics_match_numpy_and_suppress_small_groups(doc):
    ml, re_ = doc["sections"]["salary"]["by_role"]
    (se,) = ml["by_level"]
    survey = se["survey"]
    assert survey["n"] == len(ML_SALARIES)
    for key, q in (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90)):
        assert survey[key] == pytest.approx(np.percentile(ML_SALARIES, q))
    assert survey["median_ci"]["low"] <= survey["median"] <= survey["median_ci"]["high"]
    mi = next(lv for lv in re_["by_level"] if lv["level"] == "MI")
    assert mi["survey"]["suppressed"] and mi["survey"]["median"] is None and mi["survey"]["n"] == 3
    posted = mi["posted"]
    assert posted["n"] == 15 and posted["median"] == 160_000 and posted["range_width_median"] == 20_000


def test_education_experience_and_tips(doc):
    ml, re_ = doc["sections"]["education"]["by_role"]
    assert ml["min_degree"]["master"]["n"] == 15 and ml["advanced_share"] == 0.5
    assert re_["min_degree"]["phd"]["share"] == 1.0
    exp = doc["sections"]["experience"]["by_role"]
    assert exp[0]["median_min_years"] == 6.0 and exp[1]["median_min_years"] == 2.0
    tips = doc["sections"]["tips"]["pairs"]
    to_research = next(p for p in tips if p["to"] == "ml-research-engineer")
    assert [d["skill"] for d in to_research["learn"]] == ["jax"]
    assert {d["skill"] for d in to_research["transfers"]} == {"python", "pytorch"}


def test_every_section_is_present_and_the_conclusion_cites_sections(doc):
    assert set(doc["sections"]) == {
        "definitions",
        "responsibilities",
        "skills",
        "tools",
        "education",
        "experience",
        "industries",
        "salary",
        "outlook",
        "tips",
        "featured_jobs",
    }
    assert doc["conclusion"] and all(c["refs"] for c in doc["conclusion"])
    assert doc["data"]["salary_survey"]["records"] == len(ML_SALARIES) + len(RE_SALARIES)
    assert doc["sections"]["definitions"][0]["definition"]


def test_thin_data_says_so(store, taxonomy):
    doc = compare(
        store,
        [parse_role_spec("ml-engineer@SE", taxonomy), parse_role_spec("data-analyst", taxonomy)],
        taxonomy,
    )
    analyst = doc["sections"]["skills"]["by_role"][1]
    assert analyst["n_postings"] == 0 and "too few postings" in analyst["note"]
    assert any("too few" in c["text"] for c in doc["conclusion"])
    assert MIN_POSTINGS > 0


def test_precomputed_profiles_equal_a_live_computation(store):
    live = compute_profile(store.conn, "ml-engineer", "SE", NO_FILTER)
    assert load_profile(store.conn, "ml-engineer", "SE") == live


def test_filters_recompute_live(store):
    flt = ProfileFilter(since="2024-01-01")
    profile = load_profile(store.conn, "ml-engineer", "SE", flt)
    assert profile["n_postings"] == 15 and profile["filters"]["since"] == "2024-01-01"


def test_renderers_show_the_same_numbers(doc):
    from roledex.render import render_document

    md = render_document(doc, "md")
    assert "| Python | 100% | 30 |" in md
    html = render_document(doc, "html")
    assert "<svg" in html and "Salary by level" in html
    assert "<script" not in html
