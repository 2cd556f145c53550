// The dashboard: one filter (kept in the URL hash) drives every view.

import { drawNetwork, drawTimeline, networkLegend, timelineLegend, timelineSeries } from "./charts.js";
import { el, fill, formatDate, formatNumber, plural, QUADS } from "./dom.js";
import { WorldMap, mapLegend } from "./map.js";
import { highlightSentence, renderDocument, renderEvents, renderQuotes, renderStances } from "./panels.js";

const PAGE = 50;
const FORM_KEYS = ["actor", "type", "since", "until", "q"];
const CHIP_KEYS = ["dyad", "quad_class", "bbox"];
const $ = (id) => document.getElementById(id);

const state = { filter: {}, labels: {}, offset: 0, sort: "-date", codes: null, overview: null, openDoc: null, seq: 0 };

/** Query parameters of the current filter, as the API takes them. */
function filterParams(extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filter)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "bbox") {
      ["min_lat", "min_lon", "max_lat", "max_lon"].forEach((name, i) => params.set(name, value[i]));
    } else {
      params.set(key, value);
    }
  }
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

/** Timeline rows per day, or per week or month when days would pass the API's page limit. */
async function loadTimeline() {
  for (const bucket of ["day", "week"]) {
    const page = await api("/api/timeline", filterParams({ limit: 1000, bucket }));
    if (page.total <= page.items.length) return timelineSeries(page.items, bucket);
  }
  return timelineSeries((await api("/api/timeline", filterParams({ limit: 1000, bucket: "month" }))).items, "month");
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

function refresh() {
  return busy(loadViews);
}

async function loadViews() {
  writeHash();
  renderChips();
  const seq = ++state.seq;
  try {
    const [places, timeline, dyads, quotes, stances] = await Promise.all([
      api("/api/locations", filterParams({ limit: 1000 })),
      loadTimeline(),
      api("/api/dyads", filterParams({ limit: 1000, per: "total" })),
      api("/api/quotes", filterParams({ limit: 100 })),
      api("/api/stances", filterParams({ limit: 200 })),
      loadEvents(),
    ]);
    if (seq !== state.seq) return; // a newer filter is on its way
    showError("");
    map.render(places.items);
    map.fit();
    const withEvents = places.items.filter((p) => p.events).length;
    fill($("map-count"), `${plural(withEvents, "place")} with events · ${places.total} in all`);
    drawTimeline($("timeline"), timeline.series, timeline.bucket, (start, next) => {
      const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
      setFilter({ since: start, until: end });
    });
    const shown = timeline.series.reduce((sum, s) => sum + s.total, 0);
    fill($("timeline-count"), `${plural(shown, "event")}${timeline.bucket === "day" ? "" : ` · per ${timeline.bucket}`}`
      + `${timeline.hidden ? ` · ${timeline.hidden} far outside this range not shown` : ""}`);
    const total = drawNetwork($("network"), dyads.items, {
      onActor: (code) => setFilter({ actor: code }),
      onDyad: (d) => setFilter({ dyad: `${d.source_code}-${d.target_code}` }, { dyad: `${d.source_name} → ${d.target_name}` }),
    });
    fill($("network-count"), `${plural(total, "actor")} · ${plural(dyads.total, "pair")}`);
    renderQuotes($("quotes"), quotes.items, openDocument);
    fill($("quotes-count"), `${quotes.total}`);
    renderStances($("stances"), stances.items, openDocument);
    fill($("stances-count"), `${stances.total}`);
  } catch (err) {
    showError(err.message);
  }
}

async function loadEvents() {
  const params = filterParams({ limit: PAGE, offset: state.offset, sort: state.sort });
  const page = await api("/api/events", params);
  renderEvents($("events").tBodies[0], page.items, state.codes, openDocument);
  const last = Math.min(page.total, state.offset + page.items.length);
  fill($("events-count"), plural(page.total, "event"));
  fill($("page-info"), page.total ? `${state.offset + 1}–${last} of ${formatNumber(page.total)}` : "");
  $("prev").disabled = state.offset === 0;
  $("next").disabled = last >= page.total;
  const csv = filterParams({ format: "csv", limit: 1000, sort: state.sort });
  $("csv-link").setAttribute("href", `/api/events?${csv}`);
  return page;
}

function setFilter(changes, labels = {}) {
  state.filter = { ...state.filter, ...changes };
  state.labels = { ...state.labels, ...labels };
  state.offset = 0;
  syncForm();
  refresh();
}

function readForm() {
  const changes = {};
  for (const key of FORM_KEYS) changes[key] = $(`f-${key}`).value.trim() || undefined;
  return changes;
}

function syncForm() {
  for (const key of FORM_KEYS) $(`f-${key}`).value = state.filter[key] || "";
}

function renderChips() {
  const chips = [];
  const describe = {
    dyad: (v) => `Pair: ${state.labels.dyad || v.replace("-", " → ")}`,
    quad_class: (v) => `Class: ${(QUADS[v] || {}).name || v}`,
    bbox: (v) => `Area: ${state.labels.bbox || v.join(", ")}`,
  };
  for (const key of CHIP_KEYS) {
    const value = state.filter[key];
    if (value === undefined || value === null || value === "") continue;
    chips.push(el("button", { type: "button", class: "chip", title: "Remove this filter",
      onclick: () => setFilter({ [key]: undefined }, { [key]: undefined }) }, describe[key](value), el("span", {}, " ×")));
  }
  fill($("chips"), chips);
}

function writeHash() {
  const params = filterParams();
  if (state.labels.bbox) params.set("area", state.labels.bbox);
  const hash = params.toString();
  if (window.location.hash.slice(1) !== hash) window.history.replaceState(null, "", hash ? `#${hash}` : " ");
}

function readHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const filter = {};
  for (const key of [...FORM_KEYS, "dyad", "quad_class"]) if (params.get(key)) filter[key] = params.get(key);
  const box = ["min_lat", "min_lon", "max_lat", "max_lon"].map((k) => params.get(k));
  if (box.every((v) => v !== null && v !== "")) filter.bbox = box.map(Number);
  state.filter = filter;
  state.labels = params.get("area") ? { bbox: params.get("area") } : {};
}

/** Open a document in the drawer with one sentence highlighted. */
async function openDocument(docId, sentenceIndex, row) {
  const drawer = $("drawer");
  try {
    const doc = state.openDoc && state.openDoc.id === docId ? state.openDoc
      : await api(`/api/documents/${encodeURIComponent(docId)}`);
    state.openDoc = doc;
    fill($("doc-title"), doc.title || doc.id);
    const body = $("drawer-body");
    renderDocument(body, doc, {
      sentence: sentenceIndex,
      row,
      codes: state.codes,
      onSentence: (i) => highlightSentence(body, i),
      onEvent: (e) => openDocument(docId, e.sentence_index, e),
    });
    drawer.hidden = false;
    $("scrim").hidden = false;
    highlightSentence(body, sentenceIndex);
    if (row) body.scrollTop = 0;
  } catch (err) {
    showError(err.message);
  }
}

function closeDrawer() {
  $("drawer").hidden = true;
  $("scrim").hidden = true;
}

function renderStats(overview) {
  const range = overview.first_date ? `${formatDate(overview.first_date)} – ${formatDate(overview.last_date)}` : "no dates";
  const stat = (label, value) => [el("dt", {}, label), el("dd", {}, value)];
  fill($("stats"), stat("documents", formatNumber(overview.documents)), stat("events", formatNumber(overview.events)),
    stat("actors", formatNumber(overview.actors)), stat("period", range));
}

function fillChoices(overview, codes, actors) {
  const select = $("f-type");
  const plover = el("optgroup", { label: "PLOVER type" }, codes.plover_types.map((t) =>
    el("option", { value: t }, `${t}${overview.plover_types.includes(t) ? "" : " (none)"}`)));
  const cameo = el("optgroup", { label: "CAMEO root" }, Object.entries(codes.cameo_roots).map(([code, label]) =>
    el("option", { value: code }, `${code} ${label}${overview.cameo_roots.includes(code) ? "" : " (none)"}`)));
  fill(select, el("option", { value: "" }, "All types"), plover, cameo);
  fill($("actor-list"), actors.map((a) => el("option", { value: a.code }, `${a.name || a.code}`)));
}

function bind() {
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    setFilter(readForm());
  });
  $("f-type").addEventListener("change", () => setFilter(readForm()));
  $("reset").addEventListener("click", () => {
    state.filter = {};
    state.labels = {};
    state.offset = 0;
    syncForm();
    refresh();
  });
  const turnPage = (offset) => {
    state.offset = offset;
    busy(() => loadEvents().catch((err) => showError(err.message)));
  };
  $("sort").addEventListener("change", () => {
    state.sort = $("sort").value;
    turnPage(0);
  });
  $("prev").addEventListener("click", () => turnPage(Math.max(0, state.offset - PAGE)));
  $("next").addEventListener("click", () => turnPage(state.offset + PAGE));
  $("drawer-close").addEventListener("click", closeDrawer);
  $("scrim").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeDrawer(); });
  $("map-fit").addEventListener("click", () => map.fit());
  $("map-in").addEventListener("click", () => map.zoom(0.7));
  $("map-out").addEventListener("click", () => map.zoom(1.4));
  $("map-area").addEventListener("click", () => setFilter({ bbox: map.visibleBox() }, { bbox: "visible map area" }));
}

/** A box of about 100 km around a place, kept inside the valid ranges. */
function boxAround(place) {
  const clamp = (v, limit) => Math.round(Math.max(-limit, Math.min(limit, v)) * 100) / 100;
  return [clamp(place.lat - 0.5, 90), clamp(place.lon - 0.5, 180), clamp(place.lat + 0.5, 90), clamp(place.lon + 0.5, 180)];
}

const map = new WorldMap($("map"), { onPlace: (p) => setFilter({ bbox: boxAround(p) }, { bbox: `near ${p.name}` }) });

async function start() {
  bind();
  mapLegend($("map-legend"));
  timelineLegend($("timeline-legend"));
  networkLegend($("network-legend"));
  readHash();
  syncForm();
  try {
    const [codes, overview, actors] = await Promise.all([
      api("/static/codes.json"), api("/api/overview"), api("/api/actors", new URLSearchParams({ limit: 1000 })),
      map.loadBasemap("/static/world.json"),
    ]);
    state.codes = codes;
    state.overview = overview;
    renderStats(overview);
    fillChoices(overview, codes, actors.items);
    syncForm();
  } catch (err) {
    showError(err.message);
    state.codes = state.codes || { cameo_roots: {}, plover_types: [] };
  }
  await refresh();
}

start();
