"""`comity series` and ``dyad_series`` on a store built from the example articles."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.cli._util import opened_store
from comity.errors import QueryError
from comity.ontology import QUADS
from comity.query import dyad_events, dyad_series
from comity.query.analytics import period_key

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("in")
    for pattern in ("02_*.html", "03_*.txt", "04_*.html", "05_*.txt"):
        for path in EXAMPLES.glob(pattern):
            shutil.copy(path, folder / path.name)
    target = str(tmp_path_factory.mktemp("db") / "s.duckdb")
    result = runner.invoke(app, ["run", str(folder), "--db", target, "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return target


def test_period_key() -> None:
    assert period_key("2024-08-19", "month") == "2024-08"
    assert period_key("2024-08-19/2024-08-20", "quarter") == "2024-Q3"
    assert period_key("2024-Q2", "quarter") == "2024-Q2"
    assert period_key("2024", "quarter") is None and period_key("2024", "year") == "2024"
    assert period_key(None, "year") is None and period_key("PAST_REF", "year") is None
    assert period_key("2024-08-19/2024-08-20", "day") == "2024-08-19" and period_key("2024-08", "day") is None


def test_series_counts_one_event_per_cluster(db: str) -> None:
    with opened_store(db) as store:
        clusters = dyad_events(store, ("CHN", "VNM"))
        result = dyad_series(store, ("VNM", "CHN"), freq="year")
    assert result["dyad"] == "VNM-CHN" and result["freq"] == "year"
    rows = result["periods"]
    assert rows and [r["period"] for r in rows] == sorted(r["period"] for r in rows)
    assert sum(r["events"] for r in rows) + result["unplaced"] == len(clusters)
    for row in rows:
        assert row["events"] == sum(row[q] for q in QUADS) + row["other"]
        coop = row["verbal_cooperation"] + row["material_cooperation"]
        conflict = row["verbal_conflict"] + row["material_conflict"]
        assert row["coop_conflict_index"] == round((coop - conflict) / row["events"], 3)
        assert row["since"] == row["until"] == row["period"]
    assert any(r["verbal_cooperation"] for r in rows)
    # a cluster reported by two articles counts once
    shared = [c for c in clusters if c["documents"] > 1]
    assert shared and sum(r["events"] for r in rows) < sum(c["mentions"] for c in clusters) + 1


def test_series_cli_formats(db: str) -> None:
    result = runner.invoke(app, ["series", "--dyad", "CHN", "VNM", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all(len(r["period"]) == 7 for r in rows)
    result = runner.invoke(
        app, ["series", "--dyad", "CHN", "VNM", "--freq", "quarter", "--db", db, "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert table and all("-Q" in r["period"] for r in table) and "coop_conflict_index" in table[0]
    result = runner.invoke(app, ["series", "--dyad", "CHN", "VNM", "--db", db])
    assert result.exit_code == 0 and "CHN-VNM by month" in result.output


def test_series_rejects_bad_freq_and_format(db: str) -> None:
    result = runner.invoke(app, ["series", "--dyad", "CHN", "VNM", "--freq", "week", "--db", db])
    assert result.exit_code != 0 and "freq" in result.output
    result = runner.invoke(app, ["series", "--dyad", "CHN", "VNM", "-f", "xml", "--db", db])
    assert result.exit_code != 0 and "format" in result.output
    with opened_store(db) as store, pytest.raises(QueryError):
        # "day" is a valid freq since the API and the CLI share dyad_series; "week" never was
        dyad_series(store, ("CHN", "VNM"), freq="week")
