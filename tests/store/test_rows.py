"""A posting as rows: the raw record comes back exactly, and rows made in a worker store what a Posting does."""

from __future__ import annotations

import json
import pickle
import zlib

import pytest

from roledex.store.rows import POSTING_COLUMNS, decode_raw, encode_raw, posting_data, posting_row
from roledex.store.sqlite import SQLiteStore
from tests.factories import make_posting

DESCRIPTION = "Build models.\nPython required. – naïve “quotes”"


@pytest.mark.parametrize(
    "raw",
    [
        {"title": "ML Engineer", "description": DESCRIPTION, "id": 7},  # the description left out
        {"description": DESCRIPTION, "summary": DESCRIPTION},  # every field equal to it
        {"title": "ML Engineer", "description": "<p>Build models.</p>"},  # HTML: not the stored text
        {"title": "ML Engineer", "description": None, "n": 1.5, "tags": ["a", DESCRIPTION]},
        {},
    ],
)
def test_the_raw_record_comes_back_exactly(raw):
    blob = encode_raw(raw, DESCRIPTION)
    back = decode_raw(blob, DESCRIPTION)
    assert back == raw and list(back) == list(raw)  # values and field order


def test_the_description_is_not_stored_twice():
    raw = {"title": "ML Engineer", "description": DESCRIPTION * 50}
    with_text = encode_raw(raw, "")
    without = encode_raw(raw, DESCRIPTION * 50)
    assert len(without) < 100 < len(with_text)


def test_raw_written_before_as_the_record_alone_still_reads():
    old = zlib.compress(json.dumps({"description": DESCRIPTION, "n": 1}).encode(), 1)
    assert decode_raw(old, DESCRIPTION) == {"description": DESCRIPTION, "n": 1}


def test_data_holds_the_lists_that_are_not_columns():
    p = make_posting(1)
    data = json.loads(posting_data(p))
    assert data == {
        "skills": ["python", "pytorch"],
        "skills_required": ["python", "pytorch"],
        "skills_preferred": [],
        "degree_fields": ["computer science"],
        "responsibilities": ["Build and ship models"],
    }


def test_a_posting_row_pickles_and_lines_up_with_the_columns():
    row = posting_row(make_posting(1))
    assert len(row.values) == len(POSTING_COLUMNS)
    assert (row.key, row.dedupe_key) == ("key-1", "dedupe-1")
    assert pickle.loads(pickle.dumps(row)) == row


def test_rows_from_a_worker_store_exactly_what_the_posting_does():
    postings = [make_posting(1), make_posting(2, dedupe_key="dedupe-1"), make_posting(3)]
    tables = []
    for items in (postings, [posting_row(p) for p in postings]):
        store = SQLiteStore(":memory:")
        counts = store.write_batch(store.begin_run("f", "jsonl"), items)
        assert (counts.stored, counts.linked) == (2, 1)
        tables.append(
            [
                store.query(f"SELECT * FROM {t} ORDER BY 1, 2")
                for t in ("postings", "posting_skills", "posting_terms", "posting_duplicates")
            ]
        )
        store.close()
    as_tuples = [[[tuple(r)[:-2] for r in rows] for rows in t] for t in tables]  # but ingested_at, run_id
    assert as_tuples[0] == as_tuples[1]
