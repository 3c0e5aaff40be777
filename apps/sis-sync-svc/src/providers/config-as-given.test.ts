import { describe, expect, it } from 'vitest';
import { configAsGiven } from './config-as-given.js';

describe('configAsGiven', () => {
  it('keeps normalized values of the fields given and drops defaults, also nested', () => {
    expect(
      configAsGiven(
        { districtId: 'd', pageSize: 1000, sftp: { host: 'h', port: 22, readyTimeoutMs: 20_000 } },
        { districtId: ' d ', sftp: { host: 'h', readyTimeoutMs: 5 } },
      ),
    ).toEqual({ districtId: 'd', sftp: { host: 'h', readyTimeoutMs: 20_000 } });
  });
});
