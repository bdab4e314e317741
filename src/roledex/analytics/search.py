"""Job search: full text (SQLite FTS5), filters, facet counts, sorting, pagination, highlighted snippets.

How a search runs, and why (figures measured on 200k postings with full descriptions):

1. Filters are evaluated in memory over a `PostingIndex`: one numpy column per filter (role, level, track,
   employment type, internship, remote, country, posted date, annual USD midpoint) and one bit set (or id
   list, when rare) per skill, loaded once per store from covering indexes (migration 0002) and rebuilt
   when the database changes. Posting rows are several KB (description, JSON, raw record), so a SQL filter
   or facet over many rows reads most of the database; a numpy mask over 1M entries takes about 1 ms.
   With a text query the filters are evaluated at the text matches read only (at most 10,000 ids), not
   over every posting.
2. The query text becomes a safe FTS5 expression (`fts_match_expression`): the user's words are data, each
   quoted as a string, AND-ed; nothing the user types is FTS5 or SQL syntax. No prefix search: a short
   prefix expands to thousands of terms (`"d"*` took 750 ms on 200k postings).
3. Text matches are read newest first (rowid order, which FTS5 streams without sorting) in windows of
   TEXT_WINDOW ids; reading stops when the page is filled or after MAX_TEXT_WINDOWS windows. When matches
   remain unread, `total` and the facet counts are lower bounds (`total_is_lower_bound`; show "N+") and
   `estimated_total` extrapolates from the share of postings read. Counting every match of a common word
   costs ~0.1 µs per match per word in FTS5 (50+ ms for "data scientist" on 200k postings).
4. Facet counts of a filter are counted under all the OTHER filters and the text, so a facet value's count
   is exactly the total the search returns when that value is chosen. Skills are "all of": the skill facet
   is counted under every filter, i.e. the results of adding that skill. NULL values are not counted.
   The categorical facets come from counts per combination of categorical values; the skill facet from
   the `SkillTable`: the results' skills gathered and counted when they are few (every text search),
   bit sets ANDed when they are many, and sums of per-combination counts when only categorical filters
   are set (no text): the count of every skill over a million postings in microseconds.
5. Sort. relevance: the RANK_CAP newest results are scored and come first, best score first; the rest
   follow by date. Without text, relevance is date order.
       score = sum over query words w of idf(w) * (1 + 9 * [w in title] + 2 * [w in company])
       idf(w) = ln(1 + (N - df + 0.5) / (df + 0.5)), df estimated from the newest IDF_SAMPLE postings
   i.e. a word weighs 10 in the title, 3 in the company name, 1 elsewhere (every result has every word
   somewhere). The [w in column] tests are FTS5 column-filter queries over the scored rows' id range (same
   tokenizer, porter stemming). This is BM25 with field weights and binary term frequency (no length
   normalization; descriptions are not tested separately). FTS5's own bm25() is not
   used: it computes each word's exact df on every query by reading the word's whole doclist (20-90 ms for
   common words at 200k-1M postings), whatever the LIMIT. date: posted_at newest first, undated last.
   salary: annual USD midpoint highest first, postings without a salary last. Ties: the newer posting.
6. Snippets are built in Python from the page's descriptions (`snippets`: FTS5's matching words, its
   window choice), as (text, is_match) segments: never HTML; the renderer escapes the text. FTS5's
   snippet() would cost a MATCH per hit (20 per page, ~7 ms at 1M postings).

The SQL lives in small functions marked `SQL (SQLite)`; a PostgreSQL twin replaces those (tsvector,
ts_headline) and `data_fingerprint`, and keeps the rest.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
import weakref
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from roledex.analytics.snippets import query_stems, snippet
from roledex.errors import QueryError
from roledex.models import EMPLOYMENT_LABELS, EMPLOYMENT_TYPES, LEVEL_LABELS, LEVELS
from roledex.taxonomy import Taxonomy, load_taxonomy

TEXT_WINDOW = 2_000  # text matches read per window, newest first
MAX_TEXT_WINDOWS = 5  # at most 10,000 text matches are read for one search
RANK_CAP = 500  # relevance is scored for the 500 newest results
IDF_SAMPLE = 20_000  # term document frequencies are estimated from the newest 20,000 postings
MAX_CACHED_TOKENS = 50_000
MATCH_WEIGHT, TITLE_BONUS, COMPANY_BONUS = 1.0, 9.0, 2.0  # a word in the title 10, company 3, elsewhere 1
MAX_QUERY_TOKENS = 32
MAX_QUERY_CHARS = 2_000
MAX_PER_PAGE = 100
MAX_RESULT_WINDOW = 10_000  # page * per_page may not go beyond this (deep pages cost and help nobody)
TOP_SKILLS = 20
SPARSE_SKILL_RATIO = 16  # skill facet: gather the skills of the postings when they are under 1/16 of all

SORTS = ("relevance", "date", "salary")
TRACKS = ("ic", "manager")
REMOTES = ("remote", "hybrid", "onsite")
FACETS = ("role", "level", "track", "employment_type", "remote", "country", "internship", "skills")
_CATEGORICAL = ("role", "level", "track", "employment_type", "remote", "country")
COMBINATION_FACETS = (*_CATEGORICAL, "internship")
_STOPWORDS = frozenset(
    ["a", "an", "and", "or", "not", "the", "of", "in", "on", "at", "for", "to", "with", "by", "near"]
)
_WORD = re.compile(r"[^\W_]+")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


# -- the query ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JobQuery:
    """A validated job search. Codes are normalized (level 'se' -> 'SE', country 'us' -> 'US')."""

    q: str = ""
    role: str | None = None
    level: str | None = None
    track: str | None = None
    employment_type: str | None = None
    internship: bool | None = None
    remote: str | None = None
    country: str | None = None
    min_salary: float | None = None
    skills: tuple[str, ...] = ()
    posted_since: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "q", (self.q or "")[:MAX_QUERY_CHARS])
        if self.level is not None:
            fix(self, "level", _choice("level", self.level.upper(), LEVELS))
        if self.track is not None:
            fix(self, "track", _choice("track", self.track.lower(), TRACKS))
        if self.employment_type is not None:
            fix(
                self,
                "employment_type",
                _choice("employment type", self.employment_type.upper(), EMPLOYMENT_TYPES),
            )
        if self.remote is not None:
            fix(self, "remote", _choice("remote", self.remote.lower(), REMOTES))
        if self.country is not None:
            if not _COUNTRY.match(self.country):
                raise QueryError(
                    f"country '{self.country}' is not a two-letter code",
                    hint="use an ISO 3166 code such as US or DE",
                )
            fix(self, "country", self.country.upper())
        if self.min_salary is not None and not (self.min_salary >= 0 and np.isfinite(self.min_salary)):
            raise QueryError(
                f"minimum salary {self.min_salary} is not a non-negative number",
                hint="give the minimum annual salary in USD, for example 120000",
            )
        if isinstance(self.skills, str):
            fix(self, "skills", (self.skills,))
        fix(self, "skills", tuple(dict.fromkeys(s.strip().lower() for s in self.skills if s.strip())))
        if self.posted_since is not None:
            fix(self, "posted_since", _iso_date(self.posted_since))
        _choice("sort", self.sort, SORTS)
        if self.page < 1:
            raise QueryError(f"page {self.page} is below 1", hint="pages start at 1")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page {self.per_page} is out of range", hint=f"use 1 to {MAX_PER_PAGE}")
        if self.page * self.per_page > MAX_RESULT_WINDOW + self.per_page:
            raise QueryError(
                f"page {self.page} is beyond the first {MAX_RESULT_WINDOW:,} results",
                hint="narrow the search with filters or more words instead of paging further",
            )

    def validate(self, taxonomy: Taxonomy | None = None) -> JobQuery:
        """Check role and skill ids against the taxonomy; returns self for chaining."""
        tax = taxonomy or load_taxonomy()
        if self.role is not None and self.role not in tax.roles:
            raise QueryError(
                f"unknown role '{self.role}'", hint="use one of: " + ", ".join(sorted(tax.roles))
            )
        unknown = [s for s in self.skills if s not in tax.skills]
        if unknown:
            raise QueryError(
                f"unknown skill id(s): {', '.join(unknown)}",
                hint="use skill ids such as python, sql, pytorch (see `roledex stats` or the taxonomy)",
            )
        return self

    def filters(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (
                ("role", self.role),
                ("level", self.level),
                ("track", self.track),
                ("employment_type", self.employment_type),
                ("internship", self.internship),
                ("remote", self.remote),
                ("country", self.country),
                ("min_salary", self.min_salary),
                ("skills", list(self.skills) or None),
                ("posted_since", self.posted_since),
            )
            if v is not None
        }


def _choice(what: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise QueryError(f"unknown {what} '{value}'", hint="use one of: " + ", ".join(allowed))
    return value


def _iso_date(value: str | date) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise QueryError(
            f"posted_since '{value}' is not a date", hint="use YYYY-MM-DD, e.g. 2025-01-31"
        ) from None


# -- query text -> a safe FTS5 expression ------------------------------------------------------------------
def _is_token_char(ch: str) -> bool:
    """A letter or digit in Unicode 3.2, which FTS5's unicode61 tokenizer (Unicode 6.1) also keeps."""
    return (ch.isascii() and ch.isalnum()) or unicodedata.ucd_3_2_0.category(ch)[0] in "LN"


def query_tokens(text: str) -> list[str]:
    """The words of a search text: letter/digit runs, deduplicated, stopwords dropped, at most 32.

    Everything else (quotes, parentheses, '*', '^', ':', '-', FTS5 operators written as symbols) is a
    separator. Words FTS5 would not index (scripts newer than its Unicode tables) are dropped, because an
    empty phrase would make the whole AND match nothing. Stopwords are dropped unless nothing else is left.
    """
    seen: dict[str, str] = {}
    for word in _WORD.findall(text[:MAX_QUERY_CHARS]):
        if any(_is_token_char(ch) for ch in word):
            seen.setdefault(word.casefold(), word)
    words = list(seen.values())
    content = [w for w in words if w.casefold() not in _STOPWORDS]
    return (content or words)[:MAX_QUERY_TOKENS]


def fts_match_expression(text: str) -> str | None:
    """The FTS5 MATCH expression for a search text: every word as a quoted string, AND-ed; None if no words.

    Quoting makes AND/OR/NOT/NEAR plain words and column filters impossible. Words contain only letters and
    digits, but a double quote would still be doubled as FTS5 requires.
    """
    tokens = query_tokens(text)
    if not tokens:
        return None
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)


# -- per-store in-memory caches ----------------------------------------------------------------------------
T = TypeVar("T")
_CACHES: weakref.WeakKeyDictionary[Any, dict[str, tuple[Any, Any]]] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


class ConnectionStore:
    """A bare sqlite3 connection seen as a store (what `store.conn` is elsewhere)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


_CONNECTION_STORES: OrderedDict[int, ConnectionStore] = OrderedDict()
_MAX_CONNECTION_STORES = 8


def as_store(store_or_conn: Any) -> Any:
    """A store, or a bare sqlite3 connection wrapped once (the wrapper holds the caches, so it is reused:
    the few most recent are kept, each holding its connection so that its id cannot be reused)."""
    if not isinstance(store_or_conn, sqlite3.Connection):
        return store_or_conn
    with _CACHE_LOCK:
        key = id(store_or_conn)
        wrapper = _CONNECTION_STORES.get(key)
        if wrapper is None or wrapper.conn is not store_or_conn:
            wrapper = _CONNECTION_STORES[key] = ConnectionStore(store_or_conn)
        _CONNECTION_STORES.move_to_end(key)
        while len(_CONNECTION_STORES) > _MAX_CONNECTION_STORES:
            _CONNECTION_STORES.popitem(last=False)
        return wrapper


def data_fingerprint(store: Any) -> Any:
    """A value that changes whenever the store's data changes (SQL: SQLite's data_version + own changes).

    A backend may offer `data_fingerprint()` itself (PostgreSQL: a counter table bumped by ingest).
    """
    own = getattr(store, "data_fingerprint", None)
    if callable(own):
        return own()
    conn = store.conn
    return (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)


def store_cached(store: Any, name: str, build: Callable[[Any], T]) -> T:
    """`build(store)`, cached per store object until its data changes. Thread-safe; the build runs once."""
    fingerprint = data_fingerprint(store)
    with _CACHE_LOCK:
        entries = _CACHES.setdefault(store, {})
        hit = entries.get(name)
        if hit is not None and hit[0] == fingerprint:
            return cast(T, hit[1])
        value = build(store)
        entries[name] = (fingerprint, value)
        return value


# -- the in-memory filter index ----------------------------------------------------------------------------
Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class SkillPostings:
    """The postings of one skill: a bit set (uint64 words, bit i = posting id i) when common, a sorted id
    array when rare (less memory)."""

    words: NDArray[np.uint64] | None
    ids: NDArray[np.int64] | None

    def mask(self, size: int) -> Mask:
        if self.words is not None:
            return np.unpackbits(self.words.view(np.uint8), count=size, bitorder="little").view(bool)
        out = np.zeros(size, dtype=bool)
        out[self.ids] = True
        return out

    def contains(self, ids: NDArray[np.int64]) -> Mask:
        """Whether each of the postings has this skill."""
        if self.words is not None:
            return ((self.words[ids >> 6] >> (ids & 63).astype(np.uint64)) & np.uint64(1)).astype(bool)
        assert self.ids is not None
        pos = np.minimum(np.searchsorted(self.ids, ids), max(0, self.ids.size - 1))
        return self.ids[pos] == ids if self.ids.size else np.zeros(ids.size, dtype=bool)


def _words(mask: Mask) -> NDArray[np.uint64]:
    """A boolean mask as uint64 words, bit i = element i (the layout of SkillPostings.words)."""
    packed = np.packbits(mask, bitorder="little")
    return np.pad(packed, (0, -packed.size % 8)).view(np.uint64)


@dataclass(frozen=True)
class SkillTable:
    """Every posting's skills, laid out for counting the skills of a set of postings (the skill facet).

    Skill codes are positions in `names` (sorted). Few postings: their codes are gathered from a compressed
    row list (`starts`, `codes`: the skills of posting i are codes[starts[i]:starts[i + 1]]) and counted with
    one bincount, about 12 numbers a posting. Many postings: the common skills' bit sets (`bits`, one row per
    skill) are ANDed with the postings' bit set and counted, and the rare skills' (posting, skill) pairs
    (`rare_ids`, `rare_codes`) are looked up in the postings' mask, a fixed cost of a few ms per million
    postings. SkillPostings of each skill are views of these arrays.
    """

    names: list[str]
    starts: NDArray[np.int64]
    codes: NDArray[np.int16]
    bits: NDArray[np.uint64]
    bit_codes: NDArray[np.int64]
    rare_ids: NDArray[np.int64]
    rare_codes: NDArray[np.int16]

    def counts(self, ids: NDArray[np.int64], mask: Mask | None = None) -> NDArray[np.int64]:
        """Postings among `ids` (sorted, unique; `mask`, if given, holds the same postings) per skill code."""
        size = self.starts.size - 1
        if ids.size * SPARSE_SKILL_RATIO <= size:
            first = self.starts[ids]
            lengths = self.starts[ids + 1] - first
            ends = np.cumsum(lengths)
            pos = np.arange(int(ends[-1]) if ends.size else 0) + np.repeat(first - ends + lengths, lengths)
            return np.bincount(self.codes[pos], minlength=len(self.names))
        if mask is None:
            mask = np.zeros(size, dtype=bool)
            mask[ids] = True
        words = _words(mask)
        out = np.zeros(len(self.names), dtype=np.int64)
        for a in range(0, self.bit_codes.size, 16):  # 16 rows at a time: the temporaries stay in cache
            out[self.bit_codes[a : a + 16]] = np.bitwise_count(self.bits[a : a + 16] & words).sum(axis=1)
        out += np.bincount(self.rare_codes[mask[self.rare_ids]], minlength=len(self.names))
        return out

    def per_group(self, group: NDArray[np.int32], n_groups: int) -> NDArray[np.int64]:
        """Postings per (group, skill code), `group` giving each posting's group: a (groups, skills) table."""
        owner = np.repeat(np.arange(self.starts.size - 1, dtype=np.int64), np.diff(self.starts))
        k = len(self.names)
        flat = group[owner].astype(np.int64) * k + self.codes
        return np.bincount(flat, minlength=n_groups * k).reshape(n_groups, k)


def skill_table(per_skill: list[tuple[str, NDArray[np.int64]]], size: int) -> SkillTable:
    """The SkillTable of (skill, sorted unique posting ids) pairs, every id below `size`."""
    per_skill = sorted(per_skill, key=lambda kv: kv[0])
    common = [k for k, (_, ids) in enumerate(per_skill) if ids.size * 8 >= size / 8]  # bit set is smaller
    n_words = -(-size // 64)
    bits = np.zeros((len(common), n_words), dtype=np.uint64)
    for row, k in enumerate(common):
        m = np.zeros(size, dtype=bool)
        m[per_skill[k][1]] = True
        bits[row] = _words(m)
    is_common = set(common)
    rare = [k for k in range(len(per_skill)) if k not in is_common]
    rare_ids = np.concatenate([per_skill[k][1] for k in rare]) if rare else np.zeros(0, dtype=np.int64)
    rare_codes = np.repeat(np.asarray(rare, dtype=np.int16), [per_skill[k][1].size for k in rare])
    per_posting = np.zeros(size, dtype=np.int64)
    for _, ids in per_skill:
        per_posting[ids] += 1
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(per_posting, out=starts[1:])
    codes = np.empty(int(starts[-1]), dtype=np.int16)
    cursor = starts[:-1].copy()
    for k, (_, ids) in enumerate(per_skill):
        codes[cursor[ids]] = k
        cursor[ids] += 1
    return SkillTable(
        [name for name, _ in per_skill],
        starts,
        codes,
        bits,
        np.asarray(common, dtype=np.int64),
        rare_ids.astype(np.int64),
        rare_codes,
    )


def skill_postings(table: SkillTable) -> dict[str, SkillPostings]:
    """Each skill's postings as views of the table's arrays."""
    out: dict[str, SkillPostings] = {}
    for row, k in enumerate(table.bit_codes):
        out[table.names[int(k)]] = SkillPostings(table.bits[row], None)
    bounds = np.flatnonzero(np.r_[True, table.rare_codes[1:] != table.rare_codes[:-1], True])
    for a, b in pairwise(bounds):
        if a < table.rare_codes.size:
            out[table.names[int(table.rare_codes[a])]] = SkillPostings(None, table.rare_ids[a:b])
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class PostingIndex:
    """Filter columns of every posting, indexed by posting id (ids are dense INTEGER PRIMARY KEYs).

    Categorical columns hold codes into `vocab[column]` (sorted; -1 = NULL); `posted` is days since
    1970-01-01 (-1 = undated); `mid` the annual USD midpoint (NaN = no salary). Every posting also has the
    `combo` of its categorical values (`combo_codes[column][combo]`, `combo_internship[combo]`): facet
    counts are counted per combination first, a few thousand numbers instead of a million.
    """

    size: int
    present: Mask
    codes: dict[str, NDArray[np.int16]]
    vocab: dict[str, list[str]]
    internship: Mask
    posted: NDArray[np.int32]
    mid: NDArray[np.float64]
    combo: NDArray[np.int32]
    combo_codes: dict[str, NDArray[np.int16]]
    combo_internship: Mask
    combo_sizes: NDArray[np.int64]  # postings per combination
    combo_skills: NDArray[np.int64]  # postings per combination and skill code (the skill table's)
    skills: dict[str, SkillPostings] = field(default_factory=dict)
    skill_table: SkillTable | None = None
    n: int = 0  # postings
    sample_above: int = 0  # the newest IDF_SAMPLE postings have ids above this
    sample_n: int = 0
    idf: dict[str, float] = field(default_factory=dict, compare=False, repr=False)  # `token_idf`'s memo

    def code(self, column: str, value: str) -> int:
        """The code of a value in a column (vocabularies are sorted); -2 when no posting has it."""
        names = self.vocab[column]
        i = bisect_left(names, value)
        return i if i < len(names) and names[i] == value else -2

    def filter_masks(self, query: JobQuery, ids: NDArray[np.int64] | None = None) -> dict[str, Mask]:
        """One mask per filter the query sets (all skills together under "skills"), over every posting id,
        or over the given `ids` only (element i: whether ids[i] passes)."""

        def at(column: NDArray[Any]) -> NDArray[Any]:
            return column if ids is None else column[ids]

        masks: dict[str, Mask] = {}
        for column in _CATEGORICAL:
            value = getattr(query, column)
            if value is not None:
                masks[column] = at(self.codes[column]) == self.code(column, value)
        if query.internship is not None:
            masks["internship"] = at(self.internship) == query.internship
        if query.min_salary is not None:
            with np.errstate(invalid="ignore"):
                masks["min_salary"] = at(self.mid) >= query.min_salary
        if query.posted_since is not None:
            masks["posted_since"] = at(self.posted) >= _days(query.posted_since)
        if query.skills:
            m = np.ones(self.size if ids is None else ids.size, dtype=bool)
            for skill in query.skills:
                have = self.skills.get(skill)
                if have is None:
                    m[:] = False
                    break
                m &= have.mask(self.size) if ids is None else have.contains(ids)
            masks["skills"] = m
        return masks

    def combine(
        self, masks: dict[str, Mask], *, skip: str | None = None, ids: NDArray[np.int64] | None = None
    ) -> Mask:
        """Postings passing every filter mask except the one named `skip` (masks over `ids`, if given)."""
        m = self.present.copy() if ids is None else self.present[ids]
        for name, mask in masks.items():
            if name != skip:
                m &= mask
        return m

    def mask(self, query: JobQuery, *, skip: str | None = None) -> Mask:
        """Postings passing every filter of `query` except the filter named `skip`."""
        return self.combine(self.filter_masks(query), skip=skip)

    def combo_counts(self, ids: NDArray[np.int64]) -> NDArray[np.int64]:
        return np.bincount(self.combo[ids], minlength=self.combo_internship.size)

    def combo_pass(self, column: str, value: Any) -> Mask:
        """The combinations passing a categorical filter (internship included)."""
        if column == "internship":
            return self.combo_internship == bool(value)
        return self.combo_codes[column] == self.code(column, value)

    def facet_counts(self, column: str, per_combo: NDArray[np.int64]) -> dict[str, int]:
        """Counts of each value of a facet column, from counts per combination (NULL values not counted)."""
        if column == "internship":
            n_true = int(per_combo[self.combo_internship].sum())
            return _sorted_counts({"true": n_true, "false": int(per_combo.sum()) - n_true})
        names = self.vocab[column]
        found = np.bincount(self.combo_codes[column] + 1, weights=per_combo, minlength=len(names) + 1)[1:]
        present = np.flatnonzero(found).tolist()
        counts = found[present].astype(np.int64).tolist()
        return _sorted_counts(dict(zip([names[i] for i in present], counts, strict=True)))

    def skill_counts(
        self,
        ids: NDArray[np.int64],
        mask: Mask | None = None,
        top: int = TOP_SKILLS,
        *,
        combos: Mask | None = None,
    ) -> dict[str, int]:
        """Postings having each skill among the given ones (sorted ids; `mask` the same postings, if at
        hand), the `top` most frequent, ties by skill id. When the postings are exactly those of the
        `combos` passed (only categorical filters), the counts are sums of `combo_skills`."""
        if self.skill_table is None or ids.size == 0:
            return {}
        if combos is not None:
            counts = self.combo_skills[combos].sum(axis=0)
        else:
            counts = self.skill_table.counts(ids, mask)
        found = np.flatnonzero(counts)
        order = found[np.lexsort((found, -counts[found]))][:top]  # names are sorted: code order = name order
        return {self.skill_table.names[int(k)]: int(counts[k]) for k in order}


def _sorted_counts(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


_EPOCH = date(1970, 1, 1).toordinal()


def _days(iso: str) -> int:
    try:
        return date.fromisoformat(iso[:10]).toordinal() - _EPOCH
    except ValueError:
        return -1


def _ids(text: str | None) -> NDArray[np.int64]:
    """Parse SQLite `group_concat(id)` output: far faster than fetching one row per id."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


# SQL (SQLite) ------------------------------------------------------------------------------- loading the index
_SQL_MAX_ID = "SELECT COALESCE(MAX(id), 0) FROM postings"
_SQL_FILTER_GROUPS = (
    "SELECT role, level, track, employment_type, internship, remote, country, group_concat(id) FROM postings"
    " GROUP BY role, level, track, employment_type, internship, remote, country"
)  # streams over the covering index postings_filters (migration 0002)
_SQL_POSTED = (
    "SELECT posted_at, group_concat(id) FROM postings WHERE posted_at IS NOT NULL GROUP BY posted_at"
)
_SQL_MID = (
    "SELECT group_concat(id), group_concat(printf('%!.17g', annual_usd_mid)) FROM postings"
    " WHERE annual_usd_mid IS NOT NULL"
)  # printf '%!.17g' keeps every bit of the float (group_concat alone rounds to 15 digits)
_SQL_SKILLS = "SELECT skill_id, group_concat(posting_id) FROM posting_skills GROUP BY skill_id"


def load_posting_index(store: Any) -> PostingIndex:
    """Build the PostingIndex from the store (about 1 s per million postings; see `posting_index`)."""
    conn = store.conn
    size = int(conn.execute(_SQL_MAX_ID).fetchone()[0]) + 1
    present = np.zeros(size, dtype=bool)
    codes = {c: np.full(size, -1, dtype=np.int16) for c in _CATEGORICAL}
    vocab: dict[str, list[str]] = {c: [] for c in _CATEGORICAL}
    internship = np.zeros(size, dtype=bool)
    combo = np.zeros(size, dtype=np.int32)
    groups = conn.execute(_SQL_FILTER_GROUPS).fetchall()
    combo_codes = {c: np.zeros(0, dtype=np.int16) for c in _CATEGORICAL}
    combo_internship = np.fromiter((bool(g[4]) for g in groups), dtype=bool, count=len(groups))
    if groups:
        # one combination of filter values per group: expand the group codes to its ids, vectorized
        texts = [g[7] for g in groups]
        lengths = np.fromiter((t.count(",") + 1 for t in texts), dtype=np.int64, count=len(texts))
        ids = _ids(",".join(texts))
        keep = ids < size
        ids = ids[keep]
        present[ids] = True
        internship[ids] = np.repeat(combo_internship, lengths)[keep]
        combo[ids] = np.repeat(np.arange(len(groups), dtype=np.int32), lengths)[keep]
        for column, at in zip(_CATEGORICAL, (0, 1, 2, 3, 5, 6), strict=True):
            group_values: list[str | None] = [g[at] for g in groups]
            vocab[column] = sorted({v for v in group_values if v is not None})
            table: dict[str | None, int] = {v: i for i, v in enumerate(vocab[column])}
            table[None] = -1
            group_codes = np.fromiter((table[v] for v in group_values), dtype=np.int16, count=len(groups))
            combo_codes[column] = group_codes
            codes[column][ids] = np.repeat(group_codes, lengths)[keep]
    posted = np.full(size, -1, dtype=np.int32)
    for day, text in conn.execute(_SQL_POSTED):
        ids = _ids(text)
        posted[ids[ids < size]] = _days(str(day))
    mid = np.full(size, np.nan)
    id_text, mid_text = conn.execute(_SQL_MID).fetchone()
    if id_text:
        ids, mids = _ids(id_text), np.fromstring(mid_text, dtype=np.float64, sep=",")
        keep = ids < size
        mid[ids[keep]] = mids[keep]
    per_skill: list[tuple[str, NDArray[np.int64]]] = []
    for skill, text in conn.execute(_SQL_SKILLS):
        ids = _ids(text)  # sorted and unique: read in (skill_id, posting_id) key order
        per_skill.append((str(skill), ids[ids < size]))
    skills = skill_table(per_skill, size)
    present_ids = np.flatnonzero(present)
    sample_above = int(present_ids[-IDF_SAMPLE - 1]) if present_ids.size > IDF_SAMPLE else 0
    sample_n = int(np.count_nonzero(present_ids > sample_above))
    return PostingIndex(
        size=size,
        present=present,
        codes=codes,
        vocab=vocab,
        internship=internship,
        posted=posted,
        mid=mid,
        combo=combo,
        combo_codes=combo_codes,
        combo_internship=combo_internship,
        combo_sizes=np.bincount(combo[present], minlength=len(groups)),
        combo_skills=skills.per_group(combo, len(groups)),
        skills=skill_postings(skills),
        skill_table=skills,
        n=int(present_ids.size),
        sample_above=sample_above,
        sample_n=sample_n,
    )


def posting_index(store: Any) -> PostingIndex:
    """The store's PostingIndex, built on first use and rebuilt after the data changes."""
    return store_cached(store, "posting_index", load_posting_index)


# SQL (SQLite) ------------------------------------------------------------------------------ text and hits
def _sql_text_window(store: Any, match: str, below: int | None, limit: int) -> NDArray[np.int64]:
    """Ids of the newest `limit` postings matching the FTS5 expression, with ids below `below`."""
    bound = "" if below is None else " AND rowid < ?"
    sql = (
        "SELECT group_concat(rowid) FROM (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?"
        f"{bound} ORDER BY rowid DESC LIMIT ?)"
    )
    params = (match, limit) if below is None else (match, below, limit)
    return _ids(store.conn.execute(sql, params).fetchone()[0])


def _sql_column_hits(store: Any, column: str | None, token: str, lo: int, hi: int) -> NDArray[np.int64]:
    """Ids in [lo, hi] whose `column` (any column when None) contains the token (FTS5 column filter)."""
    phrase = '"' + token.replace('"', '""') + '"'
    match = f"{column} : {phrase}" if column else phrase
    sql = "SELECT group_concat(rowid) FROM postings_fts WHERE postings_fts MATCH ? AND rowid >= ? AND rowid <= ?"
    return _ids(store.conn.execute(sql, (match, lo, hi)).fetchone()[0])


_HIT_COLUMNS = (
    "id, title, company, location, country, role, level, employment_type, internship, remote, salary_min,"
    " salary_max, salary_currency, salary_period, salary_kind, annual_usd_min, annual_usd_max, posted_at, url"
)
_HIT_SKILLS = (  # the posting's skills as "0python,1sql": 0 = required (listed first), then by skill id
    "(SELECT group_concat((required IS NOT 1) || skill_id) FROM posting_skills WHERE posting_id = postings.id)"
)


def _sql_hit_rows(store: Any, ids: Sequence[int], *, full_text: bool = False) -> dict[int, tuple[Any, ...]]:
    """The card columns of each id as a tuple (`_HIT_COLUMNS`, then the description -- whole, or its
    opening 400 characters -- then the skills as `_HIT_SKILLS` gives them): one statement, plain tuples."""
    marks = ",".join("?" * len(ids))
    text = "description" if full_text else "substr(description, 1, 400)"
    cur = store.conn.cursor()
    cur.row_factory = None  # tuples, whatever the connection's own row factory
    sql = f"SELECT {_HIT_COLUMNS}, {text}, {_HIT_SKILLS} FROM postings WHERE id IN ({marks})"
    return {int(r[0]): r for r in cur.execute(sql, tuple(ids))}


def _hit_skills(flagged: str | None) -> tuple[str, ...]:
    """Skill ids from `_HIT_SKILLS` ("1sql,0python"): required first, then by id ("python", "sql")."""
    return tuple(s[1:] for s in sorted(flagged.split(","))) if flagged else ()


# -- results -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JobHit:
    """A result card. `snippet` is plain-text segments: (text, True) is a matched word to highlight."""

    id: int
    title: str
    company: str | None
    location: str | None
    country: str | None
    role: str
    level: str | None
    level_label: str | None
    employment_type: str | None
    employment_label: str | None
    internship: bool
    remote: str | None
    salary: dict[str, Any] | None
    posted_at: str | None
    snippet: tuple[tuple[str, bool], ...]
    skills: tuple[str, ...]
    url: str | None
    score: float | None = None
    score_parts: dict[str, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "country": self.country,
            "role": self.role,
            "level": self.level,
            "level_label": self.level_label,
            "employment_type": self.employment_type,
            "employment_label": self.employment_label,
            "internship": self.internship,
            "remote": self.remote,
            "salary": self.salary,
            "posted_at": self.posted_at,
            "snippet": [{"text": t, "match": m} for t, m in self.snippet],
            "skills": list(self.skills),
            "url": self.url,
            "score": self.score,
            **({"score_parts": self.score_parts} if self.score_parts is not None else {}),
        }


@dataclass(frozen=True)
class SearchResults:
    """One page of results with the total and the facet counts (see the module docstring for caps)."""

    query: JobQuery
    total: int
    total_is_lower_bound: bool
    estimated_total: int | None  # when a lower bound: the results expected over the whole store
    page: int
    pages: int
    per_page: int
    hits: tuple[JobHit, ...]
    facets: dict[str, dict[str, int]]
    text_matches_read: int | None = None  # None: no text query

    def to_dict(self) -> dict[str, Any]:
        return {
            "q": self.query.q,
            "filters": self.query.filters(),
            "sort": self.query.sort,
            "total": self.total,
            "total_is_lower_bound": self.total_is_lower_bound,
            "estimated_total": self.estimated_total,
            "page": self.page,
            "pages": self.pages,
            "per_page": self.per_page,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
            "text_matches_read": self.text_matches_read,
        }


def opening_segments(text: str, limit: int = 240) -> tuple[tuple[str, bool], ...]:
    """The description's opening words as one plain segment (the snippet when there is no text query)."""
    flat = " ".join(text[:400].split())
    if len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0] + " …"
    return ((flat, False),) if flat else ()


def build_hits(
    store: Any,
    ids: Sequence[int],
    *,
    scores: dict[int, float] | None = None,
    words: Sequence[str] = (),
    score_parts: dict[int, dict[str, float]] | None = None,
) -> tuple[JobHit, ...]:
    """JobHit cards for posting ids, in the given order; snippets highlight the query `words`, if any."""
    if not ids:
        return ()
    stems = query_stems(words)
    rows = _sql_hit_rows(store, ids, full_text=bool(stems))
    hits = []
    for pid in ids:
        r = rows.get(pid)
        if r is None:
            continue
        (_, title, company, location, country, role, level, emp, internship, remote) = r[:10]
        (s_min, s_max, currency, period, kind, usd_min, usd_max, posted_at, url, text, skills) = r[10:]
        text = text or ""
        salary = None
        if usd_min is not None:
            salary = {
                "min": s_min,
                "max": s_max,
                "currency": currency,
                "period": period,
                "annual_usd_min": usd_min,
                "annual_usd_max": usd_max,
                "kind": kind,
            }
        hits.append(
            JobHit(
                id=pid,
                title=title,
                company=company,
                location=location,
                country=country,
                role=role,
                level=level,
                level_label=LEVEL_LABELS.get(level) if level else None,
                employment_type=emp,
                employment_label=EMPLOYMENT_LABELS.get(emp) if emp else None,
                internship=bool(internship),
                remote=remote,
                salary=salary,
                posted_at=posted_at,
                snippet=(stems and snippet(text, stems)) or opening_segments(text),
                skills=_hit_skills(skills),
                url=url,
                score=None if scores is None else scores.get(pid),
                score_parts=None if score_parts is None else score_parts.get(pid),
            )
        )
    return tuple(hits)


# -- ordering ----------------------------------------------------------------------------------------------
def _top_order(ids: NDArray[np.int64], key: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    """The first k of `ids` (ascending) by key descending, ties by id descending, without a full sort."""
    if ids.size == 0 or k <= 0:
        return ids[:0]
    if ids.size <= k:
        return ids[np.lexsort((-ids, -key))]
    threshold = np.partition(key, ids.size - k)[ids.size - k]  # the k-th largest key
    above = key > threshold
    head = ids[above][np.lexsort((-ids[above], -key[above]))]
    ties = ids[key == threshold]  # ascending: the newest are at the end (may be many: undated, no salary)
    return np.concatenate([head, ties[::-1][: k - head.size]])


def date_key(index: PostingIndex, ids: NDArray[np.int64]) -> NDArray[np.float64]:
    return index.posted[ids].astype(np.float64)  # undated = -1: last


def salary_key(index: PostingIndex, ids: NDArray[np.int64]) -> NDArray[np.float64]:
    return np.nan_to_num(index.mid[ids], nan=-np.inf)  # no salary: last


# -- the search --------------------------------------------------------------------------------------------
def search_jobs(store: Any, query: JobQuery, taxonomy: Taxonomy | None = None) -> SearchResults:
    """Search postings: text, filters, facets, sort and one page of hits (see the module docstring).

    `store` is a store (anything with `.conn`) or a sqlite3 connection."""
    store = as_store(store)
    query.validate(taxonomy)
    index = posting_index(store)
    match = fts_match_expression(query.q)
    wanted = query.page * query.per_page

    text: TextMatches | None = None
    results: Mask | None = None
    if match is None:  # filters over every posting
        masks = index.filter_masks(query)
        results = index.combine(masks)
        ids = np.flatnonzero(results).astype(np.int64)
        per_combo = _per_combination(index, masks)
    else:  # filters over the text matches read (at most MAX_TEXT_WINDOWS * TEXT_WINDOW ids)
        text = _text_matches(store, index, query, match, wanted)
        masks = index.filter_masks(query, text.newest)
        passing = index.combine(masks, ids=text.newest)
        ids = text.newest[passing][::-1]  # ascending
        per_combo = _per_combination(index, masks, text.newest)
    total = int(ids.size)
    estimated = estimate_total(index, text, total) if text is not None and text.more else None

    combos = None  # only categorical filters, no text: the results are whole combinations
    if text is None and all(name in COMBINATION_FACETS for name in masks):
        combos = np.ones(index.combo_sizes.size, dtype=bool)
        for name in masks:
            combos &= index.combo_pass(name, getattr(query, name))
    found = {
        "skills": index.skill_counts(ids, results, combos=combos),
        **_combination_facets(index, query, masks, per_combo),
    }
    facets = {name: found[name] for name in FACETS}

    start = (query.page - 1) * query.per_page
    scores: dict[int, float] | None = None
    if query.sort == "salary":
        page_ids = _top_order(ids, salary_key(index, ids), wanted)[start:]
    elif query.sort == "relevance" and text is not None:
        ranked = text.newest[passing][:RANK_CAP]  # the newest results, by id
        score = relevance_scores(store, index, query_tokens(query.q), ranked)
        scores = dict(zip(ranked.tolist(), score.tolist(), strict=True))
        order = ranked[np.lexsort((-ranked, -index.posted[ranked], -score))]
        if wanted > order.size:
            rest = ids[~np.isin(ids, ranked)]
            order = np.concatenate([order, _top_order(rest, date_key(index, rest), wanted - order.size)])
        page_ids = order[start:wanted]
    else:
        page_ids = _top_order(ids, date_key(index, ids), wanted)[start:]
    words = query_tokens(query.q) if match is not None else ()
    hits = build_hits(store, [int(i) for i in page_ids], scores=scores, words=words)
    pages = max(1, -(-total // query.per_page))
    return SearchResults(
        query=query,
        total=total,
        total_is_lower_bound=bool(text is not None and text.more),
        estimated_total=estimated,
        page=query.page,
        pages=pages,
        per_page=query.per_page,
        hits=hits,
        facets=facets,
        text_matches_read=text.read if text is not None else None,
    )


@dataclass(frozen=True)
class TextMatches:
    """The text matches read for one search (newest first) and what they say about the rest."""

    newest: NDArray[np.int64]  # the matches read, newest first
    read: int
    more: bool  # unread matches remain: counts are lower bounds
    lowest: int  # the lowest id read (the windows cover ids from here up)


def _per_combination(
    index: PostingIndex, masks: dict[str, Mask], ids: NDArray[np.int64] | None = None
) -> NDArray[np.int64]:
    """Postings per combination of categorical values passing the filters that are not categorical (salary,
    date, skills) -- among the given ids (the masks are over them), or among all postings."""
    rest = [m for name, m in masks.items() if name not in COMBINATION_FACETS]
    if ids is None:
        if not rest:
            return index.combo_sizes
        selected = index.present.copy()
        for m in rest:
            selected &= m
        return index.combo_counts(np.flatnonzero(selected))
    selected = index.present[ids]
    for m in rest:
        selected &= m
    return index.combo_counts(ids[selected])


def _combination_facets(
    index: PostingIndex, query: JobQuery, masks: dict[str, Mask], per_combo: NDArray[np.int64]
) -> dict[str, dict[str, int]]:
    """Every facet but skills, from the count of results per combination of categorical values.

    Whether a posting passes a categorical filter depends only on its combination, so the counts under
    "all the other filters" are the counts under the other filters (salary, date, skills, text:
    `per_combo`) restricted to the combinations that pass the other categorical filters: arithmetic on a
    few thousand combinations per facet.
    """
    passing = {
        name: index.combo_pass(name, getattr(query, name)) for name in masks if name in COMBINATION_FACETS
    }
    out: dict[str, dict[str, int]] = {}
    for column in COMBINATION_FACETS:
        others = [p for name, p in passing.items() if name != column]
        counts = per_combo * np.logical_and.reduce(others) if others else per_combo
        out[column] = index.facet_counts(column, counts)
    return out


def _text_matches(store: Any, index: PostingIndex, query: JobQuery, match: str, wanted: int) -> TextMatches:
    """Read the text matches newest first, window by window, until the page is filled or the cap is hit."""
    chunks: list[NDArray[np.int64]] = []
    below: int | None = None
    more = False
    results = 0
    for _ in range(MAX_TEXT_WINDOWS):
        ids = _sql_text_window(store, match, below, TEXT_WINDOW + 1)
        more = ids.size > TEXT_WINDOW
        ids = ids[:TEXT_WINDOW]
        ids = ids[ids < index.size]
        chunks.append(ids)
        if not more or ids.size == 0:
            more = False
            break
        below = int(ids.min())
        results += int(np.count_nonzero(index.combine(index.filter_masks(query, ids), ids=ids)))
        if results >= wanted:
            break
    newest = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    lowest = int(newest.min()) if newest.size else 0
    return TextMatches(newest, int(newest.size), more, lowest)


def estimate_total(index: PostingIndex, text: TextMatches, results_read: int) -> int:
    """Results expected over the whole store, from the density of matches in the id range read."""
    covered = int(np.count_nonzero(index.present[text.lowest :]))
    if covered == 0 or text.read == 0:
        return results_read
    text_total = text.read / covered * index.n
    return max(results_read, round(text_total * results_read / text.read))


# -- relevance ---------------------------------------------------------------------------------------------
def _sql_token_df(store: Any, token: str, above: int) -> int:
    """Postings with id > `above` containing the token anywhere."""
    phrase = '"' + token.replace('"', '""') + '"'
    sql = "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH ? AND rowid > ?"
    return int(store.conn.execute(sql, (phrase, above)).fetchone()[0])


def token_idf(store: Any, index: PostingIndex, token: str) -> float:
    """ln(1 + (N - df + 0.5) / (df + 0.5)), df estimated from the newest IDF_SAMPLE postings.

    FTS5's own bm25() computes the exact df of every query term on each query by reading the term's whole
    doclist: 20-90 ms per common term at 200k-1M postings. The sample bounds that cost; results are kept
    with the index (`index.idf`), which is rebuilt when the data changes.
    """
    cache = index.idf
    key = token.casefold()
    hit = cache.get(key)
    if hit is None:
        if len(cache) >= MAX_CACHED_TOKENS:  # arbitrary query words must not grow the cache forever
            cache.clear()
        df_sample = _sql_token_df(store, token, index.sample_above)
        df = df_sample / max(1, index.sample_n) * index.n
        hit = cache[key] = float(np.log1p((index.n - df + 0.5) / (df + 0.5)))
    return hit


def relevance_scores(
    store: Any, index: PostingIndex, tokens: Sequence[str], ids: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Field-weighted relevance of each id; each one matches every token somewhere (module docstring).

    A token counts MATCH_WEIGHT for matching at all, plus TITLE_BONUS when in the title and COMPANY_BONUS
    when in the company name: 10 / 3 / 1 for a title / company / description-only match. Testing the
    description as well would cost a third more queries and almost never separates two results (with
    binary term frequency, nearly every matching posting has the word in its description).
    """
    score = np.zeros(ids.size)
    if ids.size == 0:
        return score
    lo, hi = int(ids.min()), int(ids.max())
    for token in tokens:
        idf = token_idf(store, index, token)
        score += idf * MATCH_WEIGHT
        for column, bonus in (("title", TITLE_BONUS), ("company", COMPANY_BONUS)):
            hits = _sql_column_hits(store, column, token, lo, hi)
            score += idf * bonus * np.isin(ids, hits, kind="table")  # hits lie in [lo, hi]: a small table
    return score


def facet_values(results: SearchResults, facet: str) -> Iterable[tuple[str, int]]:
    """(value, count) pairs of a facet, most frequent first."""
    return results.facets.get(facet, {}).items()
