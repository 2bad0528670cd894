"""Single long documents and start-up: time per word and peak memory by document size. JSON out.

    .venv/bin/python bench/long_docs.py                       # 10 KB, 100 KB, 1 MB; a few minutes
    .venv/bin/python bench/long_docs.py --sizes 10000 100000  # quicker

Each size is measured in a fresh process (its peak RSS is that document's alone): the process
loads the model, analyses a 5 KB document to warm up, then times ``Pipeline.analyse`` on one
document of the size, built from rewritten copies of examples/articles (see corpus.py). The
figure of merit is each size's time per word over the 10 KB document's (issue target: <= 1.3).
``comity --help`` start-up is the median of five fresh processes.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import example_articles, rewrite
from output import write_results

from comity.config import load_settings
from comity.extract.actors.kb import load_kb
from comity.pipeline import Pipeline
from comity.records import Article, SourceItem

HERE = Path(__file__).resolve().parent
COMITY = Path(sys.executable).with_name("comity")
SIZES = (10_000, 100_000, 1_000_000)


def long_text(chars: int) -> str:
    """``chars`` characters of news prose: rewritten copies of the example articles, cut at a paragraph."""
    articles = example_articles(load_settings(environ={}))
    parts: list[str] = []
    total, variant = 0, 0
    while total < chars:
        for article in articles:
            piece = rewrite(article.text, variant)
            parts.append(piece)
            total += len(piece) + 2
        variant += 1
    text = "\n\n".join(parts)[:chars]
    return text[: text.rfind("\n\n")] if "\n\n" in text[chars // 2 :] else text


def measure_one(chars: int) -> dict[str, Any]:
    """Analyse one document of ``chars`` characters in this process; seconds, words, peak RSS."""
    settings = load_settings({"db": ":memory:"}, environ={})
    pipeline = Pipeline(settings, load_kb())
    text = long_text(chars)

    def article(name: str, body: str) -> Article:
        built = pipeline.clean(SourceItem(name=name, content=body, fmt="text", date="2024-05-01"))
        if not isinstance(built, Article):
            raise RuntimeError(f"the {name} document was rejected: {built}")
        return built

    pipeline.analyse([article("warm-up.txt", text[:5000])])
    doc = article(f"long_{chars}.txt", text)
    started = time.perf_counter()
    (result,) = pipeline.analyse([doc])
    seconds = time.perf_counter() - started
    words = len(doc.text.split())
    return {
        "chars": len(doc.text),
        "words": words,
        "seconds": round(seconds, 3),
        "us_per_word": round(seconds / words * 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "events": len(getattr(result, "events", ())),
    }


def help_startup(repeats: int = 5) -> dict[str, Any]:
    """Wall time of ``comity --help`` in fresh processes (median and spread)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([str(COMITY), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="document sizes in characters"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size
    parser.add_argument("--out", default=str(HERE / "long_docs.json"), help="JSON file to write")
    opts = parser.parse_args(argv)
    if opts.one:
        print(json.dumps(measure_one(opts.one)))
        return {}
    sizes: dict[str, Any] = {}
    for chars in sorted(opts.sizes):
        child = [sys.executable, __file__, "--one", str(chars)]
        done = subprocess.run(child, capture_output=True, text=True, check=True)
        sizes[str(chars)] = json.loads(done.stdout.strip().splitlines()[-1])
    smallest = sizes[str(min(opts.sizes))]["us_per_word"]
    for figures in sizes.values():
        figures["per_word_vs_smallest"] = round(figures["us_per_word"] / smallest, 3)
    results = {
        "command": " ".join(["python bench/long_docs.py", *(sys.argv[1:] if argv is None else argv)]),
        "single_documents": sizes,
        "help_startup": help_startup(),
    }
    return write_results(results, opts.out)


if __name__ == "__main__":
    main()
