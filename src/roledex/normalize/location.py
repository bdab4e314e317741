"""Free-text job location -> country (ISO 3166-1 alpha-2), region, city and remote flag.

Real location fields look like "New York, NY", "London, England, United Kingdom", "US,Remote",
"Remote (USA)", "Hybrid - Berlin", "Toronto, ON", "Remote,Levallois-Perret, France", "EMEA",
"San Francisco, CA | New York City, NY" or "TELECOMMUTE Boston, Massachusetts, United States".

How it is read
--------------
- Alternatives ("A; B", "A | B", "A or B") are split and the first one that names a place is the primary
  location. Work-arrangement words (remote, hybrid, on-site) anywhere in the text set `remote`.
- Inside an alternative the comma/dash parts are read left to right: a country name or code, a US state or
  Canadian province (name or code), a continent-level region ("EMEA", "Europe"), or else a city (a table of a
  few hundred tech cities gives the country of a bare city name such as "Bengaluru" or "Seattle").
- Two-letter codes after a city: the city's own country code wins ("Chennai, IN" -> India), then US states
  ("Boston, IN" -> Indiana, "Dublin, CA" -> California), then Canadian provinces ("London, ON"), then
  country codes ("Bangkok, TH").
- A text that lists four or more countries and no city ("Australia, Canada, France, ...") names no single
  country: country is None.
- `region` is the US state / Canadian province code, otherwise the region name as written
  ("Ile-de-France", "England"), or a continent-level region when no country is known ("EMEA").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from roledex.models import Remote

__all__ = ["Place", "country_code", "parse_location"]


@dataclass(frozen=True, slots=True)
class Place:
    country: str | None
    region: str | None
    city: str | None
    remote: Remote | None


# fmt: off
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico",
}
CA_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories", "NU": "Nunavut",
    "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
}
# fmt: on
_STATE_BY_NAME = {v.lower(): k for k, v in US_STATES.items()} | {
    "washington dc": "DC",
    "washington d.c.": "DC",
}
_PROVINCE_BY_NAME = {v.lower(): k for k, v in CA_PROVINCES.items()} | {"quebec": "QC"}

# continent-level regions: kept as `region` when no country is named
# fmt: off
WORLD_REGIONS = {
    "emea": "EMEA", "europe": "Europe", "eu": "Europe", "european union": "Europe", "apac": "APAC",
    "asia": "Asia", "asia pacific": "APAC", "asia-pacific": "APAC", "latam": "LATAM",
    "latin america": "LATAM", "south america": "South America", "north america": "North America",
    "americas": "Americas", "africa": "Africa", "middle east": "Middle East", "mena": "MENA",
    "nordics": "Nordics", "dach": "DACH", "benelux": "Benelux", "global": "Global", "worldwide": "Global",
    "anywhere": "Global", "international": "Global", "cet": "Europe", "uk/eu": "Europe", "oceania": "Oceania",
    "central america": "Central America", "caribbean": "Caribbean", "southeast asia": "Southeast Asia",
    "world": "Global", "european": "Europe", "na": "North America",
}
# fmt: on

# Major tech cities: "name|alias|...;CC;region". Region is the state/province code for US and Canada.
# Major tech cities by country: "alias|alias=region; ...". Region is the state/province code for US and
# Canada and the state or nation elsewhere where it is commonly written. Continuation lines are indented.
_CITY_TABLE = """
US: new york|new york city|nyc|manhattan|brooklyn|queens|bronx=NY; san francisco|sf|san francisco bay
    area|san francisco bay|bay area|sf bay area|silicon valley=CA; south san francisco=CA; los
    angeles|la=CA; seattle=WA; boston=MA; chicago=IL; austin=TX; washington|washington dc|washington
    d.c.|dc=DC; san jose=CA; san diego=CA; palo alto=CA; mountain view=CA; sunnyvale=CA; santa clara=CA;
    cupertino=CA; menlo park=CA; redwood city=CA; san mateo=CA; foster city=CA; fremont=CA; pleasanton=CA;
    emeryville=CA; oakland=CA; berkeley=CA; santa monica=CA; culver city=CA; irvine=CA; pasadena=CA;
    burbank=CA; sacramento=CA; bellevue=WA; redmond=WA; kirkland=WA; portland=OR; somerville=MA;
    waltham=MA; dallas|dallas-fort worth|dfw=TX; houston=TX; san antonio=TX; plano=TX; irving=TX; fort
    worth=TX; denver=CO; boulder=CO; atlanta=GA; miami=FL; tampa=FL; orlando=FL; jacksonville=FL;
    arlington=VA; mclean=VA; reston=VA; herndon=VA; chantilly=VA; tysons|tysons corner=VA; alexandria=VA;
    richmond=VA; baltimore=MD; bethesda=MD; rockville=MD; philadelphia=PA; pittsburgh=PA; jersey city=NJ;
    hoboken=NJ; princeton=NJ; newark=NJ; raleigh=NC; durham=NC; charlotte=NC; nashville=TN; detroit=MI;
    ann arbor=MI; minneapolis=MN; st. louis|st louis|saint louis=MO; kansas city=MO; columbus=OH;
    cleveland=OH; cincinnati=OH; indianapolis=IN; milwaukee=WI; madison=WI; phoenix=AZ; scottsdale=AZ;
    tempe=AZ; salt lake city=UT; lehi=UT; provo=UT; las vegas=NV; albuquerque=NM; new orleans=LA;
    honolulu=HI; omaha=NE; des moines=IA; boise=ID; huntsville=AL
CA: toronto=ON; vancouver=BC; montreal=QC; ottawa=ON; calgary=AB; edmonton=AB; waterloo=ON; kitchener=ON;
    quebec city=QC; winnipeg=MB; halifax=NS; victoria=BC; markham=ON; mississauga=ON
GB: london=England; manchester=England; birmingham=England; bristol=England; leeds=England;
    oxford=England; reading=England; edinburgh=Scotland; glasgow=Scotland; aberdeen=Scotland;
    belfast=Northern Ireland; cardiff=Wales
IE: dublin; cork; galway
FR: paris=Ile-de-France; levallois-perret=Ile-de-France; saint-ouen-sur-seine|saint-ouen=Ile-de-France; la
    defense=Ile-de-France; lyon; marseille; toulouse; nice; lille; bordeaux; nantes; annecy; grenoble;
    sophia antipolis
DE: berlin; hamburg; munich|munchen; frankfurt|frankfurt am main; stuttgart; cologne|koln; dusseldorf;
    leipzig; dresden; hanover|hannover; nuremberg|nurnberg; karlsruhe; heidelberg
NL: amsterdam; rotterdam; utrecht; eindhoven; the hague|den haag; delft
BE: brussels|bruxelles; antwerp; ghent
LU: luxembourg
CH: zurich; geneva|geneve; basel; lausanne; bern
AT: vienna|wien; graz
ES: madrid; barcelona; valencia; seville|sevilla; malaga; bilbao
PT: lisbon|lisboa; porto; braga
IT: milan|milano; rome|roma; turin|torino; bologna; florence; naples
DK: copenhagen|kobenhavn; aarhus
SE: stockholm; gothenburg|goteborg; malmo
NO: oslo; bergen
FI: helsinki; espoo; tampere
IS: reykjavik
PL: warsaw|warszawa; krakow|cracow; wroclaw; poznan; rzeszow; gdansk; lodz; katowice
CZ: prague|praha; brno
HU: budapest
RO: bucharest; cluj-napoca|cluj; iasi
BG: sofia
GR: athens; thessaloniki
RS: belgrade
HR: zagreb
SI: ljubljana
SK: bratislava
LT: vilnius
LV: riga
EE: tallinn
UA: kyiv|kiev; lviv; kharkiv
BY: minsk
RU: moscow; saint petersburg|st. petersburg
TR: istanbul; ankara; izmir
IL: tel aviv|tel aviv-yafo; jerusalem; haifa; herzliya; kfar saba; ra'anana|raanana; petah tikva; netanya;
    rishon lezion
AM: yerevan
GE: tbilisi
AZ: baku
MD: chisinau
MK: skopje
BA: sarajevo
AL: tirana
CY: nicosia; limassol
MT: valletta
AE: dubai; abu dhabi
QA: doha
SA: riyadh; jeddah
EG: cairo
NG: lagos
KE: nairobi
ZA: cape town; johannesburg
GH: accra
RW: kigali
MA: casablanca
TN: tunis
IN: bengaluru|bangalore=Karnataka; hyderabad=Telangana; chennai=Tamil Nadu; pune=Maharashtra;
    mumbai|bombay=Maharashtra; delhi|new delhi=Delhi; gurgaon|gurugram=Haryana; noida=Uttar Pradesh;
    kolkata=West Bengal; ahmedabad=Gujarat; jaipur=Rajasthan; indore=Madhya Pradesh; kochi=Kerala;
    chandigarh; trivandrum|thiruvananthapuram=Kerala; coimbatore=Tamil Nadu; visakhapatnam=Andhra Pradesh;
    mysore|mysuru=Karnataka; bhubaneswar=Odisha; nagpur=Maharashtra
PK: karachi; lahore; islamabad
BD: dhaka
LK: colombo
NP: kathmandu
SG: singapore
HK: hong kong
TW: taipei
JP: tokyo; osaka
KR: seoul
CN: beijing; shanghai; shenzhen; hangzhou; guangzhou
AU: sydney=NSW; melbourne=VIC; brisbane=QLD; perth=WA; adelaide=SA; canberra=ACT
NZ: auckland; wellington
PH: manila; makati|makati city; taguig|taguig city; cebu
ID: jakarta
MY: kuala lumpur
VN: hanoi; ho chi minh city|saigon
TH: bangkok
BR: sao paulo; rio de janeiro; belo horizonte; curitiba; porto alegre; florianopolis; recife; campinas;
    brasilia
AR: buenos aires; cordoba; rosario; mendoza
CL: santiago
CO: bogota; medellin; cali
PE: lima
EC: quito
UY: montevideo
MX: mexico city|ciudad de mexico|cdmx; guadalajara; monterrey; tijuana; queretaro; san luis potosi;
    ensenada
CR: san jose costa rica
VE: caracas
GT: guatemala city
PA: panama city
JM: kingston
"""

_REMOTE_RE = re.compile(
    r"\bremote\b(?! sensing| control| monitoring| patient)|\btelecommute\b|\bwork from home\b|\bwfh\b"
    r"|\bhome[- ]based\b|\banywhere\b|\bremote-friendly\b"
)
_HYBRID_RE = re.compile(r"\bhybrid\b|\bpart(?:ially)? remote\b")
_ONSITE_RE = re.compile(r"\bon-?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice[- ]based\b")
# words that say how or where-ish, not which place
# words that say how or where-ish, not which place (dropped before a part is looked up)
_ARRANGEMENT_WORDS = frozenset(
    [
        "fully",
        "100%",
        "remote",
        "remote-friendly",
        "remote-first",
        "telecommute",
        "wfh",
        "hybrid",
        "onsite",
        "on-site",
        "relocation",
        "only",
        "based",
        "preferred",
        "ideally",
        "first",
        "friendly",
        "hq",
        "headquarters",
        "office",
        "offices",
        "within",
        "the",
        "candidate",
        "candidates",
        "position",
        "anywhere",
        "in",
        "of",
        "job",
        "jobs",
        "available",
        "support",
        "timezone",
        "timezones",
        "compatible",
        "contiguous",
        "flexible",
        "thuiswerk",
        "in-office",
        "in-person",
    ]
)
_ARRANGEMENT_PHRASES = (
    "work from home",
    "open to",
    "east coast",
    "west coast",
    "time zone",
    "in office",
    "in person",
    "office based",
    "office-based",
    "home based",
    "home-based",
    "travel required",
    "travel-required",
)
_AREA_WORDS = frozenset({"greater", "area", "metropolitan", "metro", "metroplex", "region"})
_ALTERNATIVE_SPLIT_RE = re.compile(r"(?i);|\||/|\+|\bor\b|\s&\s|\band\b")
_ALTERNATIVE_MARKS = (";", "|", "/", "+", " or ", " and ", " & ")
_SHORT_COUNTRIES = frozenset({"uk", "us", "usa", "uae", "u.s", "u.k", "ksa"})
_PAREN_RE = re.compile(r"\([^()]*\)")
_WORKDAY_RE = re.compile(r"^[A-Z]{2}-[A-Z]{2}-")  # "US-CA-Bay Area-Remote"
_CODE_PREFIX_RE = re.compile(r"^([A-Z]{2})[ -](\S.*)$")  # "BR Sao Paulo", "ON Toronto", "IN-Bengaluru"


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text


@cache
def _cities() -> dict[str, tuple[str, str | None, str]]:
    """alias -> (country, region, canonical city name), parsed once from _CITY_TABLE."""
    out: dict[str, tuple[str, str | None, str]] = {}
    records: list[tuple[str, str]] = []
    for line in _CITY_TABLE.strip().splitlines():
        if line.startswith("    ") and records:
            cc, text = records[-1]
            records[-1] = (cc, text + " " + line.strip())
        else:
            cc, _, text = line.partition(": ")
            records.append((cc, text))
    for cc, text in records:
        for entry in text.split("; "):
            names, _, region = entry.partition("=")
            aliases = names.strip().split("|")
            canonical = " ".join(w if w in ("de", "la", "am") else w.capitalize() for w in aliases[0].split())
            for alias in aliases:
                out[alias] = (cc, region or None, canonical)
    for alias, name in _CANONICAL_NAMES:
        country, state, _ = out[alias]
        out[alias] = (country, state, name)
    return out


_CANONICAL_NAMES = (
    ("st. louis", "St. Louis"),
    ("st louis", "St. Louis"),
    ("saint louis", "St. Louis"),
    ("mclean", "McLean"),
    ("levallois-perret", "Levallois-Perret"),
    ("cluj-napoca", "Cluj-Napoca"),
    ("ra'anana", "Ra'anana"),
)


@cache
def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(name -> alpha2, alpha2 set as dict, alpha3 -> alpha2), built once from pycountry plus common names."""
    import pycountry

    names: dict[str, str] = {}
    alpha2: dict[str, str] = {}
    alpha3: dict[str, str] = {}
    for c in pycountry.countries:
        alpha2[c.alpha_2] = c.alpha_2
        alpha3[c.alpha_3] = c.alpha_2
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[_fold(value).lower()] = c.alpha_2
                if ", " in value:  # "Korea, Republic of" -> also "Korea"
                    names[_fold(value.split(", ")[0]).lower()] = c.alpha_2
    # fmt: off
    names.update(
        {
            "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "u.s": "US", "u.s.a": "US", "u.k": "GB",
            "united states of america": "US", "america": "US", "uk": "GB", "u.k.": "GB", "england": "GB",
            "scotland": "GB", "wales": "GB", "northern ireland": "GB", "great britain": "GB", "britain": "GB",
            "uae": "AE", "south korea": "KR", "korea": "KR", "north korea": "KP", "russia": "RU",
            "vietnam": "VN", "czech republic": "CZ", "turkey": "TR", "turkiye": "TR", "taiwan": "TW",
            "iran": "IR", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
            "syria": "SY", "laos": "LA", "holland": "NL", "macedonia": "MK", "north macedonia": "MK",
            "ivory coast": "CI", "cote d'ivoire": "CI", "hong kong": "HK", "macau": "MO", "palestine": "PS",
            "kosovo": "XK", "deutschland": "DE", "espana": "ES", "brasil": "BR", "schweiz": "CH",
            "suisse": "CH", "osterreich": "AT", "italia": "IT", "polska": "PL", "nederland": "NL",
            "belgique": "BE", "belgie": "BE", "mexico": "MX", "the netherlands": "NL", "netherlands": "NL",
            "the philippines": "PH", "philippines": "PH", "republic of ireland": "IE", "eire": "IE",
            "emirates": "AE", "saudi": "SA", "ksa": "SA", "czechia": "CZ", "slovak republic": "SK",
            "brunei": "BN", "cape verde": "CV", "swaziland": "SZ", "burma": "MM", "east timor": "TL",
            "vatican": "VA", "micronesia": "FM",
        }
    )
    # fmt: on
    return names, alpha2, alpha3


def country_code(text: str) -> str | None:
    """ISO alpha-2 code of a country name or code ("Germany", "DEU", "de", "United Kingdom" -> "GB")."""
    return _country_of_key(_fold(text).strip().strip(".").lower())


def _country_of_key(key: str) -> str | None:
    names, alpha2, alpha3 = _countries()
    if key in names:
        return names[key]
    up = key.upper()
    if len(up) == 2 and up in alpha2 and up != "NA":
        return up
    if len(up) == 3 and up in alpha3:
        return alpha3[up]
    return None


_ARRANGEMENT_HINTS = (
    "remot",
    "telecommut",
    "work from",
    "wfh",
    "home",
    "anywhere",
    "hybrid",
    "part",
    "site",
    "office",
    "person",
)


def _remote_of(low: str) -> Remote | None:
    if not any(h in low for h in _ARRANGEMENT_HINTS):
        return None
    if _HYBRID_RE.search(low):
        return "hybrid"
    if _REMOTE_RE.search(low):
        return "remote"
    if _ONSITE_RE.search(low):
        return "onsite"
    return None


@dataclass(slots=True)
class _Pending:
    """A part that looks like a city, waiting for the state or country that follows it."""

    name: str
    cc: str | None  # the city table's country, if the city is known
    region: str | None  # the city table's region


@dataclass(slots=True)
class _Acc:
    country: str | None = None
    region: str | None = None
    region_name: str | None = None  # a middle part such as "Ile-de-France" (a state code wins over it)
    city: str | None = None
    world: str | None = None
    countries: int = 0
    sorted_list: bool = False
    pending: _Pending | None = None

    def commit(self, country_hint: str | None = None) -> None:
        p = self.pending
        if p is None:
            return
        self.pending = None
        if self.city is None:
            self.city = p.name
            if self.country is None and p.cc is not None and country_hint is None:
                self.country = p.cc
            if self.region is None and p.region is not None and p.cc == (self.country or country_hint):
                self.region = p.region


def _key(raw: str) -> str:
    """Lower-case, accent-free part with work-arrangement words removed."""
    low = _fold(raw).lower()
    for phrase in _ARRANGEMENT_PHRASES:
        if phrase in low:
            low = low.replace(phrase, " ")
    words: list[str] = []
    for w in low.split():
        if w in _ARRANGEMENT_WORDS:
            continue
        if "-" in w:
            pieces = w.split("-")
            if any(p in _ARRANGEMENT_WORDS for p in pieces):
                words.extend(p for p in pieces if p and p not in _ARRANGEMENT_WORDS)
                continue
        words.append(w)
    return " ".join(words).strip(" .-'\"")


def _parts(alternative: str) -> list[str]:
    if _WORKDAY_RE.match(alternative):
        alternative = alternative.replace("-", ",")
    out: list[str] = []
    for dash in (" - ", " \u2013 ", " \u2014 ", " -", "- ", "(", ")", ":"):
        if dash in alternative:
            alternative = alternative.replace(dash, ",")
    for raw in alternative.split(","):
        raw = raw.strip()
        if not raw:
            continue
        m = _CODE_PREFIX_RE.match(raw)
        if m is not None and (
            m.group(1) in US_STATES or m.group(1) in CA_PROVINCES or country_code(m.group(1))
        ):
            out.extend((m.group(2), m.group(1)))  # "BR Sao Paulo" reads as "Sao Paulo, BR"
        else:
            out.append(raw)
    return out


def _read_alternative(alternative: str) -> _Acc:
    acc = _Acc()
    seen: set[str] = set()
    cities = _cities()
    parts = _parts(alternative)
    for i, raw in enumerate(parts):
        bare = raw.strip(" .")
        key = bare.lower() if len(bare) == 2 else _key(raw)
        if not key:
            continue
        # 1. two-letter codes: the pending city's own country, a US state, a Canadian province, a country
        if len(bare) == 2 and bare.isalpha():
            code = bare.upper()
            if code == "NA":
                acc.world = acc.world or "North America"
                continue
            p = acc.pending
            if p is not None and (p.cc == code or p.region == code):
                acc.country = acc.country or p.cc
                acc.commit()
                continue
            if code in US_STATES and (p is not None or acc.country in (None, "US")):
                acc.country, acc.region = acc.country or "US", acc.region or code
                acc.commit("US")
                continue
            if code in CA_PROVINCES and (p is not None or acc.country in (None, "CA")):
                acc.country, acc.region = acc.country or "CA", acc.region or code
                acc.commit("CA")
                continue
        key2 = " ".join(w for w in key.split() if w not in _AREA_WORDS) if " " in key else key
        # 2. countries
        cc = (
            _country_of_key(key) if (len(key) > 3 or key in _SHORT_COUNTRIES or len(bare) in (2, 3)) else None
        )
        if cc is not None:
            seen.add(cc)
            acc.country = acc.country or cc
            acc.commit(cc)
            continue
        # 3. US states and Canadian provinces by name ("New York, NY" is the city; "New York, US" the state)
        state = _STATE_BY_NAME.get(key2)
        province = _PROVINCE_BY_NAME.get(key2)
        if state is not None and key2 in ("new york", "washington") and _next_is_us_code(parts, i):
            state = None
        if state is not None and acc.country in (None, "US"):
            acc.country, acc.region = acc.country or "US", acc.region or state
            acc.commit("US")
            continue
        if province is not None and acc.country in (None, "CA"):
            acc.country, acc.region = acc.country or "CA", acc.region or province
            acc.commit("CA")
            continue
        # 4. continent-level regions
        world = WORLD_REGIONS.get(key2)
        if world is not None:
            acc.world = acc.world or world
            continue
        # 5. cities, known or not; a second unknown name after a city is a region name
        hit = cities.get(key) or cities.get(key2)
        if hit is None and " " in key2:
            # "Zurich Switzerland": a place name followed by its country without a comma
            head, _, last = key2.rpartition(" ")
            tail_cc = _country_of_key(last) if len(last) > 3 or last in _SHORT_COUNTRIES else None
            if tail_cc is not None:
                seen.add(tail_cc)
                acc.country = acc.country or tail_cc
                key2 = head
                hit = cities.get(head)
        if acc.pending is not None:
            had = acc.pending
            if hit is not None and had.cc is None and acc.city is None:
                acc.pending = None  # "RSPL HQ - Pune": the known city wins over an unknown word
            else:
                acc.commit()
                if hit is None:
                    acc.region_name = acc.region_name or _display(raw)
                continue
        if acc.city is not None:
            continue
        if hit is not None:
            acc.pending = _Pending(hit[2], hit[0], hit[1])
        elif _looks_like_place(key2):
            acc.pending = _Pending(_display(raw) if key2 == key else key2.title(), None, None)
        if acc.country is not None and acc.pending is not None:
            acc.commit(acc.country)
    acc.commit()
    if acc.region is None and acc.region_name is not None and acc.country is not None:
        acc.region = acc.region_name
    acc.countries = len(seen)
    acc.sorted_list = len(seen) >= 4 and _is_sorted_list(parts)
    return acc


def _is_sorted_list(parts: list[str]) -> bool:
    """An alphabetical list of countries is a generated 'eligible countries' list, not a primary place."""
    names = [k for k in (_key(p) for p in parts) if k and country_code(k) is not None]
    return names == sorted(names)


def _next_is_us_code(parts: list[str], i: int) -> bool:
    for nxt in parts[i + 1 :]:
        n = nxt.strip(" .")
        if n:
            return len(n) == 2 and n.upper() in US_STATES
    return False


_PLACE_WORD_RE = re.compile(r"^[a-z][a-z' .-]{1,40}$")
_NOT_PLACE = frozenset(
    {
        "multiple locations",
        "various",
        "tbd",
        "n/a",
        "na",
        "none",
        "other",
        "united",
        "us only",
        "usa only",
        "multiple",
        "locations",
        "virtual",
        "nationwide",
        "home",
        "field",
        "travel",
        "tba",
        "unknown",
    }
)


def _looks_like_place(key: str) -> bool:
    return key not in _NOT_PLACE and _PLACE_WORD_RE.match(key) is not None and len(key.split()) <= 4


def _display(raw: str) -> str:
    """A place name as written, trimmed of work-arrangement words and with capitalised words."""
    words = [
        w for w in raw.replace("(", " ").replace(")", " ").split() if w.lower() not in _ARRANGEMENT_WORDS
    ]
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in words).strip(" .-")


def _parenthesis(m: re.Match[str]) -> str:
    """A parenthesis that only says how ("(or remote)", "(Hybrid)") goes; one that names a place is a part."""
    inner = m.group()[1:-1]
    if all(w in ("or", "and", "/", "+", "&") for w in _key(inner).split()):
        return " "
    return ", " + inner + ", "


@lru_cache(maxsize=32768)
def _parse_cached(text: str, default_country: str | None) -> Place:
    remote = _remote_of(_fold(text).lower())
    if "(" in text:  # "(or remote)", "(Hybrid)" say how, not where
        text = _PAREN_RE.sub(_parenthesis, text)
    world: str | None = None
    with_city: _Acc | None = None
    low = text.lower()
    alternatives = _ALTERNATIVE_SPLIT_RE.split(text) if any(m in low for m in _ALTERNATIVE_MARKS) else [text]
    for alternative in alternatives:
        if not alternative or not alternative.strip():
            continue
        acc = _read_alternative(alternative)
        world = world or acc.world
        if acc.sorted_list and acc.city is None:
            return Place(None, acc.world, None, remote)  # a generated list of countries names no single one
        if acc.country is not None:
            return Place(acc.country, acc.region, acc.city, remote)
        if acc.city is not None and with_city is None:
            with_city = acc
    if with_city is not None:
        return Place(default_country, with_city.region, with_city.city, remote)
    return Place(default_country, world, None, remote)


def parse_location(text: str | None, *, default_country: str | None = None) -> Place:
    """Country, region, city and work arrangement of a location field (see the module docstring)."""
    if text is None or not text.strip() or text.strip() in ("-1", "None", "null"):
        return Place(default_country, None, None, None)
    return _parse_cached(text.strip(), default_country)
