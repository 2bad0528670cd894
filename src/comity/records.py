"""Typed, frozen records that travel between stages.

Every record that describes part of a document carries provenance: the document id, a
character span into ``Article.text`` (the original text, never a cleaned copy) and the
producer (a versioned name such as ``"rules.v1"``). The spaCy ``Doc`` never appears here.
This module imports nothing from the package except ``types``-free stdlib helpers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: Whether the act happened as the text tells it (README "modality"): ``claimed`` is an act only a
#: speaker who is not among its actors reports ("Beijing said the Vietnamese boat rammed ...").
Modality = Literal["asserted", "negated", "hypothetical", "future", "historical", "ongoing", "claimed"]
DatePrecision = Literal["day", "month", "quarter", "half", "year", "interval", "week", "unknown"]

#: Stable reason codes of a ``Rejection``; documented in docs/errors.md.
REJECTION_REASONS: dict[str, str] = {
    "empty": "the input has no text (empty or whitespace only)",
    "binary": "the input is a binary file (NUL bytes or a known binary signature)",
    "undecodable": "the bytes are not valid text in any supported encoding",
    "too_large": "the input exceeds the configured size limit",
    "malformed_row": "a JSONL/CSV row could not be parsed",
    "missing_field": "a JSONL/CSV row has neither 'text' nor 'html'",
    "bad_field": "a JSONL/CSV field has a value of the wrong kind (e.g. a title that is a number)",
    "no_main_text": "no article text could be extracted from the HTML",
    "unreadable": "the file could not be opened (permissions, broken link, loop)",
    "unsupported_format": "the file extension is not a supported input format",
    "processing_error": "an unexpected error occurred while processing the document",
    # Web inputs (stage "fetch"): a URL that could not be fetched or read.
    "not_found": "the web server answered 404 or 410 (no such page)",
    "http_error": "the web server answered with another error status (4xx or 5xx)",
    "timeout": "the web server did not answer within fetch_timeout",
    "network_error": "the URL could not be reached (DNS, refused connection, TLS, bad URL)",
    "redirect_loop": "more redirects than fetch_max_redirects (usually a loop)",
    "unsupported_content_type": "the server sent something other than HTML, a PDF or plain text",
    "robots_disallowed": "the site's robots.txt disallows the URL for comity's User-Agent",
    "bad_pdf": "the PDF cannot be read (damaged, encrypted, or not a PDF)",
    "no_text_layer": "the PDF has no text layer (a scanned document; comity does no OCR)",
    # Notes (stage "note"): the input was stored, with something the user should know.
    "bad_date": "noted: the input's date could not be parsed; the article is stored undated",
    # Skips (stage "skip"): a folder walk met the entry and did not read it, on purpose.
    "unsupported_type": "skipped: a file in a folder or glob whose type comity does not read",
    "hidden": "skipped: a hidden file or folder (its name starts with a dot)",
    "linked_folder": "skipped: a symbolic link to a folder (not followed, so a link loop cannot recurse)",
}

#: The ``Rejection.stage`` of an entry a folder walk met and skipped on purpose. Skips are stored
#: with the rejections (so ``comity rejections`` lists them) but counted apart, as ``skipped``.
SKIP_STAGE = "skip"
#: The ``Rejection.stage`` of a note about an input that was stored all the same (an unparseable
#: date: stored undated). Stored with the rejections, shown as a warning, never counted as an input.
NOTE_STAGE = "note"
#: ``Event.date_basis`` values of a date borrowed rather than read in the event's own sentence: the
#: article's date, one carried from another sentence, a trip's departure. A report dated so is
#: weaker evidence of when the event happened than one its own sentence dates.
BORROWED_DATE_BASES = frozenset({"document", "carried", "departure"})


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A piece of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A span of the original text that is not article prose (marked, never deleted)."""

    start: int
    end: int
    text: str
    kind: str  # breadcrumb, share, comment_form, photo_credit, caption, title_repeat, ...


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One raw input as a reader produced it, before any cleaning."""

    name: str  # file path, "path#line" for rows, or "-" for stdin
    content: str  # decoded text (plain text or HTML markup)
    fmt: Literal["text", "html", "pdf"]  # pdf: the text layer, pages split by PAGE_BREAK
    title: str | None = None
    date: str | None = None  # explicit publication date given with the input, or a PDF's (ISO)
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    given_id: str | None = None
    size: int = 0
    fetched_at: str | None = None  # when a web input was fetched (ISO 8601, UTC); None for files


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` is the text every offset refers to."""

    id: str  # content hash of ``text`` (stable, so re-ingest is idempotent)
    name: str  # input name or the id the user gave
    text: str
    fmt: str
    title: str | None = None
    publication_date: str | None = None  # ISO date, or None when unknown (never "today")
    date_basis: str | None = None  # input | metadata | dateline | dateline_year | None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    dateline: TextSpan | None = None
    byline: TextSpan | None = None  # metadata, not prose: its names are not event actors
    boilerplate: tuple[Boilerplate, ...] = ()
    near_duplicate_of: str | None = None
    fingerprint: tuple[int, ...] = ()  # minhash signature for near-duplicate detection
    producer: str = "clean.v1"
    fetched_at: str | None = None  # when ``url`` was fetched (web inputs only); stored in ``fetches``


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention (and, once resolved, its actor coding)."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str  # spaCy NER label: PERSON, ORG, GPE, NORP, ...
    sentence: int
    canonical: str | None = None
    country: str | None = None  # ISO3
    sector: str | None = None  # GOV, MIL, PTY, ...
    code: str | None = None  # e.g. "CHNGOV"
    in_boilerplate: bool = False
    producer: str = "spacy.ner.v1"  # where the span came from: "spacy.ner.v1", "kb.match.v1", ...
    #: how the coding was found: exact | alias | alias_at_date | title_country | metonymy | coreference |
    #: glossed | role | fuzzy (None: uncoded); see comity.extract.actors.mentions
    resolution: str | None = None
    confidence: float | None = None  # 0..1, for the coding
    #: warnings, never silent fixes: "suspected_misspelling", "metonymy", "label_country_conflict"
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A normalised time expression (TIMEX3-like)."""

    doc_id: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    #: ISO 8601 value, "YYYY-MM", "YYYY", "YYYY-Qn", "YYYY-H1", "A/B", "A/.." (open); None = unresolved
    value: str | None
    precision: DatePrecision
    anchor: str | None  # the date it was resolved against
    rule: str
    sentence: int = -1
    producer: str = "timex.v1"


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event participant as it appears in the text, with its coding."""

    text: str
    name: str | None = None  # canonical name
    country: str | None = None  # ISO3
    sector: str | None = None
    code: str | None = None  # country + sector, e.g. "VNMGOV"

    @property
    def coded(self) -> bool:
        """The KB placed it: it has a code or a country (an organisation's code, a person's country)."""
        return self.code is not None or self.country is not None


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where, tied to its evidence."""

    id: str
    doc_id: str
    doc: str
    type: str  # PLOVER type
    cameo: str | None
    mode: str | None
    goldstein: float | None
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    evidence: TextSpan
    trigger: str
    modality: Modality = "asserted"
    date: str | None = None
    date_text: str | None = None
    date_precision: str | None = None
    date_basis: str | None = (
        None  # governing | sentence | carried | bounded | derived | departure | document | unknown
    )
    location: Location | None = None
    confidence: float = 0.5
    cluster_id: str | None = None
    sentence: int = -1
    producer: str = "rules.v1"
    # Place in the article's reading order (0 first): by evidence, then trigger word, then host of
    # a tour; -1 before ``finalise_events`` numbers it. Lists sort on it within a sentence.
    ordinal: int = -1

    @property
    def dyadic(self) -> bool:
        """Both sides coded: who did it and to whom are known, as a dyadic event record needs
        (ICEWS and PETRARCH keep only such events); the others stay stored, out of the default view."""
        return any(a.coded for a in self.source) and any(a.coded for a in self.target)


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantity or relationship-status statement with its evidence."""

    id: str
    doc_id: str
    subject: str
    measure: str
    value: float | str | None
    unit: str | None
    evidence: TextSpan
    qualifier: str | None = None
    period: str | None = None
    source_stated: str | None = None
    producer: str = "facts.v1"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input (or document) that could not be processed, and why. Nothing is lost silently."""

    name: str
    stage: str  # skip | note | ingest | clean | nlp | extract | store
    reason: str  # a key of REJECTION_REASONS
    message: str
    doc_id: str | None = None
    size: int = 0

    @property
    def skipped(self) -> bool:
        """A walk met this entry and left it unread on purpose: accounted, but not a failure."""
        return self.stage == SKIP_STAGE

    @property
    def noted(self) -> bool:
        """A note about an input that was stored all the same: not a failure, not an input."""
        return self.stage == NOTE_STAGE


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything the pipeline produced for one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()
    analysed: bool = True  # False when only ingested (``comity ingest``): no NLP has run yet


@dataclass(slots=True)
class RunReport:
    """Counts and timings of one run; ``inputs == stored + duplicates + rejected + skipped`` always."""

    run_id: str
    started: str
    settings: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    inputs: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejected: int = 0
    skipped: int = 0
    events: int = 0
    mentions: int = 0
    finished: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def balanced(self) -> bool:
        return self.inputs == self.stored + self.duplicates + self.rejected + self.skipped
