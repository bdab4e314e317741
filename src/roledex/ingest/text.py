"""HTML and Markdown to plain text, keeping the block structure as lines.

Descriptions arrive as HTML (ATS APIs, JSON-LD, HN comments) or Markdown (RemoteWLB). Downstream
extraction (sections, skills, salary-from-text) works on plain text and relies on lines: a heading, a
bullet or a paragraph each start a new line; list items start with "- "; paragraphs are separated by a
blank line. Inline markup (bold, links, code) disappears without breaking words apart.

HTML goes through selectolax (lexbor): block elements get line-break markers inserted before the text is
taken, so `<b>x</b>y` stays "xy" while `<p>x</p><p>y</p>` becomes two paragraphs. Links whose text is a URL
(often shortened with "...", as on HN) are replaced by their full href.
"""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser

# private-use characters mark breaks while all HTML whitespace is collapsed
_BR = "\ue000"
_PARA = "\ue001"
_ITEM = "\ue002"
_CELL = "\ue003"

_PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "nav",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "dt",
        "dd",
    ]
)
_TAG_NAME = re.compile(r"(/?)([A-Za-z][A-Za-z0-9]*)")
_HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "svg")
# zero-width and BOM characters that str.split() does not count as whitespace
_INVISIBLE = ("\u200b", "\ufeff", "\u200c", "\u200d", "\u2060")
_TAG_HINT = re.compile(r"<(?:p|br|div|li|ul|ol|h[1-6]|span|strong|b|i|em|a|table|tr|td)\b[^>]*>|</\w+>", re.I)
_URLISH = re.compile(r"^(?:https?://|www\.)\S*$", re.I)


def looks_like_html(text: str) -> bool:
    """True when `text` contains HTML tags (so it needs `html_to_text`)."""
    return bool(_TAG_HINT.search(text))


def _collapse_blank_lines(text: str, bullets: bool = True) -> str:
    """At most one blank line anywhere; none before a "- " item (so a list stays one block).

    str.replace loops: a regex such as \\n{3,} costs ~40x more on a 5 KB text in CPython's re.
    """
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    if bullets:
        while "\n\n- " in text:
            text = text.replace("\n\n- ", "\n- ")
    return text


def _drop_invisible(text: str) -> str:
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text


def _tidy(text: str) -> str:
    """Collapse whitespace, turn break markers into newlines, strip lines, at most one blank line.

    " ".join(text.split()) collapses every Unicode space (newlines included: HTML source line breaks are
    not text breaks) ~30x faster than a character-class regex.
    """
    text = " ".join(_drop_invisible(text).split())
    text = text.replace(_PARA, "\n\n").replace(_BR, "\n").replace(_ITEM, "\n\n- ").replace(_CELL, " ")
    lines = [line.strip() for line in text.split("\n")]
    return _collapse_blank_lines("\n".join(lines)).strip()


def plain_text(text: str) -> str:
    """Tidy plain text: spaces collapsed within lines, lines stripped, at most one blank line."""
    text = _drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _collapse_blank_lines("\n".join(lines), bullets=False).strip()


def _mark_breaks(markup: str) -> str:
    """Break markers written into the markup: before block and list-item opening tags and <br>, after
    block closing tags, at the end of table cells and at the start of a row's first cell.

    Cheaper than inserting nodes into the parsed tree, and one split on "<" with a dict lookup per tag
    is several times faster than case-insensitive regex substitutions over the markup. Markers never go
    as loose text inside <table>/<tr> (the parser would move them in front of the table).
    """
    pieces = markup.split("<")
    out = [pieces[0]]
    row_open = False
    for piece in pieces[1:]:
        m = _TAG_NAME.match(piece)
        if m is None:
            out.append("<" + piece)
            continue
        closing, name = m[1], m[2].lower()
        if name in _PARAGRAPH_TAGS:
            if closing:
                end = piece.find(">")
                out.append("<" + piece if end < 0 else "<" + piece[: end + 1] + _PARA + piece[end + 1 :])
            else:
                out.append(_PARA + "<" + piece)
        elif name == "br" or (name == "li" and not closing):
            out.append((_BR if name == "br" else _ITEM) + "<" + piece)
        elif name == "tr" and not closing:
            row_open = True
            out.append("<" + piece)
        elif name in ("td", "th"):
            if closing:
                out.append(_CELL + "<" + piece)
            elif row_open:  # the row break goes inside the first cell
                end = piece.find(">")
                out.append("<" + piece if end < 0 else "<" + piece[: end + 1] + _BR + piece[end + 1 :])
                row_open = False
            else:
                out.append("<" + piece)
        else:
            out.append("<" + piece)
    return "".join(out)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page; blocks become lines, list items "- " lines."""
    if not markup or "<" not in markup:
        return plain_text(html.unescape(markup or ""))
    markup = _mark_breaks(markup)
    tree = LexborHTMLParser(markup)
    lowered = markup.lower()
    hidden = [tag for tag in _HIDDEN_TAGS if "<" + tag in lowered]
    if hidden:
        tree.strip_tags(hidden)
    if "<a" in lowered:
        for node in tree.css("a"):
            href = (node.attributes.get("href") or "").strip()
            label = node.text(deep=True).strip()
            if (
                href
                and (not label or _URLISH.match(label.rstrip(".")))
                and not href.startswith(("#", "javascript:"))
            ):
                node.replace_with(href)
    root = tree.body or tree.root
    if root is None:
        return ""
    return _tidy(root.text(deep=True, separator="", strip=False))


# ---------------------------------------------------------------------------------------------- markdown

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[*+\-•]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((\S*?)(?:\s+\"[^\"]*\")?\)")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_INLINE_TAG = re.compile(r"</?(?:br|span|strong|b|em|i|u|p|div|sup|sub|font|a)\b[^>]*>", re.I)


_MD_ESCAPABLE = "\\`*_{}[]()#+-.!|>~"
_PROTECT = {c: chr(0xE100 + i) for i, c in enumerate(_MD_ESCAPABLE)}
# (character, replacement) for whitespace HTML-to-Markdown converters leave; str.replace per character
# present is ~20x faster than str.translate with a mapping
_ODD_SPACES = (
    *((c, " ") for c in "\t\f\v\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000"),
    *((c, "") for c in "\u200b\ufeff\r"),
)
_UNDERSCORES = re.compile("_+")
_STRUCTURE_START = frozenset("#*-+>•_0123456789")


def _md_inline(line: str) -> str:
    """Inline markup out of one line; each substitution runs only when its marker occurs in the line."""
    if "](" in line:
        line = _MD_IMAGE.sub(lambda m: m[1], line)
        line = _MD_LINK.sub(lambda m: m[1] or m[2], line)
    if "<" in line:
        line = _MD_AUTOLINK.sub(lambda m: m[1], line)
        line = _INLINE_TAG.sub(" ", line)
    if "`" in line:
        line = line.replace("`", "")
    if "*" in line:
        line = line.replace("*", "")
    if "~~" in line:
        line = line.replace("~~", "")
    if "_" in line:
        line = _UNDERSCORES.sub(_drop_underscore_emphasis, line)
    if "&" in line:
        line = html.unescape(line)
    if "  " in line:
        line = " ".join(line.split())
    return line.strip()


def _md_line(raw: str) -> str:
    """One line as text: heading -> its text after a blank line, bullet -> "- " item, rule -> blank."""
    line = raw.strip()
    if not line:
        return ""
    prefix = ""
    first = line[0]
    if first in _STRUCTURE_START:  # cheap character tests first: most lines are plain prose
        if first in "-*_" and not line.strip("-*_ "):
            return ""  # a rule: ---, ***, ___ (a lone "-" or "*" too)
        if first == ">":
            line = _MD_QUOTE.sub("", line)
            first = line[:1]
        if first == "#":
            heading = _MD_HEADING.match(line)
            if heading:
                prefix, line = "\n", heading[1]
        elif first in "*-+•" or first.isdigit():
            bullet = _MD_BULLET.match(line)
            if bullet:
                prefix, line = "- ", line[bullet.end() :]
    line = _md_inline(line)
    return prefix + line if line else ""


def _drop_underscore_emphasis(m: re.Match[str]) -> str:
    """`_x_` / `__x__` emphasis goes, `snake_case` stays: an underscore run inside a word is kept."""
    s, start, end = m.string, m.start(), m.end()
    inside = start > 0 and (s[start - 1].isalnum()) and end < len(s) and s[end].isalnum()
    return m[0] if inside else ""


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown, cheaply: headings and bullets stay lines (bullets as "- "), markup goes.

    One pass over the lines: structure (heading, bullet, rule, quote) then inline markup, each
    substitution run only when its marker occurs in the line (no parser; several times faster than
    rendering to HTML and back). The board's Markdown (converted from ATS HTML) uses only headings,
    bullets, emphasis, links, images and a few inline tags. Backslash escapes are kept as the character.
    """
    text = markdown
    for odd, replacement in _ODD_SPACES:
        if odd in text:
            text = text.replace(odd, replacement)
    escaped = "\\" in text
    if escaped:
        text = _MD_ESCAPE.sub(lambda m: _PROTECT[m[1]], text)
    text = "\n".join([_md_line(raw) for raw in text.split("\n")])
    if escaped:
        for char, placeholder in _PROTECT.items():
            if placeholder in text:
                text = text.replace(placeholder, char)
    return _collapse_blank_lines(text).strip()
