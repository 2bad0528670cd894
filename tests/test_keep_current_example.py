"""The README's "Keep it current" example works as written, against the repository's own fixture server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app

REPO = Path(__file__).resolve().parents[1]
FEED = REPO / "examples" / "feed"
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.fixture()
def example_site() -> Iterator[str]:
    """scripts/feed_fixture_server.py on a free port; yields its base URL."""
    server = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "feed_fixture_server.py"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.startswith("serving examples/feed on http://127.0.0.1:"), line
        yield line.split()[3]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def test_readme_documents_the_example_as_the_repository_has_it() -> None:
    assert "python scripts/feed_fixture_server.py &" in README
    assert "comity watch examples/feed/feeds.txt --once --db live.duckdb" in README
    assert "--alert examples/feed/alerts.toml --alert-log alerts.jsonl" in README
    assert (FEED / "feeds.txt").read_text(encoding="utf-8").strip().endswith("http://127.0.0.1:8765/feed.xml")


@pytest.mark.slow
def test_keep_it_current_example_runs_offline(example_site: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"  # examples/feed/feeds.txt, pointed at the port the server got
    feeds.write_text(
        (FEED / "feeds.txt").read_text(encoding="utf-8").replace("http://127.0.0.1:8765", example_site)
    )
    log = tmp_path / "alerts.jsonl"
    args = ["watch", str(feeds), "--once", "--db", str(tmp_path / "live.duckdb"), "--workers", "1", "-q"]
    args += ["--alert", str(FEED / "alerts.toml"), "--alert-log", str(log)]
    runner = CliRunner()
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert (
        "3 new of 3 entries = 3 stored + 0 duplicates + 0 failed" in first.output
        and "1 alerts" in first.output
    )
    second = runner.invoke(app, args)
    assert "(1 unchanged, 0 failed, 0 backing off): 0 new of 0 entries" in second.output
    (alert,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert alert["rule"] == "China-Vietnam force" and alert["url"] == f"{example_site}/news/ramming.html"
