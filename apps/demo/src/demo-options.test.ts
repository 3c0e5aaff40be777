import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from './demo-options.js';

describe('parseDemoOptions', () => {
  it('defaults to a small district on PORT (or 3000), kept under apps/demo/.data, running until Ctrl-C', () => {
    const options = parseDemoOptions([], {});
    expect(options).toMatchObject({ size: 'small', seed: '42', port: 3000, exit: false });
    expect(options !== 'help' && options.dataDirectory).toMatch(/apps\/demo\/\.data$/);
    expect(parseDemoOptions([], { PORT: '4010' })).toMatchObject({ port: 4010 });
  });

  it('takes --exit, a size, a port and a data folder', () => {
    expect(
      parseDemoOptions(['--exit', '--size', 'tiny', '--port', '0', '--data-dir', '/tmp/demo'], {}),
    ).toEqual({ size: 'tiny', seed: '42', port: 0, dataDirectory: '/tmp/demo', exit: true });
  });

  it('says what is wrong with a bad size or port', () => {
    expect(() => parseDemoOptions(['--size', 'huge'], {})).toThrow(/--size "huge"/);
    expect(() => parseDemoOptions(['--port', 'x'], {})).toThrow(/--port/);
  });
});
