"""comity benchmarks: throughput vs bare spaCy, stage shares, scaling, peak memory. JSON out.

    .venv/bin/python bench/run_bench.py --quick            # ~2-3 minutes on 2 cores
    .venv/bin/python bench/run_bench.py --out bench/results.json

Figures go to stdout and to ``--out`` (default bench/results.json). Every corpus is synthetic,
built from examples/articles by light rewriting in a temporary folder (see corpus.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus, example_articles, rewrite
from output import write_results

import comity.pipeline as pipeline_module
from comity.config import load_settings
from comity.extract.actors.kb import load_kb
from comity.pipeline import Pipeline
from comity.records import Article
from comity.run.executors import resolve_workers

HERE = Path(__file__).resolve().parent
COMITY = Path(sys.executable).with_name("comity")


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def _rate(docs: int, words: int, seconds: float) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "docs_per_s": round(docs / seconds, 2),
        "words_per_s": round(words / seconds),
    }


def throughput(articles: list[Article], batch_size: int, repeats: int) -> dict[str, Any]:
    """Full pipeline vs a bare ``nlp.pipe`` over the same texts and model, best of ``repeats``."""
    pipeline = Pipeline(load_settings({"batch_size": batch_size}, environ={}), load_kb())
    nlp, texts = pipeline.nlp, [a.text for a in articles]
    pipeline.analyse(articles[:batch_size])  # warm up: coder, knowledge base, vocab
    bare = full = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        bare = min(bare, time.perf_counter() - started)
        started = time.perf_counter()
        for i in range(0, len(articles), batch_size):
            pipeline.analyse(articles[i : i + batch_size])
        full = min(full, time.perf_counter() - started)
    docs, words = len(articles), _words(articles)
    return {
        "docs": docs,
        "words": words,
        "bare_nlp_pipe": _rate(docs, words, bare),
        "full_pipeline": _rate(docs, words, full),
        "ratio_full_to_bare": round(bare / full, 3),
    }


@contextmanager
def _timed(owner: Any, attribute: str, totals: dict[str, float], key: str) -> Iterator[None]:
    original: Callable[..., Any] = getattr(owner, attribute)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            result = original(*args, **kwargs)
            return list(result) if key != "events" else result
        finally:
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - started

    setattr(owner, attribute, wrapper)
    try:
        yield
    finally:
        setattr(owner, attribute, original)


def stage_shares(articles: list[Article], batch_size: int) -> dict[str, Any]:
    """Share of the full pipeline's time spent in each extraction stage (the rest: the parse)."""
    pipeline = Pipeline(load_settings({"batch_size": batch_size}, environ={}), load_kb())
    pipeline.analyse(articles[:batch_size])
    totals: dict[str, float] = {}
    with (
        _timed(pipeline_module, "mentions_from_doc", totals, "actors_mentions"),
        _timed(pipeline_module, "find_time_expressions", totals, "time_expressions"),
        _timed(pipeline.coder, "code", totals, "events"),
    ):
        started = time.perf_counter()
        for i in range(0, len(articles), batch_size):
            pipeline.analyse(articles[i : i + batch_size])
        total = time.perf_counter() - started
    shares = {k: round(v / total, 3) for k, v in sorted(totals.items())}
    shares["parse_and_rest"] = round(1 - sum(shares.values()), 3)
    return {"total_s": round(total, 3), "shares": shares}


def cli_run(corpus: Path, db: Path, *args: str) -> dict[str, Any]:
    """``comity run`` in a subprocess; its run report (from the store) and wall time."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(COMITY), "run", str(corpus), "--db", str(db), "-q", *args], capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"comity run {args} failed: {done.stderr[-2000:]}")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    stored, timings = con.execute("SELECT stored, timings FROM runs").fetchone() or (0, "{}")
    con.close()
    return {"stored": stored, "wall_s": round(wall, 3), "run_s": json.loads(timings)["total_s"]}


def scaling(corpus: Path, docs: int, words: int, tmp: Path) -> dict[str, Any]:
    """The same corpus with 1 worker, all cores, and a 2-worker Dask LocalCluster."""
    cores = resolve_workers(0)
    out: dict[str, Any] = {"cores": cores, "docs": docs, "words": words}
    for name, args in (
        ("workers_1", ["--workers", "1"]),
        (f"workers_all_{cores}", ["--workers", "0"]),
        ("dask_local_2", ["--engine", "dask", "--workers", "2"]),
    ):
        result = cli_run(corpus, tmp / f"{name}.duckdb", *args)
        result.update(_rate(docs, words, result["run_s"]))
        out[name] = result
    out["speedup_all_vs_1"] = round(out["workers_1"]["run_s"] / out[f"workers_all_{cores}"]["run_s"], 3)
    out["speedup_dask2_vs_1"] = round(out["workers_1"]["run_s"] / out["dask_local_2"]["run_s"], 3)
    return out


def peak_rss(
    corpora: dict[str, tuple[Path, int]], tmp: Path, workers: int, repeats: int = 3
) -> dict[str, Any]:
    """Peak RSS of a whole ``comity run`` (driver + workers) per corpus size, each in a subprocess.

    The median of ``repeats`` fresh runs: one run's peak varies by about 5% with allocator luck.
    """
    out: dict[str, Any] = {"workers": workers, "repeats": repeats}
    for size, (corpus, docs) in corpora.items():
        peaks = sorted(_one_peak(corpus, tmp / f"rss_{size}_{i}.duckdb", workers) for i in range(repeats))
        out[size] = {"docs": docs, "peak_rss_mb": peaks[len(peaks) // 2], "all_mb": peaks}
    first, last = next(iter(corpora)), list(corpora)[-1]
    out[f"growth_{last}_vs_{first}"] = round(out[last]["peak_rss_mb"] / out[first]["peak_rss_mb"] - 1, 3)
    return out


def _one_peak(corpus: Path, db: Path, workers: int) -> float:
    code = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=False, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    args = [str(COMITY), "run", str(corpus), "--db", str(db), "-q", "--workers", str(workers)]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return round(int(done.stdout.strip()) / 1024, 1)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora (a few minutes on 2 cores)")
    parser.add_argument("--out", default=str(HERE / "results.json"), help="JSON file to write")
    parser.add_argument("--batch-size", type=int, default=16)
    opts = parser.parse_args(argv)
    unit = 2 if opts.quick else 4  # copies of the example articles in a "1x" corpus
    settings = load_settings(environ={})
    articles = example_articles(settings)
    variants = [
        Article(id=f"{v}-{a.id}", name=a.name, text=rewrite(a.text, v), fmt="text")
        for v in range(unit * 4)
        for a in articles
    ]
    results: dict[str, Any] = {
        "command": "python bench/run_bench.py" + (" --quick" if opts.quick else ""),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": Pipeline(settings, load_kb()).versions(),
        "corpus_unit": {"example_articles": len(articles), "copies": unit, "words": _words(articles) * unit},
    }
    results["throughput_1_core"] = throughput(variants, opts.batch_size, repeats=5)
    results["stage_shares"] = stage_shares(variants, opts.batch_size)
    with tempfile.TemporaryDirectory(prefix="comity-bench-") as name:
        tmp = Path(name)
        corpora = {}
        for size in (1, 4, 16):
            corpus = tmp / f"corpus_{size}x"
            docs, words = build_corpus(corpus, articles, unit * size)
            corpora[f"{size}x"] = (corpus, docs, words)
        # Scaling on the largest corpus: each worker's ~2 s model load is a fixed cost that a
        # real corpus amortises; on a tiny one it would measure start-up, not throughput.
        results["scaling"] = scaling(corpora["16x"][0], corpora["16x"][1], corpora["16x"][2], tmp)
        rss_corpora = {k: (v[0], v[1]) for k, v in corpora.items()}
        results["peak_rss"] = peak_rss(rss_corpora, tmp, workers=1)
    return write_results(results, opts.out)


if __name__ == "__main__":
    main()
