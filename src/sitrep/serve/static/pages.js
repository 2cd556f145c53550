// Panels added around the core views: the actor page, figures (counts),
// the per-value breakdown, the document list, the places list, what the
// counting rule leaves out, and the export menu.  Store text only ever
// becomes text nodes (el()), never markup.

import { QUADS, el, emptyNote, fill, formatDate, formatNumber, issueLabel, plural } from "./dom.js";
import { periodSeries, drawTimeline } from "./charts.js";

const UNIT_WORDS = { troops: "troops", dead: "killed", injured: "injured", arrested: "arrested" };

/** Links that download exactly the filtered view, in full (no page limit). */
export function exportLinks(params) {
  const link = (table, format, label) => {
    const p = new URLSearchParams(params);
    p.set("format", format);
    return el("a", { class: "button", href: `/api/export/${table}?${p}`, download: "", "data-table": table, "data-format": format }, label);
  };
  return [
    el("p", { class: "multi-head" }, "Events (this view, every row)"),
    link("events", "csv", "CSV"), link("events", "parquet", "Parquet"), link("events", "gdelt", "GDELT TSV"),
    el("p", { class: "multi-head" }, "Other tables under this filter"),
    ["quotes", "counts", "stances", "actors", "documents"].map((t) => [link(t, "csv", `${t} CSV`), link(t, "parquet", `${t} Parquet`)]),
  ];
}

/** Counts (figures) panel: totals per unit, then each figure with its sentence. */
export function renderCounts(node, page, onOpen) {
  if (!page.items.length) {
    fill(node, emptyNote("No figures (troops, casualties, arrests) in the matching sentences."));
    return;
  }
  const totals = el("div", { class: "count-totals" }, page.totals.map((t) => el("div", { class: "count-total" },
    el("span", { class: "big" }, formatNumber(t.total)), el("span", {}, ` ${UNIT_WORDS[t.unit] || t.unit}`),
    el("span", { class: "muted" }, ` · ${plural(t.figures, "figure")}${t.summed < t.figures ? ` (${t.summed} summed)` : ""}, ${plural(t.documents, "document")}`))),
  el("p", { class: "muted note" }, "Sums of the figures the matching articles report as happening now: vague figures, figures inside quotations "
    + "and figures in sentences about the past are listed below but not summed; two reports of one event count twice."));
  fill(node, totals, page.items.map((c) => el("article", { class: "figure", tabindex: 0,
    onclick: () => onOpen(c.doc_id, c.sentence_index),
    onkeydown: (e) => { if (e.key === "Enter") onOpen(c.doc_id, c.sentence_index); } },
  el("div", { class: "quote-head" }, el("strong", {}, `${c.approximate ? "about " : ""}${formatNumber(c.number)} ${c.unit}`),
    el("span", { class: "muted" }, [c.actor_label, formatDate(c.doc_date)].filter(Boolean).join(" · "))),
  el("p", { class: "figure-sentence" }, c.sentence || ""))));
}

/** Per-value counts for type, source, target, place country and quad class; a click adds the value to the filter. */
export function renderFacets(node, facets, codes, onAdd) {
  const group = (title, rows, key, label) => el("section", { class: "facet" }, el("h3", {}, title),
    rows.length ? el("ul", {}, rows.map((r) => el("li", {},
      key && !(key === "type" && r.value === "STATEMENT")
        ? el("button", { type: "button", class: "link", onclick: () => onAdd(key, r.value, label(r)) }, label(r))
        : el("span", {}, label(r)),
      el("span", { class: "facet-count" }, formatNumber(r.events))))) : emptyNote("—"));
  fill(node,
    group("Type", facets.type, "type", (r) => (r.value === "STATEMENT" ? "STATEMENT (no PLOVER type)" : r.value)),
    group("Source", facets.source, "actor", (r) => r.label),
    group("Target", facets.target, "actor", (r) => r.label),
    group("Place country", facets.country, null, (r) => r.value),
    group("Quad class", facets.quad_class, "quad_class", (r) => (QUADS[r.value] || {}).name || r.value));
}

/** The document list (a click opens the document). */
export function renderDocuments(tbody, rows, onOpen) {
  if (!rows.length) {
    fill(tbody, el("tr", {}, el("td", { colspan: 4 }, emptyNote("No documents match."))));
    return;
  }
  fill(tbody, rows.map((d) => el("tr", { class: "row", tabindex: 0, "data-doc": d.id, onclick: () => onOpen(d.id),
    onkeydown: (e) => { if (e.key === "Enter") onOpen(d.id); } },
  el("td", { class: "date" }, formatDate(d.date)), el("td", {}, d.title || d.id),
  el("td", { class: "num" }, formatNumber(d.events)), el("td", { class: "num" }, formatNumber(d.quotes)))));
}

/** What the counting rule leaves out, with buttons to look at it. */
export function renderLeftOut(node, left, scope, onScope) {
  if (!left) { fill(node); return; }
  const span = left.background_first ? ` (${formatDate(left.background_first)} – ${formatDate(left.background_last)})` : "";
  const parts = [el("span", {}, `Not on the timeline or in the counts: ${plural(left.background, "background-dated event")}${span}, `
    + `${formatNumber(left.negated)} negated, ${formatNumber(left.undated)} undated.`)];
  if (scope !== "background" && left.background) parts.push(el("button", { type: "button", id: "show-background", onclick: () => onScope("background") }, "List background events"));
  if (scope && scope !== "counted") parts.push(el("button", { type: "button", onclick: () => onScope(undefined) }, "Back to counted events"));
  fill(node, parts);
}

/** Places with events, busiest first, and how many events have no place. */
export function renderPlaces(node, page, onPlace) {
  const rows = page.items.filter((p) => p.events && p.lat !== null);
  fill(node, el("p", { class: "places-head" }, `${plural(rows.length, "place")} · `, el("strong", { id: "unplaced" }, formatNumber(page.unplaced)),
    " events have no place"),
  el("ul", {}, rows.slice(0, 200).map((p) => el("li", {},
    el("button", { type: "button", class: "link", onclick: () => onPlace(p), title: p.doubtful ? "doubtful: named once" : "" },
      p.name, p.country ? el("span", { class: "muted" }, ` ${p.country}`) : null, p.doubtful ? el("span", { class: "flag" }, "?") : null),
    el("span", { class: "facet-count" }, formatNumber(p.events))))));
}

function actorLine(row, onActor) {
  return el("li", {}, el("span", {}, el("button", { type: "button", class: "link", onclick: () => onActor(row.code) }, row.label),
    el("code", { class: "muted" }, ` ${row.code}`)),
  el("span", { class: "facet-count", title: "events as source → · ← as target" }, `${row.as_source} → · ← ${row.as_target}`));
}

/** The actor page in the drawer. */
export function renderActorPage(body, page, { onActor, onDocument, onFilter }) {
  const svgNode = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svgNode.setAttribute("class", "timeline mini");
  const facts = [
    ["Code", el("code", { id: "actor-code" }, page.code)],
    ["Country", page.country || "—"],
    ["Mentions", `${formatNumber(page.mentions)} in ${plural(page.documents, "document")}`],
    ["Events", formatNumber(page.events)],
  ];
  fill(body,
    el("section", { class: "event-detail" }, el("dl", {}, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      el("p", {}, el("button", { type: "button", class: "primary", onclick: onFilter }, "Filter the dashboard to this actor"))),
    page.names.length ? [el("h3", {}, `Named under this code (${page.names.length})`),
      el("p", { class: "names", id: "actor-names" }, page.names.map((n) => `${n.name} (${n.mentions})`).join(" · "))] : null,
    el("h3", {}, "Counted events per month"), svgNode,
    page.partners.length ? [el("h3", {}, "Partners"), el("ul", { class: "partners" }, page.partners.map((p) => actorLine(p, onActor)))] : null,
    page.counts.length ? [el("h3", {}, "Figures"), el("p", {}, page.counts.map((c) => `${formatNumber(c.total)} ${c.unit}`).join(" · "))] : null,
    page.stances.items.length ? [el("h3", {}, "Stances"), el("ul", {}, page.stances.items.map((s) => el("li", {
      tabindex: 0, onclick: () => onDocument(s.doc_id, s.sentence_index) },
    `${s.net > 0 ? "supports" : s.net < 0 ? "opposes" : "mixed on"} `, el("em", {}, issueLabel(s.issue)),
    el("span", { class: "muted" }, ` (${s.support} for, ${s.oppose} against)`))))] : null,
    page.quotes.items.length ? [el("h3", {}, `Quotes (${page.quotes.total})`), el("ul", {}, page.quotes.items.map((q) => el("li", {
      tabindex: 0, onclick: () => onDocument(q.doc_id, q.sentence_index) },
    el("span", { class: "muted" }, `${q.speaker_name || ""}: `), el("q", {}, q.text || ""))))] : null);
  requestAnimationFrame(() => drawTimeline(svgNode, periodSeries(page.timeline, "month"), "month", () => {}));
}
