/**
 * The codes of an area's subtree as a half-open range [lo, hi): county 510703000000 →
 * ['510703', '510704'), town 510703001000 → ['510703001', '510703002'), community → its own code
 * and the next. Every code below the area (12-digit areas, 15-digit grids) sorts inside, every other
 * code outside, in any collation (codes are digits only). This is the only place the rule lives.
 */
export function subtreeRange(code: string): { lo: string; hi: string } {
  const lo = /^\d{6}0{6}$/.test(code) ? code.slice(0, 6) : /^\d{9}000$/.test(code) ? code.slice(0, 9) : code;
  return { lo, hi: successor(lo) };
}

/** The next digit string of the same length ('510709' → '510710'); all nines: above every code. */
function successor(digits: string): string {
  const at = digits.search(/[0-8]9*$/);
  if (at < 0) return '9'.repeat(16);
  return digits.slice(0, at) + String(Number(digits[at]) + 1) + '0'.repeat(digits.length - at - 1);
}

/**
 * Where a caller may act for one permission: the union of their grants' subtrees as disjoint,
 * sorted code ranges. SQL takes them as two arrays, `scope_holds(code, $lo, $hi)` (sql/000011),
 * which the planner turns into an index condition; the live stream checks codes with `holds`.
 * An empty scope holds nothing.
 */
export class Scope {
  /** lower bounds (inclusive), ascending */
  readonly lo: readonly string[];
  /** upper bounds (exclusive), one per lower bound */
  readonly hi: readonly string[];
  /** The counties the ranges lie in (the shard key of members and cases); null: any county. */
  readonly counties: readonly string[] | null;
  /** the county and town above each grant, so a map can show where the scope sits */
  readonly ancestors: readonly string[];

  private constructor(lo: string[], counties: string[] | null, ancestors: string[]) {
    this.lo = lo;
    this.hi = lo.map(successor);
    this.counties = counties;
    this.ancestors = ancestors;
  }

  /** The union of the subtrees of the area `codes` (the scopes of a caller's grants). */
  static of(codes: readonly string[]): Scope {
    const prefixes = [...new Set(codes.map((c) => subtreeRange(c).lo))].sort();
    // a subtree inside another grant's subtree adds nothing; what remains is disjoint
    const outer = prefixes.filter((p) => !prefixes.some((q) => q !== p && p.startsWith(q)));
    const counties = [...new Set(outer.map((p) => `${p.slice(0, 6)}000000`))];
    return new Scope(outer, counties, [...new Set(codes.flatMap((c) => [`${c.slice(0, 6)}000000`, `${c.slice(0, 9)}000`]))]);
  }

  /** Every code (for reading back what the caller has just written). */
  static everything(): Scope {
    return new Scope([''], null, []);
  }

  get empty(): boolean {
    return this.lo.length === 0;
  }

  /** Whether an area or grid code lies in the scope. */
  holds(code: string): boolean {
    return this.lo.some((lo, i) => code >= lo && code < this.hi[i]!);
  }

  /** Whether every code this scope holds is also held by `other`. */
  within(other: Scope): boolean {
    return this.lo.every((lo, i) => other.lo.some((l, j) => lo >= l && this.hi[i]! <= other.hi[j]!));
  }

  /**
   * The same scope as the SQL LIKE patterns the ranges replaced (`code like any(patterns)`, never an
   * index condition): only for tests and benchmarks that compare the two.
   */
  get patterns(): string[] {
    return this.lo.map((p) => `${p}%`);
  }
}
