"""Dates in input: wire datelines without a year, and dates no form reads (stored undated, warned)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.clean import build_article
from comity.clean.article import year_in_name
from comity.cli import app
from comity.config import load_settings
from comity.records import SourceItem
from comity.store.duckdb import DuckDBStore

WIRE = "Envoys agree to meet again\nHANOI, Dec. 13 (Comity Wire) - Two envoys met in Hanoi on Tuesday.\n"


def _article(name: str, text: str = WIRE, **settings: object) -> tuple[str | None, str | None]:
    item = SourceItem(name=name, content=text, fmt="text", size=len(text))
    article = build_article(item, load_settings(dict(settings), environ={}))
    return article.publication_date, article.date_basis


def test_wire_dateline_without_year_takes_the_runs_year() -> None:
    assert _article("story.txt", year=2023) == ("2023-12-13", "dateline_year")


def test_wire_dateline_without_year_is_never_dated_by_today() -> None:
    assert _article("story.txt") == (None, None)


def test_wire_dateline_takes_the_year_of_the_inputs_folder() -> None:
    assert _article("wire/2023/story.txt") == ("2023-12-13", "dateline_year")
    assert _article("wire/2023/story.txt", year=2021) == ("2021-12-13", "dateline_year")  # --year wins


def test_a_dateline_with_its_own_year_keeps_it() -> None:
    text = WIRE.replace("Dec. 13 (", "Dec. 13, 2022 (")
    assert _article("wire/2023/story.txt", text, year=2021) == ("2022-12-13", "dateline")


def test_a_day_that_does_not_exist_in_the_given_year_stays_undated() -> None:
    assert _article("story.txt", WIRE.replace("Dec. 13", "Feb. 29"), year=2023) == (None, None)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2023-12-13-hanoi.txt", 2023),
        ("wire/2019/x.jsonl#4", 2019),
        ("a/b/c.txt", None),
        ("2019/x-2020.txt", None),
    ],
)
def test_year_in_name(name: str, year: int | None) -> None:
    assert year_in_name(name) == year


def test_run_stores_rows_with_unreadable_dates_undated_and_warns(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    lines = [
        {"text": "Vietnam and China held talks in Hanoi.", "date": "18/06/2024"},
        {"text": "Japan and the Philippines signed a pact in Manila.", "date": "sometime in spring"},
        {"text": "Vietnam protested to China on Monday.", "date": "2024-06"},
    ]
    rows.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    db = str(tmp_path / "d.duckdb")
    result = CliRunner().invoke(app, ["run", str(rows), "--db", db, "--workers", "1"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "Warnings" in output and "sometime in spring" in output and "bad_date" in output
    with DuckDBStore(db, read_only=True) as store:
        dates = {
            r["name"].rsplit("#", 1)[1]: r["publication_date"] for r in store.fetch("SELECT * FROM articles")
        }
        (run,) = store.fetch("SELECT inputs, stored, rejected FROM runs")
    assert dates == {"1": "2024-06-18", "2": None, "3": "2024-06"}
    assert (run["inputs"], run["stored"], run["rejected"]) == (3, 3, 0)
