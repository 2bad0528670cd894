"""NLP stage: the spaCy model, loaded once per process, and batched parsing."""

from comity.nlp.model import (
    REQUIRED_COMPONENTS,
    doc_lowers,
    doc_sentences,
    doc_text,
    doc_tokens,
    load_model,
    parse,
    sentence_token_bounds,
    sentences_before,
    tokens_where,
)
from comity.nlp.sections import SECTION_CHARS, parse_sectioned, plain, section_bounds

__all__ = [
    "REQUIRED_COMPONENTS",
    "SECTION_CHARS",
    "doc_lowers",
    "doc_sentences",
    "doc_text",
    "doc_tokens",
    "load_model",
    "parse",
    "parse_sectioned",
    "plain",
    "section_bounds",
    "sentence_token_bounds",
    "sentences_before",
    "tokens_where",
]
