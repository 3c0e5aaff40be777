import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type DistrictSizeName, isDistrictSizeName } from '@aivo/sis-simulator';

/** Settings of {@link runDemo}. */
export interface DemoOptions {
  /** Simulated district size (default `small`). */
  size: DistrictSizeName;
  seed: string;
  /** Port of the service (default `PORT` or 3000; 0 picks a free one). */
  port: number;
  /** Folder kept across runs: the embedded database, local secrets, the simulator's keys and CSV files. */
  dataDirectory: string;
  /** Stop after the first syncs instead of running until Ctrl-C. */
  exit: boolean;
}

export const demoUsage = `Usage: pnpm demo [-- options]

Starts sis-sync-svc on embedded PostgreSQL and the SIS simulator (Clever, OneRoster REST, ClassLink,
SFTP with OneRoster CSV), creates one integration of each type for two demo tenants, runs a first sync
of each and prints the admin URL, a token and what each run did. Re-running is safe.

Options:
  --size NAME       tiny | small | medium | large (default small)
  --seed SEED       district seed (default 42)
  --port N          service port (default $PORT or 3000; 0 picks a free port)
  --data-dir DIR    kept across runs (default apps/demo/.data)
  --exit            stop after the first syncs (exit code 1 if a run did not succeed)`;

/** Parses the command line; throws an Error whose message says what to fix. */
export function parseDemoOptions(
  args: string[],
  environment: Record<string, string | undefined>,
): DemoOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '42' },
      port: { type: 'string', default: environment.PORT || '3000' },
      'data-dir': { type: 'string' },
      exit: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  if (!isDistrictSizeName(values.size)) {
    throw new Error(`Unknown --size "${values.size}": use tiny, small, medium or large.`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number from 0 to 65535, not "${values.port}".`);
  }
  return {
    size: values.size,
    seed: values.seed,
    port,
    dataDirectory: values['data-dir'] ?? fileURLToPath(new URL('../.data', import.meta.url)),
    exit: values.exit,
  };
}
