"""The world's land as one SVG path, for the dashboard's and the report's maps (no tiles, no network).

Data: ``data/land-110m.json`` (Natural Earth 1:110m land, public domain, as TopoJSON from
world-atlas; see ``data/README.md``). The projection is equirectangular on a ``WIDTH`` x
``HEIGHT`` canvas: x grows with longitude from -180, y with latitude down from +90, so a marker
is placed with ``project`` alone.

>>> project(105.84, 21.02)
(571.7, 138.0)
"""

from __future__ import annotations

import functools
import json
from html import escape
from importlib import resources
from typing import Any

WIDTH, HEIGHT = 720, 360


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Canvas coordinates of a point (equirectangular, one decimal)."""
    return round((longitude + 180) / 360 * WIDTH, 1), round((90 - latitude) / 180 * HEIGHT, 1)


@functools.lru_cache(maxsize=1)
def land_path() -> str:
    """The land as an SVG path ``d`` on the ``WIDTH`` x ``HEIGHT`` canvas."""
    topology = json.loads(
        (resources.files("comity.web") / "data" / "land-110m.json").read_text(encoding="utf-8")
    )
    arcs = _decoded_arcs(topology)
    rings = []
    for geometry in _geometries(topology["objects"]["land"]):
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                rings.append(_ring_path(_ring(ring, arcs)))
    return "".join(rings)


def _geometries(obj: dict[str, Any]) -> list[dict[str, Any]]:
    return list(obj["geometries"]) if obj["type"] == "GeometryCollection" else [obj]


def _decoded_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Quantised, delta-encoded arcs -> lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's points: its arcs joined, a negative index (~i) meaning arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _ring_path(points: list[tuple[float, float]]) -> str:
    """The ring as a closed subpath; a ring that crosses the antimeridian (Chukotka, Fiji) is drawn
    unwrapped, once more shifted by a full turn, so that no line crosses the whole map."""
    unwrapped, shift, previous = [], 0.0, None
    for lon, lat in points:
        if previous is not None and abs(lon + shift - previous) > 180:
            shift += 360 if previous > lon + shift else -360
        previous = lon + shift
        unwrapped.append((previous, lat))
    lons = [lon for lon, _ in unwrapped]
    shifts = [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
    return "".join(
        "M" + "L".join("{:g},{:g}".format(*project(lon + turn, lat)) for lon, lat in unwrapped) + "Z"
        for turn in shifts
    )


def map_extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """A 2:1 window (x, y, width, height) around ``points`` (at least 40° wide), else the world;
    the dashboard's ``mapExtent`` does the same."""
    if not points:
        return 0, 0, WIDTH, HEIGHT
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(80.0, max(xs) - min(xs) + 24)
    height = max(width / 2, max(ys) - min(ys) + 24)
    width = max(width, 2 * height)
    return (max(xs) + min(xs) - width) / 2, (max(ys) + min(ys) - height) / 2, width, height


def map_svg(places: list[dict[str, Any]]) -> str:
    """An inline SVG map of ``places`` (``comity.query.event_places`` rows): the land, and a marker
    sized by events at each place, its name and counts in a tooltip."""
    points = [project(p["longitude"], p["latitude"]) for p in places]
    x, y, width, height = map_extent(points)
    unit = width / 1000
    most = max([1, *(int(p["events"]) for p in places)])
    parts = [
        f'<svg class="map" viewBox="{x:g} {y:g} {width:g} {height:g}" role="img" aria-label="where the events happened">',
        f'<rect class="sea" x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"/>',
        f'<path class="land" d="{land_path()}"/>',
    ]
    labelled: list[tuple[float, float, float, float]] = []  # a label that would overlap one is left out
    labels: list[str] = []  # drawn after every marker, so that no marker hides one
    for place, (px, py) in sorted(zip(places, points, strict=True), key=lambda item: -int(item[0]["events"])):
        radius = (4 + 10 * (int(place["events"]) / most) ** 0.5) * unit
        name = escape(str(place["name"]))
        tip = escape(f"{place['name']}: {place['events']} events ({place['reports']} reports)")
        parts.append(
            f'<circle class="marker {escape(str(place["kind"]))}" cx="{px:g}" cy="{py:g}" r="{radius:.2f}"'
            f' data-place="{name}"><title>{tip}</title></circle>'
        )
        box = (
            px + radius + 2 * unit,
            py - 7 * unit,
            px + radius + (4 + 6.4 * len(place["name"])) * unit,
            py + 6 * unit,
        )
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in labelled):
            labelled.append(box)
            labels.append(
                f'<text x="{box[0]:.2f}" y="{py + 4 * unit:.2f}" font-size="{11 * unit:.2f}">{name}</text>'
            )
    parts += [*labels, "</svg>"]
    return "".join(parts)


#: The report's map style (the dashboard's is in static/app.css).
MAP_CSS = (
    "svg.map{width:100%;height:auto}svg.map .sea{fill:#dfeaf5}svg.map .land{fill:#f4f1e8;stroke:#9aa3ad;"
    "stroke-width:.6;vector-effect:non-scaling-stroke}svg.map .marker{fill:#1f4e79;fill-opacity:.75}"
    "svg.map .marker.country{fill:none;stroke:#1f4e79;stroke-width:2;vector-effect:non-scaling-stroke}"
    "svg.map text{fill:#1d2330}"
)
