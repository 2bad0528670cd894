"""The document-level actor tracker (comity.extract.actors.tracker) and the event coder's use of it
(events/args.py, events/referents.py): later names, pronouns, groups and descriptions resolved
within a document, each with its basis. Sentences and documents written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from comity.extract.actors.kb import ActorKB, load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.actors.tracker import ActorTracker, Referent, readout_host, title_keys
from comity.extract.events.args import ActorFinder, Found, agent_noun
from comity.extract.events.rules import RulesCoder
from comity.records import ActorRef, Article, Event

WHITE_HOUSE = "The White House (U.S. government)"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_kb()


def person(start: int, sentence: int, text: str, country: str | None, *, subject: bool = False,
           titles: tuple[str, ...] = ()) -> Referent:  # fmt: skip
    code = f"{country}GOV" if country else None
    ref = ActorRef(text, text, country, "GOV" if country else None, code)
    return Referent(start, start + len(text), sentence, ref, True, titles, subject)


def country(kb: ActorKB, start: int, sentence: int, iso3: str, *, place: bool = False) -> Referent:
    ref = kb.country(iso3)
    assert ref is not None
    return Referent(start, start + 5, sentence, ref, place=place)


def fed(kb: ActorKB, *referents: Referent, host: ActorRef | None = None) -> ActorTracker:
    tracker = ActorTracker(kb, "2023-12-01", host)
    for r in referents:
        tracker.add(r)
    return tracker


# -- title keys and readout hosts ----------------------------------------------------------------


def test_a_vice_president_is_not_found_as_the_president(kb: ActorKB) -> None:
    assert title_keys("Vice President", kb) == ("vice president",)
    assert "president" in title_keys("the Chinese President", kb)


def test_title_keys_drop_country_words_and_honorifics(kb: ActorKB) -> None:
    assert title_keys("South Korea's defence minister", kb)[0] == "defence minister"
    assert title_keys("Mr.", kb) == ()


def test_secretary_of_state_is_also_the_secretary(kb: ActorKB) -> None:
    assert title_keys("Secretary of State", kb) == ("secretary of state", "secretary")


def test_a_government_outlet_publishes_a_readout_and_a_newspaper_does_not(kb: ActorKB) -> None:
    host = readout_host(WHITE_HOUSE, kb)
    assert host is not None and host.code == "USAGOV"
    assert readout_host("Ministry of Foreign Affairs of Japan", kb) is not None
    assert readout_host("The Daily Example", kb) is None


# -- persons: names, pronouns ---------------------------------------------------------------------


def test_a_short_name_is_the_person_named_before(kb: ActorKB) -> None:
    tracker = fed(kb, person(0, 0, "Anna Varga", "HUN", titles=("foreign minister", "minister")))
    recorded, resolution = tracker.add(person(40, 1, "Varga", None))
    assert recorded.ref.country == "HUN" and "foreign minister" in recorded.titles
    assert resolution is not None and resolution.explain() == "name <- Anna Varga"


def test_a_titled_official_unknown_to_the_kb_belongs_to_the_readouts_host(kb: ActorKB) -> None:
    host = readout_host(WHITE_HOUSE, kb)
    titled = person(0, 0, "Pat Quill", None, titles=("national security advisor",))
    recorded, resolution = fed(kb, host=host).add(titled)
    assert recorded.ref.country == "USA" and resolution is not None and resolution.basis == "readout host"
    recorded, resolution = fed(kb).add(titled)  # a news article: no host to fall back to
    assert recorded.ref.country is None and resolution is None


def test_he_is_a_subject_of_the_previous_sentence_before_a_later_object(kb: ActorKB) -> None:
    tracker = fed(kb, person(0, 0, "Wang Yi", "CHN", subject=True), person(12, 0, "Nguyen Phu Trong", "VNM"))
    found = tracker.person(40, 1)
    assert found is not None and found.actors[0].name == "Wang Yi" and found.basis == "pronoun"


def test_he_prefers_a_subject_of_its_own_sentence(kb: ActorKB) -> None:
    tracker = fed(
        kb,
        person(0, 0, "Wang Yi", "CHN", subject=True),
        person(30, 1, "Nguyen Phu Trong", "VNM", subject=True),
    )
    found = tracker.person(60, 1)
    assert found is not None and found.actors[0].name == "Nguyen Phu Trong"


def test_an_object_pronoun_is_not_the_subject_of_its_clause(kb: ActorKB) -> None:
    tracker = fed(
        kb,
        person(0, 0, "Rodrigo Duterte", "PHL", subject=True),
        person(40, 1, "Donald Trump", "USA", subject=True),
    )
    found = tracker.person(70, 1, exclude=frozenset({"Donald Trump"}))
    assert found is not None and found.actors[0].name == "Rodrigo Duterte"


def test_a_pronoun_walk_skips_non_persons_in_one_step(kb: ActorKB) -> None:
    """The person chain: many organisations after the person do not push it out of reach."""
    items = [person(0, 0, "Wang Yi", "CHN", subject=True)]
    items += [country(kb, 20 + 10 * i, 1 + i // 5, "VNM") for i in range(500)]
    found = fed(kb, *items).person(10_000, 101)
    assert found is not None and found.actors[0].name == "Wang Yi"


def test_referents_must_come_in_text_order(kb: ActorKB) -> None:
    tracker = fed(kb, country(kb, 50, 0, "CHN"))
    with pytest.raises(ValueError, match="text order"):
        tracker.add(country(kb, 0, 0, "VNM"))


# -- groups ---------------------------------------------------------------------------------------


def test_the_two_leaders_are_the_latest_persons_of_two_countries(kb: ActorKB) -> None:
    tracker = fed(
        kb,
        person(0, 0, "Joe Biden", "USA", titles=("president",)),
        person(20, 0, "Xi Jinping", "CHN", titles=("president",)),
        country(kb, 40, 1, "RUS"),
    )
    found = tracker.group(80, title="leader", count=2, text="the two leaders")
    assert found is not None and [a.country for a in found.actors] == ["USA", "CHN"]
    assert found.explain() == "group <- Joe Biden, Xi Jinping"


def test_the_three_leaders_are_three_persons(kb: ActorKB) -> None:
    tracker = fed(
        kb, person(0, 0, "A One", "USA"), person(10, 0, "B Two", "JPN"), person(20, 0, "C Three", "PHL")
    )
    found = tracker.group(60, title="leader", count=3, text="The three leaders")
    assert found is not None and [a.country for a in found.actors] == ["USA", "JPN", "PHL"]


def test_a_titled_group_keeps_to_holders_of_the_title(kb: ActorKB) -> None:
    tracker = fed(
        kb,
        person(0, 0, "Pat Quill", "USA", titles=("national security advisor",)),
        person(20, 0, "Ray Stone", "PHL", titles=("national security advisor",)),
        person(40, 1, "Lee Moor", "JPN", titles=("prime minister",)),
    )
    found = tracker.group(80, title="national security advisor", count=None, text="The Advisors")
    assert found is not None and [a.country for a in found.actors] == ["USA", "PHL"]


def test_both_sides_are_the_latest_two_countries_but_not_a_place(kb: ActorKB) -> None:
    tracker = fed(
        kb, country(kb, 0, 0, "CHN"), country(kb, 10, 0, "VNM"), country(kb, 20, 0, "THA", place=True)
    )
    found = tracker.countries(40, count=2, text="both sides")
    assert found is not None and [a.code for a in found.actors] == ["CHNGOV", "VNMGOV"]


def test_a_group_needs_two_countries(kb: ActorKB) -> None:
    tracker = fed(kb, person(0, 0, "A One", "USA"), person(10, 0, "B Two", "USA"))
    assert tracker.group(40, title="leader", count=2, text="the two leaders") is None


# -- descriptions ---------------------------------------------------------------------------------


def test_the_president_is_the_latest_president_not_the_vice_president(kb: ActorKB) -> None:
    tracker = fed(
        kb,
        person(0, 0, "Ann Lake", "USA", titles=("vice president",)),
        person(30, 0, "Ben Ford", "PHL", titles=("president",)),
    )
    found = tracker.described("president", 60, "the President")
    assert found is not None and found.actors[0].country == "PHL" and found.basis == "description"


def test_a_readouts_president_is_its_own_when_he_was_named(kb: ActorKB) -> None:
    host = readout_host(WHITE_HOUSE, kb)
    tracker = fed(
        kb,
        person(0, 0, "Ann Lake", "USA", titles=("president",)),
        person(30, 0, "Ben Ford", "PHL", titles=("president",)),
        host=host,
    )
    found = tracker.described("president", 60, "The President")
    assert found is not None and found.actors[0].country == "USA"


def test_a_readouts_unnamed_president_is_the_hosts_office_holder(kb: ActorKB) -> None:
    tracker = ActorTracker(kb, "2022-06-01", readout_host(WHITE_HOUSE, kb))
    found = tracker.described("president", 10, "The President")
    assert found is not None and found.basis == "readout host"
    assert found.actors[0].name == "Joe Biden" and found.actors[0].text == "The President"


def test_the_government_of_a_news_article_is_its_country_in_focus(kb: ActorKB) -> None:
    tracker = fed(kb, country(kb, 0, 0, "PHL"), country(kb, 10, 0, "CHN"), country(kb, 20, 1, "PHL"))
    found = tracker.described("government", 40, "the government")
    assert found is not None and found.actors[0].code == "PHLGOV" and found.basis == "country in focus"


def test_an_unnamed_office_holder_in_news_stays_unresolved(kb: ActorKB) -> None:
    tracker = fed(kb, country(kb, 0, 0, "PHL"))
    assert tracker.described("president", 40, "the president") is None


# -- in the event coder ---------------------------------------------------------------------------


def code(nlp: Any, text: str, *, outlet: str | None = None, date: str = "2023-12-01") -> list[Event]:
    article = Article(id="t", name="t", text=text, fmt="text", publication_date=date, outlet=outlet)
    doc = nlp(text)
    coder = RulesCoder(kb=load_kb())
    return coder.code(doc, article, mentions_from_doc(doc, article, coder.kb), [])


def sides(event: Event) -> tuple[list[str | None], list[str | None]]:
    return [a.country for a in event.source], [a.country for a in event.target]


def finder(nlp: Any, text: str, *, outlet: str | None = None) -> tuple[ActorFinder, Any]:
    article = Article(id="t", name="t", text=text, fmt="text", publication_date="2023-12-01")
    doc = nlp(text)
    kb = load_kb()
    mentions = mentions_from_doc(doc, article, kb)
    return ActorFinder(doc, mentions, kb, "2023-12-01", readout_host(outlet, kb)), doc


def token(doc: Any, word: str, nth: int = 0) -> Any:
    return [t for t in doc if t.text == word][nth]


def test_the_vice_president_and_the_president_of_a_readout(nlp: Any) -> None:
    text = (
        "Vice President Kamala Harris met today with President Rui Sol of the Philippines. "
        "The Vice President and the President discussed maritime security."
    )
    events = [e for e in code(nlp, text, outlet=WHITE_HOUSE) if e.sentence == 1]
    assert [sides(e) for e in events] == [(["USA"], ["PHL"])]


def test_the_two_leaders_discussed_is_a_pair_never_one_side_alone(nlp: Any) -> None:
    text = "Joe Biden spoke by phone with Fumio Kishida. The two leaders discussed trade."
    (event,) = [e for e in code(nlp, text) if e.sentence == 1]
    assert sides(event) == (["USA"], ["JPN"])


def test_a_later_mr_surname_is_the_person_named_before(nlp: Any) -> None:
    text = (
        "National Security Advisor Pat Quill of the Philippines met Joe Biden on Monday. "
        "Mr. Quill praised Japan."
    )
    (event,) = [e for e in code(nlp, text) if e.sentence == 1]
    assert sides(event) == (["PHL"], ["JPN"])


def test_the_national_security_advisors_are_the_two_holders_of_the_title(nlp: Any) -> None:
    text = (
        "National Security Advisor Pat Quill spoke with National Security Advisor Ray Stone of Japan. "
        "The National Security Advisors discussed maritime security."
    )
    (event,) = [e for e in code(nlp, text, outlet=WHITE_HOUSE) if e.sentence == 1]
    assert sides(event) == (["USA"], ["JPN"])


def test_an_object_pronoun_is_not_its_clause_subject_in_the_coder(nlp: Any) -> None:
    text = "Rodrigo Duterte spoke at length. Donald Trump praised him in a phone call."
    (event,) = [e for e in code(nlp, text, date="2017-06-01") if e.sentence == 1 and e.type == "SUPPORT"]
    assert sides(event) == (["USA"], ["PHL"])


def test_they_after_a_meeting_are_its_two_sides(nlp: Any) -> None:
    text = "Joe Biden met Fumio Kishida in Bangkok, Thailand. They discussed trade."
    (event,) = [e for e in code(nlp, text) if e.sentence == 1]
    assert sides(event) == (["USA"], ["JPN"])


def test_their_is_the_plural_phrase_of_its_sentence(nlp: Any) -> None:
    text = "Vietnamese fishermen said Chinese vessels rammed their boats."
    (event,) = [e for e in code(nlp, text) if e.type == "COERCE"]  # the speakers' accusation aside
    assert sides(event) == (["CHN"], ["VNM"])


def test_they_of_an_uncoded_group_gives_no_pair(nlp: Any) -> None:
    text = "China and Vietnam held talks. The rebels said they will release the hostages."
    (event,) = [e for e in code(nlp, text) if e.sentence == 1]
    assert [a.text for a in event.source] == ["The rebels"]


def test_we_in_a_readouts_own_voice_is_its_government(nlp: Any) -> None:
    found, doc = finder(nlp, "We welcomed the agreement.", outlet=WHITE_HOUSE)
    assert [a.code for a in found.find(token(doc, "We")).actors] == ["USAGOV"]
    text = "Vietnam's foreign minister said “we welcomed the agreement.”"
    found, doc = finder(nlp, text, outlet=WHITE_HOUSE)  # in quotation marks: the speaker's side
    assert [a.code for a in found.find(token(doc, "we")).actors] == ["VNMGOV"]


def test_an_organisation_with_a_country_word_is_coded(nlp: Any) -> None:
    found, doc = finder(nlp, "The Australian Department of Agriculture suspended imports from Vietnam.")
    assert [a.code for a in found.find(token(doc, "Department")).actors] == ["AUSGOV"]


def test_the_government_of_a_news_article_in_the_coder(nlp: Any) -> None:
    text = "The Philippines protested to China. The Philippines called the move illegal. The government deployed ships."
    found, doc = finder(nlp, text)
    resolved = found.find(token(doc, "government"))
    assert [a.code for a in resolved.actors] == ["PHLGOV"]
    assert resolved.basis == ("country in focus <- PHL",)


def test_each_resolution_records_its_basis(nlp: Any) -> None:
    found, doc = finder(nlp, "Wang Yi met Nguyen Phu Trong on Friday. He praised Vietnam.")
    resolved = found.find(token(doc, "He"))
    assert resolved == Found(resolved.actors, True, ("pronoun <- Wang Yi",))


def test_i_and_we_in_a_quotation_are_its_speaker_and_the_speakers_country(nlp: Any) -> None:
    text = "“Today President Xi and I discussed trade, and we will act,” Joe Biden said."
    found, doc = finder(nlp, text)
    assert [a.name for a in found.find(token(doc, "I")).actors] == ["Joe Biden"]
    assert [a.code for a in found.find(token(doc, "we")).actors] == ["USAGOV"]


def test_a_pronoun_outside_a_quotation_is_not_its_subject(nlp: Any) -> None:
    text = "Joe Biden spoke first. “President Xi agreed to act,” he added."
    found, doc = finder(nlp, text)
    assert [a.name for a in found.find(token(doc, "he")).actors] == ["Joe Biden"]


def test_a_talk_with_no_named_other_side_is_with_the_counterpart_of_the_meeting(kb: ActorKB) -> None:
    harris, marcos = person(0, 0, "Kamala Harris", "USA").ref, person(30, 0, "Ferdinand Marcos", "PHL").ref
    readout = ActorTracker(kb, "2022-11-21", readout_host(WHITE_HOUSE, kb))
    readout.meeting((harris,), (marcos,), 0)
    found = readout.counterpart((harris,), 6)
    assert found is not None and found.actors == (marcos,) and found.basis == "counterpart"
    assert readout.counterpart((harris,), 0) is None  # not the meeting itself
    news = ActorTracker(kb, "2022-11-21")
    news.meeting((harris,), (marcos,), 0)
    assert news.counterpart((harris,), 1) is not None
    assert news.counterpart((harris,), 6) is None  # too far back outside a readout


def test_he_may_be_a_person_the_kb_does_not_know_but_not_a_mislabelled_term(kb: ActorKB) -> None:
    tracker = fed(
        kb, person(0, 0, "Joe Biden", "USA", subject=True), person(30, 1, "Avi Stern", None, subject=True)
    )
    found = tracker.person(60, 2)
    assert found is not None and found.actors[0].name == "Avi Stern"
    tracker = fed(
        kb, person(0, 0, "Joe Biden", "USA", subject=True), person(30, 1, "COVID-19", None, subject=True)
    )
    found = tracker.person(60, 2)
    assert found is not None and found.actors[0].name == "Joe Biden"


def test_her_after_a_resolved_description_is_the_person_it_means(nlp: Any) -> None:
    text = (
        "Vice President Kamala Harris met with Prime Minister Fumio Kishida. "
        "The Vice President recalled her visit to Tokyo."
    )
    found, doc = finder(nlp, text, outlet=WHITE_HOUSE)
    assert [a.name for a in found.find(token(doc, "her")).actors] == ["Kamala Harris"]


def test_a_surname_spacy_took_for_an_organisation_is_the_person_named_before(nlp: Any) -> None:
    text = "Little work was done, said William Zarit, chairman of the American Chamber. Zarit said he hoped for a deal."
    found, doc = finder(nlp, text)  # the model labels the second "Zarit" an organisation
    assert [(a.text, a.country) for a in found.find(token(doc, "he")).actors] == [("Zarit", "USA")]


def test_they_after_a_meeting_of_three_are_all_three(kb: ActorKB) -> None:
    a, b, c = (
        person(i * 20, 0, n, k).ref
        for i, (n, k) in enumerate([("A One", "USA"), ("B Two", "PHL"), ("C Three", "JPN")])
    )
    tracker = ActorTracker(kb, "2023-12-01")
    tracker.meeting((a,), (b, c), 0)
    found = tracker.participants(1, "They")
    assert found is not None and [r.country for r in found.actors] == ["USA", "PHL", "JPN"]
    assert tracker.participants(4, "They") is None  # too far back


def test_a_list_misparsed_as_an_apposition_keeps_every_item(nlp: Any) -> None:
    text = (
        "Vice President Kamala Harris met President Ferdinand Marcos Jr. and Prime Minister Fumio Kishida. "
        "The Vice President, President Marcos, and Prime Minister Kishida discussed maritime security."
    )
    events = [e for e in code(nlp, text, outlet=WHITE_HOUSE, date="2023-09-06") if e.sentence == 1]
    assert any(sides(e) == (["USA"], ["PHL", "JPN"]) for e in events), [sides(e) for e in events]


def test_a_coordinated_group_noun_is_the_group_its_of_phrase_names(nlp: Any) -> None:
    found, doc = finder(nlp, "Japan and leaders of Southeast Asian nations agreed to expand trade.")
    assert [a.code for a in found.find(token(doc, "Japan")).actors] == ["JPNGOV", "IGO"]


def test_an_of_phrase_the_parser_hung_on_the_first_conjunct_names_the_group_after_it(nlp: Any) -> None:
    found, doc = finder(nlp, "Japan and leaders of Southeast Asian nations agreed to expand trade.")
    of = token(doc, "of")
    of.head = token(doc, "Japan")  # the small parser's reading in some real sentences
    assert of.head.text == "Japan"
    assert [a.code for a in found.find(token(doc, "Japan")).actors] == ["JPNGOV", "IGO"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("official", True),
        ("Officials", True),
        ("policemen", True),
        ("delegations", True),
        ("document", False),
    ],
)
def test_an_agent_noun_is_known_in_the_singular_and_regular_plurals(word: str, expected: bool) -> None:
    assert agent_noun(word) is expected


def test_an_agent_noun_check_takes_extra_words_in_their_plurals() -> None:
    assert not agent_noun("guests")
    assert agent_noun("guests", frozenset({"guest"}))
