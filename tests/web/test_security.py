"""Untrusted posting text never becomes markup, every response carries the CSP, and links from postings are
only ever http(s)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from roledex.web.security import CSP, description_html, plain_text, safe_url
from tests.web.conftest import ADMIN_TOKEN

DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "style", "base", "form[action^='javascript']")


def executable_markup(html: str) -> list[str]:
    """Every piece of markup in a page that could run script: script-like elements, event-handler attributes,
    javascript:/data: URLs. Our pages have none at all (no JavaScript is served)."""
    tree = LexborHTMLParser(html)
    found = [n.html or "" for sel in DANGEROUS_TAGS for n in tree.css(sel)]
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.lower().startswith("on"):
                found.append(f"{node.tag} {name}={value}")
            url_attribute = name.lower() in ("href", "src", "action", "formaction", "xlink:href")
            if url_attribute and (value or "").strip().lower().startswith(
                ("javascript:", "data:text", "vbscript:")
            ):
                found.append(f"{node.tag} {name}={value}")
    return found


def test_the_job_page_of_a_hostile_posting_has_no_executable_markup(
    client: TestClient, hostile_id: int
) -> None:
    r = client.get(f"/jobs/{hostile_id}")
    assert r.status_code == 200
    assert executable_markup(r.text) == []
    assert "<script" not in r.text.lower()
    assert "Evil Corp" in r.text and "We analyse data all day." in r.text  # the text survives, the markup not
    assert "javascript:" not in r.text  # the posting's own javascript: link is not shown at all
    tree = LexborHTMLParser(r.text)
    assert tree.css_first("h1").text() == '<img src=x onerror="alert(1)">Data Scientist'  # shown as text


@pytest.mark.parametrize(
    "url",
    [
        "/jobs?q=analyse",
        "/jobs?role=data-scientist&level=MI",
        "/api/v1/jobs?q=analyse",
        "/roles/data-scientist@MI",
        "/compare/data-scientist-vs-data-analyst",
        "/jobs/1",  # similar jobs of a data scientist posting may include the hostile one
    ],
)
def test_search_and_article_pages_show_the_hostile_posting_inertly(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    if r.headers["content-type"].startswith("text/html"):
        assert executable_markup(r.text) == []
        assert "<script" not in r.text.lower()


def test_the_hostile_posting_is_found_and_escaped_in_search(client: TestClient) -> None:
    html = client.get("/jobs?q=analyse").text
    assert "&lt;img src=x onerror=" in html  # the title is escaped text
    assert "<mark>analyse</mark>" in html  # matched words are highlighted with our own markup only


@pytest.mark.parametrize("url", ["/", "/jobs", "/api/v1/stats", "/static/site.css", "/no-such-page", "/docs"])
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert csp == CSP
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_no_page_loads_anything_from_another_origin(client: TestClient) -> None:
    for url in (
        "/",
        "/jobs",
        "/compare/ml-engineer-vs-data-scientist",
        "/salaries?title=Research+Engineer",
        "/docs",
    ):
        tree = LexborHTMLParser(client.get(url).text)
        for node in tree.css("link[href], script[src], img[src]"):
            ref = node.attributes.get("href") or node.attributes.get("src") or ""
            assert ref.startswith("/"), ref


# description text: fragments the HTML must contain, fragments it must not
DESCRIPTIONS = [
    ("Build models.\n\nShip them.", ["<p>Build models.</p>", "<p>Ship them.</p>"], []),
    ("Requirements:\n- Python\n- SQL", ["<h3>Requirements</h3>", "<ul><li>Python</li><li>SQL</li></ul>"], []),
    ("ABOUT US\nWe are small.", ["<h3>ABOUT US</h3>"], []),
    ("<script>alert(1)</script>Hello", ["Hello"], ["<script", "alert(1)"]),
    ("<img src=x onerror=alert(1)>Hi", ["Hi"], ["<img", "onerror"]),
    ('<a href="javascript:alert(1)">click</a>', ["click"], ["<a", "javascript:"]),
    ("<style>p{}</style>Text", ["Text"], ["<style", "p{}"]),
    ("Salary < 100k & bonus > 5%", ["Salary &lt; 100k &amp; bonus &gt; 5%"], []),
    ("Use <b onclick=x()>bold</b> here", ["Use bold here"], ["onclick", "<b"]),
    ("&lt;script&gt;alert(1)&lt;/script&gt; literal", ["&lt;script&gt;"], ["<script"]),
]


@pytest.mark.parametrize(("text", "present", "absent"), DESCRIPTIONS)
def test_description_html_builds_markup_only_from_escaped_text(
    text: str, present: list[str], absent: list[str]
) -> None:
    html = str(description_html(text))
    for fragment in present:
        assert fragment in html
    for fragment in absent:
        assert fragment not in html
    assert executable_markup(html) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain & simple", "plain & simple"), ("<p>a</p><p>b</p>", "ab"), ("x &amp; y", "x & y"), ("", "")],
)
def test_plain_text_removes_markup_and_decodes_entities(text: str, expected: str) -> None:
    assert plain_text(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/job/1", "https://example.com/job/1"),
        ("http://example.com", "http://example.com"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("/relative/path", None),
        ("//evil.example/x", None),
        ("https://", None),
        (None, None),
    ],
)
def test_safe_url_keeps_only_absolute_http_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_a_hostile_posting_ingested_through_the_api_stays_inert(admin_client: TestClient) -> None:
    line = {
        "id": "evil-1",
        "title": "Analytics Engineer <script>alert('t')</script>",
        "company": "Bad <img src=x onerror=alert('c')> Inc",
        "description": "<p>Model data with dbt and SQL.</p><script>alert('d')</script>"
        "<img src=x onerror=alert('e')><a href='javascript:alert(1)'>apply</a><p onmouseover='x()'>Hover</p>",
        "url": "javascript:alert('u')",
        "posted_at": "2025-10-01",
    }
    body = (
        json.dumps(line)
        + "\n"
        + json.dumps({**line, "id": "evil-2", "title": "Analytics Engineer II"})
        + "\n"
    ).encode()
    r = admin_client.post(
        "/api/v1/ingest",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        files={"file": ("feed.jsonl", body, "application/x-ndjson")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stored"] >= 1
    hits = admin_client.get("/api/v1/jobs?q=dbt").json()["hits"]
    assert hits
    for hit in hits:
        page = admin_client.get(f"/jobs/{hit['id']}")
        assert page.status_code == 200
        assert executable_markup(page.text) == []
        assert "javascript:" not in page.text
    search = admin_client.get("/jobs?q=dbt")
    assert executable_markup(search.text) == []
