"""/docs: the API's reference as a plain page built from the OpenAPI description (no Swagger UI: it would
load its JavaScript from a CDN). The machine-readable description is /openapi.json."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from roledex.web.templating import render

router = APIRouter(include_in_schema=False)


def endpoints(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in openapi.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p.get("in", ""),
                    "required": p.get("required", False),
                    "type": _type(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = list((op.get("requestBody") or {}).get("content", {}))
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": body,
                    "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                }
            )
    return out


def _type(schema: dict[str, Any]) -> str:
    if "type" in schema:
        if schema["type"] == "array":
            return f"list of {_type(schema.get('items', {}))}"
        return str(schema["type"])
    if "anyOf" in schema:
        return " or ".join(dict.fromkeys(_type(s) for s in schema["anyOf"] if s.get("type") != "null"))
    return "value"


@router.get("/docs")
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    return render(
        request,
        "docs.html",
        {"nav": "api", "endpoints": endpoints(spec), "info": spec.get("info", {})},
    )
