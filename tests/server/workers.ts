import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SqlQueryable } from '../../src/server/sql/client.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'aios.mjs');

/** The first key of the run locks (`src/server/dispatch/locks.ts`). */
export const runLockSpace = 0x41_49_52_4e;

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly lines: string[];
  readonly exited: Promise<void>;
}

/**
 * `aios worker` child processes, as a user would start them, killed with SIGKILL on `stopAll`
 * and, should the test process end first, on its exit.
 */
export class Workers {
  readonly alive = new Set<WorkerProcess>();
  private stopping = false;
  private readonly onExit = () => {
    for (const worker of this.alive) worker.child.kill('SIGKILL');
  };

  constructor(
    private readonly args: readonly string[],
    /** Added to this process's environment (a model endpoint, say). */
    private readonly env: NodeJS.ProcessEnv = {},
  ) {
    process.on('exit', this.onExit);
  }

  /** Starts a worker and resolves once it takes jobs. */
  async spawn(): Promise<WorkerProcess | undefined> {
    if (this.stopping) return undefined;
    const child = spawn(process.execPath, [bin, 'worker', ...this.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    const lines: string[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const worker: WorkerProcess = { child, pid: child.pid ?? 0, lines, exited };
    this.alive.add(worker);
    void exited.then(() => this.alive.delete(worker));
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(line);
        if (lines.some((l) => l.startsWith(`aios worker ${worker.pid}:`))) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      // Killed by `stopAll` while starting is no failure; dying by itself is.
      void exited.then(() =>
        this.stopping
          ? resolve()
          : reject(new Error(`worker exited on start: ${lines.join('\n')}`)),
      );
    });
    return worker;
  }

  /** The worker whose session holds `runId`'s advisory lock now, if any. */
  async holder(db: SqlQueryable): Promise<WorkerProcess | undefined> {
    const { rows } = await db.query(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objsubid = 2 AND l.granted`,
      [runLockSpace],
    );
    const names = new Set(rows.map((r) => r['name']));
    return [...this.alive].find((w) => names.has(`aios-${w.pid}`));
  }

  async kill(worker: WorkerProcess): Promise<void> {
    worker.child.kill('SIGKILL');
    await worker.exited;
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.alive].map((w) => this.kill(w)));
    process.off('exit', this.onExit);
  }
}
