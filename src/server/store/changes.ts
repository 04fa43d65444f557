import { z } from 'zod';
import type { RunEvent } from '../../engine/events.ts';
import type { RunRecord } from '../../engine/store.ts';
import type { SqlQueryable } from '../sql/client.ts';

/** Where every committed write of a run is announced, so a live stream in any process hears it. */
export const runChanges = 'aios_run_changes';

const seq = z.number().int().positive();

/**
 * What one committed write changed: events `from`…`to` of a run, and its record's `updatedAt`
 * and `status` (two writes in one millisecond differ by their status).
 */
const runChangeSchema = z.strictObject({
  runId: z.string().min(1),
  from: seq.optional(),
  to: seq.optional(),
  updatedAt: z.number().optional(),
  status: z.string().optional(),
});
export type RunChange = z.infer<typeof runChangeSchema>;

/**
 * The changes a write makes, one per run: sent with `pg_notify` inside the write's transaction,
 * they are delivered when it commits and dropped when it rolls back. Small (a notification
 * carries at most 8000 bytes): readers take the events themselves from the store.
 */
export function changesOf(events: readonly RunEvent[], run?: RunRecord): RunChange[] {
  const byRun = new Map<
    string,
    { from?: number; to?: number; updatedAt?: number; status?: string }
  >();
  for (const event of events) {
    const change = byRun.get(event.runId) ?? {};
    change.from = Math.min(change.from ?? event.seq, event.seq);
    change.to = Math.max(change.to ?? event.seq, event.seq);
    byRun.set(event.runId, change);
  }
  if (run)
    byRun.set(run.id, { ...byRun.get(run.id), updatedAt: run.updatedAt, status: run.status });
  return [...byRun].map(([runId, change]) => ({ runId, ...change }));
}

export async function announce(tx: SqlQueryable, changes: readonly RunChange[]): Promise<void> {
  for (const change of changes)
    await tx.query('SELECT pg_notify($1, $2)', [runChanges, JSON.stringify(change)]);
}

/** A heard payload, or undefined for one that is not ours (anyone may notify on a channel). */
export function parseChange(payload: string): RunChange | undefined {
  try {
    const parsed = runChangeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
