"""spaCy's attribute ruler with its one-token rules looked up instead of matched.

The English pipelines map every fine-grained tag to its part of speech and features with an
``AttributeRuler``: about 180 Matcher patterns, nearly all of one token with plain equality tests
(``{"TAG": "VBD"}``, ``{"LOWER": "n't", "TAG": "RB"}``). The Matcher tries each pattern at each
token, which made the ruler cost as much as the parser. ``IndexedAttributeRuler`` keeps every
pattern, serialises and reports them as the stock ruler does, and finds the same matches: a rule of
one token whose tests are plain equalities is a dictionary lookup keyed by the token's values; any
other rule (several tokens, operators, sets, regular expressions) still goes to a Matcher. The
matches are then applied exactly as the stock ruler applies them (in rule order, later rules
winning), so every token gets the same tag, part of speech, features and lemma.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
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
        self._other = Matcher(self.vocab)
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
            self._other.add(self.vocab.strings.add(str(rule)), patterns)
            self._others += 1
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
