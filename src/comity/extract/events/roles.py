"""Who did it and to whom: source and target arguments of a trigger (not a stable API).

Verbs: the subject (or the passive "by" agent) is the source; a subject-less verb in a
to-clause, participle or coordination takes the subject of the verb it hangs on ("In addition
to meeting with X, Wang ..."). The target is the direct object (the passive subject), else the
object of with/to/on/against on the verb or on its object ("signed a deal with Japan"); an
intent verb ("pledged to enhance ties with Vietnam") also looks into its to-clause.

Nouns: the possessor, a "by" phrase, or (visits) an "of" phrase is the source; "with"/"to" give
the target; "talks between X and Y" gives X as source and Y as target.

Visits: the target is the host; a place is coded as its country's government ("visit to
Beijing" -> CHN GOV) and becomes the location.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder, Found
from comity.extract.events.patterns import Trigger, demand_clause, object_token
from comity.extract.lexicon import lexicon
from comity.nlp import doc_text
from comity.records import ActorRef, Location

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Roles", "find_roles", "light_verb", "uncoded_source"]

TARGET_PREPS = lexicon("target_prepositions")
NOUN_TARGET_PREPS = lexicon("noun_target_prepositions")  # "sanctions against X"
_CONTROL_LINKS = frozenset(
    {"xcomp", "conj", "pcomp", "advcl", "acl", "relcl", "prep", "pobj", "ccomp", "acomp"}
)  # acomp: "X is willing to withdraw" (the clause hangs on the adjective)
ADJ_TARGET_PREPS = lexicon("adjective_target_prepositions")  # "critical of Y"
_SUBJECT_LINKS = frozenset({"xcomp", "conj", "acomp", "advcl"})  # a subject-less verb shares it


class Roles:
    """Source and target actors of one trigger, plus a visited place."""

    def __init__(self, source: Found, target: Found, place: Location | None = None) -> None:
        self.source = source
        self.target = target
        self.place = place


def _pobjs(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        pobj
        for prep in token.children
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _verb_source(token: Token, finder: ActorFinder) -> Found:
    for child in token.children:
        if child.dep_ == "nsubj":
            found = finder.find(child)
            if not found.actors and token.dep_ == "relcl":
                return finder.find(token.head)
            if not found.actors and child.pos_ == "PRON" and token.dep_ == "ccomp":
                return _verb_source(token.head, finder)  # "X announced it will withdraw"
            return found
        if child.dep_ == "agent":
            for pobj in child.children:
                return finder.find(pobj)
    if token.dep_ == "relcl":
        return finder.find(token.head)
    if any(c.dep_ == "nsubjpass" for c in token.children):
        return Found()  # "she hoped they would be indicted": no agent, not the speaker
    current = token
    for _ in range(5):
        if current.dep_ not in _CONTROL_LINKS or current.head is current:
            break
        current = current.head
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None and current.pos_ in {"VERB", "AUX"}:
            return _verb_source(current, finder)  # its own pronoun and relative-clause rules
    return _stray_subject(current, finder)


def _stray_subject(verb: Token, finder: ActorFinder) -> Found:
    """Parse repair: an actor hung as a compound/dep on a subject-less verb to its left
    (spaCy splits "Wang co-chaired" into "Wang/compound co/ROOT - chaired/conj")."""
    for child in verb.lefts:
        if child.dep_ in {"compound", "dep", "npadvmod"} and finder.mention_at(child) is not None:
            return finder.find(child)
    return Found()


def _verb_target(token: Token, trig: Trigger, finder: ActorFinder) -> Found:
    found = Found()
    obj = object_token(token)
    if obj is not None and not (trig.objects and obj.lower_ in trig.objects):
        found = found + finder.find(obj, possessor=True)
    preps = TARGET_PREPS | {trig.target_prep} if trig.target_prep else TARGET_PREPS
    if trig.prep is not None:  # the required preposition names whom the act is aimed at ("fired at Y")
        preps = preps | {trig.prep}
    if trig.pos == "adj":
        preps = preps | ADJ_TARGET_PREPS
    for pobj in _pobjs(token, preps):
        found = found + finder.find(pobj, possessor=True)
    if obj is not None:
        for pobj in _pobjs(obj, TARGET_PREPS):
            found = found + finder.find(pobj, possessor=True)
    if trig.frame == "intent" and not found.actors:
        for child in token.children:
            if child.dep_ == "xcomp":
                found = found + _verb_target(
                    child, Trigger("", "verb", frozenset(), None, "", "", ""), finder
                )
    return found


def _place(pobj: Token, finder: ActorFinder) -> Location | None:
    mention = finder.mention_at(pobj)
    if mention is None or mention.label not in {"GPE", "LOC", "FAC"}:
        return None
    name = mention.canonical if mention.sector is None and mention.canonical else mention.text
    return Location(mention.text, name, mention.country)


def _visit_target(token: Token, finder: ActorFinder, *, nominal: bool) -> tuple[Found, Location | None]:
    places = [] if nominal else [c for c in token.children if c.dep_ == "dobj"]
    places += _pobjs(token, frozenset({"to"}))
    obj = object_token(token)
    if obj is not None and not nominal:
        places += _pobjs(obj, frozenset({"to"}))
    found = Found()
    place: Location | None = None
    for tok in places:
        found = found + finder.find(tok, possessor=True)
        place = place or _place(tok, finder)
    return found, place


def light_verb(token: Token) -> Token | None:
    """The verb whose object (or prepositional object) holds a nominal trigger: "launched a
    mediation effort", "renewed negotiations", "remained on alert"; None when there is none."""
    current = token
    if current.dep_ == "compound" and current.head.pos_ in {"NOUN", "PROPN"}:
        current = current.head
    if current.dep_ in {"dobj", "attr"}:
        verb = current.head
    elif current.dep_ == "pobj" and current.head.dep_ == "prep" and current.head.lower_ in _LIGHT_PREPS:
        verb = current.head.head
    else:
        return None
    return verb if verb is not current and verb.pos_ in {"VERB", "AUX"} else None


_LIGHT_PREPS = frozenset({"on", "into", "in"})


def _noun_source(token: Token, trig: Trigger, finder: ActorFinder) -> Found:
    found = Found()
    for child in token.children:
        if child.dep_ == "poss":
            found = found + finder.find(child)
    by = frozenset({"by", "of"}) if trig.frame == "visit" else frozenset({"by"})
    for pobj in _pobjs(token, by):
        found = found + finder.find(pobj)
    if not found.actors:
        verb = light_verb(token)
        if verb is not None:
            found = found + _verb_source(verb, finder)
    return found


def find_roles(token: Token, trig: Trigger, finder: ActorFinder) -> Roles:
    """Source/target of ``token`` realising ``trig``; "swap" frames exchange them (hosts)."""
    nominal = trig.pos == "noun"
    if nominal:
        between = _pobjs(token, frozenset({"between", "among"}))
        if between:
            pair = finder.find(between[0])
            return Roles(Found(pair.actors[:1], pair.resolved), Found(pair.actors[1:], pair.resolved))
        source = _noun_source(token, trig, finder)
    else:
        source = _verb_source(token, finder)
    place: Location | None = None
    if trig.frame == "visit":
        target, place = _visit_target(token, finder, nominal=nominal)
    elif trig.frame == "demand":
        target = _demand_target(token, finder)
    elif nominal:
        target = Found()
        for pobj in _pobjs(token, NOUN_TARGET_PREPS):
            target = target + finder.find(pobj, possessor=True)
    else:
        target = _verb_target(token, trig, finder)
    if trig.frame == "swap":
        source, target = target, source
    return Roles(source, target, place)


def _demand_target(token: Token, finder: ActorFinder) -> Found:
    """Who is told what they must do: the subject of the obliged clause ("... Y must stop")."""
    clause = demand_clause(token)
    subject = (
        next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause is not None
        else None
    )
    return finder.find(subject, possessor=True) if subject is not None else Found()


def subject_token(token: Token) -> Token | None:
    """The subject phrase head of a verb or predicative adjective: its own subject or passive
    agent, else that of the verb it is controlled by ("rebels are ready to free"), and past a
    pronoun subject of a reported clause ("rebels said they will free")."""
    current = token
    for _ in range(6):
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and current.i == token.i:
            return pobj
        if pobj is not None:  # "Y was indicted by X and will resign": Y resigns, not X
            return next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.pos_ == "PRON" and current.dep_ == "ccomp" and current.head.i != current.i:
                current = current.head
                continue
            return subject
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _SUBJECT_LINKS or current.head.i == current.i:
            return None
        current = current.head
    return None


_MAX_PHRASE = 8
_SOURCELESS_TYPES = frozenset({"ASSAULT", "COERCE"})  # "three civilians were killed"
#: Generic agent nouns, singular: "-s" plurals and "-men" are derived in ``_agentive``.
AGENT_NOUNS = lexicon("agent_nouns")


def _agentive(head: Token, finder: ActorFinder, *, strict: bool = False) -> bool:
    """Can this subject head an actor: a named mention in its phrase (``strict``: the head
    itself is named), or an agent noun?"""
    if any(finder.mention_at(t) is not None for t in ([head] if strict else head.subtree)):
        return True
    if head.pos_ == "PROPN" and head.ent_type_ in _NAMED_AGENTS:  # "the ELN declared": a name
        return True
    heads = _of_chain(head)
    for word in (h.lower_ for h in heads):  # "rebels", "thousands of students"
        if {word, word[:-1] if word.endswith("s") else word, re.sub(r"men$", "man", word)} & AGENT_NOUNS:
            return True
    return False


_NAMED_AGENTS = frozenset({"ORG", "PERSON", "NORP"})


def _of_chain(head: Token) -> list[Token]:
    """The head and its nested "of" complements ("hundreds of thousands of people")."""
    out = [head]
    for _ in range(3):
        nxt = [p for c in out[-1].children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if not nxt:
            break
        out.append(nxt[0])
    return out


def _civil_sector(subject: Token, finder: ActorFinder) -> str | None:
    """The sector of an uncoded agent noun phrase from the role table ("people", "students"
    -> CVL), read off the last noun of its "of" chain."""
    return finder.kb.role_sector(_of_chain(subject)[-1].lower_)


def uncoded_source(token: Token, trig: Trigger, finder: ActorFinder) -> tuple[ActorRef, ...] | None:
    """The uncoded source of a trigger whose source the KB cannot code: its agentive subject
    phrase ("rebels attacked ..."), no source at all for a passive act of force ("civilians
    were killed"), or None when the event should not be kept."""
    verb = light_verb(token) if trig.pos == "noun" else token
    subject = subject_token(verb) if verb is not None else None
    # a subject borrowed from a governing verb must itself be an agent ("rebels said they will
    # free"), not merely contain a name ("Vietnam's efforts to ... handle ties")
    strict = subject is not None and verb is not None and verb.i not in {subject.head.i, subject.head.head.i}
    if (
        subject is not None
        and subject.pos_ in {"NOUN", "PROPN"}
        and _agentive(subject, finder, strict=strict)
    ):
        words = list(subject.subtree)[:_MAX_PHRASE]
        text = doc_text(subject.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]  # as written
        return (ActorRef(text, sector=_civil_sector(subject, finder)),)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    if subject is None and trig.plover in _SOURCELESS_TYPES and (passive or trig.pos == "noun"):
        return ()
    return None
