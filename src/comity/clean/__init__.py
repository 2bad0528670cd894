"""Clean stage: ``SourceItem`` -> ``Article`` (main text, title, byline, dateline, date,
boilerplate marks, content id and near-duplicate fingerprint).

This stage imports only layer-0 modules and ``comity.ingest``.
"""

from __future__ import annotations

import logging

from comity.clean.article import build_article
from comity.clean.fingerprint import NearDuplicateIndex, content_id, estimate_jaccard, minhash

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["NearDuplicateIndex", "build_article", "content_id", "estimate_jaccard", "minhash"]
