// Prints the per-record cost of contentHash and toStoredRecord, the original definition against the current one.
// Usage (after `pnpm --filter @aivo/sync-core build`): node scripts/measure-content-hash.mjs [rounds]
// Figures only, no pass/fail. Records have the shape connectors yield (simulator key order, a `raw` payload):
// 700,000 enrollments and 170,000 users, about a large district's share of each.
import { createHash } from 'node:crypto';
import { contentHash, toStoredRecord } from '@aivo/sync-core';

const rounds = Number(process.argv[2] ?? 5);

// The original implementation (before the direct serializer), as the baseline.
const nonContentFields = new Set(['raw', 'status', 'dateLastModified']);
function referenceWithSortedKeys(value) {
  if (Array.isArray(value)) return value.map(referenceWithSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted = {};
  for (const key of Object.keys(value).sort()) {
    const entry = value[key];
    if (entry !== undefined) sorted[key] = referenceWithSortedKeys(entry);
  }
  return sorted;
}
function referenceContentHash(record) {
  const content = {};
  for (const [key, value] of Object.entries(record)) {
    if (!nonContentFields.has(key)) content[key] = value;
  }
  return createHash('sha256')
    .update(JSON.stringify(referenceWithSortedKeys(content)))
    .digest('hex');
}
function referenceToStoredRecord(record) {
  const content = {};
  for (const [key, value] of Object.entries(record)) {
    if (!nonContentFields.has(key) && value !== undefined) content[key] = value;
  }
  return content;
}

const id = (prefix, index) => `${prefix}${String(index).padStart(22, '0')}`;
const enrollments = Array.from({ length: 700_000 }, (_, index) => ({
  sourcedId: id('e5', index),
  status: 'active',
  dateLastModified: '2025-08-01T06:00:00.000Z',
  raw: { sourcedId: id('e5', index), role: 'student', classSourcedId: id('c3', index % 9000) },
  classSourcedId: id('c3', index % 9000),
  schoolSourcedId: id('s2', index % 40),
  userSourcedId: id('u4', index % 170_000),
  role: index % 25 === 0 ? 'teacher' : 'student',
  primary: index % 25 === 0 ? true : undefined,
  beginDate: '2025-08-15',
  endDate: '2026-06-10',
}));
const users = Array.from({ length: 170_000 }, (_, index) => ({
  sourcedId: id('u4', index),
  status: 'active',
  dateLastModified: '2025-08-01T06:00:00.000Z',
  raw: { sourcedId: id('u4', index), givenName: 'Mateo', familyName: 'Kowalski' },
  enabledUser: true,
  role: 'student',
  orgSourcedIds: [id('s2', index % 40)],
  username: `mateo.kowalski.s${index}`,
  userIds: [
    { type: 'SIS', identifier: String(200_000 + index) },
    { type: 'LDAP', identifier: `mateo.kowalski.s${index}` },
  ],
  givenName: 'Mateo',
  familyName: index % 7 === 0 ? 'Núñez' : 'Kowalski',
  middleName: index % 3 === 0 ? 'J.' : undefined,
  identifier: String(200_000 + index),
  email: `Mateo.Kowalski.S${index}@students.example.org`,
  agentSourcedIds: index % 2 === 0 ? [id('u4', index + 1)] : undefined,
  grades: [String(9 + (index % 4)).padStart(2, '0')],
}));

for (const records of [enrollments, users]) {
  for (const record of records.slice(0, 2000)) {
    if (contentHash(record) !== referenceContentHash(record)) throw new Error('hashes differ');
  }
}

/**
 * CPU ns per record of each way (the process's CPU time, so garbage collection on helper threads counts and
 * other processes on a shared machine count less), median over `rounds` passes; the ways take turns inside each
 * round. The sink keeps the work from being optimized away.
 */
function nsPerRecord(ways, records) {
  const times = ways.map(() => []);
  let sink = 0;
  for (let round = 0; round < rounds; round += 1) {
    ways.forEach((work, index) => {
      const started = process.cpuUsage();
      for (const record of records) sink += work(record) ? 1 : 0;
      const used = process.cpuUsage(started); // CPU time, garbage collection included, not wall time
      times[index].push(((used.user + used.system) * 1000) / records.length);
    });
  }
  if (sink < 0) console.log(sink);
  return times.map((list) => list.sort((left, right) => left - right)[Math.floor(list.length / 2)]);
}

const format = (ns) => `${ns.toFixed(0).padStart(6)} ns/record`;
console.log(`CPU time, median of ${rounds} rounds; before = the original implementation, after = this build`);
for (const [label, records] of [
  ['enrollments (700,000)', enrollments],
  ['users (170,000)', users],
]) {
  const [before, after] = nsPerRecord([referenceContentHash, contentHash], records);
  const [storedBefore, storedAfter] = nsPerRecord([referenceToStoredRecord, toStoredRecord], records);
  console.log(
    `${label.padEnd(22)} contentHash ${format(before)} -> ${format(after)} (${(before / after).toFixed(2)}x)   ` +
      `toStoredRecord ${format(storedBefore)} -> ${format(storedAfter)} (${(storedBefore / storedAfter).toFixed(2)}x)`,
  );
}
