// Prints how fast runSync reconciles a generated district into the memory store, and the heap it used.
// Usage (after `pnpm --filter @aivo/sync-core build` and `pnpm --filter @aivo/sis-simulator build`):
//   node --expose-gc scripts/benchmark-memory-sync.mjs [tiny|small|medium] [batchSize]
// Figures only, no pass/fail: the memory store keeps every row in memory, so heap grows with the district;
// what this measures is the engine's per-record cost (hashing, matching, diffing, store calls).
import { rosterEntities } from '@aivo/connector-sdk';
import { createStaticConnector } from '@aivo/connector-sdk/testing';
import { createDistrict } from '@aivo/sis-simulator';
import { createMemoryRosterStore, runSync } from '@aivo/sync-core';

const size = process.argv[2] ?? 'small';
const batchSize = Number(process.argv[3] ?? 5000);
const day1 = createDistrict({ seed: 1, size });
const recordsOf = (district) =>
  Object.fromEntries(rosterEntities.map((entity) => [entity, district.records(entity)]));
const store = createMemoryRosterStore();
let runNumber = 0;

async function timedRun(label, district) {
  runNumber += 1;
  const started = performance.now();
  const result = await runSync({
    connector: createStaticConnector({ records: recordsOf(district) }),
    store,
    tenantId: 'bench',
    providerId: 'bench',
    runId: `run-${runNumber}`,
    mode: 'full',
    batchSize,
    thresholds: { maxDeactivatePercent: 100 },
  });
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.(); // run with --expose-gc for a heap figure without garbage
  const records = Object.values(district.groundTruth().records).reduce((sum, count) => sum + count, 0);
  const written = Object.values(result.stats).reduce(
    (sum, stats) => sum + stats.created + stats.updated + stats.deactivated + stats.reactivated,
    0,
  );
  console.log(
    `${label.padEnd(14)} ${result.status.padEnd(8)} ${String(records).padStart(8)} records  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(
      records / seconds,
    )
      .toString()
      .padStart(
        7,
      )} records/s  ${String(written).padStart(7)} rows written  heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
  );
}

console.log(`district ${size}, batch size ${batchSize}`);
await timedRun('day 1 (create)', day1);
await timedRun('day 2 (diff)', day1.nextDay());
await timedRun('day 2 again', day1.nextDay());
