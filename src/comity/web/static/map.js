// comity dashboard: where events happened, on an offline world outline (Natural Earth land, served
// by this server as one SVG path: no tiles, no network). Uses el, api, show from app.js.
"use strict";

function mapExtent(points, canvas) {
  // A 2:1 window around the markers (at least 40° wide), else the whole world.
  if (!points.length) return [0, 0, canvas.width, canvas.height];
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const pad = 12;
  let w = Math.max(80, Math.max(...xs) - Math.min(...xs) + 2 * pad);
  let h = Math.max(w / 2, Math.max(...ys) - Math.min(...ys) + 2 * pad);
  w = Math.max(w, 2 * h);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  return [cx - w / 2, cy - h / 2, w, h];
}

function worldMap(outline, places, onSelect) {
  const project = (lon, lat) => ({ x: ((lon + 180) / 360) * outline.width, y: ((90 - lat) / 180) * outline.height });
  const points = places.map((p) => ({ ...p, ...project(p.longitude, p.latitude) }));
  const [vx, vy, vw, vh] = mapExtent(points, outline);
  const unit = vw / 1000; // one screen pixel, about, in map units
  const most = Math.max(1, ...points.map((p) => p.events));
  const labelled = []; // boxes of the labels drawn: a label that would overlap one is left to the tooltip
  const svg = el("svg:svg", { class: "map", viewBox: `${vx} ${vy} ${vw} ${vh}`, role: "img",
    "aria-label": "Where the events happened" },
  el("svg:rect", { class: "sea", x: vx, y: vy, width: vw, height: vh }),
  el("svg:path", { class: "land", d: outline.land }));
  for (const p of [...points].sort((a, b) => b.events - a.events)) {
    const r = (4 + 10 * Math.sqrt(p.events / most)) * unit;
    const box = [p.x + r + 2 * unit, p.y - 7 * unit, p.x + r + (4 + 6.4 * p.name.length) * unit, p.y + 6 * unit];
    const free = !labelled.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
    if (free) labelled.push(box);
    const where = [p.name, p.country_name && p.country_name !== p.name ? p.country_name : null].filter(Boolean).join(", ");
    const label = `${where}: ${p.events} event${p.events === 1 ? "" : "s"} (${p.reports} report${p.reports === 1 ? "" : "s"})`;
    svg.append(el("svg:g", { class: `marker-group ${p.kind}` },
      el("svg:circle", { class: `marker ${p.kind}`, cx: p.x, cy: p.y, r, "data-place": p.name, "data-kind": p.kind,
        "data-events": p.events, "data-latitude": p.latitude, "data-longitude": p.longitude, onclick: () => onSelect(p) },
      el("svg:title", {}, p.kind === "country" ? `${label} — placed at the capital: the text names only the country` : label)),
      free ? el("svg:text", { class: "place-label", x: box[0], y: p.y + 4 * unit, "font-size": 11 * unit,
        "stroke-width": 2.5 * unit, "data-place": p.name }, p.name) : null));
  }
  svg.append(...svg.querySelectorAll("text.place-label")); // labels above every marker
  return svg;
}

async function mapView(params) {
  const filters = Object.fromEntries(["dyad", "type", "since", "until"].map((k) => [k, params.get(k) || ""]));
  const [outline, places, pairs] = await Promise.all([api("/api/map/outline"), api("/api/places", filters),
    api("/api/dyads", { limit: 50 })]);
  const box = el("section", { id: "place-events" }, el("p", { class: "muted" }, "Click a marker to list its events."));
  const onSelect = (p) => box.replaceChildren(
    el("h2", {}, `${p.name}${p.country_name && p.country_name !== p.name ? ` (${p.country_name})` : ""}: ${p.events} event${p.events === 1 ? "" : "s"}`),
    el("table", { class: "events" }, el("tbody", {}, p.items.map((e) => el("tr", { class: "event-row", onclick: () => (location.hash = `#/event/${e.id}`) },
      el("td", {}, e.date || "?"), el("td", {}, el("span", { class: "tag" }, e.type)),
      el("td", { class: "evidence" }, el("a", { href: `#/event/${e.id}` }, e.evidence || "")))))));
  const pairSelect = el("select", { id: "map-dyad", onchange: (e) => (location.hash = `#/map${e.target.value ? `?dyad=${e.target.value}` : ""}`) },
    el("option", { value: "" }, "all pairs"), pairs.map((p) => el("option", { value: p.dyad, selected: p.dyad === filters.dyad || null }, p.dyad)));
  const unplaced = places.length ? "" : " No event has a place the gazetteer knows.";
  show(el("h1", {}, `Where events happened${filters.dyad ? `: ${filters.dyad.replace("-", " – ")}` : ""}`),
    el("div", { class: "controls" }, el("label", {}, "Pair ", pairSelect),
      el("span", { class: "muted" }, `${places.length} places; marker size: events (one per real-world event).${unplaced}`)),
    el("div", { class: "panel" }, worldMap(outline, places, onSelect),
      el("p", { class: "legend muted" }, el("span", {}, "● a city, sea, reef or building named in the sentence"),
        el("span", {}, "○ only the country is named: placed at its capital"),
        el("span", {}, "Land: Natural Earth (public domain)."))),
    box);
}
