import { num, type SqlQueryable } from '../sql/client.ts';

/** A write from a runner that lost its run to another: refused so the two never interleave. */
export class FencedOut extends Error {
  constructor(
    readonly runId: string,
    readonly held: number,
    readonly current: number | undefined,
  ) {
    super(
      `run ${runId} was taken over by another runner (epoch ${current ?? 'none'}, this runner holds ${held}): its write was refused`,
    );
    this.name = 'FencedOut';
  }
}

/**
 * The epochs this process holds, by run. Taking a run bumps its epoch in the database; every write
 * for a held run checks, in its transaction and under a share lock on the fence row, that the
 * epoch is still ours. A takeover's update waits for such a write to commit, and every write after
 * it sees the new epoch.
 */
export class Fences {
  private readonly held = new Map<string, number>();

  /** Takes the run over: the next epoch is ours, any older holder is fenced out. */
  async take(db: SqlQueryable, runId: string): Promise<number> {
    const { rows } = await db.query(
      `INSERT INTO aios_fences (run_id, epoch) VALUES ($1, 1)
       ON CONFLICT (run_id) DO UPDATE SET epoch = aios_fences.epoch + 1
       RETURNING epoch`,
      [runId],
    );
    const epoch = rows[0] ? num(rows[0], 'epoch') : 1;
    this.held.set(runId, epoch);
    return epoch;
  }

  forget(runId: string): void {
    this.held.delete(runId);
  }

  epochOf(runId: string): number | undefined {
    return this.held.get(runId);
  }

  /** Throws `FencedOut` unless this process still holds every one of `runIds` it claims. */
  async check(tx: SqlQueryable, runIds: Iterable<string>): Promise<void> {
    for (const runId of runIds) {
      const held = this.held.get(runId);
      if (held === undefined) continue;
      const { rows } = await tx.query('SELECT epoch FROM aios_fences WHERE run_id = $1 FOR SHARE', [
        runId,
      ]);
      const current = rows[0] ? num(rows[0], 'epoch') : undefined;
      if (current !== held) throw new FencedOut(runId, held, current);
    }
  }
}
