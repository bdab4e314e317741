"""The words of pay: currency marks, multipliers and period words, and how each resolves.

Kept apart from the grammar (salary_grammar.py) so the tables can be read and extended on their own.
Currency marks resolve to ISO 4217 codes; a few marks depend on the posting's country:

    "$"   US or no country -> USD; CA/AU/SG/NZ/HK -> that dollar; any other country -> None (ambiguous)
    "kr"  NO -> NOK, DK -> DKK, IS -> ISK, otherwise SEK
    "¥"   CN (or RMB/CNY/元 nearby) -> CNY, otherwise JPY
"""

from __future__ import annotations

from roledex.models import Period

# Symbols and prefixes that name one currency whatever the country.
FIXED_MARKS: dict[str, str] = {
    "us$": "USD",
    "u.s.$": "USD",
    "usd$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad$": "CAD",
    "can$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "aud$": "AUD",
    "s$": "SGD",
    "sg$": "SGD",
    "sgd$": "SGD",
    "nz$": "NZD",
    "nzd$": "NZD",
    "hk$": "HKD",
    "hkd$": "HKD",
    "mx$": "MXN",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₩": "KRW",
    "₪": "ILS",
    "nis": "ILS",
    "₺": "TRY",
    "tl": "TRY",
    "₱": "PHP",
    "₽": "RUB",
    "₴": "UAH",
    "฿": "THB",
    "zł": "PLN",
    "zl": "PLN",
    "kč": "CZK",
    "ft": "HUF",
    "rp": "IDR",
    "rm": "MYR",
    "lei": "RON",
    "chf": "CHF",
    "fr.": "CHF",
    "sfr.": "CHF",
    "sfr": "CHF",
    "rmb": "CNY",
    "元": "CNY",
    "円": "JPY",
    "r": "ZAR",
    "aed": "AED",
}

# ISO codes we accept as written (those with no ECB rate still parse; to_salary then gives a note).
ISO_CODES: frozenset[str] = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "INR",
        "JPY",
        "CNY",
        "CHF",
        "CAD",
        "AUD",
        "SGD",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "BRL",
        "MXN",
        "ZAR",
        "HKD",
        "NZD",
        "ILS",
        "KRW",
        "CZK",
        "HUF",
        "TRY",
        "RON",
        "BGN",
        "ISK",
        "IDR",
        "MYR",
        "PHP",
        "THB",
        "RUB",
        "UAH",
        "AED",
        "SAR",
        "QAR",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "TWD",
        "VND",
        "NGN",
        "KES",
        "EGP",
        "PKR",
        "BDT",
        "LKR",
    ]
)

# Marks that are also ordinary words or language names ("R 4.3", "PHP 8", "RM", "TL;DR"): they count as
# money only with a thousand-sized number or a K/M suffix, or when the posting's country uses them.
WEAK_MARKS: frozenset[str] = frozenset(
    {"r", "rm", "tl", "ft", "php", "rp", "lei", "all", "fr.", "nis", "rs", "rs."}
)
WEAK_MARK_COUNTRY: dict[str, str] = {"r": "ZA", "rm": "MY", "tl": "TR", "ft": "HU", "php": "PH", "rp": "ID"}

DOLLAR_COUNTRIES: dict[str, str] = {
    "US": "USD",
    "CA": "CAD",
    "AU": "AUD",
    "SG": "SGD",
    "NZ": "NZD",
    "HK": "HKD",
}
KRONA_COUNTRIES: dict[str, str] = {"NO": "NOK", "DK": "DKK", "IS": "ISK"}

# Home currency of a country, used only for bare numbers that a salary word introduces ("Salary: 60-80k").
HOME_CURRENCY: dict[str, str] = {
    **DOLLAR_COUNTRIES,
    **KRONA_COUNTRIES,
    "SE": "SEK",
    "GB": "GBP",
    "UK": "GBP",
    "IN": "INR",
    "JP": "JPY",
    "CN": "CNY",
    "CH": "CHF",
    "PL": "PLN",
    "BR": "BRL",
    "MX": "MXN",
    "ZA": "ZAR",
    "IL": "ILS",
    "KR": "KRW",
    "CZ": "CZK",
    "HU": "HUF",
    "TR": "TRY",
    "RO": "RON",
    **{
        c: "EUR"
        for c in [
            "DE",
            "FR",
            "ES",
            "IT",
            "NL",
            "BE",
            "AT",
            "IE",
            "PT",
            "FI",
            "GR",
            "SK",
            "SI",
            "EE",
            "LV",
            "LT",
            "LU",
            "MT",
            "CY",
            "HR",
        ]
    },
}

COUNTRY_ALIASES: dict[str, str] = {"USA": "US", "UNITED STATES": "US", "UK": "GB", "GBR": "GB", "CAN": "CA"}

# Rough USD per unit, ONLY to judge magnitude when no period is written ("$45-60" is hourly, "₹45,000" is
# not). Money conversion uses the ECB rates of the record's year (money.py), never these.
ROUGH_USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.1, "GBP": 1.3, "CHF": 1.1, "CAD": 0.75, "AUD": 0.67, "NZD": 0.6, "SGD": 0.75,
    "HKD": 0.13, "INR": 0.012, "JPY": 0.007, "CNY": 0.14, "KRW": 0.00075, "SEK": 0.095, "NOK": 0.095,
    "DKK": 0.15, "ISK": 0.0072, "PLN": 0.25, "BRL": 0.2, "MXN": 0.055, "ZAR": 0.055, "ILS": 0.27,
    "CZK": 0.044, "HUF": 0.0028, "TRY": 0.03, "RON": 0.22, "BGN": 0.55, "IDR": 0.000065, "MYR": 0.22,
    "PHP": 0.018, "THB": 0.028, "RUB": 0.011, "UAH": 0.025, "AED": 0.27, "TWD": 0.031, "ARS": 0.001,
    "CLP": 0.0011, "COP": 0.00025, "VND": 0.00004, "NGN": 0.0007, "PKR": 0.0036,
}  # fmt: skip

MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "lpa": 1e5,
    "l": 1e5,
    "crore": 1e7,
    "cr": 1e7,
}

# Period words, lower-cased, as they follow "/", "per", "a", "an", "each", "every", "p." ...
UNIT_PERIOD: dict[str, Period] = {
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "hora": "hour", "stunde": "hour",
    "heure": "hour",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "annum": "year", "an": "year", "jahr": "year",
    "año": "year", "ano": "year", "y": "year", "a": "year",
    "month": "month", "months": "month", "mo": "month", "mth": "month", "mon": "month", "mois": "month",
    "monat": "month", "mes": "month", "m": "month",
    "week": "week", "weeks": "week", "wk": "week", "semaine": "week", "woche": "week",
    "day": "day", "days": "day", "jour": "day", "tag": "day", "día": "day", "dia": "day", "d": "day",
}  # fmt: skip

# Whole period words that stand alone after or before an amount.
WORD_PERIOD: dict[str, Period] = {
    "hourly": "hour", "annually": "year", "annual": "year", "yearly": "year", "annualized": "year",
    "annualised": "year", "monthly": "month", "weekly": "week", "daily": "day", "pa": "year", "p.a.": "year",
    "p.a": "year", "ph": "hour", "p.h.": "hour", "pm": "month", "p.m.": "month", "pw": "week", "p.w.": "week",
    "pd": "day", "p.d.": "day", "jährlich": "year", "brutto/jahr": "year", "anual": "year", "annuel": "year",
    "annuels": "year", "mensual": "month", "mensuales": "month", "mensuel": "month", "mensuels": "month",
    "monatlich": "month", "tjm": "day", "day rate": "day", "daily rate": "day", "hourly rate": "hour",
}  # fmt: skip


def normalize_country(country: str | None) -> str | None:
    """Upper-case ISO alpha-2 code, accepting a few common spellings ("USA", "UK")."""
    if not country:
        return None
    c = country.strip().upper()
    return COUNTRY_ALIASES.get(c, c)


def resolve_mark(mark: str, country: str | None, *, yuan_hint: bool = False) -> str | None:
    """ISO code for a currency mark as written ("$", "C$", "EUR", "kr" ...) in a posting of `country`."""
    m = mark.strip().lower().replace(" ", "")
    if not m:
        return None
    up = m.upper()
    if up in ISO_CODES:
        return up
    if m == "$":
        if country is None:
            return "USD"
        return DOLLAR_COUNTRIES.get(country)
    if m in ("kr", "kr.", ":-"):
        return KRONA_COUNTRIES.get(country or "", "SEK")
    if m in ("¥", "￥"):
        return "CNY" if yuan_hint or country == "CN" else "JPY"
    return FIXED_MARKS.get(m)
