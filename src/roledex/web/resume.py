"""A resume from an upload: the size limit of the web app, then roledex.ingest.resume reads the file.

The resume is used for one request and never stored or logged.
"""

from __future__ import annotations

from roledex.ingest.resume import MAX_RESUME_BYTES
from roledex.ingest.resume import resume_text as _file_text
from roledex.web.errors import TooLarge


def resume_text(filename: str | None, data: bytes) -> str:
    """The text of an uploaded resume: TooLarge (413) past 5 MB, InputError (422) for an unreadable file."""
    if len(data) > MAX_RESUME_BYTES:
        raise TooLarge(
            f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_RESUME_BYTES // 1024 // 1024} MB",
            hint="upload a smaller file or paste the resume text",
        )
    return _file_text(filename, data)
