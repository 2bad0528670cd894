"""Crash safety: SIGKILL `comity run` at random points, re-run, and end where a clean run ends.

Each batch is one transaction, so a killed run leaves whole batches or nothing; re-running skips
what was committed and analyses the rest. The store then holds the same article, mention, time,
event, fact and rejection ids as an uninterrupted run, with no duplicate row and no partial
document. The kill points are drawn from a seeded generator (so a failure can be replayed);
nothing here asserts on time.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from comity.store.duckdb import DuckDBStore

SEED = 20240303
KILLS = 5
TABLES = ("articles", "mentions", "times", "events", "facts", "rejections")

SOURCES = [
    ("Chinese Foreign Minister Wang Yi", "China"),
    ("Vietnamese Prime Minister Pham Minh Chinh", "Vietnam"),
    ("Japanese Prime Minister Fumio Kishida", "Japan"),
    ("Philippine President Ferdinand Marcos Jr.", "the Philippines"),
    ("Indonesian President Joko Widodo", "Indonesia"),
    ("Malaysian Prime Minister Anwar Ibrahim", "Malaysia"),
]
ACTIONS = [
    "met {target} in {place} on {day} to discuss trade and investment",
    "accused {target} of violating its sovereignty near {place} on {day}",
    "signed an agreement with {target} on rail links in {place} on {day}",
    "called for dialogue with {target} after a maritime incident near {place} on {day}",
    "rejected a proposal from {target} at talks in {place} on {day}",
]
PLACES = ["Hanoi", "Beijing", "Tokyo", "Manila", "Jakarta", "Kuala Lumpur", "Singapore"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
CLOSINGS = [
    "Officials said the {n} meetings planned for the year would continue.",
    "Analysts expect {n} further rounds of negotiations before the summit.",
    "The ministry said {n} agreements were under review.",
    "Local media reported that {n} delegates attended the session.",
]


def write_corpus(folder: Path, count: int = 30) -> Path:
    """``count`` distinct small articles from templates, plus one exact copy and one binary file."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source, _ = SOURCES[i % len(SOURCES)]
        _, target = SOURCES[(i * 7 + 1) % len(SOURCES)]
        if target in source:
            _, target = SOURCES[(i + 2) % len(SOURCES)]
        place, day = PLACES[i % len(PLACES)], DAYS[(i * 5) % len(DAYS)]
        action = ACTIONS[(i * 3) % len(ACTIONS)].format(target=target, place=place, day=day)
        closing = CLOSINGS[i % len(CLOSINGS)].format(n=i + 2)
        text = (
            f"Report number {i} from {place}\n\n"
            f"{place.upper()}, March {i % 28 + 1}, 2024 - {source} {action}. {closing}\n"
        )
        (folder / f"article_{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "article_99_copy.txt").write_bytes((folder / "article_03.txt").read_bytes())
    (folder / "broken.txt").write_bytes(b"%PDF-1.4 not an article")
    return folder


def _command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "comity", "run", str(corpus), "--db", str(db)]


def _run_to_end(corpus: Path, db: Path) -> int:
    args = [*_command(corpus, db), "--workers", "1", "--batch-size", "2", "-q"]
    done = subprocess.run(args, capture_output=True, text=True, env=_env(), check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COMITY_DB", None)
    return env


def _kill_after_commits(corpus: Path, db: Path, commits: int) -> bool:
    """Start a run and SIGKILL it once it has committed ``commits`` transactions.

    A commit shows as growth of DuckDB's write-ahead log (``DB.wal``), polled every few
    milliseconds, so the kill lands between or inside later writes whatever the machine's
    speed. With ``commits=0`` it is killed during start-up. True when the kill landed before
    the run ended of itself.
    """
    args = [*_command(corpus, db), "--workers", "1", "--batch-size", "2", "-q"]
    wal = Path(f"{db}.wal")
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    seen, size = 0, _size(wal)
    while process.poll() is None and seen < commits:
        time.sleep(0.002)
        now = _size(wal)
        seen, size = seen + (now > size), now
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _snapshot(db: Path) -> dict[str, Any]:
    store = DuckDBStore(str(db), read_only=True)
    try:
        ids = {t: [r["id"] for r in store.fetch(f"SELECT id FROM {t} ORDER BY id")] for t in TABLES}
        articles = store.fetch(
            "SELECT id, name, near_duplicate_of, pipeline_version, text FROM articles ORDER BY id"
        )
        per_doc = store.fetch(
            "SELECT a.id, count(e.id) AS events FROM articles a LEFT JOIN events e ON e.doc_id = a.id "
            "GROUP BY a.id ORDER BY a.id"
        )
        last = store.fetch("SELECT inputs, stored, duplicates, rejected FROM runs ORDER BY finished DESC")[0]
    finally:
        store.close()
    return {"ids": ids, "articles": articles, "per_doc": per_doc, "last_run": last}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_reliability_sigkill_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    clean_db, crashed_db = tmp_path / "clean.duckdb", tmp_path / "crashed.duckdb"
    assert _run_to_end(corpus, clean_db) == 1  # one binary input is rejected
    expected = _snapshot(clean_db)
    assert len(expected["ids"]["articles"]) == 30
    assert len(expected["ids"]["events"]) >= 20

    rng = random.Random(SEED)
    killed = 0
    plan = [0] + [rng.randint(1, 5) for _ in range(KILLS - 1)]  # start-up, then after k commits
    for commits in plan:
        killed += _kill_after_commits(corpus, crashed_db, commits)
    wal_left = Path(f"{crashed_db}.wal").exists()
    assert _run_to_end(corpus, crashed_db) == 1  # re-opening recovers any WAL left behind
    resumed = _snapshot(crashed_db)

    assert killed >= 2, f"kills after {plan} commits: too few landed while the run was going"
    assert resumed["ids"] == expected["ids"]
    for table, ids in resumed["ids"].items():
        assert len(ids) == len(set(ids)), f"duplicate rows in {table}"
    resumed_articles = [{k: v for k, v in a.items() if k != "pipeline_version"} for a in resumed["articles"]]
    expected_articles = [
        {k: v for k, v in a.items() if k != "pipeline_version"} for a in expected["articles"]
    ]
    assert resumed_articles == expected_articles
    assert resumed["per_doc"] == expected["per_doc"]  # no partial document
    # the final run's own counts still add up
    last = resumed["last_run"]
    assert last["inputs"] == last["stored"] + last["duplicates"] + last["rejected"] == 32
    print(f"crash injection: kills after {plan} commits, {killed} mid-run; WAL left: {wal_left}")
