import { UsageError } from './command-arguments.js';
import type { CommandOutput } from './command-output.js';
import { serveCli, serveUsage } from './serve-command.js';
import { writeCsvCommand, writeCsvUsage } from './write-csv-command.js';

export const cliUsage = `Usage: sis-simulator <command> [options]

Commands:
  write-csv   write a simulated district as OneRoster 1.1 CSV (folder or zip, bulk or delta)
  serve       start the simulated Clever, OneRoster REST and SFTP servers

Run "sis-simulator <command> --help" for a command's options.`;

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code: 0 done,
 * 1 failed, 2 wrong usage.
 */
export async function runCli(argv: string[], output: CommandOutput): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'write-csv':
        return await writeCsvCommand(args, output);
      case 'serve':
        return await serveCli(args, output);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        output.log(cliUsage);
        return command === undefined ? 2 : 0;
      default:
        output.error(`Unknown command "${command}".\n\n${cliUsage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      const usage = command === 'write-csv' ? writeCsvUsage : command === 'serve' ? serveUsage : cliUsage;
      output.error(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    output.error(
      `sis-simulator ${command} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

/** node:util parseArgs throws TypeErrors with an ERR_PARSE_ARGS_* code for unknown or malformed options. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
