"""NLP stage: the spaCy model, loaded once per process, and batched parsing."""

from comity.nlp.model import (
    REQUIRED_COMPONENTS,
    doc_lowers,
    doc_sentences,
    doc_text,
    doc_tokens,
    load_model,
    parse,
    sentences_before,
    tokens_where,
)

__all__ = [
    "REQUIRED_COMPONENTS",
    "doc_lowers",
    "doc_sentences",
    "doc_text",
    "doc_tokens",
    "load_model",
    "parse",
    "sentences_before",
    "tokens_where",
]
