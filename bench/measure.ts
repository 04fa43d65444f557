/** One printed figure: a plain name and values whose keys carry their unit. */
export interface Figure {
  readonly name: string;
  readonly [key: string]: string | number | boolean;
}

/** Where an area sends its figures (stdout, one JSON line each) and its progress (stderr). */
export interface Report {
  figure(figure: Figure): void;
  progress(text: string): void;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds for printing: enough significant digits to compare, no float noise. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 4)));
}

/** A named piece of work to time; `run` resolves when one repetition is done. */
interface Case {
  readonly name: string;
  run(): Promise<void> | void;
}

/**
 * Times several cases, warm-up first, then `reps` rounds in which every case runs once in turn,
 * so all of them see the same machine load. Returns the milliseconds of each repetition by case.
 */
export async function timeInterleaved(
  cases: readonly Case[],
  options: { warmup: number; reps: number },
  report: Report,
): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let i = 0; i < options.warmup; i++) for (const c of cases) await c.run();
  for (let rep = 0; rep < options.reps; rep++) {
    for (const c of cases) {
      const start = performance.now();
      await c.run();
      times.get(c.name)!.push(performance.now() - start);
    }
    report.progress(`  ${cases.map((c) => c.name).join(', ')}: rep ${rep + 1}/${options.reps}`);
  }
  return times;
}

/** Times one case: warm-up, then `reps` repetitions; milliseconds each. */
export async function time(
  c: Case,
  options: { warmup: number; reps: number },
  report: Report,
): Promise<number[]> {
  return (await timeInterleaved([c], options, report)).get(c.name)!;
}
