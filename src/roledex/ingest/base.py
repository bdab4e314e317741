"""What every ingest adapter shares: the Adapter protocol, text opening, CSV rows, small field cleaners.

Opening a file (`open_text`) is where the byte-level traps are handled once for all formats:

- `.gz` (or any file starting with the gzip magic bytes) is decompressed on the fly;
- the encoding is sniffed from a prefix: a UTF-8 BOM -> `utf-8-sig`; a prefix that is valid UTF-8 -> `utf-8`;
  anything else -> Windows-1252, the superset of latin-1 that files called "latin-1" usually are (the
  aijobs board file has 0x96 dashes and 0x85 ellipses, which latin-1 would turn into control characters);
- a bad byte met after the sniffed prefix never stops the read: the `roledex-bytes` error handler decodes
  it as Windows-1252 (or latin-1 for the five bytes cp1252 leaves undefined).

Adapters turn one source record into a `RawPosting` / `RawSalaryRecord`; a record that cannot be read
becomes a `RecordFailure` (the reason names the field and the fix) and reading goes on. A whole file that
cannot be read raises `InputError` with the path and the fix.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO, cast

from roledex.errors import InputError, RecordError
from roledex.models import Provenance, RawPosting, RawSalaryRecord, RecordFailure

Record = RawPosting | RawSalaryRecord | RecordFailure

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 1 << 20  # encoding is decided on the first MiB; later bad bytes go through the error handler
HEAD_BYTES = 256 * 1024  # what format detection looks at
CSV_FIELD_LIMIT = 1 << 26  # descriptions are long; the csv module's default (128 KiB) is too small


class Adapter(Protocol):
    """One source format: recognises its files and reads them as a stream of records."""

    name: str
    description: str

    def sniff(self, path: Path, head: bytes) -> bool:
        """True when `path` (its name and the first bytes `head`, decompressed) is in this format."""
        ...

    def read(self, path: Path) -> Iterator[Record]:
        """Every record of the file, in input order; unreadable records come as RecordFailure."""
        ...


# ---------------------------------------------------------------------------------------------- bytes, text


def _decode_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode undecodable bytes one by one as cp1252, else latin-1."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    out = []
    for b in chunk:
        byte = bytes([b])
        try:
            out.append(byte.decode("cp1252"))
        except UnicodeDecodeError:
            out.append(byte.decode("latin-1"))
    return "".join(out), exc.end


BYTES_ERRORS = "roledex-bytes"
codecs.register_error(BYTES_ERRORS, _decode_bad_bytes)


def is_gzip(path: Path) -> bool:
    if path.name.lower().endswith(".gz"):
        return True
    try:
        with path.open("rb") as f:
            return f.read(2) == GZIP_MAGIC
    except OSError:
        return False


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when it is gzip. Raises InputError when it cannot be opened."""
    try:
        if is_gzip(path):
            return cast(BinaryIO, gzip.open(path, "rb"))
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", hint="check the path") from None
    except IsADirectoryError:
        raise InputError(
            f"{path} is a folder", hint="pass a file, or use iter_paths to expand folders"
        ) from None
    except OSError as exc:
        raise InputError(
            f"{path}: cannot open ({exc.strerror or exc})", hint="check the file permissions"
        ) from None


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of the (decompressed) file."""
    with open_binary(path) as f:
        try:
            return f.read(size)
        except (OSError, EOFError) as exc:
            raise InputError(
                f"{path}: cannot read the start of the file ({exc})",
                hint="the file is damaged or not really gzip; re-download it or decompress it first",
            ) from None


def sniff_encoding(prefix: bytes, complete: bool = False) -> str:
    """`utf-8-sig` for a BOM, `utf-8` when the prefix decodes, else `cp1252` (latin-1 superset).

    `complete` says the prefix is the whole file, so a multi-byte character cut at its end is an error.
    """
    if prefix.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=complete)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode_head(head: bytes) -> str:
    """Text of a head prefix for sniffing (BOM dropped, a cut multi-byte character at the end tolerated)."""
    encoding = sniff_encoding(head)
    return codecs.getincrementaldecoder(encoding)(errors=BYTES_ERRORS).decode(head, final=False)


def open_text(path: Path, newline: str | None = "") -> TextIO:
    """Open `path` as text: transparent .gz, encoding sniffed (UTF-8, UTF-8 with BOM, else latin-1/cp1252).

    `newline=""` (the default) keeps line endings as they are, which is what the csv module needs; a bad
    byte anywhere in the file is decoded, never raised.
    """
    with open_binary(path) as f:
        try:
            prefix = f.read(SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise InputError(
                f"{path}: cannot read ({exc})", hint="re-download the file or decompress it first"
            ) from None
    encoding = sniff_encoding(prefix, complete=len(prefix) < SNIFF_BYTES)
    return io.TextIOWrapper(open_binary(path), encoding=encoding, errors=BYTES_ERRORS, newline=newline)


# ---------------------------------------------------------------------------------------------- records


def failure(
    source: str,
    path: Path,
    row: int,
    reason: str,
    raw: Mapping[str, Any] | None = None,
    record_id: str | None = None,
) -> RecordFailure:
    return RecordFailure(Provenance(source, str(path), row, record_id), reason, dict(raw or {}))


def guarded(
    source: str,
    path: Path,
    row: int,
    raw: Mapping[str, Any],
    build: Callable[..., Record],
    *args: Any,
    record_id: str | None = None,
) -> Record:
    """`build(*args)`; a RecordError (or a conversion error) becomes a RecordFailure, so reading goes on."""
    try:
        return build(*args)
    except RecordError as exc:
        return failure(source, path, row, str(exc), raw, record_id)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        return failure(
            source,
            path,
            row,
            f"cannot read the record ({type(exc).__name__}: {exc}); "
            "check its fields against the format description (`roledex formats`)",
            raw,
            record_id,
        )


def iter_csv(path: Path, source: str) -> Iterator[tuple[int, dict[str, str] | RecordFailure]]:
    """(row, {column: value}) per CSV data record, as csv.reader yields them (header excluded, 0-based).

    Blank lines are skipped but keep their index (so `row` is always csv.reader's); a record with a wrong
    number of fields or a CSV syntax error becomes a RecordFailure.
    """
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with open_text(path) as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(
                f"{path} is empty", hint="a CSV file needs a header line and data rows"
            ) from None
        except csv.Error as exc:
            raise InputError(
                f"{path}: the header line is not valid CSV ({exc})", hint="check the file"
            ) from None
        header = [h.lstrip("\ufeff") for h in header]
        row = -1
        while True:
            row += 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield (
                    row,
                    failure(
                        source,
                        path,
                        row,
                        f"line {reader.line_num}: not valid CSV ({exc}); fix the quoting of this record",
                    ),
                )
                continue
            if not values or (len(values) == 1 and not values[0].strip()):
                continue
            if len(values) != len(header):
                yield (
                    row,
                    failure(
                        source,
                        path,
                        row,
                        f"line {reader.line_num}: {len(values)} fields where the header has {len(header)}; "
                        "fix the quoting or the separators of this record",
                        {"values": values},
                    ),
                )
                continue
            yield row, dict(zip(header, values, strict=True))


def iter_json_lines(path: Path, source: str) -> Iterator[tuple[int, dict[str, Any] | RecordFailure]]:
    """(row, object) per JSON Lines record; row is the 0-based line number. Blank lines are skipped;
    a line that is not a JSON object becomes a RecordFailure naming the line."""
    with open_text(path, newline=None) as f:
        for row, line in enumerate(f):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield (
                    row,
                    failure(
                        source,
                        path,
                        row,
                        f"line {row + 1} is not valid JSON ({exc}); "
                        "fix or remove the line (one JSON object per line)",
                        {"line": line[:2000]},
                    ),
                )
                continue
            if not isinstance(obj, dict):
                yield (
                    row,
                    failure(
                        source,
                        path,
                        row,
                        f"line {row + 1} is a JSON {type(obj).__name__}, not an "
                        "object; write one {...} posting per line",
                        {"line": line[:2000]},
                    ),
                )
                continue
            yield row, obj


def load_json(path: Path) -> Any:
    """A whole JSON document (formats that are one document); InputError with the position when invalid."""
    with open_text(path, newline=None) as f:
        try:
            return json.load(f)
        except ValueError as exc:
            raise InputError(
                f"{path} is not valid JSON ({exc})",
                hint="fix the file, or re-download it; one bad record cannot be skipped in a "
                "single JSON document",
            ) from None


def csv_header(head: bytes) -> list[str]:
    """The header fields of a CSV file from its first bytes ([] when it does not look like CSV)."""
    text = decode_head(head).lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first or first.lstrip().startswith(("{", "[", "<")):
        return []
    try:
        return next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return []


def strip_gz(name: str) -> str:
    name = name.lower()
    return name[:-3] if name.endswith(".gz") else name


# ---------------------------------------------------------------------------------------------- fields


def clean(value: Any) -> str | None:
    """A stripped string, or None for empty / missing values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def text_field(value: Any) -> str:
    """A free-text field as plain text: line ends normalized to "\n", outer whitespace stripped."""
    if value is None:
        return ""
    text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO date/datetime string or an epoch number (seconds or milliseconds)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    m = _ISO_DATE.match(text)
    if not m:
        if text.isdigit():
            return iso_date(int(text))
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
    except ValueError:
        return None


def as_tags(value: Any) -> tuple[str, ...]:
    """Tags from a list or a comma-separated string, stripped, empties dropped, order kept, no repeats."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value if v is not None]
    out: dict[str, None] = {}
    for item in items:
        tag = item.strip()
        if tag:
            out.setdefault(tag, None)
    return tuple(out)


def require_title(value: Any, field: str) -> str:
    title = clean(value)
    if title is None:
        raise RecordError(
            f"{field} is empty", hint=f"every posting needs a title: fill {field} or drop the record"
        )
    return title


# ---------------------------------------------------------------------------------------------- CSV postings


class CsvPostingAdapter:
    """Base for CSV posting sources: header sniffing, streaming rows, one RawPosting per row.

    Subclasses set `name`, `description`, `source`, `columns` (header names that identify the format,
    compared after stripping) and implement `posting(row, provenance)`.
    """

    name = ""
    description = ""
    source = ""
    columns: frozenset[str] = frozenset()
    id_column: str | None = None

    def sniff(self, path: Path, head: bytes) -> bool:
        header = {h.strip() for h in csv_header(head)}
        return bool(self.columns) and self.columns <= header

    def record_id(self, row: dict[str, str]) -> str | None:
        return clean(row.get(self.id_column)) if self.id_column else None

    def posting(self, row: dict[str, str], provenance: Provenance) -> RawPosting:
        raise NotImplementedError

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        for row, item in iter_csv(path, self.source):
            if not isinstance(item, dict):
                yield item
                continue
            record_id = self.record_id(item)
            prov = Provenance(self.source, file, row, record_id)
            yield guarded(self.source, path, row, item, self.posting, item, prov, record_id=record_id)
