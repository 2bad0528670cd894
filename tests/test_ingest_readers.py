"""Readers: decoding, row formats and every ingest rejection reason."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from comity.config import Settings, load_settings
from comity.ingest.readers import read_csv_file, read_html_file, read_jsonl_file, read_text_file
from comity.ingest.rows import parse_input_date
from comity.records import Rejection, SourceItem
from comity.registry import readers

ARTICLE = "Envoys meet in Geneva\n\nThe two delegations talked for three hours about fishing rights.\n"


def only(records: list[SourceItem | Rejection]) -> SourceItem | Rejection:
    assert len(records) == 1
    return records[0]


def read_text(path: Path, settings: Settings) -> SourceItem | Rejection:
    return only(list(read_text_file(path, settings)))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),
        ("Café talks in Zürich\nThey agreed.".encode("cp1252"), "Café talks in Zürich\nThey agreed."),
        (b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three"),
    ],
)
def test_text_reader_decodes(tmp_path: Path, settings: Settings, data: bytes, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    item = read_text(path, settings)
    assert isinstance(item, SourceItem)
    assert item.content == expected
    assert item.fmt == "text"
    assert item.name == str(path)
    assert item.size == len(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj", "binary"),
        (b"\x89PNG\r\n\x1a\n....", "binary"),
        (b"PK\x03\x04zipdata", "binary"),
        (b"\x1f\x8b\x08\x00gz", "binary"),
        (b"\xff\xd8\xff\xe0jpeg", "binary"),
        (b"\x7fELF\x02\x01", "binary"),
        (b"plain words\x00with a nul", "binary"),
        (b"\x81\x8d\x8f\x90\x9d" * 40, "undecodable"),
        (b"", "empty"),
        (b"  \n\t\n  ", "empty"),
    ],
)
def test_text_reader_rejects(tmp_path: Path, settings: Settings, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    rejection = read_text(path, settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == reason
    assert rejection.stage == "ingest"
    assert rejection.name == str(path)


def test_text_reader_too_large(tmp_path: Path) -> None:
    settings = load_settings({"max_input_bytes": 10}, environ={})
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    rejection = read_text(path, settings)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too_large"
    assert rejection.size == len(ARTICLE.encode())


def test_html_reader_keeps_markup(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    item = only(list(read_html_file(path, settings)))
    assert isinstance(item, SourceItem)
    assert item.fmt == "html"
    assert "<p>" in item.content


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reader_rows_and_rejections(tmp_path: Path, settings: Settings) -> None:
    path = write_jsonl(
        tmp_path / "rows.jsonl",
        [
            json.dumps(
                {"text": "Ministers met.", "title": "T", "date": "2020-05-06", "id": "x1", "author": "A B"}
            ),
            "",
            "{not json",
            json.dumps({"title": "no body"}),
            json.dumps({"text": 42}),
            json.dumps({"text": "Fine text.", "date": "sometime soon"}),
            json.dumps({"html": "<p>Some markup here.</p>", "url": "https://example.org/a", "outlet": "Ex"}),
            json.dumps(["a", "list"]),
            json.dumps({"text": "   "}),
        ],
    )
    records = list(read_jsonl_file(path, settings))
    by_name = {r.name: r for r in records if not (isinstance(r, Rejection) and r.noted)}
    assert len(by_name) == 8  # the blank line is ignored
    first = by_name[f"{path}#1"]
    assert isinstance(first, SourceItem)
    assert (first.title, first.date, first.given_id, first.author) == ("T", "2020-05-06", "x1", "A B")
    assert first.fmt == "text"
    reasons = {r.name.rsplit("#", 1)[1]: r.reason for r in by_name.values() if isinstance(r, Rejection)}
    assert reasons == {"3": "malformed_row", "4": "missing_field", "5": "bad_field",
                       "8": "malformed_row", "9": "empty"}  # fmt: skip
    undated = by_name[f"{path}#6"]  # an unparseable date: stored undated, after a note
    assert isinstance(undated, SourceItem) and undated.date is None
    assert [(r.name, r.reason) for r in records if isinstance(r, Rejection) and r.noted] == [
        (f"{path}#6", "bad_date")
    ]
    html_row = by_name[f"{path}#7"]
    assert isinstance(html_row, SourceItem)
    assert (html_row.fmt, html_row.url, html_row.outlet) == ("html", "https://example.org/a", "Ex")


def test_jsonl_reader_whole_file_rejection(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "bin.jsonl"
    path.write_bytes(b"%PDF-1.4 not json")
    rejection = only(list(read_jsonl_file(path, settings)))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "binary"


def test_csv_reader_rows(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,title,text,date\n"
        'a1,Talks,"Two envoys met.\nThey spoke at length.",2019-02-03\n'
        "a2,Bad date,Something happened.,31/31/2019\n"
        "a3,No text,,\n"
        "a4,Extra,Text here.,2019-01-01,surplus\n",
        encoding="utf-8",
    )
    records = list(read_csv_file(path, settings))
    assert [r.name for r in records] == [f"{path}#{n}" for n in (1, 2, 2, 3, 4)]
    first = records[0]
    assert isinstance(first, SourceItem)
    assert first.content == "Two envoys met.\nThey spoke at length."
    assert (first.given_id, first.date, first.title) == ("a1", "2019-02-03", "Talks")
    assert [(r.stage, r.reason) for r in records[1:] if isinstance(r, Rejection)] == [
        ("note", "bad_date"),  # 31/31/2019: stored undated, with a warning
        ("ingest", "empty"),
        ("ingest", "malformed_row"),
    ]
    assert isinstance(records[2], SourceItem) and records[2].date is None


def test_csv_reader_missing_text_column(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "nocol.csv"
    path.write_text("headline,body\nA,B\n", encoding="utf-8")
    rejection = only(list(read_csv_file(path, settings)))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "missing_field"
    assert "'headline'" in rejection.message and "'body'" in rejection.message


def test_csv_reader_long_field(tmp_path: Path, settings: Settings) -> None:
    body = "word " * 40_000  # longer than csv's default field limit
    path = tmp_path / "long.csv"
    path.write_text(f"text\n{body}\n", encoding="utf-8")
    item = only(list(read_csv_file(path, settings)))
    assert isinstance(item, SourceItem)
    assert len(item.content) == len(body)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-12-01", "2023-12-01"),
        ("2023-12-01T08:30:00Z", "2023-12-01"),
        ("2023/12/01", "2023-12-01"),
        ("2023-02-30", None),
        ("yesterday", None),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),  # RSS pubDate (RFC 2822)
        ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"),  # the date where it was written
        ("March 5, 2024", "2024-03-05"),
        ("Tuesday, March 5th, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("31 February 2024", None),
        ("2024-03", "2024-03"),  # a month alone: a month-precision date
        ("June 2024", "2024-06"),
        ("2024", None),
        ("18/06/2024", "2024-06-18"),  # a first number above 12 can only be a day
        ("18.06.2024", "2024-06-18"),  # dotted: day first
        ("05.06.2024", "2024-06-05"),
        ("05/06/2024", "2024-05-06"),  # slashed, ambiguous: month first unless --dayfirst
        ("31/31/2019", None),
        ("1718668800", "2024-06-18"),  # a Unix epoch in seconds
        ("1718668800000", "2024-06-18"),  # ... or in milliseconds
        ("20240618", "2024-06-18"),
        ("0001-01-01", None),  # not a plausible publication year
    ],
)
def test_parse_input_date(value: str, expected: str | None) -> None:
    assert parse_input_date(value) == expected


@pytest.mark.parametrize("name", ["text.v1", "html.v1", "jsonl.v1", "csv.v1"])
def test_readers_are_registered(name: str) -> None:
    assert callable(readers.get(name))


def test_an_unparseable_date_notes_the_accepted_forms_and_keeps_the_article(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_text('{"text": "Talks were held.", "date": "the 5th of never"}\n', encoding="utf-8")
    note, item = list(read_jsonl_file(path, settings))
    assert isinstance(note, Rejection) and note.noted and note.reason == "bad_date"
    assert "'the 5th of never'" in note.message and "RFC 2822" in note.message
    assert isinstance(item, SourceItem) and item.date is None and item.content == "Talks were held."


def test_day_first_setting_and_epoch_numbers_in_rows(tmp_path: Path) -> None:
    from comity.config import load_settings

    path = tmp_path / "rows.jsonl"
    rows = [{"text": "Talks.", "date": "05/06/2024"}, {"text": "More talks.", "date": 1718668800}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    dayfirst = load_settings({"dayfirst": True}, environ={})
    assert [i.date for i in read_jsonl_file(path, dayfirst) if isinstance(i, SourceItem)] == [
        "2024-06-05",
        "2024-06-18",
    ]
