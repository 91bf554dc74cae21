import { generateCounty, type County } from '../../geodata/county/index.ts';

let cached: County | null = null;

/** The default demo county (seed 1, 63,636 members), generated once per test file. */
export function demoCounty(): County {
  cached ??= generateCounty({ seed: 1 });
  return cached;
}
