"""`comity eval realnews` on dates: the share of dyad-matched events dated right, the classes of the
date errors, and (over the dev corpus) no act reported as done dated after its article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from comity.evaluate.realnews_dates import date_class, dyad_date_scores
from comity.evaluate.realnews_score import Match, interval
from comity.extract.events.date_frame import DATELINE_SLACK_DAYS

PUBLISHED = "2024-03-24"


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (None, "2024-03-23", "no_date"),
        ("2024-03-23", None, "dated_undated"),
        ("../2024-03-24", "2024-03-23", "unreadable"),
        ("2024-03-30", "2024-03-23", "after_publication"),
        ("2024-03-24", "2024-03-10", "reference_date_taken"),
        ("2024", "2024-03-10", "too_coarse"),
        ("2023-03-10", "2024-03-10", "wrong_year"),
        ("2024-03-12", "2024-03-10", "off_by_days"),
        ("2024-01-12", "2024-03-10", "other"),
    ],
)
def test_a_wrong_date_is_sorted_into_its_class(
    predicted: str | None, gold: str | None, expected: str
) -> None:
    assert date_class({"date": predicted}, {"date": gold}, PUBLISHED) == expected


def test_the_share_counts_dyad_matched_pairs_with_an_accepted_date() -> None:
    preds = [{"date": "2024-03-23"}, {"date": "2024-03-24"}, {"date": None}]
    gold: list[dict[str, Any]] = [
        {"doc": "d", "id": "g1", "date": "2024-03"},
        {"doc": "d", "id": "g2", "date": "2024-03-23"},
        {"doc": "d", "id": "g3", "date": "2024-03-20"},
    ]
    scores = dyad_date_scores(preds, gold, Match("dyad", {0: 0, 1: 1, 2: 2}), {"d": PUBLISHED})
    assert (scores["dyad_matched"], scores["right_date"], scores["share"]) == (3, 1, 0.333)
    assert scores["errors"] == {"reference_date_taken": 1, "no_date": 1}
    assert scores["examples"]["no_date"][0]["published"] == PUBLISHED


@pytest.mark.slow
@pytest.mark.shared
def test_no_act_reported_as_done_is_dated_after_its_article(shared_dir: Path, tmp_path: Path) -> None:
    """Over the real-news dev corpus, an asserted (or historical) event never starts after the
    publication date of its article: such a date is a planned act's, or a misread one (a calendar
    day up to ``DATELINE_SLACK_DAYS`` after it is a report dated in another time zone)."""
    from comity._api import process_files
    from comity.evaluate.realnews import predictions_from_store, publication_dates
    from comity.extract.actors.kb import load_kb

    files = sorted((shared_dir / "corpus" / "realnews").glob("*.dev.jsonl"))
    db = str(tmp_path / "rn.duckdb")
    process_files([str(f) for f in files], db=db, kb=load_kb())
    published = publication_dates(files)
    late = []
    for event in predictions_from_store(db).events:
        day, value = published.get(event["doc"]), event.get("date")
        span = interval(str(value)) if value else None
        latest = (
            (dt.date.fromisoformat(day) + dt.timedelta(days=DATELINE_SLACK_DAYS)).isoformat() if day else ""
        )
        if day and span and event["modality"] in {"asserted", "historical"} and span[0].isoformat() > latest:
            late.append(json.dumps({k: event[k] for k in ("doc", "trigger", "date", "date_text")}))
    assert late == []
