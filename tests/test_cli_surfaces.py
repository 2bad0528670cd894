"""The same answers on every surface (CLI, REST API, Python, report) and strict CLI filters.

Built on the hand-made sample store (fixed records, no model), with the two CONSULT reports of
one meeting put in one cluster and one negated AGREE ("did not sign") beside them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import test_api_support as support
from comity.cli import app
from comity.query import dyad_events, dyad_series
from comity.store.duckdb import DuckDBStore
from test_api_support import Client

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("hand") / "hand.duckdb")
    support.write_hand_made(db)
    store = DuckDBStore(db)
    try:
        store.set_event_clusters({"hand-01-e0": "meeting", "hand-01-e1": "meeting"})
    finally:
        store.close()
    return db


@pytest.fixture()
def client(hand_db: str) -> Iterator[Client]:
    from comity.api import create_app
    from comity.config import load_settings

    store = DuckDBStore(hand_db, read_only=True)
    try:
        yield Client(create_app(load_settings({"db": hand_db}, environ={}), store, token=""))
    finally:
        store.close()


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _jsonl(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


# -- 1 and 2: one series, without events that did not happen ----------------------------------


@pytest.mark.parametrize("freq", ["month", "year"])
def test_series_agrees_on_cli_api_and_python(hand_db: str, client: Client, freq: str) -> None:
    store = DuckDBStore(hand_db, read_only=True)
    try:
        python = dyad_series(store, ("CHN", "VNM"), freq=freq)
    finally:
        store.close()
    code, output = _cli("series", "--dyad", "CHN", "VNM", "--freq", freq, "--db", hand_db, "-f", "jsonl")
    assert code == 0, output
    response = client.get("/api/series", params={"dyad": "CHN-VNM", "freq": freq})
    assert response.status_code == 200, response.text
    assert _jsonl(output) == python["periods"] == response.json()["periods"]
    assert response.json() == python


def test_series_skips_negated_events_and_counts_clusters_once(hand_db: str) -> None:
    store = DuckDBStore(hand_db, read_only=True)
    try:
        periods = {p["period"]: p for p in dyad_series(store, ("CHN", "VNM"))["periods"]}
    finally:
        store.close()
    # two reports of one meeting = one event; "did not sign" is no cooperation
    march = periods["2025-03"]
    assert march["events"] == 1 and march["verbal_cooperation"] == 1
    assert march["goldstein_mean"] == 1.0 and march["coop_conflict_index"] == 1.0
    october = periods["2024-10"]
    assert october["events"] == 2 and october["verbal_conflict"] == 2 and october["goldstein_mean"] == -3.0


def test_timeline_leaves_out_negated_events(hand_db: str, client: Client) -> None:
    store = DuckDBStore(hand_db, read_only=True)
    try:
        clusters = dyad_events(store, ("CHN", "VNM"))
    finally:
        store.close()
    assert "AGREE" not in {c["type"] for c in clusters} and len(clusters) == 3
    code, output = _cli("timeline", "--dyad", "CHN", "VNM", "--db", hand_db, "-f", "jsonl")
    assert code == 0, output
    events = [r for r in _jsonl(output) if r["section"] == "event"]
    assert "AGREE" not in {e["type"] for e in events} and len(events) == 3
    api = client.get("/api/timeline", params={"dyad": "CHN-VNM"}).json()
    assert "AGREE" not in {e["type"] for e in api["items"]}


def test_report_counts_match_the_series(hand_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, output = _cli("report", "--dyad", "CHN", "VNM", "--out", str(out), "--db", hand_db)
    assert code == 0, output
    html = out.read_text(encoding="utf-8")
    # the header counts what the chart and the consolidated timeline count: real-world events
    assert "3 events (one per cluster" in html and "verbal cooperation" in html
    assert "(None)" not in html


# -- 3: strict filters ----------------------------------------------------------------------


def test_events_unknown_type_is_a_usage_error_listing_types(hand_db: str) -> None:
    code, output = _cli("events", "--type", "FOO", "--db", hand_db)
    assert code == 2, output
    assert "FOO" in output and "CONSULT" in output and "STATEMENT" in output


def test_events_several_types_and_excluded_types(hand_db: str) -> None:
    code, output = _cli("events", "--type", "CONSULT", "--type", "accuse", "--db", hand_db, "-f", "jsonl")
    assert code == 0, output
    assert {e["type"] for e in _jsonl(output)} == {"CONSULT", "ACCUSE"}
    code, output = _cli("events", "--exclude-type", "CONSULT", "--db", hand_db, "-f", "jsonl")
    assert code == 0, output
    types = {e["type"] for e in _jsonl(output)}
    assert "CONSULT" not in types and {"AGREE", "ACCUSE", "REJECT"} <= types


def test_events_modality_option(hand_db: str) -> None:
    code, output = _cli("events", "--modality", "negated", "--db", hand_db, "-f", "jsonl")
    assert code == 0, output
    assert [e["type"] for e in _jsonl(output)] == ["AGREE"]
    code, output = _cli("events", "--modality", "maybe", "--db", hand_db)
    assert code == 2 and "asserted" in output


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["--dyad", "CHN", "XXX"], "XXX"),
        (["--since", "2023-13"], "2023-13"),
        (["--until", "2023-02-30"], "2023-02-30"),
        (["--since", "2023-1"], "2023-1"),
    ],
)
def test_events_bad_values_exit_2(hand_db: str, args: list[str], mentions: str) -> None:
    code, output = _cli("events", *args, "--db", hand_db)
    assert code == 2, output
    assert mentions in output


@pytest.mark.parametrize(
    "url",
    [
        "/api/events?since=2023-13",
        "/api/events?until=2023-02-30",
        "/api/events?type=FOO",
        "/api/events?dyad=CHN-XXX",
        "/api/series?dyad=CHN-XXX",
        "/api/timeline?dyad=CHN-VNM&since=2023-13",
    ],
)
def test_api_bad_filter_values_are_400(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"ok", "status", "error", "errors"}


def test_api_events_several_types(client: Client) -> None:
    response = client.get("/api/events", params=[("type", "CONSULT"), ("type", "ACCUSE"), ("limit", "500")])
    assert response.status_code == 200, response.text
    assert {e["type"] for e in response.json()["items"]} == {"CONSULT", "ACCUSE"}


# -- 4: this run's rejections; a mistyped path ---------------------------------------------------


def test_run_summary_shows_only_this_runs_rejections(tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.txt").write_bytes(b"\x00\x01\x02" * 40)
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(
        "Talks in Hanoi\n\nVietnam and China held talks on trade.\n", encoding="utf-8"
    )
    code, _ = _cli("ingest", str(bad), "--db", db)
    assert code == 126
    code, output = _cli("ingest", str(good), "--db", db)
    assert code == 0, output
    assert "0 rejected" in output and "Rejected inputs" not in output and "broken.txt" not in output


def test_run_missing_path_is_a_usage_error_before_anything_is_created(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    code, output = _cli("run", str(tmp_path / "articlez"), "--db", str(db))
    assert code == 2, output
    assert "articlez" in output and "does not exist" in output
    assert not db.exists()


# -- 7: exit codes ----------------------------------------------------------------------------------


def test_missing_database_is_a_usage_error(tmp_path: Path) -> None:
    code, output = _cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "comity run" in output


def test_closed_stdout_exits_quietly(hand_db: str) -> None:
    command = [sys.executable, "-m", "comity", "events", "--db", hand_db, "--format", "jsonl"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head -0`: the reader is gone before the first line
    with proc.stderr:
        stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


@pytest.mark.parametrize(
    ("name", "code"), [("01_wang_yi_hanoi_steering_committee.txt", 0), ("empty.txt", 126)]
)
def test_closed_stdout_keeps_the_run_exit_code(tmp_path: Path, name: str, code: int) -> None:
    """`comity run ... | head -1`: the summary table hits a closed pipe; the exit code is still the
    run's (rich's own handler would exit 1, as if inputs had been rejected)."""
    source = REPO / "examples" / "articles" / name
    if name == "empty.txt":
        source = tmp_path / name
        source.write_text("", encoding="utf-8")
    command = [sys.executable, "-m", "comity", "run", str(source), "--db", str(tmp_path / "r.duckdb")]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    with proc.stderr:
        stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == code, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_closed_stdout_on_a_table_exits_quietly(hand_db: str) -> None:
    command = [sys.executable, "-m", "comity", "events", "--db", hand_db]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    with proc.stderr:
        stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr
