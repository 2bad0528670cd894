"""Consolidation end to end on short hand-written articles: one visit told three ways, a second
visit months later, and trade figures that agree (within rounding or a qualifier) or conflict."""

from __future__ import annotations

from comity.evaluate.events_seeds import SeedDoc
from comity.evaluate.facts import run_seeds
from comity.extract.actors.kb import load_kb
from comity.resolve import cluster_events, corroborate_facts, event_like, fact_like

ARTICLES = {
    "a.txt": (
        "Li hosts Chinh\n\nBEIJING, June 26, 2024 - Chinese Premier Li Qiang hosted Vietnamese Prime "
        "Minister Pham Minh Chinh in Beijing on Tuesday. Trade between China and Vietnam reached "
        "$171.9 billion in 2023.\n",
        "2024-06-26",
    ),
    "b.txt": (
        "Chinh begins visit\n\nHANOI, June 27, 2024 - Vietnamese Prime Minister Pham Minh Chinh began an "
        "official visit to China on Tuesday at the invitation of Premier Li Qiang. Two-way trade between "
        "Vietnam and China was nearly $172 billion in 2023, officials said.\n",
        "2024-06-27",
    ),
    "c.txt": (
        "Autumn trip\n\nHANOI, October 30, 2024 - The Vietnamese head of government, Pham Minh Chinh, "
        "visited China again on Wednesday to attend a regional summit in Kunming. A ministry report put "
        "trade between China and Vietnam at $150 billion in 2023.\n",
        "2024-10-30",
    ),
}


def test_consolidate_articles_cluster_the_same_visit_and_mark_figures() -> None:
    docs = [SeedDoc(name, text, day) for name, (text, day) in ARTICLES.items()]
    kb = load_kb()
    results = run_seeds(docs, kb=kb)
    visits = {
        name: [e for e in result.events if e.type == "CONSULT" and e.date] for name, result in results.items()
    }
    assert all(visits.values()), visits
    clusters = cluster_events([event_like(e, kb) for es in visits.values() for e in es])
    cluster = {name: {clusters[e.id] for e in es} for name, es in visits.items()}
    assert cluster["a.txt"] & cluster["b.txt"]  # one visit, told two ways
    assert not (cluster["c.txt"] & (cluster["a.txt"] | cluster["b.txt"]))  # another visit, months later

    trade = [fact_like(f) for r in results.values() for f in r.facts if f.measure == "trade_volume"]
    by_doc = {f.doc_id: f.id for f in trade}
    assert len(by_doc) == 3, trade
    names = {r.article.id: name for name, r in results.items()}
    marks = {
        names[f.doc_id]: status for f, (_, status, _) in zip(trade, corroborate_facts(trade), strict=True)
    }
    # a and b agree ("nearly $172 billion" covers $171.9 billion); c's $150 billion conflicts with both
    assert marks == {"a.txt": "conflict", "b.txt": "conflict", "c.txt": "conflict"}
    agreeing = [f for f in trade if names[f.doc_id] != "c.txt"]
    assert [status for _, status, _ in corroborate_facts(agreeing)] == ["corroborated", "corroborated"]
