import { readFile } from 'node:fs/promises';

/** One line of a CPU profile summary. */
export interface ProfileEntry {
  /** `function (file:line)`, or a V8 pseudo-entry such as `(garbage collector)` or `(idle)`. */
  name: string;
  selfMs: number;
  /** Share of the whole profile's time. */
  share: number;
}

/** Where a process spent its time, from a V8 `.cpuprofile` (`node --cpu-prof`). */
export interface ProfileSummary {
  totalMs: number;
  /** Top functions by self time. */
  functions: ProfileEntry[];
  /** Self time grouped by source file or package (`node_modules/<package>` collapsed to the package). */
  files: ProfileEntry[];
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Shortens a file URL to what a reader can find: a package name or a path inside the repository. */
export function describeSource(url: string): string {
  if (url === '') return '(native)';
  const packageMatch = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(
    url,
  );
  if (packageMatch) {
    const [, name, rest] = packageMatch;
    // Our workspace packages are linked, so their dist files keep a readable path.
    return name!.startsWith('@aivo/') ? `${name}/${rest}` : name!;
  }
  const workspace = /\/(apps|packages|bench)\/(.*)$/.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  return url.replace(/^file:\/\//, '');
}

function top(totals: Map<string, number>, totalMs: number, limit: number): ProfileEntry[] {
  return [...totals.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([name, selfMs]) => ({
      name,
      selfMs: Math.round(selfMs),
      share: totalMs > 0 ? selfMs / totalMs : 0,
    }));
}

/** Sums self time per function and per file of a parsed CPU profile. */
export function summarizeCpuProfile(profile: CpuProfile, limit = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functionTotals = new Map<string, number>();
  const fileTotals = new Map<string, number>();
  let totalMs = 0;
  for (const [index, nodeId] of profile.samples.entries()) {
    const milliseconds = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(nodeId);
    if (!node || milliseconds <= 0) continue;
    totalMs += milliseconds;
    const { functionName, url, lineNumber } = node.callFrame;
    const source = describeSource(url);
    const name =
      url === ''
        ? `(${functionName.replace(/^\(|\)$/g, '')})`
        : `${functionName || '(anonymous)'} (${source}:${lineNumber + 1})`;
    functionTotals.set(name, (functionTotals.get(name) ?? 0) + milliseconds);
    const file = url === '' ? name : source;
    fileTotals.set(file, (fileTotals.get(file) ?? 0) + milliseconds);
  }
  return {
    totalMs: Math.round(totalMs),
    functions: top(functionTotals, totalMs, limit),
    files: top(fileTotals, totalMs, limit),
  };
}

/** Reads and summarizes a `.cpuprofile` file. */
export async function summarizeCpuProfileFile(path: string, limit = 15): Promise<ProfileSummary> {
  return summarizeCpuProfile(JSON.parse(await readFile(path, 'utf8')) as CpuProfile, limit);
}
