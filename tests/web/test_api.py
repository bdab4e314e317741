"""The JSON API, in process: every endpoint answers, every error has the one shape, and the API gives the
same numbers as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import ADMIN_TOKEN


def assert_error_shape(body: dict[str, Any], status: int) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "fix"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert body["error"]["fix"] is None or isinstance(body["error"]["fix"], str)


# url: keys the JSON body must have
OK = [
    ("/api/v1/roles", {"roles", "levels"}),
    ("/api/v1/roles/ml-engineer", {"title", "roles", "sections", "conclusion", "data", "url"}),
    ("/api/v1/roles/ml-engineer@SE", {"title", "roles", "sections"}),
    ("/api/v1/compare?roles=ml-engineer@SE,ml-research-engineer", {"title", "roles", "sections", "url"}),
    ("/api/v1/compare?roles=data-scientist,data-analyst&country=US", {"filters", "sections"}),
    ("/api/v1/compare?roles=data-scientist,data-analyst&since=2024-01-01", {"filters"}),
    ("/api/v1/salaries?title=Research+Engineer&by=level", {"query", "layers", "nearby", "notes", "url"}),
    ("/api/v1/salaries?role=data-scientist&level=SE&by=year", {"layers"}),
    ("/api/v1/jobs", {"total", "hits", "facets", "page", "pages", "url", "next", "prev"}),
    ("/api/v1/jobs?q=ranking+models&level=SE&sort=date", {"total", "hits"}),
    ("/api/v1/jobs?skills=python,sql&min_salary=100000", {"total", "hits"}),
    ("/api/v1/jobs?skills=python&skills=sql&remote=remote&country=us", {"total"}),
    ("/api/v1/jobs/1", {"id", "title", "description", "skills", "provenance", "similar", "url"}),
    ("/api/v1/stats", {"postings", "salary_records", "roles"}),
]


@pytest.mark.parametrize(("url", "keys"), OK)
def test_endpoints_answer_with_their_documents(client: TestClient, url: str, keys: set[str]) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert keys <= set(r.json())


# url: status, a word the message must contain
ERRORS = [
    ("/api/v1/roles/no-such-role", 404, "no-such-role"),
    ("/api/v1/roles/ml-engineer@XX", 422, "level"),
    ("/api/v1/compare?roles=ml-engineer,no-such-role", 404, "no-such-role"),
    ("/api/v1/compare?roles=ml-engineer", 422, "at least 2"),
    ("/api/v1/compare", 422, "roles"),
    ("/api/v1/compare?roles=a,b,c,d,e,f", 422, "at most"),
    ("/api/v1/compare?roles=ml-engineer,data-scientist&country=USA", 422, "country"),
    ("/api/v1/compare?roles=ml-engineer,data-scientist&since=yesterday", 422, "since"),
    ("/api/v1/jobs?level=XX", 422, "level"),
    ("/api/v1/jobs?role=no-such-role", 404, "no-such-role"),
    ("/api/v1/jobs?min_salary=-5", 422, "salary"),
    ("/api/v1/jobs?min_salary=lots", 422, "min_salary"),
    ("/api/v1/jobs?page=0", 422, "page"),
    ("/api/v1/jobs?page=99", 422, "beyond the last page"),
    ("/api/v1/jobs?page=two", 422, "page"),
    ("/api/v1/jobs?per_page=1000", 422, "per_page"),
    ("/api/v1/jobs?sort=cheapest", 422, "sort"),
    ("/api/v1/jobs?skills=no-such-skill", 422, "skill"),
    ("/api/v1/jobs?posted_since=last-week", 422, "posted_since"),
    ("/api/v1/jobs?country=123", 422, "country"),
    ("/api/v1/jobs/999999", 404, "999999"),
    ("/api/v1/jobs/abc", 422, "job_id"),
    ("/api/v1/salaries?level=ZZ", 422, "level"),
    ("/api/v1/salaries?role=nope", 404, "nope"),
    ("/api/v1/salaries?title=Data+Scientist&role=data-scientist", 422, "not both"),
    ("/api/v1/salaries?year=1800", 422, "year"),
    ("/api/v1/salaries?remote=30", 422, "remote"),
    ("/api/v1/salaries?by=colour", 422, "group"),
    ("/api/v1/no-such-endpoint", 404, "nothing at"),
]


@pytest.mark.parametrize(("url", "status", "word"), ERRORS)
def test_every_error_has_the_one_shape(client: TestClient, url: str, status: int, word: str) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert_error_shape(body, status)
    assert word.lower() in (body["error"]["message"] + " " + (body["error"]["fix"] or "")).lower()


def test_an_unknown_role_names_the_nearest_roles(client: TestClient) -> None:
    body = client.get("/api/v1/roles/data-scienist").json()
    assert "data-scientist" in body["error"]["fix"]


def test_method_not_allowed_and_server_errors_have_the_shape(client: TestClient) -> None:
    r = client.delete("/api/v1/roles")
    assert_error_shape(r.json(), 405)


@pytest.mark.parametrize(
    ("headers", "status", "word"),
    [
        ({}, 403, "token"),
        ({"Authorization": "Bearer wrong"}, 403, "wrong"),
        ({"Authorization": "Basic abc"}, 403, "bearer"),
    ],
)
def test_ingest_needs_the_admin_token(
    admin_client: TestClient, headers: dict[str, str], status: int, word: str
) -> None:
    r = admin_client.post("/api/v1/ingest", headers=headers, files={"file": ("x.csv", b"a,b\n1,2\n")})
    assert r.status_code == status
    assert_error_shape(r.json(), status)
    assert word in (r.json()["error"]["message"] + r.json()["error"]["fix"]).lower()


def test_ingest_is_off_without_a_configured_token(client: TestClient) -> None:
    r = client.post(
        "/api/v1/ingest", headers={"Authorization": "Bearer anything"}, files={"file": ("x", b"")}
    )
    assert r.status_code == 403
    assert "disabled" in r.json()["error"]["message"]


SALARY_CSV = (
    "work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,"
    "employee_residence,remote_ratio,company_location,company_size\n"
    + "".join(f"2024,EX,FT,Head of Data,{200000 + i},USD,{200000 + i},US,0,US,L\n" for i in range(6))
)


def test_ingest_with_the_token_stores_the_file_and_the_pages_see_it(admin_client: TestClient) -> None:
    before = admin_client.get("/api/v1/salaries?title=Head+of+Data").json()
    assert before["layers"][0]["overall"]["n"] == 0
    assert "n=0" in admin_client.get("/salaries?title=Head+of+Data").text  # a page now in the page cache
    r = admin_client.post(
        "/api/v1/ingest",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        files={"file": ("salaries.csv", SALARY_CSV.encode(), "text/csv")},
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["stored"] == 6 and report["balanced"]
    assert "/" not in report["file"]  # no server folders in the answer
    after = admin_client.get("/api/v1/salaries?title=Head+of+Data").json()
    assert after["layers"][0]["overall"]["n"] == 6
    assert "n=6" in admin_client.get("/salaries?title=Head+of+Data").text  # the cached page was not reused


def test_an_unreadable_upload_is_a_422(admin_client: TestClient) -> None:
    r = admin_client.post(
        "/api/v1/ingest",
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        files={"file": ("mystery.bin", b"\x00\x01\x02 nothing anyone can read", "application/octet-stream")},
    )
    assert r.status_code == 422
    assert_error_shape(r.json(), 422)


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"resume": "Python, SQL, PyTorch and Docker on AWS; statistics."}}, 200),
        (
            {
                "content": b"I write SQL and build Tableau dashboards in Excel.",
                "headers": {"content-type": "text/plain"},
            },
            200,
        ),
        ({"files": {"file": ("cv.txt", b"Python, PyTorch, deep learning, C++")}}, 200),
        ({"json": {"resume": ""}}, 422),
        ({"json": {"text": "no resume key"}}, 422),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ({"files": {"file": ("cv.pdf", b"%PDF-1.4 broken")}}, 422),
        ({"json": {"resume": "Python", "roles": ["no-such-role"]}}, 404),
    ],
)
def test_fit(client: TestClient, kwargs: dict[str, Any], status: int) -> None:
    r = client.post("/api/v1/fit", **kwargs)
    assert r.status_code == status, r.text
    if status == 200:
        body = r.json()
        assert body["skills"] and body["roles"]
        assert r.headers["cache-control"] == "no-store"
    else:
        assert_error_shape(r.json(), status)


def test_the_api_and_the_page_show_the_same_numbers(client: TestClient) -> None:
    api = client.get("/api/v1/jobs?q=ranking&level=SE").json()
    page = client.get("/jobs?q=ranking&level=SE").text
    assert f"{api['total']} job" in page
    for hit in api["hits"]:
        assert f'href="/jobs/{hit["id"]}"' in page
    doc = client.get("/api/v1/compare?roles=data-scientist,data-analyst").json()
    html = client.get("/compare/data-scientist-vs-data-analyst").text
    assert doc["title"] in html
    for role in doc["roles"]:
        assert f"<strong>{role['n_postings']:,}</strong>" in html


def test_facet_links_lead_to_the_counted_results(client: TestClient) -> None:
    body = client.get("/api/v1/jobs?q=models").json()
    for level, n in body["facets"]["level"].items():
        assert client.get(f"/api/v1/jobs?q=models&level={level}").json()["total"] == n


def test_openapi_lists_every_endpoint_and_docs_need_no_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in (
        "/api/v1/roles",
        "/api/v1/roles/{role}",
        "/api/v1/compare",
        "/api/v1/salaries",
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}",
        "/api/v1/stats",
        "/api/v1/fit",
        "/api/v1/ingest",
    ):
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text
    assert "<script" not in docs.text and "cdn" not in docs.text.lower()
