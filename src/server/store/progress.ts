import { z } from 'zod';
import type { RunProgress } from '../../engine/index.ts';
import type { SqlQueryable } from '../sql/client.ts';

/**
 * Where a worker process announces the progress of the runs it drives (an agent's answer as it
 * arrives), so `aios serve`'s stream carries it too. Progress is never stored: a notification
 * missed is simply not shown, and the step's events say what came of it.
 */
export const runProgress = 'aios_run_progress';

/** A notification carries at most 8000 bytes: a longer text travels as its end, after `…`. */
const MAX_TEXT_BYTES = 6_000;

const progressSchema = z.strictObject({
  /** The announcing process, so it does not hear itself. */
  origin: z.string().min(1),
  runId: z.string().min(1),
  node: z.string().min(1),
  text: z.string(),
});

/** `text`, or as much of its end as fits in `maxBytes` of UTF-8, marked as cut. */
export function tailOf(text: string, maxBytes = MAX_TEXT_BYTES): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  // A UTF-8 character takes at most 4 bytes: start from a cut that surely fits, widen it.
  let keep = Math.floor((maxBytes - 3) / 4);
  while (keep < text.length && Buffer.byteLength(text.slice(-(keep + 64))) + 3 <= maxBytes)
    keep += 64;
  const tail = text.slice(-keep);
  // Not half of a surrogate pair.
  return `…${/^[\uDC00-\uDFFF]/.test(tail) ? tail.slice(1) : tail}`;
}

export async function announceProgress(
  db: SqlQueryable,
  origin: string,
  progress: RunProgress,
): Promise<void> {
  const payload = { origin, ...progress, text: tailOf(progress.text) };
  await db.query('SELECT pg_notify($1, $2)', [runProgress, JSON.stringify(payload)]);
}

/** A heard payload from another process, or undefined (its own, or not ours at all). */
export function parseProgress(payload: string, self: string): RunProgress | undefined {
  try {
    const parsed = progressSchema.safeParse(JSON.parse(payload));
    if (!parsed.success || parsed.data.origin === self) return undefined;
    const { runId, node, text } = parsed.data;
    return { runId, node, text };
  } catch {
    return undefined;
  }
}
