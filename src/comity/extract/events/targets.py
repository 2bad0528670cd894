"""Whom a verb's act is aimed at: the target of a verb trigger, read off the parse (not a
stable API).

First, a request that says in a clause of its own who should do what ("demanded that Beijing
increase pressure on North Korea") is made of that clause's subject, whatever the clause acts on.

Then, in order, all kept:

* the direct object (the passive subject), or the object of the next coordinated verb when the
  trigger has none ("blocked and harassed a vessel"); for a ``topic`` frame ("discussed trade
  with Japan") the object is what is talked about, never the target;
* an indirect object ("gave Vietnam aid");
* the object of a target preposition (with/to/on/against/...) on the verb or on its object
  ("signed a deal with Japan"); of a ``topic`` frame's object only "with" ("discussed trade with
  Japan"; "the situation on the peninsula" is the topic).

Only when none of these names a coded actor (one with a country):

* a target preposition the parser hung on a place or time adjunct ("met at the White House
  with X", "talked on Monday with X");
* for statements, criticism, threats, rejections and praise, the owner of what they are about
  ("expressed concern over Beijing's actions", "threatened action over China's surplus",
  "expressed support for ASEAN efforts"), or the country where it is done ("concern regarding
  the coup in Burma"; not "the flooding in Bangladesh");
* for acts that take something away from someone ("seized the reef from the Philippines",
  "withdrew troops from Syria", "sought aid from Japan"), the "from" complement; for a meeting
  with people ("received a delegation from Laos"), the "from" phrase right after them;
* for an intent ("pledged to enhance ties with Vietnam", "warned he would destroy X"), the
  target of the act in its to-clause or that-clause; for a threat, else, the one its condition
  is put to ("warned that the US will act if China does not stop").

A phrase that is no actor itself stands for the examples it lists ("adversaries such as North
Korea and Venezuela", "partners including Japan"), for whom its participle aims at ("sanctions
targeting Chinese banks"), or for the country or organisation that modifies it
("tariffs on Chinese goods", "ASEAN efforts", "two-thirds of Chinese imports") or for the sides
it is between ("concern over cooperation between Moscow and Pyongyang").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder, Found
from comity.extract.events.intent import conduct_noun
from comity.extract.events.patterns import ACTOR_ENTITIES, Trigger, object_token, prep_objects
from comity.extract.lexicon import lexicon
from comity.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["REATTACHED_PREPS", "target_of", "verb_target"]

TARGET_PREPS = lexicon("target_prepositions")
ADJ_TARGET_PREPS = lexicon("adjective_target_prepositions")  # "critical of Y"
#: Prepositions the parser often hangs on a place or time adjunct, or on a light verb, instead of
#: on the act ("met at the White House with X", "had a call with X").
REATTACHED_PREPS = lexicon("reattached_target_prepositions")
TOPIC_PREPS = lexicon("topic_prepositions")
SUPPORT_PREPS = lexicon("support_prepositions")
_FROM = frozenset({"from"})
_IN = frozenset({"in", "inside", "within"})
_AIMING = lexicon("aiming_participles")
_WITH = frozenset({"with"})
_OF = frozenset({"of"})
_TOPIC_FRAMES = frozenset({"topic", "joint"})  # frames whose object is what is talked about
_LOCATION_PREPS = lexicon("location_prepositions")
_PERSON_OBJECTS = lexicon(
    "leader_nouns"
)  # a light verb's object that is whom it meets: "joined the leaders of Y"
CONDITION_MARKS = lexicon("condition_marks")
EXAMPLE_PREPS = lexicon("example_prepositions")
_BETWEEN = frozenset({"between", "among"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_MODIFIER_LABELS = frozenset({"GPE", "NORP", "ORG"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
#: Types whose topic's owner is the one acted on (STATEMENT triggers have no type: None).
_TOPIC_TYPES = frozenset({"ACCUSE", "THREATEN", "REJECT", "PROTEST", "SUPPORT", None})
_CLAIMANT_PREPS = frozenset({"by", "from"})  # "accusations by China", "charges from Washington"
_DENIAL = "016"  # deny responsibility: "rejected the accusations", "disputed the claim"
#: Types whose "from" complement is the one something is taken from or asked of; for an attack
#: or a deployment "from" is where it started.
_FROM_TYPES = frozenset({"COERCE", "RETREAT", "REQUEST", "AID", "SANCTION", "CONCEDE"})
_OF_CHAIN = 3


def _modifier_actors(token: Token, finder: ActorFinder) -> Found:
    """The countries or organisations modifying a phrase that is no actor itself, along its "of"
    chain ("Chinese goods", "two-thirds of Chinese goods", "ASEAN efforts"), or between whom it
    is ("cooperation between Moscow and Pyongyang"). A country stands for
    its people or things, not its government: the sector is the head noun's role, if any
    ("Vietnamese activists" -> VNM CVL, "Chinese goods" -> CHN)."""
    found = Found()
    own = finder.mention_at(token)
    noun = token
    for _ in range(_OF_CHAIN):
        for child in noun.children:
            mention = finder.mention_at(child) if child.dep_ in _MODIFIER_DEPS else None
            if mention is not None and mention is not own and mention.label in _MODIFIER_LABELS:
                found = found + Found(tuple(_owned(a, noun, finder) for a in finder.find(child).actors))
        for party in prep_objects(noun, _BETWEEN):  # "cooperation between Moscow and Pyongyang"
            found = found + finder.find(party)
        nxt = prep_objects(noun, frozenset({"of"}))
        if found.actors or not nxt:
            break
        noun = nxt[0]
    return found


def _owned(actor: ActorRef, noun: Token, finder: ActorFinder) -> ActorRef:
    """A country's people or things named by ``noun`` (an organisation stays itself)."""
    state = finder.kb.country(actor.country)
    if state is None or actor.name != state.name:
        return actor
    sector = finder.kb.role_sector(noun.lower_)
    code = f"{actor.country}{sector}" if sector else actor.country
    return ActorRef(noun.text, actor.name, actor.country, sector, code)


def target_of(token: Token, finder: ActorFinder, *, modifiers: bool = True) -> Found:
    """The actors a target phrase names: itself, its possessor or "of" complement with what is
    coordinated with it ("the leaders of Japan and South Korea"), or (``modifiers``; no actor
    itself) the country or organisation that modifies it."""
    found = finder.find(token, possessor=True)
    if found.actors and finder.mention_at(token) is None:
        for owner in prep_objects(token, frozenset({"of"})):
            if owner.conjuncts and finder.mention_at(owner) is not None:
                codes = {a.code for a in found.actors}
                extra = tuple(a for a in finder.find(owner).actors if a.code not in codes)
                found = Found(found.actors + extra, found.resolved)
    if not found.actors:  # "adversaries such as North Korea and Venezuela"
        for example in _examples(token):
            found = found + finder.find(example, possessor=True)
    if not found.actors:  # "new sanctions targeting Chinese banks"
        for aimed in (c for c in token.children if c.dep_ == "acl" and c.lemma_ in _AIMING):
            for obj in (c for c in aimed.children if c.dep_ == "dobj"):
                found = found + target_of(obj, finder)
    return found if found.actors or not modifiers else _modifier_actors(token, finder)


def _examples(token: Token) -> list[Token]:
    """The examples a group noun lists: "partners including Japan", "countries like Vietnam",
    "adversaries such as North Korea"."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep"
        and (
            prep.lower_ in EXAMPLE_PREPS
            or (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))
        )
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _coded(found: Found) -> bool:
    """Does it name an actor with a country or a sector (an IGO has no country)?"""
    return any(a.country is not None or a.sector is not None for a in found.actors)


def _shared_object(token: Token) -> Token | None:
    """The object of the next coordinated verb, for a verb without one ("blocked and harassed
    a vessel")."""
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None and child.i < obj.i:
                return obj
    return None


def adjunct_objects(token: Token, finder: ActorFinder) -> list[Token]:
    """Target-preposition objects the parser hung on a place or time adjunct of ``token``
    (no actor itself): "met at the White House with X", "talked on Monday with X"."""
    out: list[Token] = []
    for prep in (c for c in token.children if c.dep_ == "prep"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            mention = finder.mention_at(pobj)
            # "at the White House": a building named like an organisation is still a place
            if mention is None or mention.label not in _ACTOR_LABELS or prep.lower_ in _LOCATION_PREPS:
                out += prep_objects(pobj, REATTACHED_PREPS)
    return out


def _direct_targets(token: Token, obj: Token | None, trig: Trigger) -> list[Token]:
    """The object, indirect objects and target-preposition objects of a verb trigger."""
    out: list[Token] = []
    if (
        obj is not None
        and trig.frame not in _TOPIC_FRAMES
        and not (trig.objects and obj.lower_ in trig.objects and obj.lower_ not in _PERSON_OBJECTS)
    ):
        out.append(obj)
    elif obj is not None and trig.cameo == _DENIAL:  # "rejected China's claims": the claimant
        out += _claimants(obj)
    out += [c for c in token.children if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN", "PRON"}]
    preps = TARGET_PREPS | {trig.target_prep} if trig.target_prep else TARGET_PREPS
    if trig.prep is not None:  # the required preposition names whom the act is aimed at ("fired at Y")
        preps = preps | {trig.prep}
    if trig.pos == "adj":
        preps = preps | ADJ_TARGET_PREPS
    out += prep_objects(token, preps)
    # a topic's own "on"/"to" phrase is more topic ("discussed the situation on Y"); an owned act's
    # is its owner's ("condemned Russia's attacks on Norwegian boats": the boats are Russia's targets)
    if obj is not None and trig.frame in _TOPIC_FRAMES:
        out += prep_objects(obj, _WITH)
    elif obj is not None and not any(
        c.dep_ == "poss" and c.ent_type_ in ACTOR_ENTITIES for c in obj.children
    ):
        out += prep_objects(obj, TARGET_PREPS)
    if obj is not None:  # "co-chaired the meeting of the committee with Y": "with" hangs on the last noun
        out += [p for owner in prep_objects(obj, _OF) for p in prep_objects(owner, _WITH)]
    return out


def _claimants(claim: Token) -> list[Token]:
    """Who made a claim: "China's claims", "accusations by/from China", "charges made by China"."""
    made = [c for c in claim.children if c.dep_ == "acl"]
    agents = [a for verb in made for a in verb.children if a.dep_ == "agent"]
    return (
        [c for c in claim.children if c.dep_ == "poss"]
        + prep_objects(claim, _CLAIMANT_PREPS)
        + [p for agent in agents for p in agent.children if p.dep_ == "pobj"]
    )


def _fallback_targets(token: Token, obj: Token | None, trig: Trigger, finder: ActorFinder) -> list[Token]:
    """Phrases read as the target when the direct ones name no one (see the module docstring)."""
    heads = [token] if obj is None else [token, obj]
    out = adjunct_objects(token, finder)
    if trig.plover in _TOPIC_TYPES:
        preps = TOPIC_PREPS | SUPPORT_PREPS if trig.plover == "SUPPORT" else TOPIC_PREPS
        topics = [p for head in heads for p in prep_objects(head, preps)]
        out += topics
        # "concern regarding the coup in Burma": what happens in a country is that country's
        conduct = [c for t in topics for c in (t, *t.conjuncts) if conduct_noun(c)]
        out += [p for t in conduct for p in prep_objects(t, _IN) if _country_named(p, finder)]
    if trig.plover in _FROM_TYPES:
        out += [p for head in heads for p in prep_objects(head, _FROM)]
    elif trig.plover == "CONSULT" and obj is not None and finder.people_noun(obj):
        # "received a delegation from Laos": the parser hangs whose people they are on the verb
        out += [p for p in prep_objects(token, _FROM) if p.head.i == obj.right_edge.i + 1]
    return out


def _country_named(token: Token, finder: ActorFinder) -> bool:
    mention = finder.mention_at(token)
    return mention is not None and mention.label in {"GPE", "LOC"} and mention.country is not None


_EMBEDDED_ACT = Trigger("", "verb", frozenset(), None, "", "", "")


def verb_target(token: Token, trig: Trigger, finder: ActorFinder) -> Found:
    """The target of a verb (or predicative adjective) trigger."""
    if (
        trig.frame == "intent" and trig.plover == "REQUEST"
    ) or trig.frame == "appeal":  # "demanded that Beijing increase ..."
        asked = _asked_in_clause(token, finder)
        if _coded(asked):
            return asked
    obj = object_token(token) or _shared_object(token)
    direct = _direct_targets(token, obj, trig)
    found = Found()
    for tok in direct:
        found = found + target_of(tok, finder, modifiers=False)
    if _coded(found):
        return found
    for tok in direct:  # "imposed tariffs on Chinese goods", unless a phrase names the target
        found = found + target_of(tok, finder)
    if _coded(found):
        return found
    for tok in _fallback_targets(token, obj, trig, finder):
        fallback = target_of(tok, finder)
        if _coded(fallback):  # "seized the reef from the Philippines": the uncoded reef gives way
            return fallback
    if trig.frame == "intent":
        for child in _embedded_acts(token):
            found = found + verb_target(child, _EMBEDDED_ACT, finder)
            if not found.actors and trig.plover == "THREATEN":
                found = found + _conditioned(child, finder)
    return found


def _asked_in_clause(token: Token, finder: ActorFinder) -> Found:
    """Who a request is made of when it names no one but says what they should do in a clause of
    its own ("demanded that Beijing increase pressure on North Korea"): the clause's subject, not
    the target of what they are asked to do."""
    found = Found()
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        for subject in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
            found = found + finder.find(subject, possessor=True)
    if found.actors or token.i + 2 >= len(token.doc) or token.nbor(1).lower_ != "that":
        return found
    # the small parser often reads "that Beijing increase pressure" as a noun phrase: the subject
    # is then the words between "that" and the clause's verb
    for word in token.doc[token.i + 2 : token.sent.end]:
        if word.tag_.startswith("VB") or word.pos_ in {"VERB", "AUX"}:
            break
        if word.dep_ in {"nsubj", "nsubjpass"}:
            return finder.find(word, possessor=True)
    return found


def _embedded_acts(token: Token) -> list[Token]:
    """What an intent verb or adjective promises: its to-clause or that-clause, or the gerund of
    its "to" phrase ("is committed to working with the Philippines")."""
    out = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    out += [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pcomp"
    ]
    return out


def _conditioned(clause: Token, finder: ActorFinder) -> Found:
    """Whom a threat's condition is put to: the subject of its if/unless clause ("warned that the
    US will take measures if China does not end its support")."""
    found = Found()
    for advcl in (c for c in clause.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in advcl.children):
            for subject in (c for c in advcl.children if c.dep_ in {"nsubj", "nsubjpass"}):
                found = found + finder.find(subject)
    return found
