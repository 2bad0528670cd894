"""The static report: one self-contained HTML file (inline CSS and SVG, no script, no network).

Not a stable API: ``comity report`` is the way to call it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from comity import query
from comity._version import __version__
from comity.resolve.marks import mark_facts
from comity.store.base import Store

#: Characters of article text shown around a fact's evidence in the report's evidence section.
CONTEXT = 160

CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1d2330;max-width:1000px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde6}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;
border-bottom:1px solid #d8dde6}th{font-size:.8rem;text-transform:uppercase;color:#6b7280}
.muted{color:#6b7280}.tag{background:#e7edf5;border-radius:3px;padding:0 .3rem;font-size:.85rem}
blockquote{margin:.2rem 0 0;padding:.2rem .6rem;border-left:3px solid #e0a800;background:#fffbea}
svg .bar{fill:#9db7d5}svg .coop{fill:#2e7d4f}svg .conf{fill:#b3261e}svg .neutral{fill:#6b7280}
svg .line{fill:none;stroke:#1d2330;stroke-width:1.5}svg .zero{stroke:#6b7280;stroke-dasharray:3 3}
svg .axis{stroke:#d8dde6}svg text{font-size:11px;fill:#6b7280}
svg .ladder line{stroke:#7a4fa3;stroke-width:1.5;stroke-dasharray:5 3}svg .ladder text{fill:#7a4fa3;font-size:10px}
mark{background:#ffe58a}.corroborated{color:#2e7d4f;font-weight:700}.conflict{color:#c77700;font-weight:700}
.ev{margin:.6rem 0;padding:.4rem .6rem;border:1px solid #d8dde6}:target{outline:2px solid #e0a800}
"""


def _actors(actors: list[dict[str, Any]]) -> str:
    return (
        ", ".join(str(a.get("code") or a.get("country") or a.get("name") or a.get("text")) for a in actors)
        or "?"
    )


def _when(event: dict[str, Any]) -> str:
    """The event's own date when it is a calendar date, else its article's date."""
    date = event["date"] or ""
    return date if date[:4].isdigit() else f"{event['doc_date'] or '?'} (article)"


def _ladder_marks(
    periods: list[dict[str, Any]], ladder: list[dict[str, Any]], x: Any, step: float
) -> list[str]:
    out = []
    top, bottom = 16, 220
    for n, rung in enumerate(ladder):
        date = rung.get("since") or rung.get("first_stated")
        at = [i for i, p in enumerate(periods) if str(p["since"]) <= str(date)] if date else []
        if not at:
            continue
        i = at[-1]
        until = str(periods[i]["until"])
        lx = x(i) + (step / 2 if str(date)[: len(until)] > until else 0)
        right = lx > 760 * 0.6
        label = escape(f"{rung['status']} ({'since' if rung.get('since') else 'stated'} {date})")
        out.append(
            f'<g class="ladder" data-status="{escape(str(rung["status"]))}" data-date="{escape(str(date))}">'
            f'<line x1="{lx:.1f}" y1="{top}" x2="{lx:.1f}" y2="{bottom}"/>'
            f'<text x="{lx - 3 if right else lx + 3:.1f}" y="{top + 10 + (n % 4) * 12}"'
            f' text-anchor="{"end" if right else "start"}">{label}</text><title>{label}</title></g>'
        )
    return out


def chart_svg(periods: list[dict[str, Any]], ladder: list[dict[str, Any]] | None = None) -> str:
    """Bars (events per period) and points (mean Goldstein) as an inline SVG element."""
    width, height, left, right, top, bottom = 760, 260, 40, 40, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max([1, *(int(p["events"]) for p in periods)])
    step = plot_w / max(1, len(periods))
    bar_w = max(4.0, min(40.0, step * 0.6))

    def x(i: int) -> float:
        return left + step * i + step / 2

    def y_gold(g: float) -> float:
        return top + plot_h / 2 - (g / 10) * (plot_h / 2)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="events and mean Goldstein">',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>',
        f'<line class="zero" x1="{left}" y1="{y_gold(0):.1f}" x2="{width - right}" y2="{y_gold(0):.1f}"/>',
        f'<text x="4" y="{top + 4}">{most}</text><text x="{width - right + 4}" y="{top + 4}">+10</text>',
        f'<text x="{width - right + 4}" y="{top + plot_h}">−10</text>',
    ]
    points = []
    for i, p in enumerate(periods):
        bar_h = int(p["events"]) / most * plot_h
        label = escape(str(p["period"]))
        parts.append(
            f'<a href="#p-{label}"><rect class="bar" data-period="{label}" x="{x(i) - bar_w / 2:.1f}"'
            f' y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}">'
            f"<title>{label}: {p['events']} events</title></rect></a>"
            f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle">{label}</text>'
        )
        if p["goldstein_mean"] is not None:
            g = float(p["goldstein_mean"])
            points.append((x(i), y_gold(g), g, label))
    if len(points) > 1:
        line = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in points)
        parts.append(f'<polyline class="line" points="{line}"/>')
    for px, py, g, label in points:
        kind = "coop" if g > 0 else "conf" if g < 0 else "neutral"
        parts.append(
            f'<circle class="{kind}" cx="{px:.1f}" cy="{py:.1f}" r="5" data-period="{label}"'
            f' data-goldstein="{g}"><title>{label}: mean Goldstein {g}</title></circle>'
        )
    parts += _ladder_marks(periods, ladder or [], x, step)
    parts.append("</svg>")
    return "".join(parts)


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
            f"<td>{escape(_actors(e['source']))} → {escape(_actors(e['target']))}</td>"
            f"<td>{escape(e['modality'] or '')}</td>"
            f"<td>{escape(str(e['goldstein']))}</td>"
            f"<td><blockquote>{escape(e['evidence']['text'] or '')}</blockquote>"
            f'<span class="muted">{escape(e["doc_title"] or e["doc"] or "")}</span></td></tr>'
        )
    head = "<tr><th>date</th><th>type</th><th>actors</th><th>modality</th><th>Goldstein</th><th>evidence</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _periods_section(store: Store, dyad: tuple[str, str], periods: list[dict[str, Any]]) -> str:
    out = []
    for p in periods:
        flt = query.EventQuery(dyad=dyad, since=p["since"], until=p["until"], limit=500)
        events = query.find_events(store, flt).items
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


def render_report(store: Store, dyad: tuple[str, str], *, freq: str = "month") -> str:
    """The report of ``dyad`` as one HTML document (a string)."""
    series = query.dyad_series(store, dyad, freq=freq)
    periods = series["periods"]
    name = escape("–".join(dyad))
    every = query.find_events(store, query.EventQuery(dyad=dyad, limit=500)).items
    ladder = query.status_ladder(store, dyad)
    facts = query.all_facts(store, dyad=dyad, marker=mark_facts)
    figures = [f for f in facts if f["measure"] != "relationship_status"]
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    total = sum(int(p["events"]) for p in periods) + int(series["unplaced"])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>comity report {name}</title><style>{CSS}</style></head><body>"
        f'<h1>Relations {name}</h1><p class="muted">{total} events (one per cluster of reports of the'
        " same real-world event; negated and hypothetical reports left out, as in `comity series`"
        f" and `comity timeline`); generated {generated} by comity {escape(__version__)};"
        f" bars are events per {escape(freq)}, dots the mean Goldstein score"
        " (−10 conflict … +10 cooperation).</p>"
        f'{chart_svg(periods, ladder)}<p class="muted">Dashed lines: changes of relationship status.</p>'
        f'<h2 id="status-ladder">Status ladder</h2>{_ladder_table(ladder)}'
        f'<h2 id="facts">Facts</h2>{_facts_table(figures)}'
        f"<h2>Timeline</h2>{_period_table(periods)}"
        f"<h2>Events by {escape(freq)}</h2>{_periods_section(store, dyad, periods)}"
        f'<h2>All reports of the pair</h2><p class="muted">Every report, whatever its modality;'
        f" {series['unplaced']} of the events are dated too coarsely for a {escape(freq)} and appear"
        f" only here.</p>{_event_rows(every)}"
        f'<h2 id="evidence">Evidence of the status ladder and the facts</h2>{_evidence_section(store, facts, {f["id"] for f in figures})}'
        "</body></html>\n"
    )
