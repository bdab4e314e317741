"""The seed article, computed on the real data: Lead Machine Learning Engineer vs. ML Research Engineer."""

from __future__ import annotations

import numpy as np
import pytest

from roledex.analytics.compare import compare
from roledex.analytics.featured import featured_cards
from roledex.analytics.rolespec import parse_role_spec
from roledex.render import render_document

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def seed(real_db, taxonomy):
    store, _ = real_db
    specs = [
        parse_role_spec(t, taxonomy)
        for t in ("Lead Machine Learning Engineer", "Machine Learning Research Engineer")
    ]
    return store, compare(store, specs, taxonomy, featured=featured_cards)


def test_the_titles_normalize_to_the_expected_roles(seed):
    _, doc = seed
    assert [(r["role"], r["level"]) for r in doc["roles"]] == [
        ("ml-engineer", "SE"),
        ("ml-research-engineer", None),
    ]
    assert all(r["n_postings"] >= 50 for r in doc["roles"])


def test_survey_salary_equals_a_direct_computation(seed):
    store, doc = seed
    (se,) = doc["sections"]["salary"]["by_role"][0]["by_level"]
    values = [
        r[0]
        for r in store.query(
            "SELECT salary_in_usd FROM salary_records WHERE role='ml-engineer' AND level='SE'"
        )
    ]
    assert se["survey"]["n"] == len(values) > 1000
    assert se["survey"]["median"] == pytest.approx(np.percentile(values, 50))
    assert se["survey"]["p90"] == pytest.approx(np.percentile(values, 90))


def test_skill_shares_equal_counts_over_postings_with_text(seed):
    store, doc = seed
    ml = doc["sections"]["skills"]["by_role"][0]
    n_text = store.query(
        "SELECT COUNT(*) FROM postings WHERE role='ml-engineer' AND level='SE' AND has_text=1"
    )[0][0]
    python = store.query(
        "SELECT COUNT(*) FROM postings p JOIN posting_skills s ON s.posting_id = p.id "
        "WHERE p.role='ml-engineer' AND p.level='SE' AND s.skill_id='python'"
    )[0][0]
    assert ml["n_postings"] == n_text
    row = next(s for s in ml["skills"] if s["skill"] == "python")
    assert (row["n"], row["share"]) == (python, round(python / n_text, 4))
    assert set(row["postings"]) <= {
        r[0] for r in store.query("SELECT posting_id FROM posting_skills WHERE skill_id='python'")
    }


def test_every_section_has_content_and_the_conclusion_is_traceable(seed):
    _, doc = seed
    s = doc["sections"]
    assert all(d["definition"] for d in s["definitions"])
    assert s["responsibilities"]["by_role"][0]["themes"]
    assert s["skills"]["pairs"][0]["distinguishing_b"]
    assert s["tools"]["by_role"][0]["by_category"]
    assert s["education"]["by_role"][1]["n_stating_degree"] > 0
    assert s["outlook"]["by_role"][0]["official_projection"]["source"]
    assert all(len(r["jobs"]) > 0 for r in s["featured_jobs"]["by_role"])
    assert len(doc["conclusion"]) >= 4 and all(c["refs"] for c in doc["conclusion"])


def test_it_renders_in_every_format(seed):
    _, doc = seed
    md = render_document(doc, "md")
    assert md.startswith("# Lead Machine Learning Engineer vs. Machine Learning Research Engineer")
    html = render_document(doc, "html")
    assert html.count("<svg") >= 4 and "<script" not in html
