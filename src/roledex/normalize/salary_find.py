"""Find the base pay of a job inside its description.

A description states many sums of money; only some are the job's pay. Each money mention
(salary_grammar.scan_money) gets a category from the words around it (salary_context.py: base, ote, other,
neutral) and is dropped when it is "other" (bonus, equity, funding ...), when its yearly worth is absurd
(under ~1,000 or over ~1.5M USD), when it is a sum in millions or billions, when it is the RemoteWLB board
chip ("💰 65k-95k USD", a placeholder) or a scraped list of other jobs ("$120,000-$170,000 3 weeks ago").

The winner is the best-scored lead mention (a pay word, a range, a stated period all add; ties go to the
posting's own currency, then to a yearly figure, then to the earlier one). Every other base or neutral
mention in the same currency and period, of a comparable size and within _MERGE_REACH characters joins it:
several pay zones or per-city ranges ("Zone A: $150,000 - $200,000; Zone B: $135,000 - $180,000") become
one range from the lowest min to the highest max. OTE mentions count only when there is no base pay.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from roledex.models import ANNUAL_FACTOR, Pay
from roledex.normalize.salary import infer_period, is_weak_only, mention_currency, to_pay
from roledex.normalize.salary_context import category
from roledex.normalize.salary_grammar import Mention, scan_money
from roledex.normalize.salary_lexicon import HOME_CURRENCY, ROUGH_USD_PER_UNIT

_LISTING_AGO = re.compile(r"\s*\d+\+?\s+(?:minute|hour|day|week|month|year)s?\s+ago\b", re.IGNORECASE)
_MERGE_REACH = 1500  # zones and per-city ranges stand together; a figure further away is another matter
_CHUNK_BEFORE = re.compile(r"(?:^|[|\[(•:]|\s[-–—])[ \t]*$", re.MULTILINE)
_CHUNK_AFTER = re.compile(r"[ \t]*(?:$|[|\])•\n,;+(]|USD|EUR|GBP)", re.MULTILINE)
_BOARD_CHIP = "💰"
_YUAN = re.compile(r"RMB|CNY|元|人民币|yuan", re.IGNORECASE)


@dataclass(slots=True)
class _Candidate:
    mention: Mention
    category: str  # "base" | "ote" | "neutral"
    currency: str | None
    period: str
    score: float
    annual_usd: float  # rough, for plausibility and comparability only
    lead: bool  # may be the primary mention (False: may only join one, like "Maximum: $269,300")


def find_base_pay(text: str, country: str | None) -> Pay | None:
    """The base pay range stated in `text` (see the module docstring), or None."""
    mentions = scan_money(text)
    if not mentions:
        return None
    yuan = "¥" in text and _YUAN.search(text) is not None
    candidates: list[_Candidate] = []
    prev_end = 0
    for mention in mentions:
        cand = _candidate(text, mention, prev_end, country, yuan)
        prev_end = mention.end
        if cand is not None:
            candidates.append(cand)
    if not candidates:
        return None
    _inherit_list_context(candidates)
    _fill_markless_currency(candidates, country)
    return _choose(candidates, HOME_CURRENCY.get(country or "", "USD"))


def _candidate(
    text: str, mention: Mention, prev_end: int, country: str | None, yuan: bool
) -> _Candidate | None:
    if mention.mult is not None and mention.mult >= 1e6:
        return None  # "$20M", "$1.6 trillion", "$54 million Series B": never one person's pay
    if _BOARD_CHIP in text[max(0, mention.start - 4) : mention.start]:
        return None
    if "ago" in text[mention.end : mention.end + 24] and _LISTING_AGO.match(text, mention.end):
        return None  # "New York, NY $120,000-$170,000 3 weeks ago": another job in a scraped job list
    if is_weak_only(mention, country):
        return None
    currency = mention_currency(mention, country, yuan_hint=yuan) if mention.marks else None
    period = infer_period(mention, currency)
    rough = ROUGH_USD_PER_UNIT.get(currency or "USD", 1.0)
    annual = mention.high * ANNUAL_FACTOR[period] * rough
    if mention.low * ANNUAL_FACTOR[period] * rough < 1000 or annual > 1_500_000:
        return None  # before the context, which costs more to read
    kind, distance = category(text, mention.start, mention.end, prev_end, single=not mention.is_range)
    if kind == "other":
        return None
    if not mention.marks and kind == "neutral" and not _is_header_chunk(text, mention):
        return None  # "2k+ RPS": a K number with no currency and no pay word is not money
    bare_single = not mention.is_range and mention.period is None and mention.mult is None
    lead = True
    if kind == "neutral":
        if annual < 15_000:
            return None
        # a lone "$5,000" with no pay word may only join a stated range; "€160.000+" or "| $190,000 |" may lead
        lead = not bare_single or mention.plus or _stands_alone(text, mention)
    elif bare_single and period == "hour" and distance > 50:
        lead = False  # "$50" far from the pay word: a gift card, a credit, a stipend
    score = (5.0 if kind == "base" else 0.0) + (2.0 if mention.is_range else 0.0)
    score += 1.0 if mention.period is not None else 0.0
    return _Candidate(mention, kind, currency, period, score, annual, lead)


def _inherit_list_context(candidates: list[_Candidate]) -> None:
    """A neutral mention right after a base one is the next item of the same list (zones, cities, levels)."""
    for prev, cur in itertools.pairwise(candidates):
        if (
            cur.category == "neutral"
            and prev.category == "base"
            and cur.mention.start - prev.mention.end < 250
        ):
            cur.category = "base"
            cur.score += 5.0
            cur.lead = True


def _is_header_chunk(text: str, mention: Mention) -> bool:
    """ "| Remote | 150-200k | https://...": a K range standing alone between separators (HN first lines)."""
    if mention.mult != 1e3 or not (mention.is_range or mention.plus):
        return False
    return _stands_alone(text, mention)


def _stands_alone(text: str, mention: Mention) -> bool:
    """The amount is a whole chunk of a "|"-separated header line (or a line of its own)."""
    return bool(_CHUNK_BEFORE.search(text, max(0, mention.start - 4), mention.start)) and bool(
        _CHUNK_AFTER.match(text, mention.end)
    )


def _fill_markless_currency(candidates: list[_Candidate], country: str | None) -> None:
    """ "Salary: 160k - 200k" has no mark: use the country's currency, else the text's other currency."""
    if all(c.mention.marks for c in candidates):
        return
    marked = Counter(c.currency for c in candidates if c.mention.marks and c.currency)
    fallback = HOME_CURRENCY.get(country or "") or (marked.most_common(1)[0][0] if marked else None)
    for c in candidates:
        if not c.mention.marks:
            c.currency = fallback


def _choose(candidates: list[_Candidate], local_currency: str) -> Pay | None:
    """The best lead mention, merged with every same-currency, same-period, similar-size one (zones).

    Ties go to the posting's own currency (USD when the country is unknown), then to a yearly figure, then
    to the earlier mention.
    """
    base = [c for c in candidates if c.category in ("base", "neutral")]
    leaders = [c for c in base if c.lead]
    tier = base
    if not leaders:
        tier = [c for c in candidates if c.category == "ote" or (c.category == "neutral" and not c.lead)]
        leaders = [c for c in tier if c.lead and c.category == "ote"]
    if not leaders:
        return None
    primary = max(
        leaders, key=lambda c: (c.score, c.currency == local_currency, c.period == "year", -c.mention.start)
    )
    mid = (primary.mention.low + primary.mention.high) / 2
    group = [
        c
        for c in tier
        if c.currency == primary.currency
        and c.period == primary.period
        and abs(c.mention.start - primary.mention.start) <= _MERGE_REACH
        and mid / 4 <= (c.mention.low + c.mention.high) / 2 <= mid * 4
    ]
    low = min(c.mention.low for c in group)
    high = max(c.mention.high for c in group)
    merged = Mention(
        primary.mention.start, primary.mention.end, low, high, primary.mention.marks, primary.period,  # type: ignore[arg-type]
        primary.mention.mult, primary.mention.is_range or low != high, False,
    )  # fmt: skip
    return to_pay(merged, primary.currency, "posted")
