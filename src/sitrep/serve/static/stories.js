// Stories: one row per real-world happening (every article's events about it,
// grouped in the store), and the story page listing the reports behind one.
// Store text only ever becomes text nodes (el()), never markup.

import { QUADS, el, emptyNote, fill, formatDate, formatNumber, plural, safeLink } from "./dom.js";

/** The dashboard filters /api/stories cannot apply, named for the note above the table. */
export function unappliedFilters(filter) {
  const left = [];
  if ((filter.actor || []).length > 1) left.push("more than one actor");
  if ((filter.type || []).length > 1) left.push("more than one type");
  if ((filter.quad_class || []).length) left.push("quad class");
  if (filter.q) left.push("text");
  if (filter.dyad) left.push("pair");
  if (filter.bbox) left.push("area");
  if (filter.scope && filter.scope !== "counted") left.push("scope");
  return left;
}

/** Query parameters of /api/stories from the dashboard filter: the parts it supports. */
export function storyParams(filter, extra = {}) {
  const params = new URLSearchParams();
  if ((filter.actor || []).length === 1) params.set("actor", filter.actor[0]);
  if ((filter.type || []).length === 1) params.set("type", filter.type[0]);
  for (const key of ["since", "until", "min_articles"]) if (filter[key]) params.set(key, filter[key]);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

/** "3 Feb 2026", or "3 – 5 Feb 2026" style when first and last differ. */
export function dateSpan(first, last) {
  if (!first && !last) return "undated";
  if (!last || first === last) return formatDate(first || last);
  return `${formatDate(first)} – ${formatDate(last)}`;
}

function side(name, code) {
  if (!name && !code) return el("span", { class: "muted" }, "—");
  return el("span", { class: "actor" }, el("span", { class: "actor-name" }, name || code),
    name && code && name !== code ? [" ", el("code", {}, code)] : null);
}

/** The story's type badge (PLOVER type or CAMEO root) and its most specific CAMEO code. */
export function storyBadge(story, codes) {
  const quad = QUADS[story.quad_class] || { color: "#aab2bd", name: "" };
  const label = (codes && codes.cameo_roots[story.root]) || "";
  const badge = el("span", { class: "badge", title: `${quad.name}${label ? ` · ${label}` : ""}` }, story.plover || story.root || "?");
  badge.style.borderColor = quad.color;
  badge.classList.add(story.quad_class >= 3 ? "conflict" : "cooperation");
  return el("span", { class: "event-cell" }, badge, " ", el("code", { class: "cameo" }, story.cameo || ""));
}

/** Rows of the stories table; a click (or Enter) opens the story page. */
export function renderStories(tbody, rows, codes, onOpen) {
  if (!rows.length) {
    fill(tbody, el("tr", {}, el("td", { colspan: 8 }, emptyNote("No stories match the filter."))));
    return;
  }
  fill(tbody, rows.map((s) => el("tr", {
    class: "row", tabindex: 0, "data-story": s.story_id,
    "aria-label": `Story: ${s.title || s.story_id}, ${plural(s.articles, "article")}`,
    onclick: () => onOpen(s.story_id),
    onkeydown: (event) => { if (event.key === "Enter") onOpen(s.story_id); },
  },
  el("td", { class: "date" }, dateSpan(s.first_date, s.last_date)),
  el("td", {}, side(s.source_name, s.source_side)),
  el("td", {}, storyBadge(s, codes)),
  el("td", {}, side(s.target_name, s.target_side)),
  el("td", { class: "place" }, s.location_name || ""),
  ["article", "source", "event"].map((noun) => {
    const n = s[`${noun}s`];
    return el("td", { class: "num", "data-label": n === 1 ? noun : `${noun}s` }, formatNumber(n));
  }))));
}

/** Events of a story grouped by the document that reports them, in report order. */
export function byDocument(events) {
  const docs = new Map();
  for (const e of events) {
    if (!docs.has(e.doc_id)) docs.set(e.doc_id, { id: e.doc_id, title: e.doc_title, date: e.doc_date, events: [] });
    docs.get(e.doc_id).events.push(e);
  }
  return [...docs.values()];
}

/** Who carried a report: the host of its URL (a link), else its source's last path part. */
function outletOf(report) {
  try {
    const url = new URL(report.url);
    if (url.protocol === "http:" || url.protocol === "https:") return safeLink(report.url, url.hostname.replace(/^www\./, ""));
  } catch (err) {
    // no URL: name the source instead
  }
  return String(report.source || report.source_id || "").split("/").pop();
}

function outlets(reports, docId) {
  return reports.filter((r) => r.doc_id === docId).map((r, i) => [i ? " · " : "", outletOf(r)]);
}

function reportItem(doc, reports, onDocument) {
  const open = (e) => onDocument(doc.id, e.sentence_index, e);
  return el("li", { class: "report", "data-doc": doc.id },
    el("div", { class: "report-head" }, el("strong", {}, doc.title || doc.id)),
    el("div", { class: "meta" }, formatDate(doc.date), reports.some((r) => r.doc_id === doc.id) ? " · " : "", outlets(reports, doc.id)),
    el("ul", { class: "report-events" }, doc.events.map((e) => el("li", {},
      el("code", { class: "cameo", title: "CAMEO code of this event" }, e.cameo || ""), " ",
      el("button", { type: "button", class: "link report-sentence", "data-sentence": e.sentence_index,
        title: "Open this sentence in its document", onclick: () => open(e) }, e.sentence || `sentence ${e.sentence_index + 1}`)))));
}

/** The story page in the drawer: its facts, then each report (document) with its events' sentences. */
export function renderStory(body, story, { codes, onDocument }) {
  const docs = byDocument(story.event_list || []);
  const facts = [
    ["Reported", dateSpan(story.first_date, story.last_date)],
    ["Source", side(story.source_name, story.source_side)],
    ["Event", storyBadge(story, codes)],
    ["Target", side(story.target_name, story.target_side)],
    ["Place", [story.location_name, story.location_country].filter(Boolean).join(", ") || "—"],
    ["Coverage", `${plural(story.articles, "article")} · ${plural(story.sources, "source")} · ${plural(story.events, "event")}`],
  ];
  fill(body,
    el("section", { class: "event-detail" }, el("dl", {}, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]))),
    el("h3", { id: "story-reports-head" }, `Reports (${docs.length})`),
    docs.length ? el("ol", { class: "reports", id: "story-reports" }, docs.map((d) => reportItem(d, story.reports || [], onDocument)))
      : emptyNote("No reports are stored for this story."));
}
