"""The pipeline, wired once: clean -> nlp -> extract -> resolve.

The CLI, the Python API and every runner use this one object. The actor knowledge base is
handed in, built once by the caller (``load_kb()`` at the edge, or a small KB in a test); the
heavy resources (the spaCy model, the coder) are loaded lazily, once per process.
"""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from comity._version import __version__
from comity.clean import build_article
from comity.config import Settings
from comity.errors import RejectedInput
from comity.extract.actors.kb import ActorKB
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.base import EventCoder
from comity.extract.facts.find import facts_from_doc
from comity.extract.time.find import find_time_expressions, lexical_future
from comity.nlp import doc_sentences, load_model, parse, parse_sectioned
from comity.records import Article, DocumentResult, Rejection, SourceItem
from comity.registry import coders
from comity.resolve import finalise_events

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


class Pipeline:
    """Turns source items into ``DocumentResult`` records (or ``Rejection`` records)."""

    def __init__(self, settings: Settings, kb: ActorKB) -> None:
        self.settings = settings
        self.kb = kb

    @cached_property
    def nlp(self) -> Language:
        return load_model(self.settings.model)

    @cached_property
    def coder(self) -> EventCoder:
        coder: EventCoder = coders.get(self.settings.coder)(settings=self.settings, kb=self.kb)
        return coder

    def versions(self) -> dict[str, str]:
        """Versions of everything that shapes the output, recorded with each run."""
        meta = self.nlp.meta
        return {
            "comity": __version__,
            "model": f"{meta.get('name')}-{meta.get('version')}",
            "spacy": _installed("spacy"),  # what ran, not the range the model accepts
            "spacy_required_by_model": str(meta.get("spacy_version", "")),
            "coder": self.settings.coder,
        }

    def clean(self, item: SourceItem) -> Article | Rejection:
        """Build the ``Article`` of one input, or say why it cannot be one."""
        try:
            return build_article(item, self.settings)
        except RejectedInput as exc:
            return Rejection(
                name=item.name, stage="clean", reason=exc.reason, message=exc.message, size=item.size
            )

    def analyse(self, articles: Sequence[Article]) -> list[DocumentResult | Rejection]:
        """Parse ``articles`` with ``nlp.pipe`` and extract their records, in order.

        Each ``Doc`` is extracted and dropped as soon as it is parsed: holding a whole batch of
        parsed documents (and parsing many at once) is what made peak memory grow.
        """
        texts = (a.text for a in articles)
        out: list[DocumentResult | Rejection] = []
        try:
            parsed = parse(
                self.nlp,
                texts,
                batch_size=self.settings.parse_batch_size,
                section_chars=self.settings.section_chars,
            )
            for doc in parsed:
                out.append(self._extract_safely(doc, articles[len(out)]))
        except Exception:  # one bad text must not sink the batch: retry the rest one by one
            log.exception("batch parse failed; retrying documents one by one")
            out.extend(self._analyse_one(article) for article in articles[len(out) :])
        return out

    def _analyse_one(self, article: Article) -> DocumentResult | Rejection:
        try:
            doc = parse_sectioned(self.nlp, article.text, self.settings.section_chars)
        except Exception as exc:
            return _failure(article, "nlp", exc)
        return self._extract_safely(doc, article)

    def _extract_safely(self, doc: Doc, article: Article) -> DocumentResult | Rejection:
        try:
            return self.extract(doc, article)
        except Exception as exc:
            log.exception("extraction failed for %s", article.name)
            return _failure(article, "extract", exc)

    def extract(self, doc: Doc, article: Article) -> DocumentResult:
        """All extraction for one parsed document; the ``Doc`` goes no further than here."""
        mentions = tuple(mentions_from_doc(doc, article, self.kb))
        sentences = [(s.start_char, s.end_char) for s in doc_sentences(doc)]
        times = tuple(
            find_time_expressions(
                article.text,
                article.publication_date,
                doc_id=article.id,
                sentences=sentences,
                future=lexical_future(article.text),
            )
        )
        events = self.coder.code(doc, article, mentions, times)
        return DocumentResult(
            article=article,
            mentions=mentions,
            times=times,
            events=finalise_events(events, min_confidence=self.settings.min_confidence),
            facts=tuple(facts_from_doc(doc, article, mentions, times, kb=self.kb)),
        )


def _installed(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _failure(article: Article, stage: str, exc: Exception) -> Rejection:
    return Rejection(
        name=article.name,
        stage=stage,
        reason="processing_error",
        message=f"{type(exc).__name__}: {exc}",
        doc_id=article.id,
        size=len(article.text),
    )
