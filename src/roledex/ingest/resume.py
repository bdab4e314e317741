"""A resume's text: of a PDF (pypdf) or of a plain-text file, for the personal fit.

Shared by `roledex fit` and the web app's upload. A resume is used for one request and never stored.
"""

from __future__ import annotations

import io
import logging

from roledex.errors import InputError

MAX_RESUME_BYTES = 5 * 1024 * 1024
MAX_PDF_PAGES = 30


def resume_text(filename: str | None, data: bytes) -> str:
    """The text of a resume file; InputError for a file that is not a readable PDF or text."""
    name = (filename or "").lower()
    if data.startswith(b"%PDF") or name.endswith(".pdf"):
        return _pdf_text(data)
    if b"\x00" in data[:4096]:
        raise InputError(
            f"'{filename}' is neither a PDF nor a text file",
            hint="give a PDF or a .txt file, or paste the text",
        )
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 decodes any bytes


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable PDFs warn a lot
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("the PDF is encrypted", hint="use an unprotected PDF or paste the text")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"cannot read the PDF: {exc}", hint="use another PDF or paste the text") from None
    text = "\n".join(pages).strip()
    if not text:
        raise InputError("the PDF has no text layer (a scanned image?)", hint="paste the resume text instead")
    return text
