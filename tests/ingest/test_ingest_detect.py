"""Format detection, read_records dispatch and folder expansion, over the hand-written fixtures."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from roledex.errors import InputError, UnknownFormatError
from roledex.ingest import FORMATS, detect_format, iter_paths, read_records
from roledex.models import RawPosting, RawSalaryRecord, RecordFailure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

# fixture file -> (format, records read, failures among them)
CASES = [
    ("aijobs_salaries.csv", "aijobs-salaries", 8, 5),
    ("glassdoor.csv", "glassdoor", 4, 1),
    ("linkedin_bom.csv", "linkedin", 2, 0),
    ("aijobs_board_latin1.csv", "aijobs-board", 3, 1),
    ("jsearch.csv", "jsearch", 2, 0),
    ("ai_lab_registry.csv", "ai-lab-registry", 3, 0),
    ("hn/raw_2026-01-01.json", "hn", 6, 1),
    ("greenhouse.json", "greenhouse", 3, 1),
    ("lever.json", "lever", 2, 0),
    ("ashby.json", "ashby", 3, 0),
    ("jobposting.jsonld", "jsonld", 1, 0),
    ("jobpage.html", "jsonld", 2, 1),
    ("remotewlb.jsonl.gz", "remotewlb", 6, 1),
    ("postings.jsonl", "jsonl", 8, 5),
]


@pytest.mark.parametrize(("name", "fmt", "_n", "_f"), CASES)
def test_detects_format(name: str, fmt: str, _n: int, _f: int) -> None:
    assert detect_format(FIXTURES / name) == fmt


@pytest.mark.parametrize(("name", "fmt", "count", "failures"), CASES)
def test_reads_every_record(name: str, fmt: str, count: int, failures: int) -> None:
    records = list(read_records(FIXTURES / name))
    assert len(records) == count
    assert sum(isinstance(r, RecordFailure) for r in records) == failures
    rows = [r.provenance.row for r in records]
    assert rows == sorted(rows), "records come in input order"
    assert len(set(rows)) == len(rows)
    for r in records:
        assert r.provenance.file == str(FIXTURES / name)
        assert isinstance(r, RawPosting | RawSalaryRecord | RecordFailure)
        if isinstance(r, RecordFailure):
            assert r.reason


@pytest.mark.parametrize(("name", "fmt", "_n", "_f"), CASES)
def test_gzipped_copy_reads_the_same(tmp_path: Path, name: str, fmt: str, _n: int, _f: int) -> None:
    source = FIXTURES / name
    if source.suffix == ".gz":
        pytest.skip("already gzipped")
    target = tmp_path / (source.name + ".gz")
    if source.name.startswith("raw_"):  # keep the HN labels next to it
        shutil.copy(source.with_name(source.name.replace("raw_", "classified_")), tmp_path)
    target.write_bytes(gzip.compress(source.read_bytes()))
    assert detect_format(target) == fmt
    plain = [(type(r), getattr(r, "title", None), r.provenance.row) for r in read_records(source)]
    gz = [(type(r), getattr(r, "title", None), r.provenance.row) for r in read_records(target)]
    assert gz == plain


def test_formats_are_named_and_described() -> None:
    assert list(FORMATS)[-1] == "jsonl", "the generic format is tried last"
    for name, adapter in FORMATS.items():
        assert adapter.name == name
        assert adapter.description


def test_unknown_file_says_how_to_force_a_format() -> None:
    with pytest.raises(UnknownFormatError) as err:
        detect_format(FIXTURES / "notes.txt")
    message = str(err.value)
    assert "cannot tell the format of" in message and "notes.txt" in message
    assert "--format NAME" in message
    for name in FORMATS:
        assert name in message


def test_unknown_format_name() -> None:
    with pytest.raises(UnknownFormatError, match="known formats"):
        read_records(FIXTURES / "glassdoor.csv", "nope")


def test_forced_format_overrides_detection() -> None:
    records = list(read_records(FIXTURES / "postings.jsonl", "jsonl"))
    assert records[0].provenance.source == "acme-feed"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        detect_format(tmp_path / "absent.csv")


def test_iter_paths_expands_folders_and_skips_labels_and_docs(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "data")
    (tmp_path / "data" / "PROVENANCE.md").write_text("# notes\n")
    (tmp_path / "data" / "onet-29.3").mkdir()
    (tmp_path / "data" / "onet-29.3" / "Occupation Data.txt").write_text("O*NET-SOC Code\tTitle\n")
    skipped: list[str] = []
    found = list(iter_paths([tmp_path / "data"], on_skip=lambda p, _reason: skipped.append(p.name)))
    names = sorted(p.name for p in found)
    assert names == sorted(Path(c[0]).name for c in CASES)
    assert {"PROVENANCE.md", "classified_2026-01-01.json", "notes.txt", "onet-29.3"} <= set(skipped)


def test_iter_paths_keeps_explicit_files() -> None:
    assert list(iter_paths([FIXTURES / "notes.txt"])) == [FIXTURES / "notes.txt"]


def test_truncated_gzip_stops_with_an_input_error(tmp_path: Path) -> None:
    lines = "".join(f'{{"title": "Engineer {i}", "description": "{"x" * 200}"}}\n' for i in range(3000))
    data = gzip.compress(lines.encode())
    target = tmp_path / "feed.jsonl.gz"
    target.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="re-download"):
        list(read_records(target))
