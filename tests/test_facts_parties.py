"""Who a figure or status is about, and money and percentages read right (comity.extract.facts)."""

from __future__ import annotations

import re

from comity.extract.facts.find import facts_from_text
from comity.records import Fact, Mention

NAMES = {"Japan": "JPN", "Philippines": "PHL", "United States": "USA", "Korea": "KOR", "ASEAN": None}
NAMES |= {
    "Thailand": "THA",
    "Vietnam": "VNM",
    "China": "CHN",
    "Chinese": "CHN",
    "Japanese": "JPN",
    "Philippine": "PHL",
    "Laos": "LAO",
}


def _mentions(text: str) -> list[Mention]:
    found = [
        Mention("d", m.start(), m.end(), name, "GPE", 0, country=iso, canonical=name)
        for name, iso in NAMES.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]
    return sorted(found, key=lambda m: m.start)


def _facts(text: str, host: str | None = None) -> list[Fact]:
    return facts_from_text(text, doc_id="d", date="2024-03-01", mentions=_mentions(text), host=host)


def _statuses(text: str, host: str | None = None) -> set[tuple[str, object]]:
    return {(f.subject, f.value) for f in _facts(text, host) if f.measure == "relationship_status"}


def test_alliance_commitments_to_two_partners_give_one_status_each() -> None:
    text = "Thailand welcomed the United States' ironclad alliance commitments to both Japan and the Philippines."
    assert _statuses(text) == {("JPN-USA", "ironclad alliance"), ("PHL-USA", "ironclad alliance")}


def test_alliances_between_coordinated_pairs() -> None:
    text = (
        "They reaffirmed the alliances between the United States and Japan, and the United States and Korea."
    )
    assert _statuses(text) == {("JPN-USA", "alliances"), ("KOR-USA", "alliances")}


def test_an_apposed_ally_is_paired_with_its_owner_not_the_article() -> None:
    assert _statuses("Vietnam said Japan, the Philippines' closest ally, will help.") == {
        ("JPN-PHL", "closest ally")
    }


def test_generic_allies_are_about_no_pair() -> None:
    assert _statuses("China warned the United States and its allies against meddling.") == set()


def test_a_readouts_our_is_its_publishing_government() -> None:
    assert _statuses("The President stands with our Philippine allies.", host="USA") == {
        ("PHL-USA", "allies")
    }


def test_an_organisations_partnership_stays_with_the_organisation() -> None:
    text = "Thailand hosted talks on the strategic partnership between the United States and ASEAN."
    assert _statuses(text) == {("ASEAN-USA", "strategic partnership")}


def test_a_defence_treaty_with_both_nations_named_before() -> None:
    text = "Japan and Korea are close. Both nations have a mutual defense treaty with the United States."
    assert _statuses(text) == {("JPN-USA", "mutual defense treaty"), ("KOR-USA", "mutual defense treaty")}


def _numbers(text: str) -> list[tuple[str, float | str | None, str | None, str | None]]:
    return [(f.measure, f.value, f.unit, f.qualifier) for f in _facts(text)]


def test_yen_sign_is_the_yen_in_a_sentence_about_japan_and_the_yuan_otherwise() -> None:
    assert ("other", 8e12, "JPY", None) in _numbers("Japan's defence budget will reach ¥8trn next year.")
    assert ("other", 5e9, "CNY", None) in _numbers("China set aside ¥5bn for the park.")


def test_a_range_gives_both_ends_and_a_vague_amount_its_lower_bound() -> None:
    found = _numbers("The deal aims at $30-40 billion in purchases.")
    assert {(v, q) for _, v, _, q in found} == {(30e9, "from"), (40e9, "up to")}
    vague = _numbers("Tariffs would hit hundreds of billions of dollars of goods.")
    assert (1e11, "vague lower bound") in {(v, q) for _, v, _, q in vague}
    assert all(v != 100 for _, v, _, _ in vague)


def test_a_market_index_move_is_not_a_growth_rate() -> None:
    assert _numbers("The S&P 500 index was down by nearly 4% on Monday.") == []
    assert ("growth_rate", 5.0, "percent", None) in _numbers("Vietnam's exports rose 5% last year.")


def test_tariffs_and_poll_shares_are_their_own_measures() -> None:
    measures = {m for m, *_ in _numbers("The United States imposed a 25% tariff on Chinese steel.")}
    assert measures == {"tariff_rate"}
    polled = {m for m, *_ in _numbers("A survey showed 60 percent of Thais viewed Japan favorably.")}
    assert polled == {"poll_share"}


def test_counts_of_vessels_and_troops_with_number_words() -> None:
    found = _numbers("Three Chinese warships and 240 Chinese ships were seen; 1,000 troops took part.")
    assert {(m, v) for m, v, _, _ in found} >= {("vessels", 3.0), ("vessels", 240.0), ("troops", 1000.0)}
    assert _numbers("Two people familiar with the talks said so.") == []


def test_points_fractions_and_earlier_levels_of_percentages() -> None:
    found = _numbers("The United States raised tariffs on Chinese goods by 20 percentage points.")
    assert ("tariff_rate", 20.0, "percentage points", None) in found
    shares = _numbers("Tariffs covered two-thirds of imports from China, down from 30% in 2017.")
    assert {(m, v) for m, v, _, _ in shares} == {("tariff_rate", 66.7), ("tariff_rate", 30.0)}


def test_years_since_the_last_meeting_and_a_year_anniversary() -> None:
    found = _numbers("Japan and Korea held the first such meeting of defence chiefs in six years.")
    assert ("years_since_last", 6.0, "years", None) in found
    text = "Japan and Vietnam marked the 10-year anniversary of their strategic partnership."
    facts = _facts(text)
    assert ("anniversary", 10.0) in {(f.measure, f.value) for f in facts}
    assert ("JPN-VNM", "strategic partnership") in _statuses(text)


def test_frameworks_of_the_main_powers_are_in_the_status_vocabulary() -> None:
    assert _statuses("China and Japan hailed their comprehensive strategic partnership of coordination.") == {
        ("CHN-JPN", "comprehensive strategic partnership of coordination")
    }
    assert _statuses("Thailand and the Philippines have a global strategic partnership.") == {
        ("PHL-THA", "global strategic partnership")
    }


def test_a_figure_is_about_the_parties_of_its_own_clause() -> None:
    text = "Japan lent $2 billion to Vietnam, and China gave $1 billion in aid to Laos."
    assert {(f.value, f.subject) for f in _facts(text)} == {(2e9, "JPN-VNM"), (1e9, "CHN-LAO")}


def test_a_percentage_reached_is_a_level_not_a_growth_rate() -> None:
    found = _numbers("Japan will raise defence spending to 2% of GDP by 2027.")
    assert [(m, v) for m, v, _, _ in found] == [("share", 2.0)]
