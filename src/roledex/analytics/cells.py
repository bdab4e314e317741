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

`build_cells` counts every cell of a set of postings in one pass with numpy and holds them as arrays
(`CellCounts`), making a cell's RawProfile only when it is read. Cells add up (`RawProfile.add`), which is
what makes the refresh incremental and lets it count a few postings at a time: postings are only ever added,
so the cells of the postings stored since the last refresh are added to the stored ones (`merge_cells`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from roledex.analytics.profiles import DIMENSIONS, SAMPLE_IDS, ProfileFilter, RawProfile, _counter

ALL = "*"
UNKNOWN = ""
CellKey = tuple[str, str, str, str]  # (role, level, country, period)
GRAINS = ("*", "y", "m")
CHUNK = 50_000  # rows fetched at once
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


Column = Callable[[list[tuple[Any, ...]]], NDArray[Any]]


def _read(conn: Any, sql: str, params: Sequence[Any], columns: Sequence[Column]) -> list[Any]:
    """Arrays made from the rows of a query, read CHUNK rows at a time: `columns[i]` makes the i-th array's
    part from a chunk's columns (a tuple of values per column selected)."""
    parts: list[list[NDArray[Any]]] = [[] for _ in columns]
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples
    cur.execute(sql, params)
    while rows := cur.fetchmany(CHUNK):
        values = list(zip(*rows, strict=True))
        for part, column in zip(parts, columns, strict=True):
            part.append(column(values))
    return [_cat(part) for part in parts]


def _ints(values: Sequence[Any]) -> IntArray:
    return np.fromiter(values, np.int64, len(values))


def _floats(values: Sequence[Any]) -> NDArray[np.float64]:
    return np.fromiter(values, np.float64, len(values))


def _encoded(vocab: Vocab, i: int) -> Column:
    """The codes of the i-th column's values."""
    return lambda c: vocab.encode(c[i])


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
Fill = Callable[[RawProfile, int, int], None]


class CellCounts(Mapping[CellKey, RawProfile]):
    """The cells `build_cells` counted, held as arrays; a cell's RawProfile is made when it is read.

    A RawProfile keeps a dict entry, a list or tuple and boxed ints for every value it counts (100 bytes and
    more each); the arrays take 8 bytes a number, so a slice's cells take a fraction of the memory until they
    are read one batch at a time to be written (`merge_cells`)."""

    def __init__(self, keys: list[CellKey]) -> None:
        self._keys = keys
        self._index = {key: i for i, key in enumerate(keys)}
        self._parts: list[tuple[IntArray, Fill]] = []

    def add(self, cells: IntArray, fill: Fill) -> None:
        """Counts held as rows sorted by cell (`cells`: the cell of each row); `fill(raw, lo, hi)` sets them
        in the RawProfile of a cell from its rows lo:hi (called only for cells with rows)."""
        self._parts.append((np.searchsorted(cells, np.arange(len(self._keys) + 1)), fill))

    def __getitem__(self, key: CellKey) -> RawProfile:
        cell = self._index[key]
        raw = RawProfile()
        for bounds, fill in self._parts:
            lo, hi = int(bounds[cell]), int(bounds[cell + 1])
            if lo < hi:
                fill(raw, lo, hi)
        return raw

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[CellKey]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _Tiers:
    """The cells of a set of postings: each posting is in one base cell (role, level, country, month), and
    every cell is the sum of some base cells: in each tier (a level or '*' x a country or '*' x a grain of
    period), a base cell counts in one cell or in none (an undated one has no year or month)."""

    def __init__(self, ids: IntArray, base: IntArray, tmaps: list[IntArray], n_cells: int) -> None:
        self.base, self.tmaps, self.n_cells = base, tmaps, n_cells
        self._id_order = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[self._id_order]

    def rows_of(self, pids: IntArray) -> tuple[IntArray, NDArray[np.bool_]]:
        """The row of each posting id among the postings read, and which ids are among them."""
        pos = np.minimum(np.searchsorted(self._sorted_ids, pids), max(self._sorted_ids.size - 1, 0))
        return self._id_order[pos], self._sorted_ids[pos] == pids

    def of(self, groups: IntArray) -> Iterator[tuple[IntArray, NDArray[np.bool_]]]:
        """For each tier, the cell of each base cell in `groups` and the mask of those that have one."""
        for tmap in self.tmaps:
            cells = tmap[groups]
            yield cells, cells >= 0

    def counted(
        self, groups: IntArray, k: IntArray, n_values: int, weights: Sequence[Any] = ()
    ) -> tuple[IntArray, IntArray, list[IntArray]]:
        """(cell, value code) pairs sorted by cell, with each pair's count (and weight sums), of rows in base
        cells `groups` with value codes `k`."""
        g0, k0, s0 = _sparse(groups, k, n_values, weights)
        parts = [  # tier by tier (see _cell_keys: the parts joined are still sorted by cell)
            _sparse(cells[ok], k0[ok], n_values, [s[ok].astype(np.float64) for s in s0])
            for cells, ok in self.of(g0)
        ]
        g, kk = _cat([part[0] for part in parts]), _cat([part[1] for part in parts])
        return g, kk, [_cat([part[2][i] for part in parts]) for i in range(1, len(s0) + 1)]

    def add_counter(
        self, out: CellCounts, groups: IntArray, k: IntArray, values: Sequence[Any], put: Callable[..., None]
    ) -> None:
        """Count the values (codes `k` into `values`) of rows in base cells `groups` in every cell, each cell's
        counts set by `put(raw, counter)`."""
        g, codes, (counts,) = self.counted(groups, k, len(values))

        def fill(raw: RawProfile, lo: int, hi: int) -> None:
            names = map(values.__getitem__, codes[lo:hi].tolist())
            put(raw, _counter(dict(zip(names, counts[lo:hi].tolist(), strict=True))))

        out.add(g, fill)


def build_cells(
    conn: Any,
    where: str = "1",
    params: Sequence[Any] = (),
    *,
    above: int | None = None,
    grains: Sequence[str] = GRAINS,
    pooled: bool = False,
) -> CellCounts:
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
    columns: dict[str, Column] = {
        "id": lambda c: _ints(c[0]),
        "role": lambda c: roles.encode(c[1]),
        "level": lambda c: levels.encode([v or UNKNOWN for v in c[2]]),
        "country": lambda c: countries.encode([v or UNKNOWN for v in c[3]]),
        "month": lambda c: months.encode([v[:7] if v else None for v in c[4]]),
        "year": lambda c: years.encode([v[:4] if v else None for v in c[4]]),
        "posted": lambda c: posted_vocab.encode(c[4]),
        "text": lambda c: _ints([1 if t else 0 for t in c[5]]),
    }
    for i, d in enumerate(dims):
        columns[d] = _encoded(dim_vocab[d], 6 + i)
    col = dict(zip(columns, _read(conn, sql, params, list(columns.values())), strict=True))
    if col["id"].size == 0:
        return CellCounts([])
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
    tiers = _Tiers(col["id"], base, tmaps, len(keys))
    out = CellCounts(keys)
    _count_postings(tiers, out, col["text"], col["posted"], posted_vocab.values)
    for d in dims:
        tiers.add_counter(out, base, col[d], dim_vocab[d].values, _put_dim(d))
    pairs = _pairs_sql(where, above)
    pair_params = () if above is not None else params
    _count_skills(conn, pairs, pair_params, tiers, out)
    _count_terms(conn, pairs, pair_params, tiers, out)
    _count_pay(conn, where, params, tiers, out)
    return out


def _put(attr: str) -> Callable[[RawProfile, Any], None]:
    return lambda raw, value: setattr(raw, attr, value)


def _put_dim(dim: str) -> Callable[[RawProfile, Any], None]:
    return lambda raw, value: raw.dims.__setitem__(dim, value)


def _pairs_sql(where: str, above: int | None) -> str:
    """FROM ... WHERE of the rows of a pair table ({table}: posting_skills or posting_terms) of the postings."""
    if above is not None:
        return f"FROM {{table}} x WHERE x.posting_id > {int(above)}"
    return f"FROM postings p CROSS JOIN {{table}} x ON x.posting_id = p.id WHERE {where}"


def _count_postings(
    tiers: _Tiers, out: CellCounts, text: IntArray, posted: IntArray, posted_values: list[Any]
) -> None:
    """Postings, postings with text, first and last date of every cell."""
    base = tiers.base
    n_base = np.bincount(base)
    t_base = np.bincount(base, weights=text, minlength=n_base.size)
    dated_values = sorted(v for v in posted_values if v is not None)
    rank = np.array(_ranks(posted_values, dated_values), np.int64)
    prank = rank[posted]
    dated = prank >= 0
    big = np.iinfo(np.int64).max
    lo = np.full(n_base.size, big)
    hi = np.full(n_base.size, -1)
    np.minimum.at(lo, base[dated], prank[dated])
    np.maximum.at(hi, base[dated], prank[dated])
    n_cells = tiers.n_cells
    n, t = np.zeros(n_cells), np.zeros(n_cells)
    clo, chi = np.full(n_cells, big), np.full(n_cells, -1)
    for tmap in tiers.tmaps:  # every cell is in one tier
        ok = tmap >= 0
        cells = tmap[ok]
        n += np.bincount(cells, weights=n_base[ok], minlength=n_cells)
        t += np.bincount(cells, weights=t_base[ok], minlength=n_cells)
        np.minimum.at(clo, cells, lo[ok])
        np.maximum.at(chi, cells, hi[ok])
    counts, texts = n.astype(np.int64).tolist(), t.astype(np.int64).tolist()
    firsts = [dated_values[i] if i != big else None for i in clo.tolist()]
    lasts = [dated_values[i] if i >= 0 else None for i in chi.tolist()]

    def fill(raw: RawProfile, cell: int, _end: int) -> None:
        raw.n, raw.n_text, raw.first, raw.last = counts[cell], texts[cell], firsts[cell], lasts[cell]

    out.add(np.arange(n_cells), fill)


def _count_skills(conn: Any, pairs: str, params: Sequence[Any], tiers: _Tiers, out: CellCounts) -> None:
    """The skills of every cell, with the newest posting ids asking for each."""
    skill_vocab = Vocab()
    sql = "SELECT x.posting_id, x.skill_id, x.required " + pairs.format(table="posting_skills")
    pid, code, req = _read(
        conn,
        sql,
        params,
        [
            lambda c: _ints(c[0]),
            lambda c: skill_vocab.encode(c[1]),
            lambda c: _ints([2 if r is None else int(r) for r in c[2]]),
        ],
    )
    row, ok = tiers.rows_of(pid)
    pid, code, req, sb = pid[ok], code[ok], req[ok], tiers.base[row[ok]]
    names = skill_vocab.values
    weights = [(req == 1).astype(np.float64), (req == 0).astype(np.float64)]
    g, codes, (n1, r1, p1) = tiers.counted(sb, code, len(names), weights)

    def skills(raw: RawProfile, lo: int, hi: int) -> None:
        sids = map(names.__getitem__, codes[lo:hi].tolist())
        counts = zip(sids, n1[lo:hi].tolist(), r1[lo:hi].tolist(), p1[lo:hi].tolist(), strict=True)
        raw.skills = {sid: [n, req, pref] for sid, n, req, pref in counts}

    out.add(g, skills)
    # the newest ids of each (base cell, skill), then, newest first, each tier's cells keep their newest
    eg, ek, eid = _newest(sb, code, pid, len(names))
    newest_first = np.argsort(-eid, kind="stable")
    eg, ek, eid = eg[newest_first], ek[newest_first], eid[newest_first]
    width = max(len(names), 1)
    kept_comp, kept_ids = [], []
    for cells, m in tiers.of(eg):
        comp = cells[m] * width + ek[m]
        order = np.argsort(comp, kind="stable")  # by (cell, skill), still newest first within each
        comp, ids = comp[order], eid[m][order]
        if comp.size == 0:
            continue
        starts = np.flatnonzero(np.r_[True, comp[1:] != comp[:-1]])
        rank = np.arange(comp.size) - np.repeat(starts, np.diff(np.r_[starts, comp.size]))
        keep = rank < SAMPLE_IDS
        kept_comp.append(comp[keep])
        kept_ids.append(ids[keep])
    comp, e_id = _cat(kept_comp), _cat(kept_ids)
    e_cell, e_skill = comp // width, comp % width

    def evidence(raw: RawProfile, lo: int, hi: int) -> None:
        sk, pids = e_skill[lo:hi], e_id[lo:hi].tolist()
        starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
        ends = np.r_[starts[1:], sk.size].tolist()
        raw.evidence = {
            names[k]: pids[a:b] for k, a, b in zip(sk[starts].tolist(), starts.tolist(), ends, strict=True)
        }

    out.add(e_cell, evidence)


def _count_terms(conn: Any, pairs: str, params: Sequence[Any], tiers: _Tiers, out: CellCounts) -> None:
    """Fields of study, responsibility phrases and their themes of every cell."""
    term_vocab, theme_vocab = Vocab(), Vocab()
    sql = (
        "SELECT x.posting_id, x.kind = 'phrase', x.term, x.theme "
        + pairs.format(table="posting_terms")
        + " AND +x.kind IN ('field', 'phrase')"  # unary +: read by posting id, not by the kind index
    )
    pid, kind, term, theme = _read(
        conn,
        sql,
        params,
        [
            lambda c: _ints(c[0]),
            lambda c: _ints(c[1]),
            lambda c: term_vocab.encode(c[2]),
            lambda c: theme_vocab.encode(c[3]),
        ],
    )
    phrase = kind.astype(bool)
    row, ok = tiers.rows_of(pid)
    row, phrase, term, theme = row[ok], phrase[ok], term[ok], theme[ok]
    terms, themes = term_vocab.values, theme_vocab.values
    n_terms, n_themes = max(len(terms), 1), max(len(themes), 1)
    base = tiers.base
    field = ~phrase
    tiers.add_counter(out, base[row[field]], term[field], terms, _put("fields"))
    pair = theme[phrase] * n_terms + term[phrase]
    tiers.add_counter(out, base[row[phrase]], pair, _Pairs(themes, terms), _put("phrases"))
    # a posting counts once per theme, and once for stating any responsibility
    stated = np.unique(row[phrase] * n_themes + theme[phrase])
    srow, stheme = stated // n_themes, stated % n_themes
    tiers.add_counter(out, base[srow], stheme, themes, _put("themes"))
    responsible = np.unique(srow)
    g, _codes, (counts,) = tiers.counted(base[responsible], np.zeros(responsible.size, np.int64), 1)

    def n_resp(raw: RawProfile, lo: int, _hi: int) -> None:
        raw.n_resp = int(counts[lo])

    out.add(g, n_resp)


def _count_pay(conn: Any, where: str, params: Sequence[Any], tiers: _Tiers, out: CellCounts) -> None:
    """The posted salaries of every cell: currencies, kinds, and every midpoint and range width."""
    # the matching ids from an index first (a slice of a role would otherwise read every row of the role),
    # then the rows of those with a salary
    sql = (
        "SELECT q.id, q.annual_usd_mid, q.annual_usd_max - q.annual_usd_min, q.salary_currency, q.salary_kind "
        f"FROM postings q WHERE q.id IN (SELECT p.id FROM postings p WHERE {where} AND p.annual_usd_mid IS NOT NULL)"
    )
    cur_vocab, kind_vocab = Vocab(), Vocab()
    pid, mid, wid, currency, kind = _read(
        conn,
        sql,
        params,
        [
            lambda c: _ints(c[0]),
            lambda c: _floats(c[1]),
            lambda c: _floats(c[2]),
            lambda c: cur_vocab.encode(c[3]),
            lambda c: kind_vocab.encode(c[4]),
        ],
    )
    row, ok = tiers.rows_of(pid)
    pb = tiers.base[row[ok]]
    tiers.add_counter(out, pb, currency[ok], cur_vocab.values, _put("pay_currency"))
    tiers.add_counter(out, pb, kind[ok], kind_vocab.values, _put("pay_kind"))
    mid, wid = mid[ok], wid[ok]
    for values, attr in ((mid, "pay_mid"), (wid, "pay_width")):
        cell_parts, value_parts = [], []
        for cells, m in tiers.of(pb):
            cell_parts.append(cells[m])
            value_parts.append(values[m])
        cell_of, every = _cat(cell_parts), _cat(value_parts, np.float64)
        order = np.lexsort((every, cell_of))
        out.add(cell_of[order], _put_slice(attr, every[order]))


def _put_slice(attr: str, values: NDArray[np.float64]) -> Fill:
    return lambda raw, lo, hi: setattr(raw, attr, values[lo:hi])


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


def _cell_keys(
    vocabs: tuple[Vocab, Vocab, Vocab, Vocab, Vocab],
    base: tuple[IntArray, IntArray, IntArray, IntArray, IntArray],
    grains: Sequence[str],
    pooled: bool,
) -> tuple[list[CellKey], list[IntArray]]:
    """Every cell key and, per tier, the cell index of each base cell (-1: the base cell has none).

    No two tiers have a cell in common, and cells are numbered tier by tier: arrays sorted by cell within each
    tier and joined in tier order are sorted by cell."""
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


def merge_cells(conn: Any, delta: Mapping[CellKey, RawProfile]) -> None:
    """Add cells to the stored ones (inside the caller's transaction), MERGE_BATCH at a time: only a batch of
    cells is made into RawProfiles, and read from the store, at once."""
    keys = list(delta)
    for start in range(0, len(keys), MERGE_BATCH):
        batch = {key: delta[key] for key in keys[start : start + MERGE_BATCH]}
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
