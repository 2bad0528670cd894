"""Corrections to the raw trigger matches of a sentence, applied before roles are found.

* Figurative force: "fight the epidemic", "battle corruption", "the war on drugs" use the
  vocabulary of ASSAULT for a campaign against a problem, not an attack on an actor; such
  matches are dropped, as is a force noun that only says what kind of thing another noun is
  ("a nuclear attack submarine", "a helicopter assault team").
* A noun trigger that is a compound of another act's object ("withdrew the peacekeeping
  force") is part of that act, not a second one.
* A state that "protested" (no object) made a diplomatic protest, not a demonstration.
* Announced acts: a statement verb whose object names an act ("announced $33 million in
  assistance", "unveiled sanctions against Y") is that act, coded on the verb (its subject and
  targets), and the act noun is absorbed rather than coded twice. An announcement that names no
  act ("announced a total shutdown of the industry", "announced the delegation") is no event:
  what was announced is coded where a trigger names it ("announced that it will hold talks").
  Backing a measure is taking it: "the committee backed new sanctions on X" is the sanction
  (``endorsing_verbs`` whose object is an act of an ``endorsed_act_types`` type).
* Persons attacking persons: an attack or clash verb whose subject and other side are both named
  persons ("Duterte attacked Canada's Justin Trudeau", "Biden clashed with Netanyahu") is
  criticism (ACCUSE 111), words and not force.
* Questions put to a speaker: "Asked about the drills, the minister said...", "Peskov, asked how
  ...", "when asked about the carriers" tell that reporters questioned someone, not a request
  between the actors: a question verb in such a clause, with no subject, auxiliary or object of
  its own, is no event.
* Remarks: "It's striking that ..." (an expletive "it" and a that-clause) tells no strike.
* Things received: hosting (043) needs a guest; "received a document" is no meeting.
* Reluctance: "reluctant to alienate China" refuses no act; an adjective of refusal needs an act
  in its to-clause.
* Leaving a contest: "withdrew from the presidential race" is a candidate's, no retreat.
* Giving up: "to give up its nuclear weapons" relinquishes them; an aid verb with "up" is no aid.
* Attributive participles: "the Israeli-occupied sector", "US-backed rebels" describe a thing's
  state; the participle before its noun is no event.
* Occasions: a meeting noun naming its other side in a phrase where another act took place
  ("warned X in a meeting with Y") is an event of its own, never absorbed by that act.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.events.args import agent_noun
from comity.extract.events.patterns import (
    Trigger,
    lemma_candidates,
    load_triggers,
    match_trigger,
    object_token,
    prep_objects,
)
from comity.extract.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "FIGURATIVE_TARGETS",
    "announced_act",
    "figurative_force",
    "occasion",
    "questioned_speaker",
    "refine_matches",
]

# Problems that are "fought" without anyone being attacked (lowercase lemmas).
FIGURATIVE_TARGETS = lexicon("figurative_targets")
_FORCE_WORDS = lexicon("force_words")
_AGAINST = lexicon("figurative_force_prepositions")
_FIGURATIVE_MODIFIERS = lexicon("figurative_force_modifiers")
# Statement verbs whose object may name the act announced.
_ANNOUNCING = lexicon("announcing_verbs")
_OBJECT_LINKS = lexicon("announced_object_prepositions")
_BARE_ANNOUNCING = lexicon("bare_announcing_verbs")
_ENDORSING = lexicon("endorsing_verbs")
_ENDORSED_TYPES = lexicon("endorsed_act_types")
_VERBAL_ATTACKS = lexicon("verbal_attack_verbs")
_DISPLAY_NOUNS = lexicon("display_nouns")
_CONTEST_NOUNS = lexicon("contest_nouns")
_FROM = frozenset({"from"})
_OF = frozenset({"of"})
_CRITICISM = "111"
_WITH = frozenset({"with"})
_OCCASION_PREPS = lexicon("meeting_occasion_prepositions") | {"in"}
_PARTNER_PREPS = frozenset({"with", "between", "among"})
_GROUP_POSSESSIVES = frozenset({"their"})
_QUESTIONED = lexicon("questioned_speaker_verbs")
_GUEST_NOUNS = lexicon("guest_nouns")
_GUEST_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_QUESTION_OPENERS = lexicon("questioned_speaker_openers")


def _problem(noun: Token) -> bool:
    words = lemma_candidates(noun.text, verbal=False) | {noun.lower_}
    words |= {c.lower_ for c in noun.children if c.dep_ == "compound"}
    return bool(words & FIGURATIVE_TARGETS)


def figurative_force(token: Token, trig: Trigger) -> bool:
    """Is this ASSAULT trigger a campaign against a problem ("fight the epidemic", "the
    battle against corruption", "war on drugs") or a figure of speech ("a charm offensive")
    rather than an attack?"""
    if trig.plover != "ASSAULT":
        return False
    nouns = [token] if trig.pos == "noun" else [c for c in token.children if c.dep_ == "dobj"]
    if any(
        c.dep_ in {"compound", "amod"} and c.lower_ in _FIGURATIVE_MODIFIERS
        for n in nouns
        for c in n.children
    ):
        return True  # "a charm offensive", "launched a diplomatic offensive"
    if trig.lemma not in _FORCE_WORDS:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for c in token.children if c.lower_ in _AGAINST for p in c.children if p.dep_ == "pobj"]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    return any(_problem(o) for o in objects)


def announced_act(token: Token, trig: Trigger, matched: dict[int, Trigger]) -> int | None:
    """The index of the act noun a statement verb announces ("announced nearly $33 million in
    assistance" -> "assistance"), or None."""
    endorsing = trig.plover == "SUPPORT" and trig.lemma in _ENDORSING
    if trig.pos != "verb" or not (endorsing or (trig.plover is None and trig.lemma in _ANNOUNCING)):
        return None
    obj = object_token(token)
    if obj is None:
        return None
    near = [obj]
    near += [p for c in obj.children if c.lower_ in _OBJECT_LINKS for p in c.children if p.dep_ == "pobj"]
    near += [c for o in list(near) for c in o.children if c.dep_ == "conj"]
    for noun in near:
        act = matched.get(noun.i)
        if act is not None and act.pos == "noun" and act.plover is not None:
            if endorsing and act.plover.lower() not in _ENDORSED_TYPES:
                continue  # "backed the talks" supports them; "backed new sanctions" imposes them
            return int(noun.i)
    return None


def _modifies_coded_object(token: Token, trig: Trigger, matched: dict[int, Trigger]) -> bool:
    """A noun trigger that only qualifies the object of another act ("will withdraw their
    peacekeeping force"): the verb codes the event."""
    if trig.pos != "noun" or token.dep_ != "compound":
        return False
    obj = token.head
    verb = matched.get(obj.head.i)
    return obj.dep_ in {"dobj", "nsubjpass"} and verb is not None and verb.plover is not None


_STATES = frozenset({"GPE"})


def _state_protest(token: Token, trig: Trigger) -> Trigger | None:
    """ "Vietnam protested against China": a state's protest is diplomatic (111), not the
    demonstration (141) an intransitive protest by people is."""
    if trig.lemma != "protest" or trig.plover != "PROTEST" or trig.pos != "verb":
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ not in _STATES:
        return None
    return next((t for t in load_triggers()[("protest", "verb")] if not t.objects), None)


def refine_matches(doc: Doc, matched: dict[int, Trigger]) -> dict[int, Trigger]:
    """The sentence's matches without figurative force, statements recoded as the act they
    announce (the act noun dropped)."""
    out = {
        i: t
        for i, t in matched.items()
        if not figurative_force(doc[i], t)
        and not _modifies_coded_object(doc[i], t, matched)
        and not _kind_of_thing(doc[i], t, matched)
        and not questioned_speaker(doc[i], t)
        and not _remark(doc[i], t)
        and not _received_thing(doc[i], t)
        and not _attributive_participle(doc[i], t)
        and not _display(doc[i], t)
        and not _given_up(doc[i], t)
        and not _left_a_contest(doc[i], t)
        and not _reluctant_to_no_act(doc[i], t)
    }
    for i, trig in list(out.items()):
        if i not in out:
            continue
        if (diplomatic := _state_protest(doc[i], trig)) is not None:
            out[i] = trig = diplomatic
        if _between_persons(doc[i], trig):  # "Duterte attacked Trudeau": words, not force
            out[i] = trig = replace(trig, cameo=_CRITICISM, plover="ACCUSE")
        noun = announced_act(doc[i], trig, out)
        if noun is not None:
            act = out.pop(noun)
            out[i] = replace(trig, cameo=act.cameo, plover=act.plover)
        elif trig.plover is None and trig.lemma in _BARE_ANNOUNCING:
            del out[i]  # "announced a total shutdown of the industry": no act coded, no event
    return out


def _between_persons(token: Token, trig: Trigger) -> bool:
    """An attack or clash verb whose subject and other side are both named persons ("Duterte
    attacked Canada's Justin Trudeau", "Biden clashed with Netanyahu"): a verbal attack."""
    if trig.plover != "ASSAULT" or trig.pos != "verb" or trig.lemma not in _VERBAL_ATTACKS:
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    others = [c for c in token.children if c.dep_ == "dobj"] + prep_objects(token, _WITH)
    return (
        subject is not None and subject.ent_type_ == "PERSON" and any(o.ent_type_ == "PERSON" for o in others)
    )


def questioned_speaker(token: Token, trig: Trigger) -> bool:
    """ "Asked about the drills, ...", "Peskov, asked how ...", "when asked about ...": a speaker is
    questioned (by reporters), and no actor asked anything of another."""
    if trig.lemma not in _QUESTIONED or not token.lower_.endswith("ed"):
        return False
    if any(c.dep_ in {"aux", "auxpass", "dobj", "dative"} for c in token.children):
        return False
    before = token.nbor(-1) if token.i > token.sent.start else None
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None:  # "Peskov, asked how ...": the parser makes the speaker its subject
        return before is not None and before.text == "," and subject.right_edge.i in {before.i - 1, before.i}
    return before is None or before.lower_ in _QUESTION_OPENERS


def _received_thing(token: Token, trig: Trigger) -> bool:
    """ "received a document", "received five deferments", "receives few visitors": hosting (043)
    needs a guest as the object, a person, a body or people; a thing received is no meeting."""
    if trig.lemma != "receive" or trig.plover != "CONSULT":
        return False
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or obj.ent_type_ in _GUEST_ENTITIES:
        return False
    return not agent_noun(obj.lower_, _GUEST_NOUNS)


def _remark(token: Token, trig: Trigger) -> bool:
    """ "It's striking that ...": a verb with an expletive "it" and a that-clause remarks on
    something; no strike or other act took place."""
    if trig.plover is None or trig.pos != "verb":
        return False
    expletive = any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in token.children)
    that_clause = any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    )
    return expletive and that_clause


def _reluctant_to_no_act(token: Token, trig: Trigger) -> bool:
    """ "is reluctant to alienate China", "was hesitant to save America": an adjective of refusal
    refuses an act only when its to-clause names one ("reluctant to cut off resources", "to commit
    to a meeting"); reluctance to do anything else is no rejection."""
    if trig.pos != "adj" or trig.frame != "intent" or trig.plover != "REJECT":
        return False
    clauses = [c for c in token.children if c.dep_ == "xcomp"]
    acts = [t for c in clauses for t in (c, *(o for o in c.children if o.dep_ == "dobj"))]
    return bool(clauses) and not any(match_trigger(t) is not None for t in acts)


def _left_a_contest(token: Token, trig: Trigger) -> bool:
    """ "withdrew from the presidential race", "his withdrawal from the election": a candidate
    leaving a contest, no retreat between actors."""
    return trig.plover == "RETREAT" and any(p.lower_ in _CONTEST_NOUNS for p in prep_objects(token, _FROM))


def _given_up(token: Token, trig: Trigger) -> bool:
    """ "get North Korea to give up its nuclear weapons": giving up is relinquishing, no aid."""
    return trig.plover == "AID" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)


def _display(token: Token, trig: Trigger) -> bool:
    """ "a demonstration of genuine statesmanship": a display of a quality, no protest."""
    return trig.plover == "PROTEST" and token.lower_ in _DISPLAY_NOUNS and bool(prep_objects(token, _OF))


def _attributive_participle(token: Token, trig: Trigger) -> bool:
    """A past participle before the noun it describes ("the Israeli-occupied sector", "US-backed
    rebels", "the seized tanker") tells what state that thing is in, not an act this sentence
    reports."""
    return trig.pos == "verb" and token.dep_ == "amod" and token.tag_ == "VBN" and token.i < token.head.i


def _kind_of_thing(token: Token, trig: Trigger, matched: dict[int, Trigger]) -> bool:
    """A force noun that modifies a noun naming no act ("a nuclear attack submarine", "a helicopter
    assault team") says what kind of thing that is: no attack took place."""
    return (
        trig.plover == "ASSAULT"
        and trig.pos == "noun"
        and token.dep_ in {"compound", "amod"}
        and token.head.pos_ == "NOUN"
        and token.head.i not in matched
    )


def occasion(token: Token, trig: Trigger) -> bool:
    """A meeting noun that is where another act took place and names its other side ("warned X
    in a meeting with Y", "asked Y during their talks"): an event of its own, never absorbed by
    that act ("during Xi's visit, the two sides agreed" names no new meeting)."""
    prep = token.head
    sides = any(c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS for c in token.children) or any(
        c.dep_ == "poss" and c.lower_ in _GROUP_POSSESSIVES for c in token.children
    )
    return (
        trig.plover == "CONSULT"
        and trig.pos == "noun"
        and token.dep_ == "pobj"
        and prep.lower_ in _OCCASION_PREPS
        and prep.head.pos_ in {"VERB", "AUX"}
        and sides
    )
