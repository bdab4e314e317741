"""Query latency at scale: job search, salary insights and comparisons on a 1,000,000-posting SQLite store.

    python -m benchmarks.queries [--postings 1000000] [--seed-postings 20000] [--runs 200]

The store is built in two steps: the pipeline ingests `seed-postings` resampled real postings (the corpus
builder's), then SQL copies those normalized rows (with their skills, terms and full-text entries) until the
store holds `postings`, shifting ids, dates and salaries so the copies spread like new postings. Ingest speed
is measured by `benchmarks.run`; this measures what serving costs once a million postings are stored.
Figures: p50/p95/p99 per query kind, the database size, and the time to refresh the aggregates.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import OUT, build_corpus


def _pcts(samples: list[float]) -> str:
    s = sorted(samples)
    q = statistics.quantiles(s, n=100, method="inclusive")
    return (
        f"p50 {q[49]:7.1f} ms · p95 {q[94]:7.1f} ms · p99 {q[98]:7.1f} ms · max {s[-1]:7.1f} ms (n={len(s)})"
    )


def build_store(postings: int, seed_postings: int) -> Path:
    from roledex.analytics.profiles import refresh_aggregates
    from roledex.pipeline.local import ingest_path
    from roledex.settings import Settings
    from roledex.store.sqlite import SQLiteStore

    db = OUT / f"queries-{postings}.db"
    if db.exists():
        return db
    tmp = db.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    corpus = build_corpus(seed_postings)
    store = SQLiteStore(tmp)
    t0 = time.perf_counter()
    report = ingest_path(corpus, store, Settings(db_path=tmp, rejects_dir=OUT / "rejects"), fmt="jsonl")
    print(f"  seed: ingested {report.counts.stored:,} postings in {time.perf_counter() - t0:.0f} s")
    conn = store.conn
    base_max = conn.execute("SELECT MAX(id) FROM postings").fetchone()[0]
    t0 = time.perf_counter()
    copy = 0
    while conn.execute("SELECT COUNT(*) FROM postings").fetchone()[0] < postings:
        copy += 1
        need = postings - conn.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
        offset = copy * base_max
        with conn:
            conn.execute(
                f"""INSERT INTO postings SELECT id + {offset}, key || '-c{copy}', dedupe_key || '-c{copy}', source,
                    source_file, source_row, source_id, title, company, location, country, region, city, remote,
                    employment_type, internship, role, level, track, min_degree, min_years,
                    salary_min * (0.9 + (id % 21) / 100.0), salary_max * (0.9 + (id % 21) / 100.0), salary_currency,
                    salary_period, salary_kind, annual_usd_min * (0.9 + (id % 21) / 100.0),
                    annual_usd_max * (0.9 + (id % 21) / 100.0), annual_usd_mid * (0.9 + (id % 21) / 100.0),
                    salary_note, date(posted_at, '-{copy % 24} months'), url, industry, company_size, description,
                    has_text, data, raw, ingested_at, run_id FROM postings WHERE id <= {base_max} LIMIT {need}"""
            )
            conn.execute(
                f"INSERT INTO posting_skills SELECT posting_id + {offset}, skill_id, required FROM posting_skills "
                f"WHERE posting_id <= {base_max} AND posting_id + {offset} IN (SELECT id FROM postings)"
            )
            conn.execute(
                f"INSERT INTO posting_terms SELECT posting_id + {offset}, kind, term, theme FROM posting_terms "
                f"WHERE posting_id <= {base_max} AND posting_id + {offset} IN (SELECT id FROM postings)"
            )
            conn.execute(
                f"INSERT INTO postings_fts(rowid, title, company, description) SELECT id, title, "
                f"coalesce(company, ''), description FROM postings WHERE id > {offset}"
            )
    n = conn.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
    print(f"  copied to {n:,} postings in {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    from roledex.ingest import read_records
    from roledex.pipeline.local import process_stream
    from roledex.store.base import WriteCounts

    salaries = (
        Path(__file__).resolve().parents[1].parent / "shared" / "data" / "aijobs-salaries" / "salaries.csv"
    )
    run = store.begin_run(str(salaries), "aijobs-salaries")
    batch: list[Any] = []
    counts = WriteCounts()
    for _raw, item in process_stream(read_records(salaries)):
        batch.append(item)
        if len(batch) >= 5000:
            counts.add(store.write_batch(run, batch))
            batch.clear()
    counts.add(store.write_batch(run, batch))
    print(f"  salary records: {counts.stored:,} in {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    refresh_aggregates(conn)
    print(f"  refresh_aggregates: {time.perf_counter() - t0:.0f} s")
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    tmp.rename(db)
    return db


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", type=int, default=1_000_000)
    ap.add_argument("--seed-postings", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args(argv)

    from roledex.analytics.compare import compare
    from roledex.analytics.featured import featured_cards
    from roledex.analytics.rolespec import parse_role_spec
    from roledex.analytics.salaries import SalaryQuery, salary_insights
    from roledex.analytics.search import JobQuery, search_jobs
    from roledex.store.sqlite import SQLiteStore
    from roledex.taxonomy import load_taxonomy

    print(f"query benchmark · {args.postings:,} postings")
    db = build_store(args.postings, args.seed_postings)
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("",) if Path(f"{db}{s}").exists())
    store = SQLiteStore(db, readonly=True)
    n = store.query("SELECT COUNT(*) FROM postings")[0][0]
    print(
        f"  store: {n:,} postings, {size / 1e9:.2f} GB ({size / n * 1e6 / 1e9:.2f} GB per million postings)"
    )
    taxonomy = load_taxonomy()
    rng = random.Random(1)
    words = ["python", "machine learning", "data pipelines", "pytorch", "sql", "llm", "spark", "analytics"]
    roles = ["ml-engineer", "data-scientist", "data-engineer", "data-analyst", "ai-engineer"]
    levels = ["EN", "MI", "SE", "EX"]

    search_jobs(store, JobQuery(q="python", role="ml-engineer", level="SE"))  # warm the caches once
    print(
        "  search, text + two filters:       "
        + _pcts(
            timed(
                lambda: search_jobs(
                    store, JobQuery(q=rng.choice(words), role=rng.choice(roles), level=rng.choice(levels))
                ),
                args.runs,
            )
        )
    )
    print(
        "  search, two filters, no text:     "
        + _pcts(
            timed(
                lambda: search_jobs(store, JobQuery(role=rng.choice(roles), country="US", sort="date")),
                args.runs,
            )
        )
    )
    salary_insights(store, SalaryQuery(role="ml-engineer"), taxonomy)
    print(
        "  salary insights (role, level):    "
        + _pcts(
            timed(
                lambda: salary_insights(
                    store, SalaryQuery(role=rng.choice(roles), level=rng.choice(levels)), taxonomy
                ),
                args.runs,
            )
        )
    )
    print(
        "  salary insights (title, by year): "
        + _pcts(
            timed(
                lambda: salary_insights(
                    store,
                    SalaryQuery(
                        title=rng.choice(
                            ["Data Scientist", "Research Engineer", "Machine Learning Engineer"]
                        ),
                        by="year",
                    ),
                    taxonomy,
                ),
                args.runs,
            )
        )
    )
    pairs = [
        ("ml-engineer@SE", "ml-research-engineer"),
        ("data-scientist", "data-analyst"),
        ("data-engineer", "analytics-engineer"),
        ("ai-engineer", "ml-engineer"),
    ]

    def one_compare() -> None:
        a, b = rng.choice(pairs)
        compare(
            store,
            [parse_role_spec(a, taxonomy), parse_role_spec(b, taxonomy)],
            taxonomy,
            featured=featured_cards,
        )

    one_compare()
    print("  comparison (precomputed):         " + _pcts(timed(one_compare, max(20, args.runs // 4))))
    from roledex.analytics.profiles import ProfileFilter

    countries = ["US", "GB", "DE", "CA", "IN", "FR"]
    sinces = ["2024-01-01", "2025-03-15", "2023-07-01", "2025-09-10"]

    def filtered_compare(country: bool, since: bool) -> None:
        a, b = rng.choice(pairs)
        flt = ProfileFilter(
            country=rng.choice(countries) if country else None, since=rng.choice(sinces) if since else None
        )
        compare(
            store,
            [parse_role_spec(a, taxonomy), parse_role_spec(b, taxonomy)],
            taxonomy,
            flt,
            featured=featured_cards,
        )

    runs = max(20, args.runs // 4)
    print("  comparison, country:              " + _pcts(timed(lambda: filtered_compare(True, False), runs)))
    print("  comparison, since:                " + _pcts(timed(lambda: filtered_compare(False, True), runs)))
    print("  comparison, country + since:      " + _pcts(timed(lambda: filtered_compare(True, True), runs)))
    store.close()


if __name__ == "__main__":
    main()
