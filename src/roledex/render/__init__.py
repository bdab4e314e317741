"""Renderers of analytics documents: Markdown, HTML and JSON, all from the same document."""

from __future__ import annotations

import json
from typing import Any

from roledex.errors import QueryError

FORMATS = ("md", "html", "json")


def render_document(doc: dict[str, Any], fmt: str, *, base_url: str = "") -> str:
    """Render a comparison/profile document in `fmt` (md, html or json)."""
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "md":
        from roledex.render.markdown import render_markdown

        return render_markdown(doc, base_url=base_url)
    if fmt == "html":
        from roledex.render.html import render_html

        return render_html(doc, base_url=base_url)
    raise QueryError(f"unknown output format '{fmt}'", hint=f"use one of: {', '.join(FORMATS)}")
