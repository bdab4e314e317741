"""parse_location: a table of the location spellings seen in the sources, property tests, and a real-data sweep."""

from __future__ import annotations

import collections
import csv
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.normalize.location import Place, country_code, parse_location

P = Place

LOCATION_TABLE: list[tuple[str | None, Place]] = [
    ("New York, NY", P("US", "NY", "New York", None)),
    ("San Francisco Bay Area", P("US", "CA", "San Francisco", None)),
    ("Bengaluru, India", P("IN", "Karnataka", "Bengaluru", None)),
    ("London, UK", P("GB", "England", "London", None)),
    ("London, England, United Kingdom", P("GB", "England", "London", None)),
    ("Remote", P(None, None, None, "remote")),
    ("US,Remote", P("US", None, None, "remote")),
    ("Remote - US", P("US", None, None, "remote")),
    ("Remote (USA)", P("US", None, None, "remote")),
    ("United States", P("US", None, None, None)),
    ("Hybrid - Berlin", P("DE", None, "Berlin", "hybrid")),
    ("Paris, Île-de-France, France", P("FR", "Ile-de-France", "Paris", None)),
    ("Toronto, ON", P("CA", "ON", "Toronto", None)),
    ("Remote,Levallois-Perret, France", P("FR", "Ile-de-France", "Levallois-Perret", "remote")),
    ("EMEA", P(None, "EMEA", None, None)),
    ("Europe", P(None, "Europe", None, None)),
    ("NYC or SF or Remote", P("US", "NY", "New York", "remote")),
    ("Cambridge, MA", P("US", "MA", "Cambridge", None)),
    # two-letter codes after a city: the city's own country, then US states, Canadian provinces, countries
    ("Boston, IN", P("US", "IN", "Boston", None)),
    ("Chennai, IN", P("IN", "Tamil Nadu", "Chennai", None)),
    ("Dublin, CA", P("US", "CA", "Dublin", None)),
    ("Dublin, IE", P("IE", None, "Dublin", None)),
    ("London, ON", P("CA", "ON", "London", None)),
    ("Amsterdam, NL", P("NL", None, "Amsterdam", None)),
    ("Bangkok, TH", P("TH", None, "Bangkok", None)),
    ("Washington, DC", P("US", "DC", "Washington", None)),
    ("Washington, United States", P("US", "WA", None, None)),
    ("New York, United States", P("US", "NY", None, None)),
    ("New York City, United States", P("US", "NY", "New York", None)),
    ("Illinois, United States", P("US", "IL", None, None)),
    ("Massachusetts - Boston", P("US", "MA", "Boston", None)),
    ("Ontario, CAN", P("CA", "ON", None, None)),
    ("Valencia, ESP", P("ES", None, "Valencia", None)),
    ("London, England, GBR", P("GB", "England", "London", None)),
    ("Zürich, CH", P("CH", None, "Zurich", None)),
    ("MÉXICO", P("MX", None, None, None)),
    ("Türkiye, Remote", P("TR", None, None, "remote")),
    # formats of ATS and job boards
    ("US-CA-Bay Area-Remote", P("US", "CA", "San Francisco", "remote")),
    ("BR São Paulo, São Paulo, Brazil", P("BR", None, "Sao Paulo", None)),
    ("ON Toronto, Ontario, Canada", P("CA", "ON", "Toronto", None)),
    ("IN-Bengaluru, IN-Hyderabad, IN-Remote", P("IN", "Karnataka", "Bengaluru", "remote")),
    ("TELECOMMUTE Boston, Massachusetts, United States", P("US", "MA", "Boston", "remote")),
    ("San Francisco, CA | New York City, NY", P("US", "CA", "San Francisco", None)),
    ("San Francisco, CA; New York, NY", P("US", "CA", "San Francisco", None)),
    ("Doha, Qatar ; Dubai, UAE", P("QA", None, "Doha", None)),
    ("Remote-Friendly (Travel-Required)", P(None, None, None, "remote")),
    ("Remote-Friendly, United States", P("US", None, None, "remote")),
    ("San Francisco (or remote)", P("US", "CA", "San Francisco", "remote")),
    ("Lisbon, Portugal (Remote / Hybrid)", P("PT", None, "Lisbon", "hybrid")),
    ("Frisco (or remote), United States", P("US", None, "Frisco", "remote")),
    ("Greater Chicago Area", P("US", "IL", "Chicago", None)),
    ("Dallas-Fort Worth Metroplex", P("US", "TX", "Dallas", None)),
    ("Kathmandu, Bagmati Province, Nepal", P("NP", "Bagmati Province", "Kathmandu", None)),
    ("Zurich Switzerland", P("CH", None, "Zurich", None)),
    ("U.S. Remote", P("US", None, None, "remote")),
    ("Remote in the UK", P("GB", None, None, "remote")),
    ("APAC,Remote", P(None, "APAC", None, "remote")),
    ("Anywhere in the World", P(None, "Global", None, "remote")),
    ("On-site - Austin, TX", P("US", "TX", "Austin", "onsite")),
    ("Herzliya", P("IL", None, "Herzliya", None)),
    # a generated list of eligible countries names no single country; a hand-written list names its first
    ("Australia,Canada,France,Germany,India,United Kingdom,United States", P(None, None, None, None)),
    ("Romania,Remote,UK,Spain,Ireland", P("RO", None, None, "remote")),
    # empty and placeholder values
    (None, P(None, None, None, None)),
    ("", P(None, None, None, None)),
    ("-1", P(None, None, None, None)),
]


@pytest.mark.parametrize(("text", "place"), LOCATION_TABLE)
def test_location_table(text: str | None, place: Place) -> None:
    assert parse_location(text) == place


def test_default_country_fills_only_a_missing_country() -> None:
    assert parse_location("Remote", default_country="US") == P("US", None, None, "remote")
    assert parse_location("Springfield", default_country="US") == P("US", None, "Springfield", None)
    assert parse_location("Paris, France", default_country="US").country == "FR"
    assert parse_location(None, default_country="GB") == P("GB", None, None, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Germany", "DE"), ("DEU", "DE"), ("de", "DE"), ("United Kingdom", "GB"), ("UK", "GB"), ("USA", "US"),
     ("South Korea", "KR"), ("Viet Nam", "VN"), ("Czech Republic", "CZ"), ("Nowhere", None)],
)  # fmt: skip
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_a_place(text: str) -> None:
    place = parse_location(text)
    assert place.country is None or (len(place.country) == 2 and place.country.isupper())
    assert place.remote in (None, "remote", "hybrid", "onsite")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([t for t, p in LOCATION_TABLE if t and p.country]), st.sampled_from(["Remote", "Hybrid"])
)
def test_arrangement_word_keeps_the_place(text: str, word: str) -> None:
    base = parse_location(text)
    both = parse_location(f"{text} ({word})")
    assert (both.country, both.city) == (base.country, base.city)
    assert both.remote == word.lower() or (base.remote == "hybrid")


@pytest.mark.realdata
def test_real_locations_mostly_resolve(shared_data: Path) -> None:
    texts: collections.Counter[str] = collections.Counter()
    with (shared_data / "linkedin-aiml-jobs-usa/ai_ml_jobs_linkedin.csv").open(encoding="utf-8-sig") as f:
        texts.update(r["location"] for r in csv.DictReader(f))
    with (shared_data / "glassdoor-ds-jobs-2020/glassdoor_jobs.csv").open(encoding="utf-8") as f:
        texts.update(r["Location"] for r in csv.DictReader(f))
    with (shared_data / "aijobs-board-listings/data_science_job.csv").open(encoding="latin-1") as f:
        texts.update(r["Location"] for r in csv.DictReader(f))
    with (shared_data / "ai-lab-ats-titles-2025-2026/current_jobs.csv").open(encoding="utf-8") as f:
        texts.update(r["location"] for r in csv.DictReader(f))
    with gzip.open(
        shared_data / "remotewlb-remote-jobs-2024-2025/remotewlb_ai_ml_data_postings.jsonl.gz", "rt"
    ) as f:
        texts.update(json.loads(line)["location_tag"] or "" for line in f)
    total = sum(n for t, n in texts.items() if t)
    places = {t: parse_location(t) for t in texts if t}
    with_country = sum(n for t, n in texts.items() if t and places[t].country)
    remote_only = sum(n for t, n in texts.items() if t and not places[t].country and places[t].remote)
    world = sum(n for t, n in texts.items() if t and not places[t].country and places[t].region)
    print(
        f"\n{total} real location fields ({len(places)} distinct): country {with_country / total:.1%}, "
        f"remote without country {remote_only / total:.1%}, continent-level region only {world / total:.1%}"
    )
    assert with_country / total >= 0.9
    assert places["San Francisco, CA"] == P("US", "CA", "San Francisco", None)
