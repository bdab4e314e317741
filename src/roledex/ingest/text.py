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

_PARAGRAPH_TAGS = (
    "p,div,section,article,header,footer,aside,main,nav,blockquote,pre,table,ul,ol,dl,form,fieldset,"
    "figure,figcaption,address,details,summary,h1,h2,h3,h4,h5,h6,hr,dt,dd"
)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_BLANKS = re.compile(r"\n{3,}")
_SPACES_ONLY = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_TAG_HINT = re.compile(r"<(?:p|br|div|li|ul|ol|h[1-6]|span|strong|b|i|em|a|table|tr|td)\b[^>]*>|</\w+>", re.I)
_URLISH = re.compile(r"^(?:https?://|www\.)\S*$", re.I)


def looks_like_html(text: str) -> bool:
    """True when `text` contains HTML tags (so it needs `html_to_text`)."""
    return bool(_TAG_HINT.search(text))


def _tidy(text: str) -> str:
    """Collapse whitespace, turn break markers into newlines, strip lines, at most one blank line."""
    text = _WS.sub(" ", text)
    text = text.replace(_PARA, "\n\n").replace(_BR, "\n").replace(_ITEM, "\n\n- ").replace(_CELL, " ")
    lines = [line.strip() for line in text.split("\n")]
    out = "\n".join(lines)
    # list items: a single newline between consecutive bullets, not a paragraph break
    out = re.sub(r"\n\n+(?=- )", "\n", out)
    return _BLANKS.sub("\n\n", out).strip()


def plain_text(text: str) -> str:
    """Tidy plain text: spaces collapsed within lines, lines stripped, at most one blank line."""
    lines = [
        _SPACES_ONLY.sub(" ", line).strip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page; blocks become lines, list items "- " lines."""
    if not markup or "<" not in markup:
        return plain_text(html.unescape(markup or ""))
    tree = LexborHTMLParser(markup)
    tree.strip_tags(["script", "style", "noscript", "template", "head", "svg"])
    for node in tree.css("a"):
        href = (node.attributes.get("href") or "").strip()
        label = node.text(deep=True).strip()
        if (
            href
            and (not label or _URLISH.match(label.rstrip(".")))
            and not href.startswith(("#", "javascript:"))
        ):
            node.replace_with(href)
    for node in tree.css("br"):
        node.insert_before(_BR)
    for node in tree.css("li"):
        node.insert_before(_ITEM)
    for node in tree.css("tr"):
        node.insert_before(_BR)
    for node in tree.css("td,th"):
        node.insert_after(_CELL)
    for node in tree.css(_PARAGRAPH_TAGS):
        node.insert_before(_PARA)
        node.insert_after(_PARA)
    root = tree.body or tree.root
    if root is None:
        return ""
    return _tidy(root.text(deep=True, separator="", strip=False))


# ---------------------------------------------------------------------------------------------- markdown

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[*+\-•]|\d{1,3}[.)])\s+")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((\S*?)(?:\s+\"[^\"]*\")?\)")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_BULLET_GAP = re.compile(r"\n\n+(?=- )")
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
_RUN_OF_SPACES = re.compile(" {2,}")
_UNDERSCORES = re.compile("_+")
_STRUCTURE_START = frozenset("#*-+>•_0123456789")


def _md_line(raw: str) -> str:
    """Structure of one line: heading -> its text after a blank line, bullet -> "- ", rule -> blank."""
    line = raw.strip()
    if not line or line[0] not in _STRUCTURE_START:
        return line
    if _MD_RULE.match(line):
        return ""
    if line[0] == ">":
        line = _MD_QUOTE.sub("", line)
    heading = _MD_HEADING.match(line)
    if heading:
        return "\n" + heading[1]
    bullet = _MD_BULLET.match(line)
    if bullet:
        return "- " + line[bullet.end() :]
    return line


def _drop_underscore_emphasis(m: re.Match[str]) -> str:
    """`_x_` / `__x__` emphasis goes, `snake_case` stays: an underscore run inside a word is kept."""
    s, start, end = m.string, m.start(), m.end()
    inside = start > 0 and (s[start - 1].isalnum()) and end < len(s) and s[end].isalnum()
    return m[0] if inside else ""


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown, cheaply: headings and bullets stay lines (bullets as "- "), markup goes.

    A line pass for structure, then whole-text substitutions for inline markup, each run only when its
    marker character occurs (no parser; ~10x faster than rendering to HTML and back). The board's Markdown
    (converted from ATS HTML) uses only headings, bullets, emphasis, links, images and a few inline tags.
    Backslash escapes are kept as the character.
    """
    text = markdown
    for odd, replacement in _ODD_SPACES:
        if odd in text:
            text = text.replace(odd, replacement)
    escaped = "\\" in text
    if escaped:
        text = _MD_ESCAPE.sub(lambda m: _PROTECT[m[1]], text)
    text = "\n".join([_md_line(raw) for raw in text.split("\n")])
    if "](" in text:
        text = _MD_IMAGE.sub(lambda m: m[1], text)
        text = _MD_LINK.sub(lambda m: m[1] or m[2], text)
    if "<" in text:
        text = _MD_AUTOLINK.sub(lambda m: m[1], text)
        text = _INLINE_TAG.sub(" ", text)
    text = text.replace("`", "").replace("*", "").replace("~~", "")
    if "_" in text:
        text = _UNDERSCORES.sub(_drop_underscore_emphasis, text)
    if "&" in text:
        text = html.unescape(text)
    if "  " in text:
        text = _RUN_OF_SPACES.sub(" ", text)
    if escaped:
        for char, placeholder in _PROTECT.items():
            if placeholder in text:
                text = text.replace(placeholder, char)
    text = "\n".join([line.strip() for line in text.split("\n") if line.strip() != "-"])
    if "\n\n- " in text:
        text = _BULLET_GAP.sub("\n", text)  # blank lines between the bullets of one list
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip()
