// Timeline: stacked bars of counted events per period (quad classes), with the
// Goldstein sum in its own strip below (its own axis, so it cannot be read as
// a count); drag across bars to pick a period.  Every chart is drawn at the
// size of its box (1 SVG unit = 1 CSS pixel) so text keeps its size on phones.

import { QUADS, el, fill, formatDate, formatNumber, svg } from "./dom.js";

const DAY = 86400000;

export function addPeriod(iso, bucket) {
  const day = new Date(`${iso}T00:00:00Z`);
  if (bucket === "month") day.setUTCMonth(day.getUTCMonth() + 1);
  else if (bucket === "year") day.setUTCFullYear(day.getUTCFullYear() + 1);
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
  for (let p = periods[0]; p <= periods[periods.length - 1]; p = addPeriod(p, bucket)) {
    series.push(byPeriod.get(p) || emptyPeriod(p));
  }
  return series;
}

/** A round step (1, 2 or 5 times a power of ten) giving about ``parts`` ticks up to ``value``. */
export function niceStep(value, parts) {
  const raw = Math.max(value, 1) / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) * power;
  return Math.max(step, 1);
}

/** An axis label that always carries the year. */
export function periodLabel(iso, bucket) {
  if (bucket === "year") return iso.slice(0, 4);
  if (bucket === "month") {
    return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  }
  return formatDate(iso);
}

function periodTip(s, bucket) {
  return `${bucket === "day" ? formatDate(s.period) : `${bucket} of ${periodLabel(s.period, bucket)}`}: ${s.total} events`
    + [1, 2, 3, 4].map((q) => (s.quads[q] ? `, ${QUADS[q].name.toLowerCase()} ${s.quads[q]}` : "")).join("")
    + `; Goldstein sum ${formatNumber(s.goldstein, 1)}`;
}

/** Width of a chart's box in CSS pixels (a sensible default before layout). */
export function boxWidth(node, fallback) {
  const width = node.getBoundingClientRect().width;
  return width > 40 ? Math.round(width) : fallback;
}

/** Stacked bars per period; the Goldstein sum as a line in a strip of its own; drag or click to pick periods. */
export function drawTimeline(node, series, bucket, onRange) {
  const width = boxWidth(node, 1000);
  const narrow = width < 600;
  const height = narrow ? 240 : 260;
  const m = { left: narrow ? 34 : 44, right: 12, top: 18, bottom: 30 };
  const strip = 62;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  node.style.height = `${height}px`;
  if (!series.length) {
    fill(node, svg("text", { x: width / 2, y: height / 2, class: "empty-svg" }, "No counted events match the filter."));
    return;
  }
  const plotW = width - m.left - m.right;
  const barsH = height - m.top - m.bottom - strip - 14;
  const band = plotW / series.length;
  const barW = Math.max(1, Math.min(30, band * 0.75));
  const most = Math.max(...series.map((s) => s.total));
  const yStep = niceStep(most, 4);
  const yMax = yStep * Math.max(1, Math.ceil(most / yStep));
  const gMost = Math.max(1, ...series.map((s) => Math.abs(s.goldstein)));
  const y = (v) => m.top + barsH - (v / yMax) * barsH;
  const stripTop = m.top + barsH + 14;
  const g = (v) => stripTop + 14 + (strip - 14) / 2 - (v / gMost) * ((strip - 14) / 2 - 3);
  const x = (i) => m.left + band * i + band / 2;
  const leftTicks = [];
  for (let v = 0; v <= yMax; v += yStep) leftTicks.push(v);
  const grid = leftTicks.map((v) => svg("g", { class: "grid" },
    svg("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v) }),
    svg("text", { x: m.left - 5, y: y(v) + 4, class: "axis-left" }, formatNumber(v))));
  const bars = series.map((s, i) => {
    let top = 0;
    const parts = [1, 2, 3, 4].filter((q) => s.quads[q]).map((q) => {
      const rect = svg("rect", { x: x(i) - barW / 2, y: y(top + s.quads[q]), width: barW,
        height: Math.max(0.5, y(top) - y(top + s.quads[q])), fill: QUADS[q].color });
      top += s.quads[q];
      return rect;
    });
    return svg("g", { class: "bar", "data-index": i, "data-events": s.total, tabindex: s.total ? 0 : null, role: "button",
      "aria-label": periodTip(s, bucket),
      onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(i, i); } } },
    svg("rect", { class: "hit", x: x(i) - band / 2, y: m.top, width: band, height: barsH }), parts,
    svg("title", {}, periodTip(s, bucket)));
  });
  const line = series.map((s, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${g(s.goldstein).toFixed(1)}`).join("");
  const every = Math.max(1, Math.ceil(series.length / Math.max(2, Math.floor(plotW / (bucket === "year" ? 50 : 95)))));
  const labels = series.map((s, i) => (i % every ? null
    : svg("text", { x: x(i), y: height - 10, class: "axis-bottom" }, periodLabel(s.period, bucket))));
  const brush = svg("rect", { class: "brush", x: 0, y: m.top, width: 0, height: barsH, visibility: "hidden" });
  const stripParts = [
    svg("rect", { class: "strip-bg", x: m.left, y: stripTop, width: plotW, height: strip }),
    svg("line", { class: "zero", x1: m.left, x2: width - m.right, y1: g(0), y2: g(0) }),
    svg("text", { x: m.left - 5, y: g(0) + 4, class: "axis-left" }, "0"),
    svg("text", { x: m.left + 4, y: stripTop + 11, class: "strip-title" },
      `Goldstein sum (−${formatNumber(gMost)} … +${formatNumber(gMost)}), not a count`),
    svg("path", { class: "goldstein-line", d: line }),
  ];
  fill(node, grid, bars, brush, stripParts, labels,
    svg("text", { x: m.left, y: 11, class: "axis-title" }, "counted events"));
  const pick = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const end = new Date(Date.parse(`${addPeriod(series[hi].period, bucket)}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    onRange(series[lo].period, end);
  };
  bindBrush(node, { x, band, count: series.length, left: m.left, brush, pick });
}

/** Drag across the bars to select a period; a click picks one bar. */
function bindBrush(node, { x, band, count, left, brush, pick }) {
  const indexAt = (event) => {
    const point = node.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(node.getScreenCTM().inverse());
    return Math.max(0, Math.min(count - 1, Math.floor((local.x - left) / band)));
  };
  let start = null;
  const show = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    brush.setAttribute("x", x(lo) - band / 2);
    brush.setAttribute("width", band * (hi - lo + 1));
    brush.setAttribute("visibility", "visible");
  };
  node.onpointerdown = (event) => {
    if (event.button !== 0) return;
    start = indexAt(event);
    node.setPointerCapture(event.pointerId);
    show(start, start);
  };
  node.onpointermove = (event) => { if (start !== null) show(start, indexAt(event)); };
  node.onpointerup = (event) => {
    if (start === null) return;
    const end = indexAt(event);
    const first = start;
    start = null;
    brush.setAttribute("visibility", "hidden");
    pick(first, end);
  };
}

export function timelineLegend(node) {
  fill(node, [1, 2, 3, 4].map((q) => el("span", { class: "swatch-item" }, swatch(QUADS[q].color), QUADS[q].name)),
    el("span", { class: "swatch-item" }, el("span", { class: "swatch line" }), "Goldstein sum (own strip)"),
    el("span", { class: "legend-label" }, "· drag across bars to pick a period"));
}

export function swatch(color, round) {
  const node = el("span", { class: round ? "swatch round" : "swatch" });
  node.style.background = color;
  return node;
}

/** The series as a text table (for keyboards and screen readers). */
export function timelineTable(series, bucket) {
  return el("table", { class: "data-table" },
    el("thead", {}, el("tr", {}, el("th", {}, bucket), [1, 2, 3, 4].map((q) => el("th", { class: "num" }, QUADS[q].name)),
      el("th", { class: "num" }, "Events"), el("th", { class: "num" }, "Goldstein sum"))),
    el("tbody", {}, series.filter((s) => s.total).map((s) => el("tr", {}, el("td", {}, periodLabel(s.period, bucket)),
      [1, 2, 3, 4].map((q) => el("td", { class: "num" }, formatNumber(s.quads[q]))),
      el("td", { class: "num" }, formatNumber(s.total)), el("td", { class: "num" }, formatNumber(s.goldstein, 1))))));
}
