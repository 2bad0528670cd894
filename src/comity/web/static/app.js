// comity dashboard: hand-written, no dependencies, no network beyond this server's /api.
// Every piece of text from the store is inserted with textContent (never innerHTML).
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const view = document.getElementById("view");

function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function show(...nodes) {
  view.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined));
}

function actorLabel(a) {
  // "Xi Jinping (China, President of ...)": a name, its country and its role at the date (as
  // comity.query.names.actor_label writes it); the code on hover.
  const name = a.name || a.text || a.country_name || a.code || "?";
  const role = a.role || a.sector_name || null;
  const context = [a.country_name !== name ? a.country_name : null, role].filter(Boolean).join(", ");
  return context ? `${name} (${context})` : name;
}

function actorCode(a) {
  return a.code || a.country || "";
}

function actorNames(actors) {
  return (actors || []).map(actorLabel).join("; ") || "?";
}

function actorSpans(actors) {
  if (!actors || !actors.length) return ["?"];
  return actors.flatMap((a, i) => [i ? "; " : null, el("span", { class: "actor", title: actorCode(a) }, actorLabel(a))]);
}

function sidesCell(source, target) {
  return el("td", { class: "actors" }, ...actorSpans(source), " → ", ...actorSpans(target));
}

// ---- events table ---------------------------------------------------------------------

function eventsTable(items) {
  if (!items.length) return el("p", { class: "muted" }, "No events.");
  const rows = items.map((e) =>
    el("tr", { class: "event-row", "data-event-id": e.id, onclick: () => (location.hash = `#/event/${e.id}`) },
      el("td", { title: e.date_text || "" }, /^\d{4}/.test(e.date || "") ? e.date : `${e.doc_date || "?"} (article)`),
      el("td", {}, el("span", { class: "tag" }, e.type), " ", e.cameo ? el("span", { class: "muted" }, e.cameo) : null),
      sidesCell(e.source, e.target),
      el("td", {}, el("span", { class: `tag ${e.modality}` }, e.modality || "")),
      el("td", { class: "evidence" }, el("a", { href: `#/event/${e.id}` }, e.evidence.text || ""))));
  return el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["date", "type", "actors", "modality", "evidence"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
}

function pagedEvents(filters, title) {
  const box = el("section", { class: "paged-events" });
  const load = async (offset) => {
    try {
      const page = await api("/api/events", { ...filters, limit: 50, offset });
      const pager = el("div", { class: "pager" },
        el("button", { disabled: offset === 0, onclick: () => load(Math.max(0, offset - 50)) }, "‹ previous"),
        el("span", { class: "muted" }, `${page.total ? offset + 1 : 0}–${offset + page.items.length} of ${page.total}`),
        el("button", { disabled: offset + page.items.length >= page.total, onclick: () => load(offset + 50) }, "next ›"));
      box.replaceChildren(el("h2", {}, title), pager, eventsTable(page.items));
    } catch (err) {
      box.replaceChildren(el("p", { class: "error" }, err.message));
    }
  };
  load(0);
  return box;
}

// ---- views --------------------------------------------------------------------------------

function ladderTable(ladder) {
  if (!ladder.length) return el("p", { class: "muted" }, "No relationship status stated.");
  return el("table", { class: "ladder" },
    el("thead", {}, el("tr", {}, ["status", "since", "first stated", "sources", "wordings"].map((h) => el("th", {}, h)))),
    el("tbody", {}, ladder.map((r) => el("tr", {},
      el("td", {}, r.status), el("td", {}, r.since || "—"), el("td", {}, r.first_stated || "—"),
      el("td", {}, (r.sources || []).join("; ")), el("td", { class: "muted" }, (r.wordings || []).join(" · "))))));
}

function clustersTable(items) {
  if (!items.length) return el("p", { class: "muted" }, "No events.");
  return el("table", { class: "clusters" },
    el("thead", {}, el("tr", {}, ["date", "type", "actors", "sources", "evidence"].map((h) => el("th", {}, h)))),
    el("tbody", {}, items.map((c) => el("tr", { class: "cluster-row", "data-cluster-id": c.cluster_id },
      el("td", {}, c.date || "?"), el("td", {}, el("span", { class: "tag" }, c.type)),
      c.source || c.target ? sidesCell(c.source, c.target) : el("td", {}, c.actors),
      el("td", { title: (c.sources || []).join("; ") }, `${c.source_count} source${c.source_count === 1 ? "" : "s"}`),
      el("td", { class: "evidence" }, el("a", { href: `#/event/${c.event_ids[0]}` }, c.evidence || ""))))));
}

function markedText(text, spans) {
  // spans: [{start, end, kind, ...}]; kinds in priority order: current > evidence > boilerplate.
  const priority = { current: 3, evidence: 2, boilerplate: 1 };
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "article" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b).sort((p, q) => priority[q.kind] - priority[p.kind]);
    const chunk = text.slice(a, b);
    const top = covering[0];
    if (!top) out.append(chunk);
    else if (top.kind === "boilerplate") out.append(el("span", { class: "boilerplate", title: top.label }, chunk));
    else if (top.kind === "current") out.append(el("mark", { class: "evidence current", "data-event-id": top.id }, chunk));
    else out.append(el("mark", { class: "evidence other", "data-event-id": top.id, title: top.label },
      el("a", { href: `#/event/${top.id}` }, chunk)));
  }
  return out;
}

function docSpans(doc, currentId) {
  return [
    ...doc.boilerplate.map((b) => ({ start: b.start, end: b.end, kind: "boilerplate", label: `boilerplate: ${b.kind}` })),
    ...doc.evidence.map((e) => ({ start: e.start, end: e.end, id: e.event_id, label: `${e.type} (${e.modality})`,
      kind: e.event_id === currentId ? "current" : "evidence" })),
  ];
}

async function eventView(id) {
  const [event, reports] = await Promise.all([api(`/api/events/${encodeURIComponent(id)}`),
    api(`/api/events/${encodeURIComponent(id)}/reports`)]);
  const ordered = [event, ...reports.items.filter((r) => r.id !== event.id)];
  const docs = await Promise.all(ordered.map((r) => api(`/api/documents/${encodeURIComponent(r.doc_id)}`)));
  const facts = el("dl", { class: "facts" },
    ["type", "cameo", "goldstein", "modality", "date", "date_text", "trigger", "confidence"].flatMap((k) =>
      [el("dt", {}, k), el("dd", {}, event[k] === null ? "—" : String(event[k]))]),
    el("dt", {}, "source"), el("dd", {}, actorNames(event.source)),
    el("dt", {}, "target"), el("dd", {}, actorNames(event.target)),
    el("dt", {}, "reports"), el("dd", {}, `${ordered.length} in ${new Set(ordered.map((r) => r.doc_id)).size} article(s)`));
  const sections = ordered.map((report, i) => el("section", { class: "report", "data-event-id": report.id },
    el("h2", {}, i === 0 ? "Evidence in " : `Report ${i + 1} in `,
      el("a", { href: `#/document/${docs[i].id}` }, docs[i].title || docs[i].name),
      el("span", { class: "muted" }, ` ${[docs[i].publication_date, docs[i].outlet].filter(Boolean).join(" · ")}`)),
    markedText(docs[i].text, docSpans(docs[i], report.id))));
  show(
    el("h1", {}, `${event.type}: ${actorNames(event.source)} → ${actorNames(event.target)}`),
    el("div", { class: "panel" }, facts),
    el("p", { class: "legend muted" }, el("span", {}, el("mark", { class: "current" }, "this event")),
      el("span", {}, el("mark", { class: "other" }, "other events")), el("span", { class: "boilerplate" }, "boilerplate")),
    sections);
  const current = view.querySelector(".article mark.current");
  if (current) current.scrollIntoView({ block: "center" });
}

async function documentView(id, params) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const spans = docSpans(doc, null);
  const start = Number(params && params.get("start")), end = Number(params && params.get("end"));
  if (params && params.has("start") && end > start) spans.push({ start, end, kind: "current", id: params.get("fact") || "" });
  show(
    el("h1", {}, doc.title || doc.name),
    el("p", { class: "muted" }, [doc.publication_date, doc.outlet, doc.author, `${doc.events} events`].filter(Boolean).join(" · "),
      doc.near_duplicate_of ? el("span", { class: "tag" }, ` near duplicate of ${doc.near_duplicate_of}`) : null),
    doc.rejections.length ? el("p", { class: "error" }, doc.rejections.map((r) => `${r.stage}: ${r.reason} — ${r.message}`).join("; ")) : null,
    markedText(doc.text, spans));
  const current = view.querySelector(".article mark.current");
  if (current) current.scrollIntoView({ block: "center" });
}

function table(items, columns, link) {
  if (!items.length) return el("p", { class: "muted" }, "Nothing here.");
  return el("table", {}, el("thead", {}, el("tr", {}, columns.map((c) => el("th", {}, c)))),
    el("tbody", {}, items.map((row) => el("tr", {}, columns.map((c, i) =>
      el("td", {}, i === 0 && link ? el("a", { href: link(row) }, row[c] ?? "") : String(row[c] ?? "")))))));
}

async function documentsView() {
  const [docs, rejections] = await Promise.all([api("/api/documents", { limit: 500 }), api("/api/rejections", { limit: 500 })]);
  show(
    el("h1", {}, `Documents (${docs.total})`),
    table(docs.items, ["title", "publication_date", "outlet", "events", "near_duplicate_of"], (d) => `#/document/${d.id}`),
    el("h2", {}, `Rejected inputs (${rejections.total})`),
    table(rejections.items, ["name", "stage", "reason", "message"]));
}

async function actorsView() {
  const page = await api("/api/actors", { limit: 200 });
  show(el("h1", {}, `Actors (${page.total})`),
    table(page.items, ["name", "label", "country", "code", "mentions", "documents"],
      (a) => `#/actor/${encodeURIComponent(a.name)}`));
}

async function actorView(name) {
  const actor = await api(`/api/actors/${encodeURIComponent(name)}`);
  const roles = actor.roles.length
    ? el("table", { class: "roles" },
      el("thead", {}, el("tr", {}, ["role", "from", "until", "code"].map((h) => el("th", {}, h)))),
      el("tbody", {}, actor.roles.map((r) => el("tr", { class: "role-row" }, el("td", {}, r.role || "—"),
        el("td", {}, r.start || "—"), el("td", {}, r.end || "(current)"), el("td", {}, r.code || r.country || "")))))
    : el("p", { class: "muted" }, "No roles in the knowledge base.");
  const counterparts = actor.counterparts.length
    ? el("table", { class: "counterparts" },
      el("thead", {}, el("tr", {}, ["counterpart", "country", "events"].map((h) => el("th", {}, h)))),
      el("tbody", {}, actor.counterparts.map((c) => el("tr", {},
        el("td", {}, el("a", { href: `#/actor/${encodeURIComponent(c.name)}` }, c.name)), el("td", {}, c.country || ""),
        el("td", {}, String(c.events))))))
    : el("p", { class: "muted" }, "No counterparts in the events.");
  show(el("h1", {}, actor.name),
    el("h2", {}, "Roles over time"), roles,
    el("h2", {}, "Counterparts"), counterparts,
    el("h2", {}, `Events (${actor.events.total})`), eventsTable(actor.events.items));
}

const MARK_TITLES = { corroborated: "corroborated by another source", conflict: "conflicts with another source", single: "one source" };

function factValue(f) {
  if (typeof f.value === "number") {
    const v = Math.abs(f.value) >= 1e9 ? `${(f.value / 1e9).toLocaleString("en")} billion` : f.value.toLocaleString("en");
    return f.unit ? `${v} ${f.unit}` : v;
  }
  return f.value === null ? "—" : String(f.value);
}

async function factsView(params) {
  const filters = Object.fromEntries(params.entries());
  const page = await api("/api/facts", { ...filters, limit: 500 });
  const byMeasure = new Map();
  for (const f of page.items) {
    if (!byMeasure.has(f.measure)) byMeasure.set(f.measure, []);
    byMeasure.get(f.measure).push(f);
  }
  const sections = [...byMeasure.entries()].map(([measure, facts]) => el("section", { class: "measure", "data-measure": measure },
    el("h2", {}, measure.replaceAll("_", " ")),
    el("table", { class: "facts-table" },
      el("thead", {}, el("tr", {}, ["subject", "period", "value", "mark", "source", "evidence"].map((h) => el("th", {}, h)))),
      el("tbody", {}, facts.map((f) => el("tr", { class: `fact-row ${f.corroboration}`, "data-fact-id": f.id },
        el("td", {}, f.subject), el("td", {}, f.period || `(${f.publication_date || "?"})`), el("td", { class: typeof f.value === "number" ? "num" : null }, factValue(f)),
        el("td", {}, f.mark ? el("span", { class: `mark ${f.corroboration}`, title: MARK_TITLES[f.corroboration] }, f.mark) : ""),
        el("td", {}, f.source_stated || f.outlet || f.title || ""),
        el("td", { class: "evidence" }, el("a", { class: "fact-evidence",
          href: `#/document/${f.doc_id}?start=${f.evidence.start}&end=${f.evidence.end}&fact=${f.id}` }, f.evidence.text || ""))))))));
  const label = Object.entries(filters).map(([k, v]) => `${k}=${v}`).join(", ");
  show(el("h1", {}, `Facts${label ? `: ${label}` : ""} (${page.total})`),
    el("p", { class: "legend muted" }, el("span", {}, el("span", { class: "mark corroborated" }, "✓"), " corroborated by another source"),
      el("span", {}, el("span", { class: "mark conflict" }, "⚠"), " conflicts with another source")),
    sections.length ? sections : el("p", { class: "muted" }, "No facts."));
}

function eventsView(params) {
  const filters = Object.fromEntries(params.entries());
  const label = Object.entries(filters).map(([k, v]) => `${k}=${v}`).join(", ");
  show(el("h1", {}, label ? `Events: ${label}` : "Events"), pagedEvents(filters, ""));
}

// ---- routing ------------------------------------------------------------------------------

async function route() {
  const [path, search] = (location.hash.slice(1) || "/").split("?");
  const params = new URLSearchParams(search || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "event" && parts[1]) await eventView(parts[1]);
    else if (parts[0] === "document" && parts[1]) await documentView(parts[1], params);
    else if (parts[0] === "actor" && parts[1]) await actorView(parts[1]);
    else if (parts[0] === "facts") await factsView(params);
    else if (parts[0] === "documents") await documentsView();
    else if (parts[0] === "actors") await actorsView();
    else if (parts[0] === "events") eventsView(params);
    else if (parts[0] === "map") await mapView(params);
    else await dyadView(parts[0] === "dyad" ? parts[1] : null, params);
  } catch (err) {
    show(el("p", { class: "error" }, err.message));
  }
}

document.getElementById("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = document.getElementById("q").value.trim();
  location.hash = q ? `#/events?q=${encodeURIComponent(q)}` : "#/events";
});
window.addEventListener("hashchange", route);
route();
