"""What an act's modality and participants make of its code (not a stable API).

* A future act is an intent: cooperation (COOPERATE, AID, CONCEDE, RETREAT) becomes AGREE 030
  ("will allow", "will evacuate"), force or sanctions THREATEN 130 ("will boycott", "will expel").
* Negated future cooperation is a refusal, REJECT 120, the modality staying "negated" ("will not
  accept"); a past negated act keeps its code ("did not sign": 057, negated).
* Conditions and warnings are threats, never acts of force: a force act announced "unless"
  something is done, one its actor says it would do on a condition ("China said it would shoot
  down the missiles if necessary"), and a unilateral pledge of force ("vowed to fight", "is ready
  to strike"; not "agreed to impose sanctions") are THREATEN 130. A narrator's conditional ("If
  talks fail, Japan might impose sanctions") and the act named in a condition ("if China
  attacked") stay what they are, hypothetical.
* Concern voiced about an actor's conduct is criticism: "raised concerns about China's actions",
  "voiced concern over Chinese military activity" are ACCUSE 111 when the statement has a target
  and its topic is owned by a state (a possessor or a national modifier); concern about a
  situation ("the drought", "the escalation between X and Y") stays a statement (012).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from comity.extract.events.patterns import (
    Trigger,
    lemma_candidates,
    match_trigger,
    object_token,
    prep_objects,
)
from comity.extract.lexicon import lexicon
from comity.ontology import types_in

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["COOPERATIVE", "FORCE", "THREAT", "conduct_noun", "criticism_code", "intended_code"]

COOPERATIVE = types_in("verbal_cooperation", "material_cooperation")
FORCE = types_in("material_conflict")  # protests, sanctions, mobilisation, coercion, assault
INTENT_CODES = {
    **dict.fromkeys(("COOPERATE", "AID", "CONCEDE", "RETREAT"), "030"),
    **dict.fromkeys(FORCE, "130"),
}
THREAT = "130"
CONCERN = "012"
CRITICISM = "111"
_REFUSAL_AUX = lexicon("refusal_auxiliaries")
CONDITION_MARKS = lexicon("condition_marks")
_UNLESS = frozenset({"unless"})
_CONCERN_NOUNS = lexicon("criticism_concern_nouns")
_TOPIC_PREPS = lexicon("topic_prepositions")
_OWNER_LABELS = frozenset({"GPE", "NORP", "ORG"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_IN = frozenset({"in", "inside", "within"})
_CONDUCT_NOUNS = lexicon("conduct_in_place_nouns")
_PLEDGE_NOUNS = lexicon("pledge_nouns")
_THWARTING = lexicon("thwarting_verbs")
_HOSTILE = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "THREATEN", "SANCTION"})


def _refused(token: Token) -> bool:
    """ "will not accept": a negated future act (a refusal, unlike a past "did not sign")."""
    return any(c.dep_ == "aux" and c.lower_ in _REFUSAL_AUX for c in token.children)


def _conditional_threat(token: Token, marks: frozenset[str]) -> bool:
    """ "will withdraw unless Y ...", "would strike if ...": an act announced on a condition."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in token.children
    )


def _pledged_force(token: Token, trig: Trigger) -> bool:
    """A unilateral pledge of force or of stopping another ("vowed to fight", "is ready to strike",
    "vowed to prevent Y ...") is a threat. An agreement stays AGREE whatever was agreed ("agreed to
    impose sanctions")."""
    if trig.frame != "intent" or trig.plover != "AGREE" or trig.lemma in {"agree", "accept"}:
        return False
    for child in token.children:
        if child.dep_ == "xcomp":
            if lemma_candidates(child.text, verbal=True) & _THWARTING:
                return True
            embedded = match_trigger(child)
            if embedded is not None and embedded.plover in FORCE:
                return True
    return False


def _vowed_force(token: Token, trig: Trigger) -> bool:
    """An act of force in the to-clause of a pledge noun ("his vow to destroy Y", "a threat to
    invade Y") is the threat, not the act."""
    if trig.plover not in FORCE:
        return False
    to = next((c for c in token.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    # read off the words, not the attachment: the parser hangs the clause on the noun or the verb
    return to is not None and to.i > 0 and to.doc[to.i - 1].lower_ in _PLEDGE_NOUNS


def intended_code(token: Token, trig: Trigger, modality: str, *, announced: bool = False) -> str:
    """The CAMEO code of the act as its modality makes it (see the module docstring);
    ``announced``: its actor says it ("China said it would ...")."""
    if trig.plover is None:
        return trig.cameo
    if _pledged_force(token, trig) or _vowed_force(token, trig):
        return THREAT
    if modality == "negated" and _refused(token) and trig.plover in COOPERATIVE:
        return "120"
    if (
        modality == "hypothetical"
        and announced
        and trig.plover in FORCE
        and _conditional_threat(token, CONDITION_MARKS)
    ):
        return THREAT
    if modality != "future":
        return trig.cameo
    if _conditional_threat(token, _UNLESS):
        return THREAT
    return INTENT_CODES.get(trig.plover, trig.cameo)


def criticism_code(token: Token, cameo: str, *, has_target: bool) -> str:
    """Concern (012) voiced about someone's conduct ("raised concerns about Y's actions": the
    statement has a target and its topic an owner) is criticism, ACCUSE 111; any other code stays."""
    obj = object_token(token)
    if cameo != CONCERN or not has_target or obj is None or obj.lower_ not in _CONCERN_NOUNS:
        return cameo
    topics = prep_objects(token, _TOPIC_PREPS) + prep_objects(obj, _TOPIC_PREPS)
    return CRITICISM if any(map(_owned_conduct, topics)) else cameo


def _owned_conduct(topic: Token) -> bool:
    """ "China's actions", "Chinese military activity": a topic an actor owns; "the coup (and
    violence) in Burma": what is done in a country ("the flooding in Bangladesh" is not)."""
    return any(
        c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.ent_type_ in _OWNER_LABELS)
        for c in topic.children
    ) or any(
        p.ent_type_ in _PLACE_LABELS
        for t in (topic, *topic.conjuncts)
        if conduct_noun(t)
        for p in prep_objects(t, _IN)
    )


def conduct_noun(noun: Token) -> bool:
    """Does ``noun`` name what people do ("the coup", "violence", "the crackdown"), not what befalls
    them ("the flooding")?"""
    if noun.lower_ in _CONDUCT_NOUNS or noun.lemma_.lower() in _CONDUCT_NOUNS:
        return True
    trig = match_trigger(noun)
    return trig is not None and trig.plover in _HOSTILE
