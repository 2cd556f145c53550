// Small DOM helpers shared by every view.
// Data from the store only ever becomes text nodes or plain attributes:
// nothing here parses markup, so a document containing <script> shows as text.

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element; string children become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** An SVG element; string children become text nodes. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** Replace a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A link only for http(s) URLs; anything else (javascript:, data:) stays text. */
export function safeLink(url, label) {
  try {
    const parsed = new URL(url, window.location.href);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, label || url);
    }
  } catch (err) {
    // not a URL: fall through to plain text
  }
  return el("span", {}, label || url || "");
}

export const QUADS = {
  1: { name: "Verbal cooperation", color: "#7fb3dd" },
  2: { name: "Material cooperation", color: "#2c6fb7" },
  3: { name: "Verbal conflict", color: "#f2a65a" },
  4: { name: "Material conflict", color: "#c8412e" },
};

const CONFLICT = [200, 56, 43];
const NEUTRAL = [170, 178, 189];
const COOPERATION = [34, 116, 186];

function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

/** Goldstein (-10 conflict .. +10 cooperation) as a red-grey-blue colour. */
export function goldsteinColor(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "rgb(170,178,189)";
  const t = Math.max(-1, Math.min(1, value / 10));
  const [r, g, b] = t < 0 ? mix(NEUTRAL, CONFLICT, -t) : mix(NEUTRAL, COOPERATION, t);
  return `rgb(${r},${g},${b})`;
}

/** "2026-01-14" as "14 Jan 2026" (or "14 Jan" when short), read in UTC. */
export function formatDate(iso, short) {
  if (!iso) return "";
  const day = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return String(iso);
  const options = short ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" };
  return day.toLocaleDateString("en-GB", { ...options, timeZone: "UTC" });
}

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined) return "–";
  return Number(value).toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const SHORT_NAMES = new Set(["us", "usa", "uk", "eu", "un", "nato", "osce", "asean", "au"]);

/** An issue key such as "us_control_of_greenland" as a readable heading ("US control of greenland"). */
export function issueLabel(issue) {
  const words = String(issue || "").split(/[_\s-]+/).filter(Boolean)
    .map((w) => (SHORT_NAMES.has(w.toLowerCase()) ? w.toUpperCase() : w));
  if (!words.length) return "(no issue)";
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(" ");
}

/** A compact actor label: name plus code, from prefixed row columns. */
export function actorOf(row, prefix) {
  const code = row[`${prefix}_code`];
  const name = row[`${prefix}_name`];
  if (!code && !name) return null;
  return { code: code || "", name: name || code, label: row[`${prefix}_label`], country: row[`${prefix}_country`], agent: row[`${prefix}_agent`] };
}

export function actorChip(actor) {
  if (!actor) return el("span", { class: "muted" }, "—");
  const under = actor.label && actor.label !== actor.name ? `${actor.name}, under ${actor.code}: ${actor.label}` : actor.name;
  return el("span", { class: "actor", title: [under, actor.country].filter(Boolean).join(" · ") },
    el("span", { class: "actor-name" }, actor.name), " ", el("code", {}, actor.code));
}

/** "1 event", "12 events". */
export function plural(count, noun) {
  return `${formatNumber(count)} ${noun}${Number(count) === 1 ? "" : "s"}`;
}

export function emptyNote(text) {
  return el("p", { class: "empty" }, text);
}
