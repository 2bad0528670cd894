"""comity's own spaCy components (Doc -> Doc), registered once by name."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

LINE_BREAKS = "comity_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Any) -> Any:
    """Start a sentence after every line break.

    News pages put titles, bylines, captions and paragraphs on lines of their own; without this
    the parser glues a title to the first sentence and the evidence span swallows both.
    Must run before the parser, which keeps sentence starts that are already set.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        after_break_token = previous.is_space and "\n" in previous.text
        after_break_whitespace = not token.is_space and "\n" in previous.whitespace_
        if after_break_token or after_break_whitespace:
            token.is_sent_start = True
    return doc
