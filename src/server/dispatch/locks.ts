import type { SqlClient, SqlSession } from '../sql/client.ts';
import type { Fences } from '../store/fence.ts';

/** The first key of every run lock: keeps ours apart from other advisory locks in the database. */
const runLockSpace = 0x41_49_52_4e;

/**
 * One runner per run across processes: the engine's `locks`. On a PostgreSQL server each run is a
 * session-level advisory lock held on one connection of this process, so a process that dies or
 * is cut off loses its locks with its connection; taking a run also bumps its fencing epoch, so
 * the writes of a runner that lost its lock without noticing are refused. PGlite has one session
 * (its advisory locks are re-entrant there), and one process, so a set in memory stands in.
 * Two run ids whose hashes collide share a lock: rare, and only makes one wait.
 */
export class RunLocks {
  private session: Promise<SqlSession> | undefined;
  private readonly local = new Set<string>();
  private closed = false;

  constructor(
    private readonly db: SqlClient,
    private readonly fences: Fences,
  ) {}

  async tryAcquire(runId: string): Promise<(() => void) | null> {
    if (this.closed || this.local.has(runId)) return null;
    this.local.add(runId);
    try {
      const session = await this.open();
      if (session.dedicated) {
        const { rows } = await session.query(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
          [runLockSpace, runId],
        );
        if (rows[0]?.['ok'] !== true) {
          this.local.delete(runId);
          return null;
        }
      }
      await this.fences.take(this.db, runId);
    } catch (error) {
      this.local.delete(runId);
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.fences.forget(runId);
      this.local.delete(runId);
      void this.unlock(runId);
    };
  }

  /** Runs held in this process now. */
  held(): string[] {
    return [...this.local];
  }

  /** Lets every lock go with the session. */
  async close(): Promise<void> {
    this.closed = true;
    const session = await this.session;
    this.session = undefined;
    await session?.release().catch(() => undefined);
  }

  private open(): Promise<SqlSession> {
    this.session ??= this.db.session();
    return this.session;
  }

  private async unlock(runId: string): Promise<void> {
    const session = await this.session;
    if (!session?.dedicated) return;
    await session
      .query('SELECT pg_advisory_unlock($1, hashtext($2))', [runLockSpace, runId])
      .catch(() => undefined);
  }
}
