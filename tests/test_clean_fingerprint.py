"""MinHash fingerprints and the near-duplicate index."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comity.clean import NearDuplicateIndex, build_article, estimate_jaccard, minhash
from comity.clean.fingerprint import NUM_PERM, choose_bands
from comity.config import Settings
from comity.records import SourceItem

STORY = (
    "Officials from the two countries met in the port city on Monday to discuss fishing quotas, "
    "customs checks and a long-delayed rail link. The talks lasted most of the day and ended "
    "with a short statement in which both governments promised to meet again before the end of "
    "the year. Trade between the neighbours has grown quickly, but disputes over the sea boundary "
    "have repeatedly slowed progress on joint projects, according to analysts who follow the region."
)
OTHER = (
    "A severe storm swept across the northern provinces overnight, flooding roads and cutting "
    "power to thousands of homes. Rescue teams worked through the morning to reach villages in "
    "the hills, and the weather service warned that more heavy rain was expected later in the week."
)


def test_signature_shape_and_determinism() -> None:
    signature = minhash(STORY)
    assert len(signature) == NUM_PERM
    assert all(isinstance(v, int) and 0 <= v < 2**63 for v in signature)
    assert signature == minhash(STORY)
    assert minhash(STORY.upper()) == signature  # lowercased shingles
    assert minhash("") == ()


def test_near_duplicates_are_linked(settings: Settings) -> None:
    edited = STORY.replace("on Monday", "on Monday afternoon").replace("quickly", "rapidly")
    articles = [
        build_article(SourceItem(name=n, content=f"Headline\n{t}", fmt="text"), settings)
        for n, t in (("a", STORY), ("b", edited), ("c", OTHER))
    ]
    index = NearDuplicateIndex(settings.near_duplicate_threshold)
    results = [index.add(a.id, a.fingerprint) for a in articles]
    assert results == [None, articles[0].id, None]
    assert estimate_jaccard(articles[0].fingerprint, articles[1].fingerprint) >= 0.8
    assert estimate_jaccard(articles[0].fingerprint, articles[2].fingerprint) < 0.2
    assert len(index) == 3


def test_boilerplate_does_not_count(settings: Settings) -> None:
    plain = build_article(SourceItem(name="a", content=f"Headline\n{STORY}", fmt="text"), settings)
    noisy = build_article(
        SourceItem(name="b", content=f"Headline\nShare this\n{STORY}\nLeave a Comment\n", fmt="text"),
        settings,
    )
    assert plain.id != noisy.id
    assert plain.fingerprint == noisy.fingerprint


def test_same_id_is_not_its_own_duplicate() -> None:
    index = NearDuplicateIndex(0.8)
    assert index.add("x", minhash(STORY)) is None
    assert index.add("x", minhash(STORY)) is None
    assert index.add("y", ()) is None


def test_earliest_best_match_wins() -> None:
    index = NearDuplicateIndex(0.5)
    index.add("first", minhash(STORY))
    index.add("second", minhash(STORY))
    assert index.add("third", minhash(STORY)) == "first"


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 0.95, 1.0])
def test_band_choice_divides_signature(threshold: float) -> None:
    bands, rows = choose_bands(NUM_PERM, threshold)
    assert bands * rows == NUM_PERM


def test_many_documents_stay_fast() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    index = NearDuplicateIndex(0.8)
    hits = 0
    for n in range(2000):
        words = " ".join(rng.choice(vocabulary) for _ in range(60))
        hits += index.add(str(n), minhash(words)) is not None
    assert hits == 0


def test_signatures_from_a_store_may_be_lists() -> None:
    index = NearDuplicateIndex(0.8)
    index.add("stored", list(minhash(STORY)))  # type: ignore[arg-type]
    assert index.add("new", minhash(STORY)) == "stored"


def _reference_minhash(text: str) -> tuple[int, ...]:
    """The signature's definition in plain Python integers (the first, slow implementation)."""
    from comity.clean.fingerprint import _PERMS, _PRIME, _hash64, shingles

    hashes = [_hash64(s) for s in shingles(text)]
    if not hashes:
        return ()
    return tuple(min((a * h + b) % _PRIME for h in hashes) for a, b in _PERMS)


@given(st.lists(st.sampled_from(["talks", "Hanoi", "trade", "the", "2024", "visit", "ça", "x"]), max_size=60))
@hypothesis_settings(max_examples=60, deadline=None)
def test_minhash_equals_its_integer_definition(words: list[str]) -> None:
    text = " ".join(words)
    assert minhash(text) == _reference_minhash(text)


def test_minhash_equals_its_integer_definition_on_extreme_hashes() -> None:
    import numpy as np

    from comity.clean.fingerprint import _PERMS, _PRIME, _mod_prime, _mod_prime_product

    edge = np.array([0, 1, 2**31 - 1, 2**31, 2**61 - 2, _PRIME - 1], dtype=np.uint64)
    for a, b in _PERMS[:8]:
        got = _mod_prime(_mod_prime_product(np.uint64(a), edge) + np.uint64(b))
        assert [int(v) for v in got] == [(a * int(h) + b) % _PRIME for h in edge]
