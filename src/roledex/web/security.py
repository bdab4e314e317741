"""Security at the edge: response headers (CSP), untrusted posting text, links, and the admin token.

- Every response carries a Content-Security-Policy that allows no inline script and nothing from another
  origin: `script-src 'self'` (the site needs no JavaScript at all), styles only from /static, images
  from the site or data: URLs (the charts are inline SVG markup, not images).
- Posting descriptions are untrusted. Adapters store them as plain text, but a feed can still carry
  markup. `description_html` strips any markup with nh3 (script and style content dropped), then builds
  paragraphs, headings and lists from the plain text with every piece escaped, and passes the result
  through nh3 again with a small allow-list as a second line of defence. No attribute survives, so no
  event handler and no link (javascript: or otherwise) can come from a posting.
- A posting's own link is shown only when it is an http(s) URL.
- Writes (upload a file to ingest) are refused unless `settings.admin_token` is set, and then need
  `Authorization: Bearer <token>` (compared in constant time).
"""

from __future__ import annotations

import hmac
import html
import re
from typing import Any
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from roledex.web.errors import Forbidden

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task like BaseHTTPMiddleware): adds SECURITY_HEADERS."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- untrusted text ----------------------------------------------------------------------------------------
_LOOKS_LIKE_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|&[#a-zA-Z0-9]+;")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●‣–—+]|\d{1,2}[.)])\s+")
_HEADING_MAX = 80
_ALLOWED_TAGS = {"p", "ul", "ol", "li", "h3", "br", "strong"}


def plain_text(text: str | None) -> str:
    """The text of a posting field with any markup removed (script/style content dropped, entities decoded)."""
    if not text:
        return ""
    if _LOOKS_LIKE_MARKUP.search(text):
        cleaned = nh3.clean(text, tags=set(), attributes={}, clean_content_tags={"script", "style"})
        text = html.unescape(cleaned)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_heading(line: str, standalone: bool) -> bool:
    """A line that reads as a heading: "Requirements:", "ABOUT THE ROLE", or, opening a block (after a blank
    line), a short capitalized line without digits or sentence punctuation ("What you'll do")."""
    s = line.strip().strip("*#").strip()
    if not s or len(s) > _HEADING_MAX:
        return False
    words = s.split()
    if s.endswith(":") and len(words) <= 8:
        return True
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 4 and s.isupper() and len(words) <= 8:
        return True
    return (
        standalone
        and len(words) <= 6
        and s[0].isupper()
        and s[-1] not in ".,;!?)"
        and not any(ch.isdigit() for ch in s)
    )


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Paragraph ('p'), heading ('h') and list ('ul') blocks of plain text."""
    blocks: list[tuple[str, list[str]]] = []
    para: list[str] = []
    lines = text.split("\n")

    def end_para() -> None:
        if para:
            blocks.append(("p", [" ".join(para)]))
            para.clear()

    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            end_para()
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            end_para()
            item = raw[bullet.end() :].strip()
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(item)
            else:
                blocks.append(("ul", [item]))
            continue
        before = i == 0 or not lines[i - 1].strip()
        if not para and _is_heading(line, before):
            blocks.append(("h", [line.strip("*#").strip().rstrip(":")]))
        else:
            para.append(line.strip("*").strip() if line.startswith("**") else line)
    end_para()
    return blocks


def description_html(text: str | None) -> Markup:
    """Safe HTML for a posting description: paragraphs, headings and bullet lists from its plain text."""
    parts: list[str] = []
    for kind, lines in _blocks(plain_text(text)):
        esc = [html.escape(x, quote=True) for x in lines if x]
        if not esc:
            continue
        if kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{x}</li>" for x in esc) + "</ul>")
        elif kind == "h":
            parts.append(f"<h3>{esc[0]}</h3>")
        else:
            parts.append(f"<p>{esc[0]}</p>")
    cleaned = nh3.clean("\n".join(parts), tags=_ALLOWED_TAGS, attributes={}, link_rel=None)
    return Markup(cleaned)  # built from escaped text, then cleaned by nh3 with no attributes


def safe_url(url: Any) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (javascript:, data:, relative ... are dropped)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if any(ord(c) < 33 for c in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


# -- the admin token ---------------------------------------------------------------------------------------
def check_admin(token: str | None, authorization: str | None) -> None:
    """Raise Forbidden unless writes are enabled and the request carries the token."""
    if not token:
        raise Forbidden(
            "writes are disabled on this server",
            hint="start the server with ROLEDEX_ADMIN_TOKEN set to enable uploads, then send "
            "'Authorization: Bearer <token>'",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Forbidden(
            "this write needs the admin token", hint="send the header 'Authorization: Bearer <token>'"
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Forbidden("the admin token is wrong", hint="send the token the server was started with")
