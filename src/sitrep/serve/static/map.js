// World map: offline country outlines (static/world.json), event places as
// circles coloured by mean Goldstein, countries shaded by events located there.
// Plain SVG with a Natural Earth projection; wheel and drag to zoom and pan.

import { el, fill, formatNumber, goldsteinColor, svg } from "./dom.js";

const SCALE = 160;
const RAD = Math.PI / 180;

/** Natural Earth I projection (Šavrič et al.), in SVG units. */
export function project(lon, lat) {
  const l = lon * RAD;
  const p = lat * RAD;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x * SCALE, -y * SCALE];
}

/** Inverse projection by Newton steps on latitude (used for "filter to view"). */
export function unproject(x, y) {
  const yy = -y / SCALE;
  let p = yy;
  for (let i = 0; i < 25; i += 1) {
    const p2 = p * p;
    const p4 = p2 * p2;
    const f = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))) - yy;
    const df = 1.007226 + p2 * (3 * 0.015085 + p4 * (7 * -0.044475 + 9 * 0.028874 * p2 - 11 * 0.005916 * p4));
    p -= f / df;
  }
  const p2 = p * p;
  const p4 = p2 * p2;
  const k = 0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4));
  return [Math.max(-180, Math.min(180, x / SCALE / k / RAD)), Math.max(-90, Math.min(90, p / RAD))];
}

function ringPath(flat) {
  const parts = [];
  for (let i = 0; i < flat.length; i += 2) {
    const [x, y] = project(flat[i], flat[i + 1]);
    parts.push(`${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return `${parts.join("")}Z`;
}

function spherePath() {
  const points = [];
  for (let lat = -90; lat <= 90; lat += 5) points.push(project(-180, lat));
  for (let lat = 90; lat >= -90; lat -= 5) points.push(project(180, lat));
  return `M${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L")}Z`;
}

function radiusFor(events) {
  return 3 + 2.2 * Math.sqrt(events);
}

/** Places with events grouped by a grid of ``cell`` SVG units (so nearby circles merge at this zoom). */
export function cluster(places, cell) {
  const cells = new Map();
  for (const place of places) {
    const [x, y] = project(place.lon, place.lat);
    const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    const c = cells.get(key) || { places: [], events: 0, goldstein: 0, sx: 0, sy: 0 };
    c.places.push(place);
    c.events += place.events;
    c.goldstein += (place.goldstein_mean || 0) * place.events;
    c.sx += x * place.events;
    c.sy += y * place.events;
    cells.set(key, c);
  }
  return [...cells.values()].map((c) => ({ ...c, x: c.sx / c.events, y: c.sy / c.events,
    places: c.places.sort((a, b) => b.events - a.events) }));
}

const WORLD = { x: -445, y: -240, w: 890, h: 420 };
const POLE = project(0, 90)[1];

/** Keep a view inside the map's latitudes, so that no empty band shows above the North Pole. */
function keepOnSphere(view) {
  const top = POLE - 6;
  const bottom = -POLE + 6;
  if (view.h >= bottom - top) return { ...view, y: (top + bottom - view.h) / 2 };
  return { ...view, y: Math.min(Math.max(view.y, top), bottom - view.h) };
}

export class WorldMap {
  constructor(node, { onPlace } = {}) {
    this.node = node;
    this.onPlace = onPlace;
    this.view = { ...WORLD };
    this.places = [];
    this.showLabels = true;
    this.countries = new Map();
    this.base = svg("g", { class: "base" });
    this.points = svg("g", { class: "points" });
    fill(node, this.base, this.points);
    this.node.setAttribute("preserveAspectRatio", "xMidYMid meet");
    this.applyView();
    this.bindZoom();
  }

  async loadBasemap(url) {
    const response = await fetch(url);
    const data = await response.json();
    const sphere = svg("path", { class: "sphere", d: spherePath() });
    const paths = data.countries.map((country) => {
      const path = svg("path", { class: "country", d: country.rings.map(ringPath).join("") },
        svg("title", {}, country.name));
      if (country.id) this.countries.set(country.id, path);
      return path;
    });
    fill(this.base, sphere, paths);
  }

  /** Draw places: those with events as coloured circles, mentioned-only ones as small dots. */
  render(places) {
    this.places = places.filter((p) => p.lat !== null && p.lon !== null);
    const byCountry = new Map();
    for (const place of this.places) {
      if (place.country && place.events) byCountry.set(place.country, (byCountry.get(place.country) || 0) + place.events);
    }
    const most = Math.max(1, ...byCountry.values());
    for (const [code, path] of this.countries) {
      const events = byCountry.get(code) || 0;
      path.setAttribute("class", events ? `country active shade-${Math.min(4, Math.ceil((4 * events) / most))}` : "country");
    }
    this.drawPoints();
  }

  drawPoints() {
    const k = this.view.w / WORLD.w;
    const pixel = this.view.w / Math.max(200, this.node.getBoundingClientRect().width || 800);
    const clusters = cluster(this.places.filter((p) => p.events), 26 * pixel);
    const mentions = this.places.filter((p) => !p.events);
    fill(this.points, mentions.map((place) => this.point(place, k)),
      clusters.sort((a, b) => a.events - b.events).map((c) => (c.places.length === 1 ? this.point(c.places[0], k) : this.clusterMark(c, k))),
      this.showLabels ? this.labels(k, clusters) : null);
  }

  /** Names of the busiest places (or clusters), skipping any that would overlap a label already placed. */
  labels(k, clusters) {
    const placed = [];
    const out = [];
    for (const c of [...clusters].sort((a, b) => b.events - a.events).slice(0, 14)) {
      const name = c.places.length === 1 ? c.places[0].name : `${c.places[0].name} +${c.places.length - 1}`;
      const r = radiusFor(c.events) * k;
      const box = { x0: c.x + r + 2 * k, y0: c.y - 6 * k, x1: c.x + r + 2 * k + 6.3 * k * name.length, y1: c.y + 6 * k };
      if (placed.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) continue;
      placed.push(box);
      out.push(svg("text", { class: "place-label", x: box.x0, y: c.y + 3.5 * k, "font-size": 11 * k, "stroke-width": 3 * k }, name));
    }
    return out;
  }

  clusterMark(c, k) {
    const r = radiusFor(c.events) * k;
    const names = c.places.slice(0, 8).map((p) => `${p.name} (${p.events})`).join(", ");
    return svg("g", { class: "place cluster", tabindex: 0, role: "button", "aria-label": `${c.places.length} places, ${c.events} events: zoom in`,
      onclick: () => this.zoomTo(c), onkeydown: (e) => { if (e.key === "Enter") this.zoomTo(c); } },
    svg("circle", { cx: c.x, cy: c.y, r, fill: goldsteinColor(c.goldstein / Math.max(1, c.events)), "stroke-width": 1.5 * k }),
    svg("text", { class: "cluster-count", x: c.x, y: c.y + 4 * k, "font-size": 11 * k }, String(c.places.length)),
    svg("title", {}, `${c.places.length} places, ${c.events} events: ${names}${c.places.length > 8 ? " …" : ""} (click to zoom in)`));
  }

  zoomTo(c) {
    const w = Math.max(20, this.view.w / 3);
    const h = (w / this.view.w) * this.view.h;
    this.view = keepOnSphere({ x: c.x - w / 2, y: c.y - h / 2, w, h });
    this.applyView();
    this.drawPoints();
  }

  point(place, k) {
    const [x, y] = project(place.lon, place.lat);
    const r = (place.events ? radiusFor(place.events) : 2) * k;
    const tip = `${place.name}${place.country ? ` (${place.country})` : ""}: ${place.events} events, `
      + `${place.mentions} mentions${place.events ? `, mean Goldstein ${formatNumber(place.goldstein_mean, 1)}` : " (mentioned only)"}`
      + `${place.doubtful ? " · doubtful: named once" : ""}`;
    const cls = ["place", place.events ? "" : "mention", place.doubtful ? "doubtful" : ""].filter(Boolean).join(" ");
    const pick = () => { if (place.events && this.onPlace) this.onPlace(place); };
    return svg("g", { class: cls, onclick: pick, tabindex: place.events ? 0 : null,
      onkeydown: (e) => { if (e.key === "Enter") pick(); } },
    svg("circle", { cx: x, cy: y, r, fill: place.events ? goldsteinColor(place.goldstein_mean) : "#7b8794",
      "stroke-width": (place.events ? 1.2 : 0.4) * k }),
    svg("title", {}, tip));
  }

  applyView() {
    const { x, y, w, h } = this.view;
    this.node.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
  }

  zoom(factor, cx, cy) {
    const v = this.view;
    const w = Math.max(20, Math.min(WORLD.w * 1.2, v.w * factor));
    const h = (w / v.w) * v.h;
    const px = cx === undefined ? v.x + v.w / 2 : cx;
    const py = cy === undefined ? v.y + v.h / 2 : cy;
    this.view = { x: px - ((px - v.x) * w) / v.w, y: py - ((py - v.y) * h) / v.h, w, h };
    this.applyView();
    this.drawPoints();
  }

  /** Zoom to the places with events (or the world when there are none). */
  fit() {
    const active = this.places.filter((p) => p.events);
    if (!active.length) {
      this.view = { ...WORLD };
    } else {
      const xy = active.map((p) => project(p.lon, p.lat));
      const xs = xy.map((p) => p[0]);
      const ys = xy.map((p) => p[1]);
      const pad = 40;
      let w = Math.max(160, Math.max(...xs) - Math.min(...xs) + 2 * pad);
      let h = Math.max(75, Math.max(...ys) - Math.min(...ys) + 2 * pad);
      const ratio = WORLD.w / WORLD.h;
      if (w / h > ratio) h = w / ratio; else w = h * ratio;
      const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
      const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
      this.view = keepOnSphere({ x: cx - w / 2, y: cy - h / 2, w, h });
    }
    this.applyView();
    this.drawPoints();
  }

  /** The visible area as [min_lat, min_lon, max_lat, max_lon]. */
  visibleBox() {
    const { x, y, w, h } = this.view;
    const corners = [[x, y], [x + w, y], [x, y + h], [x + w, y + h], [x + w / 2, y], [x + w / 2, y + h]]
      .map(([px, py]) => unproject(px, py));
    const lats = corners.map((c) => c[1]);
    const lons = corners.map((c) => c[0]);
    const round = (v) => Math.round(v * 100) / 100;
    return [round(Math.min(...lats)), round(Math.min(...lons)), round(Math.max(...lats)), round(Math.max(...lons))];
  }

  toSvg(event) {
    const point = this.node.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(this.node.getScreenCTM().inverse());
  }

  bindZoom() {
    this.node.addEventListener("wheel", (event) => {
      event.preventDefault();
      const p = this.toSvg(event);
      this.zoom(event.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    let drag = null;
    this.node.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, view: { ...this.view }, scale: this.node.getScreenCTM().a, moved: false };
    });
    this.node.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 3) return;
      if (!drag.moved) this.node.setPointerCapture(event.pointerId);
      drag.moved = true;
      this.view = { ...drag.view, x: drag.view.x - dx / drag.scale, y: drag.view.y - dy / drag.scale };
      this.applyView();
    });
    const stop = () => { drag = null; };
    this.node.addEventListener("pointerup", stop);
    this.node.addEventListener("pointerleave", stop);
  }
}

export function mapLegend(node) {
  const stops = [-10, -5, 0, 5, 10];
  fill(node,
    el("span", { class: "legend-label" }, "Mean Goldstein"),
    stops.map((v) => el("span", { class: "swatch-item" }, dot(goldsteinColor(v)), v > 0 ? `+${v}` : String(v))),
    el("span", { class: "legend-label" }, "· size = events · numbered circle = nearby places (click to zoom) · grey = mentioned only · dashed = doubtful"));
}

function dot(color) {
  const node = el("span", { class: "swatch round" });
  node.style.background = color;
  return node;
}
