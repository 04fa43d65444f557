import * as z from 'zod';
import { flowShapeSchema } from '../flow/index.ts';

// Objects are not `.readonly()`: zod freezes what that parses, and the engine copies and edits
// records; the types are made read-only where they are exported (store.ts).

/**
 * The stored run record's shape, defined once: the types below are inferred from it, and records
 * read from storage or a file are parsed by it. Version 1 is the first that carries a version;
 * records written before have none and are otherwise the same (`migrateRunRecord`).
 */
export const RUN_RECORD_VERSION = 1;

export const runStatusSchema = z.enum([
  'running',
  'waiting',
  'paused',
  'needs-attention',
  'succeeded',
  'failed',
  'compensated',
  'stopped',
]);

/** A breakpoint on a node, optionally only when a JSONata condition over its input holds. */
export const breakpointSchema = z.strictObject({
  node: z.string(),
  condition: z.string().optional(),
});

/** How a run is being debugged; kept in its record so a reload finds it paused where it was. */
export const debugStateSchema = z.strictObject({
  breakpoints: z.array(breakpointSchema).readonly(),
  /** `step` pauses before every node; `run` only at breakpoints. */
  mode: z.enum(['run', 'step']),
  pausedAt: z.string().optional(),
});

/** Tokens, cost, messages and money a run has used (budgets are checked against it). */
export const usageSchema = z.strictObject({
  tokens: z.number(),
  costUsd: z.number(),
  externalMessages: z.number(),
  money: z.number(),
});

export const runRecordSchema = z.strictObject({
  version: z.literal(RUN_RECORD_VERSION),
  id: z.string().min(1),
  flowId: z.string(),
  flowName: z.string(),
  /** The flow as it was when the run started: runs never change when the flow is edited later. */
  flow: flowShapeSchema,
  // Optional: a run started with no input keeps none, and JSON drops the key.
  input: z.unknown().optional(),
  status: runStatusSchema,
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().optional(),
  result: z.unknown().optional(),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  /** Set when this run was forked from another: the run and the step it was forked at. */
  parent: z.strictObject({ runId: z.string(), seq: z.number().int() }).optional(),
  /** Set when this run is a subflow step of another: its caller resumes it, not the engine. */
  caller: z
    .strictObject({ runId: z.string(), nodeId: z.string(), visit: z.number().int() })
    .optional(),
  usage: usageSchema.optional(),
  debug: debugStateSchema.optional(),
});

/** What one step changed in the run's context: the keys of its maps it wrote, and the result. */
export const contextChangesSchema = z.strictObject({
  maps: z.record(z.string(), z.record(z.string(), z.unknown())),
  result: z.unknown().optional(),
  failure: z.unknown().optional(),
});

/**
 * The state after a step, and the last event seq it includes. A `full` checkpoint holds the whole
 * persisted XState snapshot; a `delta` holds the snapshot without its context plus the context
 * changes since checkpoint `prev`, so a step writes what it changed, not everything so far. The
 * snapshot itself is XState's and is checked by XState when restored.
 */
export const checkpointSchema = z.strictObject({
  runId: z.string(),
  seq: z.number().int().nonnegative(),
  at: z.number(),
  kind: z.enum(['full', 'delta']).optional(),
  snapshot: z.unknown(),
  prev: z.number().int().optional(),
  /** For a delta: the seq of the full checkpoint its chain starts from. */
  base: z.number().int().optional(),
  changes: contextChangesSchema.optional(),
});

/** Upgrades a stored record to the current version, step by step (keyed by the version it leaves). */
const migrations: Readonly<
  Record<number, (record: Record<string, unknown>) => Record<string, unknown>>
> = {
  // Before versions: the same fields.
  0: (record) => ({ ...record, version: 1 }),
};

const fields = z.record(z.string(), z.unknown());

export function migrateRunRecord(raw: unknown): unknown {
  const object = fields.safeParse(raw);
  if (!object.success) return raw;
  let record = object.data;
  for (;;) {
    const version = typeof record['version'] === 'number' ? record['version'] : 0;
    const step = migrations[version];
    if (version >= RUN_RECORD_VERSION || !step) return record;
    record = step(record);
  }
}

/** What was read from outside the engine, or where it is wrong (the first problem). */
export type Read<T> = { ok: true; value: T } | { ok: false; path: string; message: string };

export function readWith<S extends z.ZodType>(schema: S, raw: unknown): Read<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    path: first?.path.map(String).join('.') ?? '',
    message: first?.message ?? 'invalid',
  };
}

/** A run record read from outside the engine (storage, a file): migrated, then parsed. */
export const parseRunRecord = (raw: unknown) => readWith(runRecordSchema, migrateRunRecord(raw));

/** A checkpoint read from storage. */
export const parseCheckpoint = (raw: unknown) => readWith(checkpointSchema, raw);
