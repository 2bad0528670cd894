"""build_article: HTML extraction, date precedence, ids and rejections."""

from __future__ import annotations

import pytest

from comity.clean import build_article, content_id
from comity.config import Settings
from comity.errors import RejectedInput
from comity.records import SourceItem

BODY = (
    "The foreign ministers of the two neighbouring states held talks in the capital on Thursday "
    "and agreed to widen trade links across their shared border.\n"
    "Both delegations called the meeting constructive and promised a joint statement within a week.\n"
    "Observers said relations had warmed steadily over the past year after a long period of tension."
)

PAGE = """<!DOCTYPE html><html><head>
<title>Ministers agree to widen trade | The Morning Ledger</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<script>window.tracker = "do not keep this";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ministers agree to widen trade</h1>
{paragraphs}
</article>
<footer>Copyright 2021 The Morning Ledger. All rights reserved.</footer>
</body></html>"""


def page(*, with_date: bool = True) -> str:
    html = PAGE.format(paragraphs="".join(f"<p>{p}</p>\n" for p in BODY.split("\n")))
    if not with_date:
        html = html.replace('<meta property="article:published_time" content="2021-03-04T10:00:00Z">', "")
    return html


def html_item(content: str, **kwargs: str) -> SourceItem:
    return SourceItem(name="page.html", content=content, fmt="html", **kwargs)  # type: ignore[arg-type]


def text_item(content: str, **kwargs: str) -> SourceItem:
    return SourceItem(name="a.txt", content=content, fmt="text", **kwargs)  # type: ignore[arg-type]


def test_html_full_page(settings: Settings) -> None:
    article = build_article(html_item(page()), settings)
    assert "agreed to widen trade links" in article.text
    assert "tracker" not in article.text
    assert "Sport" not in article.text
    assert "All rights reserved" not in article.text
    assert article.title == "Ministers agree to widen trade"
    assert article.author == "Jane Roe"
    assert (article.publication_date, article.date_basis) == ("2021-03-04", "metadata")
    assert article.fmt == "html"
    assert article.id == content_id(article.text)


def test_html_without_date_does_not_guess(settings: Settings) -> None:
    # the copyright year in the footer must not become a publication date
    article = build_article(html_item(page(with_date=False)), settings)
    assert article.publication_date is None and article.date_basis is None


def test_html_fragment(settings: Settings) -> None:
    fragment = "".join(f"<p>{p}</p>" for p in BODY.split("\n"))
    article = build_article(html_item(fragment, title="Given title"), settings)
    assert "shared border" in article.text
    assert article.title == "Given title"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><body><nav>Home</nav><script>var a = 1;</script></body></html>", "no_main_text"),
        ("<html><head><script>var a = 1;</script></head><body>  </body></html>", "empty"),
    ],
)
def test_html_rejections(settings: Settings, content: str, reason: str) -> None:
    with pytest.raises(RejectedInput) as info:
        build_article(html_item(content), settings)
    assert info.value.reason == reason


def test_text_rejections(settings: Settings) -> None:
    with pytest.raises(RejectedInput) as info:
        build_article(text_item(" \n\t"), settings)
    assert info.value.reason == "empty"
    long_text = "word " * (settings.max_text_chars // 5 + 1)
    with pytest.raises(RejectedInput) as info:
        build_article(text_item(long_text), settings)
    assert info.value.reason == "too_large"


@pytest.mark.parametrize(
    ("given", "expected", "basis"),
    [
        ({"date": "2001-01-01"}, "2001-01-01", "input"),
        ({}, "2021-03-04", "metadata"),
    ],
)
def test_date_precedence_html(settings: Settings, given: dict[str, str], expected: str, basis: str) -> None:
    html = page().replace("<p>The foreign", "<p>December 9, 2019 The foreign")
    article = build_article(html_item(html, **given), settings)
    assert (article.publication_date, article.date_basis) == (expected, basis)


def test_date_from_dateline_when_nothing_else(settings: Settings) -> None:
    html = page(with_date=False).replace("<p>The foreign", "<p>December 9, 2019 The foreign")
    article = build_article(html_item(html), settings)
    assert (article.publication_date, article.date_basis) == ("2019-12-09", "dateline")


def test_plain_text_article(settings: Settings) -> None:
    text = "Border talks resume\nBy Ola Nordmann\n\n2023-12-01 – (Oslo) " + BODY + "\nShare this\n"
    article = build_article(text_item(text), settings)
    assert article.text == text
    assert (article.title, article.author) == ("Border talks resume", "Ola Nordmann")
    assert (article.publication_date, article.date_basis) == ("2023-12-01", "dateline")
    assert article.dateline is not None and article.dateline.text == "2023-12-01 – (Oslo)"
    assert article.name == "a.txt"
    dated = build_article(text_item(text, date="1999-09-09"), settings)
    assert (dated.publication_date, dated.date_basis) == ("1999-09-09", "input")


def test_unknown_date_is_none_not_today(settings: Settings) -> None:
    article = build_article(text_item("HANOI, June 20 (Reuters) - " + BODY), settings)
    assert article.dateline is not None
    assert article.publication_date is None and article.date_basis is None


def test_input_metadata_wins(settings: Settings) -> None:
    item = text_item(
        BODY, title="T", author="A. Writer", outlet="Ledger", url="https://x.test/1", given_id="my-1"
    )
    article = build_article(item, settings)
    assert (article.title, article.author, article.outlet, article.url) == (
        "T",
        "A. Writer",
        "Ledger",
        "https://x.test/1",
    )
    assert article.name == "my-1"


def test_newlines_are_normalised(settings: Settings) -> None:
    article = build_article(text_item("Title\r\n" + BODY.replace("\n", "\r\n")), settings)
    assert "\r" not in article.text


def test_id_is_stable_and_whitespace_insensitive(settings: Settings) -> None:
    one = build_article(text_item(BODY), settings)
    two = build_article(text_item("  " + BODY.replace(" ", "   ").replace("\n", "\n\n") + "\n"), settings)
    assert one.id == two.id == content_id(BODY)
    assert len(one.id) == 16 and int(one.id, 16) >= 0
    assert content_id("Talks collapsed.") != content_id("Talks resumed.")
    assert content_id("abc") == "ba7816bf8f01cfea"  # sha256("abc"), pinned across versions


def test_clean_byline_span_points_at_the_byline(settings: Settings) -> None:
    text = "Ties deepen\nBy Linh Tran\n\nHanoi and Beijing agreed on Monday to expand rail links across the border.\n"
    item = SourceItem(name="b.txt", content=text, fmt="text", size=len(text))
    article = build_article(item, settings)
    assert article.author == "Linh Tran"
    assert article.byline is not None
    assert text[article.byline.start : article.byline.end] == "By Linh Tran"
