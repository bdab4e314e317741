"""Build benchmark corpora by resampling the real postings in ../shared/data.

Every generated posting is a real posting's text with a new id, a new posted date, a rescaled salary and a
requisition line appended, so nothing in the corpus is a duplicate of anything else. Output is roledex's
generic JSON Lines format, written to benchmarks/out/ (never committed).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from roledex.ingest import iter_paths, read_records
from roledex.models import RawPosting

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ROLEDEX_SHARED_DATA", REPO.parent / "shared" / "data")).resolve()
OUT = REPO / "benchmarks" / "out"


def real_postings(data: Path = SHARED_DATA) -> list[dict[str, Any]]:
    """Every real posting with a description, as generic JSON Lines objects."""
    rows: list[dict[str, Any]] = []
    for path in iter_paths([data]):
        for rec in read_records(path):
            if isinstance(rec, RawPosting) and len(rec.description) >= 200:
                rows.append(
                    {
                        "title": rec.title,
                        "company": rec.company,
                        "location": rec.location,
                        "description": rec.description,
                        "salary_text": rec.salary_text,
                        "employment_type": rec.employment_text,
                        "remote": rec.remote_text,
                        "industry": rec.industry,
                    }
                )
    return rows


def _salary_text(rng: random.Random) -> str | None:
    if rng.random() < 0.45:
        return None
    low = rng.randrange(45, 260) * 1000
    high = low + rng.randrange(10, 90) * 1000
    style = rng.randrange(3)
    if style == 0:
        return f"${low:,} - ${high:,} per year"
    if style == 1:
        return f"USD {low // 1000}k-{high // 1000}k"
    return f"${low / 2080:.2f}/hr - ${high / 2080:.2f}/hr"


def build_corpus(n: int, *, seed: int = 7, out: Path | None = None) -> Path:
    """Write `n` resampled postings to benchmarks/out/corpus-<n>.jsonl (reused when it exists)."""
    out = out or OUT / f"corpus-{n}.jsonl"
    if out.exists() and out.stat().st_size > 0:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    base = real_postings()
    rng = random.Random(seed)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(n):
            src = base[rng.randrange(len(base))]
            year = rng.choice((2021, 2022, 2023, 2024, 2025, 2026))
            rec = dict(src)
            rec["id"] = f"bench-{seed}-{i}"
            rec["posted_at"] = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            rec["url"] = f"https://jobs.example.org/{seed}/{i}"
            rec["salary_text"] = _salary_text(rng) or src.get("salary_text")
            # first, so that the dedupe fingerprint (the opening of the text) tells every copy apart
            rec["description"] = f"Requisition BENCH-{seed}-{i}.\n\n{src['description']}"
            rec["source"] = "bench"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(out)
    return out
