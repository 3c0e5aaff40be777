import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeOneRosterCsv } from '../csv/write-oneroster-csv.js';
import { createDistrict } from '../generator/create-district.js';
import { districtSizes, isDistrictSizeName } from '../generator/district-counts.js';
import { parseSeed, parseWholeNumber, UsageError } from './command-arguments.js';
import type { CommandOutput } from './command-output.js';

export const writeCsvUsage = `Usage: sis-simulator write-csv --out DIR [options]

Writes a simulated district as a OneRoster 1.1 CSV set (manifest.csv + six roster files).

Options:
  --out DIR          folder to write into (with --zip: a .zip path, or a folder that gets oneroster.zip)
  --size NAME        ${Object.keys(districtSizes).join(' | ')} (default small)
  --seed SEED        any number or text (default 42); the same seed gives the same bytes
  --day N            simulated day, from 1 (default 1)
  --delta            write the changes since the day before (or --since-day) instead of the full set
  --since-day N      the earlier day a --delta is taken against (default: --day minus 1)
  --zip              write one zip file instead of a folder
  --bom              start each file with a UTF-8 byte order mark
  --crlf             end lines with CRLF instead of LF`;

/**
 * `sis-simulator write-csv`: writes the CSV set and prints the files, their row counts and the
 * district's ground truth. Returns the process exit code.
 */
export async function writeCsvCommand(args: string[], output: CommandOutput): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      out: { type: 'string' },
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '42' },
      day: { type: 'string', default: '1' },
      'since-day': { type: 'string' },
      delta: { type: 'boolean', default: false },
      zip: { type: 'boolean', default: false },
      bom: { type: 'boolean', default: false },
      crlf: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    output.log(writeCsvUsage);
    return 0;
  }
  if (!values.out) throw new UsageError('write-csv needs --out DIR: the folder (or .zip file) to write.');
  const size = values.size;
  if (!isDistrictSizeName(size)) {
    throw new UsageError(`Unknown --size "${size}": use ${Object.keys(districtSizes).join(', ')}.`);
  }
  const seed = parseSeed(values.seed);
  const day = parseWholeNumber('--day', values.day, 1);
  const district = createDistrict({ seed, size, day });
  let previous: ReturnType<typeof createDistrict> | undefined;
  if (values['since-day'] !== undefined) {
    if (!values.delta) throw new UsageError('--since-day only makes sense with --delta.');
    const sinceDay = parseWholeNumber('--since-day', values['since-day'], 1);
    if (sinceDay >= day) throw new UsageError(`--since-day (${sinceDay}) must be before --day (${day}).`);
    previous = createDistrict({ seed, size, day: sinceDay });
  } else if (values.delta && day < 2) {
    throw new UsageError('--delta needs --day 2 or later: day 1 has no changes to describe.');
  }
  const out =
    values.zip && !values.out.toLowerCase().endsWith('.zip') ? join(values.out, 'oneroster.zip') : values.out;

  const started = performance.now();
  const written = await writeOneRosterCsv({
    district,
    out,
    format: values.zip ? 'zip' : 'folder',
    mode: values.delta ? 'delta' : 'bulk',
    ...(previous ? { previous } : {}),
    bom: values.bom,
    lineEnding: values.crlf ? '\r\n' : '\n',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  output.log(
    `Wrote a OneRoster 1.1 ${written.mode} CSV set (${written.format}) of the ${size} district "${district.districtName}" (seed ${String(seed)}, day ${day}) to ${written.path} in ${seconds} s:`,
  );
  for (const file of written.files)
    output.log(`  ${file.name.padEnd(22)} ${String(file.rows).padStart(9)} rows`);
  const truth = district.groundTruth();
  output.log('Ground truth:');
  for (const [entity, count] of Object.entries(truth.records)) {
    output.log(`  ${entity.padEnd(22)} ${String(count).padStart(9)}`);
  }
  for (const [role, count] of Object.entries(truth.usersByRole)) {
    output.log(`  users: ${role.padEnd(15)} ${String(count).padStart(9)}`);
  }
  output.log(`  students without email ${String(truth.studentsWithoutEmail).padStart(9)}`);
  output.log(`  multi-role teachers    ${String(truth.multiRoleTeacherIds.length).padStart(9)}`);
  if (values.delta) {
    const changes = district.changesSince(previous ?? createDistrict({ seed, size, day: day - 1 }));
    output.log(`Changes from day ${changes.fromDay} to day ${changes.toDay}:`);
    for (const entity of ['users', 'classes', 'enrollments'] as const) {
      const { created, updated, deleted } = changes[entity].counts;
      output.log(`  ${entity.padEnd(12)} created ${created}, updated ${updated}, deleted ${deleted}`);
    }
  }
  return 0;
}
