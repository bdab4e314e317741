"""The records that flow through roledex, as frozen dataclasses.

    RawPosting / RawSalaryRecord   what an ingest adapter yields, with its Provenance
    RecordFailure                  a record an adapter could not read (kept, with its reason)
    Pay                            a salary as stated: min, max, currency, period, kind
    Salary                         the ids.md salary object: Pay plus annual USD figures
    SkillMention                   one skill id found in a posting, required or preferred
    Posting                        a normalized posting: role, level, place, pay, skills ...
    SalaryRecord                   a normalized salary-survey record

The identifiers (role ids, level codes, employment types, degrees) are those of spec/ids.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["EN", "MI", "SE", "EX"]
Track = Literal["ic", "manager"]
EmploymentType = Literal["FT", "PT", "CT", "FL"]
Remote = Literal["remote", "hybrid", "onsite"]
Degree = Literal["none", "bachelor", "master", "phd"]
Period = Literal["year", "month", "week", "day", "hour"]
PayKind = Literal["posted", "estimated"]

LEVELS: tuple[Level, ...] = ("EN", "MI", "SE", "EX")
LEVEL_LABELS: dict[str, str] = {
    "EN": "Entry-level / Junior",
    "MI": "Mid-level / Intermediate",
    "SE": "Senior-level / Expert",
    "EX": "Executive-level / Director",
}
EMPLOYMENT_TYPES: tuple[EmploymentType, ...] = ("FT", "PT", "CT", "FL")
EMPLOYMENT_LABELS: dict[str, str] = {
    "FT": "Full Time",
    "PT": "Part Time",
    "CT": "Contract",
    "FL": "Freelance",
}
DEGREES: tuple[Degree, ...] = ("none", "bachelor", "master", "phd")
PERIODS: tuple[Period, ...] = ("year", "month", "week", "day", "hour")
# ids.md: hour x 2080, day x 260, week x 52, month x 12
ANNUAL_FACTOR: dict[str, int] = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: the source set, the file or URL, and the 0-based data-record index."""

    source: str
    file: str
    row: int
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class Pay:
    """A salary as the posting states it, before any conversion."""

    min: float
    max: float
    currency: str | None  # ISO 4217; None when the symbol is ambiguous ("$" outside the US)
    period: Period = "year"
    kind: PayKind = "posted"


@dataclass(frozen=True, slots=True)
class Salary:
    """The ids.md salary object."""

    min: float
    max: float
    currency: str
    period: Period
    annual_usd_min: float
    annual_usd_max: float
    kind: PayKind = "posted"

    @property
    def annual_usd_mid(self) -> float:
        return (self.annual_usd_min + self.annual_usd_max) / 2

    def to_dict(self) -> dict[str, Any]:
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "annual_usd_min": self.annual_usd_min,
            "annual_usd_max": self.annual_usd_max,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class RawPosting:
    """A job posting as an adapter read it: text fields with the source's own wording.

    `description` is plain text (adapters turn HTML and Markdown into text); `pay` is set where the
    source has structured compensation, `salary_text` where it has a salary string outside the
    description. `labels` carries the source's own categorical fields (LinkedIn's experienceLevel ...),
    `raw` the record exactly as read, for storage.
    """

    provenance: Provenance
    title: str
    company: str | None = None
    location: str | None = None
    description: str = ""
    salary_text: str | None = None
    pay: Pay | None = None
    employment_text: str | None = None
    remote_text: str | None = None
    posted_at: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None
    industry: str | None = None
    company_size: str | None = None
    tags: tuple[str, ...] = ()
    labels: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RawSalaryRecord:
    """A salary-survey record (ai-jobs.net salaries) as published."""

    provenance: Provenance
    work_year: int
    experience_level: str
    employment_type: str
    job_title: str
    salary: float
    salary_currency: str
    salary_in_usd: float
    employee_residence: str
    remote_ratio: int
    company_location: str
    company_size: str


@dataclass(frozen=True, slots=True)
class RecordFailure:
    """A record an adapter could not read: kept with its reason, never dropped silently."""

    provenance: Provenance
    reason: str
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SkillMention:
    """A skill id found in a posting. `required` is None when the posting does not say."""

    id: str
    required: bool | None = None


@dataclass(frozen=True, slots=True)
class Posting:
    """A normalized posting: every ids.md field plus what extraction found."""

    key: str
    provenance: Provenance
    title: str
    company: str | None
    location: str | None
    description: str
    role: str
    level: Level | None
    track: Track
    employment_type: EmploymentType | None
    internship: bool
    remote: Remote | None
    country: str | None
    region: str | None
    city: str | None
    salary: Salary | None
    salary_note: str | None  # why a stated salary is not a fact (absurd, unknown currency ...)
    min_degree: Degree | None
    degree_fields: tuple[str, ...]
    min_years: float | None
    skills: tuple[SkillMention, ...]
    responsibilities: tuple[str, ...]
    posted_at: str | None
    url: str | None
    industry: str | None
    company_size: str | None
    dedupe_key: str
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    phrases: tuple[tuple[str, str], ...] = ()  # (responsibility phrase, theme id)
    has_text: bool = False  # a description or skill tags: the posting can say which skills it asks for

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `roledex normalize` and the API (ids.md names)."""
        return {
            "key": self.key,
            "source": self.provenance.source,
            "source_file": self.provenance.file,
            "source_row": self.provenance.row,
            "source_id": self.provenance.record_id,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "role": self.role,
            "level": self.level,
            "track": self.track,
            "employment_type": self.employment_type,
            "internship": self.internship,
            "remote": self.remote,
            "country": self.country,
            "region": self.region,
            "city": self.city,
            "salary": self.salary.to_dict() if self.salary else None,
            "salary_note": self.salary_note,
            "min_degree": self.min_degree,
            "degree_fields": list(self.degree_fields),
            "min_years": self.min_years,
            "skills": [s.id for s in self.skills],
            "skills_required": [s.id for s in self.skills if s.required is True],
            "skills_preferred": [s.id for s in self.skills if s.required is False],
            "responsibilities": list(self.responsibilities),
            "responsibility_phrases": [{"phrase": p, "theme": t} for p, t in self.phrases],
            "posted_at": self.posted_at,
            "url": self.url,
            "industry": self.industry,
            "company_size": self.company_size,
        }


@dataclass(frozen=True, slots=True)
class SalaryRecord:
    """A normalized salary-survey record: the published fields plus the role the title maps to."""

    key: str
    provenance: Provenance
    work_year: int
    level: Level
    employment_type: EmploymentType
    job_title: str
    role: str
    track: Track
    salary: float
    salary_currency: str
    salary_in_usd: float
    employee_residence: str
    remote_ratio: int
    company_location: str
    company_size: str

    def published(self) -> tuple[Any, ...]:
        """The record's fields as the source published them (what makes two rows identical)."""
        return (
            self.work_year, self.level, self.employment_type, self.job_title, self.salary, self.salary_currency,
            self.salary_in_usd, self.employee_residence, self.remote_ratio, self.company_location, self.company_size,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        prov = d.pop("provenance")
        d["source"] = prov["source"]
        d["source_file"] = prov["file"]
        d["source_row"] = prov["row"]
        return d
