"""ASGI middleware of the web app: cached pages served from the event loop, and HEAD answered like GET.

(The security headers are in security.py.)
"""

from __future__ import annotations

from starlette.datastructures import URL, Headers
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from roledex.web.state import AppState


class CachedPages:
    """Serve a GET page already in the page cache straight from the event loop: no routing, no thread hop.

    Only addresses that a page handler rendered and cached (canonical addresses of successful GET pages) are
    ever found; everything else goes to the app as usual.
    """

    def __init__(self, app: ASGIApp, state: AppState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and self.state.pages.size > 0:
            gzipped = "gzip" in Headers(scope=scope).get("accept-encoding", "")
            page = self.state.cached_page(scope["path"], URL(scope=scope).query, gzipped=gzipped)
            if isinstance(page, bytes):  # compressed once per page, not once per request
                headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
                await Response(page, media_type="text/html", headers=headers)(scope, receive, send)
                return
            if page is not None:
                await HTMLResponse(page)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """Answer HEAD like GET without the body (FastAPI routes declare GET only; link checkers send HEAD)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
