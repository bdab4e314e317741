"""What the web app holds while it runs: the database handle, the taxonomy and the caches.

Threads and SQLite. Page and API handlers are plain `def` functions, so Starlette runs them in its worker
thread pool. A sqlite3 connection must not be used by two threads at once, so `ReadStore` gives every
thread its own read-only connection (opened on first use, `mode=ro`): SQLite reads then run in parallel
(the sqlite3 module releases the GIL while SQLite works) and no lock serializes requests. The expensive
in-memory structures of the analytics (the search `PostingIndex`, the salary pay frames) are keyed by the
store object, not the connection, so the process builds them once and every thread shares them. They are
invalidated by `data_fingerprint()`, which is the same for every thread: the size and modification time
of the database file and its write-ahead log, which change whenever an ingest commits (in this process or
another one).

Caches. A comparison document costs tens of milliseconds and its charts about 100 ms each in vl-convert,
so documents and rendered articles are memoized by (roles, filters, aggregates' refreshed_at, data
fingerprint) in a small LRU that also makes concurrent requests for the same key wait for one computation
instead of each doing it. Whole GET pages (search, salaries, comparisons, roles) are kept the same way,
keyed by their canonical address and the data version: a page's address encodes every filter, so the same
address shows the same page until the data changes. `create_app(page_cache=0)` turns that layer off.
"""

from __future__ import annotations

import gzip
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends
from starlette.requests import Request
from starlette.responses import HTMLResponse

from roledex.errors import StoreError
from roledex.settings import Settings
from roledex.store.sqlite import SQLiteStore, migrations
from roledex.taxonomy import Taxonomy, load_taxonomy

T = TypeVar("T")
_MISSING = object()
PAGE_CACHE = 512  # rendered GET pages kept (about 20-150 KB each)


class ReadStore:
    """A read-only view of one SQLite file: one connection per thread, one set of analytics caches."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(
                f"no database at {self.path}",
                hint="ingest data first: roledex ingest ../shared/data --db " + str(self.path),
            )
        if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK) and self._schema_behind():
            SQLiteStore(self.path).close()  # brings an older database's schema up to date
        self._local = threading.local()
        self._opened: list[SQLiteStore] = []
        self._lock = threading.Lock()

    def _schema_behind(self) -> bool:
        """Whether the database lacks a migration this version has (checked read-only: a current database
        is never opened for writing)."""
        ro = SQLiteStore(self.path, readonly=True)
        try:
            applied = {int(r[0]) for r in ro.conn.execute("SELECT version FROM schema_migrations")}
        except sqlite3.Error:
            return True  # no migrations table: an empty or very old database
        finally:
            ro.close()
        return any(version not in applied for version, _ in migrations())

    @property
    def sqlite(self) -> SQLiteStore:
        """This thread's read-only SQLiteStore (opened on first use)."""
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.path, readonly=True)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    @property
    def conn(self) -> Any:
        return self.sqlite.conn

    def data_fingerprint(self) -> tuple[int, ...]:
        """Changes whenever committed data changes: size and mtime of the file and of its WAL."""
        parts: list[int] = []
        for p in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = os.stat(p)
                parts += [st.st_size, st.st_mtime_ns]
            except FileNotFoundError:
                parts += [0, 0]
        return tuple(parts)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
        self._local = threading.local()


class _Slot:
    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class Memo(Generic[T]):
    """A thread-safe LRU of computed values; concurrent callers of one key wait for one computation."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, _Slot] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            slot = self._items.get(key)
            owner = slot is None
            if slot is None:
                slot = self._items[key] = _Slot()
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            else:
                self._items.move_to_end(key)
        if owner:
            try:
                slot.value = compute()
            except BaseException as exc:
                slot.error = exc
                with self._lock:  # errors are not cached: the next request tries again
                    if self._items.get(key) is slot:
                        del self._items[key]
            finally:
                slot.done.set()
        else:
            slot.done.wait()
        if slot.error is not None:
            raise slot.error
        return slot.value

    def peek(self, key: Hashable, default: Any = None) -> Any:
        """The value of `key` when it is computed already, else `default` (never computes, never waits)."""
        with self._lock:
            slot = self._items.get(key)
            if slot is None or not slot.done.is_set() or slot.error is not None:
                return default
            self._items.move_to_end(key)
            return slot.value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class AppState:
    """Everything a request handler needs, built once by `create_app`."""

    settings: Settings
    store: ReadStore
    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    documents: Memo[dict[str, Any]] = field(default_factory=lambda: Memo(256))
    articles: Memo[str] = field(default_factory=lambda: Memo(256))
    small: Memo[Any] = field(default_factory=lambda: Memo(64))
    pages: Memo[str] = field(default_factory=lambda: Memo(PAGE_CACHE))
    compressed: Memo[bytes] = field(default_factory=lambda: Memo(PAGE_CACHE))
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    def version_key(self) -> tuple[Any, ...]:
        """The data fingerprint plus the aggregates' refreshed_at: what every cached value depends on."""
        fp = self.store.data_fingerprint()
        refreshed = self.small.get(("refreshed_at", fp), self._refreshed_at)
        return (fp, refreshed)

    def known_version_key(self) -> tuple[Any, ...] | None:
        """`version_key()` when it needs no query (the usual case), else None: safe on the event loop."""
        fp = self.store.data_fingerprint()
        refreshed = self.small.peek(("refreshed_at", fp), _MISSING)
        return None if refreshed is _MISSING else (fp, refreshed)

    def cached_page(self, path: str, query: str, *, gzipped: bool = False) -> str | bytes | None:
        """A page already rendered for this address and data version (gzipped: its compressed bytes, made
        once), or None."""
        version = self.known_version_key()
        if version is None:
            return None
        key = ("page", path, query, version)
        html: str | None = self.pages.peek(key)
        if html is None or not gzipped:
            return html
        return self.compressed.get(key, lambda: gzip.compress(html.encode("utf-8"), compresslevel=6))

    def _refreshed_at(self) -> str | None:
        row = self.store.conn.execute(
            "SELECT value FROM aggregate_state WHERE name = 'refreshed_at'"
        ).fetchone()
        return None if row is None else str(row[0])

    def page(self, request: Request, compute: Callable[[], str]) -> HTMLResponse:
        """A GET page, rendered once per address and data version (the address encodes every filter).

        Only successful renders are kept: an error raised by `compute` propagates and is not cached. With the
        page cache off (size 0) the page is computed without looking up the data version.
        """
        if self.pages.size == 0:
            return HTMLResponse(compute())
        key = ("page", request.url.path, request.url.query, self.version_key())
        return HTMLResponse(self.pages.get(key, compute))

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """A per-data-version value (headline figures, role counts)."""
        return self.small.get((name, self.version_key()), compute)


async def get_state(request: Request) -> AppState:
    """The app's state (a FastAPI dependency). `async` although it does not wait for anything: FastAPI runs a
    sync dependency in the thread pool, a thread hop per request for one attribute lookup."""
    state: AppState = request.app.state.roledex
    return state


StateDep = Annotated[AppState, Depends(get_state)]
