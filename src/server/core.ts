import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import {
  maskingStore,
  recordingSecrets,
  SecretMask,
  systemClock,
  type Clock,
  type Connection,
  type Engine,
  type EngineOptions,
  type RunEvent,
} from '../engine/index.ts';
import type { Flow } from '../flow/index.ts';
import { VolatileMemory } from '../memory/volatile.ts';
import { createEngine, replay } from '../nodes/runtime.ts';
import { llmFromEnv, secretsFromEnv } from './env.ts';
import { RunLocks } from './dispatch/locks.ts';
import { defaultTiming, startQueue, type QueueTiming } from './dispatch/queue.ts';
import { RunWorker } from './dispatch/worker.ts';
import type { SqlClient } from './sql/client.ts';
import { openPostgres } from './sql/pg.ts';
import { openPglite } from './sql/pglite.ts';
import { deployedFlow } from './store/flows.ts';
import { migrate } from './store/migrations.ts';
import { PgRunStore } from './store/pgStore.ts';
import { announceProgress } from './store/progress.ts';
import { ServerSecrets } from './store/secrets.ts';
import { nodemailerSmtp } from './smtp.ts';
import type { McpServerSettings } from '../capabilities/mcp/index.ts';
import { serverMcp, type ServerMcp } from './mcp.ts';
import { PgToolPins } from './store/toolPins.ts';

/** Where the server keeps its data: PGlite in a folder, or a PostgreSQL server. */
export type Database =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

export const defaultDataDir = () => join(homedir(), '.aios', 'server');

export interface CoreOptions {
  readonly database: Database;
  /** Runs driven at once in this process; 0 for none (an API-only process). */
  readonly workers: number;
  readonly timing?: Partial<QueueTiming>;
  readonly connections?: Readonly<Record<string, Connection>>;
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
  /** The server key that seals the vault's secrets (see `serverKey`). */
  readonly key: Buffer;
  /** MCP servers whose tools flows may call (`--mcp FILE`). */
  readonly mcpServers?: Readonly<Record<string, McpServerSettings>>;
}

/** The server's parts over one database: run store, queue, engine and (optionally) workers. */
export interface Core {
  readonly db: SqlClient;
  readonly store: PgRunStore;
  readonly boss: PgBoss;
  readonly engine: Engine;
  readonly worker: RunWorker | undefined;
  readonly clock: Clock;
  readonly secrets: ServerSecrets;
  /** Masks every secret value this process handed out (in what it records and streams). */
  readonly mask: SecretMask;
  /** Runs a finished run again from its log in memory: nothing outside is called or written. */
  replay(runId: string): Promise<{ events: RunEvent[] }>;
  readonly mcp: ServerMcp;
  /** This process, as it signs what it announces (its runs' progress) to the others. */
  readonly origin: string;
  close(): Promise<void>;
}

async function openDatabase(database: Database): Promise<SqlClient> {
  return database.kind === 'pglite' ? openPglite(database.dataDir) : openPostgres(database.url);
}

/**
 * Opens the database (migrating it), the queue and an engine whose runs are fenced by this
 * process's run locks, and starts `workers` workers. `close` stops taking jobs, lets runs go
 * and closes the database.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(options.database);
  try {
    await migrate(db);
    const store = new PgRunStore(db);
    const secrets = new ServerSecrets(db, options.key);
    const fromEnv = secretsFromEnv(env);
    const locks = new RunLocks(db, store.fences);
    const timing = { ...defaultTiming, ...options.timing };
    const boss = await startQueue(db, timing);
    const loadFlow = async (id: string): Promise<Flow | undefined> =>
      (await deployedFlow(db, id))?.flow;
    // Every secret value this process hands out is masked in what the engine records.
    const mask = new SecretMask();
    // The vault first; the environment (AIOS_SECRET_<NAME>) for secrets it does not hold.
    const engineSecrets = recordingSecrets(
      { get: async (name) => (await secrets.get(name)) ?? (await fromEnv.get(name)) },
      mask,
    );
    const mcp = serverMcp({
      servers: options.mcpServers ?? {},
      secrets: engineSecrets,
      mask,
      pins: new PgToolPins(db, () => clock.now()),
      log: options.log,
    });
    const services: EngineOptions['services'] = {
      place: 'server',
      clock,
      fetch,
      llm: llmFromEnv(env),
      // Workspace memory is the browser's; a server run remembers for its own lifetime only.
      memory: new VolatileMemory(),
      connections: options.connections ?? {},
      smtp: nodemailerSmtp,
      secrets: engineSecrets,
      capabilities: mcp.tools,
    };
    const engine = createEngine({ store: maskingStore(store, mask), locks, loadFlow, services });
    const worker =
      options.workers > 0
        ? new RunWorker({
            boss,
            store,
            engine,
            loadFlow,
            concurrency: options.workers,
            pollingIntervalSeconds: timing.pollingIntervalSeconds,
            heldRetrySeconds: timing.retryDelaySeconds,
            ...(options.log ? { log: options.log } : {}),
          })
        : undefined;
    // Other processes (`aios serve`) hear this one's progress (throttled per node by the
    // engine, the last update before a node ends always sent); with PGlite there is only one.
    const origin = randomUUID();
    const offProgress =
      db.kind === 'postgres' && options.workers > 0
        ? engine.onProgress((p) => {
            announceProgress(db, origin, mask.value(p)).catch((error: unknown) =>
              options.log?.(`progress of run ${p.runId} not announced: ${String(error)}`),
            );
          })
        : () => undefined;
    await worker?.start();
    return {
      db,
      store,
      boss,
      engine,
      worker,
      clock,
      secrets,
      mask,
      replay: (runId) => replay({ store, services }, runId),
      mcp,
      origin,
      async close() {
        offProgress();
        await worker?.stop();
        await boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
        engine.halt();
        await locks.close();
        await mcp.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
