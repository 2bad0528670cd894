"""Parse a long text in bounded sections and join them into one ``Doc`` with exact offsets.

spaCy's parser holds working memory for the whole text it is given (about 3 MB per 1,000
characters with the small English model), so a 1 MB text needed gigabytes. A text longer than
``SECTION_CHARS`` is cut at paragraph breaks (else line breaks, sentence ends, spaces), each
section is parsed alone, and the section ``Doc`` objects are joined: the joined text is the
original text character for character, so every offset the extractors record stays exact, and
a sentence never spans two sections (a paragraph break already starts a sentence in comity).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Key of the text cached on a ``Doc`` (``comity.nlp.model.doc_text``).
TEXT_KEY = "comity_text"

#: Longest section handed to the parser at once: a few typical news articles' worth, so an
#: ordinary article is parsed whole, and a section's working memory stays near 60 MB.
SECTION_CHARS = 20_000

# Cut points, best first: after a blank line, after a line break, after a sentence end, after a space.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def section_bounds(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` character ranges that cover ``text`` exactly, each at most
    ``limit`` long, cut at the best break point in the second half of each window."""
    if limit < 2:
        raise ValueError(f"a section must allow at least 2 characters, not {limit}")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, stop: int) -> int:
    """The end of the section that starts at ``start``: the last break of the best kind that
    ends after the window's middle, else ``stop`` itself (a text with no breaks at all)."""
    floor = start + (stop - start) // 2
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(text, floor, stop) if m.end() < stop]
        if ends:
            return ends[-1]
    return stop


#: Typographic apostrophes the parser reads as the ASCII one: spaCy's English models learnt
#: "China's" with "'", and "China’s" often comes out a misparse ("’s" hung on the verb). One
#: character for one, so every offset holds; the ``Doc`` keeps the text as written (``doc_text``).
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'"})


def plain(text: str) -> str:
    """``text`` as the parser reads it: typographic apostrophes as "'" (same length, same offsets)."""
    return text.translate(_PLAIN)


def _as_written(doc: Doc, text: str) -> Doc:
    """``doc`` (parsed from ``plain(text)``) caching ``text``, so ``doc_text`` gives what was written
    without spaCy joining its tokens."""
    doc.user_data[TEXT_KEY] = text
    return doc


def parse_sectioned(nlp: Language, text: str, limit: int = SECTION_CHARS) -> Doc:
    """One ``Doc`` for ``text``, parsed section by section (see the module docstring)."""
    from spacy.tokens import Doc

    bounds = section_bounds(text, limit)
    if len(bounds) == 1:
        return _as_written(nlp(plain(text)), text)
    read = plain(text)
    docs = []
    for doc in nlp.pipe((read[start:end] for start, end in bounds), batch_size=1):
        # comity reads no vectors; joining the tok2vec tensors would keep ~0.4 KB per token.
        doc.tensor = doc.tensor[:0]
        # A section's cached text (see ``doc_text``) is not the whole text's, and spaCy would
        # warn that it cannot join it.
        doc.user_data.pop(TEXT_KEY, None)
        docs.append(doc)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != read:  # pragma: no cover - spaCy keeps every character; guard the offsets anyway
        raise RuntimeError("sectioned parse changed the text; offsets would be wrong")
    joined.user_data[TEXT_KEY] = text
    return joined


def parse_texts(
    nlp: Language, texts: Iterable[str], *, batch_size: int, limit: int = SECTION_CHARS
) -> Iterator[Doc]:
    """Yield one ``Doc`` per text, in order: runs of ordinary texts go through ``nlp.pipe``
    together, a text longer than ``limit`` is parsed in sections."""
    for is_long, run in itertools.groupby(texts, key=lambda text: len(text) > limit):
        if is_long:
            yield from (parse_sectioned(nlp, text, limit) for text in run)
        else:
            texts_run = list(run)
            docs = nlp.pipe((plain(text) for text in texts_run), batch_size=batch_size)
            yield from (_as_written(doc, text) for doc, text in zip(docs, texts_run, strict=True))
