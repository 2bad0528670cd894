"""Titles and names of persons, and the publisher of a readout: the text rules the actor tracker
(``tracker.py``) keys persons by (not a stable API).

``title_keys`` turns a title ("U.S. Vice President", "Japan's prime minister") into the keys under
which a later "the Vice President" or "the prime minister" finds its holder; ``name_words`` gives
the words a person may be called by later ("Mr. Lam"); ``readout_host`` reads the government that
publishes an official readout off its outlet.
"""

from __future__ import annotations

import re

from comity.extract.actors.kb import ActorKB, normalize
from comity.extract.lexicon import lexicon
from comity.records import ActorRef

__all__ = ["NAME_PARTICLES", "SPLIT", "name_like", "name_words", "readout_host", "title_keys"]

#: Words that make a title another office: "vice president" is no "president".
SUBORDINATE_TITLE_WORDS = lexicon("subordinate_title_words")
HONORIFICS = lexicon("honorifics")
#: Words of a name that name no one by themselves: "Mr.", "Jr.".
NAME_PARTICLES = HONORIFICS | lexicon("name_suffixes")
SPLIT = re.compile(r"[\s,]+")
_COUNTRY_KINDS = frozenset({"country", "adjective", "capital"})


def title_keys(title: str, kb: ActorKB) -> tuple[str, ...]:
    """Keys under which a holder of ``title`` is found again, most specific first: country words
    and articles dropped, then shorter tails that name the same office ("Chinese Foreign Ministry
    spokeswoman" -> "foreign ministry spokeswoman", "ministry spokeswoman", "spokeswoman"), but no
    tail past a word that makes it another office ("Vice President" gives only "vice president").
    "Secretary of State" gives "secretary of state" and "secretary".

    >>> from comity.extract.actors.kb import load_kb
    >>> title_keys("the U.S. Vice President", load_kb())
    ('vice president',)
    >>> title_keys("Japan's prime minister", load_kb())
    ('prime minister', 'minister')
    """
    head, _, rest = normalize(title).lower().partition(" of ")
    words = _title_words(head, kb)
    if not words:
        return ()
    keys = []
    rest_words = rest.split()
    if rest_words and len(rest_words) <= 3 and not any(kb.kind(w) in _COUNTRY_KINDS for w in rest_words):
        keys.append(" ".join([*words, "of", *rest_words]))
    for i in range(len(words)):
        if any(w in SUBORDINATE_TITLE_WORDS for w in words[:i]):
            break
        keys.append(" ".join(words[i:]))
    return tuple(keys)


def _title_words(head: str, kb: ActorKB) -> list[str]:
    """The trailing words of a title before any country word: "south korea's prime minister" ->
    ["prime", "minister"]; a "then-" or "ex-" prefix is split off as its own word."""
    words = [w for w in re.split(r"[\s]+|(?<=^then)-|(?<=^ex)-", head) if w]
    out: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i].strip(".,;:'\"()")
        pair = f"{words[i - 1]} {words[i]}" if i else ""
        if (
            not word.isalpha()
            or kb.kind(word) in _COUNTRY_KINDS
            or (pair and kb.kind(pair) in _COUNTRY_KINDS)
        ):
            break
        if word in {"the", "a", "an"}:
            break
        if word not in HONORIFICS:
            out.append(word)
    return out[::-1]


def name_words(ref: ActorRef) -> set[str]:
    """The words a person may be named by later: each word of the text and canonical name
    ("Joseph R. Biden, Jr." -> joseph, biden), lowercased, without initials or suffixes."""
    out: set[str] = set()
    for name in (ref.text, ref.name or ""):
        for word in SPLIT.split(normalize(name).lower()):
            word = word.strip(".'")
            if len(word) > 1 and word not in NAME_PARTICLES:
                out.add(word)
    return out


def readout_host(outlet: str | None, kb: ActorKB) -> ActorRef | None:
    """The government that publishes an official text, read off its outlet: "The White House
    (U.S. government)" or "Ministry of Foreign Affairs of Japan" -> that country's government;
    a news outlet (no government body named) -> None.

    >>> from comity.extract.actors.kb import load_kb
    >>> readout_host("The White House (U.S. government; public domain)", load_kb()).code
    'USAGOV'
    >>> readout_host("Reuters", load_kb()) is None
    True
    """
    if not outlet:
        return None
    plain = re.sub(r"[()\[\];,]", " ", outlet)
    described = kb.describe(plain)
    if described is None or described.country is None or described.sector != "GOV":
        return None
    return kb.country(described.country)


def name_like(text: str) -> bool:
    """Does an uncoded "person" look like a name ("Binyamin Netanyahu"), not a mislabelled
    term ("COVID-19", "APEChottie")? No digits; each word capitalised, at most two capitals."""
    words = text.split()
    return bool(words) and all(
        w[:1].isupper() and not any(ch.isdigit() for ch in w) and sum(ch.isupper() for ch in w) <= 2
        for w in words
    )
