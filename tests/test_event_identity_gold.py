"""Event identity on the real-news dev gold taken as perfect extraction (needs ../shared)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from comity.evaluate.identity_gold import gold_reports
from comity.resolve.clusters import cluster_events
from comity.resolve.windows import window


@pytest.mark.shared
def test_no_cluster_of_the_dev_gold_joins_two_events_dated_in_different_years(shared_dir: Path) -> None:
    reports, labels = gold_reports(shared_dir / "gold" / "realnews")
    clusters = cluster_events(reports)
    false_merges = []
    for a, b in combinations(reports, 2):
        if clusters[a.id] != clusters[b.id] or labels[a.id] == labels[b.id]:
            continue
        first, second = window(a.date), window(b.date)
        apart = first and second and (first[1] < second[0] or second[1] < first[0])
        if apart and str(a.date)[:4] != str(b.date)[:4]:
            false_merges.append((labels[a.id], a.date, labels[b.id], b.date))
    assert false_merges == []
    assert len(set(clusters.values())) < len(reports)  # and it does merge reports
