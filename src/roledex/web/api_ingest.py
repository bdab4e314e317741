"""API: upload a file to ingest (POST /api/v1/ingest). Off unless the server has an admin token; then the
request needs `Authorization: Bearer <token>`. The token is checked before the body is read.

The file goes through the same pipeline as `roledex ingest` (format detection, normalize, extract, store,
refresh of the role aggregates), in one worker process, one ingest at a time. The read-only connections
of the pages see the new data at their next query, and every cache keyed by the data fingerprint refreshes.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse

from roledex.errors import InputError
from roledex.web.errors import TooLarge
from roledex.web.security import check_admin
from roledex.web.state import AppState

router = APIRouter(prefix="/api/v1", tags=["admin"])

MAX_UPLOAD_BYTES = 512 * 1024 * 1024
_CHUNK = 1024 * 1024
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "format": {
                            "type": "string",
                            "description": "Force the input format (see `roledex formats`).",
                        },
                    },
                }
            }
        },
    }
}


def safe_name(name: str | None) -> str:
    base = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")[:120] or "upload"


def run_ingest(state: AppState, path: Path, fmt: str | None) -> dict[str, Any]:
    from roledex.analytics.profiles import refresh_aggregates
    from roledex.pipeline.local import ingest_path
    from roledex.store.sqlite import SQLiteStore

    settings = dataclasses.replace(state.settings, workers=1)  # no process pool inside a threaded server
    with state.ingest_lock:
        store = SQLiteStore(settings.db_path)
        try:
            report = ingest_path(path, store, settings, fmt=fmt)
            refreshed = refresh_aggregates(store.conn)
        finally:
            store.close()
    out = report.to_dict()
    out["file"] = path.name
    out["rejects_file"] = Path(out["rejects_file"]).name if out.get("rejects_file") else None
    out["aggregates_refreshed"] = refreshed
    return out


@router.post(
    "/ingest",
    summary="Upload a file of postings or salary records to ingest (admin token)",
    openapi_extra=_BODY,
)
async def ingest(request: Request) -> JSONResponse:
    state: AppState = request.app.state.roledex
    check_admin(state.settings.admin_token, request.headers.get("authorization"))
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_UPLOAD_BYTES:
        raise TooLarge(
            f"the upload is {size / 1e6:.0f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB",
            hint="split the file",
        )
    form = await request.form(max_files=1, max_fields=5)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError(
            "no file in the upload", hint="send multipart/form-data with the file in the field 'file'"
        )
    fmt = form.get("format")
    folder = Path(tempfile.mkdtemp(prefix="roledex-upload-"))
    try:
        path = folder / safe_name(upload.filename)
        with path.open("wb") as out:
            while chunk := await upload.read(_CHUNK):
                out.write(chunk)
        report = await run_in_threadpool(
            run_ingest, state, path, fmt if isinstance(fmt, str) and fmt else None
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return JSONResponse(report)
