"""Cost of the timex stage relative to the spaCy pass, on examples/articles. JSON on stdout.

    .venv/bin/python bench/timex_share.py [--repeats 5] [--copies 4]

Both stages run over the same cleaned example articles (``--copies`` light rewrites of each, see
corpus.py): the spaCy pass is ``nlp.pipe`` with the pipeline's model; the timex stage is exactly the
pipeline's call (``find_time_expressions`` with sentence spans and the ``lexical_future`` tense oracle,
sentence spans taken from the parsed docs beforehand). Best of ``--repeats`` for each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import example_articles, rewrite

from comity.config import load_settings
from comity.extract.actors.kb import load_kb
from comity.extract.time.find import find_time_expressions, lexical_future
from comity.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    settings = load_settings({}, environ={})
    base = example_articles(settings)
    articles = [
        (a.text if i == 0 else rewrite(a.text, i), a.publication_date)
        for a in base
        for i in range(args.copies)
    ]
    nlp = Pipeline(settings, load_kb()).nlp
    texts = [text for text, _ in articles]
    docs = list(nlp.pipe(texts[:2]))  # warm up
    spacy_s = timex_s = float("inf")
    for _ in range(args.repeats):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts))
        spacy_s = min(spacy_s, time.perf_counter() - started)
    spans = [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs]
    found = 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        found = 0
        for (text, date), sentences in zip(articles, spans, strict=True):
            found += len(find_time_expressions(text, date, sentences=sentences, future=lexical_future(text)))
        timex_s = min(timex_s, time.perf_counter() - started)
    words = sum(len(t.split()) for t in texts)
    print(
        json.dumps(
            {
                "docs": len(texts),
                "words": words,
                "expressions": found,
                "spacy_seconds": round(spacy_s, 4),
                "timex_seconds": round(timex_s, 4),
                "timex_share_of_spacy": round(timex_s / spacy_s, 4),
                "target": "< 0.10",
                "repeats": args.repeats,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
