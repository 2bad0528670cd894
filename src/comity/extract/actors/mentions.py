"""Named-entity mentions, coded through the actor KB.

``mentions_from_doc`` merges spaCy's entities with names the KB knows that spaCy missed or cut
badly ("Communist Party of China", both halves of "China-Vietnam", "Sino-"), ordinal event names
("the 19th National Congress of ..."), long organisation names ("Commission for External Relations
of the CPV Central Committee") and surnames of people already named, then codes each mention at
the article's publication date.

``Mention.producer`` names where the span came from: ``spacy.ner.v1`` (spaCy), ``kb.match.v1``
(a KB name), ``rules.event_name.v1`` (ordinal event names), ``rules.org_merge.v1`` (joined
organisation names) or ``rules.surname.v1`` (a surname of a person named earlier).

``Mention.resolution`` says how the coding was found, with a ``confidence``:

* ``exact`` (1.0) / ``alias`` (0.95): the KB's canonical name / another of its names;
* ``metonymy`` (0.85, flag ``metonymy``): a capital standing for its government ("Hanoi hailed")
  -> sector GOV; a capital as a place ("in Hanoi") is an ``exact`` name with no sector;
* ``coreference`` (0.8): a surname resolved to the one earlier full name containing it;
* ``role`` (0.6): an organisation the KB does not know, coded from its words ("Vietnamese Ministry
  of Transport" -> VNM GOV), with no canonical name;
* ``fuzzy`` (0.6, flag ``suspected_misspelling``): a near miss of a known office holder's name
  ("Nguyen Phu Truong"), resolved to that person; the text is kept as written;
* through the world office-holder KB, for person names the hand-written rows do not know
  (``comity.extract.actors.mention_people``): ``exact`` / ``alias`` (a full name), ``alias_at_date``
  (0.8: a short name, "Kuleba", "Mr. Año", of the one person of that name in office on the article's
  date), ``title_country`` (0.85: several people of that name then, told apart by the title or country
  written before it, "Chinese Premier Li"), ``coreference`` (a surname of a person named earlier).

An organisation whose label contradicts its country ("the Vietnamese CPC", "Vietnam's CPC", "the
CPC of Vietnam") keeps its KB coding and text but gets flag ``label_country_conflict`` and a lower
confidence: a suspected source error, never silently fixed.

References that are not entity mentions ("the two sides", "he", "the President") are resolved by
the document's actor tracker (``comity.extract.actors.tracker``), as the event coder reads them.

Names inside the byline are metadata: they are kept as mentions but never coded as actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from comity.extract.actors.kb import ActorKB, normalize
from comity.extract.actors.mention_people import resolve_people
from comity.extract.lexicon import lexicon
from comity.nlp import doc_sentences, doc_text, doc_tokens
from comity.records import ActorRef, Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "CONFIDENCE",
    "ENTITY_LABELS",
    "mentions_from_doc",
    "resolve_description",
]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
SPACY_PRODUCER = "spacy.ner.v1"
KB_PRODUCER = "kb.match.v1"
EVENT_PRODUCER = "rules.event_name.v1"
MERGE_PRODUCER = "rules.org_merge.v1"
SURNAME_PRODUCER = "rules.surname.v1"

#: Confidence of each way of resolving a mention.
CONFIDENCE = {
    "exact": 1.0,
    "alias": 0.95,
    "metonymy": 0.85,
    "coreference": 0.8,
    "glossed": 0.8,
    "role": 0.6,
    "fuzzy": 0.6,
}
CONFLICT_CONFIDENCE = 0.5
SUSPECTED_MISSPELLING = "suspected_misspelling"
METONYMY = "metonymy"
LABEL_COUNTRY_CONFLICT = "label_country_conflict"


_PLACE_PREPS = lexicon("place_prepositions")
_PLACE_VERBS = lexicon("place_verbs")
_EVENT_HEADS = lexicon("event_name_heads")
_LINKERS = lexicon("name_linkers")
_ARTICLES = lexicon("articles")
_ORG_HEADS = lexicon("organization_heads")
_GEO_HEADS = lexicon("geographic_heads")
_NOT_NORP = lexicon("ideology_adjectives")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token index
    end: int
    label: str
    from_kb: bool
    source: str = SPACY_PRODUCER


def _text(span: Span) -> str:
    """``span.text`` as a slice of the cached document text: spaCy joins the tokens each time."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _starts_name(token: Token) -> bool:
    return _name_word(token.text, token.is_punct)


def _name_word(text: str, punct: bool) -> bool:
    return text[:1].isupper() and not punct


@dataclass(frozen=True, slots=True)
class _Words:
    """Plain per-token lists of one ``Doc``: the scans below read each token thousands of times,
    and every ``doc[i]`` builds a new ``Token`` object."""

    text: list[str]
    lower: list[str]
    idx: list[int]
    punct: list[bool]
    name: list[bool]  # capitalised, not punctuation

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        text, lower, idx, punct = doc_tokens(doc)
        name = [_name_word(w, p) for w, p in zip(text, punct, strict=True)]
        return cls(text, lower, idx, punct, name)


def _kb_candidates(doc: Doc, kb: ActorKB, words: _Words) -> Iterator[_Candidate]:
    """Longest KB names starting at each capitalised token, within one sentence."""
    text = doc_text(doc)
    for sent in doc_sentences(doc):
        i = sent.start
        while i < sent.end:
            hit = _longest_at(words, text, kb, i, sent.end) if words.name[i] else None
            if hit is None:
                i += 1
                continue
            end, label = hit
            yield _Candidate(i, end, label, True, KB_PRODUCER)
            i = end


def _longest_at(words: _Words, text: str, kb: ActorKB, i: int, limit: int) -> tuple[int, str] | None:
    if not _may_start(words, kb, i, limit):
        return None
    start = words.idx[i]
    for end in range(min(limit, i + kb.max_words), i, -1):
        last = end - 1
        if words.punct[last] and words.text[last] not in {".", ")"}:
            continue
        # A plain slice of the text is the span's text, without building a Span.
        label = kb.label(text[start : words.idx[last] + len(words.text[last])])
        if label is not None:
            return end, label
    return None


def _may_start(words: _Words, kb: ActorKB, i: int, limit: int) -> bool:
    """Skip the window scan when no known name starts at token ``i`` (or after an article there)."""
    if kb.may_start_name(words.text[i]):
        return True
    return words.lower[i] in _ARTICLES and i + 1 < limit and kb.may_start_name(words.text[i + 1])


def _event_candidates(doc: Doc, words: _Words) -> Iterator[_Candidate]:
    """Ordinal-led capitalised names with an event head: "the 19th National Congress of the CPC"."""
    for sent in doc_sentences(doc):
        for i in range(sent.start, sent.end - 1):
            if not words.name[i + 1] or not _ORDINAL.fullmatch(words.text[i]):
                continue
            j = i + 1
            while j < sent.end and (words.name[j] or words.lower[j] in _LINKERS):
                j += 1
            end = _balanced_end(doc, i, j)
            if any(words.lower[k] in _EVENT_HEADS for k in range(i + 1, end)):
                yield _Candidate(i, end, "EVENT", False, EVENT_PRODUCER)


def _balanced_end(doc: Doc, start: int, end: int) -> int:
    """Trim trailing linkers and an unclosed parenthesis."""
    while end > start + 1 and doc[end - 1].lower_ in _LINKERS - {")"}:
        end -= 1
    opened = [k for k in range(start, end) if doc[k].text == "("]
    closed = [k for k in range(start, end) if doc[k].text == ")"]
    if len(opened) > len(closed):
        return _balanced_end(doc, start, opened[-1])
    return end


def _spacy_pieces(doc: Doc, known: Sequence[_Candidate] = ()) -> list[_Candidate]:
    """spaCy entities, split at an inner possessive ("the CPC's Political Bureau" -> two ORGs)
    unless a ``known`` KB name runs across it ("the Democratic People's Republic of Korea's")."""
    out: list[_Candidate] = []
    inside = {i for k in known for i in range(k.start + 1, k.end - 1)}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        cuts = [
            t.i for t in ent[1:-1] if t.tag_ == "POS" and _starts_name(doc[t.i + 1]) and t.i not in inside
        ]
        bounds = [ent.start, *[c for cut in cuts for c in (cut, cut + 1)], ent.end]
        out.extend(
            _Candidate(a, b, ent.label_, False) for a, b in zip(bounds[::2], bounds[1::2], strict=True)
        )
    return out


def _inside_ok(ent: _Candidate, cand: _Candidate) -> bool:
    """May a KB name inside a (wrongly cut or uncoded) spaCy entity replace it?"""
    if ent.label == "PERSON":
        return False
    return ent.label in {"GPE", "NORP"} or cand.label in {"ORG", "LAW", "EVENT"}


def _select(doc: Doc, kb: ActorKB, date: str | None) -> list[_Candidate]:
    words = _Words.of(doc)
    known = sorted(_kb_candidates(doc, kb, words), key=lambda c: (c.start - c.end, c.start))
    ents = _spacy_pieces(doc, known)
    chosen = _non_overlapping(list(_event_candidates(doc, words)), [])
    coded = [e for e in ents if kb.lookup(_text(doc[e.start : e.end]), date=date) is not None]
    inside_known = _Containers(known)
    chosen = _non_overlapping([e for e in coded if not inside_known.holds(e)], chosen)
    occupied = _Occupancy(chosen)
    coded_set = set(coded)
    uncoded = _TokenIndex([e for e in ents if e not in coded_set])
    for cand in known:
        if occupied.clashes(cand):
            continue
        outer = uncoded.overlapping(cand)
        hyphen = any("-" in _text(doc[e.start : e.end]) for e in outer)
        if all((e.start >= cand.start and e.end <= cand.end) or hyphen or _inside_ok(e, cand) for e in outer):
            chosen.append(cand)
            occupied.add(cand)
    chosen = _non_overlapping(ents, chosen)
    chosen = _non_overlapping(list(_surname_candidates(words, kb, chosen)), chosen)
    return _merge_orgs(doc, sorted(chosen, key=lambda c: c.start))


class _Occupancy:
    """Which token positions the chosen candidates cover, so that an overlap test (``_overlaps``
    against every chosen candidate) costs the candidate's length, not the number chosen."""

    def __init__(self, chosen: Sequence[_Candidate] = ()) -> None:
        self.taken: set[int] = set()  # token indices covered by a non-empty candidate
        self.interior: set[int] = set()  # boundaries strictly inside one: an empty span there clashes
        self.empty: set[int] = set()  # positions of empty candidates
        for cand in chosen:
            self.add(cand)

    def clashes(self, cand: _Candidate) -> bool:
        if cand.start == cand.end:
            return cand.start in self.interior
        inner = range(cand.start + 1, cand.end)
        return any(i in self.taken for i in range(cand.start, cand.end)) or any(
            p in self.empty for p in inner
        )

    def add(self, cand: _Candidate) -> None:
        if cand.start == cand.end:
            self.empty.add(cand.start)
        else:
            self.taken.update(range(cand.start, cand.end))
            self.interior.update(range(cand.start + 1, cand.end))


class _TokenIndex:
    """Candidates by the token positions they cover: those overlapping a span, found by its tokens."""

    def __init__(self, cands: Sequence[_Candidate]) -> None:
        self.cands = list(cands)
        self.at: dict[int, list[int]] = {}
        self.empty_at: dict[int, list[int]] = {}
        for n, cand in enumerate(self.cands):
            if cand.start == cand.end:
                self.empty_at.setdefault(cand.start, []).append(n)
            for i in range(cand.start, cand.end):
                self.at.setdefault(i, []).append(n)

    def overlapping(self, span: _Candidate) -> list[_Candidate]:
        """Every candidate ``c`` with ``_overlaps(c, span)``, in their original order."""
        found: set[int] = set()
        if span.start == span.end:
            before, after = self.at.get(span.start - 1, []), self.at.get(span.start, [])
            found.update(set(before) & set(after))  # candidates running across the position
        else:
            for i in range(span.start, span.end):
                found.update(self.at.get(i, ()))
            for p in range(span.start + 1, span.end):
                found.update(self.empty_at.get(p, ()))
        return [self.cands[n] for n in sorted(found)]


class _Containers:
    """Is a candidate strictly inside one of ``outers`` (``_within``)? Found from the outers that
    start at or before it, within the longest outer's length, instead of a scan of them all."""

    def __init__(self, outers: Sequence[_Candidate]) -> None:
        self.ends: dict[int, list[int]] = {}
        for c in outers:
            self.ends.setdefault(c.start, []).append(c.end)
        self.longest = max((c.end - c.start for c in outers), default=0)

    def holds(self, inner: _Candidate) -> bool:
        for start in range(max(0, inner.start - self.longest), inner.start + 1):
            for end in self.ends.get(start, ()):
                if inner.end <= end and (start, end) != (inner.start, inner.end):
                    return True
        return False


def _non_overlapping(new: Sequence[_Candidate], chosen: list[_Candidate]) -> list[_Candidate]:
    """``chosen`` plus each of ``new`` in turn that overlaps none of those kept so far."""
    out = list(chosen)
    occupied = _Occupancy(out)
    for cand in new:
        if not occupied.clashes(cand):
            out.append(cand)
            occupied.add(cand)
    return out


def _within(inner: _Candidate, outer: _Candidate) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (inner.start, inner.end) != (outer.start, outer.end)
    )


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _surname_candidates(words: _Words, kb: ActorKB, chosen: Sequence[_Candidate]) -> Iterator[_Candidate]:
    """A capitalised token equal to the first or last word of an earlier person's name ("Gu")."""
    people = sorted((c for c in chosen if c.label == "PERSON" and c.end - c.start > 1), key=lambda c: c.end)
    if not people:
        return
    named: set[str] = set()  # first and last words of the people whose names end before token i
    pending = 0
    for i, word in enumerate(words.text):
        while pending < len(people) and people[pending].end <= i:
            named.update((words.text[people[pending].start], words.text[people[pending].end - 1]))
            pending += 1
        if words.name[i] and word in named and kb.kind(word) in {None, "person"}:
            yield _Candidate(i, i + 1, "PERSON", False, SURNAME_PRODUCER)


def _merge_orgs(doc: Doc, cands: list[_Candidate]) -> list[_Candidate]:
    """Join "ORG of (the) ORG" and "ORG (ACRONYM) Org-Head" into one long organisation name."""
    out: list[_Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "ORG" and cand.label == "ORG":
            gap = [t.lower_ for t in doc[prev.end : cand.start]]
            if gap in (["of"], ["of", "the"]):
                out[-1] = replace(prev, end=cand.end, from_kb=False, source=MERGE_PRODUCER)
                continue
            if gap == ["("] and cand.end - cand.start == 1 and doc[cand.start].text.isupper():
                tail = _head_run(doc, cand.end)
                if tail is not None:
                    out[-1] = replace(prev, end=tail, from_kb=False, source=MERGE_PRODUCER)
                    continue
        if out and cand.start < out[-1].end:
            continue
        out.append(cand)
    return out


def _head_run(doc: Doc, i: int) -> int | None:
    """After "(ACR" : ") Central Committee" -> end of the run when it ends in an organisation head."""
    if i >= len(doc) or doc[i].text != ")":
        return None
    end = i + 1
    while end < len(doc) and end - i <= 3 and _starts_name(doc[end]):
        end += 1
    return end if end > i + 1 and doc[end - 1].lower_ in _ORG_HEADS else None


def _label(cand: _Candidate, span: Span, kb: ActorKB) -> str:
    """The KB label wins for people, organisations and named things; geographic heads are LOC."""
    text = _text(span)
    kind = kb.kind(text)
    label = kb.label(text) if kind in {"person", "organization", "name"} else None
    label = label or cand.label
    if label in {"ORG", "PERSON", "GPE"} and kind is None and span[-1].lower_ in _GEO_HEADS:
        return "LOC"
    return label


def _trim(span: Span, kb: ActorKB) -> Span | None:
    """Drop a leading "the" or title ("President Xi" -> "Xi"), a trailing possessive ("Xi's" -> "Xi")
    and whitespace tokens."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].lower_ == "the"):
        start += 1
    while end - start > 1 and kb.kind(_text(span.doc[start:end])) is None and _is_title(span.doc[start], kb):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    return span.doc[start:end] if end > start else None


def _is_title(token: Token, kb: ActorKB) -> bool:
    return _starts_name(token) and kb.role_sector(token.text) is not None and token.ent_type_ != "GPE"


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc_sentences(doc)):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _capital_reading(span: Span, ref: ActorRef) -> tuple[ActorRef, bool]:
    """A capital is the government ("Hanoi hailed", "Beijing's interest", "ties with Hanoi")
    unless it is the place of a preposition or a visit ("in Hanoi", "a visit to Beijing")."""
    root = span.root
    head = root.head
    place = (root.dep_ == "pobj" and head.lower_ in _PLACE_PREPS) or (
        root.dep_ == "dobj" and head.lemma_ in _PLACE_VERBS
    )
    if place:
        return replace(ref, sector=None, code=ref.country), False
    return ref, True


def _corefer(mention: Mention, earlier: Sequence[Mention]) -> Mention:
    """Code an uncoded one-word person name by the one earlier coded full name containing it."""
    if mention.canonical is not None or mention.label != "PERSON" or len(mention.text.split()) != 1:
        return mention
    found = {
        prev.canonical: prev
        for prev in earlier
        if prev.label == "PERSON" and prev.canonical and mention.text in prev.canonical.split()
    }
    if len(found) != 1:
        return mention
    (prev,) = found.values()
    return replace(
        mention, canonical=prev.canonical, country=prev.country, sector=prev.sector, code=prev.code,
        resolution="coreference", confidence=CONFIDENCE["coreference"], flags=(),
    )  # fmt: skip


def resolve_description(
    text: str, earlier: Sequence[Mention], kb: ActorKB, date: str | None = None
) -> Mention | None:
    """The one earlier person a description such as "the Chinese leader" can refer to, or None.

    The description must give a country; a person qualifies when coded to that country (and, when
    both are known, the same sector). Two or more distinct candidates: ambiguous, None.
    """
    ref = kb.describe(text, date=date)
    if ref is None or ref.country is None:
        return None
    found = {
        m.canonical: m
        for m in earlier
        if m.label == "PERSON"
        and m.canonical
        and m.country == ref.country
        and (ref.sector is None or m.sector in {None, ref.sector})
    }
    return next(iter(found.values())) if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class _Coding:
    ref: ActorRef | None = None
    resolution: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def confidence(self) -> float | None:
        return CONFIDENCE.get(self.resolution or "")


def _name_match(text: str, ref: ActorRef) -> str:
    same = ref.name is not None and normalize(text).lower() == normalize(ref.name).lower()
    return "exact" if same else "alias"


def _code(span: Span, label: str, kb: ActorKB, date: str | None) -> _Coding:
    """The coding of a span and how it was found."""
    text = _text(span)
    ref = kb.lookup(text, date=date)
    if ref is not None and kb.kind(text) == "capital":
        ref, metonymic = _capital_reading(span, ref)
        if metonymic:
            return _Coding(ref, "metonymy", (METONYMY,))
        return _Coding(ref, _name_match(text, ref))
    if ref is not None:
        return _Coding(ref, _name_match(text, ref))
    if label == "PERSON":
        entry = kb.near_miss(text, date=date)
        if entry is not None:
            return _Coding(entry.ref(text), "fuzzy", (SUSPECTED_MISSPELLING,))
    if label == "ORG" and len(span) > 1:
        described = kb.describe(text, date=date)
        if described is not None and described.country is not None and described.sector is not None:
            return _Coding(described, "role")
    return _Coding()


def _country_word(doc: Doc, start: int, end: int, kb: ActorKB) -> str | None:
    """The country of a country name or adjective filling tokens ``start:end`` exactly."""
    if start < 0 or end > len(doc) or start >= end:
        return None
    text = _text(doc[start:end])
    if kb.kind(text) not in {"country", "adjective"}:
        return None
    ref = kb.lookup(text)
    return ref.country if ref is not None else None


def _label_conflict(span: Span, ref: ActorRef | None, kb: ActorKB) -> bool:
    """Does a country word attached to an organisation contradict the organisation's country?

    "the Vietnamese CPC", "Vietnam's CPC" (before the name) and, for an abbreviation, "the CPC of
    Vietnam" (after it).
    """
    if ref is None or ref.country is None or ref.name is None or kb.kind(_text(span)) != "organization":
        return False
    doc = span.doc
    i = span.start
    if i > 0 and doc[i - 1].tag_ == "POS":
        i -= 1
    for width in (1, 2):
        other = _country_word(doc, i - width, i, kb)
        if other is not None:
            return other != ref.country
    if _text(span).isupper() and span.end < len(doc) and doc[span.end].lower_ == "of":
        j = span.end + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        for width in (3, 2, 1):
            other = _country_word(doc, j, j + width, kb)
            if other is not None:
                return other != ref.country
    return False


def mentions_from_doc(doc: Doc, article: Article, kb: ActorKB) -> list[Mention]:
    """Entity mentions of ``doc`` (parsed from ``article.text``), coded through ``kb``.

    Args:
        doc: the spaCy ``Doc`` of ``article.text`` (offsets must agree).
        article: the article (id, publication date, boilerplate and byline spans).
        kb: the actor knowledge base (``load_kb()``).
    Returns:
        Mentions in text order, with sentence index, ``in_boilerplate`` and KB coding.

    >>> from comity.nlp import load_model
    >>> from comity.extract.actors.kb import load_kb
    >>> art = Article(id="d", name="d", text="Hanoi hailed the Sino-Vietnamese pact.", fmt="text")
    >>> [m.code for m in mentions_from_doc(load_model()(art.text), art, load_kb())]
    ['VNMGOV', 'CHN', 'VNM']
    """
    date = article.publication_date
    sentence_of = _sentence_index(doc)
    boiler = [(b.start, b.end) for b in article.boilerplate]
    byline = [(article.byline.start, article.byline.end)] if article.byline else []
    dateline = [(article.dateline.start, article.dateline.end)] if article.dateline else []
    out: list[Mention] = []
    for cand in _select(doc, kb, date):
        span = _trim(doc[cand.start : cand.end], kb)
        if span is None:
            continue
        label, text = _label(cand, span, kb), _text(span)
        if text.islower() and not cand.from_kb:
            continue  # "congress", "party": not a name
        if label == "NORP" and text.lower() in _NOT_NORP and kb.kind(text) is None:
            continue
        in_byline = _inside(byline, span.start_char, span.end_char)
        coding = _Coding() if in_byline else _code(span, label, kb, date)
        if (
            coding.resolution == "metonymy"
            and coding.ref
            and _inside(dateline, span.start_char, span.end_char)
        ):
            place = replace(coding.ref, sector=None, code=coding.ref.country)  # "HANOI, May 2 -": a place
            coding = _Coding(place, _name_match(text, place))
        ref = coding.ref
        confidence = coding.confidence
        flags = coding.flags
        if label == "ORG" and _label_conflict(span, ref, kb):
            flags, confidence = (*flags, LABEL_COUNTRY_CONFLICT), CONFLICT_CONFIDENCE
        mention = Mention(
            doc_id=article.id,
            start=span.start_char,
            end=span.end_char,
            text=text,
            label=label,
            sentence=sentence_of[cand.start],
            canonical=ref.name if ref else None,
            country=ref.country if ref else None,
            sector=ref.sector if ref else None,
            code=ref.code if ref else None,
            in_boilerplate=in_byline or _inside(boiler, span.start_char, span.end_char),
            producer=cand.source,
            resolution=coding.resolution,
            confidence=confidence,
            flags=flags,
        )
        out.append(mention if in_byline else _corefer(mention, out))
    glossed = _glossed_names(article.text, _acronym_conflicts(article.text, out, kb))
    return resolve_people(glossed, doc, kb, date)


_PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


def _flag_conflict(mention: Mention) -> Mention:
    if LABEL_COUNTRY_CONFLICT in mention.flags:
        return mention
    flags = (*mention.flags, LABEL_COUNTRY_CONFLICT)
    return replace(mention, flags=flags, confidence=CONFLICT_CONFIDENCE)


def _acronym_conflicts(text: str, mentions: list[Mention], kb: ActorKB) -> list[Mention]:
    """Flag an organisation glossed with another country's acronym: "the Communist Party of Vietnam
    (CPC)" (two mentions, the acronym is flagged) or one merged name holding both."""
    out = list(mentions)
    for n, m in enumerate(out):
        if m.label != "ORG" or m.country is None:
            continue
        inner = _PAREN_ACRONYM.search(m.text)
        if inner is not None:
            outer = kb.lookup(m.text[: inner.start()])
            acronym = kb.lookup(inner.group(1))
            if outer and acronym and outer.country and acronym.country and outer.country != acronym.country:
                out[n] = _flag_conflict(m)
            continue
        after = _PAREN_ACRONYM.match(text, m.end)
        if after is None or n + 1 >= len(out):
            continue
        nxt = out[n + 1]
        if (nxt.start, nxt.end) == after.span(1) and nxt.country and nxt.country != m.country:
            out[n + 1] = _flag_conflict(nxt)
    return out


def _glossed_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Code an unresolved organisation name by the acronym that glosses it: "the Association of
    Southeast Nations (ASEAN)" is ASEAN even when the long name is misspelt or unknown to the KB.
    Only an organisation takes the gloss, and only from the mention right after it."""
    out = list(mentions)
    for n, m in enumerate(out[:-1]):
        if m.label != "ORG" or m.code is not None:
            continue
        after = _PAREN_ACRONYM.match(text, m.end)
        nxt = out[n + 1]
        if after is None or (nxt.start, nxt.end) != after.span(1) or nxt.code is None:
            continue
        if LABEL_COUNTRY_CONFLICT in nxt.flags:
            continue
        out[n] = replace(
            m, canonical=nxt.canonical, country=nxt.country, sector=nxt.sector, code=nxt.code,
            resolution="glossed", confidence=CONFIDENCE["glossed"], flags=(),
        )  # fmt: skip
    return out


# -- references that are not entity mentions --------------------------------------------------
