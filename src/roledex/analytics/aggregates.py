"""The precomputed aggregates a comparison reads, and their refresh after each ingest.

    role_aggregates   the profile document of every (role, level) and of every role ('*')
    profile_cells     the counts per (role, level, country, period) that filtered profiles sum (analytics.cells)
    role_survey       the salary-survey layer of every (role, level): summary, currencies, yearly trend
    role_featured     the featured job cards of every (role, level)
    aggregate_state   skill_background (postings per skill), refreshed_at, and the watermark

The watermark is the highest posting id, the number of postings up to it and the highest survey record id
at the refresh. Postings and survey records are only ever added, so the aggregates are fresh while those
maxima are unchanged (`is_fresh`: two index lookups), and a refresh after an ingest only counts the postings
above the watermark and adds their cells to the stored ones. When the count below the watermark has changed
(rows deleted by hand) or nothing was stored yet, the refresh rebuilds everything.

Either way the postings are counted at most SLICE at a time (`_slices`) and each slice's cells are added to
the stored ones, so what the refresh holds in memory is bounded by SLICE, not by the size of the store.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from roledex.analytics.cells import ALL, UNKNOWN, CellKey, build_cells, merge_cells, read_cells
from roledex.analytics.profiles import (
    CELL_FORMAT,
    NO_FILTER,
    ProfileFilter,
    RawProfile,
    _ranked,
    assemble,
    survey_rows,
)
from roledex.analytics.stats import summarize, year_trend
from roledex.errors import QueryError
from roledex.models import LEVELS


def _current(conn: Any) -> tuple[int | None, int | None, str | None]:
    row = conn.execute(
        "SELECT (SELECT MAX(id) FROM postings), (SELECT MAX(id) FROM salary_records), "
        "(SELECT MAX(posted_at) FROM postings)"
    ).fetchone()
    return row[0], row[1], row[2]


def watermark(conn: Any) -> dict[str, Any] | None:
    try:
        row = conn.execute("SELECT value FROM aggregate_state WHERE name = 'watermark'").fetchone()
    except Exception:  # a database from before the aggregates (read-only, not migrated)
        return None
    return None if row is None else dict(json.loads(row[0]))


def is_fresh(conn: Any) -> bool:
    """No posting and no survey record stored since the last refresh."""
    mark = watermark(conn)
    if mark is None or mark.get("format") != CELL_FORMAT:
        return False
    postings, salaries, _ = _current(conn)
    return bool(mark["postings"] == postings and mark["salaries"] == salaries)


# -- reads -------------------------------------------------------------------------------------------------
def stored_survey(conn: Any, role: str) -> dict[str, dict[str, Any]] | None:
    """The survey layer of every level of a role (level '*' all levels), or None when not fresh."""
    if not is_fresh(conn):
        return None
    return {
        lv: json.loads(data)
        for lv, data in conn.execute("SELECT level, data FROM role_survey WHERE role = ?", (role,))
    }


def stored_cards(conn: Any, role: str, level: str | None) -> list[dict[str, Any]] | None:
    """The featured cards of a role (at a level), or None when not fresh or not stored."""
    if not is_fresh(conn):
        return None
    row = conn.execute(
        "SELECT cards FROM role_featured WHERE role = ? AND level = ?", (role, level or ALL)
    ).fetchone()
    return None if row is None else list(json.loads(row[0]))


def survey_window(conn: Any) -> tuple[int, int | None, int | None]:
    """(records, first year, last year) of the salary survey."""
    row = conn.execute("SELECT value FROM aggregate_state WHERE name = 'survey_window'").fetchone()
    if row is not None and is_fresh(conn):
        n, lo, hi = json.loads(row[0])
        return int(n), lo, hi
    n, lo, hi = conn.execute("SELECT COUNT(*), MIN(work_year), MAX(work_year) FROM salary_records").fetchone()
    return int(n), lo, hi


def survey_layer(
    role: str, level: str | None, flt: ProfileFilter, rows: Sequence[tuple[str, int, float, str]]
) -> dict[str, Any]:
    """The survey layer of a role (at a level) from its records (`survey_rows`, already cut to the level):
    summary, currencies, yearly trend and the query behind them."""
    usd = np.fromiter((r[2] for r in rows), np.float64, len(rows))
    years = np.fromiter((r[1] for r in rows), np.int64, len(rows))
    by_year = {int(y): usd[years == y] for y in np.unique(years).tolist()}
    return {
        "summary": summarize(usd).to_dict(),
        "currencies": _ranked(Counter(r[3] for r in rows)),
        "trend": [pt.to_dict() for pt in year_trend(by_year)],
        "query": {
            "role": role,
            "level": level if level and level != ALL else None,
            "country": flt.country,
            "since_year": int(flt.since[:4]) if flt.since else None,
        },
    }


def survey_by_level(rows: list[tuple[str, int, float, str]]) -> dict[str, list[tuple[str, int, float, str]]]:
    """A role's survey records cut by level (each of LEVELS, and ALL for every record)."""
    split: dict[str, list[tuple[str, int, float, str]]] = {lv: [] for lv in LEVELS}
    for row in rows:
        split.setdefault(row[0], []).append(row)
    return {**{lv: split[lv] for lv in LEVELS}, ALL: rows}


# -- refresh -----------------------------------------------------------------------------------------------
SLICE = 20_000  # postings counted at once: what bounds the refresh's memory, whatever the store's size


def refresh(conn: Any, *, full: bool = False) -> int:
    """Bring the aggregates up to date; returns how many (role, level) profile documents were written."""
    postings, salaries, newest = _current(conn)
    mark = None if full else watermark(conn)
    if mark is not None and mark.get("format") != CELL_FORMAT:
        mark = None  # cells stored in another form: rebuilt
    # counted from the smallest index, and the new rows by id range (a range of the table itself would read
    # every wide row below the watermark)
    total = conn.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
    if mark is not None and mark["postings"] is not None:
        newer = conn.execute("SELECT COUNT(*) FROM postings WHERE id > ?", (mark["postings"],)).fetchone()[0]
        if total - newer != mark["n"]:
            mark = None
    if mark is not None and mark["postings"] is None and postings is not None:
        mark = None  # the first postings: a full build is the same work
    now = datetime.now(UTC).isoformat(timespec="seconds")
    state = {"postings": postings, "n": total, "salaries": salaries, "newest": newest, "format": CELL_FORMAT}
    if mark is None:
        return _rebuild(conn, state, now)
    above = int(mark["postings"] or 0)
    row = conn.execute("SELECT value FROM aggregate_state WHERE name = 'skill_background'").fetchone()
    background: dict[str, int] = dict(json.loads(row[0])) if row is not None else {}
    with conn:
        groups = _add_postings(conn, above, background) if postings != mark["postings"] else set()
        written = sum(_write_profiles(conn, role, now) for role in sorted({role for role, _ in groups}))
        _state(conn, "skill_background", dict(sorted(background.items())))
        if mark["salaries"] != salaries:
            _write_survey(conn)
        _write_featured(conn, _featured_roles(conn, groups, mark.get("newest") != newest))
        _finish(conn, state, now)
    return written


def _rebuild(conn: Any, state: dict[str, Any], now: str) -> int:
    """Every aggregate from scratch: the cells of every posting added to empty tables, a slice at a time."""
    background: dict[str, int] = {}
    with conn:
        conn.execute("DELETE FROM profile_cells")
        conn.execute("DELETE FROM role_aggregates")
        conn.execute("DELETE FROM role_featured")
        groups = _add_postings(conn, 0, background)
        written = sum(_write_profiles(conn, role, now) for role in sorted({role for role, _ in groups}))
        _state(conn, "skill_background", dict(sorted(background.items())))
        _write_survey(conn)
        _write_featured(conn, _featured_roles(conn, groups, True))
        _finish(conn, state, now)
    return written


def _add_postings(conn: Any, above: int, background: dict[str, int]) -> set[tuple[str, str]]:
    """Add the cells of the postings above id `above` to the stored cells and their skills to `background`,
    one slice (`_slices`) at a time; returns the (role, level) groups they count in (level '*' too)."""
    groups: set[tuple[str, str]] = set()
    for where, params, by_id in _slices(conn, above):
        cells = build_cells(conn, where, params, above=above if by_id else None)
        _count_background(cells, background)
        groups.update((key[0], key[1]) for key in cells if key[2] == ALL and key[3] == ALL)
        merge_cells(conn, cells)
    return groups


def _slices(conn: Any, above: int) -> Iterator[tuple[str, list[Any], bool]]:
    """The postings above id `above` in slices of at most SLICE postings, as (`where` over alias p, its
    parameters, whether it is exactly "p.id > above"): all in one when they are that few, else each role's
    in (posted_at, id) order, undated first. Cells add up, so any split gives the same cells; a split by
    date leaves most month and year cells in one slice, and so written once."""
    if conn.execute("SELECT COUNT(*) FROM postings WHERE id > ?", (above,)).fetchone()[0] <= SLICE:
        yield "p.id > ?", [above], True
        return
    order = "IFNULL(p.posted_at, ''), p.id"
    # unary +: the role's postings read from its (covering) index range, not every new row by id
    counts = conn.execute("SELECT p.role, COUNT(*) FROM postings p WHERE +p.id > ? GROUP BY 1", (above,))
    for role, n in counts.fetchall():
        ends = conn.execute(
            f"""SELECT k, id FROM (SELECT IFNULL(p.posted_at, '') AS k, p.id AS id,
                    row_number() OVER (ORDER BY {order}) AS i FROM postings p WHERE p.role = ? AND +p.id > ?)
                WHERE i % ? = 0 AND i < ?""",
            (role, above, SLICE, n),
        ).fetchall()
        for lo, hi in zip([None, *ends], [*ends, None], strict=True):
            clauses, params = ["p.role = ?", "+p.id > ?"], [role, above]
            if lo is not None:
                clauses.append(f"({order}) > (?, ?)")
                params += lo
            if hi is not None:
                clauses.append(f"({order}) <= (?, ?)")
                params += hi
            yield " AND ".join(clauses), params, False


def _count_background(cells: Mapping[CellKey, RawProfile], background: dict[str, int]) -> None:
    """Add the postings asking for each skill (the log-odds prior) from the cells of whole roles."""
    for key in cells:
        if key[1:] == (ALL, ALL, ALL):
            for sid, (count, _req, _pref) in cells[key].skills.items():
                background[sid] = background.get(sid, 0) + count


def _write_featured(conn: Any, featured_roles: dict[str, list[tuple[str, str, str]]]) -> None:
    for role, rows in featured_roles.items():
        conn.execute("DELETE FROM role_featured WHERE role = ?", (role,))
        conn.executemany("INSERT INTO role_featured(role, level, cards) VALUES (?,?,?)", rows)


def _finish(conn: Any, state: dict[str, Any], now: str) -> None:
    _state(conn, "watermark", state)
    conn.execute("INSERT OR REPLACE INTO aggregate_state(name, value) VALUES ('refreshed_at', ?)", (now,))


def _state(conn: Any, name: str, value: Any) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO aggregate_state(name, value) VALUES (?, ?)", (name, json.dumps(value))
    )


def _write_profiles(conn: Any, role: str, now: str) -> int:
    """The profile documents of a role from its stored cells (every level, and '*')."""
    keys: list[CellKey] = [(role, lv, ALL, ALL) for lv in (*LEVELS, ALL)]
    stored = read_cells(conn, keys)
    conn.execute("DELETE FROM role_aggregates WHERE role = ?", (role,))
    rows = [
        (role, key[1], raw.n, json.dumps(assemble((role, key[1]), raw)), now)
        for key, raw in stored.items()
        if raw.n
    ]
    conn.executemany(
        "INSERT INTO role_aggregates(role, level, n_postings, data, refreshed_at) VALUES (?,?,?,?,?)", rows
    )
    return len(rows)


def _write_survey(conn: Any) -> None:
    conn.execute("DELETE FROM role_survey")
    roles = [r for (r,) in conn.execute("SELECT DISTINCT role FROM salary_records")]
    for role in roles:
        for lv, rows in survey_by_level(survey_rows(conn, role, NO_FILTER)).items():
            layer = survey_layer(role, lv, NO_FILTER, rows)
            conn.execute(
                "INSERT INTO role_survey(role, level, data) VALUES (?,?,?)", (role, lv, json.dumps(layer))
            )
    n, lo, hi = conn.execute("SELECT COUNT(*), MIN(work_year), MAX(work_year) FROM salary_records").fetchone()
    _state(conn, "survey_window", [n, lo, hi])


def _featured_roles(
    conn: Any, changed: set[tuple[str, str]], everything: bool
) -> dict[str, list[tuple[str, str, str]]]:
    """The featured cards of the (role, level) groups whose postings changed (of every group when the
    newest date moved: recency counts from it)."""
    from roledex.analytics.featured import CARDS, featured_cards
    from roledex.analytics.search import as_store

    groups = set(changed)
    if everything:
        groups |= {(r, lv) for r, lv in conn.execute("SELECT role, level FROM role_aggregates")}
    if not groups:
        return {}
    store = as_store(conn)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for role, lv in sorted(groups):
        if lv == UNKNOWN:
            continue
        try:
            cards = featured_cards(store, role, None if lv == ALL else lv, CARDS, live=True)
        except QueryError:  # a role the taxonomy does not know
            continue
        out.setdefault(role, []).append((role, lv, json.dumps(cards)))
    return out
