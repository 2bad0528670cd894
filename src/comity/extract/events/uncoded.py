"""Uncoded sources: the agentive subject phrase of an event whose source the KB cannot code
("rebels attacked ...", "thousands of students marched"), kept with the phrase as written and a
sector from the role table, and the country of its owner or home where it has one ("Mr Trump's
team", "officials in Beijing"); a passive act of force with no agent has no source at all ("three
civilians were killed"), but one who is held, jailed or arrested in a country is held by its
government ("he was imprisoned in North Korea") (not a stable API)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.events.args import ActorFinder, agent_noun, member_prepositions
from comity.extract.events.patterns import Trigger, prep_objects
from comity.extract.events.referents import noun_phrase
from comity.extract.events.roles import light_verb
from comity.extract.events.targets import target_of
from comity.extract.lexicon import lexicon
from comity.nlp import doc_text
from comity.records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["subject_token", "uncoded_source"]

_SUBJECT_LINKS = frozenset({"xcomp", "conj", "acomp", "advcl"})  # a subject-less verb shares it


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
_STATIONED = frozenset({"MIL"})
_SOURCELESS_TYPES = frozenset({"ASSAULT", "COERCE"})  # "three civilians were killed"
_CUSTODY_ACTS = lexicon("custody_acts")
_IN = frozenset({"in", "inside"})


def _agentive(head: Token, finder: ActorFinder, *, strict: bool = False) -> bool:
    """Can this subject head an actor: a named mention in its phrase (``strict``: the head
    itself is named), or an agent noun?"""
    if any(finder.mention_at(t) is not None for t in ([head] if strict else head.subtree)):
        return True
    if head.pos_ == "PROPN" and head.ent_type_ in _NAMED_AGENTS:  # "the ELN declared": a name
        return True
    return any(agent_noun(h.lower_) for h in _of_chain(head))  # "rebels", "thousands of students"


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


def _owner_country(subject: Token, finder: ActorFinder) -> str | None:
    """The one country of the subject's possessor ("Mr Trump's team", "Beijing's new rules"), or
    of the place its people are from ("rebels from Syria") or, for a role, in ("officials in Beijing")."""
    owners = [c for c in subject.children if c.dep_ == "poss"]
    owners += prep_objects(subject, member_prepositions(finder.kb.role_sector(subject.lower_)))
    for owner in owners[:1]:
        countries = {a.country for a in finder.find(owner).actors if a.country}
        if len(countries) == 1:
            return countries.pop()
    return None


def uncoded_source(token: Token, trig: Trigger, finder: ActorFinder) -> tuple[ActorRef, ...] | None:
    """The uncoded source of a trigger whose source the KB cannot code: its agentive subject
    phrase ("rebels attacked ..."), no source at all for a passive act of force ("civilians
    were killed"), or None when the event should not be kept."""
    verb = light_verb(token) if trig.pos == "noun" else token
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    agentless = passive and not any(c.dep_ == "agent" for c in token.children)
    # a custody act in the agentless passive borrows no subject ("he died after he was imprisoned")
    held = agentless and trig.lemma in _CUSTODY_ACTS
    subject = subject_token(verb) if verb is not None and not held else None
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
        sector = _civil_sector(subject, finder)
        country = _owner_country(subject, finder)
        if country is not None:  # "Mr Trump's team", "China's latest report": the owner's country
            return (ActorRef(text, country=country, sector=sector, code=country + (sector or "")),)
        return (ActorRef(text, sector=sector),)
    if subject is None and trig.plover in _SOURCELESS_TYPES and (passive or trig.pos == "noun"):
        return _custodian(token, trig, finder)
    return None


def _custodian(token: Token, trig: Trigger, finder: ActorFinder) -> tuple[ActorRef, ...]:
    """Who holds someone detained, jailed or arrested in a country with no agent named ("he was
    imprisoned in North Korea", "the detention in Canada of a Chinese businesswoman"): the
    government of that country; no one for any other passive act of force."""
    if trig.lemma not in _CUSTODY_ACTS:
        return ()
    for place in prep_objects(token, _IN):
        countries = {a.country for a in target_of(place, finder).actors if a.country}
        state = finder.kb.country(countries.pop()) if len(countries) == 1 else None
        if state is not None:
            return (replace(state, text=noun_phrase(place)),)
    return ()
