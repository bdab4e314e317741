"""parse_pay / find_pay: table tests over every format the parser promises, and property tests.

Every sentence here is written for the test; none is copied from a posting.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.models import Pay
from roledex.normalize.salary import find_pay, parse_pay
from roledex.normalize.salary_grammar import parse_number

Y, H, M, W, D = "year", "hour", "month", "week", "day"

# (text, country, min, max, currency, period)
PARSE_TABLE: list[tuple[str, str | None, float, float, str | None, str]] = [
    # ranges: -, –, —, to, and, ~
    ("$120,000 - $150,000", None, 120000, 150000, "USD", Y),
    ("$120,000–$150,000 per year", "US", 120000, 150000, "USD", Y),
    ("$120,000 — $150,000 annually", None, 120000, 150000, "USD", Y),
    ("$120,000 to $150,000", None, 120000, 150000, "USD", Y),
    ("between $90,000 and $120,000", None, 90000, 120000, "USD", Y),
    ("USD 147k~195k", None, 147000, 195000, "USD", Y),
    ("$150,000 - $120,000", None, 120000, 150000, "USD", Y),  # reversed: swapped
    # single values, up to, from, plus
    ("$130,000", None, 130000, 130000, "USD", Y),
    ("up to $150k", None, 150000, 150000, "USD", Y),
    ("from $90k", None, 90000, 90000, "USD", Y),
    ("$200k+", None, 200000, 200000, "USD", Y),
    ("115K+", "US", 115000, 115000, None, Y),
    # suffixes K/k/M
    ("$95.4K–$190K", None, 95400, 190000, "USD", Y),
    ("120k-150k", None, 120000, 150000, None, Y),
    ("$170-240k", None, 170000, 240000, "USD", Y),
    ("$1.2M", None, 1200000, 1200000, "USD", Y),
    # separators of any locale
    ("€120.000 – €150.000", None, 120000, 150000, "EUR", Y),
    ("₹1,20,000 per month", "IN", 120000, 120000, "INR", M),
    ("120'000 – 150'000 CHF", None, 120000, 150000, "CHF", Y),
    ("120 000 – 150 000 €", None, 120000, 150000, "EUR", Y),
    ("120\u00a0000 – 150\u00a0000 EUR", None, 120000, 150000, "EUR", Y),
    ("120\u202f000 – 150\u202f000 €", None, 120000, 150000, "EUR", Y),
    ("100.000,00 € - 120.000,00 €", None, 100000, 120000, "EUR", Y),
    # decimals and hourly
    ("$25.50/hr", None, 25.5, 25.5, "USD", H),
    ("$25/hr - $30/hr", None, 25, 30, "USD", H),
    ("$21-$34 Per Hour(Glassdoor est.)", None, 21, 34, "USD", H),
    ("$30 an hour", None, 30, 30, "USD", H),
    ("$40 hourly", None, 40, 40, "USD", H),
    ("$45 - $60", None, 45, 60, "USD", H),  # magnitude: under ~200 USD is hourly
    # every period word
    ("$40/hour", None, 40, 40, "USD", H),
    ("$40 per hour", None, 40, 40, "USD", H),
    ("$120,000/yr", None, 120000, 120000, "USD", Y),
    ("$120,000 a year", None, 120000, 120000, "USD", Y),
    ("£45k pa", None, 45000, 45000, "GBP", Y),
    ("€4,000/month", None, 4000, 4000, "EUR", M),
    ("€4,000 monthly", None, 4000, 4000, "EUR", M),
    ("€4,000 per month", None, 4000, 4000, "EUR", M),
    ("£3,000 p.m.", None, 3000, 3000, "GBP", M),
    ("$2,000/week", None, 2000, 2000, "USD", W),
    ("$2,000 weekly", None, 2000, 2000, "USD", W),
    ("€500 per day", None, 500, 500, "EUR", D),
    ("€500 daily", None, 500, 500, "EUR", D),
    ("£600/day", None, 600, 600, "GBP", D),
    ("$12,000 - $18,000", "US", 12000, 18000, "USD", Y),  # never monthly from magnitude alone
    # currencies (>= 15)
    ("US$100,000", None, 100000, 100000, "USD", Y),
    ("150k USD", None, 150000, 150000, "USD", Y),
    ("90k EUR", None, 90000, 90000, "EUR", Y),
    ("£60,000 - £70,000", None, 60000, 70000, "GBP", Y),
    ("GBP 60k", None, 60000, 60000, "GBP", Y),
    ("₹12,00,000", None, 1200000, 1200000, "INR", Y),
    ("Rs. 12,00,000 per annum", None, 1200000, 1200000, "INR", Y),
    ("¥8,000,000", "JP", 8000000, 8000000, "JPY", Y),
    ("¥400,000 RMB", None, 400000, 400000, "CNY", Y),
    ("CHF 120'000", None, 120000, 120000, "CHF", Y),
    ("C$120,000", None, 120000, 120000, "CAD", Y),
    ("CA$120,000", None, 120000, 120000, "CAD", Y),
    ("CAD 120,000", None, 120000, 120000, "CAD", Y),
    ("A$130,000", None, 130000, 130000, "AUD", Y),
    ("AUD 130k", None, 130000, 130000, "AUD", Y),
    ("S$90,000", None, 90000, 90000, "SGD", Y),
    ("SEK 600 000", None, 600000, 600000, "SEK", Y),
    ("45 000 kr", "SE", 45000, 45000, "SEK", Y),
    ("45 000 kr/mnd", "NO", 45000, 45000, "NOK", Y),
    ("NOK 700 000", None, 700000, 700000, "NOK", Y),
    ("DKK 50.000", None, 50000, 50000, "DKK", Y),
    ("15 000 zł", None, 15000, 15000, "PLN", Y),
    ("PLN 15,000 monthly", None, 15000, 15000, "PLN", M),
    ("R$ 12.000", None, 12000, 12000, "BRL", Y),
    ("MXN 40,000 al mes", None, 40000, 40000, "MXN", M),
    ("R 650 000", "ZA", 650000, 650000, "ZAR", Y),
    ("HK$600,000", None, 600000, 600000, "HKD", Y),
    ("NZ$110,000", None, 110000, 110000, "NZD", Y),
    ("₪30,000", None, 30000, 30000, "ILS", Y),
    ("₩60,000,000", None, 60000000, 60000000, "KRW", Y),
    ("80 000 Kč", None, 80000, 80000, "CZK", Y),
    ("900 000 Ft", None, 900000, 900000, "HUF", Y),
    ("₺90,000", None, 90000, 90000, "TRY", Y),
    # bare "$" and the country
    ("$120,000", "US", 120000, 120000, "USD", Y),
    ("$120,000", "CA", 120000, 120000, "CAD", Y),
    ("$120,000", "AU", 120000, 120000, "AUD", Y),
    ("$120,000", "SG", 120000, 120000, "SGD", Y),
    ("$120,000", "NZ", 120000, 120000, "NZD", Y),
    ("$120,000", "HK", 120000, 120000, "HKD", Y),
    ("$120,000", "DE", 120000, 120000, None, Y),
    ("$120,000 USD", "DE", 120000, 120000, "USD", Y),
    ("₹40–60L", "IN", 4000000, 6000000, "INR", Y),
    ("₹12 LPA", None, 1200000, 1200000, "INR", Y),
]


@pytest.mark.parametrize(("text", "country", "lo", "hi", "currency", "period"), PARSE_TABLE)
def test_parse_pay_table(
    text: str, country: str | None, lo: float, hi: float, currency: str | None, period: str
) -> None:
    pay = parse_pay(text, country=country)
    assert pay is not None, text
    assert (pay.min, pay.max, pay.currency, pay.period) == (lo, hi, currency, period)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("$53K-$91K (Glassdoor est.)", "estimated"),
        ("$61K-$126K(Employer est.)", "estimated"),
        ("$80K - $100K a year *", "estimated"),
        ("Employer Provided Salary:$120K-$140K", "posted"),
        ("$120K-$140K", "posted"),
    ],
)
def test_parse_pay_kind(text: str, kind: str) -> None:
    pay = parse_pay(text)
    assert pay is not None and pay.kind == kind


@pytest.mark.parametrize("text", ["", "Competitive", "DOE", "-1", "equity only", "0.5% - 1%", "401(k)"])
def test_parse_pay_none(text: str) -> None:
    assert parse_pay(text) is None


# (description written for the test, country, expected (min, max, currency, period) or None)
FIND_TABLE: list[tuple[str, str | None, tuple[float, float, str | None, str] | None]] = [
    # blind-labelled: the thousands of the low end are understood
    (
        "The salary range for this role is $110- $120,000 is based on many factors.",
        "US",
        (110000, 120000, "USD", "year"),
    ),
    (
        "About us: we raised $20M in 2023 and serve 5,000 customers. The US base salary range for this role "
        "is $95.4K–$190K annually. You may also receive a $10,000 sign-on bonus.",
        "US",
        (95400, 190000, "USD", Y),
    ),
    (
        "Compensation\n\nZone A: $150,000 - $200,000\nZone B: $135,000 - $180,000\nZone C: $120,000 - $160,000",
        "US",
        (120000, 200000, "USD", Y),
    ),
    ("The salary range for this position is $95,325-$142,352 _/ year._", None, (95325, 142352, "USD", Y)),
    ("**Pay range:** $25/hr - $30/hr, paid weekly. 401(k) match up to $5,000.", "US", (25, 30, "USD", H)),
    (
        "Base salary: $140,000 - $160,000. OTE: $200,000 - $240,000 including commission.",
        "US",
        (140000, 160000, "USD", Y),
    ),
    ("On-target earnings of $180,000 - $220,000 with uncapped commission.", "US", (180000, 220000, "USD", Y)),
    ("We are a $50 million company with a $2,000 learning stipend and equity.", "US", None),
    ("Annual bonus target: $20,000. Relocation allowance of $5,000.", "US", None),
    ("Hourly rate of $40-50 depending on experience.", "US", (40, 50, "USD", H)),
    ("Salary: £55k - £75k + bonus + pension", "GB", (55000, 75000, "GBP", Y)),
    ("Gehalt: 60.000 € - 80.000 € brutto/Jahr", "DE", (60000, 80000, "EUR", Y)),
    ("The salary range for this role is between $190,000 and $246,000.", "US", (190000, 246000, "USD", Y)),
    ("Base Salary Range: 115,000-150,000 depending on experience", "US", (115000, 150000, "USD", Y)),
    ("Senior Engineer | Remote (US) | $150k – $175K | Full-time", None, (150000, 175000, "USD", Y)),
    ("Acme | Backend Engineer | Berlin | €60k-€90k | Onsite", "DE", (60000, 90000, "EUR", Y)),
    (
        "The range is $165,000—$185,000 USD. We also offer a $1,500 home office budget.",
        None,
        (165000, 185000, "USD", Y),
    ),
    ("Pay: $120,000 - $150,000 per year. Canada: CA$110,000 - CA$135,000.", "US", (120000, 150000, "USD", Y)),
    ("Monthly salary of ₹1,20,000 - ₹1,50,000.", "IN", (120000, 150000, "INR", M)),
    ("No salary information is given in this text at all.", "US", None),
    ("Salary range: $120,000 - $150,000.", "DE", (120000, 150000, None, Y)),
]


@pytest.mark.parametrize(("text", "country", "expected"), FIND_TABLE)
def test_find_pay_table(
    text: str, country: str | None, expected: tuple[float, float, str | None, str] | None
) -> None:
    pay = find_pay(text, country=country)
    got = None if pay is None else (pay.min, pay.max, pay.currency, pay.period)
    assert got == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120,000", 120000),
        ("120.000", 120000),
        ("1,20,000", 120000),
        ("120'000", 120000),
        ("120 000", 120000),
        ("25.50", 25.5),
        ("95.4", 95.4),
        ("190,000.00", 190000),
        ("1.234,56", 1234.56),
        ("45,5", 45.5),
    ],
)
def test_parse_number_locales(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_rejects_bad_grouping() -> None:
    assert parse_number("12.34.56") is None


# ---------------------------------------------------------------- properties

_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
_MONEYISH = st.lists(
    st.sampled_from(["$", "€", "£", "k", "K", "-", "–", " to ", " and ", "per hour", "/yr", "1", "20", ",000",
                     ".5", "USD", "EUR", "salary", "bonus", " ", "\n", "%", "+", "M", "between"]),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ANY_TEXT, _MONEYISH), st.sampled_from([None, "US", "DE", "CA", "IN"]))
def test_never_raises_and_min_le_max(text: str, country: str | None) -> None:
    for fn in (parse_pay, find_pay):
        pay = fn(text, country=country)
        assert pay is None or (isinstance(pay, Pay) and pay.min <= pay.max)


_THOUSANDS = st.integers(min_value=20, max_value=900)


@settings(max_examples=200, deadline=None)
@given(
    _THOUSANDS,
    st.integers(min_value=0, max_value=300),
    st.sampled_from(["usd_words", "usd_code_k", "eur_dots", "chf_quote"]),
)
def test_round_trip_styles(a: int, extra_pct: int, style: str) -> None:
    lo = a * 1000
    hi = lo + (lo * extra_pct // 100) // 1000 * 1000  # real ranges span at most a few times their minimum
    text, currency = {
        "usd_words": (f"${lo:,} - ${hi:,} per year", "USD"),
        "usd_code_k": (f"USD {lo // 1000}k-{hi // 1000}k", "USD"),
        "eur_dots": (f"€{lo:,} – €{hi:,}".replace(",", "."), "EUR"),
        "chf_quote": (f"{lo:,}".replace(",", "'") + " – " + f"{hi:,}".replace(",", "'") + " CHF", "CHF"),
    }[style]
    pay = parse_pay(text)
    assert pay == Pay(min=lo, max=hi, currency=currency, period="year", kind="posted"), text
