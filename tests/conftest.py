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
