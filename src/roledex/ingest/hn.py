"""hn: Hacker News "Ask HN: Who is hiring?" captures (`raw_*.json` of gantryops/hn-jobs-data).

A file is one JSON document: {schema_version, date, run_id, sources: {who_is_hiring_thread_id, ...},
jobs: [{id, source ("who_is_hiring" | "direct"), by, time (unix s), text}], ...}. Each job -> RawPosting:

- description: the comment as plain text (HTML unescaped, <p> -> paragraph, links -> their full href when
  the link text is a (shortened) URL, else their text);
- title / company / location / salary / employment / remote from the first line, split on "|" (or on
  " — " / " – " when there is no pipe): the first part is the company; a part naming a role (engineer,
  scientist, designer, "Multiple Roles" ...) is a role; a part with a place (", CA", a city or country,
  US/EU/NYC ...) is the location; a part with REMOTE / ONSITE / hybrid is remote_text; a part with a
  currency amount ($, €, £, USD ...) is salary_text; full-time / contract / intern is employment_text.
  Prose first lines ("Acme is hiring a Data Engineer to ...") and HN job stories ("Acme (YC W23) Is Hiring
  an Account Executive") are read with an "X is hiring Y" pattern;
- several roles in one comment ("Backend Engineer, Data Engineer | ..." or several role parts): one
  RawPosting, title = the first role, labels["roles"] = all of them, in order. When the first line names
  no role, short role-like lines near the top of the comment are used ("Senior Platform Engineer - Team");
  when there is none, the title is the first line itself (never empty);
- a "(YC W23)" batch is dropped from the company name and kept in labels["yc_batch"];
- posted_at from `time` (UTC date); url = https://news.ycombinator.com/item?id=<id>; record_id = id;
- labels: the matching entry of the sibling `classified_<date>.json` (LLM weak labels: technologies, role,
  experience_level, remote, salary_band ...) joined on id when that file exists, plus roles, hn_source
  (who_is_hiring | direct), thread_id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from roledex.errors import InputError
from roledex.ingest.base import Record, decode_head, failure, guarded, load_json
from roledex.ingest.text import html_to_text
from roledex.models import Provenance, RawPosting

SOURCE = "hn"
ITEM_URL = "https://news.ycombinator.com/item?id={}"

_ROLE_WORDS = (
    r"engineers?|developers?|devs?|scientists?|designers?|managers?|analysts?|researchers?|architects?|leads?"
    r"|leaders?|head of|directors?|recruiters?|sres?|interns?|pms?|marketers?|account executives?|aes?|sdrs?|bdrs?"
    r"|specialists?|consultants?|administrators?|cto|ceo|coo|cfo|cmo|vp|technicians?|writers?|programmers?"
    r"|hackers?|swes?|faculty|professors?|postdocs?|operators?|statisticians?|associates?|representatives?"
    r"|counsel|accountants?|officers?|coordinators?|strategists?|advocates?|evangelists?|instructors?|tutors?"
    r"|trainers?|mechanics?|machinists?|executives?|generalists?|member of technical staff|mts|fellows?|chief"
    r"|devrel|founding \w+|testers?|dba|sysadmins?|mles?|mle's|fdes?|forward deployed"
)
# a person noun: enough for a piece of a role list ("Backend Engineer, Data Scientist")
_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.I)
# also words that name a role part without a person noun ("Multiple Roles", "Engineering", "Sales")
_ROLE_PART = re.compile(
    rf"\b(?:{_ROLE_WORDS}|roles?|positions?|openings?|engineering|devops|mlops|full-?stack|frontend|backend"
    r"|front-end|back-end|sales|marketing|business development|recruiting|qa)\b",
    re.I,
)
_PERK = re.compile(r"\b(?:visa|relocation|sponsorship|equity|benefits|citizenship|clearance)\b", re.I)
_REMOTE = re.compile(
    r"\b(?:remote|onsite|on-site|on site|hybrid|in[- ]office|in[- ]person|wfh|distributed)\b", re.I
)
_EMPLOYMENT = re.compile(
    r"\b(?:full[- ]?time|part[- ]?time|contract(?:or|ors|-to-hire)?|interns?(?:hips?)?|freelance|permanent"
    r"|temporary|fte|co-?ops?|1099|w2)\b",
    re.I,
)
_CURRENCY_CODES = "usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr|jpy|sgd"
_SALARY = re.compile(
    rf"(?:[$€£¥₹]\s?~?\d|\b(?:{_CURRENCY_CODES})\s?\$?\d|\d[\d,.]*\s?[kK]?\s?(?:{_CURRENCY_CODES})\b"
    r"|\d{2,3}\s?[kK]\s?(?:-|–|—|to)\s?\d{2,3}\s?[kK])",
    re.I,
)
_URL_PART = re.compile(
    r"^(?:https?://|www\.)\S+$|^[\w.-]+\.(?:com|io|ai|co|org|net|dev|xyz|app|tech|so|sh|us|uk|de|fr|eu|inc"
    r"|health|bio|fun|work|jobs|careers|gg|me|tv|cc|run|build|systems)(?:/\S*)?$",
    re.I,
)
_BARE_URL = re.compile(r"\s*(?:https?://|www\.)\S+")
_US_STATE = re.compile(
    r"(?:,\s*|\b[A-Z][a-z]+\s)(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]"
    r"|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\b"
)
_PLACES = (
    "us|usa|u\\.s\\.|u\\.s\\.a\\.|united states|america|americas|north america|south america|latam|canada|uk"
    "|u\\.k\\.|united kingdom|eu|europe|emea|apac|asia|worldwide|global|anywhere|nyc|new york|sf|san francisco"
    "|bay area|silicon valley|la|los angeles|seattle|boston|austin|chicago|denver|boulder|atlanta|miami|dallas"
    "|houston|portland|san diego|san jose|palo alto|mountain view|menlo park|berkeley|oakland|brooklyn"
    "|washington|dc|philadelphia|pittsburgh|toronto|vancouver|montreal|ottawa|london|cambridge|oxford"
    "|manchester|edinburgh|berlin|munich|hamburg|cologne|paris|amsterdam|rotterdam|zurich|geneva|stockholm"
    "|copenhagen|oslo|helsinki|dublin|madrid|barcelona|lisbon|porto|warsaw|krakow|prague|vienna|budapest"
    "|bucharest|tallinn|riga|vilnius|athens|milan|rome|brussels|tel aviv|singapore|tokyo|seoul|sydney"
    "|melbourne|auckland|bangalore|bengaluru|hyderabad|pune|mumbai|delhi|india|germany|france|netherlands"
    "|spain|switzerland|sweden|denmark|norway|finland|poland|portugal|italy|ireland|estonia|austria|belgium"
    "|czechia|greece|romania|japan|korea|australia|new zealand|israel|brazil|mexico|argentina|colombia|chile"
    "|beijing|shanghai|shenzhen|hong kong|taiwan|thailand|bangkok|vietnam|philippines|indonesia|dubai|uae"
    "|nigeria|kenya|south africa|timezones?|time zones?|est|pst|cet|utc|gmt"
)
_PLACE = re.compile(rf"\b(?:{_PLACES})\b", re.I)
_PLACE_CASED = re.compile(r"\b(?:US|USA|UK|EU|SF|LA|NYC|DC)\b")
# "City, Country" / "City, XX" written with capitals and nothing else
_CITY_COMMA = re.compile(r"^[A-Z][\w.' -]{1,30},\s*[A-Z][\w.' -]{1,30}(?:,\s*[A-Z][\w.' -]{1,30})?$")
_HIRING = re.compile(
    r"^(?P<company>.{2,80}?)\s+(?:is|are)\s+(?:now\s+)?hiring\b[:\s]*(?:an?\s+|the\s+|for\s+(?:an?\s+)?)?"
    r"(?P<role>.*)$",
    re.I,
)
_HIRING_PREFIX = re.compile(r"^(?:we(?:'|’| a)re\s+)?(?:now\s+)?hiring\b\s*:?\s*", re.I)
_IS_A = re.compile(
    r"^(?P<company>[^,.!?]{2,60}?)\s+(?:is|are)\s+(?:a|an|the|building|revolutionizing|on)\b", re.I
)
_ROLE_STOP = re.compile(r"\s+(?:at|to|on|in|for|with|who|that|—|–)\s+|[.!;(|]|\s-\s", re.I)
_YC = re.compile(r"\s*\(\s*YC\s+([A-Z]\d{2})\b[^)]*\)", re.I)
_PAREN_URL = re.compile(r"\s*\((?:https?://|www\.)[^)]*\)")
_LIST_INTRO = re.compile(r"^.*?\b(?:openings?|roles?|positions?|hiring)\b[^:]*:\s*", re.I)
_PROSE_START = re.compile(r"\s+(?=(?:We|We're|We’re|Our|At|The|This|Join|Come|Looking|Founded|Backed)\s)")
_FIELD_LINE = re.compile(
    r"^(company|role|roles|position|positions|title|location|salary|compensation|pay"
    r"|remote|type|employment type)\s*:\s*(.+)$",
    re.I,
)
_PARTS_SEPARATORS = ("|", " — ", " – ", " -- ")


@cache
def _classified(path: Path, mtime_ns: int) -> dict[int, dict[str, Any]]:
    """The LLM labels of the sibling classified_*.json, by job id ({} when absent or unreadable)."""
    try:
        doc = load_json(path)
    except Exception:  # labels are optional: a broken labels file must not stop the postings
        return {}
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    out: dict[int, dict[str, Any]] = {}
    for entry in jobs or ():
        if isinstance(entry, dict) and "id" in entry:
            try:
                out[int(entry["id"])] = {k: v for k, v in entry.items() if k != "id"}
            except (TypeError, ValueError):
                continue
    return out


def classified_path(raw_path: Path) -> Path | None:
    """classified_<date>.json(.gz) next to raw_<date>.json(.gz), when it exists."""
    name = raw_path.name
    if not name.startswith("raw_"):
        return None
    base = "classified_" + name.removeprefix("raw_").removesuffix(".gz")
    for candidate in (base, base + ".gz"):
        path = raw_path.with_name(candidate)
        if path.is_file():
            return path
    return None


def _is_role_part(part: str) -> bool:
    return bool(_ROLE_PART.search(part)) and not _PERK.search(part)


def _is_place(part: str) -> bool:
    return bool(
        _US_STATE.search(part)
        or _PLACE.search(part)
        or _PLACE_CASED.search(part)
        or (_CITY_COMMA.match(part) and not _ROLE_NOUN.search(part))
    )


def _is_informative(part: str) -> bool:
    """True for a part that is a place, role, URL, salary, remote or employment mention (not a name)."""
    return bool(
        _is_place(part)
        or _is_role_part(part)
        or _URL_PART.match(part)
        or _SALARY.search(part)
        or _REMOTE.search(part)
        or _EMPLOYMENT.search(part)
    )


@cache
def _bracket_or(separator: str) -> re.Pattern[str]:
    return re.compile(r"[()\[\]{}]|" + re.escape(separator))


def split_outside_brackets(text: str, separator: str) -> list[str]:
    """`text` split on `separator`, except inside (), [] or {}."""
    if separator not in text:
        return [text]
    if "(" not in text and "[" not in text and "{" not in text:
        return text.split(separator)
    parts, depth, start = [], 0, 0
    for m in _bracket_or(separator).finditer(text):
        token = m[0]
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


def split_roles(part: str) -> list[str]:
    """ "Backend Engineer, Data Engineer" -> both; "Software Engineer, Payments" stays one role."""
    part = _LIST_INTRO.sub("", part).strip() if ":" in part else part.strip()
    part = part.strip(" -–—•*")
    pieces = [part]
    for separator in (",", ";", " / ", " & ", " and ", " + "):
        pieces = [q for p in pieces for q in split_outside_brackets(p, separator)]
    pieces = [p.strip(" -–—") for p in pieces if p.strip(" -–—")]
    if len(pieces) > 1 and all(_ROLE_NOUN.search(p) for p in pieces):
        return pieces
    return [part] if part else []


def _cut_prose(part: str) -> str:
    """The head of a part that runs into the comment's prose ("Remote (EU) We're a small team ...")."""
    if len(part) <= 60:
        return part
    m = _PROSE_START.search(part, 8)
    return part[: m.start()].rstrip(" ,;") if m else part


def _first_line_parts(line: str) -> list[str]:
    for separator in _PARTS_SEPARATORS:
        if separator in line:
            parts = [_cut_prose(p.strip()) for p in split_outside_brackets(line, separator)]
            parts = [p for p in parts if p]
            if len(parts) > 1:
                return parts
    return [line.strip()]


def _company(text: str) -> tuple[str | None, str | None, str | None]:
    """(company, yc batch, place in parentheses) with URLs and "(YC W23)" taken out."""
    batch = place = None
    m = _YC.search(text)
    if m:
        batch = m[1].upper()
        text = _YC.sub("", text)
    text = _PAREN_URL.sub("", text)
    text = _BARE_URL.sub("", text)
    paren = re.search(r"\s*\(([^)]*)\)\s*$", text)
    if paren and _is_place(paren[1]) and not _ROLE_NOUN.search(paren[1]):
        place = paren[1].strip()
        text = text[: paren.start()]
    if len(text) > 40 and " - " in text:
        text = text.split(" - ", 1)[0]
    text = text.strip(" -–—:,")
    return (text or None), batch, place


def _role_from_hiring(rest: str) -> str | None:
    role = _ROLE_STOP.split(rest, maxsplit=1)[0].strip(" :-–—,")
    return role if role and len(role) <= 90 and _ROLE_NOUN.search(role) else None


def _classify_parts(parts: list[str], out: dict[str, Any]) -> None:
    for part in parts:
        head = part[:90]
        if _URL_PART.match(part):
            continue
        if "salary_text" not in out and _SALARY.search(head):
            out["salary_text"] = part if len(part) <= 90 else _SALARY.search(head)[0]  # type: ignore[index]
            continue
        remote = _REMOTE.search(head)
        employment = _EMPLOYMENT.search(head)
        place = _is_place(head)
        if remote and "remote_text" not in out:
            out["remote_text"] = part if len(part) <= 90 else remote[0]
        if employment and "employment_text" not in out:
            out["employment_text"] = part if len(part) <= 40 else employment[0]
            if "intern" in employment[0].lower():
                out.setdefault("intern_part", part)
        if place and "location" not in out:
            out["location"] = part if len(part) <= 120 else head
            continue
        if remote or employment:
            continue
        if _is_role_part(head) and len(part) <= 120:
            out["roles"].extend(split_roles(part))


def parse_first_line(line: str) -> dict[str, Any]:
    """company, roles, location, remote_text, salary_text, employment_text, yc_batch from the first line."""
    out: dict[str, Any] = {"roles": []}
    parts = _first_line_parts(line)
    if len(parts) > 1 and _HIRING_PREFIX.match(parts[0]):
        # "Hiring: Fullstack Engineer and UI Designer (Remote) – Acme": the company is a plain part
        out["roles"] = split_roles(_HIRING_PREFIX.sub("", parts[0]))
        rest = parts[1:]
        plain = [p for p in rest if not _is_informative(p)]
        if plain:
            out["company"], out["yc_batch"], _ = _company(plain[-1])
            rest.remove(plain[-1])
        _classify_parts(rest, out)
        return out
    if len(parts) == 1 or _HIRING.match(parts[0]):
        text = parts[0]
        m = _HIRING.match(text)
        if m:
            out["company"], out["yc_batch"], place = _company(m["company"])
            role = _role_from_hiring(m["role"])
            if role:
                out["roles"] = split_roles(role)
            if place:
                out["location"] = place
            return out
        m = _IS_A.match(text)
        if m:
            out["company"], out["yc_batch"], _ = _company(m["company"])
        return out
    first, rest = parts[0], parts[1:]
    # "Cologne, Germany | UMH | Product Engineer": a place first, then the company
    if _is_place(first) and not _is_role_part(first) and not _REMOTE.search(first):
        second = rest[0]
        if not _is_informative(second):
            out["location"] = first
            first, rest = second, rest[1:]
    # "Data Analyst | Acme | Remote (US)": a role first, then the company
    if rest and _ROLE_NOUN.search(first) and not _is_place(first) and not _is_informative(rest[0]):
        first, rest = rest[0], [first, *rest[1:]]
    out["company"], out["yc_batch"], place = _company(first)
    _classify_parts(rest, out)
    if place and "location" not in out:
        out["location"] = place
    if "location" not in out and "remote_text" in out:
        out["location"] = out["remote_text"]
    intern_part = out.pop("intern_part", None)
    if not out["roles"] and intern_part:
        out["roles"] = [intern_part]
    return out


def _field_lines(text: str, out: dict[str, Any]) -> None:
    """ "Company: X" / "Role: Y" / "Location: Z" lines near the top of a comment."""
    for line in text.split("\n")[:12]:
        m = _FIELD_LINE.match(line.strip())
        if not m:
            continue
        key, value = m[1].lower(), m[2].strip()
        if key == "company":
            out.setdefault("company", _company(value)[0])
        elif key in ("role", "roles", "position", "positions", "title") and not out["roles"]:
            out["roles"] = [r for p in split_outside_brackets(value, "|") for r in split_roles(p)]
        elif key == "location":
            out.setdefault("location", value)
        elif key in ("salary", "compensation", "pay"):
            out.setdefault("salary_text", value[:120])
        elif key == "remote":
            out.setdefault("remote_text", value[:90])
        else:
            out.setdefault("employment_text", value[:40])


def _roles_from_body(text: str) -> list[str]:
    """Short role-like lines near the top of the comment (when the first line names no role)."""
    roles: list[str] = []
    for line in text.split("\n")[1:15]:
        line = line.strip()
        if ":" in line:
            line = _LIST_INTRO.sub("", line)
        line = line.strip(" -•*").strip()
        if (
            3 <= len(line) <= 100
            and not line.endswith((".", "!", "?", ":"))
            and _ROLE_NOUN.search(line)
            and not _URL_PART.match(line)
            and "http" not in line
        ):
            roles.extend(r for p in split_outside_brackets(line, " | ") for r in split_roles(p))
    return roles[:12]


def posting(
    job: dict[str, Any], provenance: Provenance, thread_id: Any, labels: dict[str, Any]
) -> RawPosting:
    text = html_to_text(str(job.get("text") or ""))
    first = text.split("\n", 1)[0].strip()
    if job.get("source") == "direct":
        first = first.split(" | ", 1)[0]
    fields = parse_first_line(first)
    if not fields["roles"] or not fields.get("company"):
        _field_lines(text, fields)
    roles: list[str] = fields.pop("roles") or _roles_from_body(text)
    yc_batch = fields.pop("yc_batch", None)
    all_labels: dict[str, Any] = dict(labels)
    all_labels["roles"] = roles
    all_labels["hn_source"] = job.get("source")
    if thread_id is not None:
        all_labels["thread_id"] = thread_id
    if yc_batch:
        all_labels["yc_batch"] = yc_batch
    time = job.get("time")
    posted = (
        datetime.fromtimestamp(time, tz=UTC).date().isoformat()
        if isinstance(time, int | float) and not isinstance(time, bool)
        else None
    )
    title = roles[0] if roles else (first[:200] or f"Hacker News job {job.get('id')}")
    return RawPosting(
        provenance=provenance,
        title=title,
        company=fields.get("company"),
        location=fields.get("location"),
        description=text,
        salary_text=fields.get("salary_text"),
        employment_text=fields.get("employment_text"),
        remote_text=fields.get("remote_text"),
        posted_at=posted,
        url=ITEM_URL.format(job["id"]) if job.get("id") is not None else None,
        labels=all_labels,
        raw=job,
    )


class HackerNewsAdapter:
    name = "hn"
    description = "Hacker News 'Who is hiring?' capture JSON (sources.who_is_hiring_thread_id, jobs[].text)"

    def sniff(self, path: Path, head: bytes) -> bool:
        return '"who_is_hiring_thread_id"' in decode_head(head)

    def read(self, path: Path) -> Iterator[Record]:
        doc = load_json(path)
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        if not isinstance(jobs, list):
            raise InputError(f"{path} has no 'jobs' list", hint="pass a raw_<date>.json file of hn-jobs-data")
        sources = doc.get("sources") if isinstance(doc.get("sources"), dict) else {}
        thread_id = sources.get("who_is_hiring_thread_id")
        classified_file = classified_path(path)
        classified = (
            _classified(classified_file, classified_file.stat().st_mtime_ns) if classified_file else {}
        )
        file = str(path)
        for row, job in enumerate(jobs):
            if not isinstance(job, dict) or job.get("id") is None:
                yield failure(
                    SOURCE,
                    path,
                    row,
                    f"jobs[{row}] is not a job object with an id; fix or remove it",
                    job if isinstance(job, dict) else {"value": job},
                )
                continue
            record_id = str(job["id"])
            prov = Provenance(SOURCE, file, row, record_id)
            try:
                labels = classified.get(int(job["id"]), {})
            except (TypeError, ValueError):
                labels = {}
            yield guarded(SOURCE, path, row, job, posting, job, prov, thread_id, labels, record_id=record_id)
