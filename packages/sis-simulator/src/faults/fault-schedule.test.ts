import { describe, expect, it } from 'vitest';
import { httpFaultKinds, sftpFaultKinds } from './fault.js';
import { FaultSchedule } from './fault-schedule.js';

const request = (url: string) => ({
  protocol: 'http' as const,
  method: 'GET',
  path: url.split('?')[0]!,
  url,
});

describe('FaultSchedule', () => {
  it('fires onRequest N once by default, counting only matching requests', () => {
    const schedule = new FaultSchedule(httpFaultKinds, [
      { kind: 'status', status: 500, onRequest: 2, match: (url) => url.startsWith('/users') },
    ]);
    const fired = ['/users?p=1', '/orgs', '/users?p=2', '/users?p=3'].map(
      (url) => schedule.take(request(url)).length,
    );
    expect(fired).toEqual([0, 0, 1, 0]);
  });

  it('fires every matching request without onRequest, and `times` bounds it', () => {
    const always = new FaultSchedule(httpFaultKinds, [{ kind: 'delay', ms: 1 }]);
    expect([1, 2, 3].map(() => always.take(request('/x')).length)).toEqual([1, 1, 1]);
    const twice = new FaultSchedule(httpFaultKinds, [{ kind: 'delay', ms: 1, onRequest: 2, times: 2 }]);
    expect([1, 2, 3, 4].map(() => twice.take(request('/x')).length)).toEqual([0, 1, 1, 0]);
  });

  it('answers a rate-limit burst `count` times', () => {
    const schedule = new FaultSchedule(httpFaultKinds, [
      { kind: 'rate-limit-burst', count: 3, retryAfterSeconds: 1 },
    ]);
    expect([1, 2, 3, 4].map(() => schedule.take(request('/x')).length)).toEqual([1, 1, 1, 0]);
  });

  it('ignores kinds the protocol cannot act on and restarts counting when replaced', () => {
    const schedule = new FaultSchedule(sftpFaultKinds, [{ kind: 'status', status: 500 }]);
    expect(schedule.take(request('/x'))).toEqual([]);
    schedule.set([{ kind: 'disconnect-mid-file', onRequest: 1 }]);
    expect(schedule.take(request('/x')).map((fault) => fault.kind)).toEqual(['disconnect-mid-file']);
  });

  it('rejects invalid options with a message naming them', () => {
    expect(() => new FaultSchedule(httpFaultKinds, [{ kind: 'status', status: 5000 }])).toThrow(/status/);
    expect(() => new FaultSchedule(httpFaultKinds, [{ kind: 'delay', ms: 1, onRequest: 0 }])).toThrow(
      /onRequest/,
    );
  });
});
