/**
 * The county boundary: an irregular, star-shaped polygon around the center, elongated roughly
 * north–south like Fucheng district (about 30 × 24 km, ~560 km²).
 */
import { closeRing, ringSignedArea, type Ring, type XY } from './geometry.ts';
import type { Rng } from './random.ts';

export interface OutlineOptions {
  /** Semi-axis along the long direction, meters. */
  major?: number;
  /** Semi-axis across, meters. */
  minor?: number;
  /** Number of boundary vertices. */
  vertices?: number;
}

/** A closed counter-clockwise ring in local meters, star-shaped about (0, 0) and so always simple. */
export function countyOutline(rng: Rng, options: OutlineOptions = {}): Ring {
  const major = options.major ?? 15000;
  const minor = options.minor ?? 12000;
  const n = options.vertices ?? 144;
  const tilt = rng.uniform(-0.35, 0.35) + Math.PI / 2;
  const harmonics = [2, 3, 4, 5, 7, 9].map((k) => ({ k, a: rng.uniform(0.01, 0.16 / Math.sqrt(k)), phase: rng.uniform(0, 2 * Math.PI) }));
  const total = harmonics.reduce((s, h) => s + h.a, 0);
  const scale = total > 0.22 ? 0.22 / total : 1;
  // rough, smoothed noise makes the line look surveyed rather than drawn with a compass
  const raw = Array.from({ length: n }, () => rng.uniform(-1, 1));
  const noise = raw.map((_, i) => ((raw[(i + n - 1) % n] as number) + 2 * (raw[i] as number) + (raw[(i + 1) % n] as number)) / 4);
  const points: XY[] = [];
  for (let i = 0; i < n; i++) {
    const theta = (2 * Math.PI * i) / n;
    const u = theta - tilt;
    const ellipse = (major * minor) / Math.hypot(minor * Math.cos(u), major * Math.sin(u));
    let f = 1;
    for (const h of harmonics) f += scale * h.a * Math.cos(h.k * theta + h.phase);
    f += 0.025 * (noise[i] as number);
    const r = ellipse * f;
    points.push([r * Math.cos(theta), r * Math.sin(theta)]);
  }
  const ring = closeRing(points);
  return ringSignedArea(ring) < 0 ? ring.reverse() : ring;
}
