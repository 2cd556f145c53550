// The dashboard: one filter, kept in the URL (each change is a history entry,
// so Back undoes it), drives every view.  Every panel counts the same events:
// scope=counted (see the rule line under the filters).

import { drawTimeline, periodSeries, timelineLegend, timelineTable } from "./charts.js";
import { el, fill, formatDate, formatNumber, plural, QUADS } from "./dom.js";
import { WorldMap, mapLegend } from "./map.js";
import { drawNetwork, networkLegend, networkTable } from "./network.js";
import { highlightSentence, renderDocument, renderEvents, renderQuotes, renderStances } from "./panels.js";
import { renderStories, renderStory, storyParams, unappliedFilters } from "./stories.js";
import { exportLinks, renderActorPage, renderCounts, renderDocuments, renderFacets, renderLeftOut, renderPlaces } from "./pages.js";

const LIST_KEYS = ["actor", "type", "quad_class"];
const TEXT_KEYS = ["since", "until", "q", "dyad", "scope", "doc_q", "min_articles"];
const TABS = ["events", "documents", "stories"];
const BOX = ["min_lat", "min_lon", "max_lat", "max_lon"];
const $ = (id) => document.getElementById(id);

const state = {
  filter: {}, labels: {}, offset: 0, sort: "-date", size: 50, tab: "events", top: 25,
  codes: null, overview: null, openDoc: null, seq: 0, last: null,
};

/** Query parameters of the current filter, as the API takes them (lists repeat their key). */
function filterParams(extra = {}, { scope = true } = {}) {
  const params = new URLSearchParams();
  const f = state.filter;
  for (const key of LIST_KEYS) for (const value of f[key] || []) params.append(key, value);
  for (const key of ["since", "until", "q", "dyad"]) if (f[key]) params.set(key, f[key]);
  if (f.bbox) BOX.forEach((name, i) => params.set(name, f.bbox[i]));
  if (scope) params.set("scope", f.scope || "counted");
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

async function api(path, params) {
  const response = await fetch(params ? `${path}?${params}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ")
      : body.detail || response.statusText;
    throw new Error(detail);
  }
  return body;
}

function showError(message) {
  const banner = $("banner");
  banner.hidden = !message;
  fill(banner, message ? `Could not load: ${message}` : "");
}

/** Run a load with body[data-ready] false until it ends (tests and scripts wait on it). */
async function busy(work) {
  document.body.dataset.ready = "false";
  try {
    await work();
  } finally {
    document.body.dataset.ready = "true";
  }
}

const refresh = () => busy(loadViews);

async function loadViews() {
  renderChips();
  renderRule();
  const seq = ++state.seq;
  try {
    const [places, timeline, dyads, quotes, stances, counts, facets] = await Promise.all([
      api("/api/locations", filterParams({ limit: 1000 })),
      api("/api/timeline", filterParams({ limit: 1000, bucket: "auto" })),
      api("/api/dyads", filterParams({ limit: 1000, per: "total" })),
      api("/api/quotes", filterParams({ limit: 100 })),
      api("/api/stances", filterParams({ limit: 200 })),
      api("/api/counts", filterParams({ limit: 100 })),
      api("/api/facets", filterParams({ top: 8 })),
      loadTable(),
    ]);
    if (seq !== state.seq) return; // a newer filter is on its way
    showError("");
    state.last = { places, timeline, dyads };
    drawAll();
    renderPlaces($("places"), places, (p) => pickPlace(p));
    renderLeftOut($("left-out"), timeline.left_out, state.filter.scope, (scope) => setFilter({ scope }));
    renderQuotes($("quotes"), quotes.items, openDocument);
    const eventFilter = ["type", "quad_class", "dyad", "bbox"].some((k) => state.filter[k]);
    fill($("quotes-count"), `${formatNumber(quotes.total)}${eventFilter ? " from the sentences of the matching events" : ""}`);
    renderStances($("stances"), stances.items, openDocument);
    fill($("stances-count"), `${stances.total}`);
    renderCounts($("counts"), counts, openDocument);
    fill($("counts-count"), plural(counts.total, "figure"));
    renderFacets($("facets"), facets, state.codes, addValue);
  } catch (err) {
    showError(err.message);
  }
}

/** Draw the charts from the last answers (again on resize: they are drawn at their box's size). */
function drawAll() {
  if (!state.last) return;
  const { places, timeline, dyads } = state.last;
  map.render(places.items);
  map.fit();
  const withEvents = places.items.filter((p) => p.events).length;
  fill($("map-count"), `${plural(withEvents, "place")} with events · ${formatNumber(places.unplaced)} events have no place`);
  const series = periodSeries(timeline.items, timeline.bucket);
  drawTimeline($("timeline"), series, timeline.bucket, (since, until) => setFilter({ since, until }));
  fill($("timeline-table"), timelineTable(series, timeline.bucket));
  const shown = series.reduce((sum, s) => sum + s.total, 0);
  fill($("timeline-count"), `${plural(shown, "counted event")} · per ${timeline.bucket}`);
  const graph = drawNetwork($("network"), dyads.items, {
    top: state.top, onActor: openActor,
    onDyad: (d) => setFilter({ dyad: `${d.source_code}-${d.target_code}` }, { dyad: `${d.source_label} → ${d.target_label}` }),
  });
  fill($("network-table"), networkTable(graph.links, openActor));
  fill($("network-count"), `${plural(graph.nodes.length, "actor")} shown`
    + `${graph.hidden ? ` · ${formatNumber(graph.hidden)} more hidden` : ""}`
    + `${graph.left ? ` · ${plural(graph.left, "pair")} with publishers, bare roles or non-actors left out` : ""}`);
}

async function loadTable() {
  if (state.tab === "stories") return loadStories();
  return state.tab === "documents" ? loadDocuments() : loadEvents();
}

function pager(page) {
  const last = Math.min(page.total, state.offset + page.items.length);
  fill($("page-info"), page.total ? `${formatNumber(state.offset + 1)}–${formatNumber(last)} of ${formatNumber(page.total)}` : "");
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= page.total;
}

async function loadEvents() {
  const page = await api("/api/events", filterParams({ limit: state.size, offset: state.offset, sort: state.sort }));
  renderEvents($("events").tBodies[0], page.items, state.codes, openDocument);
  fill($("events-count"), plural(page.total, state.filter.scope === "background" ? "background event"
    : state.filter.scope === "all" ? "event" : "counted event"));
  pager(page);
  for (const th of $("events").tHead.rows[0].cells) {
    const key = th.dataset.sort;
    if (!key) continue;
    th.setAttribute("aria-sort", state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : "none");
  }
  fill($("export-menu"), exportLinks(filterParams()));
  return page;
}

async function loadDocuments() {
  const params = filterParams({ limit: state.size, offset: state.offset });
  if (state.filter.doc_q) params.set("q", state.filter.doc_q); else params.delete("q");
  const page = await api("/api/documents", params);
  renderDocuments($("documents").tBodies[0], page.items, (id) => openDocument(id));
  fill($("events-count"), plural(page.total, "document"));
  pager(page);
  fill($("export-menu"), exportLinks(filterParams()));
  return page;
}

/** The stories table: the filter's actor, type and dates (what /api/stories takes); the rest is named in a note. */
async function loadStories() {
  const page = await api("/api/stories", storyParams(state.filter, { limit: state.size, offset: state.offset }));
  renderStories($("stories").tBodies[0], page.items, state.codes, openStory);
  fill($("events-count"), `${formatNumber(page.total)} ${page.total === 1 ? "story" : "stories"}`);
  const left = unappliedFilters(state.filter);
  fill($("stories-note"), left.length ? `Not applied to stories: ${left.join(", ")}.` : "");
  $("story-min").value = state.filter.min_articles || "";
  pager(page);
  const csv = storyParams(state.filter, { format: "csv", limit: 1000 });
  fill($("export-menu"), el("p", { class: "multi-head" }, "Stories (this view, up to 1,000)"),
    el("a", { class: "button", href: `/api/stories?${csv}`, download: "", "data-table": "stories", "data-format": "csv" }, "Stories CSV"),
    exportLinks(filterParams()));
  return page;
}

/** Change the filter: a new history entry, then every view reloads. */
function setFilter(changes, labels = {}) {
  state.filter = { ...state.filter, ...changes };
  for (const [key, value] of Object.entries(state.filter)) if (value === undefined || (Array.isArray(value) && !value.length)) delete state.filter[key];
  state.labels = { ...state.labels, ...labels };
  state.offset = 0;
  pushHash();
  syncForm();
  refresh();
}

function addValue(key, value, label) {
  const values = [...(state.filter[key] || [])];
  if (!values.includes(String(value))) values.push(String(value));
  setFilter({ [key]: values }, label ? { [`${key}:${value}`]: label } : {});
}

function removeValue(key, value) {
  setFilter({ [key]: (state.filter[key] || []).filter((v) => v !== value) });
}

function readForm() {
  const changes = {};
  for (const key of ["since", "until", "q"]) changes[key] = $(`f-${key}`).value.trim() || undefined;
  changes.type = [...$("types-body").querySelectorAll("input:checked")].map((input) => input.value);
  const typed = $("f-actor").value.trim();
  if (typed) changes.actor = [...new Set([...(state.filter.actor || []), typed])];
  return changes;
}

function syncForm() {
  for (const key of ["since", "until", "q"]) $(`f-${key}`).value = state.filter[key] || "";
  $("f-actor").value = "";
  const types = new Set(state.filter.type || []);
  for (const input of $("types-body").querySelectorAll("input")) input.checked = types.has(input.value);
  fill($("types-summary"), types.size ? [...types].join(", ") : "All types");
  const quads = new Set(state.filter.quad_class || []);
  for (const button of $("quad-buttons").querySelectorAll("button")) button.setAttribute("aria-pressed", String(quads.has(button.value)));
  $("doc-q").value = state.filter.doc_q || "";
}

function renderRule() {
  const rule = state.overview ? state.overview.rule : "";
  const scope = state.filter.scope || "counted";
  fill($("rule"), el("strong", {}, scope === "counted" ? "Counting rule" : scope === "background" ? "Showing background events" : "Showing every event"),
    " · ", rule);
}

function renderChips() {
  const chips = [];
  const chip = (text, onRemove) => chips.push(el("button", { type: "button", class: "chip", title: "Remove this filter", onclick: onRemove },
    text, el("span", { "aria-hidden": "true" }, " ×")));
  for (const value of state.filter.actor || []) chip(`Actor: ${state.labels[`actor:${value}`] || value}`, () => removeValue("actor", value));
  for (const value of state.filter.type || []) chip(`Type: ${value}`, () => removeValue("type", value));
  for (const value of state.filter.quad_class || []) chip(`Class: ${(QUADS[value] || {}).name || value}`, () => removeValue("quad_class", value));
  if (state.filter.dyad) chip(`Pair: ${state.labels.dyad || state.filter.dyad.replace("-", " → ")}`, () => setFilter({ dyad: undefined }));
  if (state.filter.bbox) chip(`Area: ${state.labels.bbox || state.filter.bbox.join(", ")}`, () => setFilter({ bbox: undefined }));
  if (state.filter.scope && state.filter.scope !== "counted") chip(`Scope: ${state.filter.scope}`, () => setFilter({ scope: undefined }));
  fill($("chips"), chips);
}

/** The whole view (filter, order, page size, tab) as a URL hash. */
function hashOf() {
  const params = filterParams({}, { scope: false });
  for (const key of ["scope", "doc_q", "min_articles"]) if (state.filter[key]) params.set(key, state.filter[key]);
  if (state.labels.bbox && state.filter.bbox) params.set("area", state.labels.bbox);
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.size !== 50) params.set("size", state.size);
  if (state.tab !== "events") params.set("tab", state.tab);
  return params.toString();
}

function pushHash() {
  const hash = hashOf();
  if (window.location.hash.slice(1) !== hash) window.history.pushState(null, "", hash ? `#${hash}` : window.location.pathname);
}

function readHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const filter = {};
  for (const key of LIST_KEYS) if (params.getAll(key).length) filter[key] = params.getAll(key);
  for (const key of TEXT_KEYS) if (params.get(key)) filter[key] = params.get(key);
  const box = BOX.map((k) => params.get(k));
  if (box.every((v) => v !== null && v !== "")) filter.bbox = box.map(Number);
  state.filter = filter;
  state.labels = params.get("area") ? { bbox: params.get("area") } : {};
  state.sort = params.get("sort") || "-date";
  state.size = Number(params.get("size")) || 50;
  state.tab = TABS.includes(params.get("tab")) ? params.get("tab") : "events";
  state.offset = 0;
  $("page-size").value = String(state.size);
  showTab();
}

function showTab() {
  for (const tab of document.querySelectorAll("[data-tab]")) tab.setAttribute("aria-selected", String(tab.dataset.tab === state.tab));
  $("events-wrap").hidden = state.tab !== "events";
  $("documents-wrap").hidden = state.tab !== "documents";
  $("stories-wrap").hidden = state.tab !== "stories";
}

function openDrawer(title) {
  fill($("doc-title"), title);
  $("drawer").hidden = false;
  $("scrim").hidden = false;
  $("drawer-close").focus();
}

/** Open a document in the drawer with one sentence highlighted. */
async function openDocument(docId, sentenceIndex, row) {
  try {
    const doc = state.openDoc && state.openDoc.id === docId ? state.openDoc
      : await api(`/api/documents/${encodeURIComponent(docId)}`);
    state.openDoc = doc;
    const body = $("drawer-body");
    renderDocument(body, doc, {
      sentence: sentenceIndex, row, codes: state.codes,
      onSentence: (i) => highlightSentence(body, i),
      onEvent: (e) => openDocument(docId, e.sentence_index, e),
    });
    openDrawer(doc.title || doc.id);
    highlightSentence(body, sentenceIndex);
    if (row) body.scrollTop = 0;
  } catch (err) {
    showError(err.message);
  }
}

/** The actor page: its own name, the people under its code, partners, timeline, quotes, stances, figures. */
async function openActor(code) {
  await busy(async () => {
    try {
      const page = await api(`/api/actors/${encodeURIComponent(code)}`, filterParams());
      renderActorPage($("drawer-body"), page, {
        onActor: openActor, onDocument: openDocument,
        onFilter: () => { closeDrawer(); addValue("actor", page.code, page.label); },
      });
      openDrawer(page.label);
      $("drawer").dataset.actor = page.code;
    } catch (err) {
      showError(err.message);
    }
  });
}

/** The story page: its facts and every report behind it; a sentence opens in its document. */
async function openStory(storyId) {
  await busy(async () => {
    try {
      const story = await api(`/api/stories/${encodeURIComponent(storyId)}`);
      const onDocument = async (docId, sentenceIndex, row) => {
        await openDocument(docId, sentenceIndex, row);
        $("drawer-body").prepend(el("button", { type: "button", class: "link back-to-story", onclick: () => openStory(storyId) },
          "‹ Back to the story"));
      };
      renderStory($("drawer-body"), story, { codes: state.codes, onDocument });
      openDrawer(story.title || "Story");
      $("drawer").dataset.story = story.story_id;
    } catch (err) {
      showError(err.message);
    }
  });
}

function closeDrawer() {
  $("drawer").hidden = true;
  $("scrim").hidden = true;
  delete $("drawer").dataset.actor;
  delete $("drawer").dataset.story;
}

function renderStats(overview) {
  const range = overview.first_date ? `${formatDate(overview.document_first_date)} – ${formatDate(overview.document_last_date)}` : "no dates";
  const stat = (label, value) => el("div", { class: "stat" }, el("dt", {}, label), el("dd", {}, value));
  fill($("stats"), stat("documents", formatNumber(overview.documents)), stat("events", formatNumber(overview.events)),
    stat("actor codes", formatNumber(overview.actors)), stat("articles dated", range));
}

function fillChoices(overview, codes, actors) {
  const box = (value, label, none) => el("label", { class: "check" }, el("input", { type: "checkbox", value }),
    ` ${label}${none ? " (none)" : ""}`);
  fill($("types-body"),
    el("p", { class: "multi-head" }, "PLOVER type"),
    codes.plover_types.map((t) => box(t, t, !overview.plover_types.includes(t))),
    el("p", { class: "multi-head" }, "CAMEO root"),
    Object.entries(codes.cameo_roots).map(([code, label]) => box(code, `${code} ${label}`, !overview.cameo_roots.includes(code))));
  fill($("actor-list"), actors.filter((a) => a.actor).map((a) => el("option", { value: a.code }, a.label)));
  fill($("quad-buttons"), [1, 2, 3, 4].map((q) => {
    const button = el("button", { type: "button", class: "quad", value: String(q), "aria-pressed": "false", title: QUADS[q].name },
      el("span", { class: "swatch" }), ` ${QUADS[q].name.replace("cooperation", "coop.").replace("conflict", "confl.")}`);
    button.firstChild.style.background = QUADS[q].color;
    button.addEventListener("click", () => {
      const on = (state.filter.quad_class || []).includes(String(q));
      if (on) removeValue("quad_class", String(q)); else addValue("quad_class", String(q));
    });
    return button;
  }));
}

/** A box of about 100 km around a place, kept inside the valid ranges. */
function boxAround(place) {
  const clamp = (v, limit) => Math.round(Math.max(-limit, Math.min(limit, v)) * 100) / 100;
  return [clamp(place.lat - 0.5, 90), clamp(place.lon - 0.5, 180), clamp(place.lat + 0.5, 90), clamp(place.lon + 0.5, 180)];
}

function pickPlace(place) {
  setFilter({ bbox: boxAround(place) }, { bbox: `near ${place.name}` });
}

const map = new WorldMap($("map"), { onPlace: pickPlace });

function bind() {
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    setFilter(readForm());
  });
  $("add-actor").addEventListener("click", () => setFilter(readForm()));
  $("types-body").addEventListener("change", () => setFilter(readForm()));
  $("reset").addEventListener("click", () => { state.labels = {}; setFilter(Object.fromEntries(Object.keys(state.filter).map((k) => [k, undefined]))); });
  const turnPage = (offset) => {
    state.offset = Math.max(0, offset);
    busy(() => loadTable().catch((err) => showError(err.message)));
  };
  for (const th of $("events").tHead.rows[0].cells) {
    if (!th.dataset.sort) continue;
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === key ? `-${key}` : state.sort === `-${key}` ? key : key === "date" || key === "goldstein" ? `-${key}` : key;
      pushHash();
      turnPage(0);
    });
  }
  $("page-size").addEventListener("change", () => { state.size = Number($("page-size").value); pushHash(); turnPage(0); });
  for (const tab of document.querySelectorAll("[data-tab]")) {
    tab.addEventListener("click", () => { state.tab = tab.dataset.tab; showTab(); pushHash(); turnPage(0); });
  }
  $("story-min").addEventListener("change", () => setFilter({ min_articles: $("story-min").value || undefined }));
  $("doc-q").addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); setFilter({ doc_q: $("doc-q").value.trim() || undefined }); }
  });
  $("prev").addEventListener("click", () => turnPage(state.offset - state.size));
  $("next").addEventListener("click", () => turnPage(state.offset + state.size));
  $("drawer-close").addEventListener("click", closeDrawer);
  $("scrim").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeDrawer(); });
  $("map-fit").addEventListener("click", () => map.fit());
  $("map-in").addEventListener("click", () => map.zoom(0.7));
  $("map-out").addEventListener("click", () => map.zoom(1.4));
  $("map-labels").addEventListener("click", () => {
    map.showLabels = !map.showLabels;
    $("map-labels").setAttribute("aria-pressed", String(map.showLabels));
    map.drawPoints();
  });
  $("map-area").addEventListener("click", () => setFilter({ bbox: map.visibleBox() }, { bbox: "visible map area" }));
  $("network-top").addEventListener("change", () => { state.top = Number($("network-top").value); drawAll(); });
  for (const button of document.querySelectorAll(".table-toggle")) {
    button.addEventListener("click", () => {
      const target = $(button.dataset.for);
      target.hidden = !target.hidden;
      button.setAttribute("aria-pressed", String(!target.hidden));
    });
  }
  window.addEventListener("popstate", () => { readHash(); syncForm(); refresh(); });
  let resizing = null;
  window.addEventListener("resize", () => { clearTimeout(resizing); resizing = setTimeout(drawAll, 150); });
}

async function start() {
  bind();
  mapLegend($("map-legend"));
  timelineLegend($("timeline-legend"));
  networkLegend($("network-legend"));
  readHash();
  try {
    const [codes, overview, actors] = await Promise.all([
      api("/static/codes.json"), api("/api/overview"), api("/api/actors", new URLSearchParams({ limit: 1000 })),
      map.loadBasemap("/static/world.json"),
    ]);
    state.codes = codes;
    state.overview = overview;
    renderStats(overview);
    fillChoices(overview, codes, actors.items);
  } catch (err) {
    showError(err.message);
    state.codes = state.codes || { cameo_roots: {}, plover_types: [] };
  }
  syncForm();
  await refresh();
}

start();
