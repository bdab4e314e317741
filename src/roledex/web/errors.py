"""One error shape for the API and one error page for the site.

Every API error, whatever raised it (a library error, a validation error of FastAPI, a 404 for an unknown
path, an unexpected exception), answers

    {"error": {"status": 422, "message": "unknown level 'XX'", "fix": "use one of: EN, MI, SE, EX"}}

and every page error renders `error.html` with the same three things, plus links to the nearest roles when
a role was not found. Status codes: 404 for an id or role that does not exist, 422 for input that is not
valid, 403 for a write without the admin token, 413 for an upload too large, 503 when the database cannot
be read, 500 for anything unexpected.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from roledex.errors import (
    InputError,
    NotFoundError,
    QueryError,
    RoledexError,
    StoreError,
    TaxonomyError,
)

log = logging.getLogger("roledex.web")


class RoleNotFound(NotFoundError):
    """A role (id, role@LEVEL or title) that matches nothing; carries the nearest role ids."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        near = ", ".join(suggestions)
        super().__init__(
            f"no role matches '{text}'",
            hint=f"did you mean: {near}? Use a role id such as ml-engineer or ml-engineer@SE"
            if suggestions
            else "use a role id such as ml-engineer or ml-engineer@SE",
        )
        self.text = text
        self.suggestions = suggestions


class Forbidden(RoledexError):
    """A write without the admin token, or with a wrong one."""


class TooLarge(InputError):
    """An upload over the size limit."""


def status_for(exc: RoledexError) -> int:
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, TaxonomyError) and exc.message.startswith("unknown role"):
        return 404
    if isinstance(exc, QueryError | InputError):
        return 422
    if isinstance(exc, StoreError):
        return 503
    return 500


def error_body(status: int, message: str, fix: str | None) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, "fix": fix}}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def error_response(
    request: Request, status: int, message: str, fix: str | None, suggestions: list[str] | None = None
) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if wants_json(request):
        return JSONResponse(error_body(status, message, fix), status_code=status, headers=headers)
    from roledex.web.templating import render

    return render(
        request,
        "error.html",
        {"status": status, "message": message, "fix": fix, "suggestions": suggestions or []},
        status_code=status,
    )


_HTTP_FIXES = {
    404: "check the address; the API lists its endpoints at /docs",
    405: "check the HTTP method; the API lists its endpoints at /docs",
}


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    problems, fixes = [], []
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body", "form")]
        where = loc[-1] if loc else "request"
        problems.append(f"{where}: {err.get('msg', 'invalid')}")
        kind = str(err.get("type", ""))
        if "int" in kind:
            fixes.append(f"give {where} as a whole number")
        elif "float" in kind or "number" in kind:
            fixes.append(f"give {where} as a number")
        elif "missing" in kind:
            fixes.append(f"add {where}")
        else:
            fixes.append(f"check {where}")
    return "; ".join(problems) or "invalid request", "; ".join(dict.fromkeys(fixes)) or "check the request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RoledexError)
    async def roledex_error(request: Request, exc: RoledexError) -> Response:
        status = status_for(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        suggestions = exc.suggestions if isinstance(exc, RoleNotFound) else None
        return error_response(request, status, exc.message, exc.hint, suggestions)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        message, fix = _validation_message(exc)
        return error_response(request, 422, message, fix)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = str(exc.detail) if exc.detail else "error"
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, status, message, _HTTP_FIXES.get(status))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request, 500, "internal error", "try again; if it persists, report it with the address you used"
        )
