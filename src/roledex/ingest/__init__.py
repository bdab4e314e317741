"""Ingest: one adapter per source format, auto-detected, streaming records with provenance.

    FORMATS                   name -> adapter, in detection priority order (specific formats first)
    detect_format(path)       sniff the name and the first bytes -> a format name (UnknownFormatError if none)
    read_records(path, fmt)   RawPosting | RawSalaryRecord | RecordFailure, in input order
    iter_paths(paths)         files and folders -> the data files roledex can read

Records stream: CSV and JSON Lines files are read row by row (constant memory for any size); the formats
that are one JSON document (hn, greenhouse, lever, ashby, jsonld) are parsed whole. `.gz` works for all.
Every record carries Provenance(source, file, row, record_id): `row` is the 0-based data-record index
(csv.reader's record index without the header for CSV, the 0-based line number for JSON Lines, the
index in the jobs array for JSON documents). A record that cannot be read comes as a RecordFailure (its
reason names the field and the fix) and reading goes on; a file that cannot be read raises InputError.

The formats and their traps are described in each adapter module's docstring; the generic JSON Lines
schema for bringing your own feed is in `roledex.ingest.jsonl`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from roledex.errors import InputError, UnknownFormatError
from roledex.ingest.ai_lab import AiLabRegistryAdapter
from roledex.ingest.aijobs_board import AijobsBoardAdapter
from roledex.ingest.aijobs_salaries import AijobsSalariesAdapter
from roledex.ingest.ashby import AshbyAdapter
from roledex.ingest.base import Adapter, Record, open_text, read_head
from roledex.ingest.glassdoor import GlassdoorAdapter
from roledex.ingest.greenhouse import GreenhouseAdapter
from roledex.ingest.hn import HackerNewsAdapter
from roledex.ingest.jsearch import JSearchAdapter
from roledex.ingest.jsonl import JsonLinesAdapter
from roledex.ingest.jsonld import JsonLdAdapter
from roledex.ingest.lever import LeverAdapter
from roledex.ingest.linkedin import LinkedInAdapter
from roledex.ingest.remotewlb import RemoteWlbAdapter

__all__ = ["FORMATS", "Adapter", "detect_format", "iter_paths", "open_text", "read_records"]

_ADAPTERS: tuple[Adapter, ...] = (
    AijobsSalariesAdapter(),
    GlassdoorAdapter(),
    LinkedInAdapter(),
    AijobsBoardAdapter(),
    JSearchAdapter(),
    AiLabRegistryAdapter(),
    HackerNewsAdapter(),
    GreenhouseAdapter(),
    LeverAdapter(),
    AshbyAdapter(),
    JsonLdAdapter(),
    RemoteWlbAdapter(),
    JsonLinesAdapter(),
)
FORMATS: dict[str, Adapter] = {a.name: a for a in _ADAPTERS}

# what a folder walk never reads: documentation, label files read by an adapter, reference data
_SKIP_NAMES = re.compile(
    r"^(?:provenance|readme|license|changelog)(?:\.\w+)?$|^classified_.*\.json(?:\.gz)?$"
    r"|^labels_2021\.csv$",
    re.I,
)
_SKIP_DIRS = re.compile(r"^(?:onet|o\*net|esco|fx|fx-ecb|ecb)(?:[-_ .].*)?$", re.I)


def _known_formats() -> str:
    return ", ".join(FORMATS)


def detect_format(path: Path) -> str:
    """The name of the format of `path`, from its name and first bytes (decompressed for .gz).

    Raises UnknownFormatError listing the known formats and how to force one.
    """
    path = Path(path)
    head = read_head(path)
    for name, adapter in FORMATS.items():
        if adapter.sniff(path, head):
            return name
    raise UnknownFormatError(
        f"cannot tell the format of {path}; known formats: {_known_formats()}",
        hint="force one with --format NAME",
    )


def read_records(path: Path, fmt: str | None = None) -> Iterator[Record]:
    """Every record of `path` in input order, as RawPosting / RawSalaryRecord / RecordFailure.

    `fmt` forces a format (a name of FORMATS); None detects it.
    """
    path = Path(path)
    if fmt is None:
        fmt = detect_format(path)
    adapter = FORMATS.get(fmt)
    if adapter is None:
        raise UnknownFormatError(
            f"unknown format '{fmt}'; known formats: {_known_formats()}",
            hint="use --format NAME with one of them",
        )
    return _reading(adapter, path)


def _reading(adapter: Adapter, path: Path) -> Iterator[Record]:
    """The adapter's records, with I/O failures in the middle of a file turned into InputError."""
    count = 0
    try:
        for record in adapter.read(path):
            count += 1
            yield record
    except (OSError, EOFError) as exc:
        raise InputError(
            f"{path}: reading stopped after {count} records ({type(exc).__name__}: {exc})",
            hint="the file is truncated or damaged (an incomplete .gz?); re-download it; records before "
            "this point were read",
        ) from None


def iter_paths(paths: Sequence[Path], on_skip: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    """Files as given, and folders expanded (recursively, sorted) to the data files roledex can read.

    In folders, documentation (PROVENANCE.md, README ...), the HN classified_*.json label files (read
    by the hn adapter), labels_2021.csv, reference-data folders (O*NET, ESCO, FX rates), hidden files and
    files of no known format are skipped; `on_skip(path, reason)` hears about each. Files given
    explicitly are always yielded (reading them reports any problem).
    """
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            yield given
            continue
        yield from _walk(given, on_skip)


def _walk(folder: Path, on_skip: Callable[[Path, str], None] | None) -> Iterator[Path]:
    def skip(path: Path, reason: str) -> None:
        if on_skip:
            on_skip(path, reason)

    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list {folder} ({exc})", hint="check the folder's permissions") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if _SKIP_DIRS.match(entry.name):
                skip(entry, "reference data, not postings")
            else:
                yield from _walk(entry, on_skip)
        elif _SKIP_NAMES.match(entry.name):
            skip(entry, "documentation or labels")
        elif entry.is_file():
            try:
                detect_format(entry)
            except InputError as exc:
                skip(entry, str(exc))
                continue
            yield entry
