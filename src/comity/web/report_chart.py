"""The report's chart as inline SVG, drawn as the dashboard draws it (``static/chart.js``).

A true time axis (one slot per period from the first to the last, empty ones too), cooperation
up and conflict down (PLOVER quad classes, verbal and material stacked), the mean Goldstein score
on its own right-hand axis, and status changes labelled in lanes above the plot so that no label
overlaps a bar or another label.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from html import escape
from typing import Any

WIDTH, LEFT, RIGHT, LANE, PLOT_H, BOTTOM = 760, 58, 54, 13, 220, 48
SIDES = {
    "cooperation": ("verbal_cooperation", "material_cooperation"),
    "conflict": ("verbal_conflict", "material_conflict"),
}
CSS = """
svg.chart .slot{fill:transparent}svg.chart .bar.cooperation.verbal{fill:#8cc5a3}svg.chart .bar.cooperation.material{fill:#2e7d4f}
svg.chart .bar.conflict.verbal{fill:#e5a09b}svg.chart .bar.conflict.material{fill:#b3261e}svg.chart .coop{fill:#2e7d4f}
svg.chart .conf{fill:#b3261e}svg.chart .neutral{fill:#6b7280}svg.chart .line{stroke:#1d2330;stroke-width:1.5}
svg.chart .zero{stroke:#6b7280}svg.chart .axis{stroke:#d8dde6}svg.chart text{font-size:11px;fill:#6b7280}
svg.chart .axis-title{fill:#1d2330}svg.chart .ladder line{stroke:#7a4fa3;stroke-width:1.5;stroke-dasharray:5 3}
svg.chart .ladder text{fill:#7a4fa3;font-size:10px}
"""


def side_total(period: dict[str, Any], side: str) -> int:
    return sum(int(period.get(quad) or 0) for quad in SIDES[side])


def _ladder_lanes(
    ladder: list[dict[str, Any]], periods: list[dict[str, Any]], x: Callable[[int], float], step: float
) -> tuple[list[tuple[dict[str, Any], float, str, bool, int]], int]:
    placed: list[tuple[dict[str, Any], float, str, bool, int]] = []
    lanes: list[float] = []
    for rung in ladder:
        date = str(rung.get("since") or rung.get("first_stated") or "")
        at = [i for i, p in enumerate(periods) if date and str(p["since"]) <= date]
        if not at:
            continue
        i = at[-1]
        until = str(periods[i]["until"])
        lx = x(i) + (step / 2 if date[: len(until)] > until else 0)
        label = f"{rung['status']} ({'since' if rung.get('since') else 'stated'} {date})"
        width = len(label) * 5.6 + 4
        to_left = lx + width > WIDTH - 4
        start, end = (lx - width, lx) if to_left else (lx, lx + width)
        lane = next((n for n, right in enumerate(lanes) if right < start - 6), len(lanes))
        if lane == len(lanes):
            lanes.append(end)
        lanes[lane] = end
        placed.append(({**rung, "date": date}, lx, label, to_left, lane))
    return placed, len(lanes)


def chart_svg(periods: list[dict[str, Any]], ladder: list[dict[str, Any]] | None, freq: str) -> str:
    """``periods``: the series rows of every slot (``dyad_series(..., fill=True)``), oldest first."""
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(1, len(periods))

    def x(i: int) -> float:
        return LEFT + step * i + step / 2

    placed, lanes = _ladder_lanes(ladder or [], periods, x, step)
    top = 10 + lanes * LANE + (6 if lanes else 0)
    height, zero, half = top + PLOT_H + BOTTOM, top + PLOT_H / 2, PLOT_H / 2
    most = max([1, *(max(side_total(p, "cooperation"), side_total(p, "conflict")) for p in periods)])

    def y_gold(g: float) -> float:
        return zero - g / 10 * half

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img"'
        f' aria-label="cooperation and conflict events per {escape(freq)}, and mean Goldstein score">',
        f'<line class="axis" x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{top + PLOT_H}"/>',
        f'<line class="axis" x1="{WIDTH - RIGHT}" y1="{top}" x2="{WIDTH - RIGHT}" y2="{top + PLOT_H}"/>',
        f'<line class="zero" x1="{LEFT}" y1="{zero}" x2="{WIDTH - RIGHT}" y2="{zero}"/>',
        *_axes(most, zero, half, top, height, freq),
    ]
    every = -(-len(periods) // 12)
    for i, p in enumerate(periods):
        parts += _slot(i, p, x, step, top, zero, half, most)
        if i % every == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + PLOT_H + 16}" text-anchor="middle">{escape(str(p["period"]))}</text>'
            )
    parts += _goldstein(periods, x, y_gold)
    for rung, lx, label, to_left, lane in placed:
        ty = 10 + lane * LANE + 9
        text = escape(label)
        parts.append(
            f'<g class="ladder" data-status="{escape(str(rung["status"]))}" data-date="{escape(rung["date"])}">'
            f'<line x1="{lx:.1f}" y1="{ty + 3}" x2="{lx:.1f}" y2="{top + PLOT_H}"/>'
            f'<text x="{lx - 3 if to_left else lx + 3:.1f}" y="{ty}" text-anchor="{"end" if to_left else "start"}">'
            f"{text}</text><title>{text}</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _axes(most: int, zero: float, half: float, top: int, height: int, freq: str) -> list[str]:
    out = []
    for n in sorted({most, round(most / 2), 0}):
        for y in {zero - n / most * half, zero + n / most * half}:
            out.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end">{n}</text>')
    for g in (10, 5, 0, -5, -10):
        label = f"+{g}" if g > 0 else f"−{-g}" if g < 0 else "0"
        out.append(f'<text x="{WIDTH - RIGHT + 5}" y="{zero - g / 10 * half + 4:.1f}">{label}</text>')
    out += [
        f'<text class="axis-title" transform="translate(14 {zero}) rotate(-90)" text-anchor="middle">'
        f"events per {escape(freq)} (▲ coop. · ▼ conflict)</text>",
        f'<text class="axis-title" transform="translate({WIDTH - 10} {zero}) rotate(90)" text-anchor="middle">'
        "mean Goldstein (−10 … +10)</text>",
        f'<text class="axis-title" x="{LEFT + (WIDTH - LEFT - RIGHT) / 2}" y="{height - 6}" text-anchor="middle">'
        f"{escape(freq)}</text>",
    ]
    return out


def _slot(
    i: int,
    p: dict[str, Any],
    x: Callable[[int], float],
    step: float,
    top: int,
    zero: float,
    half: float,
    most: int,
) -> list[str]:
    label = escape(str(p["period"]))
    coop, conflict = side_total(p, "cooperation"), side_total(p, "conflict")
    slot = (
        f'<rect class="slot" data-period="{label}" data-events="{p["events"]}" data-cooperation="{coop}"'
        f' data-conflict="{conflict}" x="{LEFT + step * i:.1f}" y="{top}" width="{step:.1f}" height="{PLOT_H}">'
        f"<title>{label}: {p['events']} events</title></rect>"
    )
    out = [f'<a href="#p-{label}">{slot}</a>' if p["events"] else slot]
    bar_w = max(2.0, min(36.0, step * 0.7))
    for side, quads in SIDES.items():
        stacked = 0
        for quad in quads:
            n = int(p.get(quad) or 0)
            if not n:
                continue
            a, b = stacked / most * half, (stacked + n) / most * half
            y0, y1 = (zero - b, zero - a) if side == "cooperation" else (zero + a, zero + b)
            stacked += n
            out.append(
                f'<rect class="bar {side} {quad.split("_")[0]}" data-period="{label}" data-quad="{quad}"'
                f' x="{x(i) - bar_w / 2:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" height="{y1 - y0:.1f}">'
                f"<title>{label}: {n} {quad.replace('_', ' ')}</title></rect>"
            )
    return out


def _goldstein(
    periods: list[dict[str, Any]], x: Callable[[int], float], y: Callable[[float], float]
) -> list[str]:
    """The mean Goldstein line (broken by an empty period) and its points."""
    out = []
    for i, (p, q) in enumerate(itertools.pairwise(periods)):
        if p["goldstein_mean"] is not None and q["goldstein_mean"] is not None:
            out.append(
                f'<line class="line" x1="{x(i):.1f}" y1="{y(float(p["goldstein_mean"])):.1f}"'
                f' x2="{x(i + 1):.1f}" y2="{y(float(q["goldstein_mean"])):.1f}"/>'
            )
    for i, p in enumerate(periods):
        if p["goldstein_mean"] is None:
            continue
        g = float(p["goldstein_mean"])
        kind = "coop" if g > 0 else "conf" if g < 0 else "neutral"
        label = escape(str(p["period"]))
        out.append(
            f'<circle class="{kind}" cx="{x(i):.1f}" cy="{y(g):.1f}" r="4.5" data-period="{label}"'
            f' data-goldstein="{g}"><title>{label}: mean Goldstein {g}</title></circle>'
        )
    return out
