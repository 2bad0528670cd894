"""The static report: one self-contained HTML file (inline CSS and SVG, no script, no network).

Not a stable API: ``comity report`` is the way to call it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from comity import query
from comity._version import __version__
from comity.query.names import RoleSource, actor_label, named_event
from comity.resolve.marks import mark_facts
from comity.store.base import Store
from comity.web.report_chart import CSS as CHART_CSS
from comity.web.report_chart import chart_svg
from comity.web.worldmap import MAP_CSS, map_svg

#: Characters of article text shown around a fact's evidence in the report's evidence section.
CONTEXT = 160

CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1d2330;max-width:1000px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde6}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;
border-bottom:1px solid #d8dde6}th{font-size:.8rem;text-transform:uppercase;color:#6b7280}
.muted{color:#6b7280}.tag{background:#e7edf5;border-radius:3px;padding:0 .3rem;font-size:.85rem}
blockquote{margin:.2rem 0 0;padding:.2rem .6rem;border-left:3px solid #e0a800;background:#fffbea}
mark{background:#ffe58a}.corroborated{color:#2e7d4f;font-weight:700}.conflict{color:#c77700;font-weight:700}
.ev{margin:.6rem 0;padding:.4rem .6rem;border:1px solid #d8dde6}:target{outline:2px solid #e0a800}
"""


def _actors(actors: list[dict[str, Any]]) -> str:
    """Names, countries and roles for a reader, the code on hover (HTML)."""
    spans = [
        f'<span title="{escape(str(a.get("code") or a.get("country") or ""))}">{escape(actor_label(a))}</span>'
        for a in actors
    ]
    return "; ".join(spans) or "?"


def _when(event: dict[str, Any]) -> str:
    """The event's own date when it is a calendar date, else its article's date."""
    date = event["date"] or ""
    return date if date[:4].isdigit() else f"{event['doc_date'] or '?'} (article)"


#: The series columns shown, as ``comity series`` prints them (the same rows: ``dyad_series``).
SERIES_COLUMNS = (
    ("events", "events"),
    ("verbal_cooperation", "verbal cooperation"),
    ("material_cooperation", "material cooperation"),
    ("verbal_conflict", "verbal conflict"),
    ("material_conflict", "material conflict"),
    ("goldstein_mean", "mean Goldstein"),
    ("coop_conflict_index", "coop–conflict index"),
)


def _period_table(periods: list[dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td><a href="#p-{escape(str(p["period"]))}">{escape(str(p["period"]))}</a></td>'
        + "".join(f"<td>{escape(_number(p[key]))}</td>" for key, _ in SERIES_COLUMNS)
        + "</tr>"
        for p in periods
    )
    head = "<tr><th>period</th>" + "".join(f"<th>{label}</th>" for _, label in SERIES_COLUMNS) + "</tr>"
    return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"


def _number(value: Any) -> str:
    return "—" if value is None else str(value)


def _event_rows(events: list[dict[str, Any]], *, anchors: bool = False) -> str:
    """One row per report; ``anchors`` gives each row its ``e-<id>`` id (one table only: ids are
    unique in a page)."""
    rows = []
    for e in events:
        anchor = f' id="e-{escape(e["id"])}"' if anchors else ""
        rows.append(
            f"<tr{anchor}><td>{escape(_when(e))}</td>"
            f'<td><span class="tag">{escape(e["type"])}</span> {escape(e["cameo"] or "")}</td>'
            f"<td>{_actors(e['source'])} → {_actors(e['target'])}</td>"
            f"<td>{escape(e['modality'] or '')}</td>"
            f"<td>{escape(str(e['goldstein']))}</td>"
            f"<td><blockquote>{escape(e['evidence']['text'] or '')}</blockquote>"
            f'<span class="muted">{escape(e["doc_title"] or e["doc"] or "")}</span></td></tr>'
        )
    head = "<tr><th>date</th><th>type</th><th>actors</th><th>modality</th><th>Goldstein</th><th>evidence</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _periods_section(
    store: Store, dyad: tuple[str, str], periods: list[dict[str, Any]], kb: RoleSource | None
) -> str:
    out = []
    for p in periods:
        flt = query.EventQuery(dyad=dyad, since=p["since"], until=p["until"], limit=500)
        events = [named_event(e, kb) for e in query.find_events(store, flt).items]
        label = escape(str(p["period"]))
        # Reports, not events: one event reported by two articles is two rows here, and negated or
        # hypothetical reports are listed (with their modality) though the series leaves them out.
        out.append(
            f'<h3 id="p-{label}">{label} ({p["events"]} events; {len(events)} reports)</h3>'
            f"{_event_rows(events)}"
        )
    return "".join(out)


def _ladder_table(ladder: list[dict[str, Any]]) -> str:
    if not ladder:
        return '<p class="muted">No relationship status stated.</p>'
    rows = "".join(
        f'<tr id="s-{i}"><td>{escape(str(r["status"]))}</td><td>{escape(r["since"] or "—")}</td>'
        f"<td>{escape(r['first_stated'] or '—')}</td><td>{escape('; '.join(r['sources']))}</td>"
        "<td>"
        + " ".join(f'<a href="#f-{escape(fid)}">evidence {k + 1}</a>' for k, fid in enumerate(r["fact_ids"]))
        + "</td></tr>"
        for i, r in enumerate(ladder)
    )
    head = "<tr><th>status</th><th>since</th><th>first stated</th><th>sources</th><th>evidence</th></tr>"
    return f'<table class="status-ladder"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _value(fact: dict[str, Any]) -> str:
    value = fact["value"]
    if isinstance(value, float):
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"
    else:
        text = "—" if value is None else str(value)
    return f"{text} {fact['unit']}" if fact.get("unit") else text


def _fact_period(fact: dict[str, Any]) -> str:
    """The stated period, else the article's date in brackets (a fact is as of its article), else —."""
    if fact.get("period"):
        return str(fact["period"])
    return f"({fact['publication_date']}, article)" if fact.get("publication_date") else "—"


def _facts_table(facts: list[dict[str, Any]]) -> str:
    if not facts:
        return '<p class="muted">No facts stated.</p>'
    rows = "".join(
        f'<tr id="fr-{escape(f["id"])}" class="fact {f["corroboration"]}"><td>{escape(f["measure"])}</td>'
        f"<td>{escape(f['subject'])}</td><td>{escape(_fact_period(f))}</td>"
        f"<td>{escape(_value(f))}</td>"
        f'<td><span class="{f["corroboration"]}" title="{f["corroboration"]}">{escape(f["mark"])}</span></td>'
        f"<td>{escape(f['source_stated'] or f['outlet'] or f['title'] or '')}</td>"
        f'<td><a href="#f-{escape(f["id"])}">evidence</a></td></tr>'
        for f in facts
    )
    head = (
        "<tr><th>measure</th><th>subject</th><th>period</th><th>value</th><th>mark</th><th>source</th>"
        "<th>evidence</th></tr>"
    )
    return (
        '<p class="muted">✓ corroborated by another document; ⚠ in conflict with another document.</p>'
        f'<table class="facts"><thead>{head}</thead><tbody>{rows}</tbody></table>'
    )


def _evidence_section(store: Store, facts: list[dict[str, Any]], listed: set[str]) -> str:
    """Each fact's evidence highlighted inside its article's text (a window around it);
    ``listed``: ids of the facts in the facts table (the others are status-ladder facts)."""
    texts: dict[str, str] = {}
    out = []
    for f in facts:
        doc_id = f["doc_id"]
        if doc_id not in texts:
            doc = query.get_document(store, doc_id)
            texts[doc_id] = str(doc["text"]) if doc else ""
        text, ev = texts[doc_id], f["evidence"]
        start, end = ev["start"], ev["end"]
        if isinstance(start, int) and isinstance(end, int) and text[start:end] == ev["text"]:
            a, b = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
            body = (
                f"{'…' if a else ''}{escape(text[a:start])}<mark>{escape(text[start:end])}</mark>"
                f"{escape(text[end:b])}{'…' if b < len(text) else ''}"
            )
        else:
            body = f"<mark>{escape(ev['text'] or '')}</mark>"
        back = f"#fr-{escape(f['id'])}" if f["id"] in listed else "#status-ladder"
        out.append(
            f'<div class="ev" id="f-{escape(f["id"])}"><p class="muted">{escape(f["measure"])} — '
            f"{escape(f['title'] or doc_id)} ({escape(str(f['publication_date'] or '?'))})"
            f' <a href="{back}">↑</a></p><blockquote>{body}</blockquote></div>'
        )
    return "".join(out)


def _map(store: Store, dyad: tuple[str, str]) -> str:
    places = query.event_places(store, query.EventFilter(dyad=dyad))
    if not places:
        return '<p class="muted">No event of the pair has a place the gazetteer knows.</p>'
    return (
        f'{map_svg(places)}<p class="muted">Events by place: the event\'s location, else a place named'
        " in its sentence, geocoded offline; a hollow marker names only a country (at its capital)."
        " Land: Natural Earth (public domain).</p>"
    )


def render_report(
    store: Store, dyad: tuple[str, str], *, freq: str = "month", kb: RoleSource | None = None
) -> str:
    """The report of ``dyad`` as one HTML document (a string); ``kb`` names the office each
    person held on the event's date (the actor knowledge base; None leaves roles out)."""
    series = query.dyad_series(store, dyad, freq=freq)
    periods = series["periods"]
    slots = query.dyad_series(store, dyad, freq=freq, fill=True)["periods"]
    name = escape("–".join(dyad))
    every = [
        named_event(e, kb) for e in query.find_events(store, query.EventQuery(dyad=dyad, limit=500)).items
    ]
    ladder = query.status_ladder(store, dyad)
    facts = query.all_facts(store, dyad=dyad, marker=mark_facts)
    figures = [f for f in facts if f["measure"] != "relationship_status"]
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    total = sum(int(p["events"]) for p in periods) + int(series["unplaced"])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>comity report {name}</title><style>{CSS}{CHART_CSS}{MAP_CSS}</style></head><body>"
        f'<h1>Relations {name}</h1><p class="muted">{total} events (one per cluster of reports of the'
        " same real-world event; negated and hypothetical reports left out, as in `comity series`"
        f" and `comity timeline`); generated {generated} by comity {escape(__version__)};"
        f" bars are events per {escape(freq)} (cooperation up, conflict down; verbal light, material"
        " dark), dots the mean Goldstein score (−10 conflict … +10 cooperation).</p>"
        f'{chart_svg(slots, ladder, freq)}<p class="muted">One slot per {escape(freq)}, empty ones too;'
        " dashed lines: changes of relationship status.</p>"
        f'<h2 id="map">Where</h2>{_map(store, dyad)}'
        f'<h2 id="status-ladder">Status ladder</h2>{_ladder_table(ladder)}'
        f'<h2 id="facts">Facts</h2>{_facts_table(figures)}'
        f"<h2>Timeline</h2>{_period_table(periods)}"
        f"<h2>Events by {escape(freq)}</h2>{_periods_section(store, dyad, periods, kb)}"
        f'<h2>All reports of the pair</h2><p class="muted">Every report, whatever its modality;'
        f" {series['unplaced']} of the events are dated too coarsely for a {escape(freq)} and appear"
        f" only here.</p>{_event_rows(every)}"
        f'<h2 id="evidence">Evidence of the status ladder and the facts</h2>{_evidence_section(store, facts, {f["id"] for f in figures})}'
        "</body></html>\n"
    )
