"""Who did it and to whom: source and target arguments of a trigger (not a stable API).

The roles are read off the dependency parse, the same way for every trigger frame:

* source: the subject, or the passive "by" agent; a subject-less verb in a to-clause,
  participle or coordination takes the subject of the verb it hangs on ("In addition to meeting
  with X, Wang ..."); a noun takes its possessor or "by" phrase ("Xi's visit", "the sinking of a
  boat by a Chinese vessel"), else the subject of the light verb whose object it is ("held talks").
* target of a verb: the direct object (the passive subject), an indirect object ("gave Vietnam
  six boats"), the object of a target preposition (with/to/on/against...) on the verb, on its
  object ("signed a deal with Japan") or past a place or time adjunct the parser hung it on ("met
  at the White House with X"); a coordinated verb without an object shares the next one's
  ("blocked and harassed a vessel"); an intent verb ("pledged to enhance ties with Vietnam")
  also looks into its to-clause.
* target of a noun: with/to/against/into/on complements ("talks with X", "a call with X"), or
  those of its light verb ("had a call with X"), and the "of" complement of an act done to
  someone ("the invasion of Ukraine", "the sinking of a Vietnamese boat"); for meetings the
  "of" complement names the participants ("a meeting of the two leaders"), for visits the visitor.
  "talks between X and Y" gives X as source and Y as target, and so does a hyphenated modifier
  of a mutual act ("the X-Y talks", ``hyphen_pairs.py``); a light verb in the passive with no
  agent ("the X-Y summit was held") takes its subject noun's sides.
* reported speech (frame ``claim``: "Beijing said the Vietnamese boat rammed a Chinese boat"):
  the speaker accuses the actor of the reported act, its target;
* visits: the destinations of ``visits.py`` (places give their country's government; an
  itinerary gives several hosts); "swap" frames exchange source and target (hosts).

Coordination and appositions are followed by ``ActorFinder.find`` ("X and Y", "his
counterpart, Xi Jinping").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.actors.kb import ActorKB
from comity.extract.events.args import COUNTERPART_NOUNS, ActorFinder, Found
from comity.extract.events.hyphen_pairs import hyphen_pair
from comity.extract.events.patterns import (
    Trigger,
    demand_clause,
    match_trigger,
    prep_objects,
    reported_clause,
)
from comity.extract.events.targets import REATTACHED_PREPS, adjunct_objects, target_of, verb_target
from comity.extract.events.verdicts import verdict_parts
from comity.extract.events.visits import is_place, visit_target, visitor_roles
from comity.extract.lexicon import lexicon
from comity.records import ActorRef, Location

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Roles", "find_roles", "light_verb", "measured", "sides", "speaker_of"]

NOUN_TARGET_PREPS = lexicon("noun_target_prepositions")  # "sanctions against X"
_RECEIVING_VERBS = lexicon("receiving_verbs")
_FROM = frozenset({"from"})
#: Acts whose receiver is coded as their source, as the CAMEO/PETRARCH gold does ("demonstrators
#: received weapons from the government": 072 by the demonstrators): transfers.
_RECEIVER_ACTS = frozenset({"AID"})
_CONTROL_LINKS = frozenset(
    {"xcomp", "conj", "pcomp", "advcl", "acl", "relcl", "prep", "pobj", "ccomp", "acomp"}
)  # acomp: "X is willing to withdraw" (the clause hangs on the adjective)
_OF = frozenset({"of"})
#: Types of acts that coordinated subjects do side by side, not to each other ("Australia and Japan
#: complained", "the US and the EU imposed sanctions"); None: statements. Subjects of any other act
#: ("met", "signed", "clashed", "failed to reach agreement") are the two sides.
JOINT_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "PROTEST", "SANCTION", None})
_BY = frozenset({"by"})
_GROUP_PREPS = lexicon("group_member_prepositions")
_OCCASION_PREPS = lexicon("meeting_occasion_prepositions") | {"in"}
#: Act nouns whose country adjective may be the one acted on ("Ukrainian aid", "US-China talks")
#: or names no state act ("Israeli strikes" is no labour strike): their adjective is no source.
_RECIPIENT_ADJECTIVE_TYPES = frozenset({"AID", "CONSULT", "PROTEST"})
INTENT_NOUNS = lexicon("intent_nouns")
ANNOUNCING_VERBS = lexicon("announcing_verbs")


class Roles:
    """Source and target actors of one trigger, plus a visited place."""

    def __init__(self, source: Found, target: Found, place: Location | None = None) -> None:
        self.source = source
        self.target = target
        self.place = place


def _verb_source(token: Token, finder: ActorFinder) -> Found:
    for child in token.children:
        if child.dep_ == "nsubj":
            found = finder.find(child)
            found = found if found.actors else _group_of(child, finder)
            if not found.actors and token.dep_ == "relcl":
                return finder.find(token.head)
            if not found.actors and child.pos_ == "PRON" and token.dep_ == "ccomp":
                return _verb_source(token.head, finder)  # "X announced it will withdraw"
            return found
        if child.dep_ == "agent":
            for pobj in child.children:
                return finder.find(pobj)
    if token.dep_ == "relcl":  # "Trump's vow to destroy Y" (a to-clause taken for a relative)
        return _intent_holder(token.head, finder) or finder.find(token.head)
    if any(c.dep_ == "nsubjpass" for c in token.children):
        return Found()  # "she hoped they would be indicted": no agent, not the speaker
    current = token
    for _ in range(5):
        if current.dep_ not in _CONTROL_LINKS or current.head is current:
            break
        link, current = current.dep_, current.head
        if link == "acl" and (holder := _intent_holder(current, finder)) is not None:
            return holder
        subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
        if subject is not None and (
            current.pos_ in {"VERB", "AUX"} or (link == "xcomp" and current.pos_ == "ADJ")
        ):
            # its own pronoun and relative-clause rules; an adjective's subject controls its
            # to-clause too ("with the leader likely to press Xi": the leader presses)
            return _verb_source(current, finder)
        passive = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and link == "xcomp":  # "X and Y were scheduled / expected to meet"
            return finder.find(passive)
    return _stray_subject(current, finder)


def _received_from(noun: Token, trig: Trigger, finder: ActorFinder) -> Roles | None:
    """Roles of an act noun its light verb's subject received ("X took a call from Y", "X received
    a warning from Y"): Y acted on X. With no sender named, the receiver is still the one acted on
    ("X did not get sufficient warning"), except for talks, which X took part in ("X took a call");
    None without such a verb."""
    verb = light_verb(noun)
    if verb is None or verb.lemma_ not in _RECEIVING_VERBS:
        return None
    senders = prep_objects(noun, _FROM) or prep_objects(verb, _FROM)  # the parser hangs it on either
    sender = finder.find(senders[0]) if senders else Found()
    if not sender.actors and (trig.plover == "CONSULT" or noun.dep_ != "dobj" or noun.head.i != verb.i):
        return None  # "took a call"; "took part in an exercise": no act received
    return Roles(sender, _verb_source(verb, finder))


def _intent_holder(noun: Token, finder: ActorFinder) -> Found | None:
    """Who means to do the act in an intent noun's to-clause: its possessor ("Vietnam's decision
    to ban imports"), else the subject of the statement verb it is the object of ("X announced
    plans to ban Y"); None for any other noun or when neither names an actor."""
    if noun.lower_ not in INTENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        found = finder.find(owner, possessor=True)
        return found if found.actors else None
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_ in ANNOUNCING_VERBS:
        found = _verb_source(verb, finder)
        return found if found.actors else None
    return None


def _group_of(subject: Token, finder: ActorFinder) -> Found:
    """The countries of a group named by what it belongs to: "defence chiefs from the United
    States, South Korea and Japan", "members of the Chinese government" (not "troops in Japan")."""
    if subject.pos_ not in {"NOUN", "PROPN"} or not _member_noun(subject, finder):
        return Found()
    found = Found()
    for owner in prep_objects(subject, _GROUP_PREPS):
        found = found + finder.find(owner, possessor=True)
    return found


def _member_noun(noun: Token, finder: ActorFinder) -> bool:
    """Does the noun name people or bodies ("chiefs", "officials", "ministry"), not a thing?"""
    return finder.people_noun(noun)


def speaker_of(speech: Token, finder: ActorFinder) -> Found:
    """Who says what a speech verb reports (its subject)."""
    return _verb_source(speech, finder)


def _stray_subject(verb: Token, finder: ActorFinder) -> Found:
    """Parse repair: an actor hung as a compound/dep on a subject-less verb to its left
    (spaCy splits "Wang co-chaired" into "Wang/compound co/ROOT - chaired/conj"), or a name whose
    first word was taken for a preposition ("Barack/prep Obama/pobj and Vladimir Putin met")."""
    for child in verb.lefts:
        if child.dep_ in {"compound", "dep", "npadvmod"} and finder.mention_at(child) is not None:
            return finder.find(child)
        if child.dep_ == "prep" and (name := finder.mention_at(child)) is not None and name.label == "PERSON":
            head = next((c for c in child.children if c.dep_ == "pobj"), child)
            return finder.find(head)
    return Found()


def light_verb(token: Token, *, meeting: bool = False) -> Token | None:
    """The verb whose object (or prepositional object) holds a nominal trigger: "launched a
    mediation effort", "renewed negotiations", "remained on alert"; for a ``meeting`` noun also
    the verb of its purpose phrase ("flew to Seoul for a summit with Y"); None when there is none."""
    current = token
    if current.dep_ == "compound" and current.head.pos_ in {"NOUN", "PROPN"}:
        current = current.head
    current = measured(current)
    preps = _LIGHT_PREPS | _PURPOSE_PREPS if meeting else _LIGHT_PREPS
    if current.dep_ in {"dobj", "attr"}:
        verb = current.head
    elif current.dep_ == "pobj" and current.head.dep_ == "prep" and current.head.lower_ in preps:
        verb = current.head.head
    else:
        return None
    return verb if verb is not current and verb.pos_ in {"VERB", "AUX"} else None


_LIGHT_PREPS = frozenset({"on", "into", "in"})
_INSTRUMENT_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT"})


def instrument_verb(token: Token, trig: Trigger) -> Token | None:
    """The verb a force noun is the instrument of ("pummelling China with tariffs", "hit the
    city with missiles", "retaliated with levies"): its subject acts on its object. None when that
    verb is an act of its own ("threatened China with tariffs" is a threat, not a tariff)."""
    current = measured(token)
    if trig.plover not in _INSTRUMENT_TYPES or current.dep_ != "pobj" or current.head.lower_ != "with":
        return None
    verb = current.head.head
    if verb.pos_ != "VERB" or match_trigger(verb) is not None:
        return None
    return verb


_PARTITIVE_NOUNS = lexicon("partitive_nouns")


def measured(noun: Token) -> Token:
    """The amount or duration an act noun is counted in ("two weeks of exercises", "a round of
    talks"): that noun stands where the act noun would as a verb's object; else ``noun``."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in _PARTITIVE_NOUNS:
        return prep.head
    return noun


_PURPOSE_PREPS = lexicon("meeting_occasion_prepositions")  # "came to Hanoi for talks with Y"


def _participant_of(trig: Trigger) -> bool:
    """Does the "of" complement of this noun name who acts ("a visit of X", "a meeting of the
    leaders") rather than who is acted on ("the invasion of Ukraine")?"""
    return trig.frame == "visit" or trig.plover == "CONSULT"


def _noun_source(token: Token, trig: Trigger, finder: ActorFinder) -> Found:
    found = Found()
    for child in token.children:
        if child.dep_ == "poss":
            found = found + finder.find(child)
    for pobj in prep_objects(token, _BY | _OF if _participant_of(trig) else _BY):
        if pobj.head.lower_ == "by" or not is_place(pobj, finder):  # "a tour of Asia": a destination
            found = found + finder.find(pobj)
    if not found.actors:
        verb = light_verb(token, meeting=trig.plover == "CONSULT") or instrument_verb(token, trig)
        if verb is not None:
            found = found + _verb_source(verb, finder)
    if not found.actors and trig.plover not in _RECIPIENT_ADJECTIVE_TYPES:
        for child in token.children:  # "Israeli strikes on Gaza", "American tariffs"
            mention = finder.mention_at(child) if child.dep_ == "amod" else None
            if mention is not None and finder.kb.kind(mention.text) == "adjective":
                found = found + finder.find(child)
    return found


def _noun_target(token: Token, trig: Trigger, finder: ActorFinder) -> Found:
    target = Found()
    preps = NOUN_TARGET_PREPS if _participant_of(trig) else NOUN_TARGET_PREPS | _OF
    for pobj in prep_objects(token, preps):
        if pobj.ent_type_ not in {"DATE", "TIME"}:  # "the war of 1812"
            target = target + target_of(pobj, finder)
    verb = light_verb(token)
    if not target.actors and verb is not None:  # "had a call with X" (the parser's attachment)
        for pobj in prep_objects(verb, REATTACHED_PREPS):
            target = target + target_of(pobj, finder)
    if not target.actors and (instrument := instrument_verb(token, trig)) is not None:
        for obj in (c for c in instrument.children if c.dep_ == "dobj"):  # "hit China with tariffs"
            target = target + target_of(obj, finder)
    if not target.actors and _participant_of(trig):  # "a meeting in the Oval Office with X"
        for pobj in adjunct_objects(token, finder):
            target = target + target_of(pobj, finder)
    if not target.actors and trig.plover == "CONSULT":
        target = _occasion_partner(token, finder)
    return target


def _addressee(verb: Token, finder: ActorFinder) -> Found:
    """The person a speech verb is told to ("told his Chinese counterpart", "told the leaders of
    Australia", "told one of China's deputy prime ministers"); nothing for a country, a crowd or
    reporters ("told North Korea", "told reporters")."""
    told = next((c for c in verb.children if c.dep_ in {"dative", "dobj"} and c.i > verb.i), None)
    if told is not None and told.lower_ == "one":
        told = next(iter(prep_objects(told, _OF)), None)
    if told is None:
        return Found()
    person = told.ent_type_ == "PERSON" or told.lower_ in COUNTERPART_NOUNS
    if not person and told.pos_ == "NOUN" and finder.kb.role_sector(told.lower_) is None:
        return Found()
    if not person and told.pos_ != "NOUN":
        return Found()
    return finder.find(told, possessor=True)


def _held_act(verb: Token, trig: Trigger) -> Token | None:
    """The act noun a light verb in the passive has as its subject, with no "by" agent ("the
    summit between X and Y was held"): the noun names the sides; else None."""
    if not trig.objects or any(c.dep_ == "agent" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in trig.objects), None)


def _occasion_partner(noun: Token, finder: ActorFinder) -> Found:
    """Whom a meeting noun that names no one was with: the object of the act it was the occasion
    of ("praised him in a phone call", "told Y during a meeting")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _OCCASION_PREPS or prep.head.pos_ not in {"VERB", "AUX"}:
        return Found()
    found = Found()
    for obj in (c for c in prep.head.children if c.dep_ in {"dobj", "dative"}):
        found = found + finder.find(obj)
    return found


def find_roles(token: Token, trig: Trigger, finder: ActorFinder) -> Roles:
    """Source/target of ``token`` realising ``trig``; "swap" frames exchange them (hosts)."""
    nominal = trig.pos == "noun"
    if not nominal and (held := _held_act(token, trig)) is not None:
        return find_roles(held, replace(trig, pos="noun"), finder)  # "the X-Y summit was held"
    if trig.frame == "visit" and (visit := visitor_roles(token, finder)) is not None:
        return Roles(*visit)  # "met with visiting Prime Minister X": X's visit to the host
    if trig.frame == "addressee":  # "X told his Chinese counterpart that ...": X spoke with them
        return Roles(_verb_source(token, finder), _addressee(token, finder))
    if trig.frame == "verdict" and (parts := verdict_parts(token)) is not None:
        judge, judged = parts  # "China said Vietnam's claims were illegal": China on Vietnam
        return Roles(_verb_source(judge, finder), target_of(judged, finder))
    if nominal:
        between = prep_objects(token, frozenset({"between", "among"}))
        if between:
            pair = finder.find(between[0])
            return Roles(Found(pair.actors[:1], pair.resolved), Found(pair.actors[1:], pair.resolved))
        if (named := hyphen_pair(token, trig.plover, finder)) is not None:
            return Roles(*named)  # "the China-Vietnam talks"
        if (
            trig.plover not in _RECEIVER_ACTS
            and (received := _received_from(token, trig, finder)) is not None
        ):
            return received  # "X took a call from Y": Y called X; "X got no warning": X was warned
        source = _noun_source(token, trig, finder)
    else:
        source = _verb_source(token, finder)
    place: Location | None = None
    if trig.frame == "visit":
        target, place = visit_target(token, finder, nominal=nominal)
    elif trig.frame == "demand":
        target = _demand_target(token, finder)
    elif trig.frame == "claim":  # the speaker accuses whoever did the act it reports
        clause = reported_clause(token)
        target = _verb_source(clause, finder) if clause is not None else Found()
    elif nominal:
        target = _noun_target(token, trig, finder)
    else:
        target = verb_target(token, trig, finder)
    if trig.frame == "swap":
        source, target = target, source
    return Roles(source, target, place)


def _is_state(actor: ActorRef, kb: ActorKB) -> bool:
    """Is the actor a country itself ("China", "Beijing" as its government), not a person or body?"""
    state = kb.country(actor.country)
    return state is not None and actor.name == state.name


def _same_actor(source: ActorRef, target: ActorRef, kb: ActorKB, *, resolved: bool = False) -> bool:
    """Is the target the source again: the same entity, or the same code where one side is the
    state itself ("he planned to ask China", "he" being China's leader) or the target was only
    resolved from a pronoun ("X met his counterparts" read as X)? Two persons named apart may
    share a code ("Biden met Harris"); a domestic act has another sector ("Vietnam arrested
    activists")."""
    same_name = (source.name or source.text) == (target.name or target.text)
    if source.code is None or source.code != target.code:
        return source.code is None and same_name
    return same_name or resolved or _is_state(source, kb) or _is_state(target, kb)


def sides(roles: Roles, kb: ActorKB, plover: str | None) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """Source and target actors. An actor never acts on itself unless the text names it twice
    (``_same_actor``): the repeated target is dropped, or, when the source was only resolved
    from a pronoun or a group ("they criticized Beijing's plan") and names others too, the
    repeated source actor. Coordinated actors with no separate target ("China and Vietnam signed
    ...", "the two sides urged ...") give a pair, the first the source and the others the
    targets, unless they are named apart and the act is one they do side by side
    (``JOINT_TYPES``: "Australia and Japan complained")."""
    source, target = roles.source.actors, roles.target.actors
    loose = roles.target.resolved
    repeated = [t for t in target if any(_same_actor(s, t, kb, resolved=loose) for s in source)]
    others = tuple(s for s in source if not any(_same_actor(s, t, kb, resolved=loose) for t in repeated))
    if repeated and roles.source.resolved and not roles.target.resolved and others:
        source = others
    else:
        target = tuple(t for t in target if t not in repeated)
    joint = plover in JOINT_TYPES and not roles.source.resolved  # "both sides urged" stays a pair
    if not target and len(source) >= 2 and not joint:
        source, target = source[:1], source[1:]
    return source, target


def _demand_target(token: Token, finder: ActorFinder) -> Found:
    """Who is told what they must do: the subject of the obliged clause ("... Y must stop")."""
    clause = demand_clause(token)
    subject = (
        next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause is not None
        else None
    )
    return finder.find(subject, possessor=True) if subject is not None else Found()
