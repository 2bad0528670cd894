"""``hybrid.v1``: the trigger rules of ``rules.v1``, plus the types a learned sentence classifier finds
in a sentence where the rules found none of them (``sentence_types``).

A proposed type becomes an event anchored on the sentence's main verb: its participants are read by
the same argument rules as a trigger's (subject -> source, objects and prepositional complements ->
target, through the document's actor finder), and its date, place and modality by the same rules as
well. An event without a coded source is not added. Proposed events carry ``producer`` ``hybrid.v1``
and a confidence below any trigger-coded event's, so an analyst can tell them apart and filter them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.config import Settings
from comity.extract.actors.kb import ActorKB
from comity.extract.events.args import ActorFinder
from comity.extract.events.patterns import Trigger
from comity.extract.events.rules import RulesCoder, in_boilerplate, sentence_evidence
from comity.extract.events.sentence_types import SentenceTypeModel, load_sentence_types, sentence_features
from comity.nlp import doc_sentences
from comity.records import Article, Event, Mention, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["PRODUCER", "HybridCoder"]

PRODUCER = "hybrid.v1"
#: A proposed event's confidence is its probability scaled into a band below trigger-coded events.
CONFIDENCE_SCALE = 0.3
_ANCHOR_POS = frozenset({"VERB", "AUX"})


class HybridCoder(RulesCoder):
    """``rules.v1`` events, then the classifier's missing types per sentence."""

    name = PRODUCER

    def __init__(
        self, settings: Settings | None = None, *, kb: ActorKB, model: SentenceTypeModel | None = None
    ) -> None:
        super().__init__(settings, kb=kb)
        self.model = model or load_sentence_types()

    def code(
        self, doc: Doc, article: Article, mentions: Sequence[Mention], times: Sequence[TimeExpression]
    ) -> list[Event]:
        finder = self.finder_for(doc, article, mentions)  # one tracker for the rules' events and these
        events = self.code_with(finder, doc, article, times)
        by_sentence: dict[int, set[str]] = {}
        for event in events:
            by_sentence.setdefault(event.sentence, set()).add(event.type)
        known = {e.id for e in events}
        for n, sent in enumerate(doc_sentences(doc)):
            for event in self._proposed(sent, n, by_sentence.get(n, set()), finder, article, times):
                if event.id not in known:
                    known.add(event.id)
                    events.append(event)
        return events

    def _proposed(
        self,
        sent: Span,
        n: int,
        found: set[str],
        finder: ActorFinder,
        article: Article,
        times: Sequence[TimeExpression],
    ) -> list[Event]:
        anchor = _anchor(sent)
        evidence = sentence_evidence(article, sent)
        if anchor is None or not evidence.text or in_boilerplate(article, evidence.start, evidence.end):
            return []
        out: list[Event] = []
        found = set(found)
        for plover, cameo, probability in self.model.proposed(sentence_features(sent)):
            if plover in found:
                continue
            trigger = Trigger(anchor.lemma_.lower(), "verb", frozenset(), None, cameo, plover, "normal")
            event = self._event(anchor, trigger, finder, article, times, evidence, n)
            if event is None or event.type in found or not any(a.country for a in event.source):
                continue  # the rules read it as an act they had already coded, or found no coded source
            out.append(replace(event, producer=PRODUCER, confidence=round(CONFIDENCE_SCALE * probability, 3)))
            found.add(event.type)
        return out


def _anchor(sent: Span) -> Token | None:
    """The sentence's main verb (its root), whose arguments are the participants; None for a verbless
    sentence (a headline fragment, a list item)."""
    root = sent.root
    return root if root.pos_ in _ANCHOR_POS else None
