"""comity's own spaCy components (Doc -> Doc), registered once by name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import MorphAnalysis

from comity.clean.dateline import find_dateline
from comity.nlp.model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LINE_BREAKS = "comity_line_breaks"
DATELINES = "comity_datelines"
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?=\S)")
_DASHES = frozenset("-–—")
# "TOKYO — ..." (AP style): too weak to date an article by, but still no subject of the parse.
_CAPS_LEAD = re.compile(r"[A-Z][A-Z.'’\- ]{1,40}[A-Z.]\s*[-–—]+\s")


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News pages put titles, bylines, captions and paragraphs on lines of their own; without this
    the parser glues a title to the first sentence and the evidence span swallows both.
    Must run before the parser, which keeps sentence starts that are already set.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        after_break_token = previous.is_space and "\n" in previous.text
        after_break_whitespace = not token.is_space and "\n" in previous.whitespace_
        if after_break_token or after_break_whitespace:
            token.is_sent_start = True
    return doc


@Language.component(DATELINES)
def datelines(doc: Doc) -> Doc:
    """Start a sentence right after a dateline ("MANILA, Jan 14 (Reuters) -").

    Left in the first sentence, the dateline's city became the subject of the parse, and so the
    source of the article's main event ("MANILA signed ..."). Must run before the parser.
    """
    text = doc_text(doc)  # cached on the Doc: the extractors read it again, and joining tokens is slow
    for line in _LINE_START.finditer(text):
        head = text[line.end() : line.end() + 200]
        found = find_dateline(head)
        caps = _CAPS_LEAD.match(head)
        if found is None and caps is None:
            continue
        after = _first_token_after(doc, line.end() + (found.end if found is not None else caps.end()))  # type: ignore[union-attr]
        if after is not None:
            after.is_sent_start = True
    return doc


def _first_token_after(doc: Doc, offset: int) -> Token | None:
    """The first word at or after ``offset``, past the dateline's dash and spaces."""
    for token in doc:
        if token.idx < offset or token.is_space or token.text in _DASHES:
            continue
        return token if token.i > 0 else None
    return None


VISITORS = "comity_visitors"
#: What a visitor described by "visiting" is: a person or a nationality with a title ("visiting
#: Vietnamese Prime Minister Pham Minh Chinh"), never a place ("visiting China").
_VISITOR_LABELS = frozenset({"PERSON", "NORP"})
_VISITED_LABELS = frozenset({"GPE", "LOC", "FAC"})
_VERB_CLAUSE_DEPS = frozenset({"pcomp", "advcl", "xcomp", "ccomp", "acl", "conj"})


@Language.component(VISITORS)
def visitors(doc: Doc) -> Doc:
    """Read "met with visiting Vietnamese Prime Minister X" as a visitor X, not a visit by the host.

    The small parser takes such a "visiting" for a clause of the verb before it, with X its
    object: the meeting then has no other side and the visit runs from host to visitor. A
    "visiting" with no subject or auxiliary of its own whose object names a person or a
    nationality (not a place) becomes a modifier of that object, which takes its place under the
    verb or preposition; its other dependents ("in Beijing", "on Monday") go with it. Must run
    after the entity recogniser.
    """
    if "visiting" not in doc_text(doc).lower():  # most documents: no token to look at
        return doc
    for token in doc:
        visitor = _visitor(token)
        if visitor is None:
            continue
        head = token.head
        for child in [c for c in token.children if c.i != visitor.i]:
            child.head = head
        visitor.head = head
        visitor.dep_ = "pobj" if head.pos_ == "ADP" else "dobj"
        token.head = visitor
        token.dep_ = "amod"
    return doc


def _visitor(token: Token) -> Token | None:
    """The object of a "visiting" that describes its object rather than telling a visit, or None."""
    if token.lower_ != "visiting" or token.tag_ != "VBG" or token.dep_ not in _VERB_CLAUSE_DEPS:
        return None
    if token.i > 0 and token.nbor(-1).pos_ in {"AUX", "PRON"}:
        return None  # "who is visiting", "he was visiting"
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in token.children):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
    if obj is None or obj.ent_type_ in _VISITED_LABELS:
        return None
    words = [t for t in obj.subtree if t.i > token.i]
    if any(t.ent_type_ in _VISITED_LABELS and t.i == obj.i for t in words):
        return None
    return obj if any(t.ent_type_ in _VISITOR_LABELS for t in words) else None


PLACE_NAMES = "comity_place_names"
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@Language.component(PLACE_NAMES)
def place_names(doc: Doc) -> Doc:
    """Read "met in Tokyo, Japan to discuss trade" as one place, "Tokyo, Japan", not as a subject.

    The small parser takes the country after "City," for the subject of the infinitive that
    follows ("Japan ... to discuss"), and hangs the whole clause before it under that infinitive.
    An infinitive has no subject of its own (short of "for X to"), so such a country becomes an
    apposition of the place before the comma, and the infinitive a purpose clause of the verb the
    place belongs to, which takes its place in the tree. Must run after the entity recogniser.
    """
    for token in doc:
        repair = _misread_place(token)
        if repair is None:
            continue
        place, clause, infinitive = repair
        if clause.head.i == infinitive.i:  # the clause was hung under the infinitive: lift it
            clause.dep_ = infinitive.dep_
            clause.head = clause if infinitive.head.i == infinitive.i else infinitive.head
        token.head = place
        token.dep_ = "appos"
        infinitive.head = clause
        infinitive.dep_ = "advcl"
    return doc


def _misread_place(token: Token) -> tuple[Token, Token, Token] | None:
    """(place, its clause's verb, the infinitive) when ``token`` is a country misread as the subject
    of an infinitive right after "Place,"; else None."""
    if token.dep_ != "nsubj" or token.ent_type_ not in _PLACE_LABELS or token.i < 3:
        return None
    infinitive = token.head
    if infinitive.i < token.i or not _to_infinitive(infinitive):
        return None
    comma, place = token.nbor(-1), token.nbor(-2)
    if comma.text != "," or place.ent_type_ not in _PLACE_LABELS or place.dep_ != "pobj":
        return None
    clause = place.head.head
    if place.head.pos_ != "ADP" or clause.pos_ not in {"VERB", "AUX"} or clause.i == infinitive.i:
        return None
    if not (infinitive.is_ancestor(clause) or clause.is_ancestor(infinitive)):
        return None  # the place's verb and the infinitive lie on one branch of the tree, or no repair
    return place, clause, infinitive


PREPOSITION_OBJECTS = "comity_preposition_objects"


@Language.component(PREPOSITION_OBJECTS)
def preposition_objects(doc: Doc) -> Doc:
    """Read "met with Secretary X Jr. and Secretary Y of Peru in Lima to mark the anniversary" as a
    meeting with X and Y for a purpose, not a preposition whose clause has Y as its subject.

    After a long list of names the small parser may hang an infinitive on the preposition ("with
    ... to mark") and make the last name its subject. An infinitive under a preposition has no
    subject of its own, so a named subject there becomes the preposition's object, and the
    infinitive a purpose clause of what the preposition belongs to. Must run after the entity
    recogniser.
    """
    for token in doc:
        repair = _misread_object(token)
        if repair is None:
            continue
        prep, infinitive = repair
        token.head = prep
        token.dep_ = "pobj"
        infinitive.head = prep.head
        infinitive.dep_ = "advcl"
    return doc


def _misread_object(token: Token) -> tuple[Token, Token] | None:
    """(preposition, infinitive) when ``token`` is a name misread as the subject of an infinitive
    hung on a preposition; else None."""
    if token.dep_ != "nsubj" or not (token.ent_type_ or token.pos_ == "PROPN"):
        return None
    infinitive = token.head
    prep = infinitive.head
    if infinitive.dep_ != "pcomp" or prep.pos_ != "ADP" or not prep.i < token.i < infinitive.i:
        return None
    if not _to_infinitive(infinitive):
        return None
    return None if prep.head.i == prep.i else (prep, infinitive)


VERBLESS_ROOTS = "comity_verbless_roots"
_CLAUSE_LEVEL = frozenset({"prep", "punct", "advmod", "npadvmod", "advcl", "mark"})


@Language.component(VERBLESS_ROOTS)
def verbless_roots(doc: Doc) -> Doc:
    """Read "The three NSAs resolved to deepen cooperation" as a subject and its verb, not a noun
    phrase whose participle modifies it.

    Before a word it does not know ("NSAs") the small parser may make the subject the root of the
    sentence and its past-tense verb a reduced relative ("acl"). A sentence whose root is a noun
    has no verb of its own, so a past form right after that noun is the sentence's verb: it
    becomes the root, the noun its subject, and the noun's dependents after the verb, and the
    adjuncts before it, the verb's.
    """
    for sentence in list(doc.sents):
        noun = sentence.root
        verb = _misread_verb(noun)
        if verb is None:
            continue
        for child in [c for c in noun.children if c.i > verb.i or c.dep_ in _CLAUSE_LEVEL]:
            child.head = verb  # "During the pandemic, many casinos pivoted": the clause's adjunct
        verb.head = verb
        verb.dep_ = "ROOT"
        verb.tag_ = "VBD"  # a finite past verb, as the tagger's participle reading was not
        verb.morph = MorphAnalysis(verb.vocab, {"Tense": "Past", "VerbForm": "Fin"})
        noun.head = verb
        noun.dep_ = "nsubj"
    return doc


def _misread_verb(noun: Token) -> Token | None:
    """The past form right after a root noun that the parser hung on it as a participle; else None."""
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.i + 1 >= len(noun.doc):
        return None
    verb = noun.nbor(1)
    if verb.head.i != noun.i or verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBN"}:
        return None
    return verb


def _to_infinitive(verb: Token) -> bool:
    """Is ``verb`` a to-infinitive ("to discuss"), which has no subject of its own?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
