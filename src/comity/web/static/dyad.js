// comity dashboard: the relations of a pair (and of pairs to compare with it) over time, with
// filters (type, modality, outlet, date range) and the CSV of what the charts show.
// Uses el, api, show and the tables from app.js, and the chart from chart.js; loaded before app.js.
"use strict";

const FILTERS = ["type", "modality", "outlet", "since", "until"];
const MODALITIES = ["asserted", "negated", "hypothetical", "future", "historical", "ongoing"];

function dyadHash(dyad, settings) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(settings)) if (value) query.set(key, value);
  return `#/dyad/${dyad}?${query}`;
}

function choice(id, label, options, selected, extra) {
  return el("label", {}, `${label} `, el("select", { id, name: id, ...(extra || {}) },
    options.map(([value, text]) => el("option", { value, selected: value === selected || null }, text))));
}

function filterForm(dyad, pairs, settings, types, outlets) {
  const form = el("form", { class: "controls filters", id: "filters" });
  const read = () => {
    const data = new FormData(form);
    return [data.get("dyad"), {
      freq: data.get("freq"), compare: data.getAll("compare").join(","),
      ...Object.fromEntries(FILTERS.map((k) => [k, (data.get(k) || "").trim()])),
    }];
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); const [d, next] = read(); location.hash = dyadHash(d, next); });
  const compared = (settings.compare || "").split(",");
  form.append(
    choice("dyad", "Pair", pairs.map((p) => [p.dyad, `${p.dyad} (${p.events})`]), dyad),
    el("label", {}, "Compare with ", el("select", { id: "compare", name: "compare", multiple: true, size: 3 },
      pairs.filter((p) => p.dyad !== dyad).map((p) => el("option", { value: p.dyad, selected: compared.includes(p.dyad) || null }, p.dyad)))),
    choice("freq", "Period", ["month", "quarter", "year"].map((f) => [f, f]), settings.freq),
    choice("type", "Type", [["", "all types"], ...types.map((t) => [t, t])], settings.type),
    choice("modality", "Modality", [["", "all"], ...MODALITIES.map((m) => [m, m])], settings.modality),
    choice("outlet", "Outlet", [["", "all outlets"], ...outlets.map((o) => [o.outlet, o.outlet])], settings.outlet),
    el("label", {}, "From ", el("input", { id: "since", name: "since", value: settings.since, placeholder: "YYYY-MM", size: 10, maxlength: 10 })),
    el("label", {}, "to ", el("input", { id: "until", name: "until", value: settings.until, placeholder: "YYYY-MM", size: 10, maxlength: 10 })),
    el("button", { type: "submit" }, "Apply"));
  return form;
}

async function dyadView(dyad, params) {
  const [pairs, summary, outlets] = await Promise.all([api("/api/dyads", { limit: 50 }), api("/api/summary"), api("/api/outlets")]);
  if (!pairs.length) return show(el("h1", {}, "No events yet"), el("p", {}, "Run `comity run examples/articles` first."));
  dyad = dyad || pairs[0].dyad;
  const settings = { freq: params.get("freq") || "month", compare: params.get("compare") || "",
    ...Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""])) };
  const { freq } = settings;
  const filters = Object.fromEntries(FILTERS.map((k) => [k, settings[k]]));
  const shownPairs = [dyad, ...settings.compare.split(",").filter((d) => d && d !== dyad)];
  const [serieses, timelines] = await Promise.all([
    Promise.all(shownPairs.map((d) => api("/api/series", { dyad: d, freq, ...filters }))),
    Promise.all(shownPairs.map((d) => api("/api/timeline", { dyad: d, ...filters })))]);
  // One time axis for every pair shown: from the first to the last period any of them has.
  const placed = serieses.flatMap((s) => s.periods.map((p) => p.period)).sort();
  const keys = placed.length ? periodRange(placed[0], placed[placed.length - 1], freq) : [];
  const shown = serieses.map((s) => ({ dyad: s.dyad, periods: filledPeriods(s.periods, keys, freq), unplaced: s.unplaced }));
  const periodBox = el("section", { id: "period-events" },
    el("p", { class: "muted" }, "Click a period (a bar, a point or its slot) to list its events."));
  const onSelect = (pair, periods) => async (period) => {
    const p = periods.find((q) => q.period === period);
    const page = await api("/api/events", { ...filters, dyad: pair, since: p.since, until: p.until, limit: 200 });
    // The chart counts events (one per cluster, unrealised reports left out); the list shows every
    // report in the period, so say both, as the static report does.
    const heading = `${pair}, ${period}: ${p.events} event${p.events === 1 ? "" : "s"}; ${page.total} report${page.total === 1 ? "" : "s"} (all modalities)`;
    periodBox.replaceChildren(el("h2", {}, heading), eventsTable(page.items));
  };
  const charts = shown.map((s, n) => el("figure", { class: "pair-chart", "data-dyad": s.dyad },
    shown.length > 1 ? el("figcaption", {}, s.dyad.replace("-", " – ")) : null,
    keys.length ? seriesChart(s.periods, { onSelect: onSelect(s.dyad, s.periods), ladder: timelines[n].ladder, freq, dyad: s.dyad })
      : el("p", {}, "No dated events."),
    s.unplaced ? el("p", { class: "muted" }, `${s.unplaced} events dated too coarsely for a ${freq} are not drawn.`) : null));
  const timeline = timelines[0];
  const types = summary.events_by_type.map((t) => t.type).sort();
  show(
    el("h1", {}, `Relations ${dyad.replace("-", " – ")}`),
    filterForm(dyad, pairs, settings, types, outlets),
    el("div", { class: "panel" }, charts, chartLegend(),
      el("p", { class: "muted" }, downloadLink(shown, `comity-${shownPairs.join("_")}-${freq}.csv`),
        " the numbers drawn: one row per pair and period, empty periods included (the rows of `comity series`).")),
    periodBox,
    el("h2", {}, "Status ladder"), ladderTable(timeline.ladder),
    el("h2", {}, `Consolidated events (${timeline.items.length})`),
    el("p", { class: "muted" }, "One row per real-world event, however many reports; hover a name for its code."),
    clustersTable(timeline.items),
    el("p", {}, el("a", { href: `#/facts?dyad=${dyad}` }, `Facts about ${dyad} →`), " ",
      el("a", { href: `#/map?dyad=${dyad}` }, `Map of ${dyad} events →`)),
    pagedEvents({ dyad, ...filters }, "All reports of the pair"));
}
