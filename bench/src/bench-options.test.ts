import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './bench-options.js';

describe('parseBenchOptions', () => {
  it('defaults to a large CSV district, medium API districts, one run of every source', () => {
    expect(parseBenchOptions([], '/repo/bench/results', '/repo')).toEqual({
      size: 'large',
      apiSize: 'medium',
      repeat: 1,
      sources: ['csv', 'clever', 'oneroster'],
      seed: '42',
      cpuProfile: false,
      resultsDirectory: '/repo/bench/results',
      executorModule: undefined,
      maxOldSpaceMb: undefined,
    });
  });

  it('takes a V8 old-space limit for the syncing processes', () => {
    expect(parseBenchOptions(['--max-old-space', '256'], 'r')).toMatchObject({ maxOldSpaceMb: 256 });
    expect(() => parseBenchOptions(['--max-old-space', '12'], 'r')).toThrow(/--max-old-space/);
  });

  it('takes sizes, repeats and a subset of sources', () => {
    const options = parseBenchOptions(['--size', 'medium', '--repeat', '3', '--only', 'csv,clever'], 'r');
    expect(options).toMatchObject({ size: 'medium', repeat: 3, sources: ['csv', 'clever'] });
  });

  it('takes paths from the folder pnpm bench was started in', () => {
    expect(
      parseBenchOptions(['--executor-module', 'apps/x/src/e.ts', '--results', 'out'], '/r', '/repo'),
    ).toMatchObject({ executorModule: '/repo/apps/x/src/e.ts', resultsDirectory: '/repo/out' });
  });

  it('names what is wrong', () => {
    expect(() => parseBenchOptions(['--size', 'huge'], 'r')).toThrow(/--size "huge"/);
    expect(() => parseBenchOptions(['--repeat', '0'], 'r')).toThrow(/--repeat/);
    expect(() => parseBenchOptions(['--only', 'csv,ftp'], 'r')).toThrow(/ftp/);
  });
});
