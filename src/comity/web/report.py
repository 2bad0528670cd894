"""The static report: one self-contained HTML file (inline CSS and SVG, no script, no network).

Not a stable API: ``comity report`` is the way to call it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from comity import query
from comity._version import __version__
from comity.store.base import Store

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


def chart_svg(periods: list[dict[str, Any]]) -> str:
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
    parts.append("</svg>")
    return "".join(parts)


def _period_table(periods: list[dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td><a href="#p-{escape(str(p["period"]))}">{escape(str(p["period"]))}</a></td>'
        f"<td>{p['events']}</td><td>{p['goldstein_mean']}</td><td>{p['cooperative']}</td>"
        f"<td>{p['conflictual']}</td></tr>"
        for p in periods
    )
    head = "<tr><th>period</th><th>events</th><th>mean Goldstein</th><th>cooperative</th><th>conflictual</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"


def _event_rows(events: list[dict[str, Any]]) -> str:
    rows = []
    for e in events:
        rows.append(
            f'<tr id="e-{escape(e["id"])}"><td>{escape(_when(e))}</td>'
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
        out.append(f'<h3 id="p-{label}">{label} ({len(events)} events)</h3>{_event_rows(events)}')
    return "".join(out)


def render_report(store: Store, dyad: tuple[str, str], *, freq: str = "month") -> str:
    """The report of ``dyad`` as one HTML document (a string)."""
    series = query.series(store, dyad, freq=freq)
    periods = series["periods"]
    name = escape("–".join(dyad))
    every = query.find_events(store, query.EventQuery(dyad=dyad, limit=500)).items
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    total = sum(int(p["events"]) for p in periods) + int(series["unplaced"])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>comity report {name}</title><style>{CSS}</style></head><body>"
        f'<h1>Relations {name}</h1><p class="muted">{total} events; generated {generated} by comity'
        f" {escape(__version__)}; bars are events per {escape(freq)}, dots the mean Goldstein score"
        " (−10 conflict … +10 cooperation).</p>"
        f"{chart_svg(periods)}<h2>Timeline</h2>{_period_table(periods)}"
        f"<h2>Events by {escape(freq)}</h2>{_periods_section(store, dyad, periods)}"
        f'<h2>All events of the pair</h2><p class="muted">{series["unplaced"]} of them are dated too'
        f" coarsely for a {escape(freq)} and appear only here.</p>{_event_rows(every)}</body></html>\n"
    )
