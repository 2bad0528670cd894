"""Event participants: from parse tokens to coded ``ActorRef``s (not a stable API).

An argument token is coded, in order, as: a reference the document's actor tracker resolves
(``references.py``: a pronoun, "I"/"we", a group such as "the two leaders" or "both sides"); the
mention that covers it, as coded when the tracker was fed (``referents.py``: KB, title, earlier
mention of the same name, readout host); a person in apposition ("the General Secretary ...,
Nguyen Phu Trong"); people of several countries ("chiefs from X, Y and Z"); a description coded
through the KB ("the Vietnamese Prime Minister"), its possessor ("the country's leader") or the
tracker ("the President", "the government": the latest holder, else in a readout the publishing
government's, else for a state body the country in focus); a vessel for its operator; a group or body of a nationality ("Syrian rebels", "a Tunisian
court"); and, for
targets only, a possessor ("Vietnam's choice"); the hosts of a visit that names none, from the same
visitor's last visit told (``visit_hosts``); a counterpart of the nationality its modifiers
name ("his Vietnamese counterpart": Vietnam's government, not the possessor's). Coordinated arguments ("China and Vietnam") give
several actors; so does a list the parser hung on an apposition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.actors.kb import ActorKB
from comity.extract.actors.tracker import Resolution, title_keys
from comity.extract.events.patterns import lemma_candidates, prep_objects
from comity.extract.events.references import Found, References
from comity.extract.events.referents import ACTOR_LABELS, Coded, noun_phrase, quotations, track_document
from comity.extract.lexicon import lexicon
from comity.nlp import doc_sentences, doc_text
from comity.records import ActorRef, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ActorFinder", "Found", "agent_noun", "member_prepositions"]

CRAFT_NOUNS = lexicon("craft_nouns")
FIRST_PERSON_PLURAL = lexicon("first_person_plural")
NAME_SUFFIXES = lexicon("name_suffixes")
COUNTERPART_NOUNS = lexicon("counterpart_nouns")
AGENT_NOUNS = lexicon("agent_nouns")
QUANTITY_NOUNS = lexicon("quantity_nouns")
_LEADING = frozenset({"lead", "head", "chair"})  # "the government, led by X"
_NATIONAL_LABELS = frozenset({"NORP", "GPE"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_MEMBER_PREPS = frozenset({"from", "of"})  # "chiefs from X and Y", "the leaders of X and Y"
_MEMBERS_IN = _MEMBER_PREPS | {"in"}  # "leaders in South Korea and Japan"
#: Sectors whose people "in" a country may be anyone's ("troops in Japan").
_STATIONED = frozenset({"MIL"})
VISIT_MEMORY = 8  # sentences over which a visit without a named host is the visitor's last one


def _owners(token: Token) -> list[Token]:
    """The objects of its "of"/"from" phrases: "the leaders of ASEAN", "officials from Japan"."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in _MEMBER_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def member_prepositions(sector: str | None) -> frozenset[str]:
    """Prepositions whose object names whose people a noun of ``sector`` are: "from" and "of"
    ("chiefs from X", "the leaders of X"), and for a role other than the military also "in"
    ("officials in Beijing" are its own; "troops in Japan" may be anyone's, a noun with no role
    says nothing)."""
    return _MEMBER_PREPS if sector is None or sector in _STATIONED else _MEMBERS_IN


def agent_noun(word: str, extra: frozenset[str] = frozenset()) -> bool:
    """Is ``word`` a generic agent noun (``agent_nouns``: "official", "delegation", "policeman"), or
    one of ``extra``, in the singular or a regular plural ("officials", "policemen")?"""
    w = word.lower()
    forms = {w, re.sub(r"men$", "man", w)}
    if w.endswith("s"):
        forms.add(w[:-1])
    if w.endswith("es"):
        forms.add(w[:-2])
    return bool(forms & (AGENT_NOUNS | extra))


def _agent_position(token: Token) -> bool:
    """Is ``token`` a subject or "by" agent, or what a subject counts ("thousands of protesters")?"""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in QUANTITY_NOUNS:
        token = token.head.head
    return token.dep_ in {"nsubj", "nsubjpass"} or (token.dep_ == "pobj" and token.head.lower_ == "by")


def _a_list(token: Token) -> bool:
    """Is ``token`` the head of a list "A, B, and C" that the parser hung B on as an apposition
    (it has both an apposition and a coordinated item)?"""
    return any(c.dep_ == "appos" for c in token.children) and any(c.dep_ == "conj" for c in token.children)


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
        self.sentence_of = tracked.sentence_of  # token index -> sentence index
        self._references = References(self, quotations(doc_text(doc)), doc_sentences(doc))
        self._visits: dict[str, tuple[int, tuple[ActorRef, ...]]] = {}  # visitor's country -> hosts

    def visit_hosts(
        self, source: Sequence[ActorRef], hosts: Sequence[ActorRef], sentence: int
    ) -> tuple[ActorRef, ...]:
        """The hosts of a visit: those named, remembered for the visitor's country; for a visit
        that names none ("during his visit", "Trump's trip"), those of the same visitor's visit
        told at most ``VISIT_MEMORY`` sentences before ("Trump's visit to China ... his trip")."""
        visitor = next((a.country for a in source if a.country), None)
        if visitor is None:
            return tuple(hosts)
        if any(a.country or a.code for a in hosts):
            if len({a.country for a in hosts}) == 1:  # a tour of several countries is no one visit
                self._visits[visitor] = (sentence, tuple(hosts))
            return tuple(hosts)
        earlier = self._visits.get(visitor)
        if earlier is not None and 0 <= sentence - earlier[0] <= VISIT_MEMORY:
            return earlier[1]
        return tuple(hosts)

    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def coded(self, mention: Mention) -> Coded | None:
        """How ``mention`` was coded when the tracker was fed (None: not a mention of this doc)."""
        return self._coded.get(mention.start)

    def coded_mention(self, token: Token) -> bool:
        """Is ``token`` in a mention coded as an actor (not "the National Security Advisors", a
        title spaCy took for an organisation)?"""
        mention = self.mention_at(token)
        coded = self.coded(mention) if mention is not None else None
        return coded is not None and coded.ref is not None

    def find(self, token: Token, *, possessor: bool = False) -> Found:
        """Actors of ``token`` and of the tokens coordinated with it."""
        found = Found()
        for left in token.lefts:  # "A and B signed" misparsed as an "A and" modifier of B
            if left.dep_ == "nmod" and any(c.dep_ == "cc" for c in left.children):
                found = found + self._one(left, possessor=possessor)
        found = found + self._one(token, possessor=possessor)
        appositions = [c for c in token.children if c.dep_ == "appos"]
        listed = appositions if _a_list(token) else []  # "A, B, and C" misparsed as "A (, B), and C"
        # a name split by the parser ("Barack/prep Obama/pobj and Vladimir Putin"): its pieces' conjuncts
        name = self.mention_at(token)
        pieces = [
            c for c in token.children if name is not None and c.dep_ == "pobj" and self.mention_at(c) == name
        ]
        conjuncts = [*token.conjuncts, *(c for piece in pieces for c in piece.conjuncts)]
        for conj in [*listed, *conjuncts, *(c for a in appositions for c in a.conjuncts)]:
            if conj.i > token.i:  # "X, Jr. and Y": the coordination hung on the apposition
                other = self._one(conj, possessor=possessor)
                if not other.actors and not possessor:  # "Trump and leaders of Pacific Rim nations"
                    other = self._one(conj, possessor=True)
                if not other.actors and not possessor:
                    other = self._misplaced_owner(token, conj)
                found = found + other
        return found

    def _misplaced_owner(self, head: Token, conj: Token) -> Found:
        """The "of" phrase right after a coordinated group noun that the parser hung on the first
        conjunct ("Trump and leaders of Pacific Rim nations": of -> Trump)."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == conj.i + 1:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if self.mention_at(pobj) is not None:
                        return self._one(pobj, possessor=False)
        return Found()

    def _one(self, token: Token, *, possessor: bool) -> Found:
        if (led := self._led_by(token)) is not None:  # "the government, led by X": X's, not a reference
            return Found((led,))
        reference = self._references.resolve(token)
        if reference is not None:
            return reference
        if token.lower_.strip(".") in NAME_SUFFIXES:  # "Joseph R. Biden, Jr." parsed onto "Jr."
            before = [token.doc[token.i - 2]] if token.i > 1 and token.nbor(-1).text == "," else []
            # the name itself may hang elsewhere ("in Washington, D.C., President Joseph R. Biden, Jr.")
            name = next((c for c in [*token.lefts, *before] if self.coded_mention(c)), None)
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

        if token.lower_ in QUANTITY_NOUNS and (counted := prep_objects(token, frozenset({"of"}))):
            return self._one(counted[0], possessor=possessor)  # "hundreds of UN troops"
        members = self._members(token) or self._counterparts(token) or self._organisation(token)
        if members is not None:
            return members
        described = self.kb.describe(noun_phrase(token), date=self.date) if self._role_head(token) else None
        if described is not None and described.country is not None and described.sector is not None:
            return Found(self._per_country(token, described))
        if described is not None and described.country is None:
            found = self._owned(token, described) or Found.of(self._description(token))
            if found is not None:
                return found
        operator = self._operator(token) or self._national_group(token)
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
                if pobj is not None and (
                    self.mention_at(pobj) is not None or self._organisation(pobj) is not None
                ):  # "leaders of ASEAN", "leaders of the ASEAN member states"
                    return self._one(pobj, possessor=False)
        return Found()

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
        """ "the President", "the government": a definite description without a country (not
        "the Leaders of ASEAN", which names whose they are)."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        if any(self.mention_at(owner) is not None for owner in _owners(token)):
            return None
        phrase = noun_phrase(token)
        keys = title_keys(phrase, self.kb)
        return self.tracker.described(keys[0], token.idx, phrase) if keys else None

    # -- descriptions, vessels ----------------------------------------------------------------------

    def _members(self, token: Token) -> Found | None:
        """People or bodies of several countries: "defence chiefs from the United States, South
        Korea and Japan", "the leaders of Japan and South Korea", "the two countries' ministers"
        -> one actor per country (with the sector of the role noun); None for anything else."""
        if token.pos_ != "NOUN":
            return None
        plural = token.tag_ in {"NNS", "NNPS"}
        sector = self.kb.role_sector(token.lower_)
        owners = [c for c in token.children if c.dep_ == "poss"] if plural else []
        owners += prep_objects(token, member_prepositions(sector) if plural else frozenset())
        # "officials from Japan", "a delegation of Laos": one country's people
        ones = prep_objects(token, _MEMBER_PREPS) if self.people_noun(token) else []
        for owner in owners + [o for o in ones if o not in owners]:
            found = self.find(owner)
            countries = list(dict.fromkeys(a.country for a in found.actors if a.country))
            if len(countries) < (1 if owner in ones else 2):
                continue
            refs = [self.kb.country(c) for c in countries]
            # a country's people with no role ("dissidents from Myanmar") are not its government
            own = sector if sector or owner not in ones else None
            actors = tuple(
                replace(r, text=noun_phrase(token), sector=own, code=r.country + (own or ""))
                if owner in ones
                else replace(
                    r,
                    text=noun_phrase(token),
                    sector=sector or r.sector,
                    code=r.country + (sector or r.sector or ""),
                )
                for r in refs
                if r is not None and r.country
            )
            return Found(actors, found.resolved, found.basis, group=len(actors) > 1)
        return None

    def people_noun(self, token: Token) -> bool:
        """Does ``token`` name people or bodies ("officials", "a delegation", "dissidents"), whose
        a "from"/"of" phrase may say they are?"""
        return self.kb.role_sector(token.lower_) is not None or agent_noun(token.lower_)

    def _organisation(self, token: Token) -> Found | None:
        """ "the ASEAN member states", "NATO members": the organisation (``ActorKB.describe``)."""
        if token.pos_ != "NOUN" or not any(c.dep_ == "compound" for c in token.children):
            return None
        ref = self.kb.describe(noun_phrase(token), date=self.date)
        return Found((ref,)) if ref is not None and ref.sector == "IGO" and ref.name else None

    def _counterparts(self, token: Token) -> Found | None:
        """ "his Vietnamese counterpart", "his Japanese and South Korean counterparts": the
        governments the national modifiers name (the possessor is the other side, not the
        counterpart); None without such a modifier."""
        if token.lower_ not in COUNTERPART_NOUNS:
            return None
        countries: list[str] = []
        for child in (c for c in token.lefts if c.dep_ in _MODIFIER_DEPS):
            for tok in (child, *child.conjuncts):
                mention = self.mention_at(tok)
                if mention is not None and mention.country and mention.country not in countries:
                    countries.append(mention.country)
        refs = [self.kb.country(c) for c in countries]
        actors = tuple(replace(r, text=noun_phrase(token)) for r in refs if r is not None)
        return Found(actors) if actors else None

    def _national_group(self, token: Token) -> ActorRef | None:
        """ "Georgian demonstrators", "a Tunisian court", "Syrian rebels" as the subject (or "by"
        agent) of an act: an agent noun the KB has no role for, of the country its national
        modifier names (no sector), or a body of the organisation that modifies it ("the Peruvian
        Senate committee"). An object keeps the target rules ("extradited a Russian hacker to the
        US": the destination is the target)."""
        if token.pos_ != "NOUN" or not _agent_position(token) or not agent_noun(token.lower_):
            return None
        for child in (c for c in token.lefts if c.dep_ in _MODIFIER_DEPS):
            mention = self.mention_at(child)
            if mention is not None and mention.label in _NATIONAL_LABELS and mention.country:
                return ActorRef(noun_phrase(token), country=mention.country, code=mention.country)
            if mention is not None and mention.label == "ORG" and mention.country and mention.code:
                # "the Peruvian Senate committee": a body of that organisation
                return ActorRef(
                    noun_phrase(token), country=mention.country, sector=mention.sector, code=mention.code
                )
        return None

    def _led_by(self, token: Token) -> ActorRef | None:
        """A body described by who leads it ("the centre-left Labor government, led by Anthony
        Albanese"): the leader's country, with the body's role sector (none if it has no role)."""
        if token.pos_ != "NOUN" or not self.people_noun(token):
            return None
        for led in (c for c in token.children if c.dep_ == "acl" and c.lemma_ in _LEADING):
            for leader in (
                p for a in led.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
            ):
                countries = {a.country for a in self.find(leader).actors if a.country}
                if len(countries) == 1:
                    country = countries.pop()
                    sector = self.kb.role_sector(token.lower_)
                    return ActorRef(
                        noun_phrase(token), country=country, sector=sector, code=country + (sector or "")
                    )
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
