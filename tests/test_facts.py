"""Quantitative facts and relationship-status statements (comity.extract.facts.find)."""

from __future__ import annotations

import re

import pytest

from comity.extract.facts.find import facts_from_text
from comity.records import Fact, Mention

COUNTRIES = {"China": "CHN", "Chinese": "CHN", "Vietnam": "VNM", "Vietnamese": "VNM"}
COUNTRIES |= {"Japan": "JPN", "Laos": "LAO", "United States": "USA"}


def _mentions(text: str) -> list[Mention]:
    found = [
        Mention("d", m.start(), m.end(), name, "GPE", 0, country=iso)
        for name, iso in COUNTRIES.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]
    return sorted(found, key=lambda m: m.start)


def _facts(text: str, date: str = "2023-12-13") -> list[Fact]:
    facts = facts_from_text(text, doc_id="d", date=date, mentions=_mentions(text))
    for fact in facts:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    return facts


def _one(text: str, measure: str) -> Fact:
    (fact,) = [f for f in _facts(text) if f.measure == measure]
    return fact


def test_facts_money_billion_with_period_and_dyad() -> None:
    fact = _one("Trade between China and Vietnam reached $171.9 billion in 2023.", "trade_volume")
    assert (fact.value, fact.unit, fact.period, fact.subject) == (171.9e9, "USD", "2023", "CHN-VNM")
    assert fact.evidence.text == "Trade between China and Vietnam reached $171.9 billion in 2023"
    assert re.fullmatch(r"[0-9a-f]{16}", fact.id)


def test_facts_money_variants_qualifier_and_stated_source() -> None:
    text = "Chinese investment in Laos rose to nearly US$1.3 bn in the first half of 2023, Lao data show."
    fact = _one(text, "fdi")
    assert (fact.value, fact.unit, fact.qualifier, fact.period) == (1.3e9, "USD", "nearly", "2023-H1")
    assert fact.source_stated == "Lao data"
    yen = _one("According to Japanese customs, exports to Laos were about ¥600 million last year.", "exports")
    assert (yen.value, yen.unit, yen.qualifier, yen.period) == (600e6, "JPY", "about", "2022")
    assert yen.source_stated == "Japanese customs"


def test_facts_counts_and_percentages() -> None:
    text = (
        "The two leaders witnessed the signing of 36 cooperation documents. "
        "Vietnam received more than 1.7 million Chinese tourists in 2023, up 21.8% on the year before. "
        "Exports to China fell 3.5 percent in the first 10 months of this year."
    )
    facts = {f.measure: f for f in _facts(text)}
    assert facts["agreements_signed"].value == 36 and facts["agreements_signed"].unit == "count"
    tourists = facts["tourist_arrivals"]
    assert (tourists.value, tourists.qualifier, tourists.period) == (1.7e6, "more than", "2023")
    growth = [f for f in _facts(text) if f.measure == "growth_rate"]
    assert [(g.value, g.period) for g in growth] == [(21.8, "2023"), (-3.5, "2023-01/2023-10")]


def test_facts_ranks_with_direction_scope_and_ellipsis() -> None:
    text = (
        "China is Vietnam’s largest trading partner, while Vietnam is China’s biggest trading partner "
        "in the ASEAN bloc and the fourth-largest globally."
    )
    ranks = [(f.subject, f.value) for f in _facts(text) if f.measure == "trade_partner_rank"]
    assert ranks == [("CHN-VNM", 1.0), ("VNM-CHN/ASEAN", 1.0), ("VNM-CHN", 4.0)]
    fdi = _one("Japan is the third-largest source of FDI in Vietnam.", "investor_rank")
    assert (fdi.subject, fdi.value, fdi.unit, fdi.period) == ("JPN-VNM", 3.0, "rank", "2023")


def test_facts_one_of_the_largest_is_not_a_rank() -> None:
    assert not _facts("Japan is one of Vietnam's largest trading partners.")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("China and Vietnam deepened their Comprehensive Strategic Cooperative Partnership.", None),
        ("China and Vietnam hailed their comprehensive strategic partnership.", None),
        ("China and Vietnam will build a community of common destiny.", "community with a shared future"),
        ("China and Vietnam will build a community with a shared future.", "community with a shared future"),
    ],
)
def test_facts_status_wording_variants_are_normalised(text: str, label: str | None) -> None:
    fact = _one(text, "relationship_status")
    assert fact.value == (label or "comprehensive strategic cooperative partnership")
    assert fact.subject == "CHN-VNM" and fact.unit is None and fact.qualifier is None
    assert fact.evidence.text.lower() in text.lower()  # the wording as stated


def test_facts_status_label_depends_on_the_dyad() -> None:
    fact = _one(
        "The United States and Vietnam upgraded ties to a comprehensive strategic partnership.",
        "relationship_status",
    )
    assert (fact.subject, fact.value) == ("USA-VNM", "comprehensive strategic partnership")


def test_facts_status_since_dates() -> None:
    ties = _one("China and Vietnam established diplomatic ties in 1950.", "relationship_status")
    assert (ties.value, ties.period) == ("diplomatic relations", "since 1950")
    spanned = _one(
        "Building on a comprehensive strategic partnership that has spanned 15 years, China and Vietnam met.",
        "relationship_status",
    )
    assert spanned.period == "since 2008"
    assert not [
        f
        for f in _facts("Relations between China and Vietnam are good.")
        if f.measure == "relationship_status"
    ]


def test_facts_ids_are_stable() -> None:
    text = "Trade between China and Vietnam reached $171.9 billion in 2023."
    assert [f.id for f in _facts(text)] == [f.id for f in _facts(text)]


def test_facts_on_seed_articles(shared_dir: object) -> None:
    from pathlib import Path

    from comity import _api

    folder = Path(str(shared_dir)) / "corpus" / "seeds"
    found: list[Fact] = []
    for path in sorted(folder.glob("00[01]_*.txt")):
        found += _api.process_text(path.read_text(encoding="utf-8"), name=path.name).facts
    ranks = {(f.subject, f.value) for f in found if f.measure == "trade_partner_rank"}
    assert ("CHN-VNM", 1.0) in ranks and ("VNM-CHN", 4.0) in ranks
    trade = [f for f in found if f.measure == "trade_volume"]
    assert any(f.value == 234.9e9 and f.period == "2022" for f in trade)
    statuses = {f.value for f in found if f.measure == "relationship_status"}
    assert {"comprehensive strategic cooperative partnership", "community with a shared future"} <= statuses


def test_facts_status_per_partner_of_upgraded_relations() -> None:
    text = "Critics say Laos drifted from Vietnam because of its upgraded relations with China and Japan."
    found = [f for f in _facts(text) if f.measure == "relationship_status"]
    assert {(f.subject, f.value) for f in found} == {
        ("CHN-LAO", "relations upgraded"),
        ("JPN-LAO", "relations upgraded"),
    }
    assert [f.evidence.text for f in found] == ["upgraded relations", "upgraded relations"]
    # a level named as the result is the status, not a bare "upgraded"
    (level,) = [f for f in _facts("Japan and Vietnam upgraded ties to a strategic partnership.")]
    assert level.value == "strategic partnership"


def test_facts_regional_or_global_visions_are_not_a_bilateral_status() -> None:
    text = (
        "Their ties could be a model for an Asian community with a shared future "
        "and a community with a shared future for mankind."
    )
    assert not [f for f in _facts(text) if f.measure == "relationship_status"]
    assert _one("China and Vietnam will build a community with a shared future.", "relationship_status")


def test_facts_anniversary_and_duration_of_relations() -> None:
    text = "Leaders of China and Laos marked the 60th anniversary of diplomatic relations in 2021."
    (anniversary,) = _facts(text)
    assert (anniversary.measure, anniversary.value, anniversary.unit, anniversary.period) == (
        "anniversary", 60.0, "years", "2021"
    )  # fmt: skip
    years = _one("Vietnam and Japan celebrated 50 years of diplomatic ties in 2023.", "status_duration")
    assert (years.value, years.unit, years.period) == (50.0, "years", "1973/2023")
    spanned = _one(
        "China and Laos keep a strategic partnership that has spanned ten years.", "status_duration"
    )
    assert (spanned.value, spanned.period) == (10.0, "2013/2023")


def test_facts_undated_act_on_a_status_takes_the_previous_sentence_date() -> None:
    text = (
        "The Vietnamese party chief went to China in March 2019. "
        "Their joint statement agreed to deepen the comprehensive strategic cooperative partnership."
    )
    assert _one(text, "relationship_status").period == "2019-03"
    # a status merely mentioned keeps no borrowed date
    plain = "Trade grew in March 2019. China and Vietnam have a comprehensive strategic partnership."
    assert _one(plain, "relationship_status").period is None


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The US goods deficit with China narrowed to $279 billion in 2023.", "trade_deficit"),
        ("Its surplus with Vietnam reached $5 billion last year.", "trade_surplus"),
        ("The budget deficit reached $10 billion.", "other"),  # not a trade balance: no known measure
    ],
)
def test_trade_balances_without_the_word_trade(text: str, measure: str) -> None:
    assert [f.measure for f in facts_from_text(text, doc_id="d", date="2024-05-01")] == [measure]
