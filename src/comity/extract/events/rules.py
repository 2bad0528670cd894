"""``rules.v1``: a dependency-rule event coder driven by the trigger table.

For each sentence outside boilerplate, every token that realises a trigger (``data/
triggers.csv``) becomes a candidate event; its source and target come from the parse
(``roles.py``), its modality, date and location from ``context.py``, its type, Goldstein value
and mode from the CAMEO/PLOVER table (``comity.ontology``).

Conventions (following the seed gold):
* visits: visitor = source, host = target; "X hosted/received Y" is coded as Y's visit (042).
* coordinated actors with no separate target ("China and Vietnam signed ...", "the two sides
  pledged ...") give a source/target pair: the first actor is the source, the others the
  targets (such events are reciprocal: the order carries no meaning).
* a country named as an actor stands for its government (sector GOV).
* pledges and agreements are AGREE and asserted; a trigger inside their to-clause ("agreed to
  elevate ties") is absorbed, not coded twice.
* no event without a source that is coded (has a country) or named; identical events in one
  document are kept once (same id); a second noun event of a sentence with the same code and
  countries but other persons ("X's visit ... and Y's visit") keeps its noun phrase as evidence.
* ongoing disputes between two states (ACCUSE 110, modality "ongoing") and earlier visits implied
  by "his second visit in six years" come from ``background.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from comity.config import Settings
from comity.extract.actors.kb import ActorKB
from comity.extract.actors.tracker import readout_host
from comity.extract.events.args import ActorFinder, Found
from comity.extract.events.background import background_events, distinct_phrase
from comity.extract.events.base import PRODUCER, event_id
from comity.extract.events.context import choose_date, location_of, modality_of
from comity.extract.events.patterns import Trigger, demand_clause, match_trigger, may_trigger
from comity.extract.events.refine import refine_matches
from comity.extract.events.roles import Roles, find_roles, uncoded_source
from comity.extract.lexicon import lexicon
from comity.nlp import doc_sentences, tokens_where
from comity.ontology import STATEMENT, cameo_info, types_in
from comity.records import ActorRef, Article, Event, Mention, TextSpan, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["RulesCoder"]

COOPERATIVE = types_in("verbal_cooperation", "material_cooperation")
FORCE = types_in("material_conflict")  # protests, sanctions, mobilisation, coercion, assault
INTENT_CODES = {
    **dict.fromkeys(("COOPERATE", "AID", "CONCEDE", "RETREAT"), "030"),
    **dict.fromkeys(FORCE, "130"),
}
UNCODED_CONFIDENCE = 0.15  # no coded or named source: kept (an event happened), ranked last
STATEMENT_CONFIDENCE = 0.1  # a statement ranks below any PLOVER event
THREAT = "130"
# Statements *about* an act (condolences over an attack, concern at a crackdown, responsibility
# for a bombing, denial of a role in it): the act is their topic, not a second event.
TOPIC_STATEMENTS = frozenset({"012", "013", "015", "016", "018"})
#: Statements whose "of/for/against/over + gerund" complement is their subject matter.
CONTENT_HEADS = frozenset({"ACCUSE", "THREATEN", "REJECT", "SUPPORT", "REQUEST", "PROTEST"})
_CONTENT_PREPS = lexicon("content_prepositions")
#: Subjects that point back at an event already told ("It was their first meeting ...").
_BACK_POINTERS = lexicon("back_pointers")
_REFUSAL_AUX = lexicon("refusal_auxiliaries")
#: Acts two sides do together: a plural subject ("the two leaders discussed X's war") is both sides.
_RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _evidence(article: Article, sent: Span) -> TextSpan:
    start, end = sent.start_char, sent.end_char
    text = article.text[start:end]
    stripped = text.rstrip()
    start += len(stripped) - len(stripped.lstrip())
    end = sent.start_char + len(stripped)
    return TextSpan(start, end, article.text[start:end])


def _in_boilerplate(article: Article, start: int, end: int) -> bool:
    return any(b.start <= start and end <= b.end for b in article.boilerplate)


def _candidates(sent: Span) -> Iterator[tuple[Token, Trigger]]:
    """(token, trigger) pairs, without nouns consumed by a light verb or clauses under pledges."""
    found = {
        tok.i: trig for tok in tokens_where(sent, may_trigger) if (trig := match_trigger(tok)) is not None
    }
    matched = refine_matches(sent.doc, found)
    absorbed = _absorbed(sent.doc, matched)
    for i, trig in matched.items():
        token = sent.doc[i]
        head = matched.get(token.head.i)
        if trig.pos == "noun" and token.dep_ in {"dobj", "nsubjpass"} and head and head.plover:
            continue  # "held talks": the light verb codes it (a statement verb does not)
        if i in absorbed or _under_intent(token, matched):
            continue
        yield token, trig


def _described_again(noun: Token, event: Event, earlier: Iterable[Event], sentence: int) -> bool:
    """ "It was their first meeting in five years" right after the meeting was told: the pronoun
    subject and possessive point back at that event; the sentence describes it, it is no new one.
    ("It was the first visit to Beijing by X" with nothing before it is a new event.)"""
    head = noun.head
    pointing = (
        noun.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lower_ in _BACK_POINTERS for c in head.children)
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
    )
    return pointing and any(e.type == event.type and sentence - 2 <= e.sentence < sentence for e in earlier)


def _absorbed(doc: Doc, matched: dict[int, Trigger]) -> set[int]:
    """Triggers that another one subsumes: the obliged clause of a demand ("said Y must
    withdraw": no withdrawal happened) and acts that are a topic statement's subject matter."""
    out: set[int] = set()
    for i, trig in matched.items():
        token = doc[i]
        if trig.frame == "demand" and (clause := demand_clause(token)) is not None:
            out.update(j for j in matched if j != i and _within(doc[j], clause, stop=token))
        elif trig.plover is None and trig.cameo in TOPIC_STATEMENTS:
            out.update(j for j in matched if matched[j].pos == "noun" and _within(doc[j], token, stop=None))
        if trig.plover in CONTENT_HEADS or trig.plover is None:
            out.update(j for j in matched if _gerund_content(doc[j], token))
    return out


def _gerund_content(token: Token, head: Token) -> bool:
    """ "accused India of violating", "warned China against supplying", "praised Japan for
    helping": the gerund is what the statement is about, not a second act."""
    prep = token.head
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in _CONTENT_PREPS
        and prep.head.i == head.i
    )


def _within(token: Token, top: Token, *, stop: Token | None) -> bool:
    """Is ``token`` ``top`` or under it, without passing through ``stop``?"""
    current = token
    for _ in range(12):
        if stop is not None and current.i == stop.i:
            return False
        if current.i == top.i:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


_INTENT_LINKS = frozenset({"xcomp", "conj", "ccomp", "dobj", "pobj", "prep"})


def _under_intent(token: Token, matched: dict[int, Trigger]) -> bool:
    """Is ``token`` part of what an intent verb promises, refuses, threatens or allows: its
    to-clause, that-clause or their objects ("threatened to hold a strike", "warned that police
    will ban rallies", "demanded Y to allow")?"""
    current = token
    while current.head.i != current.i and (
        current.dep_ in _INTENT_LINKS or (current.dep_ == "advcl" and _infinitival(current))
    ):
        current = current.head
        trig = matched.get(current.i)
        if trig is not None and trig.frame == "intent":
            return True
    return False


def _infinitival(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _coded(actor: ActorRef) -> bool:
    return actor.country is not None or actor.code is not None


def _split_pair(roles: Roles, trig: Trigger) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """Source and target; coordinated sources with no target, and a plural subject ("the two
    leaders", "they") doing what sides do together (met, discussed, agreed), are the two sides."""
    source = roles.source.actors
    keys = {(a.name or a.text, a.code) for a in source}
    target = tuple(a for a in roles.target.actors if (a.name or a.text, a.code) not in keys)
    if roles.target.resolved:  # a resolved reference is no actor acting on itself ("X ... his government")
        codes = {a.code for a in source if a.code}
        target = tuple(a for a in target if a.code not in codes)
    together = roles.source.group and trig.plover in _RECIPROCAL and trig.frame != "swap"
    if len(source) >= 2 and (not target or together):
        source, target = source[:1], source[1:]
    return source, target


def _refused(token: Token) -> bool:
    """ "will not accept": a negated future act (a refusal, unlike a past "did not sign")."""
    return any(c.dep_ == "aux" and c.lower_ in _REFUSAL_AUX for c in token.children)


def _conditional_threat(token: Token) -> bool:
    """ "will withdraw unless Y ...": an act announced on a condition the target must meet."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in token.children
    )


def _pledged_force(token: Token, trig: Trigger) -> bool:
    """A unilateral pledge of force ("vowed to fight", "is ready to strike") is a threat.
    An agreement stays AGREE whatever was agreed ("agreed to impose sanctions")."""
    if trig.frame != "intent" or trig.plover != "AGREE" or trig.lemma in {"agree", "accept"}:
        return False
    for child in token.children:
        if child.dep_ == "xcomp":
            embedded = match_trigger(child)
            if embedded is not None and embedded.plover in FORCE:
                return True
    return False


def _intended_code(token: Token, trig: Trigger, modality: str, *, refused: bool = False) -> str:
    """A future act is an intent: cooperation becomes AGREE (03x: "will allow", "will
    evacuate"), force or sanctions THREATEN (13x: "will boycott", "will expel"); negated
    future cooperation is a refusal, REJECT 120 (the modality stays "negated": "will not
    accept"); a past negated act keeps its code ("did not sign": 057, negated). An act
    announced "unless" something is done, and a pledge of force, are threats (130)."""
    if trig.plover is None:
        return trig.cameo
    if _pledged_force(token, trig):
        return THREAT
    if modality == "negated" and refused and trig.plover in COOPERATIVE:
        return "120"
    if modality != "future":
        return trig.cameo
    if _conditional_threat(token):
        return THREAT
    return INTENT_CODES.get(trig.plover, trig.cameo)


def _past_tense(token: Token) -> bool:
    if token.tag_ == "VBD":
        return True
    return token.tag_ == "VBN" and any(c.dep_ in {"aux", "auxpass"} for c in token.children)


def _confidence(source: Sequence[ActorRef], target: Sequence[ActorRef], found: Found) -> float:
    score = 0.4 + 0.25 * any(map(_coded, source)) + 0.25 * any(map(_coded, target))
    return round(max(0.1, score - (0.1 if found.resolved else 0.0)), 2)


def _trigger_text(token: Token, trig: Trigger) -> str:
    if trig.objects:
        obj = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is not None:
            return f"{token.text} {obj.text}"
    return str(token.text)


class RulesCoder:
    """Dependency-rule event coder ``rules.v1`` (see the module docstring).

    >>> from comity.nlp import load_model
    >>> art = Article(id="d", name="d", text="Wang Yi met Nguyen Phu Trong in Hanoi.", fmt="text",
    ...               publication_date="2023-12-01")
    >>> doc = load_model()(art.text)
    >>> from comity.extract.actors.mentions import mentions_from_doc
    >>> from comity.extract.actors.kb import load_kb
    >>> coder = RulesCoder(kb=load_kb())
    >>> [(e.type, e.source[0].code, e.target[0].code) for e in coder.code(
    ...     doc, art, mentions_from_doc(doc, art, coder.kb), [])]
    [('CONSULT', 'CHNGOV', 'VNMPTY')]
    """

    name = PRODUCER

    def __init__(self, settings: Settings | None = None, *, kb: ActorKB) -> None:
        self.settings = settings
        self.kb = kb  # built once by the caller and shared with the pipeline

    def code(
        self, doc: Doc, article: Article, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> list[Event]:
        """Candidate events of one parsed article, de-duplicated, in text order."""
        host = readout_host(article.outlet, self.kb)  # whose official readout this is, if any
        finder = ActorFinder(doc, mentions, self.kb, article.publication_date, host)
        events: dict[str, Event] = {}
        for n, sent in enumerate(doc_sentences(doc)):
            evidence = _evidence(article, sent)
            if not evidence.text or _in_boilerplate(article, evidence.start, evidence.end):
                continue
            coded = [
                (token, event)
                for token, trig in _candidates(sent)
                if (event := self._event(token, trig, finder, article, times, evidence, n)) is not None
            ]
            if any(e.type != STATEMENT for _, e in coded):  # statements are a fallback only
                coded = [(t, e) for t, e in coded if e.type != STATEMENT]
            coded = [(t, e) for t, e in coded if not _described_again(t, e, events.values(), n)]
            found: list[Event] = []
            for token, event in coded:
                earlier = events.get(event.id)
                if earlier is not None and earlier.sentence == n:
                    event = distinct_phrase(event, earlier, token, article) or event
                if event.id not in events:
                    events[event.id] = event
                    found.append(event)
            for event in background_events(sent, finder, article, evidence, found, n):
                events.setdefault(event.id, event)
        return list(events.values())

    def _event(
        self,
        token: Token,
        trig: Trigger,
        finder: ActorFinder,
        article: Article,
        times: Sequence[TimeExpression],
        evidence: TextSpan,
        sentence: int,
    ) -> Event | None:
        roles = find_roles(token, trig, finder)
        source, target = _split_pair(roles, trig)
        if trig.plover == "CONSULT" and trig.frame != "visit":  # talks have two sides
            if target:
                finder.tracker.meeting(source, target, sentence)
            elif (other := finder.tracker.counterpart(source, sentence)) is not None:
                target = other.actors
        uncoded = not any(_coded(a) or a.name for a in source)
        if uncoded:
            fallback = uncoded_source(token, trig, finder)
            if fallback is None:
                return None
            source = fallback
        date = choose_date(
            token, token.sent, times, past_tense=_past_tense(token), article_date=article.publication_date
        )
        modality = modality_of(
            token, date.value if date.basis != "document" else None, article.publication_date
        )
        if date.basis == "document" and modality != "asserted":
            date = date.__class__(None, None, None, "unknown")
        cameo = _intended_code(token, trig, modality, refused=_refused(token))
        info = cameo_info(cameo)
        ident = event_id(
            article.id,
            cameo,
            evidence.start,
            evidence.end,
            [a.code for a in source],
            [a.code for a in target],
        )
        return Event(
            id=ident,
            doc_id=article.id,
            doc=article.name,
            type=info.plover or trig.plover or STATEMENT,
            cameo=cameo,
            mode=info.mode,
            goldstein=info.goldstein,
            source=source,
            target=target,
            evidence=evidence,
            trigger=_trigger_text(token, trig),
            modality=modality,
            date=date.value,
            date_text=date.text,
            date_precision=date.precision,
            date_basis=date.basis,
            location=location_of(token, finder.mention_at) or roles.place,
            confidence=STATEMENT_CONFIDENCE
            if info.plover is None
            else UNCODED_CONFIDENCE
            if uncoded
            else _confidence(source, target, roles.source + roles.target),
            sentence=sentence,
            producer=PRODUCER,
        )
