// comity chart: a true time axis (one slot per period, empty ones too), cooperation drawn up and
// conflict down (PLOVER quad classes, verbal and material stacked), the mean Goldstein score on
// its own right-hand axis, and status changes marked in a band above the plot so that no label
// overlaps a bar or another label. Uses `el` from app.js; loaded before it.
"use strict";

const SIDES = {
  cooperation: ["verbal_cooperation", "material_cooperation"],
  conflict: ["verbal_conflict", "material_conflict"],
};
const SERIES_FIELDS = ["events", "verbal_cooperation", "material_cooperation", "verbal_conflict",
  "material_conflict", "other", "goldstein_mean", "coop_conflict_index"];

const pad2 = (n) => String(n).padStart(2, "0");

function nextPeriod(key, freq) {
  const year = Number(key.slice(0, 4));
  if (freq === "year") return String(year + 1);
  if (freq === "quarter") {
    const q = Number(key.slice(6));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  }
  if (freq === "day") {
    const d = new Date(`${key}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  const month = Number(key.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${pad2(month + 1)}`;
}

function periodRange(first, last, freq) {
  // Every period from first to last, both included (keys compare as strings in time order).
  const out = [];
  for (let key = first; key <= last && out.length < 20000; key = nextPeriod(key, freq)) out.push(key);
  return out;
}

function periodBounds(period, freq) {
  if (freq === "quarter") {
    const first = 3 * Number(period.slice(6)) - 2;
    return { since: `${period.slice(0, 4)}-${pad2(first)}`, until: `${period.slice(0, 4)}-${pad2(first + 2)}` };
  }
  return { since: period, until: period };
}

function filledPeriods(rows, keys, freq) {
  // The rows of `comity series`, with an empty row in every slot of `keys` that has none.
  const byKey = Object.fromEntries(rows.map((r) => [r.period, r]));
  return keys.map((key) => byKey[key] || { period: key, events: 0, verbal_cooperation: 0, material_cooperation: 0,
    verbal_conflict: 0, material_conflict: 0, other: 0, goldstein_mean: null, coop_conflict_index: null,
    ...periodBounds(key, freq) });
}

const sideTotal = (p, side) => SIDES[side].reduce((n, quad) => n + (p[quad] || 0), 0);

function laneFor(lanes, start, end) {
  // The first lane whose last label ends before `start` (labels in one lane never overlap).
  let lane = lanes.findIndex((right) => right < start - 6);
  if (lane < 0) { lanes.push(-Infinity); lane = lanes.length - 1; }
  lanes[lane] = end;
  return lane;
}

function ladderPlacements(ladder, periods, x, step, W) {
  const placed = [];
  const lanes = [];
  for (const rung of ladder || []) {
    if (!rung.date) continue;
    let i = -1;
    periods.forEach((p, k) => { if (p.since <= rung.date) i = k; });
    if (i < 0) continue;
    const p = periods[i];
    const lx = x(i) + (rung.date.slice(0, p.until.length) > p.until ? step / 2 : 0);
    const label = `${rung.status} (${rung.since ? "since" : "stated"} ${rung.date})`;
    const width = label.length * 5.6 + 4;
    const toLeft = lx + width > W - 4;
    const [start, end] = toLeft ? [lx - width, lx] : [lx, lx + width];
    placed.push({ rung, lx, label, toLeft, lane: laneFor(lanes, start, end) });
  }
  return { placed, lanes: lanes.length };
}

function seriesChart(periods, opts) {
  const { onSelect, ladder, freq, dyad } = opts;
  const W = 760, left = 58, right = 54, laneH = 13, plotH = 220, bottom = 48;
  const plotW = W - left - right;
  const step = plotW / Math.max(1, periods.length);
  const x = (i) => left + step * i + step / 2;
  const { placed, lanes } = ladderPlacements(ladder, periods, x, step, W);
  const top = 10 + lanes * laneH + (lanes ? 6 : 0);
  const H = top + plotH + bottom, zero = top + plotH / 2, half = plotH / 2;
  const most = Math.max(1, ...periods.map((p) => Math.max(sideTotal(p, "cooperation"), sideTotal(p, "conflict"))));
  const yUp = (n) => zero - (n / most) * half;
  const yDown = (n) => zero + (n / most) * half;
  const yGold = (g) => zero - (g / 10) * half;
  const svg = el("svg:svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "data-dyad": dyad,
    "aria-label": `${dyad}: cooperation and conflict events per ${freq}, and mean Goldstein score` });
  const ticks = [...new Set([most, Math.round(most / 2), 0])].filter((n) => n >= 0);
  svg.append(
    el("svg:line", { class: "axis", x1: left, y1: top, x2: left, y2: top + plotH }),
    el("svg:line", { class: "axis", x1: W - right, y1: top, x2: W - right, y2: top + plotH }),
    el("svg:line", { class: "zero", x1: left, y1: zero, x2: W - right, y2: zero }),
    ...ticks.flatMap((n) => [yUp(n), ...(n ? [yDown(n)] : [])].map((ty) =>
      el("svg:text", { class: "tick left", x: left - 5, y: ty + 4, "text-anchor": "end" }, String(n)))),
    ...[10, 5, 0, -5, -10].map((g) => el("svg:text", { class: "tick right", x: W - right + 5, y: yGold(g) + 4 },
      g > 0 ? `+${g}` : g < 0 ? `−${-g}` : "0")),
    el("svg:text", { class: "axis-title", transform: `translate(14 ${zero}) rotate(-90)`, "text-anchor": "middle" },
      `events per ${freq} (▲ coop. · ▼ conflict)`),
    el("svg:text", { class: "axis-title", transform: `translate(${W - 10} ${zero}) rotate(90)`, "text-anchor": "middle" },
      "mean Goldstein (−10 … +10)"),
    el("svg:text", { class: "axis-title", x: left + plotW / 2, y: H - 6, "text-anchor": "middle" }, freq));
  const select = (period) => {
    svg.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
    svg.querySelectorAll(`[data-period="${period}"]`).forEach((n) => n.classList.add("selected"));
    onSelect(period);
  };
  const barW = Math.max(2, Math.min(36, step * 0.7));
  const every = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    const coop = sideTotal(p, "cooperation"), conflict = sideTotal(p, "conflict");
    svg.append(el("svg:rect", { class: "slot", x: left + step * i, y: top, width: step, height: plotH,
      "data-period": p.period, "data-events": p.events, "data-cooperation": coop, "data-conflict": conflict,
      onclick: () => select(p.period) }, el("svg:title", {}, `${p.period}: ${p.events} events`)));
    let up = 0, down = 0;
    for (const [side, quads] of Object.entries(SIDES)) {
      for (const quad of quads) {
        const n = p[quad] || 0;
        if (!n) continue;
        const [y0, y1] = side === "cooperation" ? [yUp(up + n), yUp(up)] : [yDown(down), yDown(down + n)];
        if (side === "cooperation") up += n; else down += n;
        svg.append(el("svg:rect", { class: `bar ${side} ${quad.split("_")[0]}`, "data-period": p.period,
          "data-quad": quad, x: x(i) - barW / 2, y: y0, width: barW, height: y1 - y0, onclick: () => select(p.period) },
        el("svg:title", {}, `${p.period}: ${n} ${quad.replace("_", " ")}`)));
      }
    }
    if (i % every === 0) {
      svg.append(el("svg:text", { class: "tick x", x: x(i), y: top + plotH + 16, "text-anchor": "middle" }, p.period));
    }
  });
  // The Goldstein line joins neighbouring periods only: an empty period breaks it.
  periods.forEach((p, i) => {
    const q = periods[i + 1];
    if (q && p.goldstein_mean !== null && q.goldstein_mean !== null) {
      svg.append(el("svg:line", { class: "line", x1: x(i), y1: yGold(p.goldstein_mean), x2: x(i + 1), y2: yGold(q.goldstein_mean) }));
    }
  });
  periods.forEach((p, i) => {
    if (p.goldstein_mean === null) return;
    const g = p.goldstein_mean;
    svg.append(el("svg:circle", { class: `point ${g > 0 ? "coop" : g < 0 ? "conf" : "neutral"}`, cx: x(i), cy: yGold(g),
      r: 4.5, "data-period": p.period, "data-count": p.events, "data-goldstein": g, "data-since": p.since,
      "data-until": p.until, onclick: () => select(p.period) },
    el("svg:title", {}, `${p.period}: ${p.events} events, mean Goldstein ${g}`)));
  });
  for (const m of placed) {
    const ty = 10 + m.lane * laneH + 9;
    svg.append(el("svg:g", { class: "ladder-marker", "data-status": m.rung.status, "data-date": m.rung.date, "data-lane": m.lane },
      el("svg:line", { x1: m.lx, y1: ty + 3, x2: m.lx, y2: top + plotH }),
      el("svg:text", { x: m.toLeft ? m.lx - 3 : m.lx + 3, y: ty, "text-anchor": m.toLeft ? "end" : "start" }, m.label),
      el("svg:title", {}, m.label)));
  }
  return svg;
}

function chartLegend() {
  const key = (cls, text) => el("span", {}, el("i", { class: `swatch ${cls}` }), text);
  return el("p", { class: "legend muted" }, key("cooperation verbal", "verbal cooperation"),
    key("cooperation material", "material cooperation"), key("conflict verbal", "verbal conflict"),
    key("conflict material", "material conflict"), key("goldstein", "mean Goldstein"),
    key("status", "change of relationship status"));
}

function seriesCsv(shown) {
  // shown: [{dyad, periods}] -> the CSV text of every slot on screen (empty periods included).
  const quote = (v) => (v === null || v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  const lines = [["dyad", "period", ...SERIES_FIELDS].join(",")];
  for (const { dyad, periods } of shown) {
    for (const p of periods) lines.push([dyad, p.period, ...SERIES_FIELDS.map((f) => p[f])].map(quote).join(","));
  }
  return `${lines.join("\n")}\n`;
}

function downloadLink(shown, name) {
  const url = URL.createObjectURL(new Blob([seriesCsv(shown)], { type: "text/csv" }));
  return el("a", { id: "download-csv", class: "button", href: url, download: name }, "Download CSV");
}
