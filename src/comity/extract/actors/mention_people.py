"""Person mentions the hand-written KB left uncoded, resolved through the world KB in their document.

Run by ``mentions_from_doc`` after the hand-written KB has coded what it knows (its codings are never
changed here). For each uncoded person mention, in text order:

1. an honorific inside the mention ("Mr Xi") is set aside, and the rest asked of the hand-written KB;
2. a one-word name ("Sullivan", "Mr. Sullivan") is the one earlier person whose name holds that word
   (``coreference``: the article told us who first);
3. otherwise the world KB at the article's date (``people.match_person``), with the clues written just
   before the name: the title ("Premier", "Defense Secretary"), an honorific, a country word
   ("Chinese Premier Li"), "former"; and the countries the document names (a short name is only
   resolved to a person of one of them).

A mention that spaCy labelled otherwise but that the world KB lists only as a person's name ("Cui
Tiankai" or "Kuleba" taken for a place), or one word of an earlier person's name ("Kuleba" after
"Dmytro Kuleba"), becomes a PERSON mention and is resolved the same way (it stays as it was when
no one is found).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from comity.extract.actors.kb import ActorKB, person_ref
from comity.extract.actors.people import (
    FULL_FORMS,
    Clues,
    honorific_genders,
    match_person,
    title_in,
    title_words,
    titles,
)
from comity.extract.actors.world.index import ascii_fold
from comity.extract.lexicon import lexicon
from comity.nlp import doc_text, doc_tokens, sentence_token_bounds
from comity.records import ActorRef, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CONFIDENCE", "resolve_people"]

#: Confidence of each way the world KB resolves a name (see ``people``); ``coreference`` as in mentions.
CONFIDENCE = {"exact": 1.0, "alias": 0.95, "title_country": 0.85, "alias_at_date": 0.8, "coreference": 0.8}
#: Words looked at before a name, at most.
CLUE_WINDOW = 8
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_JOINERS = frozenset({"of", "for"})
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "then"})
_PRONOUNS = lexicon("person_pronouns") | lexicon("group_pronouns")
_COUNTRY_KINDS = frozenset({"country", "adjective", "capital"})
_WORD = re.compile(r"[^\W_]+")
_SUFFIXES = lexicon("name_suffixes")
#: "Ferdinand Marcos, Jr.": spaCy ends the name at the comma, the world KB knows it with the suffix
_SUFFIX_AFTER = re.compile(r",?[ \t]*([A-Za-z]{1,3})\.?(?![\w])")


@functools.cache
def _title_vocabulary() -> frozenset[str]:
    """Lower-case words that may be part of a title before a name ("defence minister X")."""
    words = {w for t in titles() for w in t.split()}
    return frozenset(words | set(title_words()))


def _words(text: str) -> list[str]:
    return _WORD.findall(ascii_fold(text).lower())


def _clue_run(doc: Doc, mention: Mention, kb: ActorKB) -> list[str]:
    """The tokens just before the mention that may be a title, a country word or an honorific."""
    text, lower, idx, punct = doc_tokens(doc)
    first = bisect.bisect_left(idx, mention.start)
    sentences = sentence_token_bounds(doc)
    floor = sentences[mention.sentence][0] if mention.sentence < len(sentences) else 0
    vocabulary = _title_vocabulary()

    def titleish(j: int) -> bool:  # capitalised, or a word of a title or a role noun
        low = lower[j].rstrip(".")
        return (
            text[j][:1].isupper() or low in vocabulary or (not punct[j] and kb.role_sector(low) is not None)
        )

    run: list[str] = []
    j = first - 1
    while j >= max(floor, first - CLUE_WINDOW):
        joiner = lower[j] in _JOINERS and j > floor and titleish(j - 1)  # "Secretary of State"
        if not (text[j] in _POSSESSIVE or text[j] == "-" or joiner or titleish(j)):
            break
        run.insert(0, text[j])
        j -= 1
    while run and (run[0].lower() in _JOINERS or run[0] in _POSSESSIVE or run[0] == "-"):
        run.pop(0)
    return run


def _country_at(run: list[str], kb: ActorKB) -> tuple[str | None, int]:
    """The last country word of the run (name, adjective or capital) and where the title after it starts."""
    for start in range(len(run) - 1, -1, -1):
        for end in range(min(len(run), start + 3), start, -1):
            piece = " ".join(run[start:end])
            if kb.kind(piece) in _COUNTRY_KINDS:
                found = kb.lookup(piece)
                return (found.country if found else None), end
    return None, 0


def clues_before(doc: Doc, mention: Mention, kb: ActorKB, named: frozenset[str] | None) -> Clues:
    """The title, honorific, country word and "former" written just before ``mention``."""
    run = _clue_run(doc, mention, kb)
    genders = honorific_genders()
    gender = genders.get(run[-1].lower().rstrip(".")) if run else None
    if gender is not None:
        run = run[:-1]
    former = any(w.lower().rstrip(".") in title_words() and title_words()[w.lower().rstrip(".")] == "former"
                 for w in run)  # fmt: skip
    country, after = _country_at(run, kb)
    words = [w for w in _words(" ".join(run[after:])) if title_words().get(w) != "former" and w != "then"]
    title, start = title_in(words)
    text = "" if title is not None else " ".join(words[start:] if start < len(words) else words)
    return Clues(title, text, country, gender, former, named)


def country_after(doc: Doc, mention: Mention, kb: ActorKB) -> str | None:
    """The country of an appositive right after the name: "Cui Tiankai, China's ambassador",
    "Mr Lin, an American pastor", "Jaime FlorCruz, Philippine ambassador to China"."""
    text, lower, idx, punct = doc_tokens(doc)
    j = bisect.bisect_left(idx, mention.end)
    if j >= len(text) or text[j] != ",":
        return None
    j += 1
    if j < len(text) and lower[j] in _APPOSITIVE_OPENERS:
        j += 1
    for end in range(min(len(text), j + 3), j, -1):
        kind = kb.kind(" ".join(text[j:end]))
        possessive = end < len(text) and text[end] in _POSSESSIVE
        # a demonym, or a name with 's: "a North Korea expert" is about the country, not from it
        if not punct[j] and (kind == "adjective" or (kind in _COUNTRY_KINDS and possessive)):
            found = kb.lookup(" ".join(text[j:end]))
            return found.country if found else None
    return None


def _split_honorific(text: str) -> tuple[str, str | None]:
    """ "Mr Xi" -> ("Xi", "male"); a name without one is returned as it is."""
    head, _, rest = text.partition(" ")
    gender = honorific_genders().get(head.lower().rstrip("."))
    return (rest, gender) if gender and rest else (text, None)


def _name_words(text: str) -> set[str]:
    """The words of a name, honorifics left out ("Mr Xi" -> {"xi"})."""
    return {w for w in _words(text) if w not in honorific_genders()}


class _EarlierPeople:
    """The mentions resolved so far that may be people, indexed by the words of their names, so that
    a surname is looked up among the earlier people who carry it, not among every earlier mention."""

    def __init__(self) -> None:
        self.by_word: dict[str, list[Mention]] = {}

    def add(self, mention: Mention) -> None:
        if _may_be_person(mention):
            for word in _name_words(mention.canonical or "") | _name_words(mention.text):
                self.by_word.setdefault(word, []).append(mention)

    def holding(self, words: set[str]) -> list[Mention]:
        """The earlier people whose canonical name or text holds all of ``words``, in text order."""
        if not words:
            return []
        candidates = self.by_word.get(next(iter(words)), [])
        return [
            m for m in candidates if words <= _name_words(m.canonical or "") or words <= _name_words(m.text)
        ]


def _earlier(name: str, earlier: _EarlierPeople) -> tuple[bool, Mention | None]:
    """Whether an earlier mention of a person names holds the one word ``name`` ("Lin" after "David Lin"),
    and the one coding such earlier mentions were given (None when none or several were)."""
    people = earlier.holding(_name_words(name))
    codings = {(m.canonical, m.country, m.sector): m for m in people if m.country or m.canonical}
    return bool(people), (next(iter(codings.values())) if len(codings) == 1 else None)


def _may_be_person(mention: Mention) -> bool:
    """A person mention, or an unknown name of two words or more that spaCy labelled otherwise."""
    unknown = mention.canonical is None and mention.country is None and mention.code is None
    return mention.label == "PERSON" or (unknown and len(_name_words(mention.text)) >= 2)


def _coded(mention: Mention, ref: ActorRef, resolution: str) -> Mention:
    return replace(
        mention, label="PERSON", canonical=ref.name, country=ref.country, sector=ref.sector, code=ref.code,
        resolution=resolution, confidence=CONFIDENCE.get(resolution), flags=(),
    )  # fmt: skip


def _is_person_name(kb: ActorKB, text: str, forms: frozenset[str]) -> bool:
    """Whether ``text`` is a person's name in the hand-written KB, or listed in the world KB only as
    people's names of these ``forms``, never as a place or an organisation the hand-written KB knows."""
    world = kb.world
    if world is None or not text[:1].isupper():
        return False
    kind = kb.kind(text)
    if kind is not None:
        return kind == "person"
    listed = {a.form for a in world.aliases_for(text)}
    return bool(listed) and listed <= forms


def _person_name(kb: ActorKB, text: str) -> str | None:
    """The person's name a mention that spaCy labelled otherwise holds: all of it ("Cui Tiankai",
    "Kuleba"), or its last two or three words after a title ("Defense Lloyd Austin")."""
    if _is_person_name(kb, text, FULL_FORMS | {"surname"}):
        return text
    words = text.split()
    for size in (3, 2):
        if len(words) > size and _is_person_name(kb, " ".join(words[-size:]), FULL_FORMS):
            return " ".join(words[-size:])
    return None


def _resolve(
    mention: Mention, out: _EarlierPeople, doc: Doc, kb: ActorKB, date: str | None, named: frozenset[str]
) -> Mention:
    if mention.in_boilerplate or mention.canonical is not None:
        return mention
    if not _is_name(mention.text):
        return mention
    if mention.label != "PERSON":
        if mention.country is not None or mention.code is not None:
            return mention
        if len(_words(mention.text)) == 1:
            _, before = _earlier(mention.text, out)  # "Kuleba" after "Dmytro Kuleba", whatever spaCy said
            if before is not None:
                ref = ActorRef(mention.text, before.canonical, before.country, before.sector, before.code)
                return _coded(mention, ref, "coreference")
    text = mention.text if mention.label == "PERSON" else _person_name(kb, mention.text)
    if text is None:
        return mention
    name, gender = _split_honorific(text)
    if not _name_words(name):
        return mention  # an honorific alone ("Mr" cut from its name)
    if name != mention.text:  # "Mr Xi", "Defense Lloyd Austin": the name inside the mention
        hand = kb.lookup(name, date=date)
        if hand is not None:
            same = hand.name is not None and _words(name) == _words(hand.name)
            return _coded(mention, hand, "exact" if same else "alias")
    named_before = False
    if len(_words(name)) == 1:
        named_before, before = _earlier(name, out)
        if before is not None:
            ref = ActorRef(mention.text, before.canonical, before.country, before.sector, before.code)
            return _coded(mention, ref, "coreference")
    clues = clues_before(doc, mention, kb, named)
    if clues.country is None:
        after = country_after(doc, mention, kb)
        clues = replace(clues, country=after, appositive=True) if after else clues
    if gender is not None:
        clues = replace(clues, gender=gender)
    world = kb.world
    # a short name of someone the article named before, whom no KB knows, is that person: nobody else
    found = None
    if world is not None and not named_before:
        suffixed = _suffixed(doc, mention, name)
        found = match_person(world, suffixed, date, clues) if suffixed else None
        found = found or match_person(world, name, date, clues)
    if found is not None:
        return _coded(mention, person_ref(kb, mention.text, found.name, found, date), found.basis)
    if clues.country is not None and mention.label == "PERSON" and _titled(clues, kb):
        return _coded(mention, _described(mention.text, clues, kb), "role")
    return mention


def _suffixed(doc: Doc, mention: Mention, name: str) -> str | None:
    """``name`` with the generational suffix written right after the mention ("Ferdinand Marcos,
    Jr." -> "Ferdinand Marcos Jr."), or None."""
    after = _SUFFIX_AFTER.match(doc_text(doc), mention.end)
    if after is None or after.group(1).lower() not in _SUFFIXES:
        return None
    return f"{name} {after.group(1)}."


def _is_name(text: str) -> bool:
    """Not a pronoun or a stray letter that spaCy took for a name ("He", "A")."""
    words = _words(text)
    return bool(words) and not (len(words) == 1 and (len(words[0]) < 2 or words[0] in _PRONOUNS))


def _titled(clues: Clues, kb: ActorKB) -> bool:
    """Whether the country word came with a title or a role noun ("Philippine ambassador X")."""
    if clues.title is not None or clues.appositive:
        return True
    return any(kb.role_sector(w) is not None for w in clues.title_text.split())


def _described(text: str, clues: Clues, kb: ActorKB) -> ActorRef:
    """A person the KBs do not know, coded from the country word with their title or description
    ("Philippine ambassador Jaime FlorCruz", "Mr Lin, an American pastor"): no canonical name."""
    sector = None
    if clues.title is not None and clues.title.sector:
        sector = clues.title.sector
    elif clues.title is not None or clues.title_text:
        sector = kb.role_sector((clues.title.title if clues.title else clues.title_text).split()[-1])
    code = (clues.country or "") + (sector or "")
    return ActorRef(text, None, clues.country, sector, code)


def resolve_people(mentions: list[Mention], doc: Doc, kb: ActorKB, date: str | None) -> list[Mention]:
    """``mentions`` with the uncoded person names resolved through the world KB (see the module doc)."""
    if kb.world is None:
        return mentions
    named = frozenset(
        m.country for m in mentions if m.country and not m.in_boilerplate and m.label != "PERSON"
    )
    out: list[Mention] = []
    earlier = _EarlierPeople()
    for mention in mentions:
        out.append(resolved := _resolve(mention, earlier, doc, kb, date, named))
        earlier.add(resolved)
    return out
