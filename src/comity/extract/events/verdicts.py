"""Verdicts on another's conduct or claim: "China said Vietnam's claims were illegal", "Washington
regards Beijing's maritime claims to be illegitimate" (trigger frame ``verdict``; not a stable API).

A verdict adjective (a row of the trigger table with the frame ``verdict``) counts only where it is
the predicate of a clause that someone states or holds: the complement of a copula reported by a
speech verb ("said X were illegal"), or of "to be" after a verb of judging ("regards X to be
illegitimate"), or an object complement of a verb of judging ("called Y's move dangerous"); an
epithet noun counts the same way ("called Y an aggressor", "described Y as a bully"), and so does a
verdict adjective of a predicate noun ("said Y was a good leader"). Its source
is whoever states or holds it; its target the owner of what is judged (the possessor, "of"
complement or national modifier of the copula's subject or the judged object), so a narrator's
"the claims are illegal" makes no event; its date follows the tense of the verb that states it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from comity.extract.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["verdict_parts"]

_COPULA_LINKS = frozenset({"ccomp", "advcl", "xcomp", "oprd"})
#: Verbs that state a verdict on their object directly ("called Y's move dangerous").
_JUDGING = lexicon("judging_verbs")
#: Verbs whose "as" phrase is a verdict on their object ("described Y as a bully").
_DESCRIBING = _JUDGING | lexicon("describing_verbs")


def _judged_object(judge: Token, verdict: Token) -> tuple[Token, Token] | None:
    """(judge, its object) for "called Y dangerous", "called Y an aggressor" (the parser may make
    Y a second object complement), "described Y as a bully"; None without a noun object."""
    judged = next(
        (c for c in judge.children if c.dep_ == "dobj" or (c.dep_ == "oprd" and c.i < verdict.i)), None
    )
    return (judge, judged) if judged is not None and judged.pos_ in {"NOUN", "PROPN"} else None


def verdict_parts(adjective: Token) -> tuple[Token, Token] | None:
    """(the verb that states or holds the verdict, what is judged) for a verdict adjective, or None
    when it is no predicate under such a verb; an adjective of a predicate noun counts as the noun
    ("said Biden was a good leader", "described Y as a reliable partner")."""
    if (
        adjective.dep_ == "amod"
        and adjective.head.dep_ in {"attr", "oprd", "pobj"}
        and adjective.i < adjective.head.i
    ):
        adjective = adjective.head
    if (
        adjective.dep_ == "pobj"
        and adjective.head.lower_ == "as"
        and adjective.head.head.lemma_ in _DESCRIBING
    ):
        return _judged_object(adjective.head.head, adjective)  # "described Y as a bully"
    if adjective.dep_ not in {"acomp", "oprd", "attr"}:
        return None
    if adjective.dep_ == "oprd" and adjective.head.lemma_ in _JUDGING:  # "called Y's move dangerous"
        return _judged_object(adjective.head, adjective)
    copula = adjective.head
    if copula.lemma_ != "be" or copula.dep_ not in _COPULA_LINKS or copula.head.pos_ not in {"VERB", "AUX"}:
        return None
    judge = copula.head
    judged = next((c for c in copula.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if judged is None:  # "regards X to be illegitimate": X is the object of the judging verb
        judged = next((c for c in judge.children if c.dep_ == "dobj"), None)
    if judged is not None and judged.pos_ in {"PRON", "DET", "NUM"}:  # "all of China's claims"
        judged = next(
            (p for c in judged.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None
        )
    if judged is None or judged.pos_ not in {"NOUN", "PROPN"}:
        return None
    return judge, judged
