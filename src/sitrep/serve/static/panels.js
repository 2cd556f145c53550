// The event table, the quotes and stances panels, and the document drawer.
// Every string from the store goes through el()/text nodes, never markup.

import {
  QUADS, actorChip, actorOf, el, emptyNote, fill, formatDate, formatNumber, goldsteinColor, issueLabel, safeLink,
} from "./dom.js";

function eventBadge(row, codes) {
  const quad = QUADS[row.quad_class] || { color: "#aab2bd", name: "" };
  const label = codes.cameo_roots[row.root] || "";
  const badge = el("span", { class: "badge", title: `${quad.name}${label ? ` · ${label}` : ""}` }, row.plover || row.root || "?");
  badge.style.borderColor = quad.color;
  badge.classList.add(row.quad_class >= 3 ? "conflict" : "cooperation");
  return el("span", { class: "event-cell" }, badge, " ", el("code", { class: "cameo" }, row.cameo || ""),
    row.negated ? el("span", { class: "flag neg", title: "negated: the sentence says it did not happen" }, "not") : null,
    row.intent ? el("span", { class: "flag intent", title: "intended or future action" }, "intent") : null);
}

function goldsteinCell(value) {
  const span = el("span", { class: "goldstein" }, value === null || value === undefined ? "–"
    : `${value > 0 ? "+" : ""}${formatNumber(value, 1)}`);
  span.style.color = goldsteinColor(value);
  return span;
}

/** Rows of the event table; a click opens the sentence in its document. */
export function renderEvents(tbody, rows, codes, onOpen) {
  if (!rows.length) {
    fill(tbody, el("tr", {}, el("td", { colspan: 7 }, emptyNote("No events match the filter."))));
    return;
  }
  fill(tbody, rows.map((row) => el("tr", {
    class: row.negated ? "row negated" : "row",
    tabindex: 0,
    "data-doc": row.doc_id,
    "data-sentence": row.sentence_index,
    onclick: () => onOpen(row.doc_id, row.sentence_index, row),
    onkeydown: (event) => { if (event.key === "Enter") onOpen(row.doc_id, row.sentence_index, row); },
  },
  el("td", { class: "date" }, formatDate(row.date || row.doc_date)),
  el("td", {}, actorChip(actorOf(row, "source"))),
  el("td", {}, eventBadge(row, codes)),
  el("td", {}, actorChip(actorOf(row, "target"))),
  el("td", { class: "num" }, goldsteinCell(row.goldstein)),
  el("td", { class: "place" }, row.location_name || ""),
  el("td", { class: "sentence", title: row.sentence || "" }, el("span", { class: "sentence-text" }, row.sentence || "")))));
}

/** Quotes: speaker, words, and the document they come from. */
export function renderQuotes(node, rows, onOpen) {
  if (!rows.length) {
    fill(node, emptyNote("No quotes match the filter."));
    return;
  }
  fill(node, rows.map((q) => el("article", { class: "quote", tabindex: 0, onclick: () => onOpen(q.doc_id, q.sentence_index) },
    el("div", { class: "quote-head" }, actorChip(actorOf(q, "speaker")),
      el("span", { class: q.direct ? "flag direct" : "flag indirect" }, q.direct ? "direct" : "indirect")),
    el("blockquote", {}, q.text || ""),
    el("div", { class: "meta" }, formatDate(q.doc_date), " · ", q.doc_title || q.doc_id))));
}

/** Stances grouped by issue: who supports, who opposes, with the latest evidence. */
export function renderStances(node, rows, onOpen) {
  if (!rows.length) {
    fill(node, emptyNote("No stances match the filter."));
    return;
  }
  const issues = new Map();
  for (const row of rows) issues.set(row.issue, [...(issues.get(row.issue) || []), row]);
  fill(node, [...issues].map(([issue, actors]) => el("section", { class: "issue" },
    el("h3", {}, issueLabel(issue)),
    actors.map((s) => el("div", { class: "stance", tabindex: 0, title: s.evidence || "", onclick: () => onOpen(s.doc_id, s.sentence_index) },
      el("span", { class: "stance-actor" }, s.actor_label || s.actor_name || s.actor_code, " ", el("code", {}, s.actor_code || "")),
      stanceBar(s),
      el("span", { class: `stance-word ${s.net > 0 ? "pro" : s.net < 0 ? "con" : "mixed"}` },
        s.net > 0 ? "supports" : s.net < 0 ? "opposes" : "mixed"))))));
}

function stanceBar(s) {
  const total = Math.max(1, s.support + s.oppose + s.neutral);
  const part = (cls, n) => {
    const span = el("span", { class: cls });
    span.style.width = `${(100 * n) / total}%`;
    return span;
  };
  return el("span", { class: "stance-bar", title: `${s.support} support · ${s.oppose} oppose · ${s.neutral} neutral` },
    part("pro", s.support), part("neutral", s.neutral), part("con", s.oppose));
}

/** The document text with each sentence in its own span; the chosen one highlighted. */
export function documentText(doc, highlight) {
  const text = doc.text || "";
  const parts = [];
  let at = 0;
  for (const s of doc.sentences || []) {
    if (s.start_char === null || s.start_char === undefined || s.start_char < at) continue;
    if (s.start_char > at) parts.push(text.slice(at, s.start_char));
    const coded = (doc.events || []).some((e) => e.sentence_index === s.sentence_index);
    const cls = ["sentence", coded ? "coded" : "", s.sentence_index === highlight ? "hl" : ""].filter(Boolean).join(" ");
    parts.push(el("span", { class: cls, "data-index": s.sentence_index }, text.slice(s.start_char, s.end_char)));
    at = s.end_char;
  }
  parts.push(text.slice(at));
  return el("div", { class: "doc-text", id: "doc-text" }, parts);
}

function eventLine(e, codes, onEvent) {
  return el("li", { tabindex: 0, onclick: () => onEvent(e) },
    actorChip(actorOf(e, "source")), el("span", { class: "arrow" }, " → "), actorChip(actorOf(e, "target")), " ",
    eventBadge(e, codes), " ", goldsteinCell(e.goldstein),
    e.location_name ? el("span", { class: "muted" }, ` · ${e.location_name}`) : null);
}

function eventDetail(row, codes) {
  const quad = QUADS[row.quad_class] || { name: "" };
  const fields = [
    ["Source", actorChip(actorOf(row, "source"))],
    ["Target", actorChip(actorOf(row, "target"))],
    ["Event", el("span", {}, eventBadge(row, codes), ` ${codes.cameo_roots[row.root] || ""}`)],
    ["Class", `${quad.name} · Goldstein ${formatNumber(row.goldstein, 1)}`],
    ["Where", row.location_name ? `${row.location_name}${row.location_country ? ` (${row.location_country})` : ""}` : "—"],
    ["When", formatDate(row.date || row.doc_date) || "—"],
  ];
  if (row.reported_by_code) fields.push(["Reported by", actorChip(actorOf(row, "reported_by"))]);
  return el("section", { class: "event-detail" },
    el("h3", {}, "Sentence"), el("p", { class: "quoted-sentence", id: "drawer-sentence" }, row.sentence || ""),
    el("dl", {}, fields.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
}

/** Fill the drawer with a document: the event (if any), its text, and what was coded from it. */
export function renderDocument(body, doc, { sentence, row, codes, onSentence, onEvent }) {
  const sources = (doc.sources || []).filter((s) => s.kind !== "original");
  fill(body,
    row ? eventDetail(row, codes) : null,
    el("div", { class: "doc-meta" }, formatDate(doc.date), doc.url ? [" · ", safeLink(doc.url, "source")] : null,
      ` · ${doc.id}`, sources.length ? ` · also carried by ${sources.length} other source(s)` : null),
    el("h3", {}, "Document"),
    documentText(doc, sentence),
    doc.events && doc.events.length ? [el("h3", {}, `Events coded (${doc.events.length})`),
      el("ul", { class: "doc-events" }, doc.events.map((e) => eventLine(e, codes, onEvent)))] : null,
    doc.quotes && doc.quotes.length ? [el("h3", {}, `Quotes (${doc.quotes.length})`),
      el("ul", { class: "doc-quotes" }, doc.quotes.map((q) => el("li", { tabindex: 0, onclick: () => onSentence(q.sentence_index) },
        actorChip(actorOf(q, "speaker")), ": ", el("q", {}, q.text || ""))))] : null,
    doc.stances && doc.stances.length ? [el("h3", {}, `Stances (${doc.stances.length})`),
      el("ul", {}, doc.stances.map((s) => el("li", { tabindex: 0, onclick: () => onSentence(s.sentence_index) },
        actorChip(actorOf(s, "actor")), ` ${s.polarity > 0 ? "supports" : s.polarity < 0 ? "opposes" : "is neutral on"} `,
        el("em", {}, issueLabel(s.issue)))))] : null,
    doc.locations && doc.locations.length ? [el("h3", {}, "Places"),
      el("p", { class: "muted" }, doc.locations.map((l) => `${l.name}${l.country ? ` (${l.country})` : ""}`).join(" · "))] : null);
}

/** Highlight one sentence of the open document and scroll it into view. */
export function highlightSentence(body, index) {
  for (const span of body.querySelectorAll(".doc-text .sentence")) {
    span.classList.toggle("hl", Number(span.dataset.index) === index);
  }
  const target = body.querySelector(`.doc-text .sentence[data-index="${Number(index)}"]`);
  if (target) target.scrollIntoView({ block: "center", behavior: "instant" });
}
