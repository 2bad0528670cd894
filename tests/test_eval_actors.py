"""comity.evaluate.actors: the actor-resolution scorer and its packaged cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import ConfigError
from comity.evaluate.actors import ActorCase, evaluate_actors, load_cases
from comity.extract.actors.kb import load_kb


def test_packaged_cases_load_and_cover_each_path() -> None:
    cases = load_cases()
    assert len(cases) >= 30
    assert {"dated role", "office holder", "misspelling", "alias", "role agent"} <= {c.path for c in cases}


def test_scorer_counts_all_three_fields_and_lists_errors() -> None:
    cases = [
        ActorCase("Xi Jinping", "2020-01-01", "Xi Jinping", "CHN", "GOV", "dated role"),
        ActorCase("Nguyen Phu Trong", "2024-09-01", "Nguyen Phu Trong", "VNM", "PTY", "dated role"),  # wrong
    ]
    result = evaluate_actors(load_kb(), cases)
    assert (result["cases"], result["correct"], result["accuracy"]) == (2, 1, 0.5)
    assert result["country_accuracy"] == 1.0 and result["sector_accuracy"] == 0.5
    (error,) = result["errors"]
    assert error["got"]["sector"] is None and error["expected"]["sector"] == "PTY"


def test_user_case_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "# mine\ntext,date,canonical,country,sector\nChinese Premier,2018-01-01,Li Keqiang,CHN,GOV\n",
        encoding="utf-8",
    )
    assert evaluate_actors(load_kb(), load_cases(path))["accuracy"] == 1.0


def test_case_file_missing_columns_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("text,date\nXi,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_cases(path)


def test_packaged_cases_score_high() -> None:
    assert evaluate_actors(load_kb())["accuracy"] >= 0.95
