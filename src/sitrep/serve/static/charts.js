// Timeline (stacked bars per period by quad class, Goldstein sum as a line)
// and actor network (force layout; edges coloured by mean Goldstein).

import { QUADS, el, fill, formatDate, formatNumber, goldsteinColor, svg } from "./dom.js";

const DAY = 86400000;

function addPeriod(iso, bucket) {
  const day = new Date(`${iso}T00:00:00Z`);
  if (bucket === "month") day.setUTCMonth(day.getUTCMonth() + 1);
  else day.setTime(day.getTime() + (bucket === "week" ? 7 : 1) * DAY);
  return day.toISOString().slice(0, 10);
}

function emptyPeriod(period) {
  return { period, total: 0, goldstein: 0, quads: { 1: 0, 2: 0, 3: 0, 4: 0 } };
}

/** One entry per period from the first to the last, gaps filled with zeros. */
export function periodSeries(rows, bucket) {
  const byPeriod = new Map();
  for (const row of rows) {
    const entry = byPeriod.get(row.period) || emptyPeriod(row.period);
    entry.quads[row.quad_class] = (entry.quads[row.quad_class] || 0) + row.events;
    entry.total += row.events;
    entry.goldstein += row.goldstein || 0;
    byPeriod.set(row.period, entry);
  }
  const periods = [...byPeriod.keys()].sort();
  if (!periods.length) return [];
  const series = [];
  for (let p = periods[0]; p <= periods[periods.length - 1] && series.length < 5000; p = addPeriod(p, bucket)) {
    series.push(byPeriod.get(p) || emptyPeriod(p));
  }
  return series;
}

/** The start of the week (Monday, as DuckDB's date_trunc) or month holding a day. */
function periodStart(iso, bucket) {
  if (bucket === "month") return `${iso.slice(0, 7)}-01`;
  if (bucket !== "week") return iso;
  const day = new Date(`${iso}T00:00:00Z`);
  day.setTime(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
  return day.toISOString().slice(0, 10);
}

/**
 * What the timeline shows: a few stray events far from the rest (a date read
 * as "last year") would squeeze everything else into one bar, so tails
 * holding at most 3% of the events are left out when that shortens the axis
 * a lot; long spans are then shown per week or month.
 */
export function timelineSeries(rows, bucket) {
  let series = periodSeries(rows, bucket);
  const total = series.reduce((sum, s) => sum + s.total, 0);
  let first = 0;
  let last = series.length - 1;
  let dropped = 0;
  const spare = Math.floor(total * 0.03);
  while (first < last && dropped + series[first].total <= spare) dropped += series[first++].total;
  while (last > first && dropped + series[last].total <= spare) dropped += series[last--].total;
  let hidden = 0;
  if (series.length && last - first + 1 < 0.75 * series.length) {
    hidden = dropped;
    const [from, to] = [series[first].period, series[last].period];
    rows = rows.filter((r) => r.period >= from && r.period <= to);
  }
  const periods = rows.map((r) => r.period).sort();
  const days = periods.length ? (Date.parse(periods[periods.length - 1]) - Date.parse(periods[0])) / DAY : 0;
  let shown = bucket;
  if (bucket === "day" && days > 120) shown = days > 730 ? "month" : "week";
  if (bucket === "week" && days > 730) shown = "month";
  if (shown !== bucket) rows = rows.map((r) => ({ ...r, period: periodStart(r.period, shown) }));
  series = periodSeries(rows, shown);
  return { series, bucket: shown, hidden };
}

/** A round step (1, 2 or 5 times a power of ten) giving about ``parts`` ticks up to ``value``. */
function niceStep(value, parts) {
  const raw = Math.max(value, 1) / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) * power;
  return Math.max(step, 1);
}

/** Stacked bars of events per period; a line of the Goldstein sum on its own axis. */
export function drawTimeline(node, series, bucket, onPeriod) {
  const width = 1200;
  const height = 220;
  const m = { left: 44, right: 52, top: 26, bottom: 26 };
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!series.length) {
    fill(node, svg("text", { x: width / 2, y: height / 2, class: "empty-svg" }, "No dated events match the filter."));
    return;
  }
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const band = plotW / series.length;
  const barW = Math.max(1, Math.min(30, band * 0.7));
  const yStep = niceStep(Math.max(...series.map((s) => s.total)), 4);
  const yMax = yStep * Math.max(1, Math.ceil(Math.max(...series.map((s) => s.total)) / yStep));
  const gStep = niceStep(Math.max(...series.map((s) => Math.abs(s.goldstein))), 2);
  const gMax = gStep * Math.max(1, Math.ceil(Math.max(...series.map((s) => Math.abs(s.goldstein))) / gStep));
  const y = (v) => m.top + plotH - (v / yMax) * plotH;
  const g = (v) => m.top + plotH / 2 - (v / gMax) * (plotH / 2);
  const x = (i) => m.left + band * i + band / 2;
  const leftTicks = [];
  for (let v = 0; v <= yMax; v += yStep) leftTicks.push(v);
  const rightTicks = [];
  for (let v = -gMax; v <= gMax; v += gStep) rightTicks.push(v);
  const grid = [
    leftTicks.map((v) => svg("g", { class: "grid" },
      svg("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }),
      svg("text", { x: m.left - 6, y: y(v) + 4, class: "axis-left" }, formatNumber(v)))),
    rightTicks.map((v) => svg("text", { x: width - m.right + 6, y: g(v) + 4, class: "axis-right" },
      `${v > 0 ? "+" : ""}${formatNumber(v)}`)),
  ];
  const bars = series.map((s, i) => {
    let top = 0;
    const parts = [1, 2, 3, 4].filter((q) => s.quads[q]).map((q) => {
      const rect = svg("rect", { x: x(i) - barW / 2, y: y(top + s.quads[q]), width: barW,
        height: Math.max(0.5, y(top) - y(top + s.quads[q])), fill: QUADS[q].color });
      top += s.quads[q];
      return rect;
    });
    const tip = `${formatDate(s.period)}${bucket === "day" ? "" : ` (${bucket})`}: ${s.total} events`
      + [1, 2, 3, 4].map((q) => (s.quads[q] ? `\n${QUADS[q].name}: ${s.quads[q]}` : "")).join("")
      + `\nGoldstein sum: ${formatNumber(s.goldstein, 1)}`;
    return svg("g", { class: "bar", onclick: () => onPeriod(s.period, addPeriod(s.period, bucket)) },
      svg("rect", { class: "hit", x: x(i) - band / 2, y: m.top, width: band, height: plotH }), parts, svg("title", {}, tip));
  });
  const line = series.map((s, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${g(s.goldstein).toFixed(1)}`).join("");
  const every = Math.max(1, Math.ceil(series.length / 12));
  const labels = series.map((s, i) => (i % every ? null
    : svg("text", { x: x(i), y: height - 8, class: "axis-bottom" }, formatDate(s.period, bucket !== "month"))));
  fill(node, grid, svg("line", { class: "zero", x1: m.left, x2: width - m.right, y1: g(0), y2: g(0) }), bars,
    svg("path", { class: "goldstein-line", d: line }),
    series.map((s, i) => svg("circle", { class: "goldstein-dot", cx: x(i), cy: g(s.goldstein), r: 2.5 })), labels,
    svg("text", { x: 4, y: 11, class: "axis-title" }, "events"),
    svg("text", { x: width - 4, y: 11, class: "axis-title end" }, "Goldstein sum"));
}

export function timelineLegend(node) {
  fill(node, [1, 2, 3, 4].map((q) => el("span", { class: "swatch-item" }, swatch(QUADS[q].color), QUADS[q].name)),
    el("span", { class: "swatch-item" }, el("span", { class: "swatch line" }), "Goldstein sum"));
}

function swatch(color, round) {
  const node = el("span", { class: round ? "swatch round" : "swatch" });
  node.style.background = color;
  return node;
}

/** Nodes and directed links from per-pair dyad totals; the busiest actors only. */
export function graphFrom(dyads, maxNodes = 24) {
  const nodes = new Map();
  const touch = (code, name, country, events) => {
    const node = nodes.get(code) || { code, name, country, events: 0 };
    node.events += events;
    nodes.set(code, node);
  };
  for (const d of dyads) {
    touch(d.source_code, d.source_name, d.source_country, d.events);
    touch(d.target_code, d.target_name, d.target_country, d.events);
  }
  const kept = [...nodes.values()].sort((a, b) => b.events - a.events || a.code.localeCompare(b.code)).slice(0, maxNodes);
  const keep = new Set(kept.map((n) => n.code));
  const links = dyads.filter((d) => keep.has(d.source_code) && keep.has(d.target_code) && d.source_code !== d.target_code);
  return { nodes: kept, links, total: nodes.size };
}

/** A deterministic force layout (Fruchterman-Reingold) inside width x height. */
export function layout(nodes, links, width, height, radius = () => 10) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    node.x = width / 2 + (Math.cos(angle) * width) / 3;
    node.y = height / 2 + (Math.sin(angle) * height) / 3;
  });
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.8;
  let temperature = width / 6;
  for (let step = 0; step < 300; step += 1) {
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const ex = nodes[i].x - nodes[j].x || 0.01;
        const ey = nodes[i].y - nodes[j].y || 0.01;
        const dist = Math.max(1, Math.hypot(ex, ey));
        const force = (k * k) / dist;
        dx[i] += (ex / dist) * force; dy[i] += (ey / dist) * force;
        dx[j] -= (ex / dist) * force; dy[j] -= (ey / dist) * force;
      }
    }
    for (const link of links) {
      const i = index.get(link.source_code);
      const j = index.get(link.target_code);
      const ex = nodes[i].x - nodes[j].x;
      const ey = nodes[i].y - nodes[j].y;
      const dist = Math.max(1, Math.hypot(ex, ey));
      const force = (dist * dist) / k;
      dx[i] -= (ex / dist) * force; dy[i] -= (ey / dist) * force;
      dx[j] += (ex / dist) * force; dy[j] += (ey / dist) * force;
    }
    nodes.forEach((node, i) => {
      // Gravity strong enough to keep separate groups of actors in view together.
      dx[i] += (width / 2 - node.x) * 0.5;
      dy[i] += (height / 2 - node.y) * 0.5;
      const len = Math.max(1e-9, Math.hypot(dx[i], dy[i]));
      node.x += (dx[i] / len) * Math.min(len, temperature);
      node.y += (dy[i] / len) * Math.min(len, temperature);
    });
    temperature *= 0.985;
  }
  fitInto(nodes, width, height, 46);
  separate(nodes, radius, width, height, 30);
}

/** Push apart overlapping circles (with room for a label) so that hubs do not pile up. */
function separate(nodes, radius, width, height, pad) {
  for (let round = 0; round < 60; round += 1) {
    let moved = false;
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const dx = nodes[j].x - nodes[i].x || 0.5;
        const dy = nodes[j].y - nodes[i].y || 0.5;
        const dist = Math.hypot(dx, dy);
        const gap = radius(nodes[i]) + radius(nodes[j]) + 16;
        if (dist >= gap) continue;
        const push = (gap - dist) / 2 / dist;
        nodes[i].x -= dx * push; nodes[i].y -= dy * push;
        nodes[j].x += dx * push; nodes[j].y += dy * push;
        moved = true;
      }
    }
    for (const node of nodes) {
      node.x = Math.max(pad, Math.min(width - pad, node.x));
      node.y = Math.max(pad, Math.min(height - pad, node.y));
    }
    if (!moved) return;
  }
}

function fitInto(nodes, width, height, pad) {
  if (!nodes.length) return;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 > x0 ? (width - 2 * pad) / (x1 - x0) : 1;
  const sy = y1 > y0 ? (height - 2 * pad) / (y1 - y0) : 1;
  for (const node of nodes) {
    node.x = x1 > x0 ? pad + (node.x - x0) * sx : width / 2;
    node.y = y1 > y0 ? pad + (node.y - y0) * sy : height / 2;
  }
}

function edgePath(a, b, ra, rb) {
  // A gentle curve, so that A->B and B->A stay apart; ends stop at the circles.
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.max(1, Math.hypot(dx, dy));
  const cx = mx - (dy / len) * len * 0.15;
  const cy = my + (dx / len) * len * 0.15;
  const start = towards(a, { x: cx, y: cy }, ra);
  const end = towards(b, { x: cx, y: cy }, rb + 4);
  return `M${start.x.toFixed(1)},${start.y.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`;
}

function towards(from, to, distance) {
  const len = Math.max(1, Math.hypot(to.x - from.x, to.y - from.y));
  return { x: from.x + ((to.x - from.x) / len) * distance, y: from.y + ((to.y - from.y) / len) * distance };
}

/** Actors as nodes, dyads as curved arrows; click a node or an edge to filter. */
export function drawNetwork(node, dyads, { onActor, onDyad }) {
  const width = 640;
  const height = 420;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const { nodes, links, total } = graphFrom(dyads);
  if (!nodes.length) {
    fill(node, svg("text", { x: width / 2, y: height / 2, class: "empty-svg" }, "No events between two actors match the filter."));
    return total;
  }
  const maxEvents = Math.max(...nodes.map((n) => n.events));
  const radius = (n) => 7 + 15 * Math.sqrt(n.events / maxEvents);
  layout(nodes, links, width, height, radius);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const maxLink = Math.max(...links.map((l) => l.events), 1);
  const defs = svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 6, refY: 5, markerWidth: 5,
    markerHeight: 5, orient: "auto-start-reverse", markerUnits: "strokeWidth" },
  svg("path", { d: "M0,0L10,5L0,10z", fill: "context-stroke" })));
  const edges = links.map((link) => {
    const a = byCode.get(link.source_code);
    const b = byCode.get(link.target_code);
    const tip = `${link.source_name} → ${link.target_name}: ${link.events} events `
      + `(${link.cooperation} cooperative, ${link.conflict} conflictual), mean Goldstein ${formatNumber(link.goldstein_mean, 1)}`;
    return svg("g", { class: "edge", onclick: () => onDyad(link) },
      svg("path", { class: "edge-hit", d: edgePath(a, b, radius(a), radius(b)) }),
      svg("path", { class: "edge-line", d: edgePath(a, b, radius(a), radius(b)), stroke: goldsteinColor(link.goldstein_mean),
        "stroke-width": 1.5 + 4 * Math.sqrt(link.events / maxLink), "marker-end": "url(#arrow)" }),
      svg("title", {}, tip));
  });
  const circles = nodes.map((n) => svg("g", { class: "node", onclick: () => onActor(n.code || n.name) },
    svg("circle", { cx: n.x, cy: n.y, r: radius(n) }),
    svg("text", { x: n.x, y: n.y + radius(n) + 12, class: "node-label" }, n.code || n.name || "?"),
    svg("title", {}, `${n.name || n.code}${n.country ? ` (${n.country})` : ""}: ${n.events} events`)));
  fill(node, defs, svg("g", {}, edges), svg("g", {}, circles));
  return total;
}

export function networkLegend(node) {
  fill(node, el("span", { class: "legend-label" }, "Edge colour: mean Goldstein"),
    [["conflict", -8], ["neutral", 0], ["cooperation", 8]].map(([label, v]) =>
      el("span", { class: "swatch-item" }, swatch(goldsteinColor(v)), label)),
    el("span", { class: "legend-label" }, "· width = events · click to filter"));
}
