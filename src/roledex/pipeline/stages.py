"""The batch stage functions: pure functions of (raw record, taxonomy).

They compose normalize/ and extract/ into one normalized record, and are what every runner executes:
the local runner in a process pool, `roledex normalize` in a stream, and Spark on a cluster.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from roledex.errors import RecordError
from roledex.extract.education import Education, extract_education
from roledex.extract.experience import extract_min_years
from roledex.extract.responsibilities import responsibility_phrases
from roledex.extract.sections import Section, responsibility_statements, split_sections
from roledex.extract.skills import skill_matcher
from roledex.models import (
    Pay,
    Posting,
    RawPosting,
    RawSalaryRecord,
    RecordFailure,
    SalaryRecord,
    SkillMention,
)
from roledex.normalize.employment import parse_employment, parse_remote
from roledex.normalize.location import parse_location
from roledex.normalize.money import to_salary
from roledex.normalize.salary import find_pay, parse_pay
from roledex.normalize.titles import classify_title
from roledex.store.base import Reject
from roledex.taxonomy import Taxonomy

# every ASCII byte that is not a letter or digit: deleted by bytes.translate, in C
_ASCII_NOISE = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII = bytes(range(128))
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_SPACES = re.compile(r"\s+")


def _digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        if not isinstance(part, bytes):
            part = str(part if part is not None else "").encode("utf-8", "surrogatepass")
        h.update(part)
        h.update(b"\x1f")
    return h.hexdigest()


def _fold(text: str | None) -> bytes:
    """Case-folded UTF-8 of text without ASCII punctuation or spaces: survives Markdown, HTML and whitespace
    differences. The same bytes as `text.casefold()` encoded and stripped, made faster by a shortcut.

    casefold() of a long non-ASCII text is slow (~35 ns a character), and most non-ASCII characters of
    postings are typography (’ • –) that casefold leaves alone. So when none of the text's non-ASCII
    characters changes under casefold, only its ASCII letters do, and one C pass over the UTF-8 bytes
    lower-cases them (bytes >= 0x80 pass through translate untouched).
    """
    if not text:
        return b""
    data = text.encode("utf-8", "surrogatepass")
    if not text.isascii():
        others = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        if others.casefold() != others:
            data = text.casefold().encode("utf-8", "surrogatepass")
    return data.translate(_ASCII_LOWER, _ASCII_NOISE)


@lru_cache(maxsize=1024)  # repeated descriptions (see _read_description) fold once
def _fold_head(text: str, size: int) -> bytes:
    """`_fold(text)[:size]`, folding only as much of a long text as that takes.

    Folding works character by character, so the fold of a prefix is a prefix of the fold.
    """
    take = size + size // 2
    while take < len(text):
        head = _fold(text[:take])
        if len(head) >= size:
            return head[:size]
        take *= 2
    return _fold(text)[:size]


def posting_dedupe_key(title: str, company: str | None, description: str, location: str | None) -> str:
    """Same posting across sources: same title and company, and the same description text.

    Postings without a description (board cards, title registries) also need the same location.
    """
    body = _fold_head(description, 4000)
    place = b"" if body else _fold(location)
    return _digest(_fold(title), _fold(company), body, place)


def posting_key(raw: RawPosting) -> str:
    """Stable key of a record: the source's own id where it has one, else its content."""
    src = raw.provenance.source
    if raw.provenance.record_id:
        return _digest("posting", src, raw.provenance.record_id)
    return _digest(
        "posting", src, raw.title, raw.company, raw.location, raw.description, raw.posted_at, raw.url
    )


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _merge_skills(*groups: tuple[SkillMention, ...]) -> tuple[SkillMention, ...]:
    """One mention per skill id, first-seen order; a required mention beats a preferred or unmarked one."""
    rank = {True: 2, False: 1, None: 0}  # required > preferred > not said
    merged: dict[str, SkillMention] = {}
    for group in groups:
        for m in group:
            have = merged.get(m.id)
            if have is None or rank[m.required] > rank[have.required]:
                merged[m.id] = m
    return tuple(merged.values())


def _close(x: float, y: float, tolerance: float = 0.02) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1.0)


def _same_range(a: Pay, b: Pay) -> bool:
    """Two statements of one range: same currency and period, both ends within 2%."""
    return a.currency == b.currency and a.period == b.period and _close(a.min, b.min) and _close(a.max, b.max)


def _choose_pay(raw: RawPosting, description: str, country: str | None) -> Pay | None:
    """Structured pay first, then the source's salary field, then pay stated in the description.

    A salary field is often a board's rounded summary ("USD 147k~195k") of the range the description states
    exactly ("$147,500 - $195,000"), or one end of it: then the description's exact figures win.
    """
    if raw.pay is not None:
        return raw.pay
    field_pay = parse_pay(raw.salary_text, country=country) if raw.salary_text else None
    text_pay = find_pay(description, country=country) if description else None
    if field_pay is None:
        return text_pay
    if text_pay is not None and (_same_range(field_pay, text_pay) or _one_end_of(field_pay, text_pay)):
        return text_pay
    return field_pay


def _one_end_of(field: Pay, text: Pay) -> bool:
    """A salary field of one figure that is one end of the range the description states ("USD 260100~260100"
    for "$185,800 - $260,100"): the board kept one end, the description has the range."""
    return (
        field.min == field.max
        and text.min != text.max
        and (field.currency, field.period) == (text.currency, text.period)
        and (_close(field.min, text.min) or _close(field.min, text.max))
    )


@dataclass(frozen=True, slots=True)
class DescriptionFacts:
    """What the description alone says: the same text always gives the same facts."""

    sections: tuple[Section, ...]
    education: Education
    min_years: float | None
    statements: tuple[str, ...]
    phrases: tuple[tuple[str, str], ...]
    skills: tuple[SkillMention, ...]


class _TaxonomyKey:
    """A taxonomy as a memo key, by identity (a Taxonomy holds dicts, so it has no hash of its own)."""

    __slots__ = ("taxonomy",)

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def __hash__(self) -> int:
        return id(self.taxonomy)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _TaxonomyKey) and other.taxonomy is self.taxonomy


def read_description(description: str, taxonomy: Taxonomy) -> DescriptionFacts:
    """Sections, degree, years, responsibilities and skills of a description (memoized, see below)."""
    return _read_description(description, _TaxonomyKey(taxonomy))


# Feeds repeat descriptions: one posting listed per city or company unit, reposts, the same posting on
# several boards. In the 7,156 real postings with a description 1,214 repeat one seen earlier, nearly all
# within the last thousand postings of the same source. A repeated description costs one dictionary look-up
# instead of a millisecond of extraction. ~10 KB per entry.
@lru_cache(maxsize=1024)
def _read_description(description: str, key: _TaxonomyKey) -> DescriptionFacts:
    sections = split_sections(description) if description else ()
    statements = responsibility_statements(sections) if sections else ()
    return DescriptionFacts(
        sections=sections,
        education=extract_education(description, sections),
        min_years=extract_min_years(description, sections),
        statements=statements,
        phrases=responsibility_phrases(statements),
        skills=skill_matcher(key.taxonomy).extract(description, sections) if description else (),
    )


def normalize_posting(raw: RawPosting, taxonomy: Taxonomy) -> Posting:
    """Normalize one raw posting: role, level, track, place, type, pay, degree, years, skills."""
    title = _SPACES.sub(" ", raw.title or "").strip()
    if not title:
        raise RecordError(
            "the record has no job title", row=raw.provenance.row, hint="give every posting a non-empty title"
        )
    description = raw.description or ""
    place = parse_location(raw.location)
    facts = read_description(description, taxonomy)
    education, min_years = facts.education, facts.min_years
    info = classify_title(title, description=description, min_years=min_years)
    employment, internship = parse_employment(raw.employment_text, title=title, description=description)
    remote = parse_remote(raw.remote_text, raw.location, description) or place.remote

    pay = _choose_pay(raw, description, place.country)
    salary, salary_note = (None, None)
    if pay is not None:
        salary, salary_note = to_salary(pay, year=_year(raw.posted_at), fx=taxonomy.fx)

    matcher = skill_matcher(taxonomy)
    # The title names skills only where nothing else does: "Machine Learning Engineer" would otherwise make
    # machine learning a requirement of every such posting, and skew every comparison of roles.
    skills = _merge_skills(
        facts.skills,
        matcher.extract(", ".join(raw.tags)) if raw.tags else (),
        matcher.extract(title) if not description.strip() and not raw.tags else (),
    )
    return Posting(
        key=posting_key(raw),
        provenance=raw.provenance,
        title=title,
        company=raw.company,
        location=raw.location,
        description=description,
        role=info.role,
        level=info.level,
        track=info.track,
        employment_type=employment,
        internship=internship or info.internship,
        remote=remote,
        country=place.country,
        region=place.region,
        city=place.city,
        salary=salary,
        salary_note=salary_note,
        min_degree=education.min_degree,
        degree_fields=education.fields,
        min_years=min_years,
        skills=skills,
        responsibilities=facts.statements,
        posted_at=raw.posted_at,
        url=raw.url,
        industry=raw.industry,
        company_size=raw.company_size,
        dedupe_key=posting_dedupe_key(title, raw.company, description, raw.location),
        raw=raw.raw,
        phrases=facts.phrases,
        has_text=bool(description.strip() or raw.tags),
    )


@lru_cache(maxsize=4096)
def _title_role_track(title: str) -> tuple[str, str]:
    """Role and track of a salary-survey title (a few hundred distinct titles over 74k records)."""
    info = classify_title(title)
    return info.role, info.track


def normalize_salary_record(raw: RawSalaryRecord, taxonomy: Taxonomy) -> SalaryRecord:
    """A salary-survey record as published, plus the role its title maps to. USD is the source's own figure."""
    role, track = _title_role_track(raw.job_title)
    return SalaryRecord(
        key=_digest(
            "salary", raw.provenance.source, raw.provenance.file.rsplit("/", 1)[-1], raw.provenance.row
        ),
        provenance=raw.provenance,
        work_year=raw.work_year,
        level=raw.experience_level,  # type: ignore[arg-type]  # validated by the adapter
        employment_type=raw.employment_type,  # type: ignore[arg-type]
        job_title=raw.job_title,
        role=role,
        track=track,  # type: ignore[arg-type]  # "ic" | "manager" from classify_title
        salary=raw.salary,
        salary_currency=raw.salary_currency,
        salary_in_usd=raw.salary_in_usd,
        employee_residence=raw.employee_residence,
        remote_ratio=raw.remote_ratio,
        company_location=raw.company_location,
        company_size=raw.company_size,
    )


def process_record(
    record: RawPosting | RawSalaryRecord | RecordFailure, taxonomy: Taxonomy
) -> Posting | SalaryRecord | Reject:
    """The one stage every runner applies: a normalized record, or a Reject that says why not."""
    prov = record.provenance
    if isinstance(record, RecordFailure):
        return Reject(prov.file, prov.row, record.reason, dict(record.raw))
    try:
        if isinstance(record, RawSalaryRecord):
            return normalize_salary_record(record, taxonomy)
        return normalize_posting(record, taxonomy)
    except RecordError as exc:
        return Reject(prov.file, prov.row, str(exc), dict(getattr(record, "raw", {}) or {}))
    except Exception as exc:  # a normalizer bug must not lose the record: keep it as a reject, loudly
        reason = f"internal error ({type(exc).__name__}: {exc}); please report it with this row"
        return Reject(prov.file, prov.row, reason, dict(getattr(record, "raw", {}) or {}))
