"""Cross-article consolidation: event clusters and fact corroboration (comity.resolve.consolidate)."""

from __future__ import annotations

from comity.resolve import EventLike, FactLike, cluster_events, corroborate_facts
from comity.resolve.consolidate import dates_compatible, evidence_words

PAIR = frozenset({"CHN", "VNM"})


def _event(
    eid: str, doc: str, date: str | None, *, type_: str = "CONSULT", cameo: str = "042", **kw: object
) -> EventLike:
    return EventLike(eid, doc, type_, cameo, date, kw.pop("countries", PAIR), **kw)  # type: ignore[arg-type]


def test_consolidate_same_visit_in_two_documents_is_one_cluster() -> None:
    visit = _event("a", "d1", "2023-12-12/2023-12-13", place="Hanoi")
    meeting = _event("b", "d2", "2023-12-13", cameo="040", countries=frozenset({"CHN"}))
    other_doc = _event("c", "d3", "2023-12", cameo="043")
    clusters = cluster_events([visit, meeting, other_doc])
    assert len(set(clusters.values())) == 1
    assert clusters == cluster_events([other_doc, meeting, visit])  # order does not matter


def test_consolidate_different_dates_actors_type_place_or_same_doc_stay_apart() -> None:
    base = _event("a", "d1", "2023-12-12", place="Hanoi")
    others = [
        _event("b", "d2", "2023-12-20"),  # more than two days apart
        _event("c", "d3", "2023-12-12", countries=frozenset({"CHN", "JPN"})),
        _event("d", "d4", "2023-12-12", type_="ACCUSE", cameo="111"),
        _event("e", "d1", "2023-12-12"),  # same document
        _event("f", "d5", "2023-12-12", place="Beijing"),
    ]
    for other in others:
        clusters = cluster_events([base, other])
        assert clusters["a"] != clusters[other.id], other


def test_consolidate_undated_report_needs_shared_wording() -> None:
    words = evidence_words("Xi paid a state visit to Vietnam on December 12-13 at the invitation of Trong")
    dated = _event("a", "d1", "2023-12-12", words=words)
    undated = _event(
        "b", "d2", None, words=evidence_words("Xi paid the state visit to Vietnam on December 12-13")
    )
    stranger = _event("c", "d3", None, words=evidence_words("Trong travelled to Beijing for talks"))
    clusters = cluster_events([dated, undated, stranger])
    assert clusters["a"] == clusters["b"] != clusters["c"]


def test_consolidate_date_compatibility() -> None:
    assert dates_compatible("2023-12-12", "2023-12-14")
    assert not dates_compatible("2023-12-12", "2023-12-15")
    assert dates_compatible("2023-12", "2023-12-31") and not dates_compatible("2023-11", "2023-12-01")
    assert dates_compatible("2017", "2017-11-10") and not dates_compatible(None, "2017")


def _fact(fid: str, doc: str, value: float | str, period: str | None = "2023") -> FactLike:
    return FactLike(fid, doc, "CHN-VNM", "trade_volume", period, value)


def test_consolidate_fact_corroboration_and_conflict() -> None:
    facts = [
        _fact("a", "d1", 171.9e9),
        _fact("b", "d2", 171.5e9),  # within 0.5 %: rounding
        _fact("c", "d3", 175.6e9),  # a different figure
        _fact("d", "d4", 175.6e9, period="2022"),
        _fact("e", "d5", 100.0, period=None),
    ]
    marks = {fid: (status, ids) for fid, status, ids in corroborate_facts(facts)}
    assert marks["a"] == ("conflict", ("c",))
    assert marks["b"] == ("conflict", ("c",))
    assert marks["c"] == ("conflict", ("a", "b"))
    assert marks["d"] == ("single", ()) and marks["e"] == ("single", ())
    only_two = {fid: status for fid, status, _ in corroborate_facts(facts[:2])}
    assert only_two == {"a": "corroborated", "b": "corroborated"}


def test_consolidate_status_labels_compare_as_strings() -> None:
    facts = [
        FactLike("a", "d1", "CHN-VNM", "relationship_status", "2023-12", "community with a shared future"),
        FactLike("b", "d2", "CHN-VNM", "relationship_status", "2023-12", "community with a shared future"),
    ]
    assert [status for _, status, _ in corroborate_facts(facts)] == ["corroborated", "corroborated"]
