"""Event participants: from parse tokens to coded ``ActorRef``s (not a stable API).

An argument token is coded, in order, as: a pronoun resolved to earlier actors; the mention
that covers it; a person in apposition ("the General Secretary ..., Nguyen Phu Trong"); a
description coded through the KB ("the Vietnamese Prime Minister"); and, for targets only, a
possessor ("Vietnam's choice"). Coordinated arguments ("China and Vietnam") give several actors.

Pronoun heuristic: "he/she/his/her" -> the latest coded PERSON mention before the pronoun
(the same sentence first, then earlier ones); "they/their/the two sides/both countries/..." ->
the two latest distinct countries named before it, each as the country's government.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comity.extract.actors.coreference import dyad_in_focus
from comity.extract.actors.kb import ActorKB
from comity.extract.events.patterns import lemma_candidates
from comity.extract.lexicon import lexicon
from comity.records import ActorRef, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ActorFinder", "Found"]

PERSON_PRONOUNS = lexicon("person_pronouns")
GROUP_PRONOUNS = lexicon("group_pronouns")
GROUP_NOUNS = lexicon("group_nouns")
PAIR_WORDS = lexicon("pair_words")
CRAFT_NOUNS = lexicon("craft_nouns")
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Found:
    """Actors for one argument, and whether a pronoun was resolved to find them."""

    actors: tuple[ActorRef, ...] = ()
    resolved: bool = False

    def __add__(self, other: Found) -> Found:
        seen = {(a.name or a.text, a.code) for a in self.actors}
        extra = tuple(a for a in other.actors if (a.name or a.text, a.code) not in seen)
        return Found(self.actors + extra, self.resolved or other.resolved)


class ActorFinder:
    """Codes argument tokens of one document."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], kb: ActorKB, date: str | None) -> None:
        self.doc = doc
        self.kb = kb
        self.date = date
        self.mentions = sorted((m for m in mentions if not m.in_boilerplate), key=lambda m: m.start)
        self._by_token: dict[int, Mention] = {}
        self._subjects: set[int] = set()  # start offsets of mentions in subject position
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                self._by_token[i] = m
            if span.root.dep_ in {"nsubj", "nsubjpass"}:
                self._subjects.add(m.start)

    def mention_at(self, token: Token) -> Mention | None:
        return self._by_token.get(token.i)

    def find(self, token: Token, *, possessor: bool = False) -> Found:
        """Actors of ``token`` and of the tokens coordinated with it."""
        found = Found()
        for left in token.lefts:  # "A and B signed" misparsed as an "A and" modifier of B
            if left.dep_ == "nmod" and any(c.dep_ == "cc" for c in left.children):
                found = found + self._one(left, possessor=possessor)
        found = found + self._one(token, possessor=possessor)
        for conj in token.conjuncts:
            if conj.i > token.i:
                found = found + self._one(conj, possessor=possessor)
        return found

    def _one(self, token: Token, *, possessor: bool) -> Found:
        pronoun = self._pronoun(token)
        if pronoun is not None:
            return pronoun
        mention = self.mention_at(token)
        if mention is not None and mention.label in _ACTOR_LABELS:
            ref = self._from_mention(mention, token)
            return Found((ref,)) if ref is not None else Found()
        for child in token.children:
            if child.dep_ == "appos" and self.mention_at(child) is not None:
                return self._one(child, possessor=possessor)
        described = self.kb.describe(self._phrase(token), date=self.date) if self._role_head(token) else None
        if described is not None and described.country is not None and described.sector is not None:
            return Found(self._per_country(token, described))
        operator = self._operator(token)
        if operator is not None:
            return Found((operator,))
        if possessor:
            for child in token.children:
                if child.dep_ == "poss":
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
            return replace(described, text=self._phrase(token))
        country = next(
            (m.country for t in self.doc[start : token.i] if (m := self.mention_at(t)) and m.country), None
        )
        return ActorRef(self._phrase(token), country=country, code=country) if country else None

    def _role_head(self, token: Token) -> bool:
        """Is the head noun (with its compounds) a role noun ("spokesperson", "coast guard")?"""
        words = [c.text for c in token.lefts if c.dep_ == "compound"] + [token.text]
        return any(self.kb.role_sector(" ".join(words[i:])) for i in range(len(words)))

    def _phrase(self, token: Token) -> str:
        """The noun phrase of ``token``: its left modifiers plus a chain of "of" complements."""
        end = token.i + 1
        current = token
        while True:
            prep = next((c for c in current.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is None:
                break
            current, end = pobj, pobj.i + 1
        start = min((c.left_edge.i for c in token.lefts), default=token.i)
        return str(self.doc[start:end].text)

    def _from_mention(self, mention: Mention, token: Token) -> ActorRef | None:
        kind = self.kb.kind(mention.text)
        if mention.code is None and mention.canonical is None and mention.label != "PERSON":
            return None
        if kind in {"country", "adjective"} and mention.country:
            country = self.kb.country(mention.country)
            return replace(country, text=mention.text) if country else None
        ref = ActorRef(
            mention.text, mention.canonical or mention.text, mention.country, mention.sector, mention.code
        )
        if ref.sector is None or ref.country is None:
            ref = self._with_title(ref, token)
        return ref

    def _with_title(self, ref: ActorRef, token: Token) -> ActorRef:
        """Fill country/sector of a person from a title: "Vietnamese President X", "X, a minister",
        "President X of Vietnam", "President X, Jr. of the Philippines"."""
        head = token
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        title = self.doc[head.left_edge.i : self.mention_span_start(head)].text
        pieces = [f"{title} of {place}".strip() for place in self._of_places(head)]
        pieces += [title]
        pieces += [self._phrase(c) for c in head.children if c.dep_ == "appos"]
        for piece in pieces:
            described = self.kb.describe(piece, date=self.date) if piece.strip() else None
            if described is not None:
                country = ref.country or described.country
                sector = ref.sector or described.sector
                code = (country or "") + (sector or "") if country else None
                return replace(ref, country=country, sector=sector, code=code)
        return ref

    def _of_places(self, head: Token) -> list[str]:
        """Countries in an "of" phrase after a name or its suffix ("X of Vietnam", "X, Jr. of ...")."""
        owners = [head] + [c for c in head.children if c.dep_ == "appos"]
        return [
            self._phrase(pobj)
            for owner in owners
            for prep in owner.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj" and (m := self.mention_at(pobj)) is not None and m.label == "GPE"
        ]

    def mention_span_start(self, head: Token) -> int:
        mention = self.mention_at(head)
        if mention is None:
            return int(head.i)
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return int(span.start) if span is not None else int(head.i)

    def _pronoun(self, token: Token) -> Found | None:
        word = token.lower_
        if word in PERSON_PRONOUNS:
            sent_start = token.sent.start_char
            person = self._latest(
                token.idx,
                lambda m: m.label == "PERSON" and m.country is not None and m.start in self._subjects,
                1,
                before_sentence=sent_start,
            ) or self._latest(token.idx, lambda m: m.label == "PERSON" and m.country is not None, 1)
            return Found(tuple(self._from_mention(m, token) or ActorRef(m.text) for m in person), True)
        is_group = word in GROUP_PRONOUNS or (
            token.lower_ in GROUP_NOUNS and any(c.lower_ in PAIR_WORDS for c in token.children)
        )
        if not is_group:
            return None
        return Found(dyad_in_focus(self.mentions, token.idx, self.kb) or (), True)

    def _latest(
        self, before: int, keep: Callable[[Mention], bool], n: int, *, before_sentence: int | None = None
    ) -> list[Mention]:
        """The ``n`` latest mentions kept by ``keep``; with ``before_sentence``, the same sentence
        is searched only when no earlier sentence has one (subjects of earlier sentences first)."""
        limit = before if before_sentence is None else before_sentence
        found = [m for m in reversed(self.mentions) if m.end <= limit and keep(m)][:n]
        if not found and before_sentence is not None:
            found = [m for m in reversed(self.mentions) if m.end <= before and keep(m)][:n]
        return found
