import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { mcpServerNameSchema, mcpServerSchema } from '../protocol/index.ts';
import { defaultDataDir, type Database } from '../server/core.ts';
import type { QueueTiming } from '../server/dispatch/queue.ts';

export const serverOptionsUsage = `  --database URL       a PostgreSQL server (postgres://user:pass@host:5432/db); without it,
                       the embedded PGlite in --data
  --data DIR           where the embedded database and the server key live
                       (default ~/.aios/server)
  --workers N          runs this process drives at once (default 2)
  --connections FILE   JSON like {"mail":{"baseUrl":"http://…"},"crm":{…}}
  --mcp FILE           MCP servers whose tools flows call, JSON like
                       {"files":{"transport":"stdio","command":"npx","args":["…"]},
                        "crm":{"transport":"http","url":"https://…/mcp","secret":"CRM_TOKEN"}}
  --job-expiry SECONDS how long a job may stay with a worker before it counts as dead and
                       goes to another (default 60; the run's lock still keeps one runner)`;

/** The `parseArgs` options both `serve` and `worker` take. */
export const serverArgs = {
  database: { type: 'string' },
  data: { type: 'string' },
  workers: { type: 'string' },
  connections: { type: 'string' },
  mcp: { type: 'string' },
  'job-expiry': { type: 'string' },
} as const;

const mcpFile = z.record(mcpServerNameSchema, mcpServerSchema);

const connectionsFile = z.record(
  z.string(),
  z.strictObject({ baseUrl: z.url(), secret: z.string().optional() }),
);

interface ServerSettings {
  readonly database: Database;
  readonly dataDir: string;
  readonly workers: number;
  readonly connections: z.infer<typeof connectionsFile>;
  readonly mcpServers: z.infer<typeof mcpFile>;
  readonly timing: Partial<QueueTiming>;
}

const count = (flag: string, value: string | undefined, fallback: number, min: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} must be a whole number of at least ${min}, not "${value}"`);
  return n;
};

/** Reads the shared flags; throws an Error naming the flag that is wrong. */
export async function serverSettings(values: {
  database?: string | undefined;
  data?: string | undefined;
  workers?: string | undefined;
  connections?: string | undefined;
  mcp?: string | undefined;
  'job-expiry'?: string | undefined;
}): Promise<ServerSettings> {
  const dataDir = resolve(values.data ?? defaultDataDir());
  if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database))
    throw new Error(`--database must be a postgres:// URL, not "${values.database}"`);
  const connections = values.connections
    ? await jsonFile('--connections', values.connections, connectionsFile)
    : {};
  const mcpServers = values.mcp ? await jsonFile('--mcp', values.mcp, mcpFile) : {};
  const expire = count('--job-expiry', values['job-expiry'], 60, 1);
  return {
    database: values.database
      ? { kind: 'postgres', url: values.database }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'db') },
    dataDir,
    workers: count('--workers', values.workers, 2, 0),
    connections,
    mcpServers,
    timing: {
      expireInSeconds: expire,
      maintenanceIntervalSeconds: Math.max(1, Math.min(15, Math.floor(expire / 2))),
      retryDelaySeconds: Math.max(1, Math.min(2, Math.floor(expire / 2))),
    },
  };
}

/** A JSON file parsed with `schema`; throws an Error naming the flag, the file and the field. */
export async function jsonFile<T>(flag: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new Error(`${flag}: cannot read ${file}: ${String(error)}`, { cause: error });
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${flag}: ${file} is not JSON: ${String(error)}`, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    // A key that does not fit says why inside its issue (a record's key schema).
    const why =
      first?.code === 'invalid_key' ? (first.issues[0]?.message ?? first.message) : first?.message;
    throw new Error(`${flag}: ${file} at ${first?.path.join('.') || '(top)'}: ${why ?? ''}`);
  }
  return parsed.data;
}

/** A database URL without its password, for printing. */
export function showDatabase(database: Database): string {
  if (database.kind === 'pglite') return `embedded PostgreSQL (PGlite) in ${database.dataDir}`;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => () => resolve(signal);
    process.once('SIGINT', on('SIGINT'));
    process.once('SIGTERM', on('SIGTERM'));
  });
}
