"""Plain-text layout: title, byline, dateline and boilerplate marks."""

from __future__ import annotations

import pytest

from comity.clean.boilerplate import load_rules
from comity.clean.dateline import find_dateline
from comity.clean.text import analyse_text

PROSE = (
    "The two foreign ministers spent most of the afternoon on maritime questions, and both "
    "sides later described the talks as frank, useful and overdue by several months."
)


@pytest.mark.parametrize(
    ("line", "span", "date"),
    [
        ("1st December 2023 – (Hanoi) The envoys met.", "1st December 2023 – (Hanoi)", "2023-12-01"),
        ("Nov. 24, 2017  |     |  0 comments", "Nov. 24, 2017", "2017-11-24"),
        ("HANOI, June 20 (Reuters) - Officials said", "HANOI, June 20 (Reuters)", None),
        ("December 1, 2023", "December 1, 2023", "2023-12-01"),
        ("2023-12-01", "2023-12-01", "2023-12-01"),
        ("BEIJING, Dec. 3, 2023 (Xinhua) -- Talks", "BEIJING, Dec. 3, 2023 (Xinhua)", "2023-12-03"),
        ("Published: 3 March 2021", "Published: 3 March 2021", "2021-03-03"),
        ("Friday, 7 July 2017", "Friday, 7 July 2017", "2017-07-07"),
    ],
)
def test_dateline_formats(line: str, span: str, date: str | None) -> None:
    found = find_dateline(line)
    assert found is not None
    assert found.text == span
    assert line[found.start : found.end] == span
    assert found.date == date


@pytest.mark.parametrize(
    "line",
    ["On November 9, 2017, the minister flew home.", "February 30, 2020", "UN TALKS - a recap", "Hello"],
)
def test_not_datelines(line: str) -> None:
    assert find_dateline(line) is None


def test_title_byline_dateline_and_boilerplate() -> None:
    text = (
        "Home » News » Asia\n"
        "Neighbours agree to reopen border crossings\n"
        "Photo: VNA\n"
        "By Maria Lopez\n"
        "\n"
        "Neighbours agree to reopen border crossings\n"
        "\n"
        "March 5, 2022 | 3 comments\n"
        "\n"
        f"{PROSE}\n"
        "Share this\n"
        "Loading Now\n"
        "Leave a Comment\n"
        "Your email address will not be published.\n"
        "Post Comment\n"
        "Follow us\n"
    )
    layout = analyse_text(text)
    assert layout.title == "Neighbours agree to reopen border crossings"
    assert layout.author == "Maria Lopez"
    assert layout.date == "2022-03-05"
    assert layout.dateline is not None and layout.dateline.text == "March 5, 2022"
    assert text[layout.dateline.start : layout.dateline.end] == "March 5, 2022"
    kinds = {b.text: b.kind for b in layout.boilerplate}
    assert kinds == {
        "Home » News » Asia": "breadcrumb",
        "Photo: VNA": "photo_credit",
        "Neighbours agree to reopen border crossings": "title_repeat",
        "| 3 comments": "comment_form",
        "Share this": "share",
        "Loading Now": "loading",
        "Leave a Comment": "comment_form",
        "Your email address will not be published.": "comment_form",
        "Post Comment": "comment_form",
        "Follow us": "share",
    }
    for mark in layout.boilerplate:
        assert text[mark.start : mark.end] == mark.text
    assert layout.boilerplate[0].start < layout.boilerplate[-1].start  # sorted
    assert text.index(PROSE) not in {b.start for b in layout.boilerplate}


def test_name_line_under_title_and_caption() -> None:
    text = f"Leaders pledge closer ties\n\nLi Wenhua\n\nAnna Berg (left) and Li Wei (right).\n\n{PROSE}\n"
    layout = analyse_text(text)
    assert layout.title == "Leaders pledge closer ties"
    assert layout.author == "Li Wenhua"
    assert [(b.text, b.kind) for b in layout.boilerplate] == [
        ("Anna Berg (left) and Li Wei (right).", "caption")
    ]
    assert layout.dateline is None and layout.date is None


@pytest.mark.parametrize(
    "second_line",
    [
        "The Talks Resumed Today",  # stopword: a heading, not a name
        "Officials met on Tuesday.",  # a sentence
        "By then, the ministers had already left the building.",  # "By" that is not a byline
    ],
)
def test_no_false_byline(second_line: str) -> None:
    layout = analyse_text(f"Ministers meet again\n{second_line}\n{PROSE}\n")
    assert layout.author is None


def test_caption_only_near_the_top() -> None:
    text = (
        f"Title here\n{PROSE}\n{PROSE}\n{PROSE}\n"
        + "\n".join(["Filler line."] * 10)
        + "\nA (left) and B (right).\n"
    )
    assert all(b.kind != "caption" for b in analyse_text(text).boilerplate)


def test_single_paragraph_has_no_title() -> None:
    layout = analyse_text(PROSE)
    assert layout.title is None and layout.boilerplate == ()


def test_title_hint_and_undetected_title() -> None:
    text = f"Given headline\n{PROSE}\nGiven headline\n"
    layout = analyse_text(text, title_hint="Given headline", detect_title=False)
    assert layout.title == "Given headline"
    assert [b.kind for b in layout.boilerplate] == ["title_repeat"]


def test_rules_file_loads() -> None:
    rules = load_rules()
    assert {r.kind for r in rules.rules} >= {
        "breadcrumb", "comment_form", "share", "loading", "photo_credit", "caption"
    }  # fmt: skip
    assert "the" in rules.byline_stopwords


def test_headlines_and_headings_in_the_body_are_boilerplate() -> None:
    related = "Manila files two new diplomatic protests vs Beijing"
    heading = "MARITIME COOPERATION"
    unpunctuated = "The navy later seized a boat, which officials deemed a threat to the country"
    text = f"Title here\n{PROSE}\n{related}\n{PROSE}\n{heading}\n{unpunctuated}\n{PROSE}\n"
    marks = {b.text: b.kind for b in analyse_text(text).boilerplate}
    assert marks.get(related) == "headline" and marks.get(heading) == "headline"
    assert unpunctuated not in marks  # a sentence that lost its full stop is still prose
