"""Named-entity mentions, coded through the actor KB.

``mentions_from_doc`` merges spaCy's entities with names the KB knows that spaCy missed or cut
badly ("Communist Party of China", both halves of "China-Vietnam", "Sino-"), then codes each
mention at the article's publication date. A bare surname ("Nguyen") that the KB cannot code
takes the coding of an earlier full name in the same document that contains it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from comity.extract.actors import ActorKB
from comity.records import Article, Mention

__all__ = ["ENTITY_LABELS", "mentions_from_doc"]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
KB_PRODUCER = "actors.kb.v1"
_KIND_LABEL = {
    "country": "GPE",
    "capital": "GPE",
    "adjective": "NORP",
    "organization": "ORG",
    "person": "PERSON",
}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token index
    end: int
    label: str
    from_kb: bool


def _starts_name(token: Any) -> bool:
    return bool(token.text[:1].isupper()) and not token.is_punct


def _kb_candidates(doc: Any, kb: ActorKB) -> Iterator[_Candidate]:
    """Longest KB names starting at each capitalised token, within one sentence."""
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if not _starts_name(doc[i]):
                i += 1
                continue
            hit = _longest_at(doc, kb, i, sent.end)
            if hit is None:
                i += 1
                continue
            end, kind = hit
            yield _Candidate(i, end, _KIND_LABEL.get(kind, "ORG"), True)
            i = end


def _longest_at(doc: Any, kb: ActorKB, i: int, limit: int) -> tuple[int, str] | None:
    for end in range(min(limit, i + kb.max_words), i, -1):
        if doc[end - 1].is_punct and doc[end - 1].text != ".":
            continue
        kind = kb.kind(doc[i:end].text)
        if kind is not None:
            return end, kind
    return None


def _inside_ok(ent: Any, cand: _Candidate, kb: ActorKB) -> bool:
    """May a KB name inside a (wrongly cut or uncoded) spaCy entity replace it?"""
    if ent.label_ == "PERSON":
        return False
    return "-" in ent.text or ent.label_ in {"GPE", "NORP"} or cand.label == "ORG"


def _select(doc: Any, kb: ActorKB, date: str | None) -> list[_Candidate]:
    ents = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
    coded = [e for e in ents if kb.lookup(e.text, date=date) is not None]
    chosen: list[_Candidate] = [_Candidate(e.start, e.end, e.label_, False) for e in coded]
    for cand in sorted(_kb_candidates(doc, kb), key=lambda c: (c.start - c.end, c.start)):
        if any(_overlaps(cand, c) for c in chosen):
            continue
        outer = [e for e in ents if e.start < cand.end and cand.start < e.end and e not in coded]
        if all((e.start >= cand.start and e.end <= cand.end) or _inside_ok(e, cand, kb) for e in outer):
            chosen.append(cand)
    for ent in ents:
        cand = _Candidate(ent.start, ent.end, ent.label_, False)
        if not any(_overlaps(cand, c) for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _label(spacy_label: str, kind: str | None) -> str:
    """The KB's kind wins for people and organisations ("Wang" tagged ORG is a PERSON)."""
    if kind in {"person", "organization"}:
        return _KIND_LABEL[kind]
    return spacy_label


def _trim(span: Any) -> Any | None:
    """Drop a leading "the", a trailing possessive ("Xi's" -> "Xi") and whitespace tokens."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].lower_ == "the"):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    return span.doc[start:end] if end > start else None


def _in_boilerplate(article: Article, start: int, end: int) -> bool:
    return any(b.start < end and start < b.end for b in article.boilerplate)


def _sentence_index(doc: Any) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _corefer(mention: Mention, earlier: Sequence[Mention]) -> Mention:
    """Code an uncoded one-word person name by an earlier coded full name containing it."""
    if mention.canonical is not None or mention.label != "PERSON":
        return mention
    words = mention.text.replace("’s", "").replace("'s", "").split()
    for prev in reversed(earlier):
        if prev.label == "PERSON" and prev.canonical and set(words) <= set(prev.canonical.split()):
            return replace(
                mention, canonical=prev.canonical, country=prev.country, sector=prev.sector, code=prev.code
            )
    return mention


def mentions_from_doc(doc: Any, article: Article, kb: ActorKB) -> list[Mention]:
    """Entity mentions of ``doc`` (parsed from ``article.text``), coded through ``kb``.

    Args:
        doc: the spaCy ``Doc`` of ``article.text`` (offsets must agree).
        article: the article (id, publication date, boilerplate spans).
        kb: the actor knowledge base (``load_kb()``).
    Returns:
        Mentions in text order, with sentence index, ``in_boilerplate`` and KB coding.

    >>> from comity.nlp import load_model
    >>> from comity.extract.actors import load_kb
    >>> art = Article(id="d", name="d", text="Hanoi hailed the Sino-Vietnamese pact.", fmt="text")
    >>> [m.code for m in mentions_from_doc(load_model()(art.text), art, load_kb())]
    ['VNMGOV', 'CHN', 'VNM']
    """
    date = article.publication_date
    sentence_of = _sentence_index(doc)
    out: list[Mention] = []
    for cand in _select(doc, kb, date):
        span = _trim(doc[cand.start : cand.end])
        if span is None:
            continue
        ref = kb.lookup(span.text, date=date)
        mention = Mention(
            doc_id=article.id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            label=_label(cand.label, kb.kind(span.text)),
            sentence=sentence_of[cand.start],
            canonical=ref.name if ref else None,
            country=ref.country if ref else None,
            sector=ref.sector if ref else None,
            code=ref.code if ref else None,
            in_boilerplate=_in_boilerplate(article, span.start_char, span.end_char),
            producer=KB_PRODUCER if cand.from_kb else "spacy.ner.v1",
        )
        out.append(_corefer(mention, out))
    return out
