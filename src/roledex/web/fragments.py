"""HTML fragments that a page repeats many times, built in Python: job cards and facet options.

A search page shows twenty job cards and about seventy facet options. As Jinja macros and loops they cost
about a quarter of an uncached search page's CPU: every `{{ value }}` is an `escape()` call that builds a
`Markup` object, every `j["title"]` an `environment.getitem` call, every card a macro call. Here each value
is escaped by `esc` (the same entities as markupsafe, as a plain str) and the fragment is joined once and
returned as `Markup`. The markup is what the `job_card` macro and the facet loop of jobs.html produced,
character for character; the templates call these functions (`job_card`, `facet_options` are template
globals).

Every value taken from a posting or a request passes through `esc`; the literal markup around it is ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from roledex.render.format import employment_label, level_label, salary_card
from roledex.web.templating import country_name, remote_label, short_date, thousands

__all__ = ["esc", "facet_options", "job_card"]


def esc(value: Any) -> str:
    """`value` as text escaped for HTML, with markupsafe's entities (&amp; &lt; &gt; &#39; &#34;).

    A value that is already markup (has `__html__`) is inserted as it is, like Jinja's autoescape does.
    """
    if hasattr(value, "__html__"):
        return str(value.__html__())
    text = str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    if '"' in text:
        text = text.replace('"', "&#34;")
    return text


def job_card(j: Mapping[str, Any], heading: str = "h3", extra: Any = "") -> Markup:
    """A job card: title (linked to the job page), company and place, type, level, arrangement, pay, the
    highlighted snippet, posting date and the first six skills. `j` is a `JobHit.to_dict()` (or a dict
    with its keys); `extra`, when given, ends the card's last line."""
    h = esc(heading)
    place = j["location"] or country_name(j["country"])
    out = [
        '<article class="job-card">\n'
        f'  <{h} class="job-title"><a href="/jobs/{esc(j["id"])}">{esc(j["title"])}</a></{h}>\n'
        f'  <p class="job-company">{esc(j["company"] or "Company not stated")} · {esc(place)}</p>\n'
        '  <ul class="tags" aria-label="Job facts">\n'
        f"    <li>{esc(employment_label(j['employment_type']))}</li>\n"
        f"    <li>{esc(level_label(j['level']))}</li>\n"
    ]
    if j["remote"]:
        out.append(f"<li>{esc(remote_label(j['remote']))}</li>")
    if j["internship"]:
        out.append("<li>Internship</li>")
    pay_class = "pay" if j["salary"] else "pay none"
    out.append(f'    <li class="{pay_class}">{esc(salary_card(j["salary"]))}</li>\n  </ul>\n')
    if j["snippet"]:
        out.append('<p class="snippet">')
        out += [f"<mark>{esc(s['text'])}</mark>" if s["match"] else esc(s["text"]) for s in j["snippet"]]
        out.append("</p>")
    posted = f"Posted {esc(short_date(j['posted_at']))}" if j["posted_at"] else "Date not stated"
    out.append(f'  <p class="job-foot"><span>{posted}</span>')
    if j["skills"]:
        out.append(f' · <span class="skill-list">{esc(", ".join(str(s) for s in j["skills"][:6]))}</span>')
    if extra:
        out.append(f" · {esc(extra)}")
    out.append("</p>\n</article>\n")
    return Markup("".join(out))


def facet_options(options: Iterable[Mapping[str, Any]]) -> Markup:
    """The <li> lines of one facet: each option a link (adding or removing the filter) and its count."""
    lines = []
    for o in options:
        link = f'<a href="{esc(o["href"])}"'
        if o["active"]:
            link += ' aria-current="true" class="active"><span class="visually-hidden">Remove </span>'
        else:
            link += ">"
        count = esc(thousands(o["n"]))
        lines.append(f'        <li>{link}{esc(o["label"])}</a> <span class="count">{count}</span></li>\n')
    return Markup("".join(lines))
