"""Salary insights: what a title or role pays, per level, country, year, remote ratio or company size.

Two layers, never mixed, each labelled:

- survey: the salary-survey records (ai-jobs.net salaries), `salary_in_usd` exactly as published, every
  record counted (identical rows included: the source has no record ids).
- posted: postings with a stated salary, each contributing the midpoint of its annualized USD range
  (`annual_usd_mid`, converted at ingest); the median range width (max - min) is reported next to it.

Matching: `title` is the published job title, compared case-insensitively after collapsing whitespace
("research engineer" = "Research Engineer"), nothing fuzzier; `role` is every title normalized to that role.
country is the employee's residence for the survey and the posting's country for postings; year is
work_year / the year posted; remote is 0, 50 or 100 (postings: onsite, hybrid, remote). Postings have no
S/M/L company size, so a company-size filter or grouping leaves the posted layer out (and says so).

The statistics and suppression rules are those of `stats` (numpy percentiles, order-statistic median
interval, nothing below n=5, P10/P90 from n=10, a year-over-year change beyond the noise when the two
medians' 95% intervals do not overlap). Empty or suppressed selections come with `nearby` suggestions.

Speed: each layer is held in memory as numpy columns (about 10 bytes a record), loaded once per store and
reloaded when the data changes (`search.store_cached`). The title, role, country and level columns carry a
row index (their rows grouped by value), so a selection reads the rows of its title or role, not the whole
layer; year and remote groups are coded at load; each group's statistics take one partition of its values
(`stats.summarize`). A query is a few index lookups, masks over its group and partitions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from roledex.analytics.search import as_store, store_cached
from roledex.analytics.stats import MIN_N, Summary, YearPoint, linear_median, summarize, year_trend
from roledex.errors import QueryError
from roledex.models import LEVELS
from roledex.taxonomy import Taxonomy, load_taxonomy

SOURCES = ("all", "survey", "posted")
GROUP_BY = ("level", "country", "year", "remote", "company_size")
REMOTE_RATIOS = (0, 50, 100)
COMPANY_SIZES = ("S", "M", "L")
MAX_GROUPS = 60  # country groups beyond the 60 largest are left out (and counted in a note)
NEARBY_PER_KIND = 8
TITLE_SIMILARITY = 60.0  # rapidfuzz ratio (0-100) for a similar title
LAYER_LABELS = {
    "survey": "Salary survey records (ai-jobs.net salaries, CC0): salary_in_usd as published, every record counted",
    "posted": "Salaries stated in job postings: midpoint of each range, annualized and converted to USD at ingest",
}
_REMOTE_RATIO = {"remote": 100, "hybrid": 50, "onsite": 0}
_SPACES = re.compile(r"\s+")


def title_key(title: str) -> str:
    """How titles are compared: case-insensitive, whitespace collapsed."""
    return _SPACES.sub(" ", title).strip().casefold()


# -- the query ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SalaryQuery:
    """A validated salary question. Codes are normalized (level 'se' -> 'SE', country 'de' -> 'DE')."""

    title: str | None = None
    role: str | None = None
    level: str | None = None
    country: str | None = None
    year: int | None = None
    remote: int | None = None
    company_size: str | None = None
    by: str | None = None
    source: str = "all"

    def __post_init__(self) -> None:
        fix = object.__setattr__
        if self.title is not None and self.role is not None:
            raise QueryError(
                "give a title or a role, not both",
                hint="--title matches one published title; --role all of a role's titles",
            )
        if self.title is not None:
            if not title_key(self.title):
                raise QueryError("the title is empty", hint="give a job title such as 'Research Engineer'")
            fix(self, "title", _SPACES.sub(" ", self.title).strip())
        if self.level is not None:
            level = self.level.strip().upper()
            if level not in LEVELS:
                raise QueryError(f"unknown level '{self.level}'", hint="use one of: " + ", ".join(LEVELS))
            fix(self, "level", level)
        if self.country is not None:
            country = self.country.strip().upper()
            if not re.fullmatch(r"[A-Z]{2}", country):
                raise QueryError(
                    f"country '{self.country}' is not a two-letter code",
                    hint="use an ISO 3166 code such as US or DE",
                )
            fix(self, "country", country)
        if self.year is not None:
            try:
                year = int(self.year)
            except (TypeError, ValueError):
                raise QueryError(
                    f"year '{self.year}' is not a year", hint="use a four-digit year such as 2024"
                ) from None
            if not 1990 <= year <= 2100:
                raise QueryError(f"year {year} is out of range", hint="use a four-digit year such as 2024")
            fix(self, "year", year)
        if self.remote is not None:
            try:
                remote = int(self.remote)
            except (TypeError, ValueError):
                remote = -1
            if remote not in REMOTE_RATIOS:
                raise QueryError(
                    f"remote '{self.remote}' is not a remote ratio",
                    hint="use 0 (on site), 50 (hybrid) or 100 (remote)",
                )
            fix(self, "remote", remote)
        if self.company_size is not None:
            size = self.company_size.strip().upper()
            if size not in COMPANY_SIZES:
                raise QueryError(
                    f"unknown company size '{self.company_size}'", hint="use S (<50), M (50-250) or L (>250)"
                )
            fix(self, "company_size", size)
        if self.by is not None and self.by not in GROUP_BY:
            raise QueryError(f"cannot group by '{self.by}'", hint="use one of: " + ", ".join(GROUP_BY))
        if self.source not in SOURCES:
            raise QueryError(f"unknown source '{self.source}'", hint="use one of: " + ", ".join(SOURCES))

    def validate(self, taxonomy: Taxonomy | None = None) -> SalaryQuery:
        tax = taxonomy or load_taxonomy()
        if self.role is not None and self.role not in tax.roles:
            raise QueryError(
                f"unknown role '{self.role}'", hint="use one of: " + ", ".join(sorted(tax.roles))
            )
        return self

    def filters(self) -> dict[str, Any]:
        names = ("title", "role", "level", "country", "year", "remote", "company_size")
        return {k: getattr(self, k) for k in names if getattr(self, k) is not None}

    def to_dict(self) -> dict[str, Any]:
        return {**self.filters(), "by": self.by, "source": self.source}


# -- the layers in memory ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A categorical column: codes into `vocab` (sorted), -1 where NULL; `order` lists the rows by code (rows
    of one code ascending), `bounds[c]:bounds[c + 1]` being those of code c: a value's rows without a scan."""

    codes: NDArray[np.int32]
    vocab: list[str]
    order: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    bounds: NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))

    def code(self, value: str) -> int:
        i = bisect_left(self.vocab, value)
        return i if i < len(self.vocab) and self.vocab[i] == value else -2

    def equals(self, value: str) -> NDArray[np.bool_]:
        return self.codes == self.code(value)

    def rows(self, value: str) -> NDArray[np.int64]:
        """The rows holding the value, ascending."""
        c = self.code(value)
        if c < 0:
            return np.zeros(0, dtype=np.int64)
        return self.order[self.bounds[c] : self.bounds[c + 1]]


def _indexed(codes: NDArray[np.int32], vocab: list[str]) -> Column:
    order = np.argsort(codes, kind="stable").astype(np.int64)
    bounds = np.searchsorted(codes[order], np.arange(len(vocab) + 1), side="left").astype(np.int64)
    return Column(codes, vocab, order, bounds)


def _column(values: Sequence[Any]) -> Column:
    """Code a column of strings (None = NULL) with numpy's C sort instead of a Python loop."""
    if not len(values):
        return _indexed(np.zeros(0, dtype=np.int32), [])
    arr = np.asarray(["\x00" if v is None else str(v) for v in values])
    vocab, inverse = np.unique(arr, return_inverse=True)
    names = [str(v) for v in vocab]
    codes: NDArray[np.int32] = inverse.astype(np.int32)
    if names and names[0] == "\x00":  # NULL sorts first: shift it to -1
        codes -= 1
        names = names[1:]
    return _indexed(codes, names)


@dataclass(frozen=True)
class PayFrame:
    """One layer's records as columns. `title` codes are title_key()s; `title_names` their usual spelling."""

    layer: str
    usd: NDArray[np.float64]
    width: NDArray[np.float64] | None
    title: Column
    title_names: list[str]
    role: Column
    level: Column
    country: Column
    currency: Column
    company_size: Column | None
    year: NDArray[np.int32]  # -1 unknown
    remote: NDArray[np.int32]  # 0/50/100, -1 unknown
    groups: dict[str, tuple[NDArray[np.int32], list[str]]] = field(default_factory=dict)  # year, remote

    @property
    def n(self) -> int:
        return int(self.usd.size)


def _ints(values: Sequence[Any]) -> NDArray[np.int32]:
    return np.asarray([-1 if v is None else v for v in values], dtype=np.int32)


def _frame(layer: str, rows: list[Any], with_width: bool, with_size: bool) -> PayFrame:
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [()] * 10
    raw_titles = _column(cols[2])  # the published spellings
    keys = {name: title_key(name) for name in raw_titles.vocab}
    key_vocab = sorted(set(keys.values()))
    key_code = {k: i for i, k in enumerate(key_vocab)}
    to_key = np.array([key_code[keys[name]] for name in raw_titles.vocab], dtype=np.int32)
    title = _indexed(to_key[raw_titles.codes] if raw_titles.codes.size else raw_titles.codes, key_vocab)
    # the usual spelling of each title key: its most frequent published form
    n_raw = np.bincount(raw_titles.codes, minlength=len(raw_titles.vocab))
    best: dict[int, tuple[int, str]] = {}
    for i, name in enumerate(raw_titles.vocab):
        k = int(to_key[i])
        if k not in best or (int(n_raw[i]), name) > best[k]:
            best[k] = (int(n_raw[i]), name)
    year, remote = _ints(cols[6]), _ints(cols[7])
    return PayFrame(
        layer=layer,
        usd=np.asarray(cols[0], dtype=np.float64),
        width=np.asarray(cols[1], dtype=np.float64) if with_width else None,
        title=title,
        title_names=[best[i][1] for i in range(len(key_vocab))],
        role=_column(cols[3]),
        level=_column(cols[4]),
        country=_column(cols[5]),
        currency=_column(cols[9]),
        company_size=_column(cols[8]) if with_size else None,
        year=year,
        remote=remote,
        groups={"year": _number_groups(year, None), "remote": _number_groups(remote, REMOTE_RATIOS)},
    )


def _number_groups(
    values: NDArray[np.int32], known: Sequence[int] | None
) -> tuple[NDArray[np.int32], list[str]]:
    """Group codes of a number column (-1: unknown, not grouped) and the group names: the values seen, or
    the `known` ones."""
    names = np.unique(values[values >= 0]) if known is None else np.asarray(known)
    pos = np.searchsorted(names, values)
    hit = (values >= 0) & (pos < names.size) & (names[np.minimum(pos, names.size - 1)] == values)
    return np.where(hit, pos, -1).astype(np.int32), [str(int(v)) for v in names]


# SQL (SQLite) ------------------------------------------------------------------------------ loading layers
_SQL_SURVEY = (
    "SELECT salary_in_usd, NULL, job_title, role, level, employee_residence, work_year, remote_ratio,"
    " company_size, salary_currency FROM salary_records"
)
_SQL_POSTED = (
    "SELECT annual_usd_mid, annual_usd_max - annual_usd_min, title, role, level, country,"
    " CASE WHEN posted_at GLOB '[12][0-9][0-9][0-9]*' THEN CAST(substr(posted_at, 1, 4) AS INTEGER) END,"
    " CASE remote WHEN 'remote' THEN 100 WHEN 'hybrid' THEN 50"
    " WHEN 'onsite' THEN 0 END, NULL, salary_currency FROM postings WHERE annual_usd_mid IS NOT NULL"
)  # reads the covering index postings_pay (migration 0002), never the posting rows


def load_survey_frame(store: Any) -> PayFrame:
    return _frame("survey", store.conn.execute(_SQL_SURVEY).fetchall(), with_width=False, with_size=True)


def load_posted_frame(store: Any) -> PayFrame:
    return _frame("posted", store.conn.execute(_SQL_POSTED).fetchall(), with_width=True, with_size=False)


def pay_frame(store: Any, layer: str) -> PayFrame:
    """The layer's PayFrame, loaded on first use and reloaded after the data changes."""
    loader = load_survey_frame if layer == "survey" else load_posted_frame
    return store_cached(store, f"pay_frame_{layer}", loader)


# -- results -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupStats:
    """The statistics of one group; `key` None is the whole selection."""

    key: str | None
    summary: Summary
    currencies: dict[str, int]
    range_width_median: float | None = None  # posted layer: median of (max - min), annual USD

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            **self.summary.to_dict(),
            "currencies": self.currencies,
            "range_width_median": self.range_width_median,
        }


@dataclass(frozen=True)
class LayerInsights:
    layer: str
    label: str
    overall: GroupStats
    groups: tuple[GroupStats, ...] = ()
    trend: tuple[YearPoint, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "label": self.label,
            "overall": self.overall.to_dict(),
            "groups": [g.to_dict() for g in self.groups],
            "trend": [p.to_dict() for p in self.trend],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Nearby:
    """Something close to an empty or suppressed selection: set `change` to `value` (and leave out the filters
    in `dropped`) to get n records."""

    layer: str
    change: str  # level | country | year | remote | company_size | title | role
    value: str
    n: int
    similarity: float | None = None  # titles: rapidfuzz ratio 0-100
    dropped: tuple[str, ...] = ()  # other filters left out to find it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "layer": self.layer,
            "change": self.change,
            "value": self.value,
            "n": self.n,
            "dropped": list(self.dropped),
        }
        if self.similarity is not None:
            d["similarity"] = round(self.similarity, 1)
        return d


@dataclass(frozen=True)
class SalaryInsights:
    query: SalaryQuery
    layers: tuple[LayerInsights, ...]
    nearby: tuple[Nearby, ...] = ()
    notes: tuple[str, ...] = ()

    def layer(self, name: str) -> LayerInsights | None:
        return next((x for x in self.layers if x.layer == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query.to_dict(),
            "layers": [x.to_dict() for x in self.layers],
            "nearby": [x.to_dict() for x in self.nearby],
            "notes": list(self.notes),
        }


# -- the computation ---------------------------------------------------------------------------------------
_FILTERS = ("title", "role", "level", "country", "year", "remote", "company_size")


def selection(
    frame: PayFrame,
    query: SalaryQuery,
    *,
    skip: Sequence[str] = (),
    rows: NDArray[np.int64] | None = None,
) -> NDArray[np.bool_]:
    """Records of the frame passing every filter of the query except those in `skip` (a mask over every
    record, or over the given `rows` only)."""

    def at(values: NDArray[Any]) -> NDArray[Any]:
        return values if rows is None else values[rows]

    def equals(column: Column, value: str) -> NDArray[np.bool_]:
        return at(column.codes) == column.code(value)

    m = np.ones(frame.n if rows is None else rows.size, dtype=bool)
    if query.title is not None and "title" not in skip:
        m &= equals(frame.title, title_key(query.title))
    if query.role is not None and "role" not in skip:
        m &= equals(frame.role, query.role)
    if query.level is not None and "level" not in skip:
        m &= equals(frame.level, query.level)
    if query.country is not None and "country" not in skip:
        m &= equals(frame.country, query.country)
    if query.year is not None and "year" not in skip:
        m &= at(frame.year) == query.year
    if query.remote is not None and "remote" not in skip:
        m &= at(frame.remote) == query.remote
    if query.company_size is not None and "company_size" not in skip:
        if frame.company_size is None:
            m[:] = False
        else:
            m &= equals(frame.company_size, query.company_size)
    return m


def selected_rows(frame: PayFrame, query: SalaryQuery, *, skip: Sequence[str] = ()) -> NDArray[np.int64]:
    """The positions of the records `selection` picks, ascending: from the rows of the query's title, role,
    country or level (the columns' row index) when it has one, else from a scan of the frame."""
    for name in ("title", "role", "country", "level"):
        value = getattr(query, name)
        if value is not None and name not in skip:
            column: Column = getattr(frame, name)
            rows = column.rows(title_key(value) if name == "title" else value)
            return rows[selection(frame, query, skip=(*skip, name), rows=rows)]
    return np.flatnonzero(selection(frame, query, skip=skip))


def group_keys(frame: PayFrame, by: str) -> tuple[NDArray[np.int32], list[str]]:
    """Per record the code of its group under `by`, and the group names (-1: unknown, not grouped)."""
    if by in ("year", "remote"):
        return frame.groups.get(by) or _number_groups(
            frame.year if by == "year" else frame.remote, None if by == "year" else REMOTE_RATIOS
        )
    column = frame.company_size if by == "company_size" else getattr(frame, by)
    assert column is not None
    return column.codes, column.vocab


def _order(by: str, names: list[str]) -> list[int]:
    if by in ("level", "company_size"):
        fixed: tuple[str, ...] = LEVELS if by == "level" else COMPANY_SIZES
        rank: dict[str, int] = {v: i for i, v in enumerate(fixed)}
        return sorted(range(len(names)), key=lambda i: rank.get(names[i], 99))
    if by in ("year", "remote"):
        return sorted(range(len(names)), key=lambda i: int(names[i]))
    return list(range(len(names)))  # country: ordered by n later


def group_stats(frame: PayFrame, rows: NDArray[np.int64], key: str | None) -> GroupStats:
    """Statistics of the records at the given row positions."""
    values = frame.usd[rows]
    codes = frame.currency.codes[rows]
    per_code = np.bincount(codes[codes >= 0], minlength=len(frame.currency.vocab))
    currencies = dict(
        sorted(
            ((frame.currency.vocab[i], int(n)) for i, n in enumerate(per_code) if n),
            key=lambda kv: (-kv[1], kv[0]),
        )
    )
    width = None
    if frame.width is not None and values.size >= MIN_N:
        width = linear_median(frame.width[rows])
    return GroupStats(key, summarize(values), currencies, width)


def split_by(rows: NDArray[np.int64], codes: NDArray[np.int32]) -> dict[int, NDArray[np.int64]]:
    """The rows of each group code (unknown, -1, left out): one stable sort instead of a mask per group."""
    if rows.size == 0:
        return {}
    group = codes[rows]
    order = np.argsort(group, kind="stable")
    group, rows = group[order], rows[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], group.size]
    return {int(group[a]): rows[a:b] for a, b in zip(starts, ends, strict=True) if group[a] >= 0}


def layer_insights(frame: PayFrame, query: SalaryQuery) -> LayerInsights:
    notes: list[str] = []
    rows = selected_rows(frame, query)
    overall = group_stats(frame, rows, None)
    groups: list[GroupStats] = []
    if query.by is not None:
        codes, names = group_keys(frame, query.by)
        parts = split_by(rows, codes)
        groups = [group_stats(frame, parts[i], names[i]) for i in _order(query.by, names) if i in parts]
        if query.by == "country":
            groups.sort(key=lambda g: (-g.summary.n, g.key or ""))
            if len(groups) > MAX_GROUPS:
                notes.append(f"{len(groups) - MAX_GROUPS} smaller countries are not listed")
                groups = groups[:MAX_GROUPS]
        small = sum(1 for g in groups if g.summary.suppressed)
        if small:
            notes.append(f"{small} group(s) have fewer than {MIN_N} records: only their n is shown")
    base = rows if query.year is None else selected_rows(frame, query, skip=("year",))
    by_year = {year: frame.usd[part] for year, part in split_by(base, frame.year).items()}  # -1: unknown
    known: dict[int, Summary] = {}
    if query.by == "year" and query.year is None:  # the groups are the trend's years: summarized already
        known = {int(g.key): g.summary for g in groups if g.key is not None}
    trend = tuple(year_trend(by_year, known))
    if query.year is not None:
        notes.append("the trend covers every year of this selection, not only the year asked for")
    if overall.summary.suppressed:
        notes.append(overall.summary.note or "")
    return LayerInsights(frame.layer, LAYER_LABELS[frame.layer], overall, tuple(groups), trend, tuple(notes))


def nearby(frame: PayFrame, query: SalaryQuery, taxonomy: Taxonomy) -> list[Nearby]:
    """What exists close to an empty or suppressed selection, with n under the query's other filters."""
    found: list[Nearby] = []
    relaxable = [
        d for d in ("level", "country", "year", "remote", "company_size") if getattr(query, d) is not None
    ]
    if query.company_size is not None and frame.company_size is None:
        relaxable.remove("company_size")
    # first change one filter at a time; when that finds nothing, drop all of them and change each
    for drop_others in (False, True):
        for dim in relaxable:
            others = tuple(d for d in relaxable if d != dim) if drop_others else ()
            base = selection(frame, query, skip=(dim, *others))
            codes, names = group_keys(frame, dim)
            n = np.bincount(codes[base][codes[base] >= 0], minlength=len(names))
            current = str(getattr(query, dim))
            options = [
                (names[i], int(n[i])) for i in range(len(names)) if n[i] >= MIN_N and names[i] != current
            ]
            options.sort(key=lambda kv: (-kv[1], kv[0]))
            found += [Nearby(frame.layer, dim, v, c, dropped=others) for v, c in options[:NEARBY_PER_KIND]]
        if found or len(relaxable) < 2:
            break
    if query.title is not None:
        base = selection(frame, query, skip=("title",))
        n_by_title = np.bincount(frame.title.codes[base], minlength=len(frame.title.vocab))
        candidates = [i for i in range(len(frame.title.vocab)) if n_by_title[i] >= MIN_N]
        target = title_key(query.title)
        choices = {i: frame.title.vocab[i] for i in candidates if frame.title.vocab[i] != target}
        similar = process.extract(
            target, choices, scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY, limit=NEARBY_PER_KIND
        )
        found += [
            Nearby(frame.layer, "title", frame.title_names[i], int(n_by_title[i]), float(score))
            for _, score, i in similar
        ]
        in_title = frame.title.equals(target)
        if in_title.any():
            roles, n_roles = np.unique(frame.role.codes[in_title], return_counts=True)
            role = frame.role.vocab[int(roles[np.argmax(n_roles)])]
            n_role = int(np.count_nonzero(selection(frame, query, skip=("title",)) & frame.role.equals(role)))
            if n_role >= MIN_N and role in taxonomy.roles:
                found.append(Nearby(frame.layer, "role", role, n_role))
    return found


def salary_insights(store: Any, query: SalaryQuery, taxonomy: Taxonomy | None = None) -> SalaryInsights:
    """Salary statistics for the query, per layer (see the module docstring); nearby options when empty."""
    store = as_store(store)
    tax = taxonomy or load_taxonomy()
    query.validate(tax)
    layers: list[LayerInsights] = []
    suggestions: list[Nearby] = []
    notes: list[str] = []
    wanted = ("survey", "posted") if query.source == "all" else (query.source,)
    for layer in wanted:
        if layer == "posted" and (query.company_size is not None or query.by == "company_size"):
            notes.append(
                "postings carry no S/M/L company size: the posted layer is left out of this question"
            )
            continue
        frame = pay_frame(store, layer)
        insight = layer_insights(frame, query)
        layers.append(insight)
        if insight.overall.summary.suppressed:
            suggestions += nearby(frame, query, tax)
    if query.title is not None:
        notes.append(f"title matches '{query.title}' exactly, ignoring case and extra spaces")
    return SalaryInsights(query, tuple(layers), tuple(suggestions), tuple(notes))


def warm_up(store: Any) -> None:
    """Build every in-memory index the analytics use (search index, survey and posted pay frames), e.g.
    when the web app starts, so that the first request does not pay for it (seconds per million postings)."""
    from roledex.analytics.search import posting_index

    store = as_store(store)
    posting_index(store)
    pay_frame(store, "survey")
    pay_frame(store, "posted")
