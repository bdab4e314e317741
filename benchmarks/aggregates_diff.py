"""Compare the refreshed aggregates of two stores row by row: a change to the refresh must not change them.

    python -m benchmarks.aggregates_diff BEFORE.db AFTER.db

Profile cells are compared by what they hold (`RawProfile.load`), not byte for byte: their stored form keeps
dictionaries in the order they were counted in, which depends on how the postings were split. The profile
documents, survey layers, featured cards and the aggregate state (but refreshed_at) are compared as stored.
Prints every difference (the first few of each table) and exits 1 when there is one.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from typing import Any

from roledex.analytics.profiles import RawProfile

SHOWN = 5  # differences printed per table

TABLES = {
    "role_aggregates": ("role, level", "n_postings, data"),
    "role_survey": ("role, level", "data"),
    "role_featured": ("role, level", "cards"),
    "aggregate_state": ("name", "value"),
    "profile_cells": ("role, level, country, period", "n_postings, first, data, pay"),
}


def cell_content(n: int, first: str | None, data: bytes, pay: bytes) -> tuple[Any, ...]:
    """What a stored cell holds, in a form that compares equal whatever order it was counted in."""
    raw = RawProfile.load(data, pay)
    return (
        n,
        first,
        raw.n,
        raw.n_text,
        raw.first,
        raw.last,
        raw.n_resp,
        {d: dict(c) for d, c in raw.dims.items() if c},
        raw.skills,
        dict(raw.fields),
        dict(raw.themes),
        dict(raw.phrases),
        raw.evidence,
        dict(raw.pay_currency),
        dict(raw.pay_kind),
        raw.pay_mid.tolist(),
        raw.pay_width.tolist(),
    )


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[tuple[tuple[Any, ...], Any]]:
    key, value = TABLES[table]
    n_key = key.count(",") + 1
    where = " WHERE name != 'refreshed_at'" if table == "aggregate_state" else ""
    for row in conn.execute(f"SELECT {key}, {value} FROM {table}{where} ORDER BY {key}"):
        content = cell_content(*row[n_key:]) if table == "profile_cells" else tuple(row[n_key:])
        yield tuple(row[:n_key]), content


def diff_table(a: sqlite3.Connection, b: sqlite3.Connection, table: str) -> tuple[int, int]:
    """(rows compared, rows that differ or are in one store only), both tables read in key order."""
    left, right = _rows(a, table), _rows(b, table)
    x, y = next(left, None), next(right, None)
    compared = differ = 0
    while x is not None or y is not None:
        compared += 1
        if y is None or (x is not None and x[0] < y[0]):
            problem, x = f"only in the first: {x[0]}", next(left, None)  # type: ignore[index]
        elif x is None or y[0] < x[0]:
            problem, y = f"only in the second: {y[0]}", next(right, None)
        else:
            problem = "" if x[1] == y[1] else f"differs: {x[0]}"
            x, y = next(left, None), next(right, None)
        if problem:
            differ += 1
            if differ <= SHOWN:
                print(f"  {table}: {problem}")
    return compared, differ


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    a, b = (sqlite3.connect(f"file:{path}?mode=ro", uri=True) for path in argv)
    total = 0
    for table in TABLES:
        compared, differ = diff_table(a, b, table)
        print(f"{table}: {compared:,} rows, {differ:,} differ")
        total += differ
    print("equal" if total == 0 else f"{total:,} rows differ")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
