"""Document-level actor tracker: what a later reference to an actor means (not a stable API).

The event coder (``events/args.py``) feeds it every actor mention and country-coded description of
one document in text order (``add``, each a ``Referent``: its coding, its title keys, whether it is
a person and a clause subject), then asks what a reference at a text offset means:

* ``add`` itself: a person's short name ("Lam", "Mr. Sullivan") that the KB cannot code is the
  latest person named before with that name word, and takes that person's coding and titles;
* ``person``: "he"/"she"/"his"/"her" is the salient person: a person subject earlier in the same
  sentence, else the subject of one of the two sentences before, else the latest person named;
* ``described``: a description without a country ("the President", "the Vice President", "the
  government") is the latest referent holding that title; failing that, in an official readout the
  publishing government's office holder (``host_holder``), in other articles, for a body of the
  state ("the government", "the navy"), the article's country in focus (the one it names most
  often up to there);
* ``group``: "the two leaders", "both presidents", "the three Leaders" are the latest persons
  (with that title) of distinct countries; "both sides", "the two countries", "the allies" the latest
  distinct countries, as governments;
* ``host``: the publishing government of an official readout (``readout_host``), for "we"/"our"
  in the readout's own voice;
* ``counterpart``: the other side of the meeting the text told last (``meeting``), for a talk
  whose other side goes unnamed ("The Vice President discussed ..." after "X met with Y").

Every answer is a ``Resolution`` recording its basis and antecedents, for explanation. A query is
a dictionary look-up with a binary search, or a walk back bounded by a constant: the tracker is
linear in the number of mentions.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from comity.extract.actors.kb import ActorKB, normalize
from comity.extract.actors.titles import (
    NAME_PARTICLES,
    SPLIT,
    name_like,
    name_words,
    readout_host,
    title_keys,
)
from comity.extract.lexicon import lexicon
from comity.records import ActorRef

__all__ = ["ActorTracker", "Referent", "Resolution", "person_key", "readout_host", "title_keys"]

#: Bodies of a state that a news article may name without a country ("the government").
STATE_INSTITUTIONS = lexicon("state_institution_nouns")
_WALK = 64  # how far back a group or pronoun walk may look, in referents: a constant bound
_SUBJECT_SENTENCES = 1  # "he" prefers a person subject of the sentence before it


@dataclass(frozen=True, slots=True)
class Referent:
    """One actor mention or country-coded description, as the tracker records it."""

    start: int
    end: int
    sentence: int
    ref: ActorRef
    person: bool = False
    titles: tuple[str, ...] = ()  # see ``title_keys``
    subject: bool = False  # the head of a clause subject
    place: bool = False  # named as where something happens ("in Bangkok, Thailand"): no actor in focus
    quoted: bool = False  # inside quotation marks


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a reference means: its actors and why (``basis``, ``antecedents``)."""

    actors: tuple[ActorRef, ...]
    basis: str  # name | pronoun | description | group | readout host
    antecedents: tuple[str, ...] = ()

    def explain(self) -> str:
        """ "pronoun <- Wang Yi", "group <- Biden, Xi", "readout host"."""
        return f"{self.basis} <- {', '.join(self.antecedents)}" if self.antecedents else self.basis


class ActorTracker:
    """The actors of one document, fed in text order; see the module docstring."""

    def __init__(self, kb: ActorKB, date: str | None, host: ActorRef | None = None) -> None:
        self.kb = kb
        self.date = date
        self.host = host
        self._items: list[Referent] = []
        self._ends: list[int] = []
        self._prev_person: list[int] = []  # per item: the latest person item at or before it (-1)
        self._by_title: dict[str, list[int]] = {}
        self._by_name: dict[str, list[int]] = {}
        self._titles_of: dict[str, tuple[str, ...]] = {}  # person key -> titles seen so far
        self._mentions_of: dict[str, int] = {}  # country -> how often named so far (places excepted)
        self._focus: list[str | None] = []  # per item: the country named most often up to it
        # country -> (sentence, the other side of its latest meeting); the latest meeting's people
        self._counterparts: dict[str, tuple[int, tuple[ActorRef, ...]]] = {}
        self._last_meeting: tuple[int, tuple[ActorRef, ...]] | None = None

    # -- feeding ---------------------------------------------------------------------------------

    def add(self, referent: Referent) -> tuple[Referent, Resolution | None]:
        """Record ``referent`` (after every earlier one) and return it as recorded, with the
        ``Resolution`` saying how an uncoded person was coded: by the person named before with
        the same name word ("Mr. Lam"), else, for a titled official in a readout, as an official
        of the publishing government (readouts give foreign officials their country)."""
        resolution: Resolution | None = None
        if referent.person and referent.ref.country is None:
            earlier = self._named(referent)
            if earlier is not None and (earlier.ref.country or not referent.titles):
                ref = replace(earlier.ref, text=referent.ref.text)
                referent = replace(referent, ref=ref, titles=(*referent.titles, *earlier.titles))
                resolution = Resolution((ref,), "name", (earlier.ref.text,))
            elif referent.titles and self.host is not None and self.host.country:
                sector = referent.ref.sector or "GOV"
                ref = replace(
                    referent.ref, country=self.host.country, sector=sector, code=self.host.country + sector
                )
                referent = replace(referent, ref=ref)
                resolution = Resolution((ref,), "readout host")
        if referent.person:
            key = person_key(referent.ref)
            titles = tuple(dict.fromkeys((*referent.titles, *self._titles_of.get(key, ()))))
            self._titles_of[key] = titles
            referent = replace(referent, titles=titles)
        self._append(referent)
        return referent, resolution

    def _append(self, referent: Referent) -> None:
        index = len(self._items)
        if self._ends and referent.end < self._ends[-1]:
            raise ValueError("referents must be added in text order")
        self._items.append(referent)
        self._ends.append(referent.end)
        previous = self._prev_person[-1] if self._prev_person else -1
        antecedent = referent.person and (referent.ref.country is not None or name_like(referent.ref.text))
        self._prev_person.append(index if antecedent else previous)
        self._focus.append(self._count_country(referent))
        for key in referent.titles:
            self._by_title.setdefault(key, []).append(index)
        if antecedent:
            for word in name_words(referent.ref):
                self._by_name.setdefault(word, []).append(index)

    def _count_country(self, referent: Referent) -> str | None:
        """Count the referent's country and return the country named most often so far (the
        latest to reach that count on a tie)."""
        leader = self._focus[-1] if self._focus else None
        country = referent.ref.country
        if country is None or referent.place:
            return leader
        self._mentions_of[country] = self._mentions_of.get(country, 0) + 1
        if leader is None or self._mentions_of[country] >= self._mentions_of[leader]:
            return country
        return leader

    def named_before(self, text: str, at: int) -> bool:
        """Was a person named before ``at`` by the name ``text`` ("Zarit" after "William Zarit")?"""
        probe = Referent(at, at, 0, ActorRef(text), person=True)
        return self._named(probe) is not None

    def _named(self, referent: Referent) -> Referent | None:
        words = [w.strip(".'") for w in SPLIT.split(normalize(referent.ref.text).lower())]
        words = [w for w in words if len(w) > 1 and w not in NAME_PARTICLES]
        for word in (words[-1:] + words[:1]) if words else []:
            found = self._latest(self._by_name.get(word, []), referent.start)
            if found is not None:
                return found
        return None

    # -- queries ---------------------------------------------------------------------------------

    def _latest(self, indices: list[int], before: int) -> Referent | None:
        """The latest item among ``indices`` (ascending) that ends by offset ``before``."""
        n = bisect.bisect_right(indices, self._count_before(before) - 1)
        return self._items[indices[n - 1]] if n else None

    def _count_before(self, offset: int) -> int:
        """How many items end by ``offset``."""
        return bisect.bisect_right(self._ends, offset)

    def _walk(self, before: int, *, people: bool = False) -> Iterator[Referent]:
        """Items ending by ``before``, latest first (only persons with ``people``), at most
        ``_WALK`` of them."""
        n = self._count_before(before) - 1
        for _ in range(_WALK):
            if people and n >= 0:
                n = self._prev_person[n]
            if n < 0:
                return
            yield self._items[n]
            n -= 1

    def person(
        self, at: int, sentence: int, *, exclude: frozenset[str] = frozenset(), quoted: bool = True
    ) -> Resolution | None:
        """The person "he"/"she"/"his" at offset ``at`` of sentence ``sentence`` refers to: a person
        subject earlier in the same sentence, else a person subject of one of the two sentences
        before, else the latest person named (coded or not: "he" after "Netanyahu" is no other
        coded person); never one whose key is in ``exclude`` (the subject
        of the pronoun's own clause, for "Trump praised him"). A pronoun outside quotation marks
        (``quoted`` False) takes no subject inside them ("'Xi and I discussed ...,' he added")."""
        people = [p for p in self._walk(at, people=True) if person_key(p.ref) not in exclude]
        subjects = [p for p in people if p.subject and (quoted or not p.quoted)]
        choice = (
            next((p for p in subjects if p.sentence == sentence), None)
            or next((p for p in subjects if sentence - _SUBJECT_SENTENCES <= p.sentence < sentence), None)
            or next(iter(people), None)
        )
        return Resolution((choice.ref,), "pronoun", (choice.ref.text,)) if choice else None

    def meeting(self, source: Sequence[ActorRef], target: Sequence[ActorRef], sentence: int) -> None:
        """Record a meeting or call told in sentence ``sentence`` between ``source`` and ``target``
        (each of one country, the two different): each side's latest counterpart."""
        a = {r.country for r in source if r.country}
        b = {r.country for r in target if r.country}
        if a and b and len(a | b) >= 2:
            self._last_meeting = (sentence, (*source, *target))
        if len(a) != 1 or len(b) != 1 or a == b:
            return
        self._counterparts[a.pop()] = (sentence, tuple(target))
        self._counterparts[b.pop()] = (sentence, tuple(source))

    def participants(self, sentence: int, text: str) -> Resolution | None:
        """Everyone at the meeting told in the two sentences before ``sentence`` ("X met Y and
        Z. They discussed ..."); None when none was."""
        if self._last_meeting is None or not sentence - 2 <= self._last_meeting[0] < sentence:
            return None
        actors = self._last_meeting[1]
        return Resolution(
            tuple(replace(a, text=text) for a in actors), "meeting", tuple(a.text for a in actors)
        )

    def counterpart(self, source: Sequence[ActorRef], sentence: int) -> Resolution | None:
        """Whom ``source`` (of one country) talks with when the text names no one ("The Vice
        President discussed ..."): the other side of its latest meeting told before, in an
        official readout anywhere before, in other articles in the two sentences before."""
        countries = {r.country for r in source if r.country}
        if len(countries) != 1:
            return None
        found = self._counterparts.get(countries.pop())
        if found is None or found[0] >= sentence or (self.host is None and found[0] < sentence - 2):
            return None
        return Resolution(found[1], "counterpart", tuple(r.text for r in found[1]))

    def is_person(self, ref: ActorRef) -> bool:
        """Is ``ref`` a person named so far (or an office holder the KB names)?"""
        return person_key(ref) in self._titles_of or (
            ref.name is not None and self.kb.kind(ref.name) == "person"
        )

    def knows_title(self, key: str) -> bool:
        """Has any referent so far held the title ``key``?"""
        return key in self._by_title

    def title_with_initials(self, initials: str) -> str | None:
        """A title held so far whose words' initials are ``initials`` ("nsa" -> "national
        security advisor"); None when there is none."""
        return next((key for key in self._by_title if "".join(w[0] for w in key.split()) == initials), None)

    def described(self, key: str, at: int, text: str) -> Resolution | None:
        """The latest referent ending by ``at`` that holds the title ``key`` ("president"), else
        in a readout the publishing government's holder of it; ``text`` is the description. In a
        readout the publishing government's own holder named before comes first: its "the
        President" is its own president when he was named, another one only when he was not."""
        indices = self._by_title.get(key, [])
        found = self._latest(indices, at)
        if found is not None and self.host is not None and found.ref.country != self.host.country:
            n = bisect.bisect_right(indices, self._count_before(at) - 1)
            own = (self._items[i] for i in reversed(indices[max(0, n - _WALK) : n]))
            found = next((r for r in own if r.ref.country == self.host.country), found)
        if found is not None:
            ref = replace(found.ref, text=text)
            return Resolution((ref,), "description", (found.ref.text,))
        holder = self.host_holder(key, text)
        if holder is not None:
            return Resolution((holder,), "readout host")
        return self._in_focus(key, at, text)

    def _in_focus(self, key: str, at: int, text: str) -> Resolution | None:
        """A body of the state named with no country and no antecedent ("the government", "the
        Department of Foreign Affairs") in an article that is not a readout: the country the
        article names most often up to there."""
        head = key.split(" of ")[0]
        body = next(
            (w for w in (head, " ".join(head.split()[-2:]), head.split()[-1]) if w in STATE_INSTITUTIONS),
            None,
        )
        sector = self.kb.role_sector(body) if body else None
        n = self._count_before(at)
        if self.host is not None or sector is None or n == 0 or self._focus[n - 1] is None:
            return None
        country = self._focus[n - 1] or ""
        ref = ActorRef(text, country=country, sector=sector, code=country + sector)
        return Resolution((ref,), "country in focus", (country,))

    def host_holder(self, key: str, text: str) -> ActorRef | None:
        """The publishing government's holder of the office ``key`` on the article date (the
        government itself, with the title's sector, when the KB names no holder)."""
        if self.host is None or self.host.country is None:
            return None
        holder = self.kb.office_holder(f"{self.host.name or self.host.country} {key}", date=self.date)
        if holder is not None:
            return replace(holder, text=text)
        sector = self.kb.role_sector(key) or "GOV"
        return ActorRef(text, country=self.host.country, sector=sector, code=self.host.country + sector)

    def host_side(self, text: str) -> Resolution | None:
        """The publishing government, for "we"/"our"/"I" in an official text's own voice."""
        if self.host is None:
            return None
        return Resolution((replace(self.host, text=text),), "readout host")

    def named_in_sentence(self, at: int, sentence: int, text: str) -> Resolution | None:
        """The actors of distinct countries named earlier in sentence ``sentence`` before ``at``
        ("Biden hosted the leaders of Japan and South Korea, where they ..."), places excepted;
        None when they are not of two countries."""
        found: list[Referent] = []
        for item in self._walk(at):
            if item.sentence != sentence:
                break
            if item.ref.country and not item.place and item.ref.country not in {r.ref.country for r in found}:
                found.insert(0, item)
        if len(found) < 2:
            return None
        return Resolution(
            tuple(replace(r.ref, text=text) for r in found), "group", tuple(r.ref.text for r in found)
        )

    def recent_people(self, at: int, since: int, text: str) -> Resolution | None:
        """The two latest persons of distinct countries named by ``at`` in sentences from ``since``
        on ("they" after "X met with Y"); None when there are not two."""
        people = self._distinct(
            (p for p in self._walk(at, people=True) if p.sentence >= since), 2, lambda r: True
        )
        if len(people) < 2:
            return None
        return Resolution(
            tuple(replace(p.ref, text=text) for p in people), "group", tuple(p.ref.text for p in people)
        )

    def group(self, at: int, *, title: str | None, count: int | None, text: str) -> Resolution | None:
        """A plural reference at ``at``: with ``title`` ("leader", "president", "national security
        advisor"), the latest persons of distinct countries holding it ("leader": any person),
        else the latest distinct countries as governments; ``count`` of them ("the two", "the
        three"), or when None those named together with the second latest. Fewer than two
        distinct countries: None (an actor never stands for a pair with itself)."""
        if title is not None:
            if title == "leader":
                people = self._distinct(self._walk(at, people=True), count, lambda r: True)
            else:
                people = self._distinct(self._walk(at, people=True), count, lambda r: title in r.titles)
            if len(people) >= 2:
                refs = tuple(replace(p.ref, text=text) for p in people)
                return Resolution(refs, "group", tuple(p.ref.text for p in people))
        return self.countries(at, count=count, text=text)

    def countries(self, at: int, *, count: int | None, text: str) -> Resolution | None:
        """The latest distinct countries named by ``at``, each as its government ("both sides"; with
        ``count`` 1 the country named last, a place too: "violence in Burma ... the country's
        regime")."""
        found = self._distinct(self._walk(at), count, lambda r: count == 1 or not r.place)
        refs = [self.kb.country(r.ref.country) for r in found]
        actors = tuple(replace(r, text=text) for r in refs if r is not None)
        if len(actors) < min(count or 2, 2):
            return None
        return Resolution(actors, "group", tuple(r.ref.text for r in found))

    @staticmethod
    def _distinct(
        items: Iterator[Referent], count: int | None, keep: Callable[[Referent], bool]
    ) -> list[Referent]:
        """Referents of distinct countries, latest first, returned in text order: ``count`` of them,
        or (``count`` None) at least two and any more in the same sentence as the second."""
        out: list[Referent] = []
        seen: set[str] = set()
        for item in items:
            country = item.ref.country
            if country is None or country in seen or not keep(item):
                continue
            if count is None and len(out) >= 2 and item.sentence != out[-1].sentence:
                break
            out.append(item)
            seen.add(country)
            if count is not None and len(out) == count:
                break
        return out[::-1]


def person_key(ref: ActorRef) -> str:
    return ref.name or ref.text
