import { describe, expect, it } from 'vitest';
import { copyLine, copyValue, escapeCopyText, textArrayLiteral } from '../../geodata/load/copy-text.ts';
import { ewkbHex } from '../../geodata/load/ewkb.ts';
import { TABLES } from '../../geodata/load/tables.ts';
import { creditCode, creditCodeCheck, isValidCreditCode } from '../../geodata/county/credit-code.ts';
import { createRng } from '../../geodata/county/random.ts';

describe('COPY text encoding', () => {
  it('escapes backslash, tab, newline and carriage return', () => {
    expect(escapeCopyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(escapeCopyText('涪城区 第3网格')).toBe('涪城区 第3网格');
  });

  it('writes null as \\N and booleans as t/f', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(false)).toBe('f');
    expect(copyValue(42)).toBe('42');
  });

  it('writes text arrays as quoted array literals, escaped for COPY', () => {
    expect(textArrayLiteral(['first_aid', 'it'])).toBe('{"first_aid","it"}');
    expect(textArrayLiteral([])).toBe('{}');
    expect(copyValue(['a"b', 'c\\d'])).toBe('{"a\\\\"b","c\\\\\\\\d"}');
  });

  it('joins a row with tabs and ends it with a newline', () => {
    expect(copyLine(['a', null, 1, true])).toBe('a\t\\N\t1\tt\n');
  });

  it('rejects numbers PostgreSQL cannot read', () => {
    expect(() => copyValue(Number.NaN)).toThrow();
  });
});

describe('EWKB', () => {
  it('encodes a point as PostGIS does (SRID=4326;POINT(1 2))', () => {
    expect(ewkbHex({ type: 'Point', coordinates: [1, 2] }).toUpperCase()).toBe('0101000020E6100000000000000000F03F0000000000000040');
  });

  it('encodes a multipolygon with the SRID only in the outer header', () => {
    const hex = ewkbHex({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      ],
    }).toUpperCase();
    // 01 06000020 E6100000 01000000 | 01 03000000 01000000 04000000 …
    expect(hex.startsWith('0106000020E610000001000000010300000001000000040000000000')).toBe(true);
    expect(hex.length).toBe(2 * (9 + 4 + 5 + 4 + 4 + 4 * 16));
  });

  it('encodes a multilinestring', () => {
    const hex = ewkbHex({
      type: 'MultiLineString',
      coordinates: [
        [
          [0, 0],
          [1, 1],
        ],
      ],
    }).toUpperCase();
    expect(hex.startsWith('0105000020E61000000100000001020000000200000')).toBe(true);
  });
});

describe('tables', () => {
  it('lists parents before children', () => {
    const names = TABLES.map((t) => t.name);
    const before = (a: string, b: string): boolean => names.indexOf(a) < names.indexOf(b);
    expect(before('area', 'grid')).toBe(true);
    expect(before('compound', 'building')).toBe(true);
    expect(before('org', 'member')).toBe(true);
    expect(before('member', 'place')).toBe(true);
    expect(before('member', 'grid_staff')).toBe(true);
    expect(before('place', 'belt_site')).toBe(true);
    expect(before('new_org', 'pairing')).toBe(true);
    expect(before('regional_group', 'regional_group_org')).toBe(true);
  });
});

describe('unified social credit codes', () => {
  it('validates a published example and rejects a changed character', () => {
    // GB 32100-2015 appendix example
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it('generates valid codes', () => {
    const rng = createRng('credit');
    for (let i = 0; i < 200; i++) expect(isValidCreditCode(creditCode(rng, i % 2 ? 'enterprise' : 'social_org', '510703000000'))).toBe(true);
  });
});
