// Actor network: the top N actors (by counted events between two actors) as
// named nodes, dyads as curved arrows coloured by mean Goldstein.  Publishers,
// role-only codes and non-actors never become nodes (the API flags them);
// labels that would overlap are left to the node's tooltip and focus.

import { el, fill, formatNumber, goldsteinColor, svg } from "./dom.js";
import { boxWidth, swatch } from "./charts.js";

/** Nodes and directed links from per-pair dyad totals; the busiest ``top`` actors only. */
export function graphFrom(dyads, top = 25) {
  const nodes = new Map();
  const touch = (code, label, country, events) => {
    const node = nodes.get(code) || { code, label, country, events: 0 };
    node.events += events;
    nodes.set(code, node);
  };
  const real = dyads.filter((d) => d.source_actor && d.target_actor && d.source_code !== d.target_code);
  for (const d of real) {
    touch(d.source_code, d.source_label, d.source_country, d.events);
    touch(d.target_code, d.target_label, d.target_country, d.events);
  }
  const ranked = [...nodes.values()].sort((a, b) => b.events - a.events || a.code.localeCompare(b.code));
  const kept = ranked.slice(0, top);
  const keep = new Set(kept.map((n) => n.code));
  const links = real.filter((d) => keep.has(d.source_code) && keep.has(d.target_code));
  return { nodes: kept, links, total: nodes.size, hidden: nodes.size - kept.length, left: dyads.length - real.length };
}

/** A deterministic force layout (Fruchterman-Reingold) inside width x height. */
export function layout(nodes, links, width, height) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    node.x = width / 2 + (Math.cos(angle) * width) / 3;
    node.y = height / 2 + (Math.sin(angle) * height) / 3;
  });
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.8;
  let temperature = width / 6;
  for (let step = 0; step < 250; step += 1) {
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
      dx[i] += (width / 2 - node.x) * 0.5;
      dy[i] += (height / 2 - node.y) * 0.5;
      const len = Math.max(1e-9, Math.hypot(dx[i], dy[i]));
      node.x += (dx[i] / len) * Math.min(len, temperature);
      node.y += (dy[i] / len) * Math.min(len, temperature);
    });
    temperature *= 0.985;
  }
  fitInto(nodes, width, height, 40);
}

function fitInto(nodes, width, height, pad) {
  if (!nodes.length) return;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const node of nodes) {
    node.x = x1 > x0 ? pad + ((node.x - x0) * (width - 2 * pad)) / (x1 - x0) : width / 2;
    node.y = y1 > y0 ? pad + ((node.y - y0) * (height - 2 * pad)) / (y1 - y0) : height / 2;
  }
}

/** Push apart circles that overlap (a few passes, inside the box), so that every node can be seen and clicked. */
export function separate(nodes, radius, width, height, gap = 4) {
  for (let pass = 0; pass < 60; pass += 1) {
    let moved = false;
    for (let i = 0; i < nodes.length; i += 1) {
      for (let j = i + 1; j < nodes.length; j += 1) {
        const [a, b] = [nodes[i], nodes[j]];
        const ex = b.x - a.x || 0.01 * (j - i);
        const ey = b.y - a.y;
        const dist = Math.hypot(ex, ey);
        const overlap = radius(a) + radius(b) + gap - dist;
        if (overlap <= 0) continue;
        const [ux, uy] = [ex / dist, ey / dist];
        a.x -= (ux * overlap) / 2; a.y -= (uy * overlap) / 2;
        b.x += (ux * overlap) / 2; b.y += (uy * overlap) / 2;
        moved = true;
      }
    }
    for (const n of nodes) {
      n.x = Math.min(width - radius(n), Math.max(radius(n), n.x));
      n.y = Math.min(height - radius(n), Math.max(radius(n), n.y));
    }
    if (!moved) return;
  }
}

/** Label boxes placed greedily (busiest first): below, above, right or left of the node, never overlapping, inside the box. */
export function placeLabels(nodes, radius, width, height, charWidth = 7) {
  const placed = [];
  const circles = nodes.map((n) => ({ node: n, x0: n.x - radius(n), x1: n.x + radius(n), y0: n.y - radius(n), y1: n.y + radius(n) }));
  const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const hits = (box, self) => placed.some((b) => overlaps(box, b)) || circles.some((c) => c.node !== self && overlaps(box, c));
  for (const n of [...nodes].sort((a, b) => b.events - a.events)) {
    const w = Math.min(24, n.label.length) * charWidth + 4;
    const r = radius(n);
    const spots = [
      { x: n.x, y: n.y + r + 12, anchor: "middle" }, { x: n.x, y: n.y - r - 5, anchor: "middle" },
      { x: n.x + r + 4, y: n.y + 4, anchor: "start" }, { x: n.x - r - 4, y: n.y + 4, anchor: "end" },
      { x: n.x, y: n.y + 4, anchor: "middle", over: true },
    ];
    n.labelAt = null;
    for (const spot of spots) {
      const x0 = spot.anchor === "middle" ? spot.x - w / 2 : spot.anchor === "start" ? spot.x : spot.x - w;
      const box = { x0, x1: x0 + w, y0: spot.y - 11, y1: spot.y + 3 };
      if (box.x0 < 2 || box.x1 > width - 2 || box.y0 < 2 || box.y1 > height - 2) continue;
      if (spot.over ? hits(box, n) : hits(box, null)) continue;
      placed.push(box);
      n.labelAt = spot;
      break;
    }
  }
}

function shortLabel(label) {
  return label.length > 24 ? `${label.slice(0, 23)}…` : label;
}

function edgePath(a, b, ra, rb) {
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const cx = mx - dy * 0.15;
  const cy = my + dx * 0.15;
  const start = towards(a, { x: cx, y: cy }, ra);
  const end = towards(b, { x: cx, y: cy }, rb + 4);
  return `M${start.x.toFixed(1)},${start.y.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`;
}

function towards(from, to, distance) {
  const len = Math.max(1, Math.hypot(to.x - from.x, to.y - from.y));
  return { x: from.x + ((to.x - from.x) / len) * distance, y: from.y + ((to.y - from.y) / len) * distance };
}

/** Draw the graph; returns {total, hidden} for the header. */
export function drawNetwork(node, dyads, { top, onActor, onDyad }) {
  const width = boxWidth(node, 640);
  const height = width < 500 ? 340 : 420;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  node.style.height = `${height}px`;
  const graph = graphFrom(dyads, top);
  const { nodes, links } = graph;
  if (!nodes.length) {
    fill(node, svg("text", { x: width / 2, y: height / 2, class: "empty-svg" }, "No events between two actors match the filter."));
    return graph;
  }
  const maxEvents = Math.max(...nodes.map((n) => n.events));
  const radius = (n) => 6 + 13 * Math.sqrt(n.events / maxEvents);
  layout(nodes, links, width, height);
  separate(nodes, radius, width, height);
  placeLabels(nodes, radius, width, height);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const maxLink = Math.max(...links.map((l) => l.events), 1);
  const defs = svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 6, refY: 5, markerWidth: 5,
    markerHeight: 5, orient: "auto-start-reverse", markerUnits: "strokeWidth" },
  svg("path", { d: "M0,0L10,5L0,10z", fill: "context-stroke" })));
  const edges = links.map((link) => {
    const a = byCode.get(link.source_code);
    const b = byCode.get(link.target_code);
    const tip = `${link.source_label} → ${link.target_label}: ${link.events} events `
      + `(${link.cooperation} cooperative, ${link.conflict} conflictual), mean Goldstein ${formatNumber(link.goldstein_mean, 1)}`;
    return svg("g", { class: "edge", onclick: () => onDyad(link) },
      svg("path", { class: "edge-hit", d: edgePath(a, b, radius(a), radius(b)) }),
      svg("path", { class: "edge-line", d: edgePath(a, b, radius(a), radius(b)), stroke: goldsteinColor(link.goldstein_mean),
        "stroke-width": 1.2 + 3.5 * Math.sqrt(link.events / maxLink), "marker-end": "url(#arrow)" }),
      svg("title", {}, tip));
  });
  const circles = nodes.map((n) => svg("g", { class: n.labelAt ? "node" : "node unlabelled", tabindex: 0, role: "button",
    "data-code": n.code, "aria-label": `${n.label} (${n.code}): ${n.events} events; open the actor page`,
    onclick: () => onActor(n.code),
    onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onActor(n.code); } } },
  svg("circle", { cx: n.x, cy: n.y, r: radius(n) }),
  n.labelAt ? svg("text", { x: n.labelAt.x, y: n.labelAt.y, "text-anchor": n.labelAt.anchor, class: "node-label" }, shortLabel(n.label))
    : svg("text", { x: n.x, y: n.y + radius(n) + 12, "text-anchor": "middle", class: "node-label on-focus" }, shortLabel(n.label)),
  svg("title", {}, `${n.label} (${n.code}): ${n.events} events`)));
  fill(node, defs, svg("g", {}, edges), svg("g", {}, circles));
  return graph;
}

export function networkLegend(node) {
  fill(node, el("span", { class: "legend-label" }, "Edge colour: mean Goldstein"),
    [["conflict", -8], ["neutral", 0], ["cooperation", 8]].map(([label, v]) =>
      el("span", { class: "swatch-item" }, swatch(goldsteinColor(v)), label)),
    el("span", { class: "legend-label" }, "· width = events · node opens the actor page, edge filters the pair"));
}

/** The graph's pairs as a text table. */
export function networkTable(links, onActor) {
  return el("table", { class: "data-table" },
    el("thead", {}, el("tr", {}, el("th", {}, "Source"), el("th", {}, "Target"), el("th", { class: "num" }, "Events"),
      el("th", { class: "num" }, "Mean Goldstein"))),
    el("tbody", {}, links.map((l) => el("tr", {},
      el("td", {}, el("button", { type: "button", class: "link", onclick: () => onActor(l.source_code) }, l.source_label)),
      el("td", {}, el("button", { type: "button", class: "link", onclick: () => onActor(l.target_code) }, l.target_label)),
      el("td", { class: "num" }, formatNumber(l.events)), el("td", { class: "num" }, formatNumber(l.goldstein_mean, 1))))));
}
