"""The three seed articles in ../shared against their gold documents.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comity.clean import build_article
from comity.config import Settings
from comity.ingest import iter_inputs
from comity.records import Article, SourceItem

pytestmark = pytest.mark.shared

EXPECTED_DATES = {"000": "2023-12-01", "001": None, "003": "2017-11-24"}


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> dict[str, tuple[Article, dict[str, object]]]:
    from comity.config import load_settings

    settings: Settings = load_settings(environ={})
    gold = {}
    for line in (shared_dir / "gold" / "seeds" / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc"]] = row
    out = {}
    for item in iter_inputs([str(shared_dir / "corpus" / "seeds")], settings):
        assert isinstance(item, SourceItem)
        name = Path(item.name).name
        out[name[:3]] = (build_article(item, settings), gold[name])
    return out


@pytest.mark.parametrize("key", sorted(EXPECTED_DATES))
def test_seed_dates_titles_and_boilerplate(
    seeds: dict[str, tuple[Article, dict[str, object]]], key: str
) -> None:
    article, gold = seeds[key]
    assert article.publication_date == EXPECTED_DATES[key]
    assert article.title == gold["title"]
    assert article.author == gold["author"]
    spans = gold["boilerplate_spans"]
    assert isinstance(spans, list)
    for span in spans:
        covered = any(b.start <= span["start"] and span["end"] <= b.end for b in article.boilerplate)
        assert covered, span
        assert article.text[span["start"] : span["end"]] == span["text"]


def test_seed_caption_and_dateline(seeds: dict[str, tuple[Article, dict[str, object]]]) -> None:
    article, gold = seeds["000"]
    assert ("Nguyen Phu Trong (left) and Wang Yi (right).", "caption") in {
        (b.text, b.kind) for b in article.boilerplate
    }
    assert article.dateline is not None and article.dateline.text == gold["dateline"]
    assert article.date_basis == "dateline"
    assert seeds["001"][0].boilerplate == ()
