"""The pages, in process: they render, their markup is accessible (one h1, headings in order, labelled
inputs, alt text, text alternatives for charts), their URLs are canonical, and errors render as pages."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

PAGES = [
    ("/", "Know the role"),
    ("/roles", "Roles"),
    ("/roles/ml-engineer", "Machine Learning Engineer"),
    ("/roles/ml-engineer@SE", "Senior-level / Expert"),
    ("/compare", "Compare roles"),
    ("/compare/ml-engineer@SE-vs-ml-research-engineer", "vs."),
    ("/compare/data-scientist-vs-data-analyst-vs-ml-engineer", "Data Analyst"),
    ("/compare/data-scientist-vs-data-analyst?country=US", "country US"),
    ("/jobs", "Jobs"),
    ("/jobs?q=ranking+models", "ranking models"),
    ("/jobs?level=SE&skills=python&sort=salary", "Highest salary"),
    ("/jobs/1", "Junior Machine Learning Engineer"),
    ("/salaries", "Salaries"),
    ("/salaries?title=Research+Engineer&by=level", "Research Engineer"),
    ("/salaries?role=data-scientist&by=year", "Data Scientist"),
    ("/salaries?title=Chief+Vibes+Officer", "Salaries"),
    ("/fit", "resume"),
    ("/docs", "JSON API"),
]


def heading_levels(tree: HTMLParser) -> list[int]:
    return [int(n.tag[1]) for n in tree.css("h1, h2, h3, h4, h5, h6")]


def unlabelled_controls(tree: HTMLParser) -> list[str]:
    labelled_ids = {n.attributes.get("for") for n in tree.css("label[for]")}
    missing = []
    for node in tree.css("input, select, textarea"):
        if node.attributes.get("type") in ("hidden", "submit"):
            continue
        if node.attributes.get("aria-label") or node.attributes.get("id") in labelled_ids:
            continue
        parent = node.parent
        while parent is not None and parent.tag != "label":
            parent = parent.parent
        if parent is None:
            missing.append(node.html or "")
    return missing


@pytest.mark.parametrize(("url", "text"), PAGES)
def test_pages_render_with_accessible_markup(client: TestClient, url: str, text: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert text.lower() in r.text.lower()
    tree = HTMLParser(r.text)
    assert tree.css_first("html").attributes.get("lang") == "en"
    assert len(tree.css("h1")) == 1
    levels = heading_levels(tree)
    assert levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, f"heading h{after} follows h{before} on {url}"
    assert unlabelled_controls(tree) == []
    for img in tree.css("img"):
        assert "alt" in img.attributes
    for chart in tree.css("figure.chart"):
        alt = chart.css_first(".chart-svg")
        assert alt.attributes.get("role") == "img" and len(alt.attributes.get("aria-label") or "") > 20
        assert chart.css_first("svg") is not None and chart.css_first("details table") is not None
    assert tree.css_first('meta[name="viewport"]') is not None
    assert "content-security-policy" in r.headers


def test_a_comparison_page_has_its_charts(client: TestClient) -> None:
    tree = HTMLParser(client.get("/compare/ml-engineer@SE-vs-ml-research-engineer").text)
    ids = {n.attributes.get("id") for n in tree.css("figure.chart")}
    assert {
        "chart-skills",
        "chart-salary-survey",
        "chart-education",
        "chart-experience",
        "chart-demand",
    } <= ids


# given url: where it redirects (every page has one canonical, shareable URL)
REDIRECTS = [
    ("/jobs?q=python&role=&level=", "/jobs?q=python"),
    ("/jobs?level=se&country=us", "/jobs?level=SE&country=US"),
    ("/jobs?skills=python,sql", "/jobs?skills=python&skills=sql"),
    ("/jobs?page=1&sort=relevance", "/jobs"),
    ("/salaries?title=Research+Engineer&level=&by=level", "/salaries?title=Research+Engineer&by=level"),
    ("/roles/ml-engineer@se", "/roles/ml-engineer@SE"),
    ("/roles/ml-engineer?country=us", "/roles/ml-engineer?country=US"),
    ("/compare/ml-engineer@se-vs-data-scientist", "/compare/ml-engineer@SE-vs-data-scientist"),
    ("/compare?a=ml-engineer&b=data-scientist", "/compare/ml-engineer-vs-data-scientist"),
    (
        "/compare?a=ml-engineer&a_level=SE&b=ml-research-engineer",
        "/compare/ml-engineer@SE-vs-ml-research-engineer",
    ),
    (
        "/compare?roles=data-scientist,data-analyst&country=de",
        "/compare/data-scientist-vs-data-analyst?country=DE",
    ),
    ("/compare/data-scientist", "/roles/data-scientist"),
    ("/compare?a=Senior+Data+Scientist&b=Data+Analyst", "/compare/data-scientist@SE-vs-data-analyst"),
    # the seed article, with titles written into the address
    (
        "/compare/lead-machine-learning-engineer-vs-research-engineer",
        "/compare/ml-engineer@SE-vs-ml-research-engineer",
    ),
    ("/roles/lead-machine-learning-engineer", "/roles/ml-engineer@SE"),
]


@pytest.mark.parametrize(("url", "location"), REDIRECTS)
def test_pages_redirect_to_their_canonical_url(client: TestClient, url: str, location: str) -> None:
    r = client.get(url, follow_redirects=False)
    assert r.status_code in (301, 302, 303), r.text[:300]
    assert r.headers["location"] == location
    assert client.get(location, follow_redirects=False).status_code == 200


# url: status, text the error page shows
PAGE_ERRORS = [
    ("/compare/data-scienist-vs-data-analyst", 404, "/compare/data-scientist-vs-data-analyst"),
    ("/roles/no-such-role", 404, "no role matches"),
    ("/roles/ml-engineer@XX", 422, "levels are EN, MI, SE and EX"),
    ("/jobs/999999", 404, "no job with id 999999"),
    ("/jobs?level=XX", 422, "unknown level"),
    ("/jobs?min_salary=-1", 422, "non-negative"),
    ("/jobs?page=99", 422, "beyond the last page"),
    ("/jobs?role=data-scienist", 404, "data-scientist"),
    ("/salaries?year=abc", 422, "whole number"),
    ("/compare/ml-engineer-vs-data-scientist?since=soon", 422, "YYYY-MM-DD"),
    ("/no/such/page", 404, "nothing at /no/such/page"),
]


@pytest.mark.parametrize(("url", "status", "text"), PAGE_ERRORS)
def test_errors_render_as_pages_that_say_how_to_fix_them(
    client: TestClient, url: str, status: int, text: str
) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert text in r.text
    assert len(HTMLParser(r.text).css("h1")) == 1


def test_job_cards_show_type_level_and_salary_like_a_job_board(client: TestClient) -> None:
    html = client.get("/jobs?role=ml-engineer&level=SE&sort=salary").text
    assert "Full Time" in html and "Senior-level / Expert" in html
    assert re.search(r"USD \d{3}K - \d{3}K", html)


def test_facets_are_links_with_counts_and_pagination_works(client: TestClient) -> None:
    tree = HTMLParser(client.get("/jobs").text)
    facet_links = [a.attributes["href"] for a in tree.css(".facet a")]
    assert "/jobs?role=ml-engineer" in facet_links and "/jobs?level=SE" in facet_links
    nxt = tree.css_first('a[rel="next"]')
    assert nxt is not None and nxt.attributes["href"] == "/jobs?page=2"
    page2 = client.get("/jobs?page=2")
    assert page2.status_code == 200 and 'rel="prev"' in page2.text


def test_the_job_page_shows_what_was_extracted_and_similar_jobs(client: TestClient) -> None:
    html = client.get("/jobs/15").text
    for text in ("Skills asked for", "PyTorch", "Minimum degree", "Where this comes from", "Similar jobs"):
        assert text in html
    tree = HTMLParser(html)
    assert tree.css(".description h3") and tree.css(".description li")  # headings and bullets from plain text


def _pdf(text: str) -> bytes:
    """A one-page PDF with a text layer (built by hand: no PDF writer needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.mark.parametrize(
    ("form", "files", "status", "text"),
    [
        (
            {"resume": "Python, SQL, PyTorch and Docker on AWS. Statistics and A/B testing."},
            None,
            200,
            "Roles that fit best",
        ),
        (
            {"resume": ""},
            {"file": ("cv.pdf", _pdf("Python SQL PyTorch deep learning"), "application/pdf")},
            200,
            "PyTorch",
        ),
        (
            {"resume": ""},
            {"file": ("cv.txt", b"Tableau, Excel and SQL reports", "text/plain")},
            200,
            "Tableau",
        ),
        ({"resume": ""}, None, 422, "the resume is empty"),
        ({"resume": ""}, {"file": ("cv.pdf", b"%PDF-1.4 not really", "application/pdf")}, 422, "PDF"),
        (
            {"resume": ""},
            {"file": ("cv.bin", b"\x00\x01\x02\x03", "application/octet-stream")},
            422,
            "neither a PDF",
        ),
    ],
)
def test_fit_takes_pasted_text_or_an_uploaded_file(
    client: TestClient,
    form: dict[str, str],
    files: dict[str, tuple[str, bytes, str]] | None,
    status: int,
    text: str,
) -> None:
    r = client.post("/fit", data=form, files=files)
    assert r.status_code == status, r.text[:500]
    assert text in r.text


@pytest.mark.parametrize(
    "url", ["/", "/jobs?q=models", "/compare/data-scientist-vs-data-analyst", "/api/v1/stats"]
)
def test_head_requests_answer_like_get_without_a_body(client: TestClient, url: str) -> None:
    r = client.head(url)
    assert r.status_code == 200 and r.content == b""
    assert "content-security-policy" in r.headers


def test_a_cached_page_is_the_same_page_compressed_or_not(client: TestClient) -> None:
    url = "/compare/data-scientist-vs-data-analyst?country=US"
    first = client.get(url, headers={"accept-encoding": "identity"})
    again = [client.get(url, headers={"accept-encoding": enc}) for enc in ("gzip", "identity", "gzip")]
    assert {r.text for r in again} == {first.text}
    assert [r.headers.get("content-encoding") for r in again] == ["gzip", None, "gzip"]
    assert all("content-security-policy" in r.headers for r in again)
