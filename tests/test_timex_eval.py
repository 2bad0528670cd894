"""The TIMEX evaluation harness: scoring logic on a hand-made gold file, then a run on the shared gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comity.evaluate.timex import evaluate_timex, value_relaxed

KEYS = {
    "docs",
    "gold",
    "predicted",
    "span_strict",
    "span_relaxed",
    "type_accuracy",
    "value_accuracy_strict",
    "value_accuracy_relaxed",
    "value_f1",
    "errors",
}


def _gold_file(tmp_path: Path) -> Path:
    text = "Talks ended on Friday, and resume in December 2023."
    timexes = [
        {"text": "Friday", "type": "DATE", "value": "2023-12-01", "start": 15, "end": 21},
        {"text": "resume", "type": "DATE", "value": "2023-12-04", "start": 27, "end": 33},
    ]
    row = {"doc_id": "d1", "dct": "2023-12-01", "text": text, "timexes": timexes}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_timex_eval_scores_a_small_file(tmp_path: Path) -> None:
    report = evaluate_timex(_gold_file(tmp_path))
    assert set(report) == KEYS
    assert (report["docs"], report["gold"], report["predicted"]) == (1, 2, 2)
    assert report["span_strict"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert report["value_accuracy_strict"] == 1.0
    assert report["errors"]["missed"][0]["text"] == "resume"
    assert report["errors"]["spurious"][0]["text"] == "December 2023"
    json.dumps(report)


@pytest.mark.parametrize(
    ("pred", "gold", "ok"),
    [
        ("2023-12", "2023-12-01", True),
        ("1988", "1988-Q3", True),
        ("1998-02-12", "1998-02-12TEV", True),
        ("2020-02/2023-12-01", "2020-02", True),
        ("2023-11", "2023-12-01", False),
        ("PAST_REF", "PRESENT_REF", False),
        (None, None, True),
    ],
)
def test_timex_eval_value_relaxed(pred: str | None, gold: str | None, ok: bool) -> None:
    assert value_relaxed(pred, gold) is ok


def test_timex_eval_on_shared_gold(shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "timex_gold" / "timex_gold.dev.jsonl"
    if not gold.is_file():
        pytest.skip("timex gold not present")
    report = evaluate_timex(gold, limit=5)
    assert set(report) == KEYS
    assert report["docs"] == 5 and report["gold"] > 0
    assert report["span_relaxed"]["f1"] > 0.5


def test_timex3_view_reads_since_as_signal_plus_timex() -> None:
    from comity.evaluate.timex import canonical_value, timex3_view
    from comity.extract.time.find import find_time_expressions

    (since,) = find_time_expressions("Prices rose since 1985.", "1998-02-13")
    assert (since.text, since.value) == ("since 1985", "1985/1998-02-13")
    view = timex3_view(since)
    assert (view.text, view.start, view.end, view.value) == ("1985", 18, 22, "1985")
    (plain,) = find_time_expressions("Prices rose in 1985.", "1998-02-13")
    assert timex3_view(plain) == plain
    assert canonical_value("2000-W7") == canonical_value("2000-W07") == "2000-W07"
    assert canonical_value("2000-W12") == "2000-W12" and canonical_value(None) is None
