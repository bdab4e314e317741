"""Shared fixtures. Real data is read from ../shared/data (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ROLEDEX_SHARED_DATA", REPO.parent / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data sets; tests that need them are skipped with a clear reason when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not found at {SHARED_DATA}; set ROLEDEX_SHARED_DATA")
    return SHARED_DATA


@pytest.fixture(scope="session")
def taxonomy():
    from roledex.taxonomy import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def real_db(shared_data, tmp_path_factory):
    """Every real data set ingested once into a SQLite file (with the profiles refreshed), and the reports."""
    from roledex.analytics.profiles import refresh_aggregates
    from roledex.ingest import iter_paths
    from roledex.pipeline.local import ingest_path
    from roledex.settings import Settings
    from roledex.store.sqlite import SQLiteStore

    folder = tmp_path_factory.mktemp("realdb")
    settings = Settings(db_path=folder / "roledex.db", workers=2, rejects_dir=folder / "rejects")
    store = SQLiteStore(settings.db_path)
    reports = [ingest_path(path, store, settings) for path in iter_paths([shared_data])]
    refresh_aggregates(store.conn)
    yield store, reports
    store.close()
