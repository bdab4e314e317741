"""API: personal fit of a resume (JSON `{"resume": "...", "roles": [...]}`, a multipart upload of a PDF or
text file in `file` (or text in `resume`), or a text/plain body)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse

from roledex.analytics.fit import personal_fit
from roledex.errors import InputError
from roledex.web.errors import TooLarge
from roledex.web.resume import MAX_RESUME_BYTES, resume_text

router = APIRouter(prefix="/api/v1", tags=["fit"])

_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["resume"],
                    "properties": {
                        "resume": {"type": "string", "description": "The resume as plain text."},
                        "roles": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Only these role ids.",
                        },
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A PDF or .txt resume.",
                        },
                        "resume": {"type": "string", "description": "Or the resume as text."},
                    },
                }
            },
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


async def _read(request: Request) -> tuple[str, list[str]]:
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_RESUME_BYTES + 64 * 1024:
        raise TooLarge(f"the request is {size / 1e6:.1f} MB; the limit is 5 MB", hint="send a smaller file")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body: Any = json.loads(await request.body())
        except ValueError as exc:
            raise InputError(f"the body is not valid JSON: {exc}", hint='send {"resume": "..."}') from None
        if not isinstance(body, dict) or not isinstance(body.get("resume"), str):
            raise InputError("the JSON body has no 'resume' text", hint='send {"resume": "..."}')
        roles = body.get("roles") or []
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise InputError("'roles' must be a list of role ids", hint='e.g. "roles": ["ml-engineer"]')
        return body["resume"], roles
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(MAX_RESUME_BYTES + 1)
            return resume_text(upload.filename, data), []
        text = form.get("resume")
        return (text if isinstance(text, str) else ""), []
    if kind in ("text/plain", ""):
        return (await request.body()).decode("utf-8", errors="replace"), []
    raise InputError(
        f"unsupported content type '{kind}'", hint="send application/json, multipart/form-data or text/plain"
    )


@router.post(
    "/fit",
    summary="Roles a resume fits, the skills it lacks for each, and matching jobs",
    openapi_extra=_BODY,
)
async def fit(request: Request) -> JSONResponse:
    """The resume is used for this request only: it is neither stored nor logged."""
    state = request.app.state.roledex
    text, roles = await _read(request)
    result = await run_in_threadpool(personal_fit, state.store, text, state.taxonomy, roles=roles)
    return JSONResponse(result, headers={"Cache-Control": "no-store"})
