"""Data for analysis tools: flat event rows exported for Stata, R and pandas, as the codebook says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import test_api_support as support
from comity.cli import app
from comity.query import summary
from comity.query.flat import COLUMN_NAMES, COLUMNS
from comity.store.duckdb import DuckDBStore

REPO = Path(__file__).resolve().parents[1]
CODEBOOK = REPO / "docs" / "codebook.md"
sample_db = support.sample_db
pd = pytest.importorskip("pandas", reason="the analysis extra (pandas) is not installed")


def _codebook_columns() -> dict[str, str]:
    rows = re.findall(r"^\| `([a-z_]+)` \| (string|integer|float|boolean) \|", CODEBOOK.read_text(), re.M)
    return dict(rows)


def test_codebook_documents_every_exported_column_with_its_type() -> None:
    assert _codebook_columns() == {c.name: c.type for c in COLUMNS}


def _export(db: str, fmt: str, out: Path) -> str:
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def test_stata_and_parquet_exports_of_the_demo_store_load_in_pandas_with_the_codebook_columns(
    sample_db: str, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    _export(sample_db, "stata", tmp_path)
    _export(sample_db, "parquet", tmp_path)
    stata = pd.read_stata(tmp_path / "event_rows.dta")
    parquet = pd.read_parquet(tmp_path / "event_rows.parquet")
    with DuckDBStore(sample_db, read_only=True) as store:
        stored = store.fetch("SELECT count(*) AS n FROM events")[0]["n"]
        counted = summary(store)["events"]
    for frame in (stata, parquet):
        assert tuple(frame.columns) == COLUMN_NAMES
        assert len(frame) == stored
        # the summary's number is the rows flagged as counted; the rest are near-duplicate reports
        # or reports with a side the KB could not code
        assert int(frame["counted"].sum()) == counted
        left_out = frame.loc[frame["counted"] == 0]
        assert ((left_out["near_duplicate_of"].fillna("") != "") | (left_out["dyadic"] == 0)).all()
        assert (frame.loc[frame["dyadic"] == 0, "counted"] == 0).all()
    assert set(parquet["source_country"].dropna()) <= set(stata["source_country"])
    assert parquet["year"].dtype == "Int64" and parquet["counted"].dtype == bool
    assert set(parquet["quad_class"].dropna()) <= {
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
    }


def test_export_names_actors_and_their_country_in_plain_columns(sample_db: str, tmp_path: Path) -> None:
    _export(sample_db, "csv", tmp_path)
    rows = pd.read_csv(tmp_path / "event_rows.csv")
    wang = rows[rows["source_name"] == "Wang Yi"]
    assert len(wang) >= 1
    assert set(wang["source_country"]) == {"CHN"} and set(wang["source_country_name"]) == {"China"}
    assert (tmp_path / "events.csv").is_file(), "csv and parquet still write every stored table"
    placed = rows[rows["place_name"] == "Malacañang Palace"]  # a packaged gazetteer place
    assert len(placed) >= 1 and set(placed["place_country"]) == {"PHL"}
    assert placed["latitude"].between(14, 15).all() and placed["longitude"].between(120, 122).all()


def test_to_pandas_gives_the_exported_rows(sample_db: str) -> None:
    import comity

    frame = comity.to_pandas(sample_db, dyad=("CHN", "VNM"))
    assert tuple(frame.columns) == COLUMN_NAMES and len(frame) >= 1
    assert frame.apply(lambda r: {r.source_country, r.target_country} == {"CHN", "VNM"}, axis=1).all()
    with DuckDBStore(sample_db, read_only=True) as store:
        assert len(comity.events_df(store)) >= len(frame)


def test_export_rejects_an_unknown_format(sample_db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "--db", sample_db, "--format", "xlsx", "--out", str(tmp_path)]
    )
    assert result.exit_code != 0 and "stata" in result.output


def test_one_event_count_across_summary_events_listing_api_and_export(sample_db: str) -> None:
    """Raw SQL counts every report; every view counts those outside near-duplicate articles."""
    from comity.query import EventFilter, EventQuery, events, find_events
    from comity.query.flat import event_rows

    with DuckDBStore(sample_db, read_only=True) as store:
        raw = store.fetch("SELECT count(*) AS n FROM events")[0]["n"]
        totals = summary(store)
        listed = len(events(store, EventFilter()))
        api_total = find_events(store, EventQuery(limit=1)).total
        rows = event_rows(store)
    assert totals["events"] == listed == api_total == sum(r["counted"] for r in rows)
    assert totals["events"] + totals["near_duplicate_events"] + totals["uncoded_events"] == raw == len(rows)
    assert totals["uncoded_events"] > 0, "the demo has reports with an uncoded side"


def test_run_summary_says_why_the_store_holds_more_reports_than_events(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.duckdb")
    result = CliRunner().invoke(app, ["run", str(support.EXAMPLES), "--db", db])
    output = " ".join(result.output.split())  # the console wraps long lines
    found = re.search(r"; (\d+) event reports,", output)
    linked = re.search(
        r"Store: .*?, (\d+) events \(\+(\d+) reports in near-duplicate articles: linked, not counted\)"
        r" \(\+(\d+) with a side the KB could not code: see --include-uncoded\)",
        output,
    )
    if found is None or linked is None:
        pytest.fail(f"the run summary does not account for near duplicates and uncoded sides:\n{output}")
    assert sum(int(linked.group(n)) for n in (1, 2, 3)) == int(found.group(1))
