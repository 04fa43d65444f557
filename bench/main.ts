import { canvasBench } from './canvas.ts';
import { debuggerBench } from './debugger.ts';
import { engineBench } from './engine.ts';
import type { Figure, Report } from './measure.ts';
import { memoryBench } from './memory.ts';
import { memoryViewBench } from './memoryView.ts';

/** Benchmark areas by name; `--only <area>` runs one. Add `canvas`, `memory`… here. */
export const areas: Readonly<Record<string, (report: Report) => Promise<void>>> = {
  engine: engineBench,
  memory: memoryBench,
  canvas: canvasBench,
  debugger: debuggerBench,
  'memory-view': memoryViewBench,
};

export interface Io {
  /** One line of stdout: a figure as JSON. */
  out(line: string): void;
  /** Progress and errors, on stderr. */
  err(line: string): void;
}

const usage = `usage: npm run bench [-- --only <area>[,<area>…]]  (areas: ${Object.keys(areas).join(', ')})`;

/** Parses the arguments, runs the chosen areas and prints one JSON object per figure. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) {
        io.err(`--only needs an area\n${usage}`);
        return 2;
      }
      only = [...(only ?? []), ...value.split(',').filter(Boolean)];
    } else if (arg === '--help' || arg === '-h') {
      io.err(usage);
      return 0;
    } else {
      io.err(`unknown argument "${arg}"\n${usage}`);
      return 2;
    }
  }
  const chosen = only ?? Object.keys(areas);
  const unknown = chosen.filter((name) => !Object.hasOwn(areas, name));
  if (unknown.length > 0) {
    io.err(`unknown area ${unknown.map((n) => `"${n}"`).join(', ')}\n${usage}`);
    return 2;
  }
  for (const name of chosen) {
    const started = performance.now();
    io.err(`${name}: running`);
    const report: Report = {
      figure: (figure: Figure) => io.out(JSON.stringify({ area: name, ...figure })),
      progress: (text) => io.err(text),
    };
    try {
      await areas[name]!(report);
    } catch (error) {
      io.err(
        `${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return 1;
    }
    io.err(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return 0;
}
