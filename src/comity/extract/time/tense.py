"""A lexical tense guess for ``find_time_expressions(future=...)`` when no parser is at hand.

Not a stable API. The pipeline should prefer the parser's tense (spaCy morphology); this fallback looks
at the clause around an expression and lets the nearest tense cue decide.

>>> is_future = lexical_future("He said talks will resume on Friday.")
>>> is_future(31)
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|['’]ll|going\s+to|is\s+to|are\s+to|scheduled|due\s+to|expected\s+to|"
    r"plans?\s+to|planned|planning\s+to|intends?\s+to|upcoming|next|would|set\s+to|as\s+(?:soon|early)\s+as|"
    r"until|payable|effective)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|ago|last|earlier|announced|held|met|visited|signed)\b", re.IGNORECASE
)
# a full stop ends a clause unless it closes an initial or a title ("Daniel P. Davison", "Mr. Schwarz")
_BOUNDARY = re.compile(r"[!?;\n]|(?<![\s.][A-Z])(?<!\bM[rs])(?<!\bMrs)(?<!\b[DJS][rt])\.(?=\s|$)")
_WINDOW = 80


def lexical_future(text: str) -> Callable[[int], bool]:
    """A tense oracle for ``text``: called with an offset, True when the nearest cue is future."""

    def is_future(offset: int) -> bool:
        left = text[max(0, offset - _WINDOW) : offset]
        right = text[offset : offset + _WINDOW]
        left = _BOUNDARY.split(left)[-1]
        right = _BOUNDARY.split(right, maxsplit=1)[0]
        best: tuple[int, bool] | None = None
        for pattern, verdict in ((_FUTURE, True), (_PAST, False)):
            for m in pattern.finditer(left):
                best = min(best or (10**6, False), (len(left) - m.end(), verdict))
            for m in pattern.finditer(right):
                best = min(best or (10**6, False), (m.start(), verdict))
        return best is not None and best[1]

    return is_future
