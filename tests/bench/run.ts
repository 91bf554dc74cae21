import { benchLoad } from './load.bench.ts';
import { benchMixed } from './mixed.bench.ts';
import { benchNearby } from './nearby.bench.ts';
import { benchPlanner } from './planner.bench.ts';
import { benchRegistryImport } from './registry-import.bench.ts';
import { benchScope } from './scope.bench.ts';
import { benchSoak } from './soak.bench.ts';
import { benchStats } from './stats.bench.ts';
import { benchTiles } from './tiles.bench.ts';
import { benchWallLoad } from './wall-load.bench.ts';
import { benchWriters } from './writers.bench.ts';

const benches: Record<string, (args: string[]) => Promise<void>> = {
  load: benchLoad,
  mixed: benchMixed,
  nearby: benchNearby,
  planner: benchPlanner,
  'registry-import': benchRegistryImport,
  scope: benchScope,
  soak: benchSoak,
  tiles: benchTiles,
  'wall-load': benchWallLoad,
  writers: benchWriters,
  stats: benchStats,
};

/** `npm run bench -- [name] [args…]`: runs one benchmark, or all of them. */
async function main() {
  const [name, ...args] = process.argv.slice(2);
  const chosen = name ? { [name]: benches[name] } : benches;
  for (const [benchName, bench] of Object.entries(chosen)) {
    if (!bench) throw new Error(`unknown benchmark "${benchName}"; known: ${Object.keys(benches).join(', ')}`);
    await bench(args);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
