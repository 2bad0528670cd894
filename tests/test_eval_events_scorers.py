"""comity.evaluate.events_sentences / events_seeds / events_run on tiny hand-written gold rows."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from comity.errors import ConfigError
from comity.evaluate.events_run import detect_format
from comity.evaluate.events_seeds import load_seeds, score_seeds, seed_date
from comity.evaluate.events_sentences import (
    penta_class,
    primary,
    score_conflibert,
    score_petr2,
    score_plover_gsr,
)
from comity.records import ActorRef, Event, Location, TextSpan


def _event(type_: str, cameo: str, src: str = "", tgt: str = "", conf: float = 0.5, start: int = 0) -> Event:
    return Event(
        id=f"{type_}{start}", doc_id="d", doc="d", type=type_, cameo=cameo, mode=None, goldstein=None,
        source=(ActorRef(src, country=src or None),), target=(ActorRef(tgt, country=tgt or None),),
        evidence=TextSpan(start, start + 20, "x" * 20), trigger="t", confidence=conf, date="2024-01-02",
    )  # fmt: skip


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_penta_class_and_primary() -> None:
    assert [penta_class(c) for c in ("010", "036", "073", "112", "160", "145", "203")] == [
        0,
        1,
        2,
        3,
        3,
        4,
        4,
    ]
    weak, strong = _event("AID", "070", conf=0.2), _event("ACCUSE", "111", conf=0.9, start=5)
    assert primary([weak, strong]) is strong and primary([]) is None


def test_plover_gsr_accuracy_and_confusion() -> None:
    rows = [
        {"id": "a", "text": "Lowland praised Upland.", "expected": [{"plover_2021": "SUPPORT"}]},
        {"id": "b", "text": "Upland shelled Lowland.", "expected": [{"plover_2021": "ASSAULT"}]},
        {"id": "c", "text": "Nothing here.", "expected": [{"plover_2021": "AGREE"}]},
    ]
    preds = {"a": [_event("SUPPORT", "051")], "b": [_event("COERCE", "172")], "c": []}
    report = score_plover_gsr(rows, preds)
    assert report["type_accuracy_single"] == round(1 / 3, 4) and report["no_prediction"] == 1
    assert report["confusion"]["ASSAULT"] == {"COERCE": 1} and report["confusion"]["AGREE"] == {"NONE": 1}


def test_petr2_root_and_country_levels() -> None:
    rows = [
        {"id": "a", "text": "s", "expected": [{"code": "042", "source": "USAGOV", "target": "CHN"}]},
        {"id": "b", "text": "s", "expected": [{"code": "173", "source": "GUYJUD", "target": "BRA"}]},
        {"id": "c", "text": "s", "expected": []},
    ]
    preds = {"a": [_event("CONSULT", "040", "USA", "CHN")], "b": [_event("COERCE", "173", "GUY", "USA")]}
    report = score_petr2(rows, preds)
    assert report["root"]["recall"] == 1.0 and report["root_country"]["recall"] == 0.5
    assert report["root_country"]["precision"] == 0.5


def test_conflibert_five_class_accuracy() -> None:
    rows = [
        {"id": "a", "text": "s", "expected": [{"penta_class": 4}]},
        {"id": "b", "text": "s", "expected": [{"penta_class": 1}]},
    ]
    report = score_conflibert(rows, {"a": [_event("ASSAULT", "190")], "b": [_event("AID", "070")]})
    assert report["accuracy"] == 0.5 and report["confusion"] == {"1": {"2": 1}, "4": {"4": 1}}


def test_seed_date_prefers_stated_then_most_likely() -> None:
    assert seed_date({"publication_date": "2020-05-06", "most_likely": "2020-05-01"}) == "2020-05-06"
    assert seed_date({"publication_date": "inferred", "earliest": "2021-02-03"}) == "2021-02-03"
    assert seed_date({"publication_date": "inferred"}) is None


def _seed_folder(tmp_path: Path) -> Path:
    gold = tmp_path / "gold" / "mini"
    texts = tmp_path / "corpus" / "mini"
    gold.mkdir(parents=True)
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text("Upland met Lowland. Upland praised Lowland.", encoding="utf-8")
    _write(gold / "documents.jsonl", [{"doc": "a.txt", "publication_date": "2024-01-02"}])
    base = {"doc": "a.txt", "alt_plover": [], "event_date": "2024-01-02", "reciprocal": False}
    _write(
        gold / "events.jsonl",
        [
            {**base, "id": "1", "evidence": "Upland met Lowland.", "start": 0, "end": 19, "tier": "core",
             "event_type_plover": "CONSULT", "source_actor": "Upland|UPL|GOV", "target_actor": "L|LOW|GOV"},
            {**base, "id": "2", "evidence": "Upland praised Lowland.", "start": 20, "end": 43, "tier": "secondary",
             "event_type_plover": "SUPPORT", "source_actor": "Upland|UPL|GOV", "target_actor": "L|LOW|GOV"},
        ],
    )  # fmt: skip
    return gold


def test_seeds_levels_per_type_and_confusion(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    docs, gold = load_seeds(folder)
    assert [d.date for d in docs] == ["2024-01-02"] and len(gold) == 2
    preds = {
        "a.txt": [_event("CONSULT", "040", "UPL", "LOW", start=0), _event("ACCUSE", "111", "UPL", start=21)]
    }
    report = score_seeds(preds, gold)
    assert report["levels"]["type"]["precision"] == 0.5 and report["levels"]["type"]["recall_core"] == 1.0
    assert report["levels"]["type_actors_date"]["f1_core"] == round(2 * 0.5 / 1.5, 4)
    assert report["confusion"] == {"CONSULT": {"CONSULT": 1}, "SUPPORT": {"ACCUSE": 1}}
    assert report["per_type"]["CONSULT"]["precision"] == 1.0


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format(_seed_folder(tmp_path)) == "seeds"
    samples = {
        "p.jsonl": {"expected": [{"plover_2021": "AGREE"}]},
        "r.jsonl": {"expected": [{"code": "042", "cameo_root": "04"}]},
        "c.jsonl": {"expected": [{"penta_class": 2}]},
    }
    found = {
        name: detect_format(_write(tmp_path / name, [{"expected": []}, row])) for name, row in samples.items()
    }
    assert found == {"p.jsonl": "plover_gsr", "r.jsonl": "petr2", "c.jsonl": "conflibert"}
    with pytest.raises(ConfigError, match="unrecognised"):
        detect_format(_write(tmp_path / "x.jsonl", [{"text": "no gold"}]))


def test_seeds_location_share_counts_stated_places_only(tmp_path: Path) -> None:
    _, gold = load_seeds(_seed_folder(tmp_path))
    gold = [{**g, "location": "Hanoi, Vietnam"} if g["id"] == "1" else g for g in gold]
    met = _event("CONSULT", "040", "UPL", "LOW", start=0)
    in_hanoi = dataclasses.replace(met, location=Location("Hanoi", "Hanoi", "VNM"))
    elsewhere = dataclasses.replace(met, location=Location("Paris", "Paris", "FRA"))
    assert score_seeds({"a.txt": [in_hanoi]}, gold)["location_share"]["same_place"] == 1.0
    share = score_seeds({"a.txt": [elsewhere]}, gold)["location_share"]
    assert (
        share["located"] == 1.0
        and share["same_place"] == 0.0
        and share["wrong"][0]["gold"] == "Hanoi, Vietnam"
    )
    inferred = [{**g, "location": "Hanoi, Vietnam (inferred)"} for g in gold]
    assert score_seeds({"a.txt": [in_hanoi]}, inferred)["location_share"]["matched_core_with_place"] == 0
