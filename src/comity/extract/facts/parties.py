"""Who a relationship status is about, read off its clause (``comity.extract.facts.find``).

The parties come from the words around the status, never from what the article is mostly about:

* a compound before it: "the U.S.-Philippines alliance", "the Japan-US alliance";
* "between X and Y" after it (pairs coordinated: "between A and B, and A and C");
* an owner and partners: "X's alliance commitments to Y and Z", "its partnership with X";
* an ally named by apposition or predicate: "X, Y's only ally", "Y's ally, X", "X is Y's
  oldest treaty ally", "X is a treaty ally of Y", "Y allies X and Z", "our X allies";
* "both sides", "the two countries", "our nations": the latest two distinct parties named before;
* else the distinct parties of the clause, then of the sentence; "our"/"we" in an official readout
  is its publishing government (``FactContext.host``).

An organisation (ASEAN, the EU) is a party of its own: its statements are never given to a member.
A status whose parties cannot be told is not a fact (an empty list).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from comity.extract.facts.base import FactContext, clause_of
from comity.records import Mention

__all__ = ["organisation_of", "places_of", "status_parties", "status_wording"]

Place = tuple[int, int, str]  # (start, end, ISO3 or organisation acronym)
_AND = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$|^\s*,\s*(?:the\s+)?$", re.I)
_POSSESSIVE = re.compile(r"^['’]s?$")
_PRONOUN_OWNER = re.compile(r"\b(?:its|their)\s+$", re.I)
_HOST_OWNER = re.compile(r"\b[Oo]ur\s+$")
_LEAD = re.compile(
    r"\s*(?:commitments?\s+|ties\s+|relations(?:hip)?\s+)?(?:with|to)\s+(?:both\s+)?(?:the\s+)?", re.I
)
_BETWEEN = re.compile(
    r"\s*(?:and\s+[\w-]+\s+)?(?:commitments?\s+|ties\s+|relations(?:hip)?\s+)?between\s+", re.I
)
_OF = re.compile(r"\s*(?:of|to|for)\s+(?:the\s+)?", re.I)
_DASH = re.compile(r"^\s?[-–—/]\s?$")
_COMPOUND_NAME = re.compile(r"\s?[-–—]\s?")
_RELATIVE = re.compile(
    r",\s+(?:with|to)\s+(?P<which>which|whom)\s+[^,;]{2,40}?\s+(?:has|have|had)\s+(?:an?\s+|the\s+)?$"
)
_BE = re.compile(
    r"\b(?:are|were|have\s+been|had\s+been|remain|remained|became|become|as)\s+(?:\w+\s+){0,2}$", re.I
)
_APPOSITION_AFTER = re.compile(
    r"(?:,|\s+\()\s*(?:(?:especially|in particular|notably|including|such as)\s+)?", re.I
)


@dataclass(frozen=True, slots=True)
class _Vocab:
    organisations: list[tuple[re.Pattern[str], str]]
    group: re.Pattern[str]
    host: re.Pattern[str]
    modifiers: re.Pattern[str]
    region: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    path = resources.files("comity.extract.facts") / "data" / "parties.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    modifiers = data["wording"]["modifiers"]
    return _Vocab(
        organisations=[(re.compile(rf"(?:{k})", re.I), v) for k, v in data["organisations"].items()],
        group=re.compile(data["group"]["pattern"], re.I),
        host=re.compile(data["host"]["pattern"]),
        modifiers=re.compile(rf"(?:\b(?:{modifiers})\s+|\band\s+(?=(?:{modifiers})\b))+$", re.I),
        region=re.compile(data["wording"]["region"], re.I),
    )


def organisation_of(name: str) -> str | None:
    """The acronym of an organisation named exactly ``name`` (its canonical name or acronym)."""
    return next((code for p, code in _vocab().organisations if p.fullmatch(name.strip())), None)


def places_of(mentions: Iterable[Mention], describe: Callable[[str], str | None]) -> list[Place]:
    """Country-coded mentions and organisation mentions, as (start, end, party); an uncoded
    compound ("U.S.-Philippines") gives each of its parts that ``describe`` codes."""
    out: list[Place] = []
    for m in mentions:
        if m.in_boilerplate:
            continue
        party = m.country or organisation_of(m.canonical or "") or organisation_of(m.text)
        if party:
            out.append((m.start, m.end, party))
        elif _COMPOUND_NAME.search(m.text):
            out += _compound_parts(m, describe)
    return out


def _compound_parts(mention: Mention, describe: Callable[[str], str | None]) -> list[Place]:
    """The coded parts of "U.S.-Philippines" (both, or none: one part alone says no pair)."""
    parts: list[Place] = []
    pos = 0
    for piece in _COMPOUND_NAME.split(mention.text):
        party = organisation_of(piece) or describe(piece)
        if party:
            start = mention.start + mention.text.index(piece, pos)
            parts.append((start, start + len(piece), party))
        pos += len(piece)
    return parts if len(parts) >= 2 else []


def status_wording(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> tuple[int, int]:
    """The status with the modifiers before it ("ironclad", "oldest treaty") and a region after."""
    before = _vocab().modifiers.search(ctx.text, sent[0], span[0])
    start = before.start() if before else span[0]
    after = _vocab().region.match(ctx.text, span[1], sent[1])
    return start, after.end() if after else span[1]


def status_parties(
    ctx: FactContext, span: tuple[int, int], sent: tuple[int, int], *, named: bool = False
) -> list[str]:
    """Subjects ("PHL-USA") of the status worded at ``span``; [] when its parties cannot be told.
    ``named``: the status must be tied to its parties by the words around it ("allies" alone, as
    in "the United States and its allies", is about no pair that can be told)."""
    if re.search(r"\btrilateral\b", ctx.text[span[0] : span[1]], re.I):
        three = list(dict.fromkeys(p[2] for p in _in(ctx, *sent)))
        return _pairs([three]) if len(three) == 3 else []
    for finder in (_compound, _between, _relative, _owned, _ally_of, _listed_allies):
        pairs = finder(ctx, span, sent)
        if pairs:
            return pairs
    if named:
        group = _vocab().group.search(ctx.text, sent[0], span[0])
        return _group(ctx, group.start()) if group else _predicate(ctx, span, sent)
    return _fallback(ctx, span, sent)


def _relative(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    """ "X, with which Y has a treaty alliance": the relative clause's subject and its antecedent."""
    window_start = max(sent[0], span[0] - 80)
    match = _RELATIVE.search(ctx.text[window_start : span[0]])
    if not match:
        return []
    antecedent = _in(ctx, sent[0], window_start + match.start() + 1)
    subject = _in(ctx, window_start + match.end("which"), span[0])
    return _pairs([(antecedent[-1][2], subject[0][2])]) if antecedent and subject else []


def _predicate(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    """ "X and Y have been strategic allies": two coordinated parties as the clause's subject."""
    clause = clause_of(ctx, span[0], *sent)
    match = _BE.search(ctx.text, clause[0], span[0])
    if not match:
        return []
    subject = _in(ctx, sent[0], match.start())
    listed = _coordinated(ctx, subject[0][0], match.start()) if subject else []
    return _pairs([[p[2] for p in listed]]) if len(listed) >= 2 else []


def _subject(parties: Iterable[str]) -> str | None:
    distinct = sorted(set(parties))
    return "-".join(distinct) if len(distinct) >= 2 else None


def _pairs(pairs: Iterable[Iterable[str]]) -> list[str]:
    return list(dict.fromkeys(s for s in (_subject(p) for p in pairs) if s))


def _in(ctx: FactContext, start: int, end: int) -> list[Place]:
    return [p for p in ctx.places if start <= p[0] and p[1] <= end]


def _coordinated(ctx: FactContext, start: int, limit: int) -> list[Place]:
    """Parties listed from ``start`` ("Japan and South Korea", "A, B and C"): the first must
    begin there (after "the"), each next one joined by "and" or a comma."""
    found: list[Place] = []
    pos = start
    for place in sorted(p for p in ctx.places if start <= p[0] < limit):
        gap = ctx.text[pos : place[0]]
        if (found and not _AND.match(gap)) or (not found and gap.strip() not in ("", "the", "The")):
            break
        found.append(place)
        pos = place[1]
    return found


def _compound(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    """ "the U.S.-Philippines alliance": two parties joined by a dash right before the status."""
    near = [
        p for p in _in(ctx, max(sent[0], span[0] - 60), span[0]) if not ctx.text[p[1] : span[0]].strip(" ")
    ]
    if not near:
        return []
    last = near[-1]
    first = [p for p in _in(ctx, sent[0], last[0]) if _DASH.match(ctx.text[p[1] : last[0]])]
    return _pairs([(first[-1][2], last[2])]) if first else []


def _between(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    lead = _BETWEEN.match(ctx.text, span[1], sent[1])
    if not lead:
        return []
    group = _vocab().group.match(ctx.text, lead.end(), sent[1])
    if group or _HOST_OWNER.match(ctx.text[lead.end() : lead.end() + 4] + " "):
        return _group(ctx, lead.end())
    listed = _coordinated(ctx, lead.end(), sent[1])
    if len(listed) >= 4 and len(listed) % 2 == 0:  # "between A and B, and A and C"
        return _pairs((listed[i][2], listed[i + 1][2]) for i in range(0, len(listed), 2))
    return _pairs([[p[2] for p in listed]]) if len(listed) >= 2 else []


def _owner(ctx: FactContext, start: int, sent: tuple[int, int]) -> str | None:
    """The party right before ``start`` as a possessive ("China's", "its", "our")."""
    window = ctx.text[max(sent[0], start - 60) : start]
    if _HOST_OWNER.search(window):
        return ctx.host
    if _PRONOUN_OWNER.search(window):
        return _sentence_subject(ctx, start, sent)
    own = [
        p for p in _in(ctx, sent[0], start) if re.fullmatch(r"['’]s?\s+(?:the\s+)?", ctx.text[p[1] : start])
    ]
    return own[-1][2] if own else None


def _sentence_subject(ctx: FactContext, pos: int, sent: tuple[int, int]) -> str | None:
    """What "its"/"their" refers to: the first party of the sentence, else of the sentence before."""
    here = _in(ctx, sent[0], pos)
    if here:
        return here[0][2]
    earlier = [p for p in ctx.places if p[1] <= sent[0]]
    return earlier[-1][2] if earlier else None


def _owned(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    """ "X's alliance commitments to Y and Z", "its partnership with X", "both have a treaty with X"."""
    lead = _LEAD.match(ctx.text, span[1], sent[1])
    if not lead:
        return []
    partners = _coordinated(ctx, lead.end(), sent[1])
    if not partners:
        return []
    owner = _owner(ctx, span[0], sent)
    clause = clause_of(ctx, span[0], *sent)
    group = _vocab().group.search(ctx.text, sent[0], span[0])
    owners = _group_parties(ctx, group.start()) if group and owner is None else []
    if owner is None and not owners:
        before = [p[2] for p in _in(ctx, clause[0], span[0]) if p[2] not in {q[2] for q in partners}]
        before = before or [p[2] for p in _in(ctx, sent[0], span[0]) if p[2] not in {q[2] for q in partners}]
        owner = before[0] if before else ctx.host
    owners = owners or ([owner] if owner else [])
    return _pairs((o, p[2]) for o in owners for p in partners)


def _ally_of(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    """ "X, Y's only ally", "Y's ally, X", "X is Y's oldest treaty ally", "X is an ally of Y"."""
    owner = _owner(ctx, span[0], sent)
    if owner is None:
        lead = _OF.match(ctx.text, span[1], sent[1])
        after = _coordinated(ctx, lead.end(), sent[1]) if lead else []
        owner = after[0][2] if after else None
        if owner is None:
            return []
    lead = _APPOSITION_AFTER.match(ctx.text, span[1], sent[1])
    after = _coordinated(ctx, lead.end(), sent[1]) if lead and lead.end() > span[1] else []
    if after:
        return _pairs((owner, p[2]) for p in after)
    if ctx.text[span[0] : span[1]].lower().endswith(("allies", "alliances")):
        return []  # "its allies": which ones, the clause does not say
    before = [p[2] for p in _in(ctx, sent[0], span[0]) if p[2] != owner]
    if not before:
        before = [p[2] for p in _in(ctx, span[1], sent[1]) if p[2] != owner]
    return _pairs([(owner, before[-1 if _appositive(ctx, span, sent) else 0])]) if before else []


def _appositive(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> bool:
    """Does a comma stand right before the status's owner ("China, North Korea's ally")?"""
    window = ctx.text[max(sent[0], span[0] - 60) : span[0]]
    return bool(re.search(r",\s+(?:[\w.’'-]+\s+){0,4}$", window))


def _listed_allies(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    """ "U.S. allies Japan and South Korea", "our Philippine allies": an adjective of one party
    before the status; the other listed right after it, else the voice of "our"."""
    near = [p for p in _in(ctx, max(sent[0], span[0] - 30), span[0]) if not ctx.text[p[1] : span[0]].strip()]
    if not near:
        return []
    adjective = near[-1]
    listed = _coordinated(ctx, span[1] + 1, sent[1]) if ctx.text[span[1] : span[1] + 1] == " " else []
    if listed:
        return _pairs((adjective[2], p[2]) for p in listed)
    owner = _owner(ctx, adjective[0], sent)
    return _pairs([(owner, adjective[2])]) if owner else []


def _group_parties(ctx: FactContext, at: int) -> list[str]:
    """The latest two distinct countries named before ``at``, in text order ("both countries"
    are never an organisation)."""
    organisations = {code for _, code in _vocab().organisations}
    found: list[str] = []
    for _, _, party in sorted((p for p in ctx.places if p[1] <= at), reverse=True):
        if party not in found and party not in organisations:
            found.append(party)
        if len(found) == 2:
            break
    return found[::-1] if len(found) == 2 else []


def _group(ctx: FactContext, at: int) -> list[str]:
    return _pairs([_group_parties(ctx, at)])


def _fallback(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> list[str]:
    clause = clause_of(ctx, span[0], *sent)
    group = _vocab().group.search(ctx.text, sent[0], sent[1])
    if group:
        return _group(ctx, group.start())
    for start, end in (clause, sent):
        parties = list(dict.fromkeys(p[2] for p in _in(ctx, start, end)))
        if len(parties) >= 2:
            return _pairs([parties[:2]])
    parties = list(dict.fromkeys(p[2] for p in _in(ctx, *sent)))
    if len(parties) == 1 and ctx.host and _vocab().host.search(ctx.text, sent[0], sent[1]):
        return _pairs([(ctx.host, parties[0])])
    return [] if parties else _group(ctx, sent[0])  # naming no one, it goes on about the last pair
