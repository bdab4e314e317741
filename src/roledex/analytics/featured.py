"""Featured jobs: the postings of a role worth showing first on a role page.

Scoring (each part in [0, 1], weights in FEATURE_WEIGHTS):

    score = 3.0 * salary + 2.0 * recency + 2.0 * complete + 1.0 * level

- salary: 1 when the posting states a salary (annual USD known), else 0.
- recency: 0.5 ** (age / 30 days), age counted back from the newest posting in the store (or `now`), not
  from the wall clock, so an old data set still ranks its own newest postings first; undated postings 0.
- complete: 0.5 * min(1, description length / 2,000 characters) + 0.5 * the share of the sections
  responsibilities, requirements and benefits that `extract.sections.split_sections` finds.
- level: 1 when the posting has a seniority level (EN/MI/SE/EX), else 0.

"Current" postings are those posted within CURRENT_DAYS of the reference date; when a role has fewer than
`limit` of them, older and undated postings fill the list (recency still ranks them). Duplicates are
collapsed at ingest; here a title + company that appears twice (re-posted, another location) shows once.

The salary, level and recency parts come from the in-memory PostingIndex; only the best candidates by
those parts have their description read and split: every posting that could still win on completeness,
but at most max(MAX_CANDIDATES, 10 * limit) of them, newest first among equals. The ranking is exact
unless more postings than that tie on the first three parts (then the newest of them are considered).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from roledex.analytics.search import JobHit, PostingIndex, as_store, build_hits, posting_index
from roledex.errors import QueryError
from roledex.extract.sections import split_sections
from roledex.models import LEVELS
from roledex.taxonomy import Taxonomy, load_taxonomy

FEATURE_WEIGHTS = {"salary": 3.0, "recency": 2.0, "complete": 2.0, "level": 1.0}
HALF_LIFE_DAYS = 30.0
CURRENT_DAYS = 90
FULL_LENGTH = 2_000  # characters of description that count as complete
KEY_SECTIONS = ("responsibilities", "requirements", "benefits")
MAX_CANDIDATES = 60  # descriptions read and split per call (at least 10 per posting asked for)
MAX_LIMIT = 50
CARDS = 6  # cards on a role page or comparison (precomputed per role and level)


def _day(value: date | str) -> int:
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        raise QueryError(f"'{value}' is not a date", hint="use YYYY-MM-DD") from None
    return d.toordinal() - date(1970, 1, 1).toordinal()


def completeness(description: str) -> float:
    """0.5 for length (capped at FULL_LENGTH characters) + 0.5 for the key sections present."""
    length = min(1.0, len(description) / FULL_LENGTH)
    try:
        kinds = {s.kind for s in split_sections(description)} if description else set()
    except Exception:  # an extraction bug must not take the role page down; length still counts
        kinds = set()
    sections = sum(1 for k in KEY_SECTIONS if k in kinds) / len(KEY_SECTIONS)
    return 0.5 * length + 0.5 * sections


# SQL (SQLite) --------------------------------------------------------------------------------------------
def _sql_descriptions(store: Any, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, title, COALESCE(company, ''), description FROM postings WHERE id IN ({marks})"
    return {int(r[0]): (str(r[1]), str(r[2]), str(r[3] or "")) for r in store.conn.execute(sql, ids)}


def featured_jobs(
    store: Any,
    role: str,
    level: str | None = None,
    limit: int = 6,
    now: date | str | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[JobHit]:
    """The `limit` best postings of a role (and level), best first; `score` and `score_parts` explain each.

    `store` is a store (anything with `.conn`) or a sqlite3 connection."""
    store = as_store(store)
    tax = taxonomy or load_taxonomy()
    if role not in tax.roles:
        raise QueryError(f"unknown role '{role}'", hint="use one of: " + ", ".join(sorted(tax.roles)))
    if level is not None:
        level = level.upper()
        if level not in LEVELS:
            raise QueryError(f"unknown level '{level}'", hint="use one of: " + ", ".join(LEVELS))
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit {limit} is out of range", hint=f"use 1 to {MAX_LIMIT}")
    index = posting_index(store)
    mask = index.present & (index.codes["role"] == index.code("role", role))
    if level is not None:
        mask &= index.codes["level"] == index.code("level", level)
    ids = np.flatnonzero(mask)
    if ids.size == 0:
        return []
    reference = _day(now) if now is not None else int(index.posted[index.present].max())
    current = ids[(index.posted[ids] >= reference - CURRENT_DAYS) & (index.posted[ids] <= reference)]
    picked = _rank(store, index, current, reference, limit) if current.size >= limit else []
    if len(picked) < limit:  # too few current postings (after collapsing re-posts): older ones fill in
        picked = _rank(store, index, ids, reference, limit)
    return list(
        build_hits(
            store,
            [e[2] for e in picked],
            scores={e[2]: round(e[0], 4) for e in picked},
            score_parts={e[2]: e[3] for e in picked},
        )
    )


Ranked = tuple[float, int, int, dict[str, float]]  # (score, posted day, id, parts)


def _rank(store: Any, index: PostingIndex, ids: np.ndarray, reference: int, limit: int) -> list[Ranked]:
    parts = _index_parts(index, ids, reference)
    w = FEATURE_WEIGHTS
    first = w["salary"] * parts["salary"] + w["recency"] * parts["recency"] + w["level"] * parts["level"]
    # a candidate below (k-th best first-stage score - the most completeness can add) cannot make the list
    k = min(ids.size, limit * 4)
    bar = np.sort(first)[::-1][k - 1] - w["complete"]
    chosen = np.flatnonzero(first >= bar)
    chosen = chosen[np.lexsort((-ids[chosen], -first[chosen]))][: max(MAX_CANDIDATES, 10 * limit)]
    texts = _sql_descriptions(store, [int(ids[i]) for i in chosen])
    scored: list[Ranked] = []
    for i in chosen:
        pid = int(ids[i])
        complete = completeness(texts.get(pid, ("", "", ""))[2])
        p = {name: round(float(parts[name][i]), 4) for name in ("salary", "recency", "level")}
        p["complete"] = round(complete, 4)
        scored.append((float(first[i]) + w["complete"] * complete, int(index.posted[pid]), pid, p))
    scored.sort(key=lambda t: (-t[0], -t[1], -t[2]))
    seen: set[tuple[str, str]] = set()
    picked: list[Ranked] = []
    for entry in scored:
        title, company, _ = texts.get(entry[2], ("", "", ""))
        key = (" ".join(title.casefold().split()), " ".join(company.casefold().split()))
        if key not in seen:
            seen.add(key)
            picked.append(entry)
            if len(picked) == limit:
                break
    return picked


def _index_parts(index: PostingIndex, ids: np.ndarray, reference: int) -> dict[str, np.ndarray]:
    posted = index.posted[ids]
    age = np.maximum(0, reference - posted).astype(np.float64)
    recency = np.where(posted >= 0, 0.5 ** (age / HALF_LIFE_DAYS), 0.0)
    return {
        "salary": (~np.isnan(index.mid[ids])).astype(np.float64),
        "recency": recency,
        "level": (index.codes["level"][ids] >= 0).astype(np.float64),
    }


def featured_cards(
    store: Any, role: str, level: str | None = None, limit: int = CARDS, *, live: bool = False
) -> list[dict[str, Any]]:
    """`featured_jobs` as JSON-ready cards (the shape compare, the web pages and the API show).

    The CARDS cards of each (role, level) are precomputed by the aggregate refresh and read from there
    while fresh; `live` computes them regardless (what the refresh does)."""
    if not live and limit == CARDS:
        from roledex.analytics.aggregates import stored_cards

        cards = stored_cards(as_store(store).conn, role, level.upper() if level else None)
        if cards is not None:
            return cards
    return [hit.to_dict() for hit in featured_jobs(store, role, level, limit)]
