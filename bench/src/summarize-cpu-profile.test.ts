import { describe, expect, it } from 'vitest';
import { describeSource, summarizeCpuProfile } from './summarize-cpu-profile.js';

describe('summarizeCpuProfile', () => {
  it('sums self time per function and per file, largest first, with shares of the total', () => {
    const summary = summarizeCpuProfile({
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
        {
          id: 2,
          callFrame: {
            functionName: 'parse',
            url: 'file:///repo/node_modules/.pnpm/csv-parse@6.1.0/node_modules/csv-parse/dist/esm/index.js',
            lineNumber: 9,
          },
        },
        {
          id: 3,
          callFrame: {
            functionName: 'hash',
            url: 'file:///repo/packages/sync-core/dist/index.js',
            lineNumber: 41,
          },
        },
      ],
      samples: [1, 2, 2, 3, 1, 1],
      timeDeltas: [1000, 2000, 2000, 1000, 2000, 2000],
    });
    expect(summary.totalMs).toBe(10);
    expect(summary.functions.map((entry) => [entry.name, entry.selfMs])).toEqual([
      ['(idle)', 5],
      ['parse (csv-parse:10)', 4],
      ['hash (packages/sync-core/dist/index.js:42)', 1],
    ]);
    expect(summary.files[1]).toEqual({ name: 'csv-parse', selfMs: 4, share: 0.4 });
  });
});

describe('describeSource', () => {
  it('keeps the path of our own linked packages and collapses others to their name', () => {
    expect(describeSource('file:///w/node_modules/.pnpm/pg@8.1.0/node_modules/pg/lib/client.js')).toBe('pg');
    expect(describeSource('file:///w/node_modules/@aivo/sync-core/dist/index.js')).toBe(
      '@aivo/sync-core/dist/index.js',
    );
    expect(describeSource('node:internal/streams/readable')).toBe('node:internal/streams/readable');
  });
});
