"""Salary text -> Pay: `parse_pay` for salary strings, `find_pay` for pay stated inside descriptions.

    parse_pay("$53K-$91K (Glassdoor est.)")            Pay(53000, 91000, "USD", "year", "estimated")
    parse_pay("Employer Provided Salary:$21-$34 Per Hour")  Pay(21, 34, "USD", "hour", "posted")
    parse_pay("120'000 – 150'000 CHF")                  Pay(120000, 150000, "CHF", "year")
    find_pay(description, country="US")                 the base pay range of the job (salary_find.py)

Decisions (documented because they are choices, not facts):
- "up to $X", "from $X", "$X+", "115K+" and a single "$X" all give min = max = X: a Pay always has both
  ends, and X is the only figure the text commits to.
- The period is the one the text states next to the amount ("/hr", "per year", "annually", "Per Hour",
  "p.m."), or just before it ("hourly rate of", "monthly salary:"). When none is stated: an amount worth
  under ~200 USD with no K/M suffix is hourly, anything else is yearly. A month is NEVER inferred from
  magnitude ("$12,000 - $18,000" is a (low) yearly range unless the text says month).
- Currency: an explicit code or a specific mark wins ("$135,482 - $227,700 USD", "C$", "€"); a bare "$" is
  USD in the US or with no country, the local dollar in CA/AU/SG/NZ/HK, and None (ambiguous) elsewhere, so
  to_salary reports it instead of silently assuming USD. A number with no mark at all has currency None.
- kind is "estimated" for board estimates ("(Glassdoor est.)", "(Employer est.)", "estimate", "*") and
  "posted" otherwise ("Employer Provided Salary:").
- Nothing raises: any string in, a Pay or None out; min <= max always.
"""

from __future__ import annotations

import re
from functools import lru_cache

from roledex.models import Pay, PayKind, Period
from roledex.normalize.salary_grammar import Mention, scan
from roledex.normalize.salary_lexicon import (
    ROUGH_USD_PER_UNIT,
    WEAK_MARK_COUNTRY,
    WEAK_MARKS,
    normalize_country,
    resolve_mark,
)

__all__ = ["find_pay", "infer_period", "mention_currency", "parse_pay"]

_ESTIMATED = re.compile(r"\best\.|\bestimat|\*|\(est\)", re.IGNORECASE)
_YUAN_HINT = re.compile(r"RMB|CNY|元|人民币|yuan", re.IGNORECASE)
_MAX_TEXT = 200_000  # longer inputs are cut: no posting states its pay after 200,000 characters


def mention_currency(mention: Mention, country: str | None, *, yuan_hint: bool = False) -> str | None:
    """The ISO currency of a mention: a specific mark or code wins over a bare "$"."""
    resolved_dollar: str | None = None
    saw_dollar = False
    for mark in mention.marks:
        key = mark.replace(" ", "")
        if key == "$":
            saw_dollar = True
            continue
        code = resolve_mark(key, country, yuan_hint=yuan_hint)
        if code is None and key.endswith("$") and len(key) > 1:
            code = resolve_mark(key[:-1], country, yuan_hint=yuan_hint)
        if code is not None:
            return code
    if saw_dollar:
        resolved_dollar = resolve_mark("$", country)
    return resolved_dollar


def is_weak_only(mention: Mention, country: str | None) -> bool:
    """True for "R 4.3", "PHP 8": a mark that is also a word, on a small number, outside its country."""
    if not mention.marks:
        return False
    for mark in mention.marks:
        key = mark.lower().replace(" ", "")
        if key not in WEAK_MARKS:
            return False
        if country is not None and WEAK_MARK_COUNTRY.get(key) == country:
            return False
    return mention.mult is None and mention.high < 1000


def infer_period(mention: Mention, currency: str | None) -> Period:
    """The stated period, else hourly for amounts worth under ~200 USD without a K/M suffix, else year."""
    if mention.period is not None:
        return mention.period
    if mention.mult is None:
        usd = mention.high * ROUGH_USD_PER_UNIT.get(currency or "USD", 1.0)
        if usd < 200:
            return "hour"
    return "year"


def to_pay(mention: Mention, currency: str | None, kind: PayKind = "posted") -> Pay:
    low, high = sorted((mention.low, mention.high))
    return Pay(
        min=_clean(low),
        max=_clean(high),
        currency=currency,
        period=infer_period(mention, currency),
        kind=kind,
    )


def _clean(x: float) -> float:
    """Round away binary noise ("95.4K" is 95400.0, not 95400.00000000001)."""
    return round(x, 2)


def parse_pay(text: str, *, country: str | None = None) -> Pay | None:
    """A salary STRING (Glassdoor 'Salary Estimate', a board salary tag, an HN first-line chunk, Ashby summary).

    The first amount or range that is money (a currency mark or a K/M suffix) is the pay; a string with only
    bare numbers ("120000-150000") uses its first plausible one.
    """
    if not isinstance(text, str) or not text:
        return None
    text = text[:_MAX_TEXT]
    try:
        return _parse_pay(text, normalize_country(country))
    except (ValueError, OverflowError, ArithmeticError):  # pragma: no cover - defensive: never crash
        return None


@lru_cache(maxsize=8192)
def _parse_pay(text: str, country: str | None) -> Pay | None:
    # memoized: salary strings repeat (a board's estimate per title, "$53K-$91K (Glassdoor est.)" thousands of
    # times) and a Pay is immutable
    mentions = [m for m in scan(text, anchored=False) if m.high > 0 and not is_weak_only(m, country)]
    if not mentions:
        return None
    money = [m for m in mentions if m.marks or m.mult]
    if money:
        chosen = money[0]
    else:
        plausible = [m for m in mentions if m.high >= 1000 or m.period is not None]
        if not plausible:
            return None
        chosen = plausible[0]
    kind: PayKind = "estimated" if _ESTIMATED.search(text) else "posted"
    currency = mention_currency(chosen, country, yuan_hint=bool(_YUAN_HINT.search(text)))
    return to_pay(chosen, currency, kind)


def find_pay(text: str, *, country: str | None = None) -> Pay | None:
    """Pay stated inside free description text (plain text or Markdown): the base pay range of the job.

    See salary_find.py for how base pay is told apart from bonuses, equity, stipends, funding and revenue,
    and how several pay zones merge into one range.
    """
    if not isinstance(text, str) or not text:
        return None
    try:
        return _find_pay(text[:_MAX_TEXT], normalize_country(country))
    except (ValueError, OverflowError, ArithmeticError):  # pragma: no cover - defensive: never crash
        return None


@lru_cache(maxsize=1024)
def _find_pay(text: str, country: str | None) -> Pay | None:
    # memoized: feeds repeat descriptions (a posting per city, reposts, several boards), nearly always
    # close together; a Pay is immutable
    from roledex.normalize.salary_find import find_base_pay

    return find_base_pay(text, country)
