"""`comity eval facts`: the scorer on tiny hand-written gold, and the command on the seed gold."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from comity.cli import app
from comity.evaluate.facts import gold_measure, period_matches, score_facts, values_match
from comity.records import Fact, TextSpan

runner = CliRunner()
TEXT = (
    "Freedonia and Sylvania upgraded ties to a comprehensive strategic partnership in 2019. "
    "Two-way trade reached $12.4 billion in 2021, officials said. "
    "Sylvania is Freedonia's second-largest trading partner."
)


def make_fact(
    measure: str, value: float | str, period: str | None, start: int, end: int, subject: str = "FRE-SYL"
) -> Fact:
    return Fact(id=f"{measure}{start}", doc_id="doc.txt", subject=subject, measure=measure, value=value,
                unit=None, evidence=TextSpan(start, end, TEXT[start:end]), period=period)  # fmt: skip


def _gold(
    fid: str, measure: str, value: object, period: str, phrase: str, tier: str = "core"
) -> dict[str, object]:
    start = TEXT.index(phrase)
    return {"id": fid, "doc": "doc.txt", "measure": measure, "value": value, "period": period,
            "start": start, "end": start + len(phrase), "evidence": phrase, "tier": tier}  # fmt: skip


GOLD = [
    _gold(
        "G1",
        "relationship_status",
        "comprehensive strategic partnership (as stated)",
        "2019/..",
        "comprehensive strategic partnership",
    ),
    _gold(
        "G2", "bilateral trade value", 12_400_000_000, "2021", "Two-way trade reached $12.4 billion in 2021"
    ),
    _gold(
        "G3",
        "rank among Freedonia's trading partners",
        2,
        "2024 (current at publication)",
        "second-largest trading partner",
    ),
    _gold("G4", "share of ministers attending", 3, "2024", "officials said", tier="secondary"),
]


def test_gold_measure_wording_rules() -> None:
    assert gold_measure("bilateral trade value") == ("trade_volume", None)
    assert gold_measure("Rank among Freedonia's trading partners in Southeast Asia") == (
        "trade_partner_rank",
        "ASEAN",
    )
    assert gold_measure("third-largest investor: rank") == ("investor_rank", None)
    assert gold_measure("exports of rice") == ("exports", None)
    assert gold_measure("share of ministers attending") == ("other", None)


def test_gold_measure_ordinals_ranks_and_counts() -> None:
    # the unit says what a number is when the wording names no comity measure
    assert gold_measure("session number of the meeting", "ordinal") == ("ordinal", None)
    assert gold_measure("order of Freedonia among destinations", "ordinal") == ("ordinal", None)
    assert gold_measure("rank among Sylvania's economies", "rank") == ("rank", None)
    assert gold_measure("rank among Sylvania's trading partners", "rank") == ("trade_partner_rank", None)
    assert gold_measure("number of ministers attending", "ministers") == ("count", None)
    assert gold_measure("number of visits within six years", "visits") == ("count", None)
    # specific measures keep their rule; without a unit nothing changes
    assert gold_measure("number of FDI projects", "projects") == ("fdi_projects", None)
    assert gold_measure("number of tourists", "people") == ("tourist_arrivals", None)
    assert gold_measure("session number of the meeting") == ("other", None)
    assert gold_measure("anniversary (years since establishment)", "years") == ("anniversary", None)


def test_score_facts_ordinal_needs_value_and_period() -> None:
    gold = [
        {**_gold("G9", "session number of the meeting", 15, "2024-02", "officials said"), "unit": "ordinal"}
    ]
    dates = {"doc.txt": "2024-02-01"}
    right = {"doc.txt": [make_fact("ordinal", 15.0, None, 130, 144, subject="Joint Committee")]}
    assert score_facts(right, gold, dates)["correct"] == 1
    wrong = {"doc.txt": [make_fact("ordinal", 14.0, None, 130, 144, subject="Joint Committee")]}
    assert score_facts(wrong, gold, dates)["correct"] == 0
    late = {"doc.txt": [make_fact("ordinal", 15.0, "2023", 130, 144, subject="Joint Committee")]}
    assert score_facts(late, gold, dates)["correct"] == 0
    count = {"doc.txt": [make_fact("count", 15.0, None, 130, 144, subject="Joint Committee")]}
    assert score_facts(count, gold, dates)["correct"] == 0


def test_values_and_periods() -> None:
    assert values_match(12.45e9, 12.4e9) and not values_match(12.5e9, 12.4e9)
    assert values_match("Strategic Partnership", "strategic partnership (level as stated)")
    assert values_match("relations upgraded", "upgraded (level not named)")
    assert not values_match("strategic partnership", "comprehensive strategic partnership")
    assert period_matches("since 2019", "2019-06/2024", None)
    assert not period_matches("since 2018", "2019/2024", None)
    assert period_matches("2021-03", "2021", None) and period_matches("2021", "2021-Q1", None)
    assert not period_matches("2020", "2021", None)
    assert period_matches(None, "../2024-05-01", "2024-04-30") and not period_matches(None, "2021", None)


def test_score_facts_counts_restatements_once() -> None:
    predicted = {
        "doc.txt": [
            make_fact("relationship_status", "comprehensive strategic partnership", "since 2019", 42, 77),
            make_fact("relationship_status", "comprehensive strategic partnership", None, 42, 77),  # restated
            make_fact("trade_volume", 12.41e9, "2021", 87, 130),
            make_fact("trade_partner_rank", 3.0, None, 180, 210),  # wrong value
        ]
    }
    report = score_facts(predicted, GOLD, {"doc.txt": "2024-02-01"})
    assert report["predicted"] == 3 and report["correct"] == 2
    assert report["precision"] == round(2 / 3, 4)
    assert report["recall_core"] == round(2 / 3, 4) and report["recall_all"] == 0.5
    assert report["status_found"]["all_found"] and report["status_found"]["matched"] == 1
    assert report["per_measure"]["trade_partner_rank"] == {
        "predicted": 1, "right": 0, "gold": 1, "found": 0, "precision": 0.0, "recall": 0.0
    }  # fmt: skip
    assert report["per_measure"]["other"]["gold"] == 1
    assert {m["id"] for m in report["errors"]["missed"]} == {"G3", "G4"}


def test_score_facts_rank_scope_and_document_date() -> None:
    predicted = {"doc.txt": [make_fact("trade_partner_rank", 2.0, None, 180, 210, subject="SYL-FRE/ASEAN")]}
    assert score_facts(predicted, GOLD, {"doc.txt": "2024-02-01"})["correct"] == 0  # scope differs
    predicted = {"doc.txt": [make_fact("trade_partner_rank", 2.0, None, 180, 210, subject="SYL-FRE")]}
    assert score_facts(predicted, GOLD, {"doc.txt": "2024-02-01"})["correct"] == 1
    assert score_facts(predicted, GOLD, {"doc.txt": "2023-02-01"})["correct"] == 0


def test_eval_facts_on_a_hand_written_folder(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "documents.jsonl").write_text(
        json.dumps({"doc": "doc.txt", "publication_date": "inferred", "most_likely": "2024-02-01/2024-02-03"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "facts.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["eval", "facts", "--gold", str(tmp_path), "--report", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["gold"] == 4 and report["correct"] >= 1 and "errors" in report
    assert "errors" not in json.loads(result.output)


def test_eval_facts_help_and_missing_gold(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "facts", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output
    result = runner.invoke(app, ["eval", "facts", "--gold", str(tmp_path)])
    assert result.exit_code != 0 and "facts.jsonl" in result.output


def test_eval_facts_on_the_seed_gold(shared_dir: Path) -> None:
    result = runner.invoke(app, ["eval", "facts", "--gold", str(shared_dir / "gold" / "seeds")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["gold"] > 0 and 0.0 <= report["f1_core"] <= 1.0
    assert report["status_found"]["found"] >= 1
