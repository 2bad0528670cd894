"""Trigger table (``data/triggers.csv``) and matching of triggers on parsed tokens.

Trigger lemmas are guessed here from the word form (a short table of irregular verbs plus
English suffix rules), not read from ``token.lemma_``: the guesses do not hang on the tagger's
POS, and the trigger table was written against them. A guess only has to hit the trigger
table, so over-generation is harmless.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

from comity.extract.events.verdicts import verdict_parts
from comity.extract.lexicon import lexicon

__all__ = [
    "ACTOR_ENTITIES",
    "Trigger",
    "addressed_trigger",
    "demand_clause",
    "lemma_candidates",
    "load_triggers",
    "match_trigger",
    "may_trigger",
    "object_token",
    "prep_objects",
    "reported_clause",
    "set_off",
    "to_infinitive",
]

FRAMES = frozenset(
    {
        "normal",
        "swap",
        "visit",
        "intent",
        "demand",
        "topic",
        "claim",
        "joint",
        "verdict",
        "appeal",
        "addressee",
    }
)
#: Acts whose report by a speaker makes the speech an accusation of whoever did them ("Beijing
#: said the Vietnamese boat rammed a Chinese boat": frame ``claim``).
CLAIMED_FORCE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
DEMAND_MODALS = lexicon("demand_modals")  # "X said Y must stop": a demand (CAMEO 10), not Y's act
_FALSE_PLURALS = lexicon("false_plurals")
_OBLIGATION_VERBS = lexicon("obligation_verbs")
_TOLD_TO = lexicon("told_to_verbs")  # intent rows that need "X to do" ("told Chile to withdraw")
_SPEAKER_OBJECTS = frozenset({"him", "her", "me", "us"})  # a reported verbal attack on the speaker
# Adjectives head events only as predicates ("X is willing to", "X was critical of Y"), never
# as attributes ("a willing partner").
_PREDICATIVE = frozenset({"acomp", "ROOT", "conj", "xcomp", "ccomp", "oprd", "advcl"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_SET_OFF = frozenset({",", "”", '"', "’", "'"})
ANY_OBJECT = "*"  # in the object column: any direct object is required ("returned the artefacts")
# In the object column: no direct object allowed ("protesters protested": a demonstration,
# unlike "China protested the move", a diplomatic protest).
NO_OBJECT = "-"
# In the object column: a direct object and a to-clause after it, the one urged and the act
# ("pressed Xi to act", "pushed Y to stop"; not "pushed prices up").
OBJECT_AND_CLAUSE = "*to"
# Complements that name what a light verb does with its object ("made available ambulances",
# "made the funds available"): read as part of the object.
_COMPLEMENT_DEPS = frozenset({"oprd", "acomp", "ccomp", "xcomp"})
_IRREGULAR = {
    "met": "meet", "held": "hold", "paid": "pay", "made": "make", "gave": "give", "given": "give",
    "sent": "send", "sought": "seek", "told": "tell", "said": "say", "took": "take", "taken": "take",
    "threw": "throw", "struck": "strike", "fought": "fight", "undertook": "undertake", "saw": "see",
    "spoken": "speak", "withdrew": "withdraw", "withdrawn": "withdraw", "led": "lead",
    "came": "come", "went": "go", "gone": "go", "brought": "bring", "built": "build", "won": "win",
    "rammed": "ram", "travelled": "travel", "travelling": "travel", "co-chaired": "co-chair",
    "sank": "sink", "sunk": "sink", "flew": "fly", "flown": "fly", "spoke": "speak", "swore": "swear", "sworn": "swear", "lent": "lend", "froze": "freeze", "frozen": "freeze",
    "wrote": "write", "written": "write",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the trigger table."""

    lemma: str
    pos: str  # "verb" | "noun" | "adj"
    objects: frozenset[str]  # required direct-object lemmas (empty: none required)
    prep: str | None  # required preposition child ("+in" in the table: optional, marks a target)
    cameo: str
    plover: str | None  # None: a CAMEO 01x statement, which has no PLOVER type
    frame: str  # normal | swap | visit | intent | demand | topic | claim
    notes: str = ""
    target_prep: str | None = None  # an extra preposition introducing the target ("invested in")

    @property
    def specificity(self) -> int:
        return (
            int(bool(self.objects))
            + int(self.prep is not None)
            + int(self.frame in {"demand", "claim", "appeal"})
        )


def lemma_candidates(word: str, *, verbal: bool) -> frozenset[str]:
    """Possible lemmas of ``word`` (lowercase), e.g. "visited" -> {"visited", "visit", "visite"}."""
    return _lemma_candidates(word.lower(), verbal)


@functools.lru_cache(maxsize=32_768)  # asked for every token of every sentence, often the same words
def _lemma_candidates(w: str, verbal: bool) -> frozenset[str]:
    out = {w}
    if w in _IRREGULAR:
        out.add(_IRREGULAR[w])
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    if w.endswith("es"):
        out.add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.add(w[:-1])
    if verbal:
        for suffix in ("ed", "ing"):
            if w.endswith(suffix) and len(w) > len(suffix) + 1:  # "used" -> "use"
                stem = w[: -len(suffix)]
                out.update({stem, stem + "e"})
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.add(stem[:-1])
                if stem.endswith("i"):
                    out.add(stem[:-1] + "y")
    return frozenset(out)


def _parse_row(row: dict[str, str]) -> Trigger:
    frame = row["frame"].strip() or "normal"
    if frame not in FRAMES:
        raise ValueError(f"unknown trigger frame {frame!r} for {row['lemma']!r}")
    objects = frozenset(o.strip().lower() for o in row["object"].split("|") if o.strip())
    return Trigger(
        lemma=row["lemma"].strip().lower(),
        pos=row["pos"].strip(),
        objects=objects,
        prep=None if row["prep"].startswith("+") else (row["prep"].strip().lower() or None),
        target_prep=row["prep"][1:].strip().lower() if row["prep"].startswith("+") else None,
        cameo=row["cameo"].strip(),
        plover=row["plover"].strip() or None,
        frame=frame,
        notes=row.get("notes") or "",
    )


@functools.lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, pos) -> triggers, most specific first (cached)."""
    text = (resources.files("comity.extract.events") / "data" / "triggers.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        trig = _parse_row(row)
        table.setdefault((trig.lemma, trig.pos), []).append(trig)
    return {k: tuple(sorted(v, key=lambda t: -t.specificity)) for k, v in table.items()}


@functools.lru_cache(maxsize=1)
def _trigger_suffixes() -> frozenset[str]:
    """Every ending of every trigger lemma and irregular form ("airstrike" -> "strike", "ike", ...)."""
    words = [lemma for lemma, _ in load_triggers()] + list(_IRREGULAR)
    return frozenset(w[i:] for w in words for i in range(len(w)))


@functools.lru_cache(maxsize=32_768)
def may_trigger(word: str) -> bool:
    """False when no trigger can match a token spelled ``word`` (lowercase), whatever its tag or
    compound modifier: a cheap test before ``match_trigger``. A compound's joined lemma
    ("air" + "strikes" -> "airstrike") ends with a lemma guess of the word itself."""
    endings = _trigger_suffixes()
    guesses = _lemma_candidates(word, True) | _lemma_candidates(word, False)
    return any(g in endings for g in guesses)


def _is_verbal(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` hung on ``token`` ("talks *with* X")."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def to_infinitive(verb: Token) -> bool:
    """Is ``verb`` a to-infinitive ("to withdraw")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def object_token(token: Token) -> Token | None:
    """The direct object of a verb (or, in the passive, its subject)."""
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child
    return None


def _object_ok(token: Token, trig: Trigger) -> bool:
    if not trig.objects:
        return True
    obj = object_token(token)
    if NO_OBJECT in trig.objects:
        return obj is None
    if OBJECT_AND_CLAUSE in trig.objects:
        return obj is not None and any(
            c.dep_ in {"xcomp", "advcl", "ccomp"} and c.i > obj.i and to_infinitive(c) for c in token.children
        )
    if obj is not None and (ANY_OBJECT in trig.objects or _object_lemmas(obj) & trig.objects):
        return True
    if _complement_lemmas(token, obj) & trig.objects:
        return True
    if trig.pos == "noun" and _qualifier_lemmas(token) & trig.objects:  # "dangerous actions"
        return True
    # an intent verb's "object" may be the verb of its to-clause: "declined to comment"
    return trig.frame == "intent" and any(
        c.dep_ == "xcomp" and lemma_candidates(c.text, verbal=True) & trig.objects for c in token.children
    )


def _complement_lemmas(verb: Token, obj: Token | None) -> set[str]:
    """Adjectives completing a light verb: "made X available", "made available X" (parsed as
    the object's modifier right after the verb)."""
    out = {c.lower_ for c in verb.children if c.dep_ in _COMPLEMENT_DEPS and c.pos_ == "ADJ"}
    if obj is not None:
        out |= {c.lower_ for c in obj.lefts if c.dep_ == "amod" and c.i == verb.i + 1}
    return out


def _qualifier_lemmas(noun: Token) -> set[str]:
    """The adjectives qualifying a noun ("dangerous and unlawful actions"), for a noun row whose
    object column names the qualities that make the noun an act ("actions" alone is none)."""
    out = set()
    for child in noun.lefts:
        if child.dep_ == "amod":
            out.add(child.lower_)
            out |= {c.lower_ for c in child.conjuncts if c.pos_ == "ADJ"}
    return out


def _object_lemmas(obj: Token) -> frozenset[str]:
    """Lemmas of an object, with the word before it joined on ("cease-fire", "legal action"),
    and of its "of" complement ("accepted thousands of refugees")."""
    out = lemma_candidates(obj.text, verbal=False)
    for child in obj.lefts:
        if child.dep_ in {"compound", "amod"} and child.i == obj.i - 1:
            out |= {f"{child.lower_} {w}" for w in lemma_candidates(obj.text, verbal=False)}
        elif child.dep_ == "compound" and child.i == obj.i - 2 and obj.doc[obj.i - 1].text == "-":
            out |= lemma_candidates(f"{child.lower_}-{obj.lower_}", verbal=False)
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out |= lemma_candidates(pobj.text, verbal=False)
    return out


def _prep_ok(token: Token, trig: Trigger) -> bool:
    if trig.prep is None:
        return True
    return any(
        c.dep_ in {"prep", "prt"}
        and c.lower_ == trig.prep
        # "called Y on Wednesday" is a phone call, not "called on Y to"
        and not any(p.ent_type_ in _TIME_ENTS for p in c.children)
        for c in token.children
    )


def _has_modal(clause: Token) -> bool:
    """Does the clause oblige its subject: a demand modal ("Y must stop"), or an obligation verb
    with a to-infinitive ("Y has to stop", "Y is going to have to stop")?"""
    if not _obligee(clause):
        return False  # "the strategy should not be seen as ...", "this topic should concern voters"
    if any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in clause.children):
        return False  # "he would likely have to eliminate the tariffs": a necessity, no demand
    current = clause
    for _ in range(2):  # "is going to have to make": down the chain of to-clauses
        if current.lemma_ in _OBLIGATION_VERBS and any(
            c.dep_ == "xcomp" and to_infinitive(c) for c in current.children
        ):
            return True
        current = next((c for c in current.children if c.dep_ == "xcomp" and to_infinitive(c)), current)
    return False


_HYPOTHETICAL = frozenset({"would", "could", "might", "may"})
_OBLIGEE_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "you", "i"})
#: People and bodies that can be asked to act without a name ("the officials", "both sides").
_OBLIGEE_NOUNS = (
    lexicon("agent_nouns") | lexicon("group_nouns") | lexicon("leader_nouns") | lexicon("office_group_nouns")
)


def _obligee(clause: Token) -> bool:
    """Is the clause's subject someone who can be asked to act: a name, a people or body noun
    phrase with a name in it, or a personal pronoun (not "the strategy", "this topic")?"""
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return True  # an imperative or a clause the parser gave no subject: left as it was
    if subject.lower_ in _OBLIGEE_PRONOUNS:
        return True
    if any(t.ent_type_ in ACTOR_ENTITIES for t in subject.subtree):
        return True
    return bool(lemma_candidates(subject.text, verbal=False) & _OBLIGEE_NOUNS)


def demand_clause(token: Token) -> Token | None:
    """The clause a speech verb says must happen ("X said Y must stop" / "Y must stop, X
    said"): its verb, or None when the speech verb reports no obligation."""
    for child in token.children:
        if child.dep_ == "ccomp" and _has_modal(child):
            return child
    if token.dep_ in {"ccomp", "parataxis"} and token.head.i < token.i and _has_modal(token.head):
        return token.head
    return None


#: Entity labels of words that name an actor (a subject who can be obliged, a possessor who owns
#: an act: "Russia's attacks", not "this weekend's attacks").
ACTOR_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _appealed(token: Token) -> bool:
    """Does a wish say what another named party should do ("hopes that the U.S. side continues to
    abide by ...")? Its that-clause has a subject naming a country, people, body or person."""
    return any(
        subject.dep_ in {"nsubj", "nsubjpass"} and any(t.ent_type_ in ACTOR_ENTITIES for t in subject.subtree)
        for clause in token.children
        if clause.dep_ == "ccomp"
        for subject in clause.children
    )


def reported_clause(token: Token) -> Token | None:
    """The clause a speech verb reports: its that-clause ("X said Y rammed Z") or the clause it
    is hung on ("Y rammed Z, X said"); None when there is none."""
    for child in token.children:
        if child.dep_ == "ccomp":
            return child
    if token.dep_ in {"ccomp", "parataxis"} and token.head.i < token.i and set_off(token):
        return token.head
    return None


def set_off(token: Token) -> bool:
    """Does the clause of ``token`` follow a comma or closing quote ("Y rammed Z, X said"), unlike
    a clause the verb before it reports ("X said he would tell Y")?"""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text in _SET_OFF


def _claims_force(token: Token) -> bool:
    """Does the speech verb report an act of force, not denied ("said Y rammed Z"), or a verbal
    attack on the speaker ("said Kim had insulted him")?"""
    clause = reported_clause(token)
    if clause is None or any(c.dep_ == "neg" for c in clause.children):
        return False
    act = match_trigger(clause, reported=True)
    if act is not None and act.plover == "ACCUSE":  # "said Kim had insulted him": the speaker complains
        return any(c.dep_ == "dobj" and c.lower_ in _SPEAKER_OBJECTS for c in clause.children)
    return act is not None and act.plover in CLAIMED_FORCE


def _frame_ok(token: Token, trig: Trigger) -> bool:
    if trig.frame == "demand":
        return demand_clause(token) is not None
    if trig.frame == "verdict":
        return verdict_parts(token) is not None
    if trig.frame == "appeal":
        return _appealed(token)
    if trig.frame == "claim":
        return _claims_force(token)
    if trig.frame == "intent" and trig.lemma in _TOLD_TO:  # "told Chile to withdraw", not "told reporters"
        return any(c.dep_ in {"dobj", "dative"} for c in token.children) and any(
            c.dep_ == "xcomp" and to_infinitive(c) for c in token.children
        )
    return True


def addressed_trigger(token: Token) -> Trigger | None:
    """The ``addressee`` row of a speech verb told to someone ("X told his Chinese counterpart
    that ..."): besides what was said, the two spoke (its roles: ``roles.addressee``)."""
    if not _is_verbal(token):
        return None
    rows = [
        trig
        for lemma in lemma_candidates(token.text, verbal=True)
        for trig in load_triggers().get((lemma, "verb"), ())
        if trig.frame == "addressee"
    ]
    return rows[0] if rows else None


def discussed_trigger(trig: Trigger) -> Trigger | None:
    """The meeting row of a verb whose concern row matched ("X and Y discussed their concerns over
    Z's conduct"): besides the concern, the two talked (the verb's CONSULT row, roles as usual)."""
    if trig.cameo != _CONCERN or trig.pos != "verb":
        return None
    rows = load_triggers().get((trig.lemma, "verb"), ())
    return next((row for row in rows if row.plover == "CONSULT" and not row.objects), None)


_CONCERN = "012"


def _noun_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of a noun, with a compound modifier joined on ("air strikes" -> "airstrikes")."""
    out = lemma_candidates(token.text, verbal=False)
    for child in token.lefts:
        if child.dep_ == "compound" and child.i == token.i - 1:
            out |= lemma_candidates(child.lower_ + token.lower_, verbal=False)
            out |= lemma_candidates(f"{child.lower_} {token.lower_}", verbal=False)
    return out


def _predicate_noun_modifier(token: Token) -> bool:
    """An adjective before a predicate noun: "was a good leader", "called Y a reliable partner",
    "described Y as a true friend"."""
    head = token.head
    return (
        token.pos_ == "ADJ"
        and token.dep_ == "amod"
        and token.i < head.i
        and (head.dep_ in {"attr", "oprd"} or (head.dep_ == "pobj" and head.head.lower_ == "as"))
    )


def match_trigger(token: Token, *, reported: bool = False) -> Trigger | None:
    """The trigger this token realises, if any (most specific table row first); ``reported``:
    the token is a clause a speech verb reports, which no "claim" row matches (no loop between
    "X said" and "..., X said")."""
    table = load_triggers()
    verdicts_only = False
    if _is_verbal(token):
        pos = "verb"
    elif token.pos_ in {"NOUN", "PROPN"}:
        pos = "noun"
    elif token.pos_ == "ADJ" and token.dep_ in _PREDICATIVE:
        pos = "adj"
    elif _predicate_noun_modifier(token):  # "said Y was a good leader": only a verdict row
        pos, verdicts_only = "adj", True
    else:
        return None
    if pos == "noun" and token.lower_ in _FALSE_PLURALS:  # "his aides" are no aid
        return None
    lemmas = _noun_lemmas(token) if pos == "noun" else lemma_candidates(token.text, verbal=pos == "verb")
    rows = [trig for lemma in lemmas for trig in table.get((lemma, pos), ())]
    # the most specific row wins across all lemma guesses ("air strikes" before "strikes")
    for trig in sorted(rows, key=lambda t: (-t.specificity, -len(t.lemma), t.lemma)):
        if (reported and trig.frame == "claim") or trig.frame == "addressee":
            continue  # an addressee row adds an event beside the token's own (``addressed_trigger``)
        if verdicts_only and trig.frame != "verdict":
            continue
        if _object_ok(token, trig) and _prep_ok(token, trig) and _frame_ok(token, trig):
            return trig
    return None
