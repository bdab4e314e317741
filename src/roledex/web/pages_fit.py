"""Personal fit: /fit shows a form; posting a resume (pasted text, or a PDF or text file) shows the roles it
fits, the skills each one asks for that the resume lacks, and matching open jobs.

The result is not a shareable URL on purpose: a resume is personal, so it travels in a POST body and is
neither stored nor logged.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from roledex.analytics.fit import personal_fit
from roledex.errors import RoledexError
from roledex.web.errors import status_for
from roledex.web.resume import MAX_RESUME_BYTES, resume_text
from roledex.web.state import StateDep
from roledex.web.templating import render

router = APIRouter(include_in_schema=False)


def read_resume(text: str | None, upload: UploadFile | None) -> str:
    """The resume text: the uploaded file when there is one, else the pasted text."""
    if upload is not None and upload.filename:
        data = upload.file.read(MAX_RESUME_BYTES + 1)
        if data:
            return resume_text(upload.filename, data)
    return text or ""


@router.get("/fit")
def fit_form(request: Request) -> Response:
    return render(request, "fit.html", {"nav": "fit"})


@router.post("/fit")
def fit_result(
    state: StateDep,
    request: Request,
    resume: str = Form(""),
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    context: dict[str, Any] = {"nav": "fit", "resume": resume}
    try:
        text = read_resume(resume, file)
        context["result"] = personal_fit(state.store, text, state.taxonomy)
    except RoledexError as exc:
        context["error"] = {"message": exc.message, "fix": exc.hint}
        return render(request, "fit.html", context, status_code=status_for(exc))
    return render(request, "fit.html", context, headers={"Cache-Control": "no-store"})
