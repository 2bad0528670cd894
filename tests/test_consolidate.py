"""Cross-article consolidation: event clusters and fact corroboration (comity.resolve.consolidate)."""

from __future__ import annotations

from comity.resolve import EventLike, FactLike, cluster_events, corroborate_facts
from comity.resolve.consolidate import dates_compatible, evidence_words, suspected_source_errors

PAIR = frozenset({"CHN", "VNM"})


def _event(
    eid: str, doc: str, date: str | None, *, type_: str = "CONSULT", cameo: str = "042", **kw: object
) -> EventLike:
    return EventLike(eid, doc, type_, cameo, date, kw.pop("countries", PAIR), **kw)  # type: ignore[arg-type]


BOTH_SIDES = {"source": frozenset({"CHN"}), "target": frozenset({"VNM"})}


def test_consolidate_same_visit_in_two_documents_is_one_cluster() -> None:
    # Each report names both sides: a report of another act (the talks) that names one side only
    # is too weak to join on dates alone (on the real-news gold such merges were mostly wrong).
    visit = _event("a", "d1", "2023-12-12/2023-12-13", place="Hanoi", **BOTH_SIDES)
    meeting = _event("b", "d2", "2023-12-13", cameo="040", **BOTH_SIDES)
    hosted = {"source": frozenset({"VNM"}), "target": frozenset({"CHN"})}  # 043: Vietnam hosts China
    other_doc = _event("c", "d3", "2023-12", cameo="043", **hosted)
    clusters = cluster_events([visit, meeting, other_doc])
    assert len(set(clusters.values())) == 1
    assert clusters == cluster_events([other_doc, meeting, visit])  # order does not matter


def test_consolidate_different_dates_actors_type_or_place_stay_apart() -> None:
    base = _event("a", "d1", "2023-12-12", place="Hanoi")
    others = [
        _event("b", "d2", "2023-12-20"),  # more than the slack of a visit apart
        _event("c", "d3", "2023-12-12", countries=frozenset({"CHN", "JPN"})),
        _event("d", "d4", "2023-12-12", type_="ACCUSE", cameo="111"),
        _event("f", "d5", "2023-12-12", place="Beijing"),
    ]
    for other in others:
        clusters = cluster_events([base, other])
        assert clusters["a"] != clusters[other.id], other


def test_consolidate_undated_report_is_never_matched_on_its_wording_alone() -> None:
    words = evidence_words("Xi paid a state visit to Vietnam on December 12-13 at the invitation of Trong")
    china_to_vietnam = {"source": frozenset({"CHN"}), "target": frozenset({"VNM"})}
    dated = _event("a", "d1", "2023-12-12", words=words, **china_to_vietnam)
    same_words = evidence_words("Xi paid the state visit to Vietnam on December 12-13")
    undated = _event("b", "d2", None, words=same_words, **china_to_vietnam)
    stranger = _event("c", "d3", None, words=evidence_words("Trong travelled to Beijing for talks"))
    clusters = cluster_events([dated, undated, stranger])
    assert clusters["a"] == clusters["b"] != clusters["c"]
    # the same wording without the two sides named is not enough
    vague = _event("v", "d4", None, words=same_words, source=frozenset({"CHN"}))
    assert cluster_events([dated, vague])["v"] != cluster_events([dated, vague])["a"]
    # an article published two years later is another time: its undated report is no match
    later = _event("l", "d5", None, words=same_words, published="2025-12-20", **china_to_vietnam)
    assert cluster_events([dated, later])["l"] != cluster_events([dated, later])["a"]


def test_consolidate_undated_report_lies_in_a_window_before_its_publication() -> None:
    dated = _event("a", "d1", "2023-12-12", **BOTH_SIDES)
    next_day = _event("b", "d2", None, published="2023-12-14", **BOTH_SIDES)
    clusters = cluster_events([dated, next_day])
    assert clusters["a"] == clusters["b"]
    planned = _event("p", "d3", None, published="2023-11-20", modality="future", **BOTH_SIDES)
    assert cluster_events([dated, planned])["p"] == cluster_events([dated, planned])["a"]
    told_before = _event("t", "d4", None, published="2023-11-20", **BOTH_SIDES)
    assert cluster_events([dated, told_before])["t"] != cluster_events([dated, told_before])["a"]


def test_consolidate_date_compatibility() -> None:
    assert dates_compatible("2023-12-12", "2023-12-14")
    assert not dates_compatible("2023-12-12", "2023-12-15")
    assert dates_compatible("2023-12", "2023-12-31") and not dates_compatible("2023-11", "2023-12-01")
    assert dates_compatible("2017", "2017-11-10") and not dates_compatible(None, "2017")


def make_fact(fid: str, doc: str, value: float | str, period: str | None = "2023") -> FactLike:
    return FactLike(fid, doc, "CHN-VNM", "trade_volume", period, value)


def test_consolidate_fact_corroboration_and_conflict() -> None:
    facts = [
        make_fact("a", "d1", 171.9e9),
        make_fact("b", "d2", 171.5e9),  # within 0.5 %: rounding
        make_fact("c", "d3", 175.6e9),  # a different figure
        make_fact("d", "d4", 175.6e9, period="2022"),
        make_fact("e", "d5", 100.0, period=None),
    ]
    marks = {fid: (status, ids) for fid, status, ids in corroborate_facts(facts)}
    assert marks["a"] == ("conflict", ("c",))
    assert marks["b"] == ("conflict", ("c",))
    assert marks["c"] == ("conflict", ("a", "b"))
    assert marks["d"] == ("single", ()) and marks["e"] == ("single", ())
    only_two = {fid: status for fid, status, _ in corroborate_facts(facts[:2])}
    assert only_two == {"a": "corroborated", "b": "corroborated"}


def test_consolidate_facts_in_different_units_are_neither_rivals_nor_support() -> None:
    dollars = FactLike("a", "d1", "CHN-VNM", "trade_volume", "2023", 171.9e9, unit="USD")
    yuan = FactLike("b", "d2", "CHN-VNM", "trade_volume", "2023", 1.2e12, unit="CNY")
    more_dollars = FactLike("c", "d3", "CHN-VNM", "trade_volume", "2023", 171.5e9, unit="USD")
    marks = {fid: (status, ids) for fid, status, ids in corroborate_facts([dollars, yuan, more_dollars])}
    assert marks == {"a": ("corroborated", ("c",)), "b": ("single", ()), "c": ("corroborated", ("a",))}
    euros = FactLike("e", "d4", "CHN-VNM", "trade_volume", "2023", 9e9, unit="EUR")
    assert suspected_source_errors([dollars, more_dollars, euros, yuan]) == set()


def test_consolidate_suspected_source_error_needs_two_other_documents_agreeing() -> None:
    a, b, c = make_fact("a", "d1", 171.9e9), make_fact("b", "d2", 171.5e9), make_fact("c", "d3", 175.6e9)
    assert suspected_source_errors([a, b, c]) == {"c"}
    assert suspected_source_errors([a, c]) == set()  # one against one: no consensus
    assert suspected_source_errors([a, b, c, make_fact("c2", "d4", 175.6e9)]) == set()  # a tie
    assert suspected_source_errors([a, b, make_fact("c3", "d1", 175.6e9)]) == set()  # its own document
    other_year = make_fact("x", "d3", 175.6e9, period="2022")
    assert suspected_source_errors([a, b, other_year]) == set()


def test_consolidate_status_labels_compare_as_strings() -> None:
    facts = [
        FactLike("a", "d1", "CHN-VNM", "relationship_status", "2023-12", "community with a shared future"),
        FactLike("b", "d2", "CHN-VNM", "relationship_status", "2023-12", "community with a shared future"),
    ]
    assert [status for _, status, _ in corroborate_facts(facts)] == ["corroborated", "corroborated"]


# -- clusters: background dates, direction, persons, ongoing states ---------------------------
Sides = tuple[frozenset[str], frozenset[str]]
CHINA_TO_VIETNAM: Sides = (frozenset({"CHN"}), frozenset({"VNM"}))


def _visit(
    eid: str,
    doc: str,
    date: str | None,
    visitor: str | None = None,
    *,
    cameo: str = "042",
    sides: Sides = CHINA_TO_VIETNAM,
    approximate: bool = False,
    place: str | None = None,
    place_country: str | None = None,
) -> EventLike:
    """A visit (by default CHN -> VNM; ``visitor`` a person named as its source)."""
    people = (frozenset({visitor} if visitor else set()), frozenset[str]())
    return EventLike(eid, doc, "CONSULT", cameo, date, sides[0] | sides[1], place, source=sides[0],
                     target=sides[1], people=people, approximate=approximate,
                     place_country=place_country)  # fmt: skip


def test_consolidate_background_visit_joins_the_window_dated_report_of_the_same_visitor() -> None:
    # "his second visit in six years" (a 2023 article) dates the earlier visit to the year only
    background = _visit("bg", "d2023", "2017", "Xi Jinping", approximate=True)
    # a 2017 article: "most recently, the President's state visit", dated after the 9th, by the 24th
    recent = _visit("xi", "d2017", "2017-11-10/2017-11-24", "Xi Jinping")
    minister = _visit("wang", "d2017", "2017-11-02/2017-11-03", "Wang Yi")  # same doc, other visitor
    clusters = cluster_events([minister, background, recent])
    assert clusters["bg"] == clusters["xi"] != clusters["wang"]
    # an "on or before" date contains the visit too, and an open start is no obstacle
    before = _visit("before", "d3", "../2017-11-24", "Xi Jinping")
    assert cluster_events([before, recent])["before"] == cluster_events([before, recent])["xi"]
    # a relative "six years ago" that lands a month off still covers its whole year
    relative = _visit("rel", "d4", "2017-12-12", "Xi Jinping", approximate=True)
    assert cluster_events([relative, recent])["rel"] == cluster_events([relative, recent])["xi"]
    exact = cluster_events([_visit("exact", "d4", "2017-12-12"), recent])  # a day is not a year
    assert exact["exact"] != exact["xi"]


def test_consolidate_vague_date_needs_the_same_act_and_never_chains_two_events() -> None:
    march = _visit("mar", "d1", "2023-03-08", cameo="040")
    june = _visit("jun", "d2", "2023-06-20", cameo="040")
    vague = _visit("year", "d3", "2023", cameo="040")
    clusters = cluster_events([march, june, vague])
    assert clusters["mar"] != clusters["jun"]  # two meetings of one pair, months apart
    assert clusters["year"] in (clusters["mar"], clusters["jun"])  # joins one, links none
    # "on or before" the article date reaches back a year, not to an agreement six years earlier
    recent = cluster_events(
        [_visit("new", "d4", "../2023-12-01", cameo="030"), _visit("old", "d5", "2017-11", cameo="030")]
    )
    assert recent["new"] != recent["old"]
    other_act = _visit("visit", "d3", "2023", cameo="042")  # a visit in 2023 is not that meeting
    assert cluster_events([march, other_act])["visit"] != cluster_events([march, other_act])["mar"]


def test_consolidate_direction_matters_for_visits_not_for_meetings() -> None:
    vietnam, china = frozenset({"VNM"}), frozenset({"CHN"})
    there = _visit("a", "d1", "2023-12-12")
    back = _visit("b", "d2", "2023-12-12", sides=(vietnam, china))  # Vietnam's visit to China
    hosted = _visit("c", "d3", "2023-12-13", cameo="043", sides=(vietnam, china))  # Vietnam hosts China
    clusters = cluster_events([there, back, hosted])
    assert clusters["a"] == clusters["c"] != clusters["b"]
    met = _visit("m1", "d1", "2023-12-12", cameo="040")
    met_reversed = _visit("m2", "d2", "2023-12-12", cameo="040", sides=(vietnam, china))
    assert len(set(cluster_events([met, met_reversed]).values())) == 1


def test_consolidate_place_names_in_one_country_are_compatible() -> None:
    city = _visit("a", "d1", "2023-12-12", place="Hanoi", place_country="VNM")
    country = _visit("b", "d2", "2023-12-12", place="Vietnam", place_country="VNM")
    elsewhere = _visit("c", "d3", "2023-12-12", place="Beijing", place_country="CHN")
    clusters = cluster_events([city, country, elsewhere])
    assert clusters["a"] == clusters["b"] != clusters["c"]


DISPUTE = "the maritime dispute over islands in the sea keeps relations tense"


def _dispute(
    eid: str,
    doc: str,
    date: str | None,
    *,
    sides: Sides = CHINA_TO_VIETNAM,
    modality: str = "ongoing",
    place: str | None = None,
    evidence: str = DISPUTE,
) -> EventLike:
    return EventLike(eid, doc, "ACCUSE", "110", date, sides[0] | sides[1], place, evidence_words(evidence),
                     source=sides[0], target=sides[1], modality=modality)  # fmt: skip


def test_consolidate_ongoing_states_link_by_act_dyad_and_wording_whatever_their_dates() -> None:
    vietnam, china = frozenset({"VNM"}), frozenset({"CHN"})
    states = [
        _dispute("s1", "d1", None, place="South China Sea"),
        _dispute("s2", "d2", "2023-12-13", sides=(vietnam, china), evidence="their dispute over the islands"),
        _dispute("s3", "d3", "2017-11-24", evidence="a maritime dispute over islands that strains relations"),
    ]
    discrete = _dispute("x", "d4", "2017-11-24", modality="asserted")  # one accusation on one day
    elsewhere = _dispute("y", "d5", None, sides=(china, frozenset({"PHL"})))
    other_state = _dispute("z", "d6", None, evidence="complaints about tariffs on steel exports")
    clusters = cluster_events([*states, discrete, elsewhere, other_state])
    assert clusters["s1"] == clusters["s2"] == clusters["s3"]
    assert len({clusters[k] for k in ("s1", "x", "y", "z")}) == 4


def test_mark_facts_flags_the_outlier_source() -> None:
    from comity.resolve.marks import mark_facts

    rows = [
        {"id": i, "doc_id": d, "subject": "CHN-VNM", "measure": "trade_volume", "period": "2023", "value": v}
        for i, d, v in (("a", "d1", 171.9e9), ("b", "d2", 171.9e9), ("c", "d3", 155.0e9))
    ]
    flagged = {r["id"]: r["suspected_source_error"] for r in mark_facts(rows)}
    assert flagged == {"a": False, "b": False, "c": True}
