"""One exception tree for the whole library.

    RoledexError                  base: every error roledex raises on purpose
    ├── InputError                bad input; the message names the record and the fix
    │   ├── UnknownFormatError    a file no adapter recognises (lists the formats and --format)
    │   ├── RecordError           one record cannot be read (source_row + reason); ingest keeps going
    │   └── SalaryParseError      a salary text that cannot be understood
    ├── TaxonomyError             the taxonomy data is missing or inconsistent
    ├── StoreError                the database cannot be opened, migrated or written
    │   └── NotFoundError         an id that is not in the store
    └── QueryError                a query (role, level, filter) that is not valid; says what is

The CLI turns these into messages and exit codes; the web app turns them into the one JSON error shape.
"""

from __future__ import annotations


class RoledexError(Exception):
    """Base of every error roledex raises on purpose. `hint` says how to recover."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(RoledexError):
    """Input that roledex cannot use as it is."""


class UnknownFormatError(InputError):
    """A file whose format no adapter recognises."""


class RecordError(InputError):
    """One record that cannot be read; carries its row so the caller can report it."""

    def __init__(self, message: str, *, row: int | str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.row = row


class SalaryParseError(InputError):
    """A salary text that cannot be understood."""


class TaxonomyError(RoledexError):
    """The taxonomy data is missing or inconsistent."""


class StoreError(RoledexError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(StoreError):
    """An id that is not in the store."""


class QueryError(RoledexError):
    """A query that is not valid: unknown role, bad level code, negative salary, page out of range."""
