"""The actors of one parsed document, fed to the actor tracker in text order (not a stable API).

Every entity mention that can be an actor, and every description that a country word codes ("the
Philippine government", "Vietnamese authorities"), becomes a ``Referent`` of
``comity.extract.actors.tracker``. A person mention is coded from the KB and then from its title,
read off the parse: a title before the name ("Vietnamese President X", "Vice President X"), an
apposition ("X, Japan's prime minister"; "the Chairman of ..., X"), an "of" complement ("President
X of the Philippines") or a possessive country ("South Korea's Kim"). The title also gives the
keys under which a later "the President" finds the person. In an official readout a titled person
with no country anywhere is an official of the publishing government (readouts name foreign
officials with their country). A short name the KB cannot code ("Mr. Sullivan") is the person named
before (the tracker's ``add``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comity.extract.actors.kb import ActorKB
from comity.extract.actors.offices import OFFICES
from comity.extract.actors.tracker import ActorTracker, Referent, Resolution, title_keys
from comity.extract.lexicon import lexicon
from comity.nlp import doc_lowers, doc_sentences, doc_text
from comity.records import ActorRef, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Coded", "TrackedDocument", "noun_phrase", "quotations", "track_document"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_LOCATION_PREPS = lexicon("location_prepositions")
_QUOTE = re.compile(r"[\u201c\u201d\"]")


@dataclass(frozen=True, slots=True)
class Coded:
    """A mention's coding as an actor (None: not an actor), and how the tracker found it."""

    ref: ActorRef | None
    resolution: Resolution | None = None


@dataclass(frozen=True, slots=True)
class TrackedDocument:
    """The tracker fed with a document, each mention's coding (by start offset), each token's
    sentence index."""

    tracker: ActorTracker
    coded: dict[int, Coded]
    sentence_of: list[int]


def noun_phrase(token: Token) -> str:
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
    span = token.doc[start:end]
    return doc_text(token.doc)[span.start_char : span.end_char]  # as written ("Vietnam’s minister")


class _Builder:
    """Codes mentions and descriptions of one document and feeds them to the tracker."""

    def __init__(
        self,
        doc: Doc,
        by_token: dict[int, Mention],
        tracker: ActorTracker,
        date: str | None,
    ) -> None:
        self.doc = doc
        self.tracker = tracker
        self.kb = tracker.kb
        self.by_token = by_token
        self.date = date

    def span(self, mention: Mention) -> Span | None:
        return self.doc.char_span(mention.start, mention.end, alignment_mode="expand")

    def mention_referent(self, mention: Mention, span: Span, sentence: int) -> Referent | None:
        """The mention as a referent (None: no actor)."""
        head = span.root
        subject = head.dep_ in _SUBJECT_DEPS
        if self.kb.kind(mention.text) in {"country", "adjective"} and mention.country:  # any label
            country = self.kb.country(mention.country)
            if country is None:
                return None
            ref = replace(country, text=mention.text)
            return Referent(mention.start, mention.end, sentence, ref, subject=subject, place=_located(head))
        if mention.label not in ACTOR_LABELS:
            return None
        titles = self._titles(head)
        if mention.label != "PERSON":
            organisation = self._organisation(mention)
            if organisation is not None:
                keys = title_keys(mention.text, self.kb)
                place = _located(head)
                return Referent(
                    mention.start, mention.end, sentence, organisation, False, keys, subject, place
                )
            titled = self._titled_name(mention)
            if titled is not None:
                title, name = titled
                mention = replace(mention, text=name, start=mention.end - len(name))
                titles = [title]
            elif not self.tracker.named_before(mention.text, mention.start) and not any(
                title_keys(t, self.kb)[:1] and self._office(t) for t in titles
            ):
                return None  # else a name spaCy took for an organisation: "X, Japan's prime minister"
        return self._person(mention, head, titles, sentence, subject)

    def _office(self, title: str) -> bool:
        """Is ``title`` an office a person holds ("Japan's departing prime minister")?"""
        keys = title_keys(title, self.kb)
        return any(k in OFFICES or k.endswith(("minister", "secretary")) for k in keys)

    def _person(
        self, mention: Mention, head: Token, titles: list[str], sentence: int, subject: bool
    ) -> Referent:
        ref = ActorRef(
            mention.text, mention.canonical or mention.text, mention.country, mention.sector, mention.code
        )
        if ref.sector is None or ref.country is None:
            ref = self._with_title(ref, head)
        keys = tuple(dict.fromkeys(k for t in titles for k in title_keys(t, self.kb)))
        return Referent(mention.start, mention.end, sentence, ref, True, keys, subject)

    def _titled_name(self, mention: Mention) -> tuple[str, str] | None:
        """An uncoded "organisation" that is a title and a name ("National Security Advisor X", the
        title held by someone named before, or a role noun): (title, name); else None."""
        words = mention.text.split()
        for cut in range(len(words) - 1, 0, -1):
            title, name = " ".join(words[:cut]), " ".join(words[cut:])
            if not all(w[:1].isupper() for w in words[cut:]):
                return None
            keys = title_keys(title, self.kb)
            if keys and (self.tracker.knows_title(keys[0]) or self.kb.role_sector(keys[0])):
                return title, name
        return None

    def _organisation(self, mention: Mention) -> ActorRef | None:
        """An organisation, place or group as coded, else by its words ("the Australian Department
        of Agriculture" -> AUS with the sector its words give, GOV by default)."""
        if mention.code is not None or mention.canonical is not None:
            return ActorRef(mention.text, mention.canonical, mention.country, mention.sector, mention.code)
        if mention.label != "ORG":
            return None
        described = self.kb.describe(mention.text, date=self.date)
        if described is None or described.country is None:
            return None
        return described

    def _head(self, token: Token) -> Token:
        head = token
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        return head

    def _titles(self, token: Token) -> list[str]:
        """Title phrases of a person: before the name, in apposition, or the noun the name is in
        apposition to ("the Chairman of ..., X")."""
        head = self._head(token)
        out = []
        before = self.doc[head.left_edge.i : self._mention_start(head)].text.strip()
        if before:
            out.append(before)
        out += [noun_phrase(c) for c in head.children if c.dep_ == "appos" and self._title_noun(c)]
        if head.dep_ == "appos" and head.head.i not in self.by_token and head.head.pos_ in {"NOUN", "PROPN"}:
            out.append(noun_phrase(head.head))
        return out

    def _title_noun(self, token: Token) -> bool:
        """Can this apposition be a title ("X, Japan's prime minister"; not "X, Jr.")?"""
        return token.i not in self.by_token and (
            token.pos_ == "NOUN" or self.kb.role_sector(token.lower_) is not None
        )

    def _with_title(self, ref: ActorRef, token: Token) -> ActorRef:
        """Fill country/sector of a person from a title ("Vietnamese President X", "X, a minister"),
        an "of" complement ("X of the Philippines") or a possessive ("South Korea's Kim")."""
        head = self._head(token)
        country, sector = ref.country, ref.sector
        for piece in [*self._titles(token), *self._country_words(head)]:
            described = self.kb.describe(piece, date=self.date) if piece.strip() else None
            if described is not None:
                country = country or described.country
                sector = sector or described.sector
            if country and sector:
                break
        if (country, sector) == (ref.country, ref.sector):
            return ref
        code = (country or "") + (sector or "") if country else None
        return replace(ref, country=country, sector=sector, code=code)

    def _country_words(self, head: Token) -> list[str]:
        """Country mentions hung on a person's name: "of the Philippines", "South Korea's"; a place
        where the body of an apposed title is ("X, Vice Chairman of the Commission in Beijing")."""
        out = []
        appositions = [c for c in head.children if c.dep_ == "appos"]
        out += [place for a in appositions for place in self._body_places(a)]
        for child in [*head.children, *(g for a in appositions for g in a.children)]:
            target = child
            if child.dep_ == "prep" and child.lower_ == "of":
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ != "poss":
                continue
            mention = self.by_token.get(target.i)
            if (
                mention is not None
                and mention.country
                and self.kb.kind(mention.text) in {"country", "adjective"}
            ):
                out.append(mention.text)
        return out

    def _body_places(self, title: Token) -> list[str]:
        """Places named "in" along a title's "of" chain ("Chairman of the Commission in Beijing")."""
        out = []
        current: Token | None = title
        while current is not None:
            for pobj in (
                g for c in current.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
            ):
                mention = self.by_token.get(pobj.i)
                if pobj.dep_ == "pobj" and mention is not None and mention.label == "GPE" and mention.country:
                    out.append(mention.text)
            prep = next((c for c in current.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            current = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        return out

    def _mention_start(self, head: Token) -> int:
        mention = self.by_token.get(head.i)
        if mention is None:
            return int(head.i)
        span = self.span(mention)
        return int(span.start) if span is not None else int(head.i)

    def description_referent(self, token: Token, sentence: int) -> Referent | None:
        """A role noun with no name as a referent: with a country word ("the Philippine
        government", "Chinese authorities") so that a later "the government" finds it; without
        one and definite ("The Vice President"), as the tracker resolves it, so that a later "her"
        finds the person it means."""
        start = token.doc[min((c.left_edge.i for c in token.lefts), default=token.i)].idx
        end = token.idx + len(token.text)
        subject = token.dep_ in _SUBJECT_DEPS
        phrase = noun_phrase(token)
        keys = title_keys(phrase, self.kb)
        countried = any(c.i in self.by_token for c in token.lefts) or any(
            c.lower_ == "of" for c in token.rights
        )
        described = self.kb.describe(phrase, date=self.date) if countried else None
        if described is not None and described.country is not None and described.sector is not None:
            return Referent(start, end, sentence, described, titles=keys, subject=subject)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        if not definite or not keys or token.tag_ in {"NNS", "NNPS"}:
            return None
        resolution = self.tracker.described(keys[0], start, phrase)
        if resolution is None or len(resolution.actors) != 1:
            return None
        ref = resolution.actors[0]
        return Referent(start, end, sentence, ref, self.tracker.is_person(ref), keys, subject)


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the marks of each quotation: curly quotes pair up, straight
    ones alternate; an unclosed quotation is dropped."""
    out: list[tuple[int, int]] = []
    opened: int | None = None
    straight: int | None = None
    for match in _QUOTE.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\u201c":
            opened = at
        elif mark == "\u201d" and opened is not None:
            out.append((opened, at))
            opened = None
        elif mark == '"':
            if straight is None:
                straight = at
            else:
                out.append((straight, at))
                straight = None
    return sorted(out)


def _inside(quotes: list[tuple[int, int]], offset: int) -> bool:
    n = bisect.bisect_right(quotes, (offset, offset)) - 1
    return n >= 0 and quotes[n][0] < offset < quotes[n][1]


def _located(head: Token) -> bool:
    """Is this name where something happens: "in Bangkok", "in Bangkok, Thailand"?"""
    while head.dep_ in {"appos", "conj"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATION_PREPS


def track_document(
    doc: Doc, mentions: Sequence[Mention], kb: ActorKB, date: str | None, host: ActorRef | None
) -> tuple[TrackedDocument, dict[int, Mention]]:
    """Feed the tracker with the actors of ``doc`` in text order (boilerplate excluded); return it
    with each mention's coding, and the mention covering each token."""
    sentence_of = [0] * len(doc)
    for n, sent in enumerate(doc_sentences(doc)):
        for i in range(sent.start, sent.end):
            sentence_of[i] = n
    by_token: dict[int, Mention] = {}
    spans: list[tuple[Mention, Span]] = []
    for m in sorted((m for m in mentions if not m.in_boilerplate), key=lambda m: m.start):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        spans.append((m, span))
        for i in range(span.start, span.end):
            by_token[i] = m
    tracker = ActorTracker(kb, date, host)
    builder = _Builder(doc, by_token, tracker, date)
    coded: dict[int, Coded] = {}
    quotes = quotations(doc_text(doc))
    descriptions = iter(_description_tokens(doc, by_token, kb))
    pending = next(descriptions, None)
    for mention, span in spans:
        while pending is not None and pending.i < span.start:
            _feed_description(builder, tracker, pending, sentence_of)
            pending = next(descriptions, None)
        referent = builder.mention_referent(mention, span, sentence_of[span.start])
        if referent is None:
            coded[mention.start] = Coded(None)
            continue
        recorded, resolution = tracker.add(replace(referent, quoted=_inside(quotes, mention.start)))
        coded[mention.start] = Coded(recorded.ref, resolution)
    while pending is not None:
        _feed_description(builder, tracker, pending, sentence_of)
        pending = next(descriptions, None)
    return TrackedDocument(tracker, coded, sentence_of), by_token


def _description_tokens(doc: Doc, by_token: dict[int, Mention], kb: ActorKB) -> list[Token]:
    """Nouns outside mentions that name a role ("the minister"), in text order. Words are tested
    once each and a ``Token`` is built only for role words: most of a document is neither."""
    is_role: dict[str, bool] = {}
    out = []
    for i, word in enumerate(doc_lowers(doc)):
        if i in by_token:
            continue
        role = is_role.get(word)
        if role is None:
            role = is_role[word] = bool(kb.role_sector(word))
        if role and doc[i].pos_ in {"NOUN", "PROPN"}:
            out.append(doc[i])
    return out


def _feed_description(builder: _Builder, tracker: ActorTracker, token: Token, sentence_of: list[int]) -> None:
    referent = builder.description_referent(token, sentence_of[token.i])
    if referent is not None:
        tracker.add(referent)
