"""Content ids, MinHash signatures and a banded LSH index for near duplicates.

Hashing is deterministic across processes and machines (blake2b, fixed seeds); Python's
``hash()`` is salted per process and must never be used here.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

NUM_PERM = 64
SHINGLE_SIZE = 5
_PRIME = (1 << 61) - 1  # Mersenne prime: signatures fit a signed 64-bit column
_WORD = re.compile(r"\w+")


def content_id(text: str) -> str:
    """Stable id of a text: sha256 of the whitespace-collapsed text, first 16 hex chars.

    >>> content_id("a  b\\n") == content_id(" a b")
    True
    """
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _hash64(data: str) -> int:
    return int.from_bytes(hashlib.blake2b(data.encode("utf-8"), digest_size=8).digest(), "big")


def _permutations(count: int) -> tuple[tuple[int, int], ...]:
    coefficients = []
    for i in range(count):
        a = _hash64(f"comity.minhash.a.{i}") % (_PRIME - 1) + 1
        b = _hash64(f"comity.minhash.b.{i}") % _PRIME
        coefficients.append((a, b))
    return tuple(coefficients)


_PERMS = _permutations(NUM_PERM)


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """Word ``size``-grams of the lowercased text (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> tuple[int, ...]:
    """MinHash signature (``NUM_PERM`` ints) of the text's word shingles; ``()`` for no words.

    Position ``i`` is ``min((a_i * h + b_i) % _PRIME)`` over the shingles' hashes ``h``, computed
    exactly in 64-bit arrays (``_mod_prime_product``): the same integers as Python's, ~20x faster.
    """
    hashes = [_hash64(s) % _PRIME for s in shingles(text)]
    if not hashes:
        return ()
    values = _mod_prime_product(_A[:, None], np.array(hashes, dtype=np.uint64)[None, :])
    values = _mod_prime(values + _B[:, None])
    return tuple(int(v) for v in values.min(axis=1))


_A = np.array([a for a, _ in _PERMS], dtype=np.uint64)
_B = np.array([b for _, b in _PERMS], dtype=np.uint64)
_LOW31, _LOW30 = np.uint64((1 << 31) - 1), np.uint64((1 << 30) - 1)
_MASK61 = np.uint64(_PRIME)


def _mod_prime(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """``values % _PRIME`` for any 64-bit values (2**61 = 1 modulo the Mersenne prime)."""
    folded = (values & _MASK61) + (values >> np.uint64(61))
    return np.where(folded >= _MASK61, folded - _MASK61, folded)


def _mod_prime_product(x: npt.NDArray[np.uint64], y: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """``(x * y) % _PRIME`` for ``x, y < _PRIME``, without overflowing 64 bits: both are split
    into 31-bit halves, so each partial product stays below 2**62."""
    x_hi, x_lo = x >> np.uint64(31), x & _LOW31
    y_hi, y_lo = y >> np.uint64(31), y & _LOW31
    middle = x_hi * y_lo + x_lo * y_hi  # times 2**31; below 2**62
    # x_hi*y_hi*2**62 = 2 * x_hi*y_hi; middle*2**31 = (middle >> 30)*2**61 + (middle & 2**30-1)*2**31
    high = _mod_prime(x_hi * y_hi * np.uint64(2))
    shifted = _mod_prime((middle >> np.uint64(30)) + ((middle & _LOW30) << np.uint64(31)))
    low = _mod_prime(x_lo * y_lo)
    return _mod_prime(_mod_prime(high + shifted) + low)


def estimate_jaccard(left: tuple[int, ...], right: tuple[int, ...]) -> float:
    """Share of equal positions: an unbiased estimate of the shingle Jaccard similarity."""
    if not left or len(left) != len(right):
        return 0.0
    return sum(1 for x, y in zip(left, right, strict=True) if x == y) / len(left)


def choose_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """Pick (bands, rows) so that pairs at ``threshold`` almost always share a band.

    The LSH S-curve has its midpoint near ``(1/bands) ** (1/rows)``; we keep that point well
    below the threshold (recall first) and verify candidates on the full signature.
    """
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        if num_perm % rows:
            continue
        bands = num_perm // rows
        if (1 / bands) ** (1 / rows) <= threshold - 0.15:
            best = (bands, rows)
    return best


class NearDuplicateIndex:
    """Find earlier articles whose estimated Jaccard similarity is at least ``threshold``.

    >>> index = NearDuplicateIndex(0.8)
    >>> index.add("a", minhash("one two three four five six seven eight"))
    >>> index.add("b", minhash("one two three four five six seven eight"))
    'a'
    """

    def __init__(self, threshold: float, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = choose_bands(num_perm, threshold)
        self._buckets: list[defaultdict[tuple[int, ...], list[str]]] = [
            defaultdict(list) for _ in range(self.bands)
        ]
        self._signatures: dict[str, tuple[int, ...]] = {}
        self._order: dict[str, int] = {}  # ties go to the earliest indexed article

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, doc_id: str, signature: tuple[int, ...]) -> str | None:
        """Index ``doc_id`` and return the most similar earlier id at or above the threshold."""
        signature = tuple(signature)  # stores may hand back lists; band keys must be hashable
        if len(signature) != self.num_perm:
            return None  # no words, or a signature from another configuration: not comparable
        match = self._best_match(doc_id, self._candidates(signature), signature)
        if doc_id not in self._signatures:
            self._signatures[doc_id] = signature
            self._order[doc_id] = len(self._order)
            for band, key in enumerate(self._band_keys(signature)):
                self._buckets[band][key].append(doc_id)
        return match

    def _band_keys(self, signature: tuple[int, ...]) -> Iterable[tuple[int, ...]]:
        for band in range(self.bands):
            yield signature[band * self.rows : (band + 1) * self.rows]

    def _candidates(self, signature: tuple[int, ...]) -> list[str]:
        if self.threshold <= 0:
            return list(self._signatures)
        seen: set[str] = set()
        for band, key in enumerate(self._band_keys(signature)):
            seen.update(self._buckets[band].get(key, ()))
        return sorted(seen, key=self._order.__getitem__)

    def _best_match(self, doc_id: str, candidates: list[str], signature: tuple[int, ...]) -> str | None:
        best_id, best_score = None, -1.0
        for candidate in candidates:
            if candidate == doc_id:
                continue
            score = estimate_jaccard(signature, self._signatures[candidate])
            if score >= self.threshold and score > best_score:
                best_id, best_score = candidate, score
        return best_id
