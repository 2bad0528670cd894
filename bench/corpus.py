"""A synthetic corpus for benchmarks, built from examples/articles by light rewriting.

Each example article that cleans to text is written ``copies`` times as a .txt file; every copy
has its sentences reordered within paragraphs, its small numbers shifted and a few verbs swapped
(seeded, so the corpus is the same every time), so no two copies share a content id.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from comity.config import Settings
from comity.extract.actors.kb import load_kb
from comity.ingest import iter_inputs
from comity.pipeline import Pipeline
from comity.records import Article, Rejection

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
SWAPS = [("said", "stated"), ("met", "met with"), ("agreed", "pledged"), ("visit", "trip")]
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SMALL_NUMBER = re.compile(r"\b([1-9]\d?)\b")


def example_articles(settings: Settings) -> list[Article]:
    """The example articles that clean to text (rejections left out)."""
    pipeline = Pipeline(settings, load_kb())
    out = []
    for item in iter_inputs([str(EXAMPLES)], settings):
        if isinstance(item, Rejection):
            continue
        cleaned = pipeline.clean(item)
        if isinstance(cleaned, Article):
            out.append(cleaned)
    return out


def rewrite(text: str, variant: int) -> str:
    """A light, deterministic rewrite: same kind of prose, different bytes."""
    if variant == 0:
        return text
    rng = random.Random(variant)
    paragraphs = []
    for paragraph in text.split("\n\n"):
        sentences = SENTENCE.split(paragraph)
        if len(sentences) > 2:
            head, rest = sentences[0], sentences[1:]
            rng.shuffle(rest)
            sentences = [head, *rest]
        paragraphs.append(" ".join(sentences))
    out = "\n\n".join(paragraphs)
    old, new = SWAPS[variant % len(SWAPS)]
    out = re.sub(rf"\b{old}\b", new, out)
    return SMALL_NUMBER.sub(lambda m: str(int(m.group(1)) + variant % 7), out) + f"\n\n(Copy {variant}.)\n"


def build_corpus(folder: Path, articles: list[Article], copies: int) -> tuple[int, int]:
    """Write ``copies`` rewritten copies of each article into ``folder``; (documents, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = words = 0
    for variant in range(copies):
        for i, article in enumerate(articles):
            text = rewrite(article.text, variant)
            (folder / f"{variant:04d}_{i:02d}.txt").write_text(text, encoding="utf-8")
            docs += 1
            words += len(text.split())
    return docs, words
