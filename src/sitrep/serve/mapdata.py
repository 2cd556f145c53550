"""Build the dashboard's offline basemap from world-atlas TopoJSON.

The dashboard may load nothing from outside, so the country outlines ship as a
small JSON file in ``static/``.  This module turns the ``countries-110m.json``
TopoJSON of the npm package ``world-atlas`` (ISC licence; geometry from Natural
Earth, public domain) into that file: arcs decoded, rings cut at the
antimeridian, coordinates rounded, countries keyed by ISO alpha-3 so that event
places (which carry alpha-3 codes) can shade them.  It runs once, by hand:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m sitrep.serve.mapdata package/countries-110m.json src/sitrep/serve/static/world.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Ring = list[tuple[float, float]]

# Natural Earth features without an ISO numeric code in world-atlas.
UNCODED = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
# Antarctica wraps the pole, which a flat world map cannot close; no news event needs it.
LEFT_OUT = {"Antarctica"}


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute lon/lat points of every arc (TopoJSON stores quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join the arcs of one ring; a negative index means the arc reversed (~i)."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def split_antimeridian(ring: Ring) -> list[Ring]:
    """Cut a ring that jumps across lon ±180 into one ring on each side.

    A planar projection would otherwise draw a stripe across the whole map
    (Russia's Chukotka, Fiji).  Longitudes are unwrapped, then the ring is
    clipped to each half-plane and shifted back.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:])):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        prev = unwrapped[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    pieces = []
    for low, high, shift in ((-540, -180, 360), (-180, 180, 0), (180, 540, -360)):
        clipped = _clip_band(unwrapped, low, high)
        if len(clipped) >= 3:
            pieces.append([(lon + shift, lat) for lon, lat in clipped])
    return pieces


def _clip_band(ring: Ring, low: float, high: float) -> Ring:
    """Sutherland-Hodgman clipping of a closed ring to low <= lon <= high."""
    sides: tuple[tuple[float, Callable[[float], bool]], ...] = (
        (low, lambda lon: lon >= low),
        (high, lambda lon: lon <= high),
    )
    for edge, keep in sides:
        if not ring:
            break
        out: Ring = []
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            if keep(bx):
                if not keep(ax):
                    out.append(_cross(ax, ay, bx, by, edge))
                out.append((bx, by))
            elif keep(ax):
                out.append(_cross(ax, ay, bx, by, edge))
        ring = out
    return ring


def _cross(ax: float, ay: float, bx: float, by: float, lon: float) -> tuple[float, float]:
    t = (lon - ax) / (bx - ax)
    return lon, ay + t * (by - ay)


def country_code(geometry: dict[str, Any]) -> str | None:
    """ISO alpha-3 of a world-atlas geometry (its id is the ISO numeric code)."""
    name = geometry.get("properties", {}).get("name", "")
    if not geometry.get("id"):
        return UNCODED.get(name)
    import pycountry

    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_3 if country else None


def countries(topology: dict[str, Any], digits: int = 2) -> list[dict[str, Any]]:
    """One record per country: alpha-3 id, name, rings as flat [lon, lat, ...] lists."""
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["properties"]["name"] in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                for ring in split_antimeridian(ring_points(indexes, arcs)):
                    rings.append([round(v, digits) for point in ring for v in point])
        result.append({"id": country_code(geometry), "name": geometry["properties"]["name"], "rings": rings})
    return result


def build(source: Path, target: Path) -> int:
    """Write the basemap file; returns the number of countries."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    data = {
        "source": "world-atlas 2.0.2 countries-110m (ISC licence), from Natural Earth (public domain)",
        "countries": countries(topology),
    }
    target.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return len(data["countries"])


if __name__ == "__main__":  # pragma: no cover - a build step run by hand
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "countries written")
