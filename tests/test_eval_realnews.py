"""`comity eval realnews`: the real-news scoring rules, error classes and agreement with score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from comity.errors import ConfigError
from comity.evaluate.realnews import Predictions, gold_folder, load_corpus, score_realnews
from comity.evaluate.realnews_clusters import identity_scores
from comity.evaluate.realnews_score import date_ok, dyad_ok, match_events, within

TEXT = "Xi met Lam in Hanoi on Monday. China accused Vietnam of ramming a boat. The weather was fine."
MEET = (0, 30)
ACCUSE = (31, 71)
WEATHER = (72, len(TEXT))


def gold_row(
    n: int, span: tuple[int, int], type_: str, source: list[str], target: list[str], **extra: Any
) -> dict[str, Any]:
    return {"doc": "d1", "id": f"d1-e{n:02d}", "type": type_, "source": source, "target": target,
            "start": span[0], "end": span[1], "quote": TEXT[span[0]:span[1]], "tier": "core", **extra}  # fmt: skip


def pred_row(
    span: tuple[int, int], type_: str, source: list[str], target: list[str], **extra: Any
) -> dict[str, Any]:
    actors = lambda codes: [{"country": c, "code": c + "GOV"} for c in codes]  # noqa: E731
    return {"doc": "d1", "doc_id": "a1", "type": type_, "source": actors(source), "target": actors(target),
            "evidence": {"start": span[0], "end": span[1], "text": TEXT[span[0]:span[1]]}, **extra}  # fmt: skip


GOLD = [
    gold_row(1, MEET, "CONSULT", ["CHN"], ["VNM"], reciprocal=True, date="2024-08-19", same_event="visit"),
    gold_row(2, ACCUSE, "ACCUSE", ["CHN"], ["VNM"], date=None),
]


def score(preds: list[dict[str, Any]]) -> dict[str, Any]:
    return score_realnews(Predictions(preds, [], {"a1": "d1"}), {"d1": TEXT}, GOLD, [])


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("2024-03-24", "2024-03", True),  # a day inside the gold month
        ("2024-03", "2024-03-24", False),  # less precise than the gold
        ("2024-03-24", "2024-03-20/2024-03-25", True),
        ("2024-04-01", "2024-03-20/2024-03-25", False),
        ("2023", "2023", True),
    ],
)
def test_a_date_counts_when_inside_the_gold_date_and_as_precise(
    predicted: str, gold: str, expected: bool
) -> None:
    assert within(predicted, gold) is expected


def test_a_null_gold_date_accepts_only_null_or_an_alternative() -> None:
    assert date_ok({"date": None}, {"date": None})
    assert not date_ok({"date": "2024-01-02"}, {"date": None})
    assert date_ok({"date": "2024-01-02"}, {"date": None, "date_alt": ["2024-01"]})


def test_a_reciprocal_gold_accepts_either_order_and_a_directed_one_does_not() -> None:
    reversed_pred = pred_row(MEET, "CONSULT", ["VNM"], ["CHN"])
    assert dyad_ok(reversed_pred, GOLD[0])
    assert not dyad_ok(pred_row(ACCUSE, "ACCUSE", ["VNM"], ["CHN"]), GOLD[1])


def test_a_gold_target_needs_a_predicted_target() -> None:
    assert not dyad_ok(pred_row(ACCUSE, "ACCUSE", ["CHN"], []), GOLD[1])
    assert dyad_ok(pred_row(ACCUSE, "ACCUSE", ["CHN"], []), {**GOLD[1], "target": []})


def test_perfect_predictions_score_one_at_every_level() -> None:
    result = score([pred_row(MEET, "CONSULT", ["CHN"], ["VNM"], date="2024-08-19"),
                    pred_row(ACCUSE, "ACCUSE", ["CHN"], ["VNM"], date=None)])  # fmt: skip
    assert result["summary"] == {"type": 1.0, "dyad": 1.0, "dated": 1.0, "clusters": 0.0, "facts": 0.0}
    assert result["error_classes"]["missed_core"] == {}


def test_each_failure_is_sorted_into_the_first_stage_that_failed() -> None:
    result = score([
        pred_row(MEET, "CONSULT", ["CHN"], [], date="2024-08-19"),  # no target
        pred_row(ACCUSE, "ACCUSE", ["CHN"], ["VNM"], date="2024-08-18"),  # dated, gold has none
        pred_row(WEATHER, "STATEMENT", ["CHN"], []),  # nothing in the gold there
    ])  # fmt: skip
    assert result["error_classes"]["missed_core"] == {"no_target": 1, "wrong_date": 1}
    assert result["error_classes"]["unmatched_predictions"] == {"no_gold_in_sentence": 1}
    assert result["events"]["type"]["matched"] == 2
    assert result["per_document"]["d1"]["dyad"]["matched"] == 1


def test_a_sentence_without_any_prediction_is_missed_and_a_wrong_type_is_named() -> None:
    result = score([pred_row(ACCUSE, "PROTEST", ["CHN"], ["VNM"])])
    assert result["error_classes"]["missed_core"] == {"missed": 1, "wrong_type": 1}
    assert result["error_classes"]["unmatched_predictions"] == {"type_differs": 1}


def test_one_prediction_matches_one_gold_row_core_rows_first() -> None:
    secondary = {**GOLD[1], "id": "d1-e03", "tier": "secondary"}
    match = match_events([{**pred_row(ACCUSE, "ACCUSE", ["CHN"], ["VNM"]), "_doc": "d1"}],
                         [secondary, GOLD[1]], {"d1": TEXT}, "dyad")  # fmt: skip
    assert match.pairs == {0: 1}


def test_a_preference_breaks_ties_between_equal_gold_rows_and_text_order_does_without_one() -> None:
    early = {**GOLD[1], "id": "d1-e05", "date": "2023-11"}
    late = {**GOLD[1], "id": "d1-e06", "date": "2024-01-10"}
    preds = [
        {**pred_row(ACCUSE, "ACCUSE", ["CHN"], ["VNM"], date="2024-01-10"), "_doc": "d1"},
        {**pred_row(ACCUSE, "ACCUSE", ["CHN"], ["VNM"], date="2023-11"), "_doc": "d1"},
    ]
    assert match_events(preds, [early, late], {"d1": TEXT}, "dyad").pairs == {0: 0, 1: 1}
    preferred = match_events(preds, [early, late], {"d1": TEXT}, "dyad", prefer=date_ok)
    assert preferred.pairs == {0: 1, 1: 0}


def test_clusters_count_cross_document_pairs_only() -> None:
    def pair(doc: str, cluster: str, label: str) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"_doc": doc, "cluster_id": cluster}, {"doc": doc, "same_event": label}

    scores = identity_scores([pair("a", "c1", "x"), pair("b", "c1", "x"), pair("b", "c2", "x")])
    same = {k: v for k, v in scores["cross_document"].items() if k != "predicted_pairs"}
    assert same == {"P": 1.0, "R": 0.5, "F1": 0.667, "gold_pairs": 2}


def test_a_gold_folder_without_gold_files_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"holds no <doc>\.events\.jsonl"):
        gold_folder(tmp_path)


def test_only_corpus_rows_with_a_gold_file_are_scored(tmp_path: Path) -> None:
    (tmp_path / "d1.events.jsonl").write_text(json.dumps(GOLD[0]) + "\n", encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "d1", "text": TEXT, "date": "2024-08-20"}, {"id": "d2", "text": "Other.", "date": None}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    texts, events, facts = load_corpus([corpus], tmp_path)
    assert list(texts) == ["d1"] and len(events) == 1 and facts == []


@pytest.mark.slow
@pytest.mark.shared
def test_eval_realnews_agrees_with_the_shared_scorer(shared_dir: Path, tmp_path: Path) -> None:
    """comity eval realnews and score.py give the same figures on the same stored run (6 documents)."""
    from comity._api import process_files
    from comity.evaluate.realnews import predictions_from_store
    from comity.extract.actors.kb import load_kb

    gold = shared_dir / "gold" / "realnews"
    rows = [json.loads(line) for f in sorted((shared_dir / "corpus" / "realnews").glob("*.dev.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()[:3]]  # fmt: skip
    corpus = tmp_path / "sample.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "rn.duckdb")
    process_files([str(corpus)], db=db, kb=load_kb())
    predictions = predictions_from_store(db)
    texts, gold_events, gold_facts = load_corpus([corpus], gold / "dev")
    ours = score_realnews(predictions, texts, gold_events, gold_facts)
    files = {}
    for name, content in (("ev", predictions.events), ("f", predictions.facts),
                          ("a", [{"id": k, "name": v} for k, v in predictions.names.items()])):  # fmt: skip
        files[name] = tmp_path / f"{name}.jsonl"
        files[name].write_text("".join(json.dumps(r) + "\n" for r in content), encoding="utf-8")
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(gold / "score.py"), str(files["ev"]), str(files["f"]), str(files["a"]),
                    str(gold / "dev"), str(corpus), "--json", str(out)], check=True, capture_output=True)  # fmt: skip
    theirs = json.loads(out.read_text(encoding="utf-8"))
    for level in ("type", "dyad", "dated"):
        assert {k: ours["events"][level][k] for k in ("P", "R", "F1")} == {
            k: theirs["events"][level][k] for k in ("P", "R", "F1")
        }
    assert ours["clusters"] == theirs["clusters"]
    assert {k: ours["facts"][k] for k in ("P", "R", "F1")} == {
        k: theirs["facts"][k] for k in ("P", "R", "F1")
    }


def test_cli_eval_realnews_refuses_a_gold_folder_without_gold_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from comity.cli import app

    result = CliRunner().invoke(app, ["eval", "realnews", "--gold", str(tmp_path)])
    assert result.exit_code == 2 and "holds no <doc>.events.jsonl" in result.output


@pytest.mark.slow
def test_cli_eval_realnews_runs_the_pipeline_and_reports_scores_and_error_classes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from comity.cli import app

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "d1.events.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": TEXT, "date": "2024-08-20"}) + "\n", encoding="utf-8")
    report = tmp_path / "r.json"
    args = ["eval", "realnews", "--gold", str(gold), "--corpus", str(corpus), "--report", str(report)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["documents"] == 1 and set(shown["summary"]) == {"type", "dyad", "dated", "clusters", "facts"}
    full = json.loads(report.read_text(encoding="utf-8"))
    assert set(full["per_document"]) == {"d1"} and "examples" in full["error_classes"]
    assert full["events"]["type"]["core"] == 2


def test_cluster_identity_scores_pairs_within_and_across_documents_and_b_cubed() -> None:
    from comity.evaluate.realnews_clusters import identity_scores

    def pair(doc: str, cluster: str, label: str, date: str) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"_doc": doc, "cluster_id": cluster}, {"doc": doc, "same_event": label, "date": date}

    pairs = [pair("a", "c1", "visit", "2023-12-12"), pair("a", "c1", "visit", "2023-12-12"),
             pair("b", "c1", "visit", "2023-12-13"), pair("b", "c2", "talks", "2023-12-13"),
             pair("c", "c2", "old talks", "2019-05-01")]  # fmt: skip
    scores = identity_scores(pairs)
    assert scores["within_document"] == {"P": 1.0, "R": 1.0, "F1": 1.0, "gold_pairs": 1, "predicted_pairs": 1}
    assert scores["cross_document"]["P"] == 0.667 and scores["cross_document"]["R"] == 1.0
    assert scores["cross_year_merges"] == 1 and 0 < scores["b_cubed"]["F1"] < 1
