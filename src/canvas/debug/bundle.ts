import * as z from 'zod';
import {
  parseRunEvent,
  parseRunRecord,
  type RunEvent,
  type RunRecord,
} from '../../engine/index.ts';

/** A run carried elsewhere: its record (which holds the flow as it ran) and its whole log. */
export interface RunBundle {
  readonly format: 'aios-run';
  readonly version: 1;
  readonly run: RunRecord;
  readonly events: readonly RunEvent[];
}

// The outer shape is checked here; the run and each event as the engine stores them (older
// records migrated).
const bundleSchema = z.strictObject({
  format: z.literal('aios-run'),
  version: z.literal(1),
  run: z.unknown(),
  events: z.array(z.unknown()),
});

export function makeBundle(run: RunRecord, events: readonly RunEvent[]): RunBundle {
  return { format: 'aios-run', version: 1, run, events };
}

/** Reads a bundle file; on failure says where it is wrong. */
export function readBundle(
  text: string,
): { ok: true; bundle: RunBundle } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `not a run bundle: ${first?.path.join('.') || '(file)'}: ${first?.message ?? 'invalid'}`,
    };
  }
  const run = parseRunRecord(parsed.data.run);
  if (!run.ok)
    return {
      ok: false,
      error: `not a run bundle: run${run.path ? `.${run.path}` : ''}: ${run.message}`,
    };
  const events: RunEvent[] = [];
  for (const [i, raw] of parsed.data.events.entries()) {
    const event = parseRunEvent(raw);
    if (!event.ok)
      return {
        ok: false,
        error: `not a run bundle: events.${i}${event.path ? `.${event.path}` : ''}: ${event.message}`,
      };
    if (event.value.seq !== i + 1)
      return {
        ok: false,
        error: 'not a run bundle: events must be numbered 1, 2, 3… without gaps',
      };
    events.push(event.value);
  }
  return { ok: true, bundle: { format: 'aios-run', version: 1, run: run.value, events } };
}

export function downloadBundle(bundle: RunBundle): void {
  const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${bundle.run.flowName.replace(/[^\w.-]+/g, '-')}-run-${bundle.run.id}.aios-run.json`;
  link.click();
  URL.revokeObjectURL(url);
}
