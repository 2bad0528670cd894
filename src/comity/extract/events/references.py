"""References the document's actor tracker resolves for the event coder (not a stable API):
pronouns ("he", "they", "their"), "I" and "we" (the speaker in quotation marks, the publishing
government in a readout's own voice) and groups ("the two leaders", "both sides", "the country").

``References.resolve`` gives a ``Found`` for such a token, or None when it is none of these; the
``ActorFinder`` (``args.py``) asks it first for every argument token.

Pronouns: "he/she/his/her" -> the salient person (a person subject earlier in the sentence, else of
the sentence before, else the latest person; never the subject of the pronoun's own clause for an
object pronoun: "Trump praised him"; outside quotation marks never a subject inside them). "they"
-> see ``References._they``. "the two sides/both countries/the allies" -> the latest distinct
countries named, each as its government; "the two leaders/presidents" -> the latest persons of
distinct countries (with that title); "the country" -> the country named last.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comity.extract.actors.tracker import Resolution, person_key, title_keys
from comity.extract.events.referents import noun_phrase
from comity.extract.lexicon import lexicon
from comity.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from comity.extract.events.args import ActorFinder

__all__ = ["Found", "References"]

PERSON_PRONOUNS = lexicon("person_pronouns")
GROUP_PRONOUNS = lexicon("group_pronouns")
GROUP_NOUNS = lexicon("group_nouns")
DEFINITE_GROUP_NOUNS = lexicon("definite_group_nouns")
LEADER_NOUNS = lexicon("leader_nouns")
OFFICE_GROUP_NOUNS = lexicon("office_group_nouns")
DEFINITE_COUNTRY_NOUNS = lexicon("definite_country_nouns")
FIRST_PERSON_PLURAL = lexicon("first_person_plural")
FIRST_PERSON_SINGULAR = lexicon("first_person_singular")
REPORTING_VERBS = lexicon("quote_speaker_verbs")
#: How many a group word counts ("the three leaders"); a word->number table stays in code.
_GROUP_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


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


def _plural_phrase(token: Token, same_sentence: bool) -> bool:
    """May ``token`` head an antecedent of "they": a plural or coordinated subject, "they" again
    (in an earlier sentence the subject of its main clause only), and in the pronoun's own
    sentence any plural noun."""
    plural = token.tag_ in {"NNS", "NNPS"} or bool(token.conjuncts)
    if token.dep_ in _SUBJECT_DEPS:
        main = token.head.dep_ == "ROOT" or (token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT")
        return (plural or token.lower_ in GROUP_PRONOUNS) and (same_sentence or main)
    return same_sentence and token.tag_ in {"NNS", "NNPS"} and token.pos_ == "NOUN"


def _bare_count(token: Token) -> bool:
    """ "The two also discussed ...": a number with "the" and nothing else as a subject."""
    return (
        token.pos_ == "NUM"
        and token.lower_ in _GROUP_COUNTS
        and token.dep_ in _SUBJECT_DEPS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ == "prep" for c in token.children)  # "the two of them" is another phrase
    )


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


class References:
    """Pronouns, "I"/"we" and groups of one document, resolved through its ``ActorFinder``."""

    def __init__(self, finder: ActorFinder, quotes: list[tuple[int, int]], sentences: list[Span]) -> None:
        self.finder = finder
        self.quotes = quotes
        self.sentences = sentences
        self._depth = 0  # nesting of "they" -> an earlier "they"

    def resolve(self, token: Token) -> Found | None:
        """A pronoun, "we" of a readout or a group noun phrase, resolved; None when ``token`` is none
        of these."""
        word = token.lower_
        if word in PERSON_PRONOUNS and not self._in_name(token):
            resolution = self.finder.tracker.person(
                token.idx,
                self.finder.sentence_of[token.i],
                exclude=self._excluded(token),
                quoted=self.quote_around(token.idx) is not None,
            )
            return Found.of(resolution) or Found((), True)
        if token.tag_ in {"PRP", "PRP$"} and (word in FIRST_PERSON_PLURAL or word in FIRST_PERSON_SINGULAR):
            return self._first_person(token)  # the tag: "we", not "the US"
        plural = self._they(token) if word in GROUP_PRONOUNS else self._group(token)
        return replace(plural, group=len(plural.actors) >= 2) if plural is not None else None

    def _in_name(self, token: Token) -> bool:
        """Is this pronoun-like word part of a person's name ("Liu He")?"""
        mention = self.finder.mention_at(token)
        return mention is not None and mention.label == "PERSON" and token.pos_ == "PROPN"

    def _they(self, token: Token) -> Found:
        """ "they", "their", "them", "both": a subject "they" is first the actors of two countries
        or more named before it in its sentence ("X met Y, where they announced ..."); a possessive
        or object first the latest plural noun phrase of its sentence that names actors ("spotted
        Chinese ships, denouncing their presence"). Then the latest plural subject of the two
        sentences before ("The two leaders met. They ..."), everyone at a meeting told in them
        ("X met Y and Z. They ..."), the two latest persons of two countries in them, and last
        the two latest countries named."""
        sentence = self.finder.sentence_of[token.i]
        subject = token.dep_ in _SUBJECT_DEPS
        if subject:
            found = Found.of(self.finder.tracker.named_in_sentence(token.idx, sentence, token.text))
            found = found or self._plural_antecedent(token, same_sentence=True)
        else:
            found = self._plural_antecedent(token, same_sentence=True)
            found = found or Found.of(self.finder.tracker.named_in_sentence(token.idx, sentence, token.text))
        found = found or self._plural_antecedent(token, same_sentence=False)
        if found is not None:
            return found
        resolution = (
            self.finder.tracker.participants(sentence, token.text)
            or self.finder.tracker.recent_people(token.idx, sentence - 2, token.text)
            or self.finder.tracker.countries(token.idx, count=2, text=token.text)
        )
        return Found.of(resolution) or Found((), True)

    def _plural_antecedent(self, token: Token, *, same_sentence: bool) -> Found | None:
        """The latest plural antecedent of "they": in its own sentence (``same_sentence``) a plural
        noun phrase naming actors, or an uncoded plural subject ("the rebels said they ...": then
        no actors); in the two sentences before, the plural subject of a main clause (a
        coordination, a group or "they" again) naming actors of two countries or more."""
        if self._depth >= 2:
            return None
        n = self.finder.sentence_of[token.i]
        own_subject = _clause_subject(token)
        sentences = self.sentences[n : n + 1] if same_sentence else self.sentences[max(0, n - 2) : n]
        self._depth += 1
        try:
            for sent in reversed(sentences):
                for candidate in reversed(
                    [t for t in sent if t.i < token.i and _plural_phrase(t, same_sentence)]
                ):
                    if own_subject is not None and candidate.i == own_subject.i:
                        continue  # "Chinese vessels rammed their boats": not the vessels' own boats
                    found = self.finder.find(candidate)
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
        leaders", "both presidents", "the Vice Presidents" -> persons (with that title); a bare
        "the two" or "the three" as a subject ("The two also discussed ...") -> like "the two leaders"."""
        if _bare_count(token):
            return Found.of(
                self.finder.tracker.group(
                    token.idx, title="leader", count=_GROUP_COUNTS[token.lower_], text=token.text
                )
            )
        if token.pos_ not in {"NOUN", "PROPN"} or self.finder.coded_mention(token):
            return None
        counts = [_GROUP_COUNTS[c.lower_] for c in token.children if c.lower_ in _GROUP_COUNTS]
        count = counts[0] if counts else None
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        text = noun_phrase(token)
        word = token.lower_
        bare = all(c.dep_ in {"det", "case"} for c in token.lefts)  # "the country", not "the first country"
        if word in DEFINITE_COUNTRY_NOUNS and definite and bare and count is None:
            return Found.of(self.finder.tracker.countries(token.idx, count=1, text=text)) or Found((), True)
        # "the two sides", "both countries"; "a tour of five Asian nations" introduces new ones
        pointing = definite or any(c.lower_ == "both" for c in token.children)
        described = any(c.dep_ == "amod" for c in token.children)
        if (word in GROUP_NOUNS and count is not None and (pointing or not described)) or (
            word in DEFINITE_GROUP_NOUNS and (definite or count)
        ):
            return Found.of(self.finder.tracker.countries(token.idx, count=count, text=text)) or Found(
                (), True
            )
        plural = token.tag_ in {"NNS", "NNPS"} or (
            token.tag_ == "NNP" and re.search(r"[^s]s$", word) is not None
        )
        if not plural or not (count or definite) or self._owned_group(token):
            return None
        if word in LEADER_NOUNS:
            return Found.of(self.finder.tracker.group(token.idx, title="leader", count=count, text=text))
        title = self._known_title(token)
        if title is None and word not in OFFICE_GROUP_NOUNS:
            return None
        return Found.of(self.finder.tracker.group(token.idx, title=title or "leader", count=count, text=text))

    def _known_title(self, token: Token) -> str | None:
        """The title a plural title noun names, held by someone named before: "the National
        Security Advisors" -> "national security advisor"; an acronym by the initials of such a
        title ("the three NSAs")."""
        tracker = self.finder.tracker
        keys = title_keys(self._singular_title(token), self.finder.kb)
        if keys and tracker.knows_title(keys[0]):
            return keys[0]
        acronym = re.fullmatch(r"([A-Z]{2,5})s", token.text)
        return tracker.title_with_initials(acronym.group(1).lower()) if acronym else None

    def _owned_group(self, token: Token) -> bool:
        """ "the leaders of ASEAN", "the ministers from Japan", "the Japanese and Korean defence
        ministers": the phrase names whose they are; it is no reference back to people named before."""
        if any(self.finder.mention_at(t) is not None for t in token.doc[token.left_edge.i : token.i]):
            return True
        return any(
            prep.dep_ == "prep" and prep.lower_ in {"of", "from"} and self.finder.mention_at(pobj) is not None
            for prep in token.children
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        )

    def _singular_title(self, token: Token) -> str:
        """ "the National Security Advisors" -> "National Security Advisor"."""
        words = [c.text for c in token.lefts if c.dep_ in {"compound", "amod"}]
        lemma = token.lemma_ if token.lemma_ and token.lemma_.lower() != token.lower_ else token.text[:-1]
        return " ".join([*words, lemma])

    def _excluded(self, token: Token) -> frozenset[str]:
        """For an object pronoun, the person the subject of its own clause names (whom it cannot
        refer to: "Trump praised him", "Xi told him"; a verb coordinated with one before shares
        its subject: "X called Y a friend and thanked him")."""
        if token.dep_ not in _OBJECT_DEPS:
            return frozenset()
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        while subject is None and verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return frozenset()
        if subject.lower_ in PERSON_PRONOUNS:
            resolution = self.finder.tracker.person(subject.idx, self.finder.sentence_of[subject.i])
            return frozenset(person_key(a) for a in resolution.actors) if resolution else frozenset()
        mention = self.finder.mention_at(subject)
        coded = self.finder.coded(mention) if mention is not None else None
        return (
            frozenset({person_key(coded.ref)}) if coded is not None and coded.ref is not None else frozenset()
        )

    def _first_person(self, token: Token) -> Found:
        """ "I"/"we" in quotation marks: the speaker (for "we" the speaker's country); "I"/"we" in an
        official text's own voice (a readout, a leader's statement: "I congratulate President To
        Lam"): the publishing government."""
        quote = self.quote_around(token.idx)
        if quote is None:
            return Found.of(self.finder.tracker.host_side(token.text)) or Found()
        speaker = self._speaker(quote)
        if speaker is None:
            return Found((), True)
        actors = speaker.actors
        if token.lower_ in FIRST_PERSON_PLURAL:
            countries = dict.fromkeys(a.country for a in actors if a.country)
            actors = tuple(r for c in countries if (r := self.finder.kb.country(c)) is not None)
        basis = (f"speaker <- {', '.join(a.text for a in speaker.actors)}",)
        return Found(tuple(replace(a, text=token.text) for a in actors), True, basis)

    def quote_around(self, offset: int) -> tuple[int, int] | None:
        """The quotation (start, end offsets of its marks) that ``offset`` is in, if any."""
        n = bisect.bisect_right(self.quotes, (offset, offset)) - 1
        if n >= 0 and self.quotes[n][0] < offset < self.quotes[n][1]:
            return self.quotes[n]
        return None

    def _speaker(self, quote: tuple[int, int]) -> Found | None:
        """Who says the quotation: the coded subject, outside it, of a reporting verb in the
        sentence where it ends, where it starts, the next one ("...," Trump said) or the one
        before (a quotation that goes on from the speaker's last)."""
        first, last = (self._sentence_at(offset) for offset in quote)
        for n in dict.fromkeys((last, first, last + 1, first - 1)):
            if not 0 <= n < len(self.sentences):
                continue
            for verb in self.sentences[n]:
                if verb.lemma_ not in REPORTING_VERBS or quote[0] <= verb.idx <= quote[1]:
                    continue
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None and not quote[0] <= subject.idx <= quote[1]:
                    found = self.finder.find(subject)
                    if found.actors:
                        return found
        return None

    def _sentence_at(self, offset: int) -> int:
        span = self.finder.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return self.finder.sentence_of[span.start] if span is not None else -1
