"""Load test of the web app: comparison pages and job-search pages under 32 concurrent clients.

    python -m benchmarks.web_load --db /tmp/web.db [--seconds 15] [--connections 32] [--workers 1]
                                  [--tool auto|wrk|python]

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

The load comes from wrk (Debian's package; scripts/install-browser-deps.sh installs it) with a Lua script that
cycles through the URLs, or, without wrk, from an asyncio/httpx generator in this process (slower: it shares
the two cores with the server and measures a little more than the server's time).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
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
    args = ap.parse_args(argv)
    if not args.db.is_file():
        raise SystemExit(
            f"no database at {args.db}: ingest first (roledex ingest ../shared/data --db {args.db})"
        )
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
