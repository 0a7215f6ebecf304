#!/usr/bin/env node
// Generates data/map/countries_50m.txt and data/map/countries_10m.txt from
// Natural Earth admin-0 (public domain) as shipped in npm world-atlas 2.0.2.
//
//   cd scripts && npm ci && node make_map_data.js
//
// Steps: TopoJSON -> GeoJSON (topojson-client), clip every ring to the region
// bounding box (Sutherland-Hodgman), round to 5 decimals, drop degenerate rings
// (and, at 1:50m only, islands below a small area), triangulate each polygon
// with earcut 2.x, pick a label point inside the largest polygon (polylabel-style
// pole of inaccessibility), write a line-oriented text file, then re-read the
// written file and run sanity checks (areas, capitals inside their country).
// Output is deterministic: same inputs -> byte-identical files.
'use strict';

const fs = require('fs');
const path = require('path');
const topojson = require('topojson-client');
const earcut = require('earcut');

const WORLD_ATLAS_VERSION = require('world-atlas/package.json').version;
const TOPOJSON_CLIENT_VERSION = require('topojson-client/package.json').version;
const EARCUT_VERSION = require('earcut/package.json').version;
const NATURAL_EARTH_VERSION = '4.1.0'; // what world-atlas 2.0.2 redistributes (its README)
const BBOX = { west: 12.0, south: 38.5, east: 24.5, north: 47.5 };
const OUT_DIR = path.join(__dirname, '..', 'data', 'map');
// Islands/pieces smaller than this (in square degrees, after clipping) are
// dropped from the 1:50m set only. 0.002 deg^2 is roughly 15-20 km^2 here.
const MIN_PART_AREA = { '50m': 0.002, '10m': 0.0 };

// Fixed output order. Numeric ids are ISO 3166-1 numeric as used by world-atlas;
// Kosovo has no numeric id there and is matched by name.
const COUNTRIES = [
  { iso2: 'AL', id: '008', name: 'Albania' },
  { iso2: 'BA', id: '070', name: 'Bosnia and Herzegovina' },
  { iso2: 'HR', id: '191', name: 'Croatia' },
  { iso2: 'XK', id: null, neName: 'Kosovo', name: 'Kosovo' },
  { iso2: 'ME', id: '499', name: 'Montenegro' },
  { iso2: 'MK', id: '807', name: 'North Macedonia' },
  { iso2: 'RS', id: '688', name: 'Serbia' },
  { iso2: 'SI', id: '705', name: 'Slovenia' },
  { iso2: 'HU', id: '348', name: 'Hungary' },
  { iso2: 'RO', id: '642', name: 'Romania' },
  { iso2: 'BG', id: '100', name: 'Bulgaria' },
  { iso2: 'GR', id: '300', name: 'Greece' },
  { iso2: 'IT', id: '380', name: 'Italy' },
  { iso2: 'AT', id: '040', name: 'Austria' },
];

// Points that must fall inside the named country's triangles.
const CHECK_POINTS = [
  { what: 'Podgorica', iso2: 'ME', lat: 42.4411, lon: 19.2636 },
  { what: 'Belgrade', iso2: 'RS', lat: 44.8125, lon: 20.4612 },
  { what: 'Pristina', iso2: 'XK', lat: 42.6629, lon: 21.1655 },
  { what: 'Tirana', iso2: 'AL', lat: 41.3275, lon: 19.8187 },
  { what: 'Sarajevo', iso2: 'BA', lat: 43.8563, lon: 18.4131 },
  { what: 'Zagreb', iso2: 'HR', lat: 45.8150, lon: 15.9819 },
  { what: 'Skopje', iso2: 'MK', lat: 41.9981, lon: 21.4254 },
];

// ---------------------------------------------------------------- geometry

const r5 = (v) => Math.round(v * 1e5) / 1e5;
const fmt = (v) => {
  const s = r5(v).toFixed(5);
  return s === '-0.00000' ? '0.00000' : s;
};

function signedArea(ring) { // shoelace, ring not closed; + = counter-clockwise
  let a = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    a += (ring[j][0] * ring[i][1]) - (ring[i][0] * ring[j][1]);
  }
  return a / 2;
}

// Sutherland-Hodgman clip of one ring (array of [lon,lat], not closed) against the box.
function clipRing(ring, box) {
  const edges = [
    { inside: (p) => p[0] >= box.west, cut: (a, b) => cutX(a, b, box.west) },
    { inside: (p) => p[0] <= box.east, cut: (a, b) => cutX(a, b, box.east) },
    { inside: (p) => p[1] >= box.south, cut: (a, b) => cutY(a, b, box.south) },
    { inside: (p) => p[1] <= box.north, cut: (a, b) => cutY(a, b, box.north) },
  ];
  let out = ring;
  for (const e of edges) {
    const input = out;
    out = [];
    if (input.length === 0) break;
    let prev = input[input.length - 1];
    for (const cur of input) {
      const ci = e.inside(cur);
      const pi = e.inside(prev);
      if (ci) {
        if (!pi) out.push(e.cut(prev, cur));
        out.push(cur);
      } else if (pi) {
        out.push(e.cut(prev, cur));
      }
      prev = cur;
    }
  }
  return out;
}
function cutX(a, b, x) {
  const t = (x - a[0]) / (b[0] - a[0]);
  return [x, a[1] + t * (b[1] - a[1])];
}
function cutY(a, b, y) {
  const t = (y - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), y];
}

// Round to 5 decimals, drop the closing point and consecutive duplicates.
function cleanRing(ring) {
  const out = [];
  for (const p of ring) {
    const q = [r5(p[0]), r5(p[1])];
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

// Natural Earth has a few tiny self-intersections (a spike folding back over
// the previous edge); earcut then produces overlapping triangles. Repair by
// removing, for each crossing between nearby edges, the vertex whose removal
// removes the crossing and changes the area least. Far-apart crossings are an error.
const REPAIRS = [];
function cross(a, b, c) { return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]); }
function segsCross(a, b, c, d) {
  return cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0;
}
function firstCrossing(r) {
  const n = r.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segsCross(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n])) return [i, j];
    }
  }
  return null;
}
function countCrossings(r) {
  const n = r.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segsCross(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n])) k++;
    }
  }
  return k;
}
function repairRing(ring, tag) {
  let r = ring;
  for (let guard = 0; guard < 20; guard++) {
    const c = firstCrossing(r);
    if (!c) return r;
    const [i, j] = c;
    const n = r.length;
    const gap = Math.min(j - i, n - (j - i));
    if (gap > 4 || n < 5) throw new Error(`${tag}: ring self-intersects at edges ${i},${j} of ${n}; cannot repair`);
    const cands = [];
    const between = j - i <= n - (j - i)
      ? Array.from({ length: j - i }, (_, k) => i + 1 + k)
      : Array.from({ length: n - (j - i) }, (_, k) => (j + 1 + k) % n);
    for (const v of between) {
      const t = r.filter((_, k) => k !== v);
      cands.push({ v, t, x: countCrossings(t), d: Math.abs(signedArea(t) - signedArea(r)) });
    }
    cands.sort((a, b) => a.x - b.x || a.d - b.d || a.v - b.v);
    REPAIRS.push(`${tag}: removed vertex ${r[cands[0].v]} (self-intersection, area change ${cands[0].d.toExponential(2)} deg^2)`);
    r = cands[0].t;
  }
  throw new Error(`${tag}: too many self-intersections`);
}

function pointInRing(x, y, ring) {
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function pointInPolygon(x, y, rings) {
  if (!pointInRing(x, y, rings[0])) return false;
  for (let k = 1; k < rings.length; k++) if (pointInRing(x, y, rings[k])) return false;
  return true;
}
function segDist2(px, py, a, b) {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

// Pole of inaccessibility (polylabel algorithm, Mapbox, ISC), computed in a
// locally equal-distance frame (x scaled by cos(lat)) so "far from edges" is
// meaningful in km. Returns [lon, lat] strictly inside the polygon.
function polylabel(rings, precisionKm) {
  const outer = rings[0];
  let minY = Infinity; let maxY = -Infinity;
  for (const p of outer) { minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]); }
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const R = rings.map((r) => r.map((p) => [p[0] * k, p[1]]));
  let minX = Infinity; let maxX = -Infinity;
  for (const p of R[0]) { minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); }
  const precision = precisionKm / 111.0;
  const dist = (x, y) => {
    let m = Infinity;
    for (const r of R) for (let i = 0, n = r.length, j = n - 1; i < n; j = i++) m = Math.min(m, segDist2(x, y, r[j], r[i]));
    return (pointInPolygon(x, y, R) ? 1 : -1) * Math.sqrt(m);
  };
  const cell = (x, y, h) => { const d = dist(x, y); return { x, y, h, d, max: d + h * Math.SQRT2 }; };
  const width = maxX - minX;
  const height = maxY - minY;
  let size = Math.min(width, height);
  let h = size / 2;
  const queue = [];
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h));
  // centroid start
  let cx = 0; let cy = 0; let ca = 0;
  const o = R[0];
  for (let i = 0, n = o.length, j = n - 1; i < n; j = i++) {
    const f = o[j][0] * o[i][1] - o[i][0] * o[j][1];
    cx += (o[j][0] + o[i][0]) * f; cy += (o[j][1] + o[i][1]) * f; ca += f * 3;
  }
  let best = ca !== 0 ? cell(cx / ca, cy / ca, 0) : cell(o[0][0], o[0][1], 0);
  const bb = cell(minX + width / 2, minY + height / 2, 0);
  if (bb.d > best.d) best = bb;
  while (queue.length) {
    // deterministic "priority queue": take the max by .max (ties: first)
    let bi = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].max > queue[bi].max) bi = i;
    const c = queue[bi];
    queue[bi] = queue[queue.length - 1];
    queue.pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    h = c.h / 2;
    queue.push(cell(c.x - h, c.y - h, h), cell(c.x + h, c.y - h, h), cell(c.x - h, c.y + h, h), cell(c.x + h, c.y + h, h));
  }
  return [best.x / k, best.y];
}

// ---------------------------------------------------------------- build

function polygonsOf(geom) {
  if (geom.type === 'Polygon') return [geom.coordinates];
  if (geom.type === 'MultiPolygon') return geom.coordinates;
  throw new Error('unexpected geometry ' + geom.type);
}

function buildCountry(feature, minArea, tag) {
  const parts = [];
  const polys = polygonsOf(feature.geometry);
  for (let pi = 0; pi < polys.length; pi++) {
    const poly = polys[pi];
    const rings = [];
    for (let ri = 0; ri < poly.length; ri++) {
      let clipped = cleanRing(clipRing(poly[ri].slice(0, -1), BBOX));
      if (clipped.length >= 3) clipped = repairRing(clipped, `${tag} polygon ${pi} ring ${ri}`);
      if (clipped.length < 3 || Math.abs(signedArea(clipped)) < 1e-9) {
        if (ri === 0) break; // outer ring gone: whole polygon gone
        continue;
      }
      // orientation convention: outer counter-clockwise, holes clockwise (lon east, lat north)
      const a = signedArea(clipped);
      if ((ri === 0 && a < 0) || (ri > 0 && a > 0)) clipped.reverse();
      rings.push(clipped);
    }
    if (rings.length === 0) continue;
    const area = rings.reduce((s, r) => s + signedArea(r), 0);
    if (area < minArea) continue;
    const flat = [];
    const holes = [];
    for (const r of rings) {
      if (flat.length) holes.push(flat.length / 2);
      for (const p of r) flat.push(p[0], p[1]);
    }
    const idx = earcut(flat, holes.length ? holes : null, 2);
    const tris = [];
    for (let i = 0; i < idx.length; i++) tris.push([flat[idx[i] * 2], flat[idx[i] * 2 + 1]]);
    parts.push({ rings, tris, area });
  }
  // largest part first is NOT applied: keep source order for stability; label from largest.
  let largest = parts[0];
  for (const p of parts) if (p.area > largest.area) largest = p;
  const label = polylabel(largest.rings, 0.5);
  return { parts, label };
}

function header(res) {
  return [
    `# opsroom country shapes, Natural Earth 1:${res} admin-0 countries, clipped to the Western Balkans.`,
    `# Source: Natural Earth ${NATURAL_EARTH_VERSION} admin-0 countries via npm package world-atlas ${WORLD_ATLAS_VERSION} (countries-${res}.json, TopoJSON).`,
    '# Licence: public domain (Natural Earth). No attribution required; credit "Made with Natural Earth".',
    `# BBox: lon ${BBOX.west.toFixed(1)}..${BBOX.east.toFixed(1)}, lat ${BBOX.south.toFixed(1)}..${BBOX.north.toFixed(1)} (WGS84 degrees). Every ring was clipped to this box`,
    '#   (Sutherland-Hodgman), so rings of clipped countries contain straight segments lying on the box edges;',
    '#   a segment whose two ends lie on the same box edge is a clip artifact, not a border, and may be skipped when drawing outlines.',
    `# Processing: topojson-client ${TOPOJSON_CLIENT_VERSION} -> GeoJSON, clip, round to 5 decimals, drop degenerate rings${MIN_PART_AREA[res] > 0 ? `, drop polygons (islands) smaller than ${MIN_PART_AREA[res]} square degrees after clipping` : ' (no islands dropped)'},`,
    `#   triangulate each polygon (outer ring + holes) with earcut ${EARCUT_VERSION}. Label = pole of inaccessibility of the largest polygon (inside the shape).`,
    '# Regenerate: cd scripts && npm ci && node make_map_data.js',
    '# Format: one record per line, fields separated by single spaces, coordinates are "lon lat" with 5 decimals, lon first.',
    '#   country <ISO2> <label_lon> <label_lat> <full name, may contain spaces, to end of line>',
    '#   ring <n> <lon lat> x n        outline ring of the current country: n points, implicitly closed (last point != first).',
    '#                                 Outer rings are counter-clockwise, holes clockwise (lon = x east, lat = y north).',
    '#   tris <n> <lon lat> x 3n       n triangles of the current country (3 vertices each, same coordinates as the rings).',
    '#   A country has >= 1 ring and >= 1 tris record; records belong to the most recent country line.',
    '#   For each polygon the order is: ring (outer), ring (holes, if any), tris. Lines starting with # are comments.',
  ];
}

function build(res) {
  const topo = require(`world-atlas/countries-${res}.json`);
  const fc = topojson.feature(topo, topo.objects.countries);
  const lines = [];
  const repairsBefore = REPAIRS.length;
  const stats = { countries: 0, rings: 0, points: 0, tris: 0 };
  for (const c of COUNTRIES) {
    const matches = fc.features.filter((f) => (c.id ? f.id === c.id : (f.id === undefined && f.properties.name === c.neName)));
    if (matches.length !== 1) throw new Error(`${res}: expected 1 feature for ${c.iso2}, got ${matches.length}`);
    const { parts, label } = buildCountry(matches[0], MIN_PART_AREA[res], `${res} ${c.iso2}`);
    lines.push(`country ${c.iso2} ${fmt(label[0])} ${fmt(label[1])} ${c.name}`);
    stats.countries++;
    for (const p of parts) {
      for (const r of p.rings) {
        lines.push(`ring ${r.length} ` + r.map((q) => `${fmt(q[0])} ${fmt(q[1])}`).join(' '));
        stats.rings++;
        stats.points += r.length;
      }
      lines.push(`tris ${p.tris.length / 3} ` + p.tris.map((q) => `${fmt(q[0])} ${fmt(q[1])}`).join(' '));
      stats.tris += p.tris.length / 3;
    }
  }
  const repairs = REPAIRS.slice(repairsBefore);
  const head = header(res);
  head.push(`# Repairs of self-intersecting source rings (vertex removed): ${repairs.length ? repairs.length : 'none'}`);
  for (const r of repairs) head.push(`#   ${r}`);
  head.push(`# Countries: ${COUNTRIES.map((c) => c.iso2).join(' ')}`);
  lines.unshift(...head);
  const file = path.join(OUT_DIR, `countries_${res}.txt`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, stats, repairs };
}

// ---------------------------------------------------------------- verify (re-parse the written file)

function parseFile(file) {
  const countries = [];
  let cur = null;
  let pendingRings = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const sp = line.indexOf(' ');
    const kind = line.slice(0, sp);
    if (kind === 'country') {
      const f = line.split(' ');
      cur = { iso2: f[1], label: [+f[2], +f[3]], name: f.slice(4).join(' '), polys: [], rings: [], tris: [] };
      countries.push(cur);
      pendingRings = [];
      continue;
    }
    const nums = line.slice(sp + 1).split(' ').map(Number);
    const n = nums[0];
    const pts = [];
    for (let i = 1; i < nums.length; i += 2) pts.push([nums[i], nums[i + 1]]);
    if (kind === 'ring') {
      if (pts.length !== n) throw new Error(`${file}: ring count mismatch`);
      cur.rings.push(pts);
      pendingRings.push(pts);
    } else if (kind === 'tris') {
      if (pts.length !== 3 * n) throw new Error(`${file}: tris count mismatch`);
      const tris = [];
      for (let i = 0; i < pts.length; i += 3) tris.push([pts[i], pts[i + 1], pts[i + 2]]);
      cur.tris.push(...tris);
      cur.polys.push({ rings: pendingRings, tris });
      pendingRings = [];
    } else throw new Error(`${file}: unknown record ${kind}`);
  }
  return countries;
}

function pointInTri(x, y, t) {
  const d = (a, b) => (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
  const d1 = d(t[0], t[1]); const d2 = d(t[1], t[2]); const d3 = d(t[2], t[0]);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}
const triArea = (t) => Math.abs((t[1][0] - t[0][0]) * (t[2][1] - t[0][1]) - (t[2][0] - t[0][0]) * (t[1][1] - t[0][1])) / 2;

function verify(file) {
  const cs = parseFile(file);
  const problems = [];
  const want = COUNTRIES.map((c) => c.iso2).join(',');
  if (cs.map((c) => c.iso2).join(',') !== want) problems.push(`country list ${cs.map((c) => c.iso2)} != ${want}`);
  for (const c of cs) {
    let polyArea = 0; let tArea = 0;
    for (const p of c.polys) {
      if (p.rings.length === 0) problems.push(`${c.iso2}: tris without ring`);
      const pa = p.rings.reduce((s, r) => s + signedArea(r), 0);
      const ta = p.tris.reduce((s, t) => s + triArea(t), 0);
      if (Math.abs(pa - ta) > 1e-6 * Math.max(1, pa) + 1e-9) problems.push(`${c.iso2}: polygon area ${pa} != triangle area ${ta}`);
      polyArea += pa; tArea += ta;
    }
    c.polyArea = polyArea; c.triArea = tArea;
    if (!c.tris.some((t) => pointInTri(c.label[0], c.label[1], t))) problems.push(`${c.iso2}: label not inside triangles`);
    const inRings = c.polys.some((p) => pointInPolygon(c.label[0], c.label[1], p.rings));
    if (!inRings) problems.push(`${c.iso2}: label not inside rings`);
  }
  for (const q of CHECK_POINTS) {
    const inside = cs.filter((c) => c.tris.some((t) => pointInTri(q.lon, q.lat, t))).map((c) => c.iso2);
    if (inside.length !== 1 || inside[0] !== q.iso2) problems.push(`${q.what} (${q.lat}, ${q.lon}) inside [${inside}] expected ${q.iso2}`);
  }
  return { cs, problems };
}

// ---------------------------------------------------------------- main

let failed = false;
for (const res of ['50m', '10m']) {
  const { file, stats, repairs } = build(res);
  for (const r of repairs) console.log(`  repair: ${r}`);
  const { cs, problems } = verify(file);
  console.log(`${path.relative(process.cwd(), file)}: ${stats.countries} countries, ${stats.rings} rings, ${stats.points} ring points, ${stats.tris} triangles`);
  for (const c of cs) {
    console.log(`  ${c.iso2} ${c.name.padEnd(23)} rings=${String(c.rings.length).padStart(3)} pts=${String(c.rings.reduce((s, r) => s + r.length, 0)).padStart(5)} tris=${String(c.tris.length).padStart(5)} area=${c.polyArea.toFixed(4)} triArea=${c.triArea.toFixed(4)} label=${c.label[0]},${c.label[1]}`);
  }
  for (const p of problems) { console.error(`  PROBLEM: ${p}`); failed = true; }
  if (!problems.length) console.log('  checks OK: all countries present, triangle areas match polygon areas, labels inside, capitals inside their country');
}
process.exit(failed ? 1 : 0);
