"""Profile cells: the counts of a role profile per (role, level, country, period), summed on read.

A profile under filters (country, posted since) is the sum of a few precomputed cells instead of a pass over
the postings. Each posting counts in twelve cells (table `profile_cells`, migration 0005):

    level   {its level, '*'}  x  country {its country, '*'}  x  period {'*', 'y' + its year, 'm' + its month}

'' stands for a level or country that is not known; undated postings count in period '*' only. A profile of
role R (at level L, or '*') in country C (or '*') posted since D is then

    the year cells of years after D's year + the month cells of D's year after D's month
    + the postings of D's own month posted on or after D (computed now: a month of one role)

which equals the direct computation (`profiles.compute_profile`) exactly: a posting's year or month string
compares with D's the same way its whole date does unless the two are equal (see `period_plan`).

`build_cells` counts every cell of a set of postings in one pass with numpy (a million postings in about a
minute); cells add up (`RawProfile.add`), which is what makes the refresh incremental: postings are only ever
added, so the cells of the postings stored since the last refresh are added to the stored ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from roledex.analytics.profiles import DIMENSIONS, SAMPLE_IDS, ProfileFilter, RawProfile, _counter

ALL = "*"
UNKNOWN = ""
CellKey = tuple[str, str, str, str]  # (role, level, country, period)
GRAINS = ("*", "y", "m")
CHUNK = 200_000
MERGE_BATCH = 500  # stored cells read, added to and written back at once
IntArray = NDArray[np.int64]


# -- reading columns ---------------------------------------------------------------------------------------
class Vocab:
    """Values to dense integer codes, in order of first appearance."""

    def __init__(self) -> None:
        self.codes: dict[Any, int] = {}
        self.values: list[Any] = []

    def encode(self, values: Sequence[Any]) -> IntArray:
        codes, out = self.codes, self.values

        def code(v: Any) -> int:
            c = codes.get(v)
            if c is None:
                c = codes[v] = len(out)
                out.append(v)
            return c

        return np.fromiter(map(code, values), np.int64, len(values))

    def __len__(self) -> int:
        return len(self.values)


def _chunks(conn: Any, sql: str, params: Sequence[Any]) -> Iterator[list[tuple[Any, ...]]]:
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples
    cur.execute(sql, params)
    while rows := cur.fetchmany(CHUNK):
        yield rows


def _cat(parts: list[IntArray] | list[NDArray[np.float64]], dtype: Any = np.int64) -> Any:
    return np.concatenate(parts) if parts else np.zeros(0, dtype)


# -- sparse counting ---------------------------------------------------------------------------------------
def _sparse(
    groups: IntArray, keys: IntArray, n_keys: int, weights: Sequence[Any] = ()
) -> tuple[IntArray, IntArray, list[IntArray]]:
    """(group, key) pairs with their count and each weight's sum, sorted by group then key."""
    width = max(n_keys, 1)
    comp = groups * width + keys
    uniq, inverse = np.unique(comp, return_inverse=True)
    sums = [np.bincount(inverse, minlength=uniq.size).astype(np.int64)]
    sums += [np.bincount(inverse, weights=w, minlength=uniq.size).astype(np.int64) for w in weights]
    return uniq // width, uniq % width, sums


def _newest(
    groups: IntArray, keys: IntArray, ids: IntArray, n_keys: int
) -> tuple[IntArray, IntArray, IntArray]:
    """The SAMPLE_IDS highest ids of every (group, key), sorted by group, key, id descending."""
    width = max(n_keys, 1)
    comp = groups * width + keys
    order = np.lexsort((-ids, comp))
    comp = comp[order]
    if comp.size == 0:
        return groups[:0], keys[:0], ids[:0]
    starts = np.flatnonzero(np.r_[True, comp[1:] != comp[:-1]])
    rank = np.arange(comp.size) - np.repeat(starts, np.diff(np.r_[starts, comp.size]))
    keep = order[rank < SAMPLE_IDS]
    return groups[keep], keys[keep], ids[keep]


# -- building ----------------------------------------------------------------------------------------------
def build_cells(
    conn: Any,
    where: str = "1",
    params: Sequence[Any] = (),
    *,
    above: int | None = None,
    grains: Sequence[str] = GRAINS,
    pooled: bool = False,
) -> dict[CellKey, RawProfile]:
    """The cells of the postings matching `where` (SQL over alias p).

    `above`: `where` is exactly "p.id > above" (skills and terms are then read by id range, not joined).
    `pooled`: one cell per level (ALL, level, ALL, ALL) of every matching posting, for a part counted now."""
    dims = list(DIMENSIONS)
    sql = (
        f"SELECT p.id, p.role, p.level, p.country, p.posted_at, p.has_text, {', '.join(DIMENSIONS.values())} "
        f"FROM postings p WHERE {where}"
    )
    roles, levels, countries, months, years = Vocab(), Vocab(), Vocab(), Vocab(), Vocab()
    dim_vocab = {d: Vocab() for d in dims}
    posted_vocab = Vocab()
    cols: dict[str, list[IntArray]] = {
        k: [] for k in ("id", "role", "level", "country", "month", "year", "posted", "text", *dims)
    }
    for rows in _chunks(conn, sql, params):
        c = list(zip(*rows, strict=True))
        cols["id"].append(np.fromiter(c[0], np.int64, len(rows)))
        cols["role"].append(roles.encode(c[1]))
        cols["level"].append(levels.encode([v or UNKNOWN for v in c[2]]))
        cols["country"].append(countries.encode([v or UNKNOWN for v in c[3]]))
        cols["month"].append(months.encode([v[:7] if v else None for v in c[4]]))
        cols["year"].append(years.encode([v[:4] if v else None for v in c[4]]))
        cols["posted"].append(posted_vocab.encode(c[4]))
        cols["text"].append(np.fromiter((1 if t else 0 for t in c[5]), np.int64, len(rows)))
        for i, d in enumerate(dims):
            cols[d].append(dim_vocab[d].encode(c[6 + i]))
    col = {k: _cat(v) for k, v in cols.items()}
    ids = col["id"]
    if ids.size == 0:
        return {}
    # base cells: (role, level, country, month); every other cell is a sum of base cells
    sizes = (len(roles), len(levels), len(countries), len(months))
    comp = ((col["role"] * sizes[1] + col["level"]) * sizes[2] + col["country"]) * sizes[3] + col["month"]
    base_comp, base = np.unique(comp, return_inverse=True)
    base = base.reshape(-1)
    b_month = base_comp % sizes[3]
    b_country = base_comp // sizes[3] % sizes[2]
    b_level = base_comp // (sizes[3] * sizes[2]) % sizes[1]
    b_role = base_comp // (sizes[3] * sizes[2] * sizes[1])
    first_of = np.zeros(base_comp.size, np.int64)
    first_of[base[::-1]] = np.arange(base.size)[::-1]  # a posting of each base cell (for its year)
    b_year = col["year"][first_of]
    keys, tmaps = _cell_keys(
        (roles, levels, countries, months, years),
        (b_role, b_level, b_country, b_month, b_year),
        grains,
        pooled,
    )
    n_cells = len(keys)

    def tiers(groups: IntArray) -> Iterator[tuple[IntArray, NDArray[np.bool_]]]:
        """For each tier, the cell of each base cell in `groups` and the mask of those that have one."""
        for tmap in tmaps:
            cells = tmap[groups]
            yield cells, cells >= 0

    def counted(
        groups: IntArray, k: IntArray, values: Sequence[Any], weights: Sequence[Any] = ()
    ) -> Iterator[tuple[int, list[Any], list[list[int]]]]:
        """Per cell: the values counted in it and their counts (and weight sums); the rows are in base cells
        `groups` and have value codes `k` (indexes into `values`)."""
        g0, k0, s0 = _sparse(groups, k, len(values), weights)
        gs: list[IntArray] = []
        ks: list[IntArray] = []
        ws: list[list[IntArray]] = [[] for _ in s0]
        for cells, ok in tiers(g0):
            gs.append(cells[ok])
            ks.append(k0[ok])
            for w, s in zip(ws, s0, strict=True):
                w.append(s[ok])
        g, kk, sums = _sparse(_cat(gs), _cat(ks), len(values), [_cat(w).astype(np.float64) for w in ws])
        names = list(map(values.__getitem__, kk.tolist()))
        totals = [s.tolist() for s in sums[1:]]
        for cell, lo, hi in _runs(g, n_cells):
            yield cell, names[lo:hi], [t[lo:hi] for t in totals]

    # postings, postings with text, first and last date
    raws = [RawProfile() for _ in range(n_cells)]
    n_base = np.bincount(base, minlength=base_comp.size)
    t_base = np.bincount(base, weights=col["text"], minlength=base_comp.size)
    dated_values = sorted(v for v in posted_vocab.values if v is not None)
    rank = np.array(_ranks(posted_vocab.values, dated_values), np.int64)
    prank = rank[col["posted"]]
    dated = prank >= 0
    big = np.iinfo(np.int64).max
    lo = np.full(base_comp.size, big)
    hi = np.full(base_comp.size, -1)
    np.minimum.at(lo, base[dated], prank[dated])
    np.maximum.at(hi, base[dated], prank[dated])
    for tmap in tmaps:
        ok = tmap >= 0
        cells = tmap[ok]
        n = np.bincount(cells, weights=n_base[ok], minlength=n_cells)
        t = np.bincount(cells, weights=t_base[ok], minlength=n_cells)
        clo = np.full(n_cells, big)
        chi = np.full(n_cells, -1)
        np.minimum.at(clo, cells, lo[ok])
        np.maximum.at(chi, cells, hi[ok])
        for cell in np.unique(cells).tolist():
            r = raws[cell]
            r.n, r.n_text = int(n[cell]), int(t[cell])
            r.first = dated_values[clo[cell]] if clo[cell] != big else None
            r.last = dated_values[chi[cell]] if chi[cell] >= 0 else None

    # dimensions
    for d in dims:
        values = dim_vocab[d].values
        for cell, ks, (cnt,) in counted(base, col[d], values):
            raws[cell].dims[d] = _counter(dict(zip(ks, cnt, strict=True)))

    # skills, with the newest posting ids asking for each
    id_order = np.argsort(ids, kind="stable")
    sorted_ids = ids[id_order]

    def rows_of(pids: IntArray) -> tuple[IntArray, NDArray[np.bool_]]:
        """The row of each posting id among the postings read, and which ids are among them."""
        pos = np.minimum(np.searchsorted(sorted_ids, pids), max(sorted_ids.size - 1, 0))
        return id_order[pos], sorted_ids[pos] == pids

    pair_from = (
        f"FROM {{table}} x WHERE x.posting_id > {int(above)}"
        if above is not None
        else f"FROM postings p CROSS JOIN {{table}} x ON x.posting_id = p.id WHERE {where}"
    )
    pair_params = () if above is not None else params
    skill_vocab = Vocab()
    s_pid, s_code, s_req = [], [], []
    sql = "SELECT x.posting_id, x.skill_id, x.required " + pair_from.format(table="posting_skills")
    for rows in _chunks(conn, sql, pair_params):
        c = list(zip(*rows, strict=True))
        s_pid.append(np.fromiter(c[0], np.int64, len(rows)))
        s_code.append(skill_vocab.encode(c[1]))
        s_req.append(np.fromiter((2 if r is None else int(r) for r in c[2]), np.int64, len(rows)))
    pid, code, req = _cat(s_pid), _cat(s_code), _cat(s_req)
    row, ok = rows_of(pid)
    pid, code, req, sb = pid[ok], code[ok], req[ok], base[row[ok]]
    names = skill_vocab.values
    weights = [(req == 1).astype(np.float64), (req == 0).astype(np.float64)]
    for cell, ks, (n1, r1, p1) in counted(sb, code, names, weights):
        raws[cell].skills = {sid: [x, y, z] for sid, x, y, z in zip(ks, n1, r1, p1, strict=True)}
    # the newest ids of each (base cell, skill), then, newest first, each tier's cells keep their newest
    eg, ek, eid = _newest(sb, code, pid, len(names))
    newest_first = np.argsort(-eid, kind="stable")
    eg, ek, eid = eg[newest_first], ek[newest_first], eid[newest_first]
    width = max(len(names), 1)
    for cells, m in tiers(eg):
        comp = cells[m] * width + ek[m]
        order = np.argsort(comp, kind="stable")  # by (cell, skill), still newest first within each
        comp, ids_ = comp[order], eid[m][order]
        if comp.size == 0:
            continue
        starts = np.flatnonzero(np.r_[True, comp[1:] != comp[:-1]])
        rank = np.arange(comp.size) - np.repeat(starts, np.diff(np.r_[starts, comp.size]))
        keep = rank < SAMPLE_IDS
        comp, id_list = comp[keep], ids_[keep].tolist()
        starts = np.flatnonzero(np.r_[True, comp[1:] != comp[:-1]])
        ends = np.r_[starts[1:], comp.size]
        run_cell = (comp[starts] // width).tolist()
        run_skill = [names[k] for k in (comp[starts] % width).tolist()]
        bounds = list(zip(starts.tolist(), ends.tolist(), strict=True))
        for cell, first_run, end_run in _runs(np.asarray(run_cell, np.int64), n_cells):
            raws[cell].evidence = {
                run_skill[r]: id_list[bounds[r][0] : bounds[r][1]] for r in range(first_run, end_run)
            }

    # fields of study, responsibility phrases and their themes
    term_vocab, theme_vocab = Vocab(), Vocab()
    t_pid, t_kind, t_term, t_theme = [], [], [], []
    sql = (
        "SELECT x.posting_id, x.kind = 'phrase', x.term, x.theme "
        + pair_from.format(table="posting_terms")
        + " AND +x.kind IN ('field', 'phrase')"  # unary +: read by posting id, not by the kind index
    )
    for rows in _chunks(conn, sql, pair_params):
        c = list(zip(*rows, strict=True))
        t_pid.append(np.fromiter(c[0], np.int64, len(rows)))
        t_kind.append(np.fromiter(c[1], np.int64, len(rows)))
        t_term.append(term_vocab.encode(c[2]))
        t_theme.append(theme_vocab.encode(c[3]))
    pid, phrase, term, theme = _cat(t_pid), _cat(t_kind).astype(bool), _cat(t_term), _cat(t_theme)
    row, ok = rows_of(pid)
    row, phrase, term, theme = row[ok], phrase[ok], term[ok], theme[ok]
    terms, themes = term_vocab.values, theme_vocab.values
    n_terms, n_themes = max(len(terms), 1), max(len(themes), 1)
    field = ~phrase
    for cell, ks, (cnt,) in counted(base[row[field]], term[field], terms):
        raws[cell].fields = _counter(dict(zip(ks, cnt, strict=True)))
    pair = theme[phrase] * n_terms + term[phrase]
    for cell, ks, (cnt,) in counted(base[row[phrase]], pair, _Pairs(themes, terms)):
        raws[cell].phrases = _counter(dict(zip(ks, cnt, strict=True)))
    # a posting counts once per theme, and once for stating any responsibility
    stated = np.unique(row[phrase] * n_themes + theme[phrase])
    srow, stheme = stated // n_themes, stated % n_themes
    for cell, ks, (cnt,) in counted(base[srow], stheme, themes):
        raws[cell].themes = _counter(dict(zip(ks, cnt, strict=True)))
    responsible = np.unique(srow)
    for cell, _ks, (cnt,) in counted(base[responsible], np.zeros(responsible.size, np.int64), [None]):
        raws[cell].n_resp = cnt[0]

    # posted salaries
    # the matching ids from an index first (a slice of a role would otherwise read every row of the role),
    # then the rows of those with a salary
    sql = (
        "SELECT q.id, q.annual_usd_mid, q.annual_usd_max - q.annual_usd_min, q.salary_currency, q.salary_kind "
        f"FROM postings q WHERE q.id IN (SELECT p.id FROM postings p WHERE {where} AND p.annual_usd_mid IS NOT NULL)"
    )
    cur_vocab, kind_vocab = Vocab(), Vocab()
    y_pid, y_mid, y_width, y_cur, y_kind = [], [], [], [], []
    for rows in _chunks(conn, sql, params):
        c = list(zip(*rows, strict=True))
        y_pid.append(np.fromiter(c[0], np.int64, len(rows)))
        y_mid.append(np.fromiter(c[1], np.float64, len(rows)))
        y_width.append(np.fromiter(c[2], np.float64, len(rows)))
        y_cur.append(cur_vocab.encode(c[3]))
        y_kind.append(kind_vocab.encode(c[4]))
    pid = _cat(y_pid)
    row, ok = rows_of(pid)
    pb = base[row[ok]]
    mid, wid = _cat(y_mid, np.float64)[ok], _cat(y_width, np.float64)[ok]
    for vocab, codes, attr in (
        (cur_vocab, _cat(y_cur)[ok], "pay_currency"),
        (kind_vocab, _cat(y_kind)[ok], "pay_kind"),
    ):
        for cell, ks, (cnt,) in counted(pb, codes, vocab.values):
            setattr(raws[cell], attr, _counter(dict(zip(ks, cnt, strict=True))))
    for cells, m in tiers(pb):
        cell_of = cells[m]
        for values, attr in ((mid[m], "pay_mid"), (wid[m], "pay_width")):
            order = np.lexsort((values, cell_of))
            gs, vs = cell_of[order], values[order]
            for cell, a, b in _runs(gs, n_cells):
                setattr(raws[cell], attr, vs[a:b])
    return {key: raws[i] for i, key in enumerate(keys) if raws[i].n}


class _Pairs(Sequence[tuple[Any, Any]]):
    """(theme, term) of a pair code theme * len(terms) + term, made when asked for (not every pair)."""

    def __init__(self, themes: list[Any], terms: list[Any]) -> None:
        self.themes, self.terms, self.width = themes, terms, max(len(terms), 1)

    def __len__(self) -> int:
        return len(self.themes) * self.width

    def __getitem__(self, i: Any) -> Any:
        return (self.themes[i // self.width], self.terms[i % self.width])


def _ranks(values: list[Any], dated: list[str]) -> list[int]:
    where = {v: i for i, v in enumerate(dated)}
    return [-1 if v is None else where[v] for v in values]


def _runs(groups: IntArray, n_groups: int) -> Iterator[tuple[int, int, int]]:
    """(group, start, end) of each group present in an array sorted by group."""
    if groups.size == 0:
        return
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ends = np.r_[starts[1:], groups.size]
    yield from zip(groups[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)


def _cell_keys(
    vocabs: tuple[Vocab, Vocab, Vocab, Vocab, Vocab],
    base: tuple[IntArray, IntArray, IntArray, IntArray, IntArray],
    grains: Sequence[str],
    pooled: bool,
) -> tuple[list[CellKey], list[IntArray]]:
    """Every cell key and, per tier, the cell index of each base cell (-1: the base cell has none)."""
    roles, levels, countries, months, years = vocabs
    b_role, b_level, b_country, b_month, b_year = base
    keys: list[CellKey] = []
    index: dict[CellKey, int] = {}
    tmaps = []
    tiers = (
        [(False, True, ALL)]
        if pooled
        else [(lv, ct, gr) for lv in (False, True) for ct in (False, True) for gr in grains]
    )
    for all_levels, all_countries, grain in tiers:
        tmap = np.full(b_role.size, -1, np.int64)
        for i in range(b_role.size):
            if grain == "*":
                period = ALL
            else:
                value = (years if grain == "y" else months).values[
                    int((b_year if grain == "y" else b_month)[i])
                ]
                if value is None:
                    continue
                period = grain + value
            key = (
                roles.values[int(b_role[i])] if not pooled else ALL,
                ALL if all_levels else levels.values[int(b_level[i])],
                ALL if all_countries else countries.values[int(b_country[i])],
                period,
            )
            cell = index.get(key)
            if cell is None:
                cell = index[key] = len(keys)
                keys.append(key)
            tmap[i] = cell
        tmaps.append(tmap)
    return keys, tmaps


# -- storing and reading -----------------------------------------------------------------------------------
def cell_rows(cells: dict[CellKey, RawProfile]) -> Iterator[tuple[Any, ...]]:
    for key, raw in cells.items():
        data, pay = raw.dump()
        yield (*key, raw.n, raw.first, data, pay)


def read_cells(conn: Any, keys: Iterable[CellKey]) -> dict[CellKey, RawProfile]:
    out: dict[CellKey, RawProfile] = {}
    for key in keys:
        row = conn.execute(
            "SELECT data, pay FROM profile_cells WHERE role = ? AND level = ? AND country = ? AND period = ?",
            key,
        ).fetchone()
        if row is not None:
            out[key] = RawProfile.load(row[0], row[1])
    return out


def merge_cells(conn: Any, delta: dict[CellKey, RawProfile]) -> None:
    """Add cells to the stored ones (inside the caller's transaction), MERGE_BATCH at a time. Empties `delta`
    as it goes: each cell is freed once written, so a merge holds at most a batch of stored cells."""
    while delta:
        batch = dict(delta.popitem() for _ in range(min(MERGE_BATCH, len(delta))))
        for key, have in read_cells(conn, batch).items():
            have.add(batch[key])
            batch[key] = have
        conn.executemany(
            "INSERT OR REPLACE INTO profile_cells(role, level, country, period, n_postings, first, data, pay) "
            "VALUES (?,?,?,?,?,?,?,?)",
            cell_rows(batch),
        )


def _is_date(text: str) -> bool:
    return (
        len(text) == 10 and text[4] == "-" and text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdigit()
    )


def filtered_profile(
    conn: Any, role: str, level: str | None, flt: ProfileFilter, memo: dict[Any, RawProfile] | None = None
) -> RawProfile | None:
    """The counts of a role (at a level) under `flt`, summed from cells; None when the filter is not one
    the cells answer (a `since` that is not YYYY-MM-DD). `memo`: see `month_part`."""
    return _summed(conn, role, level, flt, memo, pay_only=False)


def filtered_pay(
    conn: Any, role: str, level: str | None, flt: ProfileFilter, memo: dict[Any, RawProfile] | None = None
) -> RawProfile | None:
    """`filtered_profile` with only n and the posted salaries (the cells' small part)."""
    return _summed(conn, role, level, flt, memo, pay_only=True)


def _summed(
    conn: Any,
    role: str,
    level: str | None,
    flt: ProfileFilter,
    memo: dict[Any, RawProfile] | None,
    *,
    pay_only: bool,
) -> RawProfile | None:
    since = flt.since
    if since is not None and not _is_date(since):
        return None
    lv = level if level and level != ALL else ALL
    ct = flt.country.upper() if flt.country else ALL
    total = RawProfile()
    if since is None:
        periods, partial = [ALL], False
    else:
        periods, partial = period_plan(conn, (role, lv, ct), since)
    marks = ",".join("?" * len(periods))
    where = f"role = ? AND level = ? AND country = ? AND period IN ({marks})"
    if pay_only:
        for n, pay in conn.execute(
            f"SELECT n_postings, pay FROM profile_cells WHERE {where}", (role, lv, ct, *periods)
        ):
            part = RawProfile(n=n)
            part.load_pay(pay)
            total.add(part)
    else:
        for data, pay in conn.execute(
            f"SELECT data, pay FROM profile_cells WHERE {where}", (role, lv, ct, *periods)
        ):
            total.add(RawProfile.load(data, pay))
    if partial and since is not None:
        for raw in month_part(conn, role, lv, ct, since, memo):
            total.add(raw)
    return total


def month_part(
    conn: Any, role: str, level: str, country: str, since: str, memo: dict[Any, RawProfile] | None = None
) -> list[RawProfile]:
    """The postings of since's month posted on or after `since`, counted now, per level.

    The levels are listed (IN), so that the read is a few narrow ranges of the covering index (role, level,
    has_text, posted_at, ...). `memo` keeps each level's counts for the next call (a comparison asks for
    the role and then each of its levels)."""
    memo = {} if memo is None else memo
    month = since[:7]
    after = month[:6] + chr(ord(month[6]) + 1)  # every date of the month sorts below this
    if level == ALL:
        levels = [
            lv
            for (lv,) in conn.execute(
                "SELECT level FROM profile_cells WHERE role = ? AND level != '*' AND country = ? AND period = ?",
                (role, country, "m" + month),
            )
        ]
    else:
        levels = [level]
    missing = [lv for lv in levels if (role, lv, country, since) not in memo]
    known = [lv for lv in missing if lv != UNKNOWN]
    for part in ([known] if known else []) + ([[]] if UNKNOWN in missing else []):
        clauses = ["p.role = ?"]
        params: list[Any] = [role]
        if part:
            clauses.append(f"p.level IN ({','.join('?' * len(part))})")
            params += part
        else:
            clauses.append("p.level IS NULL")
        clauses.append("p.has_text IN (0, 1) AND p.posted_at >= ? AND p.posted_at < ?")
        clauses.append("substr(p.posted_at, 1, 7) = ?")
        params += [since, after, month]
        if country != ALL:
            clauses.append("p.country = ?")
            params.append(country)
        found = build_cells(conn, " AND ".join(clauses), params, pooled=True)
        for lv in part or [UNKNOWN]:
            memo[(role, lv, country, since)] = found.get((ALL, lv, ALL, ALL), RawProfile())
    return [memo[(role, lv, country, since)] for lv in levels]


def period_plan(conn: Any, key: tuple[str, str, str], since: str) -> tuple[list[str], bool]:
    """The periods whose cells lie wholly on or after `since`, and whether since's own month needs a direct
    count. A year 'y' + Y holds the postings whose date starts with Y: all are on or after `since` when
    Y > since[:4] (the strings differ within the first four characters), none when Y < since[:4]; the same
    holds for months within since's year. since's year (month) is whole when its earliest date is on or after
    `since`; since's month is otherwise read from the postings."""
    year, month = since[:4], since[:7]
    rows = conn.execute(
        "SELECT period, first FROM profile_cells WHERE role = ? AND level = ? AND country = ? AND period != '*'",
        key,
    ).fetchall()
    firsts = {period: first for period, first in rows}
    whole_year = firsts.get("y" + year) is not None and firsts["y" + year] >= since
    periods: list[str] = []
    partial = False
    for period, first in rows:
        grain, value = period[0], period[1:]
        if grain == "y" and (value > year or (value == year and whole_year)):
            periods.append(period)
        elif grain == "m" and value[:4] == year and not whole_year:
            if value > month:
                periods.append(period)
            elif value == month:
                if first is not None and first >= since:
                    periods.append(period)
                else:
                    partial = True
    return periods, partial
