"""Event identity (issue 22): one real event is one cluster, in one article and across articles.

Hand-made reports (no model): in-article coreference folds the mentions of one visit and keeps
visits to two countries apart; average linkage never chains two events through a vague report;
windows, settings and the pair models load as documented; the store-level pass is incremental and
keeps cluster ids; a timeline row lists every report of its cluster once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comity.errors import ConfigError
from comity.extract.actors.kb import load_kb
from comity.records import ActorRef, Article, DocumentResult, Event, TextSpan
from comity.resolve.clusters import article_events, candidate_pairs, cluster_events, link_scores
from comity.resolve.eventlike import EventLike, article_event, evidence_words, person_names, trigger_stems
from comity.resolve.identity import FEATURES, may_corefer, may_match, pair_features
from comity.resolve.linkage import average_linkage
from comity.resolve.pairs import PairModel, pair_models, read_pair_models
from comity.resolve.settings import identity_settings
from comity.resolve.windows import dates_compatible, window
from comity.run.consolidate import consolidate
from comity.store.duckdb import DuckDBStore
from world_kit import tiny_kb

CHN, VNM, USA, JPN, KOR = (frozenset({c}) for c in ("CHN", "VNM", "USA", "JPN", "KOR"))
NOBODY = frozenset[str]()


def _report(
    eid: str,
    doc: str,
    sentence: int,
    *,
    source: frozenset[str] = CHN,
    target: frozenset[str] = NOBODY,
    date: str | None = None,
    basis: str | None = None,
    cameo: str = "042",
    trigger: str = "visit",
    published: str | None = "2023-12-14",
    text: str = "",
) -> EventLike:
    return EventLike(eid, doc, "CONSULT", cameo, date, source | target, words=evidence_words(text),
                     source=source, target=target, modality="asserted", trigger=trigger,
                     date_basis=basis or ("sentence" if date else None), sentence=sentence,
                     position=sentence * 100, published=published)  # fmt: skip


# -- inside one article ---------------------------------------------------------------------------
def test_mentions_of_one_visit_in_an_article_are_one_event_with_its_best_date_and_sides() -> None:
    state_visit = _report(
        "m1", "d1", 0, target=VNM, date="2023-12-12", text="Xi began a state visit to Vietnam"
    )
    the_visit = _report("m2", "d1", 1, trigger="visit", text="The visit is his first in six years")
    the_trip = _report("m3", "d1", 2, trigger="trip", text="During the trip he toured a park")
    groups = [[m.id for m in a.reports] for a in article_events([the_trip, state_visit, the_visit])]
    assert groups == [["m1", "m2", "m3"]]
    folded = article_event([the_visit, state_visit, the_trip])
    assert (folded.id, folded.date, folded.target, folded.date_basis) == ("m1", "2023-12-12", VNM, "sentence")


def test_visits_to_two_countries_in_one_article_stay_two_events() -> None:
    japan = _report("j", "d1", 0, source=USA, target=JPN, date="2017-11-05")
    korea = _report("k", "d1", 1, source=USA, target=KOR, date="2017-11-07")
    assert not may_corefer(japan, korea)
    assert len(article_events([japan, korea])) == 2


def test_the_same_visit_in_two_articles_is_one_cluster_and_a_third_visit_is_not() -> None:
    first = [
        _report("a1", "d1", 0, target=VNM, date="2023-12-12", text="Xi arrived in Hanoi for a state visit"),
        _report("a2", "d1", 3, text="The visit ends on Wednesday"),
    ]
    second = [_report("b1", "d2", 0, target=VNM, date="2023-12-13", published="2023-12-13")]
    later = [_report("c1", "d3", 0, target=VNM, date="2024-10-01", published="2024-10-02")]
    clusters = cluster_events([*first, *second, *later])
    assert clusters["a1"] == clusters["a2"] == clusters["b1"] != clusters["c1"]


def test_a_stop_dated_by_its_trips_departure_lies_in_the_weeks_after_it() -> None:
    # "leaves on Friday for Asia, where he will visit Vietnam": the visit is not on the Friday
    planned = _report("p1", "d1", 0, target=VNM, date="2023-12-08", basis="departure")
    assert article_event([planned]).date == "2023-12-08/2024-01-08"
    held = [_report("h1", "d2", 0, target=VNM, date="2023-12-12", published="2023-12-12")]
    too_late = [_report("t1", "d3", 0, target=VNM, date="2024-03-01", published="2024-03-01")]
    clusters = cluster_events([planned, *held, *too_late])
    assert clusters["p1"] == clusters["h1"] != clusters["t1"]
    # read as the departure's own day, the visit four days later would not be the same event
    on_the_day = _report("p2", "d1", 0, target=VNM, date="2023-12-08")
    assert cluster_events([on_the_day, *held])["p2"] != cluster_events([on_the_day, *held])["h1"]


def test_undated_reports_of_one_act_named_with_the_same_word_may_be_one_event() -> None:
    def undated(eid: str, doc: str, trigger: str, text: str) -> EventLike:
        report = _report(eid, doc, 0, source=CHN, target=VNM, cameo="190", trigger=trigger, text=text)
        return EventLike(**{**_fields(report), "type": "ASSAULT", "modality": "historical"})

    first = undated("i1", "d1", "invasion", "Leaders recalled the invasion of the northern provinces")
    again = undated("i2", "d2", "invasion", "Veterans of the invasion marched in Hanoi on Sunday")
    other = undated("i3", "d3", "attack", "Veterans of the attack marched in Hanoi on Sunday")
    assert may_match(first, again)
    assert not may_match(first, other)  # another word and little shared wording: no evidence


def test_two_weak_dates_and_one_named_side_are_no_evidence_of_one_event() -> None:
    # undated reports of two articles a fortnight apart: each lies in the month before its article
    one = _report("u1", "d1", 0, source=CHN, published="2023-12-14")
    other = _report("u2", "d2", 0, source=CHN, published="2023-12-28")
    assert cluster_events([one, other])["u1"] != cluster_events([one, other])["u2"]
    both_sides = [
        _report("v1", "d1", 0, target=VNM),
        _report("v2", "d2", 0, target=VNM, published="2023-12-28"),
    ]
    assert len(set(cluster_events(both_sides).values())) == 1


def test_link_scores_score_each_candidate_pair_with_the_models_probability() -> None:
    reports = [
        _report("s1", "d1", 0, target=VNM, date="2023-12-12"),
        _report("s2", "d2", 0, target=VNM, date="2023-12-12"),
        _report("s3", "d3", 0, source=USA, target=JPN, date="2023-12-12"),
    ]
    model = pair_models()["across"]
    scores = link_scores(reports, model)
    assert list(scores) == candidate_pairs(reports) == [(0, 1)]
    assert scores[(0, 1)] == model.probability(pair_features(reports[0], reports[1]))


# -- linkage, windows, settings, models -------------------------------------------------------------
def test_average_linkage_never_chains_two_events_through_a_third() -> None:
    # 0 and 2 are incompatible (no edge): whatever 1 links to, they never share a group
    groups = average_linkage(3, {(0, 1): 0.9, (1, 2): 0.95}, 0.1)
    assert sorted(sorted(g) for g in groups) == [[0], [1, 2]]
    assert sorted(sorted(g) for g in average_linkage(3, {(0, 1): 0.9, (1, 2): 0.95, (0, 2): 0.6}, 0.5)) == [
        [0, 1, 2]
    ]
    assert sorted(sorted(g) for g in average_linkage(3, {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.1}, 0.7)) == [
        [0, 1],
        [2],
    ]


def test_short_windows_meet_within_the_slack_of_the_event_type_long_ones_must_overlap() -> None:
    assert window("2017-W45")[:2] == window("2017-11-06/2017-11-12")[:2]  # type: ignore[index]
    assert dates_compatible("2017-W44", "2017-11-08", slack=3)
    assert not dates_compatible("2017-W44", "2017-11-10", slack=3)
    assert not dates_compatible("2017-10", "2017-11-02", slack=3)
    assert dates_compatible("2017", "2017-11-02") and not dates_compatible(None, "2017")
    assert identity_settings().day_slack["CONSULT"] >= identity_settings().day_slack["default"]


def test_trigger_stems_compare_inflected_forms() -> None:
    assert trigger_stems("visited") == trigger_stems("visits") == {"visit"}
    assert trigger_stems("held talks") == {"held", "talk"}


def test_pair_models_fit_the_features_and_a_stale_file_is_a_clear_error(tmp_path: Path) -> None:
    models = pair_models()
    assert set(models) == {"within", "across"}
    assert all(len(m.weights) == len(FEATURES) and 0 < m.threshold < 1 for m in models.values())
    a, b = _report("a", "d1", 0, date="2023-12-12"), _report("b", "d1", 1, date="2023-12-12")
    assert 0.0 <= models["within"].probability(pair_features(a, b)) <= 1.0
    stale = tmp_path / "model.json"
    stale.write_text(json.dumps({"features": ["same_act"], "within": {}, "across": {}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="retrain"):
        read_pair_models(stale)
    assert PairModel((2.0,), -2.0, 0.5).probability((1.0,)) == 0.5


# -- the store: incremental and stable ---------------------------------------------------------------
XI = ActorRef("Xi Jinping", "Xi Jinping", "CHN", "GOV", "CHNGOV")
HANOI = ActorRef("Vietnam", "Vietnam", "VNM", "GOV", "VNMGOV")


def _result(doc: str, published: str, sentences: list[tuple[str, str | None]]) -> DocumentResult:
    """An article of ``sentences`` (text, date); each reports Xi's visit to Vietnam."""
    text = " ".join(s for s, _ in sentences)
    events, at = [], 0
    for n, (sentence, date) in enumerate(sentences):
        start = text.index(sentence, at)
        at = start + len(sentence)
        events.append(Event(f"{doc}-e{n}", doc, doc, "CONSULT", "042", None, 1.9, (XI,), (HANOI,),
                            TextSpan(start, at, sentence), "visit", date=date,
                            date_basis="sentence" if date else None, sentence=n))  # fmt: skip
    article = Article(
        doc, f"{doc}.txt", text, "text", title=doc, publication_date=published, outlet=f"outlet {doc}"
    )
    return DocumentResult(article=article, events=tuple(events))


@pytest.fixture()
def store(tmp_path: Path) -> DuckDBStore:
    db = DuckDBStore(str(tmp_path / "identity.duckdb"))
    db.migrate()
    return db


def _clusters(store: DuckDBStore) -> dict[str, str]:
    return {r["id"]: r["cluster_id"] for r in store.fetch("SELECT id, cluster_id FROM events")}


def test_consolidate_adds_a_new_article_to_the_existing_cluster_and_keeps_its_id(store: DuckDBStore) -> None:
    kb = load_kb()
    first = _result("d1", "2023-12-13", [("Xi began a state visit to Vietnam on Tuesday.", "2023-12-12"),
                                         ("The visit is his first in six years.", None)])  # fmt: skip
    store.write_batch([first], [], run_id="r1")
    assert consolidate(store, kb) == 2
    before = _clusters(store)
    assert before["d1-e0"] == before["d1-e1"]  # one event in one article
    second = _result(
        "d2", "2023-12-14", [("Xi ended his two-day visit to Vietnam on Wednesday.", "2023-12-13")]
    )
    store.write_batch([second], [], run_id="r2")
    assert consolidate(store, kb) == 1  # only the new report got an id
    after = _clusters(store)
    assert after["d2-e0"] == after["d1-e0"] == before["d1-e0"]
    assert consolidate(store, kb) == 0  # nothing new, nothing changes
    assert consolidate(store, kb, full=True) == 0  # clustering everything again agrees
    store.close()


def test_a_timeline_row_lists_every_report_of_its_event_once(store: DuckDBStore) -> None:
    from comity.query import dyad_events

    first = _result("d1", "2023-12-13", [("Xi began a state visit to Vietnam on Tuesday.", "2023-12-12"),
                                         ("The visit is his first in six years.", None)])  # fmt: skip
    second = _result(
        "d2", "2023-12-14", [("Xi ended his two-day visit to Vietnam on Wednesday.", "2023-12-13")]
    )
    store.write_batch([first, second], [], run_id="r1")
    consolidate(store, load_kb())
    (row,) = dyad_events(store, ("CHN", "VNM"))
    assert row["reported"] == "3 reports from 2 outlets" and sorted(row["event_ids"]) == [
        "d1-e0",
        "d1-e1",
        "d2-e0",
    ]
    assert row["date"] == "2023-12-12" and row["date_precision"] is None
    store.close()


def test_average_linkage_that_is_not_complete_lets_a_majority_outweigh_one_forbidden_pair() -> None:
    # 0-1 and 1-2 and 0-3 ... link strongly; 2-3 may not match: complete linkage keeps them apart
    scores = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (0, 3): 0.9, (1, 3): 0.9}
    assert sorted(map(sorted, average_linkage(4, scores, 0.5))) == [[0, 1, 2], [3]]
    assert sorted(map(sorted, average_linkage(4, scores, 0.5, complete=False))) == [[0, 1, 2, 3]]
    assert sorted(map(sorted, average_linkage(4, scores, 0.8, complete=False))) == [[0, 1, 2], [3]]


def test_a_pair_kept_apart_is_never_outweighed_by_the_majority() -> None:
    scores = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (0, 3): 0.9, (1, 3): 0.9}
    assert sorted(map(sorted, average_linkage(4, scores, 0.5, complete=False, apart=[(2, 3)]))) == [
        [0, 1, 2],
        [3],
    ]


def test_reports_naming_different_persons_are_not_joined_through_a_report_naming_none() -> None:
    # "Harris met Marcos" and "Biden met Marcos" in two articles, a third article's undated-person
    # report of a US-Philippine meeting links to both: it may join one, never bridge the two
    def meeting(eid: str, doc: str, people: tuple[frozenset[str], frozenset[str]]) -> EventLike:
        report = _report(eid, doc, 0, source=USA, target=VNM, date="2023-05-01", cameo="040", trigger="met")
        return EventLike(**{**_fields(report), "people": people})

    harris = meeting("h", "d1", (frozenset({"Kamala Harris"}), frozenset({"Le Van"})))
    biden = meeting("b", "d2", (frozenset({"Joe Biden"}), frozenset({"Le Van"})))
    unnamed = meeting("u", "d3", (NOBODY, NOBODY))
    clusters = cluster_events([harris, biden, unnamed])
    assert clusters["h"] != clusters["b"]


def test_named_persons_that_differ_and_a_shared_place_are_features_of_a_pair() -> None:
    features = dict.fromkeys(FEATURES, 0.0)
    xi = EventLike(
        "x", "d1", "CONSULT", "042", None, CHN | VNM, "Hanoi", people=(frozenset({"Xi Jinping"}), NOBODY)
    )
    li = EventLike(
        "l", "d2", "CONSULT", "042", None, CHN | VNM, "Hanoi", people=(frozenset({"Li Qiang"}), NOBODY)
    )
    features.update(zip(FEATURES, pair_features(xi, li), strict=True))
    assert features["person_conflict"] == 1.0 and features["same_place"] == 1.0
    assert features["same_countries"] == 1.0
    assert dict(zip(FEATURES, pair_features(xi, xi), strict=True))["person_conflict"] == 0.0


def _same_act(a: EventLike, b: EventLike) -> float:
    return dict(zip(FEATURES, pair_features(a, b), strict=True))["same_act"]


def test_persons_known_only_to_the_world_kb_are_persons_of_a_report_under_one_name() -> None:
    kb = tiny_kb()
    # the world KB's office holders count as persons, keyed by the one person a name denotes
    assert person_names(["Anna Varga", "Varga", "Jose Reyes Jr.", "Forum", None], kb) == {
        "Anna Varga",
        "Jose Reyes Jr.",
    }
    # "Li" is the surname of three office holders: no one person
    assert person_names(["Li"], kb) == frozenset()
    # two meetings of one visitor on one day with two different hosts are two events
    president = _report("m1", "d1", 0, source=USA, target=VNM, date="2023-12-12", cameo="040", trigger="met")
    minister = _report("m2", "d2", 0, source=USA, target=VNM, date="2023-12-12", cameo="040", trigger="met")
    visitor = person_names(["Paula Brun"], kb)
    president = EventLike(**{**_fields(president), "people": (visitor, person_names(["Jose Reyes Jr."], kb))})
    minister = EventLike(**{**_fields(minister), "people": (visitor, person_names(["Anna Varga"], kb))})
    assert not may_match(president, minister)
    assert may_match(president, EventLike(**{**_fields(minister), "people": (visitor, frozenset())}))


def _fields(event: EventLike) -> dict[str, object]:
    return {name: getattr(event, name) for name in event.__dataclass_fields__}


def test_a_meeting_has_no_direction_for_a_visit_report_to_contradict() -> None:
    # "Xi visited Vietnam" and "Vietnam's leader met Xi": one encounter, whoever is named first
    visit = _report("v", "d1", 0, source=CHN, target=VNM, date="2023-12-12")
    meeting = _report("m", "d2", 0, source=VNM, target=CHN, date="2023-12-12", cameo="040", trigger="met")
    assert may_match(visit, meeting) and may_corefer(visit, meeting)
    return_visit = _report("r", "d2", 0, source=VNM, target=CHN, date="2023-12-12")
    assert not may_match(visit, return_visit)  # two visits the other way round are two events


def test_two_borrowed_dates_need_the_same_two_sides_or_the_same_act() -> None:
    # dates carried from another sentence or taken from the article: weak evidence of one time
    hosted = _report(
        "h", "d1", 0, source=USA, date="2017-11-16", basis="document", cameo="043", trigger="host"
    )
    met = _report("m", "d2", 0, source=USA, date="2017-11-15", basis="carried", cameo="040", trigger="met")
    assert not may_match(hosted, met)
    also_hosted = _report("a", "d2", 0, source=USA, date="2017-11-15", basis="carried", cameo="043")
    assert may_match(hosted, also_hosted)
    told_that_day = _report("s", "d2", 0, source=USA, date="2017-11-15", cameo="040", trigger="met")
    assert may_match(hosted, told_that_day)  # a date of the report's own sentence is enough


def test_average_linkage_without_completeness_still_never_joins_reports_whose_own_dates_conflict() -> None:
    # 0 and 2 are dated a year apart: a third report that fits both may join one, not bridge them
    spans = [(100, 103), (100, 500), (465, 468)]
    scores = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    groups = average_linkage(3, scores, 0.3, complete=False, spans=spans)
    assert sorted(sorted(g) for g in groups) == [[0, 1], [2]]
    # without spans the mean of the scores alone would join all three
    assert len(average_linkage(3, scores, 0.3, complete=False)) == 1
    # an undated report (no span) joins either
    assert sorted(sorted(g) for g in average_linkage(2, {(0, 1): 0.9}, 0.3, spans=[(1, 2), None])) == [[0, 1]]


def test_average_linkage_without_completeness_joins_when_the_allowed_pairs_outweigh_the_rest() -> None:
    scores = {(0, 1): 0.9, (0, 2): 0.8}  # 1 and 2 may not be compared: they count 0 in the mean
    assert len(average_linkage(3, scores, 0.35, complete=True)) == 2
    assert len(average_linkage(3, scores, 0.35, complete=False)) == 1  # (0.8 + 0) / 2 >= 0.35


def test_a_new_report_never_joins_a_cluster_whose_own_dates_it_contradicts() -> None:
    from dataclasses import replace

    from comity.resolve.clusters import ArticleEvent, extend_clusters
    from comity.resolve.pairs import pair_models

    visit = _report("a", "d1", 0, target=VNM, date="2023-12-12", basis="governing")
    year_long = _report("y", "d2", 0, target=VNM, date="2023-12/2024-12", basis="governing")
    cluster = {"c1": [ArticleEvent(visit, (visit,)), ArticleEvent(year_long, (year_long,))]}
    # any allowed link would do: only the dates can keep the new report out
    models = {**pair_models(), "across": replace(pair_models()["across"], threshold=0.0, complete=False)}
    same_day = _report("b", "d3", 0, target=VNM, date="2023-12-13", basis="governing")
    next_year = _report("n", "d4", 0, target=VNM, date="2024-12-12", basis="governing")
    assert extend_clusters(cluster, [same_day], models) == {"b": "c1"}
    assert extend_clusters(cluster, [next_year], models)["n"] != "c1"  # fits year_long, not the visit
