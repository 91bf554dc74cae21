/**
 * Seeded randomness for the demo-county generator. Every module draws from an {@link Rng}
 * forked from the county seed by a label, so adding draws in one module never shifts another.
 */
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One index, with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Standard normal draw (Box–Muller). */
  normal(): number;
  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent stream named by a label, deterministic from this stream's seed. */
  fork(label: string): Rng;
}

/** A deterministic random stream (seedrandom's Alea) for a seed string. */
export function createRng(seed: string): Rng {
  const prng = seedrandom.alea(seed);
  const next = (): number => prng();
  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      return items[rng.weightedIndex(weights)] as T;
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = out[i] as T;
        out[i] = out[j] as T;
        out[j] = t;
      }
      return out;
    },
    fork: (label) => createRng(`${seed}/${label}`),
  };
  return rng;
}

/** Cumulative weights, for drawing from the same distribution many times (see drawIndex). */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/** An index drawn with probability proportional to its weight (binary search). */
export function drawIndex(rng: Rng, cumulative: Float64Array): number {
  const r = rng.next() * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Splits `total` into integers proportional to `weights` (largest remainder; ties by index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) {
    const even = weights.map(() => Math.floor(total / weights.length));
    for (let i = 0; i < total - even.reduce((a, b) => a + b, 0); i++) even[i] = (even[i] as number) + 1;
    return even;
  }
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = (order[k] as { i: number }).i;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/**
 * Splits `total` into integers within [min, max], as proportional to `weights` as the bounds allow.
 * Requires `weights.length * min <= total <= weights.length * max`.
 */
export function apportionBounded(total: number, weights: readonly number[], min: number, max: number): number[] {
  const n = weights.length;
  if (n * min > total || n * max < total) {
    throw new Error(`cannot split ${total} into ${n} parts within [${min}, ${max}]`);
  }
  const fixed: (number | null)[] = weights.map(() => null);
  for (let round = 0; round < n + 1; round++) {
    const free = fixed.flatMap((f, i) => (f === null ? [i] : []));
    const left = total - fixed.reduce<number>((a, f) => a + (f ?? 0), 0);
    const wsum = free.reduce((a, i) => a + (weights[i] as number), 0);
    let changed = false;
    for (const i of free) {
      const x = wsum > 0 ? (left * (weights[i] as number)) / wsum : left / free.length;
      if (x < min) {
        fixed[i] = min;
        changed = true;
      } else if (x > max) {
        fixed[i] = max;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const free = fixed.flatMap((f, i) => (f === null ? [i] : []));
  const left = total - fixed.reduce<number>((a, f) => a + (f ?? 0), 0);
  const parts = apportion(
    left,
    free.map((i) => weights[i] as number),
  );
  free.forEach((i, k) => {
    fixed[i] = parts[k] as number;
  });
  const out = fixed.map((f) => f as number);
  // rounding can push a free part one past a bound: move single units to keep every part inside
  for (let i = 0; i < n; i++) {
    while ((out[i] as number) > max) {
      const j = out.findIndex((v) => v < max);
      out[i] = (out[i] as number) - 1;
      out[j] = (out[j] as number) + 1;
    }
    while ((out[i] as number) < min) {
      const j = out.findIndex((v) => v > min);
      out[i] = (out[i] as number) + 1;
      out[j] = (out[j] as number) - 1;
    }
  }
  return out;
}
