/** Where a command prints; `console` in the real CLI, a collector in tests. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}
