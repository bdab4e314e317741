"""Byte-level reading (encodings, gzip, CSV rows) and HTML / Markdown to text, as tables and properties."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.errors import InputError
from roledex.ingest.base import (
    SNIFF_BYTES,
    as_tags,
    iso_date,
    iter_csv,
    open_text,
    sniff_encoding,
    text_field,
)
from roledex.ingest.text import html_to_text, looks_like_html, markdown_to_text, plain_text
from roledex.models import RecordFailure


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (b"plain ascii", "utf-8"),
        ("café".encode(), "utf-8"),
        (codecs.BOM_UTF8 + b"title,company", "utf-8-sig"),
        ("café!".encode("latin-1"), "cp1252"),
        (b"dash \x96 here", "cp1252"),
        ("日本".encode()[:-1], "utf-8"),  # a multi-byte character cut by the prefix end is fine
        (b"", "utf-8"),
    ],
)
def test_sniff_encoding(prefix: bytes, encoding: str) -> None:
    assert sniff_encoding(prefix, complete=False) == encoding


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("naïve résumé\n".encode(), "naïve résumé\n"),
        (codecs.BOM_UTF8 + b"a,b\n", "a,b\n"),
        ("Montréal – 5€\n".encode("cp1252"), "Montréal – 5€\n"),
        (b"undefined \x81 byte\n", "undefined \x81 byte\n"),
    ],
)
@pytest.mark.parametrize("compress", [False, True])
def test_open_text_decodes(tmp_path: Path, data: bytes, text: str, compress: bool) -> None:
    path = tmp_path / ("f.txt.gz" if compress else "f.txt")
    path.write_bytes(gzip.compress(data) if compress else data)
    with open_text(path) as f:
        assert f.read() == text


def test_bad_byte_after_the_sniffed_prefix_does_not_stop_reading(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(b"a" * (SNIFF_BYTES + 10) + b"\nCaf\xe9 \x96 end\n")
    with open_text(path) as f:
        tail = f.read().splitlines()[-1]
    assert tail == "Café – end"


def test_gzip_detected_by_magic_bytes_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(gzip.compress(b'{"title": "x"}\n'))
    with open_text(path) as f:
        assert f.read() == '{"title": "x"}\n'


def test_iter_csv_rows_are_csv_reader_indexes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,2\n\n"multi\nline",3\n4,5,6\n7,8\n', encoding="utf-8")
    rows = list(iter_csv(path, "test"))
    assert [r for r, _ in rows] == [0, 2, 3, 4]  # the blank line (row 1) keeps its index
    assert rows[1][1] == {"a": "multi\nline", "b": "3"}
    assert isinstance(rows[2][1], RecordFailure) and "3 fields where the header has 2" in rows[2][1].reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-29", "2024-05-29"),
        ("2026-08-18T09:26:35-04:00", "2026-08-18"),
        ("2025-07-01T00:00:00.000Z", "2025-07-01"),
        (1767312000, "2026-01-02"),
        (1735689600000, "2025-01-01"),  # epoch milliseconds
        ("1738540800", "2025-02-03"),
        ("2024-02-30", None),
        ("last Tuesday", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Python, SQL,,", ("Python", "SQL")),
        (["a", " b ", "", None, "a"], ("a", "b")),
        (None, ()),
    ],
)
def test_as_tags(value: object, expected: tuple[str, ...]) -> None:
    assert as_tags(value) == expected


def test_text_field_normalizes_line_ends() -> None:
    assert text_field("  a\r\nb\rc \n") == "a\nb\nc"


HTML = [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("Acme | Engineer<p>We build.<p>Apply now", "Acme | Engineer\n\nWe build.\n\nApply now"),
    ("<b>bold</b>text and <i>it</i>alics", "boldtext and italics"),
    ("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "- one\n- two"),
    ("line<br>break<br/>again", "line\nbreak\nagain"),
    ("<h2>Role</h2><div>Do   things&nbsp;well.</div>", "Role\n\nDo things well."),
    ('<a href="https://x.example/jobs/123">https://x.example/jo...</a>', "https://x.example/jobs/123"),
    ('See <a href="https://x.example/a">our page</a>.', "See our page."),
    ("Salary &amp; equity &#x2F; &quot;fair&quot;", 'Salary & equity / "fair"'),
    ("<script>var x = 1;</script><style>p{}</style><p>kept</p>", "kept"),
    ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
    ("plain\ntext  without   tags", "plain\ntext without tags"),
    ("", ""),
]


@pytest.mark.parametrize(("markup", "text"), HTML)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


MARKDOWN = [
    ("# Title\n### Company\nBody text.", "Title\n\nCompany\nBody text."),
    ("**Bold:** value and __strong__ and *em* and _em_", "Bold: value and strong and em and em"),
    ("keep snake_case_names and file_name.py", "keep snake_case_names and file_name.py"),
    ("  * one\n\n  * two\n  - three\n1. four", "- one\n- two\n- three\n- four"),
    ("[link text](https://x.example) and ![logo](https://x.example/l.png)", "link text and logo"),
    ("a line  \nwith a hard break", "a line\nwith a hard break"),
    ("> **quoted** note", "quoted note"),
    ("before\n\n---\n\nafter", "before\n\nafter"),
    ("`code` and \\*literal stars\\*", "code and *literal stars*"),
    ("$95,325-$142,352 _/ year._", "$95,325-$142,352 / year."),
    ("Pay &amp; benefits", "Pay & benefits"),
]


@pytest.mark.parametrize(("markdown", "text"), MARKDOWN)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<p>x</p>", True), ("a <br/> b", True), ("5 < 6 and 7 > 3", False), ("no tags", False)],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


_MARKERS = ("\ue000", "\ue001", "\ue002", "\ue003")


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_html_to_text_never_fails_and_leaves_no_markers(markup: str) -> None:
    out = html_to_text(markup)
    assert isinstance(out, str)
    assert not any(m in out for m in _MARKERS) or any(m in markup for m in _MARKERS)
    assert out == out.strip()
    assert "\n\n\n" not in out


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab *_#->[]()!`\\\n&;1.", "**", "\n  * ", "\n# ", "](", "&amp;"])).map("".join)
)
def test_markdown_to_text_never_fails(markdown: str) -> None:
    out = markdown_to_text(markdown)
    assert out == out.strip()
    assert "\n\n\n" not in out
    assert not any(0xE100 <= ord(c) < 0xE200 for c in out)


@settings(max_examples=120, deadline=None)
@given(st.text())
def test_plain_text_is_idempotent(text: str) -> None:
    once = plain_text(text)
    assert plain_text(once) == once


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_open_text_reads_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "any.bin"
    path.write_bytes(data)
    try:
        with open_text(path) as f:
            assert isinstance(f.read(), str)
    except InputError:
        assert data.startswith(b"\x1f\x8b"), "only a damaged gzip stream may fail"
