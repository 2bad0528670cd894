"""`comity actors`: list the actor KB with dated roles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from comity.cli import app

runner = CliRunner()


def rows(args: list[str]) -> list[dict[str, object]]:
    result = runner.invoke(app, ["actors", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_help_has_example() -> None:
    result = runner.invoke(app, ["actors", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_role_holder_changes_with_the_date() -> None:
    args = ["--country", "VNM", "--role", "General Secretary"]
    assert [r["name"] for r in rows([*args, "--date", "2023-12-01"])] == ["Nguyen Phu Trong"]
    assert [r["name"] for r in rows([*args, "--date", "2024-09-01"])] == ["To Lam"]


def test_country_filter_lists_states_and_organisations() -> None:
    found = rows(["--country", "CHN"])
    kinds = {r["kind"] for r in found}
    assert {"country", "organization", "person"} <= kinds and all(r["country"] == "CHN" for r in found)


def test_user_actor_file(tmp_path: Path) -> None:
    extra = tmp_path / "people.csv"
    extra.write_text(
        "name,aliases,country,sector,role,start,end,source\nAnna Example,,LAO,GOV,Test envoy,2020-01-01,,test\n",
        encoding="utf-8",
    )
    found = rows(["--actors", str(extra), "--role", "test envoy"])
    assert [r["name"] for r in found] == ["Anna Example"]


def test_bad_date_is_a_usage_error() -> None:
    assert runner.invoke(app, ["actors", "--date", "01/12/2023"]).exit_code == 2


def test_unknown_country_is_a_usage_error_and_case_does_not_matter() -> None:
    result = runner.invoke(app, ["actors", "--country", "XXX"])
    assert result.exit_code == 2 and "XXX" in result.output
    assert {r["country"] for r in rows(["--country", "vnm"])} == {"VNM"}
