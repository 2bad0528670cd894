"""Event participants: from parse tokens to coded ``ActorRef``s (not a stable API).

An argument token is coded, in order, as: a reference the document's actor tracker resolves
(``comity.extract.actors.tracker``: a pronoun, a group such as "the two leaders" or "both sides",
"we" in a readout's own voice); the mention that covers it, as coded when the tracker was fed
(``referents.py``: KB, title, earlier mention of the same name, readout host); a person in
apposition ("the General Secretary ..., Nguyen Phu Trong"); a description coded through the KB
("the Vietnamese Prime Minister"); a description without a country that the tracker resolves
("the President", "the government": the latest holder, else in a readout the publishing
government's); a vessel for its operator; and, for targets only, a possessor ("Vietnam's choice").
Coordinated arguments ("China and Vietnam") give several actors.

Pronouns: "he/she/his/her" -> the salient person (a person subject earlier in the sentence, else
of the two sentences before, else the latest person; never the subject of the pronoun's own clause
for an object pronoun: "Trump praised him"); "they/their/both" and "the two sides/both countries/
the allies" -> the latest distinct countries named before it, each as its government; "the two
leaders/presidents" -> the latest persons of distinct countries (with that title).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comity.extract.actors.kb import ActorKB
from comity.extract.actors.tracker import Resolution, person_key, title_keys
from comity.extract.events.patterns import lemma_candidates
from comity.extract.events.referents import ACTOR_LABELS, noun_phrase, quotations, track_document
from comity.extract.lexicon import lexicon
from comity.nlp import doc_sentences, doc_text
from comity.records import ActorRef, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ActorFinder", "Found"]

PERSON_PRONOUNS = lexicon("person_pronouns")
GROUP_PRONOUNS = lexicon("group_pronouns")
GROUP_NOUNS = lexicon("group_nouns")
PAIR_WORDS = lexicon("pair_words")
DEFINITE_GROUP_NOUNS = lexicon("definite_group_nouns")
LEADER_NOUNS = lexicon("leader_nouns")
DEFINITE_COUNTRY_NOUNS = lexicon("definite_country_nouns")
FIRST_PERSON_PLURAL = lexicon("first_person_plural")
FIRST_PERSON_SINGULAR = lexicon("first_person_singular")
REPORTING_VERBS = lexicon("reporting_verbs")
CRAFT_NOUNS = lexicon("craft_nouns")
NAME_SUFFIXES = lexicon("name_suffixes")
#: How many a group word counts ("the three leaders"); a word->number table stays in code.
_GROUP_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MEMBER_PREPS = frozenset({"from", "of"})  # "chiefs from X and Y", "the leaders of X and Y"


def _a_list(token: Token) -> bool:
    """Is ``token`` the head of a list "A, B, and C" that the parser hung B on as an apposition
    (it has both an apposition and a coordinated item)?"""
    return any(c.dep_ == "appos" for c in token.children) and any(c.dep_ == "conj" for c in token.children)


def _plural_phrase(token: Token, same_sentence: bool) -> bool:
    """May ``token`` head an antecedent of "they": a plural or coordinated subject, "they" again
    (in an earlier sentence the subject of its main clause only), and in the pronoun's own
    sentence any plural noun."""
    plural = token.tag_ in {"NNS", "NNPS"} or bool(token.conjuncts)
    if token.dep_ in _SUBJECT_DEPS:
        main = token.head.dep_ == "ROOT" or (token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT")
        return (plural or token.lower_ in GROUP_PRONOUNS) and (same_sentence or main)
    return same_sentence and token.tag_ in {"NNS", "NNPS"} and token.pos_ == "NOUN"


def _clause_subject(token: Token) -> Token | None:
    """The subject of the verb whose object or complement holds ``token`` ("their" in "Chinese
    vessels rammed their boats" -> "vessels"); None for a subject pronoun."""
    if token.dep_ in _SUBJECT_DEPS:
        return None
    current = token
    for _ in range(4):
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
        if current.head.i == current.i:
            break
    return None


@dataclass(frozen=True, slots=True)
class Found:
    """Actors for one argument, whether a reference was resolved to find them, on what basis
    (``Resolution.explain`` of each: "pronoun <- Wang Yi", "readout host"), and whether they
    are one plural reference ("the two leaders", "they"): the sides of what they do together."""

    actors: tuple[ActorRef, ...] = ()
    resolved: bool = False
    basis: tuple[str, ...] = ()
    group: bool = False

    def __add__(self, other: Found) -> Found:
        seen = {(a.name or a.text, a.code) for a in self.actors}
        extra = tuple(a for a in other.actors if (a.name or a.text, a.code) not in seen)
        group = (self.group and not other.actors) or (other.group and not self.actors)
        return Found(self.actors + extra, self.resolved or other.resolved, self.basis + other.basis, group)

    @classmethod
    def of(cls, resolution: Resolution | None) -> Found | None:
        if resolution is None:
            return None
        return cls(resolution.actors, True, (resolution.explain(),))


class ActorFinder:
    """Codes argument tokens of one document (see the module docstring)."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        kb: ActorKB,
        date: str | None,
        host: ActorRef | None = None,
    ) -> None:
        self.doc = doc
        self.kb = kb
        self.date = date
        tracked, self._by_token = track_document(doc, mentions, kb, date, host)
        self.tracker = tracked.tracker
        self._coded = tracked.coded
        self._sentence_of = tracked.sentence_of
        self._quotes = quotations(doc_text(doc))
        self._sentences = doc_sentences(doc)
        self._depth = 0  # nesting of "they" -> an earlier "they"

    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def find(self, token: Token, *, possessor: bool = False) -> Found:
        """Actors of ``token`` and of the tokens coordinated with it."""
        found = Found()
        for left in token.lefts:  # "A and B signed" misparsed as an "A and" modifier of B
            if left.dep_ == "nmod" and any(c.dep_ == "cc" for c in left.children):
                found = found + self._one(left, possessor=possessor)
        found = found + self._one(token, possessor=possessor)
        appositions = [c for c in token.children if c.dep_ == "appos"]
        listed = appositions if _a_list(token) else []  # "A, B, and C" misparsed as "A (, B), and C"
        for conj in [*listed, *token.conjuncts, *(c for a in appositions for c in a.conjuncts)]:
            if conj.i > token.i:  # "X, Jr. and Y": the coordination hung on the apposition
                found = found + self._one(conj, possessor=possessor)
        return found

    def _one(self, token: Token, *, possessor: bool) -> Found:
        reference = self._reference(token)
        if reference is not None:
            return reference
        if token.lower_.strip(".") in NAME_SUFFIXES:  # "Joseph R. Biden, Jr." parsed onto "Jr."
            name = next((c for c in token.lefts if self._coded_mention(c)), None)
            if name is not None:
                return self._one(name, possessor=possessor)
        mention = self.mention_at(token)
        if mention is not None and mention.label in ACTOR_LABELS:
            coded = self._coded.get(mention.start)
            if coded is None or coded.ref is None:  # "the Department of Foreign Affairs": a description
                return (Found.of(self._description(token)) if mention.label == "ORG" else None) or Found()
            if coded.resolution is None:
                return Found((coded.ref,))
            return Found((coded.ref,), True, (coded.resolution.explain(),))
        for child in token.children:
            if child.dep_ == "appos" and self.mention_at(child) is not None and not _a_list(token):
                return self._one(child, possessor=possessor)

        members = self._members(token)
        if members is not None:
            return members
        described = self.kb.describe(noun_phrase(token), date=self.date) if self._role_head(token) else None
        if described is not None and described.country is not None and described.sector is not None:
            return Found(self._per_country(token, described))
        if described is not None and described.country is None:
            found = self._owned(token, described) or Found.of(self._description(token))
            if found is not None:
                return found
        operator = self._operator(token)
        if operator is not None:
            return Found((operator,))
        if possessor:
            for child in token.children:
                if (
                    child.dep_ == "poss" and child.lower_ not in FIRST_PERSON_PLURAL
                ):  # "our partnership with Y"
                    return self._one(child, possessor=False)
            for prep in token.rights:
                pobj = (
                    next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if prep.lower_ == "of"
                    else None
                )
                if pobj is not None and self.mention_at(pobj) is not None:
                    return self._one(pobj, possessor=False)
        return Found()

    # -- references the tracker resolves ----------------------------------------------------------

    def _reference(self, token: Token) -> Found | None:
        """A pronoun, "we" of a readout or a group noun phrase, resolved; None when ``token`` is none
        of these."""
        word = token.lower_
        if word in PERSON_PRONOUNS:
            resolution = self.tracker.person(
                token.idx,
                self._sentence_of[token.i],
                exclude=self._clause_subject(token),
                quoted=self._quote_around(token.idx) is not None,
            )
            return Found.of(resolution) or Found((), True)
        if token.tag_ in {"PRP", "PRP$"} and (word in FIRST_PERSON_PLURAL or word in FIRST_PERSON_SINGULAR):
            return self._first_person(token)  # the tag: "we", not "the US"
        plural = self._they(token) if word in GROUP_PRONOUNS else self._group(token)
        return replace(plural, group=len(plural.actors) >= 2) if plural is not None else None

    def _they(self, token: Token) -> Found:
        """ "they", "their", "them", "both": a subject "they" is first the actors of two countries
        or more named before it in its sentence ("X met Y, where they announced ..."); a possessive
        or object first the latest plural noun phrase of its sentence that names actors ("spotted
        Chinese ships, denouncing their presence"). Then the latest plural subject of the two
        sentences before ("The two leaders met. They ..."), everyone at a meeting told in them
        ("X met Y and Z. They ..."), the two latest persons of two countries in them, and last
        the two latest countries named."""
        sentence = self._sentence_of[token.i]
        subject = token.dep_ in _SUBJECT_DEPS
        if subject:
            found = Found.of(self.tracker.named_in_sentence(token.idx, sentence, token.text))
            found = found or self._plural_antecedent(token, same_sentence=True)
        else:
            found = self._plural_antecedent(token, same_sentence=True)
            found = found or Found.of(self.tracker.named_in_sentence(token.idx, sentence, token.text))
        found = found or self._plural_antecedent(token, same_sentence=False)
        if found is not None:
            return found
        resolution = (
            self.tracker.participants(sentence, token.text)
            or self.tracker.recent_people(token.idx, sentence - 2, token.text)
            or self.tracker.countries(token.idx, count=2, text=token.text)
        )
        return Found.of(resolution) or Found((), True)

    def _plural_antecedent(self, token: Token, *, same_sentence: bool) -> Found | None:
        """The latest plural antecedent of "they": in its own sentence (``same_sentence``) a plural
        noun phrase naming actors, or an uncoded plural subject ("the rebels said they ...": then
        no actors); in the two sentences before, the plural subject of a main clause (a
        coordination, a group or "they" again) naming actors of two countries or more."""
        if self._depth >= 2:
            return None
        n = self._sentence_of[token.i]
        own_subject = _clause_subject(token)
        sentences = self._sentences[n : n + 1] if same_sentence else self._sentences[max(0, n - 2) : n]
        self._depth += 1
        try:
            for sent in reversed(sentences):
                for candidate in reversed(
                    [t for t in sent if t.i < token.i and _plural_phrase(t, same_sentence)]
                ):
                    if own_subject is not None and candidate.i == own_subject.i:
                        continue  # "Chinese vessels rammed their boats": not the vessels' own boats
                    found = self.find(candidate)
                    countries = {a.country for a in found.actors if a.country}
                    if not found.actors and same_sentence and candidate.dep_ in _SUBJECT_DEPS:
                        return Found((), True)  # "the rebels said they ...": an uncoded group
                    if len(countries) >= 2 or (countries and same_sentence):
                        actors = tuple(replace(a, text=token.text) for a in found.actors)
                        return Found(actors, True, (f"plural antecedent <- {candidate.text}", *found.basis))
        finally:
            self._depth -= 1
        return None

    def _group(self, token: Token) -> Found | None:
        """ "the two sides", "both countries", "the allies" -> countries in focus; "the two
        leaders", "both presidents", "the Vice Presidents" -> persons (with that title)."""
        if token.pos_ not in {"NOUN", "PROPN"} or self._coded_mention(token):
            return None
        counts = [_GROUP_COUNTS[c.lower_] for c in token.children if c.lower_ in _GROUP_COUNTS]
        count = counts[0] if counts else None
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        text = noun_phrase(token)
        word = token.lower_
        if word in DEFINITE_COUNTRY_NOUNS and definite and count is None:
            return Found.of(self.tracker.countries(token.idx, count=1, text=text)) or Found((), True)
        if (word in GROUP_NOUNS and count is not None) or (
            word in DEFINITE_GROUP_NOUNS and (definite or count)
        ):
            return Found.of(self.tracker.countries(token.idx, count=count, text=text)) or Found((), True)
        plural = token.tag_ in {"NNS", "NNPS"} or (
            token.tag_ == "NNP" and re.search(r"[^s]s$", word) is not None
        )
        if not plural or not (count or definite):
            return None
        if word in LEADER_NOUNS:
            return Found.of(self.tracker.group(token.idx, title="leader", count=count, text=text))
        keys = title_keys(self._singular_title(token), self.kb)
        if not keys or not self.tracker.knows_title(keys[0]):
            return None
        return Found.of(self.tracker.group(token.idx, title=keys[0], count=count, text=text))

    def _coded_mention(self, token: Token) -> bool:
        """Is ``token`` in a mention coded as an actor (not "the National Security Advisors", a
        title spaCy took for an organisation)?"""
        mention = self.mention_at(token)
        coded = self._coded.get(mention.start) if mention is not None else None
        return coded is not None and coded.ref is not None

    def _singular_title(self, token: Token) -> str:
        """ "the National Security Advisors" -> "National Security Advisor"."""
        words = [c.text for c in token.lefts if c.dep_ in {"compound", "amod"}]
        lemma = token.lemma_ if token.lemma_ and token.lemma_.lower() != token.lower_ else token.text[:-1]
        return " ".join([*words, lemma])

    def _owned(self, token: Token, described: ActorRef) -> Found | None:
        """A role whose possessor is a reference to one country ("the country's longtime
        leader", "its navy"): that country with the role's sector."""
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or self.mention_at(owner) is not None:
            return None
        found = self.find(owner)
        countries = {a.country for a in found.actors if a.country}
        if len(countries) != 1:
            return None
        country = countries.pop()
        sector = described.sector or ""
        ref = ActorRef(noun_phrase(token), country=country, sector=described.sector, code=country + sector)
        return Found((ref,), True, found.basis)

    def _description(self, token: Token) -> Resolution | None:
        """ "the President", "the government": a definite description without a country."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        phrase = noun_phrase(token)
        keys = title_keys(phrase, self.kb)
        return self.tracker.described(keys[0], token.idx, phrase) if keys else None

    def _clause_subject(self, token: Token) -> frozenset[str]:
        """For an object pronoun, the person the subject of its own clause names (whom it cannot
        refer to: "Trump praised him", "Xi told him")."""
        if token.dep_ not in _OBJECT_DEPS:
            return frozenset()
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return frozenset()
        if subject.lower_ in PERSON_PRONOUNS:
            resolution = self.tracker.person(subject.idx, self._sentence_of[subject.i])
            return frozenset(person_key(a) for a in resolution.actors) if resolution else frozenset()
        mention = self.mention_at(subject)
        coded = self._coded.get(mention.start) if mention is not None else None
        return (
            frozenset({person_key(coded.ref)}) if coded is not None and coded.ref is not None else frozenset()
        )

    def _first_person(self, token: Token) -> Found:
        """ "I"/"we" in quotation marks: the speaker (for "we" the speaker's country); "we" in an
        official readout's own voice: the publishing government."""
        quote = self._quote_around(token.idx)
        if quote is None:
            side = self.tracker.host_side(token.text) if token.lower_ in FIRST_PERSON_PLURAL else None
            return Found.of(side) or Found()
        speaker = self._speaker(quote)
        if speaker is None:
            return Found((), True)
        actors = speaker.actors
        if token.lower_ in FIRST_PERSON_PLURAL:
            countries = dict.fromkeys(a.country for a in actors if a.country)
            actors = tuple(r for c in countries if (r := self.kb.country(c)) is not None)
        basis = (f"speaker <- {', '.join(a.text for a in speaker.actors)}",)
        return Found(tuple(replace(a, text=token.text) for a in actors), True, basis)

    def _quote_around(self, offset: int) -> tuple[int, int] | None:
        """The quotation (start, end offsets of its marks) that ``offset`` is in, if any."""
        n = bisect.bisect_right(self._quotes, (offset, offset)) - 1
        if n >= 0 and self._quotes[n][0] < offset < self._quotes[n][1]:
            return self._quotes[n]
        return None

    def _speaker(self, quote: tuple[int, int]) -> Found | None:
        """Who says the quotation: the coded subject, outside it, of a reporting verb in the
        sentence where it ends, where it starts, the next one ("...," Trump said) or the one
        before (a quotation that goes on from the speaker's last)."""
        first, last = (self._sentence_at(offset) for offset in quote)
        for n in dict.fromkeys((last, first, last + 1, first - 1)):
            if not 0 <= n < len(self._sentences):
                continue
            for verb in self._sentences[n]:
                if verb.lemma_ not in REPORTING_VERBS or quote[0] <= verb.idx <= quote[1]:
                    continue
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None and not quote[0] <= subject.idx <= quote[1]:
                    found = self.find(subject)
                    if found.actors:
                        return found
        return None

    def _sentence_at(self, offset: int) -> int:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return self._sentence_of[span.start] if span is not None else -1

    # -- descriptions, vessels ----------------------------------------------------------------------

    def _members(self, token: Token) -> Found | None:
        """People or bodies of several countries: "defence chiefs from the United States, South
        Korea and Japan", "the leaders of Japan and South Korea", "the two countries' ministers"
        -> one actor per country (with the sector of the role noun); None for anything else."""
        if token.tag_ not in {"NNS", "NNPS"} or token.pos_ != "NOUN":
            return None
        owners = [c for c in token.children if c.dep_ == "poss"]
        owners += [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in _MEMBER_PREPS
                   for p in prep.children if p.dep_ == "pobj"]  # fmt: skip
        sector = self.kb.role_sector(token.lower_)
        for owner in owners:
            found = self.find(owner)
            countries = list(dict.fromkeys(a.country for a in found.actors if a.country))
            if len(countries) < 2:
                continue
            refs = [self.kb.country(c) for c in countries]
            actors = tuple(
                replace(
                    r,
                    text=noun_phrase(token),
                    sector=sector or r.sector,
                    code=r.country + (sector or r.sector or ""),
                )
                for r in refs
                if r is not None and r.country
            )
            return Found(actors, found.resolved, found.basis, group=True)
        return None

    def _per_country(self, token: Token, described: ActorRef) -> tuple[ActorRef, ...]:
        """ "Chinese and Vietnamese coast guards" -> one actor per coordinated country word."""
        countries: list[str] = []
        for child in token.lefts:
            for tok in (child, *child.conjuncts):
                mention = self.mention_at(tok)
                if mention is not None and mention.country and mention.country not in countries:
                    countries.append(mention.country)
        if len(countries) < 2:
            return (described,)
        sector = described.sector or ""
        return tuple(replace(described, country=c, code=c + sector) for c in countries)

    def _operator(self, token: Token) -> ActorRef | None:
        """A vessel or aircraft stands for its operator: "Chinese coast guard vessels" -> CHN MIL,
        "a Vietnamese fishing boat" -> VNM (CVL via roles.csv), from the modifiers before it."""
        if token.pos_ != "NOUN" or not lemma_candidates(token.text, verbal=False) & CRAFT_NOUNS:
            return None
        start = min((c.left_edge.i for c in token.lefts), default=token.i)
        if start == token.i:
            return None
        modifiers = self.doc[start : token.i].text
        described = self.kb.describe(modifiers, date=self.date)
        if described is not None and described.country is not None:
            return replace(described, text=noun_phrase(token))
        country = next(
            (m.country for t in self.doc[start : token.i] if (m := self.mention_at(t)) and m.country), None
        )
        return ActorRef(noun_phrase(token), country=country, code=country) if country else None

    def _role_head(self, token: Token) -> bool:
        """Is the head noun (with its compounds) a role noun ("spokesperson", "coast guard")?"""
        words = [c.text for c in token.lefts if c.dep_ == "compound"] + [token.text]
        return any(self.kb.role_sector(" ".join(words[i:])) for i in range(len(words)))
