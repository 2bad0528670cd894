"""Whole `comity run` against a bare spaCy process on the same files: both wall times, as a ratio. JSON out.

    .venv/bin/python bench/whole_run.py                  # 40 and 320 documents, 1 worker and all cores
    .venv/bin/python bench/whole_run.py --docs 40 --repeats 3

"Bare" is what a user would write without comity: a fresh Python process that loads the same
spaCy model, reads the same .txt files and runs ``nlp.pipe`` over them (``n_process`` = cores
for the all-cores figure). "Whole" is ``comity run FOLDER --workers N`` into a fresh DuckDB
file: ingest, clean, parse, extract, store, consolidate. Both are timed as whole processes, so
start-up (imports, model and actor-KB load) counts for both. A ratio is bare time over whole
time (1.0: comity costs nothing over the parse); each figure is the best of ``--repeats``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus, example_articles
from output import write_results

from comity.config import load_settings
from comity.run.executors import resolve_workers

HERE = Path(__file__).resolve().parent
COMITY = Path(sys.executable).with_name("comity")
BARE = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
for _doc in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[3])):
    pass
"""


def _best(command: list[str], repeats: int, fresh: Path | None = None) -> float:
    best = float("inf")
    for _ in range(repeats):
        if fresh is not None and fresh.exists():
            fresh.unlink()
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):  # comity run exits 1 when some input was rejected
            raise RuntimeError(f"{command[:3]} failed: {done.stderr[-2000:]}")
        best = min(best, elapsed)
    return best


def compare(corpus: Path, workers: int, repeats: int, db: Path) -> dict[str, Any]:
    """Bare and whole wall times on ``corpus`` with ``workers`` processes."""
    model = load_settings(environ={}).model
    bare = _best([sys.executable, "-c", BARE, model, str(corpus), str(workers)], repeats)
    command = [str(COMITY), "run", str(corpus), "--db", str(db), "-q", "--workers", str(workers)]
    whole = _best(command, repeats, fresh=db)
    return {"bare_s": round(bare, 2), "whole_s": round(whole, 2), "ratio": round(bare / whole, 3)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[40, 320], help="corpus sizes in documents")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(HERE / "whole_run.json"), help="JSON file to write")
    opts = parser.parse_args(argv)
    articles = example_articles(load_settings(environ={}))
    cores = resolve_workers(0)
    results: dict[str, Any] = {
        "command": " ".join(["python bench/whole_run.py", *(sys.argv[1:] if argv is None else argv)]),
        "cpus": os.cpu_count(),
        "cores_used": cores,
    }
    with tempfile.TemporaryDirectory(prefix="comity-whole-") as name:
        tmp = Path(name)
        for docs in opts.docs:
            corpus = tmp / f"corpus_{docs}"
            copies = -(-docs // len(articles))
            build_corpus(corpus, articles, copies)
            for extra in sorted(corpus.glob("*.txt"))[docs:]:
                extra.unlink()
            kept = sorted(corpus.glob("*.txt"))
            words = sum(len(p.read_text(encoding="utf-8").split()) for p in kept)
            row: dict[str, Any] = {"docs": len(kept), "words": words}
            row["workers_1"] = compare(corpus, 1, opts.repeats, tmp / "w1.duckdb")
            if cores > 1:
                row[f"workers_{cores}"] = compare(corpus, cores, opts.repeats, tmp / "wn.duckdb")
            results[f"docs_{docs}"] = row
    return write_results(results, opts.out)


if __name__ == "__main__":
    main()
