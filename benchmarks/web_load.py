"""Load test of the web app: comparison pages and job-search pages under 32 concurrent clients.

    python -m benchmarks.web_load --db /tmp/web.db [--seconds 15] [--connections 32] [--workers 1]
                                  [--tool auto|wrk|python]
    python -m benchmarks.web_load --db /tmp/web.db --cpu [--rounds 5] [--cprofile 30]

Starts `uvicorn roledex.web.app:app_from_env` on a free port of 127.0.0.1 (loopback only), checks that every
URL of the two scenarios answers 200 (each URL canonical, so no redirect is measured), waits for the
server's warm-up, then runs each scenario for a bounded time and prints, per scenario: requests, requests/s,
p50/p95/p99 latency, and errors (connection errors, timeouts and non-2xx answers).

- compare: the popular comparisons and a few others, with and without filters. Comparison documents and
  their rendered articles (with the charts) are memoized per data version, so this measures what a reader
  gets after the first request of a comparison (made before the measurement).
- jobs: job searches with words and two filters, 120 different addresses.

Each scenario runs twice: "cached", the server as it runs (rendered GET pages kept per address and data
version, so a repeated search is a lookup), and "uncached" (ROLEDEX_PAGE_CACHE=0: every request runs the
search -- text match, filters, facets, a page of hits -- and renders the page).

`--cpu` measures instead the CPU time (time.process_time) of each uncached job search in this process, with
no HTTP server and no load generator: every URL of the jobs scenario as a page (/jobs?...) and through the
API (/api/v1/jobs?...), driven straight through the ASGI app, split into search (`data.jobs`), page context
(facet links, pagination, cards as dicts), template rendering (`page_html`) or JSON, and the rest
(routing, middleware, the thread hop: "framework"). Figures are ms per request, the best of `--rounds`
rounds (a shared machine only ever adds time). `--cprofile N` then prints the N functions with the most
own time over one round of pages. This is the figure to compare before and after a change on a busy
machine; the load test is the one the requirement names.

The load comes from wrk (Debian's package; scripts/install-browser-deps.sh installs it) with a Lua script that
cycles through the URLs, or, without wrk, from an asyncio/httpx generator in this process (slower: it shares
the two cores with the server and measures a little more than the server's time).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

COMPARISONS = [
    "/compare/ml-engineer@SE-vs-ml-research-engineer",
    "/compare/data-scientist-vs-data-analyst",
    "/compare/data-engineer-vs-analytics-engineer",
    "/compare/ml-engineer-vs-ai-engineer",
    "/compare/data-scientist-vs-ml-engineer",
    "/compare/ml-engineer@EN-vs-ml-engineer@SE",
    "/compare/data-scientist-vs-data-analyst?country=US",
    "/compare/ml-engineer-vs-mlops-engineer-vs-ai-engineer",
    "/compare/research-scientist-vs-ml-research-engineer",
    "/compare/bi-developer-vs-data-analyst?since=2024-01-01",
    "/compare/ml-engineer@SE-vs-ml-research-engineer?country=US&since=2024-01-01",
    "/compare/data-engineer-vs-analytics-engineer?since=2025-03-15",
    "/compare/ai-engineer-vs-ml-engineer?country=DE",
    "/roles/data-scientist",
    "/roles/ml-engineer@SE",
]
WORDS = [
    "python",
    "machine learning",
    "data",
    "sql",
    "pytorch",
    "spark",
    "analytics",
    "llm",
    "aws",
    "engineer",
    "research",
    "kubernetes",
    "tableau",
    "nlp",
    "computer vision",
    "statistics",
    "dbt",
    "snowflake",
    "recommendation",
    "fraud",
]
FILTER_PAIRS = [
    {"level": "SE", "remote": "remote"},
    {"country": "US", "employment_type": "FT"},
    {"role": "data-scientist", "level": "MI"},
    {"role": "ml-engineer", "country": "US"},
    {"level": "SE", "min_salary": "150000"},
    {"remote": "remote", "skills": "python"},
]


def job_search_urls() -> list[str]:
    urls = []
    for i, word in enumerate(WORDS):
        for j, filters in enumerate(FILTER_PAIRS):
            params = {"q": word, **filters}
            if (i + j) % 5 == 0:
                params["sort"] = "date"
            urls.append("/jobs?" + urlencode(params))
    return urls


@dataclass
class Result:
    scenario: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    non_2xx: int

    def line(self) -> str:
        return (
            f"{self.scenario:8} {self.requests:7,d} requests in {self.seconds:5.1f} s = {self.requests / self.seconds:7.1f}/s"
            f"   p50 {self.p50_ms:6.1f} ms   p95 {self.p95_ms:6.1f} ms   p99 {self.p99_ms:6.1f} ms"
            f"   errors {self.errors}   non-2xx {self.non_2xx}"
        )


# -- the server ---------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int, page_cache: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ROLEDEX_DB": str(db)}
    if not page_cache:
        env["ROLEDEX_PAGE_CACHE"] = "0"
    env.pop("ROLEDEX_ADMIN_TOKEN", None)
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "roledex.web.app:app_from_env",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
        "--timeout-worker-healthcheck",
        "120",  # a worker rendering its first charts (vl-convert starts up) is busy, not dead
    ]
    return subprocess.Popen(cmd, env=env)


def fetch(url: str, timeout: float = 120) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            return int(r.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def wait_ready(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if fetch(base + "/healthz", timeout=2) == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def check_and_warm(base: str, urls: list[str], workers: int, repeat: bool) -> None:
    """Every URL answers 200 without a redirect, and its first request is made here, not measured.

    With several server processes (each with its own caches) which process accepts a connection is up to the
    kernel, so the URLs are requested concurrently, in rounds, until a whole round is fast (every process has
    computed every page) or five rounds have passed.
    """
    opener = urllib.request.build_opener(NoRedirect)

    def get(path: str) -> tuple[str, int, float]:
        start = time.perf_counter()
        try:
            with opener.open(base + path, timeout=600) as r:
                r.read()
                status = int(r.status)
        except urllib.error.HTTPError as exc:
            status = int(exc.code)
        return path, status, time.perf_counter() - start

    repeats = 12 * workers if repeat and workers > 1 else 1
    rounds = 5 if repeat else 1
    with ThreadPoolExecutor(max_workers=8 * workers) as pool:
        for _ in range(rounds):
            slowest = 0.0
            for path, status, seconds in pool.map(get, [u for u in urls for _ in range(repeats)]):
                if status != 200:
                    raise SystemExit(f"{path} answered {status}: every measured URL must answer 200")
                slowest = max(slowest, seconds)
            if slowest < 0.25:
                break


def _cpu_seconds(pid: int) -> float | None:
    """CPU time used by a process and its children (Linux /proc), or None where that cannot be read."""
    try:
        pids = [pid] + [
            int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()
        ]
        total = 0
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return None
    return total / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, seconds: float = 1200, busy: float = 0.1) -> float:
    """Wait until the server's processes use under `busy` of a core over 3 s, i.e. the app's warm-up (search
    index, salary frames, the popular comparisons with their charts: minutes on a million postings) is over,
    so that it does not compete with the measured requests. Returns the seconds waited."""
    started = time.monotonic()
    before = _cpu_seconds(pid)
    while before is not None and time.monotonic() - started < seconds:
        time.sleep(3)
        after = _cpu_seconds(pid)
        if after is None or after - before < busy * 3:
            break
        before = after
    return time.monotonic() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# -- wrk ----------------------------------------------------------------------------------------------------
LUA = """
local paths = {%s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#paths) end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%f %%f %%f %%f\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def run_wrk(
    wrk: str, base: str, name: str, urls: list[str], seconds: int, connections: int, gzip: bool = False
) -> Result:
    paths = ", ".join('"' + u.replace('"', '\\"') + '"' for u in urls)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % paths)
        script = f.name
    try:
        out = subprocess.run(
            [
                wrk,
                "-t",
                "2",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "5s",
                "-s",
                script,
                base,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
    finally:
        os.unlink(script)
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, errors, non_2xx, duration, p50, p95, p99 = line.split()[1:]
    return Result(
        name, int(n), float(duration), float(p50), float(p95), float(p99), int(errors), int(non_2xx)
    )


# -- the Python generator -----------------------------------------------------------------------------------
async def _python_load(base: str, name: str, urls: list[str], seconds: int, connections: int) -> Result:
    import httpx
    import numpy as np

    latencies: list[float] = []
    errors = non_2xx = 0
    deadline = time.monotonic() + seconds
    max_requests = 200_000  # a bound on the count as well as the time

    async def client(k: int) -> None:
        nonlocal errors, non_2xx
        async with httpx.AsyncClient(base_url=base, timeout=5.0) as http:
            i = k * 7
            while time.monotonic() < deadline and len(latencies) < max_requests:
                i += 1
                start = time.perf_counter()
                try:
                    r = await http.get(urls[i % len(urls)])
                    if not 200 <= r.status_code < 300:
                        non_2xx += 1
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - start)

    started = time.monotonic()
    await asyncio.gather(*(client(k) for k in range(connections)))
    took = time.monotonic() - started
    ms = np.asarray(latencies) * 1000 if latencies else np.zeros(1)
    p50, p95, p99 = (float(np.percentile(ms, q)) for q in (50, 95, 99))
    return Result(name, len(latencies), took, p50, p95, p99, errors, non_2xx)


# -- CPU time per request, in process -----------------------------------------------------------------------
async def _asgi_get(app: Any, url: str) -> tuple[int, bytes]:
    """GET `url` from an ASGI app directly (no socket, no HTTP client): the status and the body."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"user-agent", b"web_load")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    status = 0
    body: list[bytes] = []
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)  # no disconnect while the response is made
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(body)


class _Stopwatch:
    """CPU seconds spent inside wrapped functions, by name (outermost call only for nested names)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[name] = self.spent.get(name, 0.0) + time.process_time() - start

        return timed


def measure_cpu(db: Path, rounds: int, top: int) -> None:
    """Print CPU ms per uncached job-search request (pages and API), split by stage (module docstring)."""
    from roledex.settings import Settings
    from roledex.web import api_jobs, data, pages_jobs
    from roledex.web.app import create_app

    app = create_app(Settings(db_path=db), page_cache=0)
    watch = _Stopwatch()
    data.jobs = watch.wrap("search", data.jobs)  # type: ignore[method-assign]
    pages_jobs._results_page = watch.wrap("page", pages_jobs._results_page)  # type: ignore[method-assign]
    pages_jobs.page_html = watch.wrap("render", pages_jobs.page_html)  # type: ignore[method-assign]
    api_jobs.JSONResponse = watch.wrap("json", api_jobs.JSONResponse)  # type: ignore[misc]
    urls = job_search_urls()
    api_urls = ["/api/v1/jobs?" + u.partition("?")[2] for u in urls]

    async def run(batch: list[str]) -> float:
        start = time.process_time()
        for url in batch:
            status, _ = await _asgi_get(app, url)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
        return time.process_time() - start

    async def main() -> None:
        started = time.perf_counter()
        await run(urls[:1])  # builds the search index
        print(f"search index built in {time.perf_counter() - started:.1f} s; warming every URL once")
        await run(urls + api_urls)
        for name, batch, parts in (
            ("pages", urls, ("search", "context", "render")),
            ("api", api_urls, ("search", "json")),
        ):
            best: dict[str, float] | None = None
            for _ in range(rounds):
                watch.spent.clear()
                total = await run(batch)
                spent = dict(watch.spent)
                split = {
                    "total": total,
                    "search": spent.get("search", 0.0),
                    "render": spent.get("render", 0.0),
                    "context": spent.get("page", 0.0) - spent.get("search", 0.0) - spent.get("render", 0.0),
                    "json": spent.get("json", 0.0),
                }
                inside = spent.get("page", 0.0) if name == "pages" else split["search"] + split["json"]
                split["framework"] = total - inside
                if best is None or split["total"] < best["total"]:
                    best = split
            assert best is not None
            ms = {k: v / len(batch) * 1000 for k, v in best.items()}
            print(
                f"{name:5}: {ms['total']:6.2f} ms CPU per request (best of {rounds} rounds of {len(batch)}) = "
                + " + ".join(f"{p} {ms[p]:.2f}" for p in (*parts, "framework"))
            )
        if top:
            # the handlers run in the event loop's thread for this round, where cProfile sees them
            import fastapi.dependencies.utils
            import fastapi.routing

            async def inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
                return func(*args, **kwargs)

            fastapi.routing.run_in_threadpool = inline  # type: ignore[assignment]
            fastapi.dependencies.utils.run_in_threadpool = inline  # type: ignore[assignment]
            profiler = cProfile.Profile()
            profiler.enable()
            await run(urls)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
            print(out.getvalue())

    asyncio.run(main())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--db", type=Path, required=True, help="SQLite database (e.g. one ingested from ../shared/data)"
    )
    ap.add_argument("--seconds", type=int, default=15, help="measured seconds per scenario")
    ap.add_argument("--connections", type=int, default=32, help="concurrent clients")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    ap.add_argument("--only", default="compare,jobs", help="scenarios: compare, jobs")
    ap.add_argument("--gzip", action="store_true", help="ask for gzip like a browser (wrk only)")
    ap.add_argument(
        "--modes",
        default="cached,uncached",
        help="cached: as served (rendered pages kept per address); uncached: every page computed and rendered "
        "(documents and charts of comparisons stay memoized)",
    )
    ap.add_argument("--cpu", action="store_true", help="CPU ms per uncached search, in process (no load)")
    ap.add_argument("--rounds", type=int, default=5, help="--cpu: rounds over the URLs (the best is shown)")
    ap.add_argument("--cprofile", type=int, default=0, help="--cpu: print the N functions with most own time")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        raise SystemExit(
            f"no database at {args.db}: ingest first (roledex ingest ../shared/data --db {args.db})"
        )
    if args.cpu:
        measure_cpu(args.db, args.rounds, args.cprofile)
        return 0
    wrk = shutil.which("wrk") if args.tool in ("auto", "wrk") else None
    if args.tool == "wrk" and wrk is None:
        raise SystemExit("wrk is not installed: bash scripts/install-browser-deps.sh (or --tool python)")
    scenarios = {"compare": COMPARISONS, "jobs": job_search_urls()}
    names = args.only.split(",")
    for mode in args.modes.split(","):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(args.db, port, args.workers, page_cache=mode == "cached")
        try:
            wait_ready(base)
            started = time.monotonic()
            for name in names:
                check_and_warm(
                    base, scenarios[name], args.workers, repeat=mode == "cached" or name == "compare"
                )
            idle = wait_idle(server.pid)
            print(
                f"[{mode}: page cache {'on' if mode == 'cached' else 'off'}] server ready, "
                f"{sum(len(scenarios[n]) for n in names)} URLs checked in {time.monotonic() - started:.1f} s "
                f"(warm-up over {idle:.0f} s after that); "
                f"{args.connections} clients, {args.seconds} s per scenario, load from "
                f"{'wrk' if wrk else 'python/httpx'}, {args.workers} uvicorn worker(s)"
            )
            for name in names:
                urls = scenarios[name]
                if wrk:
                    result = run_wrk(wrk, base, name, urls, args.seconds, args.connections, args.gzip)
                else:
                    result = asyncio.run(_python_load(base, name, urls, args.seconds, args.connections))
                print(f"  {result.line()}   ({len(urls)} distinct URLs)")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
