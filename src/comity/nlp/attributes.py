"""spaCy's attribute ruler with its rules looked up instead of matched.

The English pipelines map every fine-grained tag to its part of speech and features with an
``AttributeRuler``: about 180 Matcher patterns, nearly all of one token with plain tests
(``{"TAG": "VBD"}``, ``{"LOWER": "n't", "TAG": "RB"}``). The Matcher tries each pattern at each
token, which made the ruler cost as much as the parser. ``IndexedAttributeRuler`` keeps every
pattern, serialises and reports them as the stock ruler does, and finds the same matches: a rule of
one token whose tests are equalities, ``IN`` and ``NOT_IN`` sets is a dictionary lookup keyed by
the token's values; a rule over a few consecutive tokens (with ``REGEX`` tests too) is checked
where its first token can match; only a rule with operators (``OP``) still goes to a Matcher. The
matches are applied exactly as the stock ruler applies them (in rule order, later rules winning),
so every token gets the same tag, part of speech, features and lemma.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

INDEXED_ATTRIBUTE_RULER = "comity_indexed_attribute_ruler"

#: The token attributes a lookup can test: string-valued ones (compared as hashes) and a flag.
_STRING_ATTRS = ("ORTH", "LOWER", "TAG", "DEP")
_FLAG_ATTRS = ("IS_SPACE",)
_ORDER = _STRING_ATTRS + _FLAG_ATTRS

#: A one-token rule as lookups: the attributes tested for equality (names in ``_ORDER``), the
#: values that match (one tuple per combination of an ``IN`` set), and values a ``NOT_IN`` forbids.
Exclusions = tuple[tuple[str, frozenset[int]], ...]
Lookup = tuple[tuple[str, ...], list[tuple[int, ...]], Exclusions]
#: (attribute names) -> (their values -> [(rule number, exclusions)], in the order added)
_Tables = dict[tuple[str, ...], dict[tuple[int, ...], list[tuple[int, Exclusions]]]]


@dataclass(frozen=True)
class _Test:
    """One test on one token: its ``_ORDER`` column's value is (not) in ``values``, or its
    string matches ``regex`` (``re.search``, as the Matcher's REGEX)."""

    column: int
    values: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None

    def passes(self, value: int, vocab: Vocab) -> bool:
        if self.regex is not None:
            return self.regex.search(vocab.strings[value]) is not None
        return (value in self.values) != self.negated


#: A rule over consecutive tokens, without operators: the tests of each token.
Sequence = tuple[tuple[_Test, ...], ...]
#: What ``AttributeRuler.match`` returns: (rule number, match id, start, end), sorted.
Match = tuple[int, int, int, int]


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose plain one-token rules are found by lookup (see the module)."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset_index()

    def _reset_index(self) -> None:
        self._tables: _Tables = {}
        self._ids: list[int] = []  # each rule's match id, as the stock ruler's Matcher keys it
        self._sequences: list[tuple[int, Sequence]] = []  # rules of tests on consecutive tokens
        self._other = Matcher(self.vocab)  # rules with operators: the Matcher's own business
        self._others = 0

    def clear(self) -> None:
        super().clear()
        self._reset_index()

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        patterns = list(patterns)
        rule = len(self.attrs)
        super().add(patterns, attrs, index)
        self._ids.append(int(self.vocab.strings.add(str(rule))))
        lookups = [_lookup(pattern, self.vocab) for pattern in patterns]
        if any(lookup is None for lookup in lookups):
            sequences = [_sequence(pattern, self.vocab) for pattern in patterns]
            if any(sequence is None for sequence in sequences):
                self._other.add(self.vocab.strings.add(str(rule)), patterns)
                self._others += 1
            else:
                self._sequences.extend((rule, sequence) for sequence in sequences if sequence is not None)
            return
        for lookup in lookups:
            assert lookup is not None  # for mypy: checked just above
            names, keys, exclusions = lookup
            table = self._tables.setdefault(names, defaultdict(list))
            for key in keys:
                table[key].append((rule, exclusions))

    def match(self, doc: Doc) -> list[Match]:
        found: list[Match] = []
        if self._tables and len(doc):
            ids = self._ids
            columns = doc.to_array(list(_ORDER))
            for names, table in self._tables.items():
                found.extend(_lookups(columns, names, table, ids))
            for rule, sequence in self._sequences:
                found.extend(
                    (rule, ids[rule], i, i + len(sequence)) for i in _starts(columns, sequence, self.vocab)
                )
        if self._others:
            for match_id, start, end in self._other(doc, allow_missing=True, as_spans=False):
                found.append((int(self.vocab.strings[match_id]), match_id, start, end))
        found.sort()
        return found

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        """Apply ``matches`` in order, as the stock ruler does, without a ``Span`` per match."""
        for rule, _, start, end in matches:
            index = self.indices[rule]
            token = start + index if index >= 0 else end + index
            if not start <= token < end:
                raise ValueError(
                    f"attribute rule {rule} sets token {index} of a match of {end - start} token(s) "
                    f"({doc[start:end].text!r}): the index lies outside the match"
                )
            set_token_attrs(doc[token], self.attrs[rule])


def _lookups(
    columns: npt.NDArray[Any],
    names: tuple[str, ...],
    table: dict[tuple[int, ...], list[tuple[int, Exclusions]]],
    ids: list[int],
) -> Iterator[Match]:
    """The one-token matches of the rules that test ``names``: tokens whose first tested value
    is some rule's are picked out at once (most tokens are no rule's), then looked up whole."""
    where = [_ORDER.index(name) for name in names]
    firsts = np.fromiter({key[0] for key in table}, dtype=np.uint64)
    picked = np.flatnonzero(np.isin(columns[:, where[0]], firsts))
    for i, row in zip(picked.tolist(), columns[picked].tolist(), strict=True):
        for rule, exclusions in table.get(tuple(row[w] for w in where), ()):
            if not any(row[_ORDER.index(name)] in banned for name, banned in exclusions):
                yield rule, ids[rule], i, i + 1


def _lookup(pattern: Any, vocab: Vocab) -> Lookup | None:
    """A one-token rule of equality, ``IN`` and ``NOT_IN`` tests as lookups (see ``Lookup``); None
    for any other rule, or one with no equality or ``IN`` test to look up by."""
    if not isinstance(pattern, list) or len(pattern) != 1 or not isinstance(pattern[0], dict):
        return None
    choices: dict[str, list[int]] = {}
    exclusions: list[tuple[str, frozenset[int]]] = []
    for raw_name, test in pattern[0].items():
        name = raw_name.upper() if isinstance(raw_name, str) else None
        if name not in _ORDER:
            return None
        if isinstance(test, dict) and len(test) == 1 and ("IN" in test or "NOT_IN" in test):
            op, values = next(iter(test.items()))
            hashes = [_value(name, v, vocab) for v in values] if isinstance(values, list) else [None]
            if any(h is None for h in hashes):
                return None
            if op == "IN":
                choices[name] = list(dict.fromkeys(h for h in hashes if h is not None))
            else:
                exclusions.append((name, frozenset(h for h in hashes if h is not None)))
            continue
        value = _value(name, test, vocab)
        if value is None:
            return None
        choices[name] = [value]
    if not choices:
        return None
    names = tuple(n for n in _ORDER if n in choices)
    return names, [tuple(key) for key in itertools.product(*(choices[n] for n in names))], tuple(exclusions)


def _value(name: str, value: Any, vocab: Vocab) -> int | None:
    """The number a token's ``name`` column holds when it equals ``value``; None if not comparable."""
    if name in _STRING_ATTRS and isinstance(value, str):
        return int(vocab.strings.add(value))
    if name in _FLAG_ATTRS and isinstance(value, bool):
        return int(value)
    return None


def _sequence(pattern: Any, vocab: Vocab) -> Sequence | None:
    """A rule as the tests of each of its tokens; None when one has an operator or a test other
    than equality, ``IN``, ``NOT_IN`` or ``REGEX`` on the attributes in ``_ORDER``."""
    if not isinstance(pattern, list) or not pattern:
        return None
    tokens = []
    for spec in pattern:
        if not isinstance(spec, dict):
            return None
        tests = [_test(name, test, vocab) for name, test in spec.items()]
        if any(test is None for test in tests):
            return None
        tokens.append(tuple(test for test in tests if test is not None))
    return tuple(tokens)


def _test(raw_name: Any, test: Any, vocab: Vocab) -> _Test | None:
    name = raw_name.upper() if isinstance(raw_name, str) else None
    if name not in _ORDER:
        return None
    column = _ORDER.index(name)
    if isinstance(test, dict) and len(test) == 1:
        op, operand = next(iter(test.items()))
        if op == "REGEX" and name in _STRING_ATTRS and isinstance(operand, str):
            return _Test(column, regex=re.compile(operand))
        if op in ("IN", "NOT_IN") and isinstance(operand, list):
            hashes = [_value(name, v, vocab) for v in operand]
            if any(h is None for h in hashes):
                return None
            return _Test(column, frozenset(h for h in hashes if h is not None), negated=op == "NOT_IN")
        return None
    value = _value(name, test, vocab)
    return None if value is None else _Test(column, frozenset({value}))


def _starts(columns: npt.NDArray[Any], sequence: Sequence, vocab: Vocab) -> Iterator[int]:
    """Every token where ``sequence`` matches, overlapping matches included (as the Matcher
    finds them): positions the first token's tests allow are picked out at once."""
    n, width = len(columns), len(sequence)
    possible = np.ones(n - width + 1 if n >= width else 0, dtype=bool)
    for test in sequence[0]:
        column = columns[: len(possible), test.column]
        if test.regex is not None:
            found = [v for v in np.unique(column).tolist() if test.passes(v, vocab)]
            possible &= np.isin(column, np.array(found, dtype=np.uint64))
        elif not test.negated:
            possible &= np.isin(column, np.fromiter(test.values, dtype=np.uint64))
    for i in np.flatnonzero(possible).tolist():
        rows = columns[i : i + width].tolist()
        if all(
            t.passes(row[t.column], vocab) for row, tests in zip(rows, sequence, strict=True) for t in tests
        ):
            yield i


@Language.factory(INDEXED_ATTRIBUTE_RULER)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Swap the stock attribute ruler ``name`` of ``nlp`` (if any) for an ``IndexedAttributeRuler``
    holding the same rules, at the same place and under the same name."""
    if name not in nlp.pipe_names or type(nlp.get_pipe(name)) is not AttributeRuler:
        return
    rules = nlp.get_pipe(name).patterns  # type: ignore[attr-defined]
    indexed = nlp.replace_pipe(name, INDEXED_ATTRIBUTE_RULER)
    indexed.add_patterns(rules)  # type: ignore[attr-defined]
