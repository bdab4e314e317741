"""The `roledex` command: a thin layer that parses flags, calls the library and translates its errors.

Every command that reads or writes the database takes --db (default: $ROLEDEX_DB, else data/roledex.db);
every command that returns data takes --json.
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from roledex.errors import InputError, NotFoundError, QueryError, RoledexError, StoreError

app = typer.Typer(
    name="roledex",
    help="Career intelligence for AI, ML and data roles, computed from real postings and salary records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
taxonomy_app = typer.Typer(help="Show the taxonomy: roles and skills.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="SQLite database file [env: ROLEDEX_DB; default: data/roledex.db]", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="Force the input format instead of detecting it (see `roledex formats`)."
    ),
]

EXIT_CODES: dict[type[RoledexError], int] = {InputError: 2, QueryError: 2, NotFoundError: 4, StoreError: 3}


def fail(exc: RoledexError) -> NoReturn:
    """Print a library error as a message that says what to do, and exit with its code."""
    err_console.print(f"[bold red]error:[/] {exc.message}")
    if exc.hint:
        err_console.print(f"[yellow]fix:[/] {exc.hint}")
    code = next((c for t, c in EXIT_CODES.items() if isinstance(exc, t)), 1)
    raise typer.Exit(code)


def _settings(db: Path | None, **overrides: Any):
    from roledex.settings import Settings

    return Settings.from_env(db_path=db, **overrides)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


@app.command()
def formats() -> None:
    """List the input formats roledex reads."""
    from roledex.ingest import FORMATS

    table = Table("format", "what it reads")
    for name, adapter in FORMATS.items():
        table.add_row(name, adapter.description)
    console.print(table)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest (folders are searched).")],
    fmt: FormatOption = None,
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes for normalize+extract.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Read postings and salary records, normalize them and store them; re-running adds nothing."""
    from roledex.analytics.profiles import refresh_aggregates
    from roledex.ingest import iter_paths
    from roledex.pipeline.local import IngestReport, ingest_path
    from roledex.store.sqlite import SQLiteStore

    settings = _settings(db, workers=workers)
    reports: list[IngestReport] = []
    try:
        files = list(iter_paths(paths))
        if not files:
            raise InputError(
                f"no readable data files under {', '.join(map(str, paths))}",
                hint="pass files or folders with postings or salary records; see `roledex formats`",
            )
        store = SQLiteStore(settings.db_path)
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("records"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=as_json,
        ) as progress:
            overall = progress.add_task("files", total=len(files))
            for path in files:
                task = progress.add_task(f"ingest {path.name}", total=None)
                reports.append(
                    ingest_path(
                        path,
                        store,
                        settings,
                        fmt=fmt,
                        on_progress=partial(_advance, progress, task),
                    )
                )
                progress.remove_task(task)
                progress.advance(overall)
        with err_console.status("refreshing role profiles"):
            refresh_aggregates(store.conn)
        store.close()
    except KeyboardInterrupt:
        err_console.print(
            "[yellow]interrupted:[/] every finished batch is stored; run the same command again to complete it"
        )
        raise typer.Exit(130) from None
    except RoledexError as exc:
        fail(exc)
    if as_json:
        _print_json({"database": str(settings.db_path), "files": [r.to_dict() for r in reports]})
        return
    _print_ingest_table(reports, settings.db_path)


def _advance(progress: Progress, task: TaskID, n: int) -> None:
    progress.update(task, completed=n)


def _print_ingest_table(reports: list[Any], db_path: Path) -> None:
    table = Table(title=f"ingest into {db_path}", show_footer=True)
    totals = {"read": 0, "stored": 0, "duplicates": 0, "rejected": 0}
    rows = []
    for r in reports:
        d = r.to_dict()
        for k in totals:
            totals[k] += d[k]
        rows.append(d)
    table.add_column("file", footer="total")
    table.add_column("format")
    for k in totals:
        table.add_column(k, justify="right", footer=f"{totals[k]:,}")
    table.add_column("rejected because")
    for d in rows:
        reasons = "; ".join(f"{n:,} {reason}" for reason, n in list(d["reject_reasons"].items())[:3])
        dup = f"{d['duplicates']:,}"
        if d["linked_duplicates"]:
            dup += f" ({d['linked_duplicates']:,} linked)"
        if d["identical_rows"]:
            dup = f"{dup} · {d['identical_rows']:,} identical rows kept"
        table.add_row(
            Path(d["file"]).name,
            d["format"],
            f"{d['read']:,}",
            f"{d['stored']:,}",
            dup,
            f"{d['rejected']:,}",
            reasons,
        )
    console.print(table)
    for d in rows:
        if d["rejects_file"]:
            console.print(
                f"rejects of {Path(d['file']).name} with row numbers and reasons: {d['rejects_file']}"
            )
    if not all(d["balanced"] for d in rows):
        err_console.print("[bold red]counts do not add up[/]: read != stored + duplicates + rejected")
        raise typer.Exit(1)


@app.command()
def refresh(
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild every aggregate, not only what new postings changed.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Bring the precomputed profiles and comparisons up to date (ingest does this; use it after an upgrade)."""
    import time

    from roledex.analytics.profiles import refresh_aggregates

    started = time.perf_counter()
    try:
        store = _open_store(db)
        try:
            written = refresh_aggregates(store.conn, full=full)
        finally:
            store.close()
    except RoledexError as exc:
        fail(exc)
    seconds = time.perf_counter() - started
    if as_json:
        _print_json({"profiles_written": written, "full": full, "seconds": round(seconds, 2)})
        return
    console.print(f"refreshed: {written:,} role/level profiles written in {seconds:.1f} s")


@app.command()
def normalize(
    path: Annotated[Path, typer.Argument(help="A file of postings or salary records.")],
    fmt: FormatOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Normalize a file without a database: JSON Lines on stdout, one object per input record, in order."""
    from roledex.pipeline.local import normalize_path

    out = sys.stdout
    try:
        for obj in normalize_path(path, fmt, workers=workers):
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    except BrokenPipeError:  # `| head` closed the pipe: a normal way to stop
        sys.stderr.close()
    except RoledexError as exc:
        fail(exc)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the database holds: postings and salary records per source, role, level, country and year."""
    from roledex.store.sqlite import SQLiteStore

    settings = _settings(db)
    try:
        if not settings.db_path.exists():
            raise StoreError(
                f"no database at {settings.db_path}", hint="ingest data first: roledex ingest PATH"
            )
        store = SQLiteStore(settings.db_path)
        data = store.stats()
        store.close()
    except RoledexError as exc:
        fail(exc)
    if as_json:
        _print_json(data)
        return
    console.print(f"[bold]{data['database']}[/] (schema v{data['schema_version']})")
    p, s = data["postings"], data["salary_records"]
    console.print(
        f"postings: [bold]{p['total']:,}[/] ({p['with_salary']:,} with a salary, "
        f"{p['linked_duplicates']:,} duplicate listings linked) · salary records: [bold]{s['total']:,}[/]"
        f" · rejects kept: {data['rejects']:,}"
    )
    for title, block in (("postings", p), ("salary records", s)):
        for dim in ("by_source", "by_role", "by_level", "by_country", "by_year"):
            counts = block[dim]
            if not counts:
                continue
            table = Table(title=f"{title} {dim.replace('_', ' ')}", min_width=40)
            table.add_column(dim[3:])
            table.add_column("n", justify="right")
            shown = list(counts.items())[:15]
            for k, v in shown:
                table.add_row(k, f"{v:,}")
            if len(counts) > len(shown):
                table.add_row(f"… {len(counts) - len(shown)} more", f"{sum(list(counts.values())[15:]):,}")
            console.print(table)


@taxonomy_app.command("show")
def taxonomy_show(
    kind: Annotated[str, typer.Argument(help="roles or skills")],
    item: Annotated[str | None, typer.Argument(help="One role or skill id.")] = None,
    category: Annotated[
        str | None, typer.Option(help="Only skills of this category (language, cloud, ...).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Print the roles or skills of the taxonomy, or one of them."""
    from roledex.taxonomy import load_taxonomy, show

    taxonomy = load_taxonomy()
    try:
        if kind not in ("roles", "skills"):
            raise QueryError(
                f"unknown taxonomy part '{kind}'", hint="use: roledex taxonomy show roles|skills [ID]"
            )
        if as_json:
            if item:
                record = (
                    show.role_record(taxonomy.role(item))
                    if kind == "roles"
                    else _skill_record(taxonomy, item)
                )
                _print_json(record)
            else:
                _print_json(
                    show.role_records(taxonomy) if kind == "roles" else show.skill_records(taxonomy, category)
                )
            return
        if item:
            console.print(
                show.role_detail(taxonomy, item) if kind == "roles" else show.skill_detail(taxonomy, item)
            )
        else:
            console.print(
                show.roles_table(taxonomy) if kind == "roles" else show.skills_table(taxonomy, category)
            )
    except RoledexError as exc:
        fail(exc)


def _skill_record(taxonomy: Any, skill_id: str) -> dict[str, Any]:
    from roledex.errors import TaxonomyError
    from roledex.taxonomy import show

    if skill_id not in taxonomy.skills:
        raise TaxonomyError(
            f"unknown skill id '{skill_id}'", hint="list them with: roledex taxonomy show skills"
        )
    return show.skill_record(taxonomy.skills[skill_id])


@app.command("eval")
def evaluate(
    data: Annotated[Path, typer.Option(help="The labelled data sets.")] = Path("../shared/data"),
    gold: Annotated[
        Path | None, typer.Option(help="Folder of our hand-labelled gold sets [default: tests/].")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score role, level, salary, skill, degree and experience extraction against labelled postings."""
    from roledex.evaluate import render_report, run_evaluation
    from roledex.taxonomy import load_taxonomy

    try:
        report = run_evaluation(data, gold, load_taxonomy())
    except RoledexError as exc:
        fail(exc)
    if as_json:
        _print_json(report.to_dict())
    else:
        console.print(render_report(report))
    if not report.passed:
        raise typer.Exit(1)


def _open_store(db: Path | None):
    from roledex.store.sqlite import SQLiteStore

    settings = _settings(db)
    if not settings.db_path.exists():
        raise StoreError(
            f"no database at {settings.db_path}", hint="ingest data first: roledex ingest ../shared/data"
        )
    return SQLiteStore(settings.db_path)


OutputFormat = Annotated[str, typer.Option("--format", "-f", help="md, html or json.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]
CountryOption = Annotated[
    str | None, typer.Option(help="Only postings and salaries of this country (ISO code).")
]
SinceOption = Annotated[
    str | None, typer.Option(help="Only postings posted on or after this date (YYYY-MM-DD).")
]


def _comparison(roles: list[str], country: str | None, since: str | None, db: Path | None) -> dict[str, Any]:
    from roledex.analytics.compare import compare as build
    from roledex.analytics.featured import featured_cards
    from roledex.analytics.profiles import ProfileFilter
    from roledex.analytics.rolespec import parse_role_spec
    from roledex.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    specs = [parse_role_spec(r, taxonomy) for r in roles]
    store = _open_store(db)
    try:
        return build(
            store, specs, taxonomy, ProfileFilter(country=country, since=since), featured=featured_cards
        )
    finally:
        store.close()


def _emit(doc: dict[str, Any], fmt: str, output: Path | None) -> None:
    from roledex.render import render_document

    text = render_document(doc, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output}")
    elif fmt == "md":
        from rich.markdown import Markdown

        console.print(Markdown(text)) if sys.stdout.isatty() else sys.stdout.write(text)
    else:
        sys.stdout.write(text)


@app.command()
def compare(
    roles: Annotated[
        list[str], typer.Argument(help="Two or more roles: role ids, role@LEVEL, or job titles in quotes.")
    ],
    country: CountryOption = None,
    since: SinceOption = None,
    fmt: OutputFormat = "md",
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Compare roles side by side: definitions, responsibilities, skills, tools, education, salary, outlook, tips."""
    if len(roles) < 2:
        fail(QueryError("compare needs at least two roles", hint="for one role use: roledex role ROLE"))
    try:
        _emit(_comparison(roles, country, since, db), fmt, output)
    except RoledexError as exc:
        fail(exc)


@app.command()
def role(
    spec: Annotated[str, typer.Argument(help="A role id, role@LEVEL, or a job title in quotes.")],
    country: CountryOption = None,
    since: SinceOption = None,
    fmt: OutputFormat = "md",
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """The profile of one role, computed from the postings and salary records."""
    try:
        _emit(_comparison([spec], country, since, db), fmt, output)
    except RoledexError as exc:
        fail(exc)


def _usd(v: float | None) -> str:
    return "–" if v is None else f"${v:,.0f}"


@app.command()
def salaries(
    title: Annotated[
        str | None, typer.Option(help="A published job title, matched exactly (case-insensitive).")
    ] = None,
    role: Annotated[str | None, typer.Option(help="A role id: every title normalized to it.")] = None,
    level: Annotated[str | None, typer.Option(help="EN, MI, SE or EX.")] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO country code of residence (survey) or posting.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Work year (survey) or posting year.")] = None,
    remote: Annotated[int | None, typer.Option(help="Remote ratio: 0, 50 or 100.")] = None,
    company_size: Annotated[str | None, typer.Option("--company-size", help="S, M or L.")] = None,
    by: Annotated[
        str | None, typer.Option(help="Group by level, country, year, remote or company_size.")
    ] = None,
    source: Annotated[str, typer.Option(help="survey, posted or all.")] = "all",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Salary statistics in annual USD: n, P10-P90, mean, a 95% CI of the median, trends; survey and posted layers apart."""
    from roledex.analytics.salaries import SalaryQuery, salary_insights
    from roledex.taxonomy import load_taxonomy

    try:
        taxonomy = load_taxonomy()
        query = SalaryQuery(
            title=title,
            role=role,
            level=level,
            country=country,
            year=year,
            remote=remote,
            company_size=company_size,
            by=by,
            source=source,
        ).validate(taxonomy)
        store = _open_store(db)
        try:
            insights = salary_insights(store, query, taxonomy)
        finally:
            store.close()
    except RoledexError as exc:
        fail(exc)
    if as_json:
        _print_json(insights.to_dict())
        return
    filters = ", ".join(f"{k}={v}" for k, v in query.filters().items()) or "everything"
    console.print(f"[bold]Salaries[/] for {filters} · annual USD; currencies are never mixed")
    for layer in insights.layers:
        table = Table(title=f"{layer.label}", title_justify="left")
        for col in (
            "group",
            "n",
            "P10",
            "P25",
            "median",
            "P75",
            "P90",
            "mean",
            "95% CI of median",
            "currencies",
        ):
            table.add_column(col, justify="left" if col in ("group", "currencies") else "right")
        for g in (layer.overall, *layer.groups):
            sm = g.summary
            cur = ", ".join(f"{c} {n:,}" for c, n in list(g.currencies.items())[:3])
            name = "all" if g.key is None else str(g.key)
            if sm.suppressed:
                table.add_row(name, f"{sm.n:,}", *["–"] * 6, "suppressed: n < 5", cur)
                continue
            ci = sm.median_ci
            table.add_row(
                name,
                f"{sm.n:,}",
                _usd(sm.p10),
                _usd(sm.p25),
                f"[bold]{_usd(sm.median)}[/]",
                _usd(sm.p75),
                _usd(sm.p90),
                _usd(sm.mean),
                f"{_usd(ci.low)} – {_usd(ci.high)}" if ci else "–",
                cur,
            )
        console.print(table)
        if layer.trend:
            parts = []
            for pt in layer.trend:
                if pt.summary.suppressed:
                    parts.append(f"{pt.year}: n={pt.summary.n} (suppressed)")
                    continue
                change = "" if pt.change_pct is None else f", {pt.change_pct:+.1f}%"
                noise = " [green]beyond noise[/]" if pt.beyond_noise else ""
                parts.append(f"{pt.year}: {_usd(pt.summary.median)} (n={pt.summary.n:,}{change}){noise}")
            console.print("  trend: " + " · ".join(parts))
        for note in layer.notes:
            console.print(f"  [yellow]note:[/] {note}")
    for note in insights.notes:
        console.print(f"[yellow]note:[/] {note}")
    if insights.nearby:
        console.print(
            "[bold]Nearby with data:[/] "
            + "; ".join(
                f"{n.change}={n.value} (n={n.n:,}{', without ' + ', '.join(n.dropped) if n.dropped else ''})"
                for n in insights.nearby[:8]
            )
        )


@app.command()
def jobs(
    q: Annotated[str, typer.Argument(help="Words to search in title, company and description.")] = "",
    role: Annotated[str | None, typer.Option(help="A role id.")] = None,
    level: Annotated[str | None, typer.Option(help="EN, MI, SE or EX.")] = None,
    track: Annotated[str | None, typer.Option(help="ic or manager.")] = None,
    employment_type: Annotated[
        str | None, typer.Option("--employment-type", help="FT, PT, CT or FL.")
    ] = None,
    internship: Annotated[
        bool | None, typer.Option("--internship/--no-internship", help="Only (or no) internships.")
    ] = None,
    remote: Annotated[str | None, typer.Option(help="remote, hybrid or onsite.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code.")] = None,
    min_salary: Annotated[
        float | None, typer.Option("--min-salary", help="Minimum annual USD (top of range).")
    ] = None,
    skills: Annotated[
        list[str] | None, typer.Option("--skill", help="A skill id the job must ask for (repeat).")
    ] = None,
    posted_since: Annotated[
        str | None, typer.Option("--since", help="Posted on or after YYYY-MM-DD.")
    ] = None,
    sort: Annotated[str, typer.Option(help="relevance, date or salary.")] = "relevance",
    page: Annotated[int, typer.Option(help="Page number.")] = 1,
    per_page: Annotated[int, typer.Option("--per-page", help="Results per page (max 100).")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search postings with filters; prints job cards and facet counts."""
    from roledex.analytics.search import JobQuery, search_jobs
    from roledex.render.format import salary_card

    try:
        query = JobQuery(
            q=q,
            role=role,
            level=level,
            track=track,
            employment_type=employment_type,
            internship=internship,
            remote=remote,
            country=country,
            min_salary=min_salary,
            skills=tuple(skills or ()),
            posted_since=posted_since,
            sort=sort,
            page=page,
            per_page=per_page,
        )
        store = _open_store(db)
        try:
            results = search_jobs(store, query)
        finally:
            store.close()
    except RoledexError as exc:
        fail(exc)
    if as_json:
        _print_json(results.to_dict())
        return
    console.print(
        f"[bold]{results.total:,}[/] jobs · page {results.page} of {max(results.pages, 1)} · sorted by {query.sort}"
    )
    from rich.markup import escape

    for hit in results.hits:
        snippet = " ".join(
            "".join(f"[reverse]{escape(t)}[/]" if m else escape(t) for t, m in hit.snippet).split()
        )
        tags = " · ".join(x for x in (hit.employment_label, hit.level_label, salary_card(hit.salary)) if x)
        console.print(
            f"\n[bold]{escape(hit.title)}[/] — {escape(hit.company or 'company not stated')}, "
            f"{escape(hit.location or 'location not stated')}  [dim]#{hit.id}[/]"
        )
        console.print(f"  {tags}" + (f" · posted {hit.posted_at}" if hit.posted_at else ""))
        if snippet:
            console.print(f"  [dim]{snippet}[/]")
    facets = results.to_dict().get("facets", {})
    if facets:
        console.print()
        for name in ("role", "level", "remote", "country", "skills"):
            counts = facets.get(name) or {}
            if counts:
                console.print(
                    f"[bold]{name}[/]: " + ", ".join(f"{k} {v:,}" for k, v in list(counts.items())[:8])
                )


@app.command()
def fit(
    resume: Annotated[
        Path, typer.Argument(help="The resume: a PDF or a text file ('-' reads text from stdin).")
    ],
    roles: Annotated[
        list[str] | None, typer.Option("--role", help="Only this role id (repeat for several).")
    ] = None,
    top: Annotated[int, typer.Option(help="How many roles to show.")] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Which roles a resume fits, the skills it lacks for each, and open jobs that match it."""
    from roledex.analytics.fit import personal_fit
    from roledex.ingest.resume import MAX_RESUME_BYTES, resume_text
    from roledex.taxonomy import load_taxonomy

    try:
        if str(resume) == "-":
            text = sys.stdin.read()
        else:
            if not resume.is_file():
                raise InputError(f"no file at {resume}", hint="give the path of a PDF or text resume")
            if resume.stat().st_size > MAX_RESUME_BYTES:
                raise InputError(
                    f"{resume} is {resume.stat().st_size / 1e6:.1f} MB; a resume is read up to 5 MB",
                    hint="give the text of the resume instead",
                )
            text = resume_text(resume.name, resume.read_bytes())
        store = _open_store(db)
        try:
            result = personal_fit(store, text, load_taxonomy(), roles=roles or (), top=top)
        finally:
            store.close()
    except RoledexError as exc:
        fail(exc)
    if as_json:
        _print_json(result)
        return
    from rich.markup import escape

    names = ", ".join(s["name"] for s in result["skills"]) or "none of the taxonomy's skills"
    console.print(f"[bold]Skills found in the resume[/] ({len(result['skills'])}): {escape(names)}")
    table = Table(title="Roles by fit (share-weighted coverage of each role's most-asked skills)")
    for col in ("role", "fit", "postings", "you have", "to learn next (share of postings asking)"):
        table.add_column(col, justify="right" if col in ("fit", "postings") else "left")
    for r in result["roles"]:
        table.add_row(
            r["name"],
            f"{r['score']:.0%}",
            f"{r['n_postings']:,}",
            ", ".join(h["name"] for h in r["have"][:6]),
            ", ".join(f"{g['name']} {g['share']:.0%}" for g in r["gaps"][:5]),
        )
    console.print(table)
    for r in result["roles"]:
        for job in r.get("jobs", [])[:3]:
            console.print(
                f"  {escape(r['name'])}: [bold]{escape(job['title'])}[/] — "
                f"{escape(job.get('company') or 'company not stated')} "
                f"({job['matched_skills']} of {job['asked_skills']} skills asked)  [dim]#{job['id']}[/]"
            )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (each keeps its own caches).")] = 1,
) -> None:
    """Serve the web app and the JSON API (/api/v1, reference at /docs) over the database."""
    from roledex.web.server import serve as run

    try:
        run(_settings(db), host, port, workers=workers)
    except RoledexError as exc:
        fail(exc)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
