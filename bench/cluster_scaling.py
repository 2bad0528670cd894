"""Time event clustering on 1x, 4x and 16x a stored corpus, and adding one article incrementally.

    comity run ../shared/corpus/realnews/news.dev.jsonl ../shared/corpus/realnews/readouts.dev.jsonl --db /tmp/rn.duckdb
    python bench/cluster_scaling.py --db /tmp/rn.duckdb

The store's events are copied k times; copy n has its own document and event ids and its dates
and publication dates moved n * 45 days later, so blocks grow with k the way a longer news
archive grows them (the same pairs of countries, other weeks). Prints one JSON line per size:
events, clusters and seconds for the whole clustering (``cluster_events``) and for adding one
article to the clustered copies (``extend_clusters``).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from comity.config import load_settings
from comity.extract.actors.kb import load_kb
from comity.resolve.clusters import ArticleEvent, cluster_events, extend_clusters
from comity.resolve.eventlike import EventLike, article_event
from comity.run.consolidate import EVENT_COLUMNS, event_from_row
from comity.store.base import open_store_backend

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shift_text(value: str | None, days: int) -> str | None:
    if not value or not days:
        return value
    return _DAY.sub(lambda m: (date.fromisoformat(m.group(0)) + timedelta(days=days)).isoformat(), value)


def copies(events: list[EventLike], k: int) -> list[EventLike]:
    out = []
    for n in range(k):
        days = 45 * n
        out += [
            replace(
                e,
                id=f"{e.id}~{n}",
                doc_id=f"{e.doc_id}~{n}",
                date=_shift_text(e.date, days),
                published=_shift_text(e.published, days),
            )
            for e in events
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sizes", default="1,4,16")
    args = parser.parse_args()
    kb = load_kb()
    with open_store_backend(load_settings().model_copy(update={"db": args.db}), read_only=True) as store:
        events = [event_from_row(r, kb) for r in store.fetch(EVENT_COLUMNS)]
    for k in (int(s) for s in args.sizes.split(",")):
        corpus = copies(events, k)
        started = time.perf_counter()
        clusters = cluster_events(corpus)
        full = time.perf_counter() - started
        last_doc = max(e.doc_id for e in corpus)
        settled: dict[str, dict[str, list[EventLike]]] = defaultdict(lambda: defaultdict(list))
        for event in corpus:
            if event.doc_id != last_doc:
                settled[clusters[event.id]][event.doc_id].append(event)
        existing = {cid: [ArticleEvent(article_event(r), tuple(r)) for r in docs.values()]
                    for cid, docs in settled.items()}  # fmt: skip
        started = time.perf_counter()
        extend_clusters(existing, [e for e in corpus if e.doc_id == last_doc])
        one = time.perf_counter() - started
        print(json.dumps({"copies": k, "events": len(corpus), "clusters": len(set(clusters.values())),
                          "cluster_all_s": round(full, 3), "add_one_article_s": round(one, 4)}))  # fmt: skip


if __name__ == "__main__":
    main()
