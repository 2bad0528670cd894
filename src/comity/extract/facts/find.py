"""Quantitative facts and relationship-status statements, with their evidence.

Pure text in, ``Fact`` records out (the spaCy ``Doc`` only gives sentence bounds); vocabularies in
``data/measures.toml`` and ``data/relationship_status.csv``. Values are in base units; ranks have
unit ``rank`` and a directed subject ``PARTNER-REFERENCE`` ("China is Vietnam's largest trading
partner" -> ``CHN-VNM``, ``/ASEAN`` appended for a regional rank); other facts a sorted dyad or one
ISO3. ``period``: the time expression of the clause, or ``since 1950`` for a status that starts
then. A status's wording as stated is its evidence text; its parties are read off its clause
(``parties``), one fact per pair, and a status whose parties cannot be told is not a fact.
Money: currency from the sign or word ("¥" is the yen only in a sentence about yen or Japan),
ranges give both ends (qualifiers ``from`` / ``up to``), vague amounts their lower bound
(``vague lower bound``); money no measure keyword names is ``other``. A percentage is a growth
rate only beside a word of change and never for a market move; else ``tariff_rate``,
``poll_share`` or ``share``, or no fact (``amounts``). Vocabulary loader: ``vocab``.

>>> [(f.measure, f.value, f.unit, f.period) for f in facts_from_text(
...     "Trade reached $1.5 billion in 2022.", doc_id="d", date="2023-05-01")]
[('trade_volume', 1500000000.0, 'USD', '2022')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from comity.extract.actors.kb import ActorKB
from comity.extract.actors.titles import readout_host
from comity.extract.facts import amounts, status
from comity.extract.facts.base import NAME, FactContext, clause_of, make_fact, period_of
from comity.extract.facts.ordinals import ordinal_facts
from comity.extract.facts.parties import places_of, status_parties, status_wording
from comity.extract.facts.status import duration_fact as _duration
from comity.extract.facts.status import previous_date as _previous_date
from comity.extract.facts.vocab import ORDINALS as _ORDINALS
from comity.extract.facts.vocab import WORD_NUMBERS as _WORD_NUMBERS
from comity.extract.facts.vocab import vocab as _vocab
from comity.extract.time.find import find_time_expressions
from comity.nlp import doc_sentences
from comity.records import Article, Fact, Mention, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["NAME", "facts_from_doc", "facts_from_text"]

_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s+[A-Z“\"‘'(])|$)", re.M)
_POSSESSIVE = re.compile(r"(?P<word>[\w.-]+)(?:['’]s?)\s+(?:own\s+)?$")
_YEAR_DURATION = re.compile(r"P(\d+)Y")


def facts_from_doc(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpression],
    kb: ActorKB | None = None,
) -> list[Fact]:
    """The facts of one parsed article (``doc`` gives sentence bounds, nothing else). With the
    actor KB ``kb``, an official readout's publishing government is the voice of its "our"/"we",
    and the parts of an uncoded compound ("U.S.-Philippines") are coded."""
    sentences = [(s.start_char, s.end_char) for s in doc_sentences(doc)]
    host = readout_host(article.outlet, kb) if kb is not None else None
    return facts_from_text(article.text, doc_id=article.id, date=article.publication_date,
                           mentions=mentions, times=times, sentences=sentences,
                           host=host.country if host else None, kb=kb)  # fmt: skip


def _namer(kb: ActorKB | None, mentions: Sequence[Mention]) -> Callable[[str], str | None]:
    """The country a bare name stands for ("U.S.", "Philippines"), for the parts of a compound:
    the coding the document's own mentions give that name, else the KB's."""
    coded = {m.text: m.country for m in mentions if m.country}

    def name(text: str) -> str | None:
        if text in coded:
            return coded[text]
        ref = kb.describe(text) if kb is not None else None
        return ref.country if ref is not None else None

    return name


def facts_from_text(
    text: str,
    *,
    doc_id: str,
    date: str | None = None,
    mentions: Sequence[Mention] = (),
    times: Sequence[TimeExpression] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    host: str | None = None,
    kb: ActorKB | None = None,
) -> list[Fact]:
    """Facts of ``text``; times are found here when not given, sentences split by rule. ``host``:
    the country publishing an official readout, whose voice "our"/"we" is."""
    if times is None:
        times = find_time_expressions(text, date, doc_id=doc_id)
    places = places_of(mentions, _namer(kb, mentions))
    bounds = tuple(sentences or [(m.start(), m.end()) for m in _SENTENCE.finditer(text)])
    dyad = _main_dyad([(m.start, m.end, m.country) for m in mentions if m.country and not m.in_boilerplate])
    ctx = FactContext(text, doc_id, date, places, [t for t in times if t.value], dyad, bounds, host)
    found: dict[str, Fact] = {}
    for start, end in bounds:
        for fact in _sentence_facts(ctx, start, end):
            found.setdefault(fact.id, fact)
    return sorted(found.values(), key=lambda f: (f.evidence.start, f.evidence.end, f.measure))


def _main_dyad(places: Sequence[tuple[int, int, str]]) -> str:
    top = [c for c, _ in Counter(c for _, _, c in places).most_common(2)]
    return "-".join(sorted(top)) if top else "unknown"


def _sentence_facts(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = _money(ctx, start, end) + _counts(ctx, start, end)
    facts += _percents(ctx, start, end) + _ranks(ctx, start, end)
    facts += ordinal_facts(ctx, start, end)
    # A sentence's stated source goes on each of its figures; it is looked for only in sentences
    # with a figure, as most have none.
    source = _stated_source(ctx.text[start:end]) if facts else None
    if source is not None:
        facts = [replace(f, source_stated=source) for f in facts]
    return facts + _statuses(ctx, start, end)


def _number(raw: str, scale: str | None) -> float:
    word = _WORD_NUMBERS.get(raw.lower())
    value = word if word is not None else float(raw.replace(",", ""))
    return value * _vocab().scales.get((scale or "").lower(), 1.0)


def _qualifier(ctx: FactContext, start: int) -> tuple[str | None, int]:
    """The qualifier word(s) right before ``start`` (normalised) and where they begin."""
    window = ctx.text[max(0, start - 25) : start]
    match = _vocab().qualifier_re.search(window)
    if not match:
        return None, start
    word = " ".join(match.group(0).lower().split())
    return _vocab().qualifiers.get(word), start - len(window) + match.start()


def _stated_source(sentence: str) -> str | None:
    for pattern in _vocab().sources:
        match = pattern.search(sentence)
        if match:
            source = re.sub(r"^(?:the|official)\s+", "", match.group("src").strip(), flags=re.I)
            return source or None
    return None


def _subject(ctx: FactContext, start: int, end: int, *, bilateral: bool, at: int | None = None) -> str:
    """Who the figure at ``at`` in the sentence [start, end) is about: two parties of its clause,
    else of its sentence; else the article's pair (one party named and a bilateral measure: the
    other side is left implicit, as news does when it writes "exports to China fell 3%")."""
    if at is not None:
        c_start, c_end = clause_of(ctx, at, start, end)
        in_clause = list(dict.fromkeys(c for s, e, c in ctx.places if c_start <= s and e <= c_end))
        if len(in_clause) >= 2:
            return "-".join(sorted(in_clause[:2]))
    countries = list(dict.fromkeys(c for s, e, c in ctx.places if start <= s and e <= end))
    if len(countries) >= 2:
        return "-".join(sorted(countries[:2]))
    if countries and not (bilateral and countries[0] in ctx.dyad.split("-")):
        return countries[0]
    return ctx.dyad


def _nearest(
    table: list[tuple[re.Pattern[str], str]], text: str, pos: int, start: int
) -> tuple[str, int] | None:
    """The measure whose keyword ends nearest before ``pos`` (from ``start``), with where it starts."""
    best: tuple[int, str, int] | None = None
    for pattern, measure in table:
        for match in pattern.finditer(text, start, pos):
            if best is None or match.end() > best[0]:
                best = (match.end(), measure, match.start())
    return (best[1], best[2]) if best else None


def _quantity(
    ctx: FactContext, measure: str, span: tuple[int, int], sent: tuple[int, int], **fields: Any
) -> Fact:
    qualifier, q_start = _qualifier(ctx, span[0])
    qualifier = fields.pop("range_end", None) or qualifier
    time = period_of(ctx, span, sent)
    end = time.end if time and time.start >= span[1] and time.start - span[1] < 40 else span[1]
    start = min(q_start, fields.pop("keyword_start", span[0]))
    return make_fact(ctx, measure, (start, end), qualifier=qualifier,
                 period=time.value if time else None, **fields)  # fmt: skip


def _money(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    for m in _vocab().money_re.finditer(ctx.text, start, end):
        currency = m.group("pre") or m.group("post") or m.group("post2") or ""
        unit = _vocab().currencies.get(currency, _vocab().currencies.get(currency.lower(), currency))
        unit = amounts.currency_of(currency, unit, ctx.text[start:end])
        scale = m.group("scale") or m.group("scale2")
        c_start, _ = clause_of(ctx, m.start(), start, end)
        found = _nearest(_vocab().money, ctx.text, m.start(), c_start)
        measure, k_start = found if found else ("other", m.start())
        subject = _subject(ctx, start, end, bilateral=measure == "trade_volume", at=m.start())
        fields = {"subject": subject, "unit": unit, "keyword_start": k_start}
        if m.group("upper"):  # "$40-50 billion": both ends of the range
            facts.append(_quantity(ctx, measure, (m.start(), m.start("upper")), (start, end),
                                   value=_number(m.group("num"), scale), range_end="from", **fields))  # fmt: skip
            facts.append(_quantity(ctx, measure, m.span(), (start, end), value=_number(m.group("upper"), scale),
                                   range_end="up to", **fields))  # fmt: skip
            continue
        value = _number(m.group("num") or m.group("num2"), scale)
        facts.append(_quantity(ctx, measure, m.span(), (start, end), value=value, **fields))
    for span, value, unit in amounts.vague_amounts(ctx.text, start, end, _vocab().counted):
        measure = "other" if len(unit) == 3 and unit.isupper() else _count_measure(unit) or "count"
        facts.append(_quantity(ctx, measure, span, (start, end), subject=_subject(ctx, start, end, bilateral=True),
                               value=value, unit=unit if measure == "other" else "count",
                               range_end=amounts.VAGUE))  # fmt: skip
    return facts


def _count_measure(noun: str) -> str | None:
    return next((ms for p, ms in _vocab().counts if p.fullmatch(noun)), None)


def _counts(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    for m in _vocab().count_re.finditer(ctx.text, start, end):
        measure = next((ms for p, ms in _vocab().counts if p.fullmatch(m.group("noun"))), None)
        if measure is None or any(t.start <= m.start() < t.end for t in ctx.times):
            continue
        value = _number(m.group("num"), m.group("scale"))
        subject = _subject(ctx, start, end, bilateral=True, at=m.start())
        facts.append(_quantity(ctx, measure, m.span(), (start, end), subject=subject, value=value,
                               unit="count"))  # fmt: skip
    return facts


def _percents(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts = []
    for m in _vocab().percent_re.finditer(ctx.text, start, end):
        before = ctx.text[max(start, m.start() - 40) : m.start()].lower()
        level = re.search(r"\b(?:(?:up|down)\s+from|to)\s+(?:\w+\s+)?$", before)  # a level, not a change
        signs = [] if level else [s for w, s in _vocab().percent.items() if re.search(rf"\b{w}\b", before)]
        c_start, c_end = clause_of(ctx, m.start(), start, end)
        clause, sentence = ctx.text[c_start:c_end], ctx.text[start:end]
        measure = amounts.percent_measure(clause)  # a tariff raised by 20 points is no growth rate
        if measure != "tariff_rate" and signs and not amounts.market_move(clause):
            measure = "growth_rate"
        measure = measure or amounts.percent_measure(sentence)
        if measure is None:
            continue
        raw = m.group("num")
        number = _number(raw, None) if raw else _vocab().fractions[m.group("fraction").lower()]
        value = (signs[-1] if measure == "growth_rate" else 1) * number
        unit = "percentage points" if m.group("points") else "percent"
        subject = _subject(ctx, start, end, bilateral=True, at=m.start())
        facts.append(_quantity(ctx, measure, m.span(), (start, end), subject=subject,
                               value=value, unit=unit))  # fmt: skip
    return facts


def _country_at(ctx: FactContext, start: int, end: int) -> str | None:
    return next((c for s, e, c in ctx.places if s < end and start < e), None)


def _rank_parties(
    ctx: FactContext, pos: int, end: int, sent_start: int
) -> tuple[str | None, str | None, int]:
    """(partner, reference, where the partner mention starts) of a rank at ``pos``."""
    window = ctx.text[max(sent_start, pos - 40) : pos]
    window = re.sub(r"\bthe\s+$", "", window, flags=re.I)
    match = _POSSESSIVE.search(window)
    offset = pos - len(ctx.text[max(sent_start, pos - 40) : pos])
    ref = _country_at(ctx, offset + match.start(), offset + match.end("word")) if match else None
    limit = offset + match.start() if match else pos
    if ref is None:  # "the third-largest investor in Vietnam"
        after = re.match(r"\s+(?:in|to|for|of)\s+(?:the\s+)?", ctx.text[end : end + 12])
        ref = _country_at(ctx, end + after.end(), end + after.end() + 1) if after else None
    partners = [(s, c) for s, e, c in ctx.places if sent_start <= s and e <= limit and c != ref]
    return (partners[-1][1], ref, partners[-1][0]) if partners else (None, ref, pos)


def _ranks(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts: list[Fact] = []
    for m in _vocab().rank_re.finditer(ctx.text, start, end):
        noun, before = m.group("noun"), ctx.text[max(start, m.start() - 30) : m.start()]
        if re.search(r"one of (?:the\s+)?(?:\S+\s+)?$", before, re.I):
            continue
        rank = _ORDINALS[m.group("word").lower()] if m.group("word") else int(m.group("digit") or 1)
        fact = _rank(ctx, m, rank, (start, end), facts[-1] if facts else None)
        if fact is not None and (noun or m.group("first") is None):
            facts.append(fact)
    return facts


def _rank(
    ctx: FactContext, m: re.Match[str], rank: int, sent: tuple[int, int], prev: Fact | None
) -> Fact | None:
    noun = m.group("noun")
    measure = next((ms for p, ms in _vocab().ranks if p.fullmatch(noun)), None) if noun else None
    partner, ref, p_start = _rank_parties(ctx, m.start(), m.end(), sent[0])
    if measure is None:  # elliptical: "... and the fourth-largest globally"
        if prev is None or prev.unit != "rank":
            return None
        measure, subject = prev.measure, prev.subject.split("/")[0]
    else:
        subject = "-".join(c for c in (partner, ref) if c) or ctx.dyad
    scope = next((s for p, s in _vocab().scopes if p.match(ctx.text, m.end() + 1, sent[1])), None)
    subject = f"{subject}/{scope}" if scope else subject
    time = period_of(ctx, m.span(), sent)
    period = time.value if time else (ctx.date or "")[:4] or None
    start = p_start if noun and partner and m.start() - p_start < 60 else m.start()
    return make_fact(ctx, measure, (start, m.end()), subject=subject, value=float(rank), unit="rank",
                 period=period)  # fmt: skip


def _statuses(ctx: FactContext, start: int, end: int) -> list[Fact]:
    facts: list[Fact] = []
    claimed: list[tuple[int, int]] = []
    subject = _subject(ctx, start, end, bilateral=True)
    for a_start, a_end, years in status.anniversaries(ctx.text, start, end):
        claimed.append((a_start, a_end))  # the relations counted are not a new status
        facts.append(_quantity(ctx, "anniversary", (a_start, a_end), (start, end), subject=subject,
                               value=float(years), unit="years"))  # fmt: skip
    for a_start, a_end, years in status.year_anniversaries(ctx.text, start, end):
        facts.append(_quantity(ctx, "anniversary", (a_start, a_end), (start, end), subject=subject,
                               value=float(years), unit="years"))  # fmt: skip
    for g_start, g_end, years in status.years_since_last(ctx.text, start, end):
        facts.append(_quantity(ctx, "years_since_last", (g_start, g_end), (start, end), subject=subject,
                               value=float(years), unit="years"))  # fmt: skip
    for d_start, d_end, years in status.years_of_relations(ctx.text, start, end):
        if not any(s <= d_start < e for s, e in claimed):
            claimed.append((d_start, d_end))
            facts.append(_duration(ctx, (d_start, d_end), (start, end), subject, years))
    if not _vocab().any_status.search(ctx.text, start, end):  # one scan instead of one per row
        return facts
    for pattern, label, dyad, requires in _vocab().statuses:
        for m in pattern.finditer(ctx.text, start, end):
            if any(s < m.end() and m.start() < e for s, e in claimed):
                continue
            before = ctx.text[start : m.start()]
            if requires == "establish" and not _vocab().establish.search(before[-60:]):
                continue
            wording = status_wording(ctx, m.span(), (start, end))
            subjects = status_parties(ctx, wording, (start, end), named=requires == "named")
            if dyad and dyad not in subjects:  # a pair's own label: another row may name it
                continue
            claimed.append(m.span())
            if status.not_bilateral(ctx.text, m.start(), m.end()):
                continue
            written = " ".join(ctx.text[wording[0] : wording[1]].lower().split())
            facts += _status(ctx, wording, (start, end), subjects, written if label == "*" else label)
    return facts


def _status(
    ctx: FactContext, span: tuple[int, int], sent: tuple[int, int], subjects: list[str], label: str
) -> list[Fact]:
    """One status fact per pair it is about (+ how long it has lasted, when stated)."""
    period = _status_period(ctx, span, sent)
    found = [
        make_fact(ctx, "relationship_status", span, subject=subject, value=label, unit=None, period=period)
        for subject in subjects
    ]
    lasted = status.duration_after(ctx.text, span[1], sent[1])
    if lasted and len(subjects) == 1:
        found.append(_duration(ctx, (span[0], lasted[1]), sent, subjects[0], lasted[2]))
    return found


def _status_period(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> str | None:
    """``since X`` when the status is said to start at X; else the clause's date, if any; else,
    for an act on the status ("they agreed to deepen ..."), the date of the previous sentence."""
    time = period_of(ctx, span, sent)
    cue = _vocab().since.search(ctx.text, sent[0], sent[1])
    if cue and time:
        return f"since {time.value}"
    years = _spanned_years(ctx, span, sent)
    if years is not None and ctx.date:
        return f"since {int(ctx.date[:4]) - years}"
    if time is None and status.acted_on(ctx.text[sent[0] : sent[1]]):
        time = _previous_date(ctx, sent[0])
    return time.value if time else None


def _spanned_years(ctx: FactContext, span: tuple[int, int], sent: tuple[int, int]) -> int | None:
    """N of "a partnership that has spanned N years" / "for N years" right after the status."""
    tail = ctx.text[span[1] : min(sent[1], span[1] + 40)]
    match = re.search(r"\b(?:spanned|spanning|lasted|for|over the past)\s+(\d{1,3})\s+years\b", tail)
    return int(match.group(1)) if match else None
