"""The stage function: one raw record in, a normalized record or a reject out; keys stable and content-based."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roledex.models import Pay, Posting, Provenance, RawPosting, RawSalaryRecord, RecordFailure, SalaryRecord
from roledex.pipeline.stages import (
    _ASCII_NOISE,
    _fold,
    _fold_head,
    posting_dedupe_key,
    posting_key,
    process_record,
    read_description,
)
from roledex.store.base import Reject

DESCRIPTION = """What you will do
- You will design, build and deploy machine learning models to production.

Requirements
- 5+ years of experience with Python and PyTorch
- Master's degree in Computer Science or a related field

Nice to have
- Experience with Kubernetes

Benefits
- 401(k) matching and Excel-lent snacks
"""


def raw(**kw) -> RawPosting:
    fields = dict(
        provenance=Provenance("test", "t.jsonl", 0, "abc"),
        title="Senior Machine Learning Engineer",
        company="Acme",
        location="San Francisco, CA",
        description=DESCRIPTION,
        salary_text="$150,000 - $190,000 per year",
        employment_text="Full-time",
        posted_at="2024-03-01",
    )
    fields.update(kw)
    return RawPosting(**fields)


def test_a_posting_is_normalized_with_every_ids_field(taxonomy):
    p = process_record(raw(), taxonomy)
    assert isinstance(p, Posting)
    d = p.to_dict()
    assert (d["role"], d["level"], d["track"]) == ("ml-engineer", "SE", "ic")
    assert (d["employment_type"], d["internship"], d["country"], d["region"]) == ("FT", False, "US", "CA")
    assert d["salary"] == {
        "min": 150000,
        "max": 190000,
        "currency": "USD",
        "period": "year",
        "annual_usd_min": 150000,
        "annual_usd_max": 190000,
        "kind": "posted",
    }
    assert d["min_degree"] == "master" and d["min_years"] == 5
    assert {"python", "pytorch"} <= set(d["skills_required"])
    assert "kubernetes" in d["skills"] and "kubernetes" not in d["skills_required"]
    assert "excel" not in d["skills"]  # benefits text is not a requirement
    assert p.has_text and p.responsibilities


def test_structured_pay_wins_over_text_and_foreign_pay_is_converted(taxonomy):
    p = process_record(
        raw(pay=Pay(60000, 70000, "EUR", "year"), salary_text=None, location="Berlin, Germany"), taxonomy
    )
    assert p.salary.currency == "EUR" and p.country == "DE"
    rate = taxonomy.fx.rate("EUR", 2024)
    assert p.salary.annual_usd_min == pytest.approx(60000 * rate)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (RecordFailure(Provenance("t", "f.csv", 4), "Salary column is not a number"), "Salary column"),
        (raw(title="   "), "no job title"),
    ],
)
def test_unreadable_records_become_rejects_with_their_row(taxonomy, record, reason):
    out = process_record(record, taxonomy)
    assert isinstance(out, Reject) and reason in out.reason
    assert out.source_row == record.provenance.row


def test_a_normalizer_bug_is_kept_as_a_reject_not_a_crash(taxonomy, monkeypatch):
    import roledex.pipeline.stages as stages

    def boom(*a, **k):
        raise ValueError("bad state")

    monkeypatch.setattr(stages, "classify_title", boom)
    out = process_record(raw(), taxonomy)
    assert isinstance(out, Reject) and "internal error (ValueError: bad state)" in out.reason


def test_salary_records_keep_the_published_figures(taxonomy):
    rec = RawSalaryRecord(
        Provenance("aijobs-salaries", "/x/salaries.csv", 12),
        2024,
        "SE",
        "FT",
        "Research Engineer",
        90000,
        "GBP",
        115000,
        "GB",
        100,
        "GB",
        "M",
    )
    out = process_record(rec, taxonomy)
    assert isinstance(out, SalaryRecord)
    assert (out.salary_in_usd, out.salary_currency, out.level, out.role) == (
        115000,
        "GBP",
        "SE",
        "ml-research-engineer",
    )


def test_keys_are_stable_and_duplicates_survive_formatting_differences():
    a = raw()
    assert posting_key(a) == posting_key(raw())
    assert posting_key(a) != posting_key(raw(provenance=Provenance("test", "t.jsonl", 0, "other")))
    md = DESCRIPTION.replace("Requirements", "**Requirements**").replace("\n- ", "\n* ")
    assert posting_dedupe_key("ML Engineer", "Acme", DESCRIPTION, None) == posting_dedupe_key(
        "ml engineer", "ACME", md, "x"
    )
    # without a description, the place tells postings apart (one listing per city)
    assert posting_dedupe_key("MLE", "Acme", "", "London") != posting_dedupe_key("MLE", "Acme", "", "Paris")


_FOLD_TEXT = st.text(
    alphabet=st.sampled_from("aZ9 .,-*#\n\t_İßΣςσÉé•’\u00a0ﬀ") | st.characters(blacklist_categories=("Cs",)),
    max_size=300,
)


@given(_FOLD_TEXT, st.integers(min_value=0, max_value=400))
def test_the_folded_head_of_a_text_is_the_head_of_its_fold(text, size):
    reference = text.casefold().encode("utf-8", "surrogatepass").translate(None, _ASCII_NOISE)
    assert _fold(text) == reference
    assert _fold_head(text, size) == reference[:size]


def test_description_facts_are_the_extractors_results_and_are_memoized(taxonomy):
    from roledex.extract.education import extract_education
    from roledex.extract.experience import extract_min_years
    from roledex.extract.responsibilities import responsibility_phrases
    from roledex.extract.sections import responsibility_statements, split_sections
    from roledex.extract.skills import skill_matcher

    facts = read_description(DESCRIPTION, taxonomy)
    sections = split_sections(DESCRIPTION)
    statements = responsibility_statements(sections)
    assert facts.sections == sections
    assert facts.education == extract_education(DESCRIPTION, sections)
    assert facts.min_years == extract_min_years(DESCRIPTION, sections) == 5
    assert facts.statements == statements
    assert facts.phrases == responsibility_phrases(statements)
    assert facts.skills == skill_matcher(taxonomy).extract(DESCRIPTION, sections)
    assert read_description(DESCRIPTION, taxonomy) is facts  # a repeated description is read once
    assert read_description("", taxonomy).sections == ()


def test_a_salary_field_holding_one_end_gives_way_to_the_stated_range(taxonomy):
    """RemoteWLB's tag kept the top of "$185,800—$260,100 USD"; the description's range is the posting's pay."""
    text = "Build ranking models.\n\nThe base pay range for this position is:$185,800\u2014$260,100 USD\n"
    p = process_record(raw(description=text, salary_text="USD 260100.0~260100.0"), taxonomy)
    assert (p.salary.min, p.salary.max) == (185800, 260100)
    p = process_record(raw(description=text, salary_text="USD 150000~150000"), taxonomy)
    assert (p.salary.min, p.salary.max) == (150000, 150000)  # another figure: the field is kept
