import * as z from 'zod';
import { readWith } from './records.ts';

// The event log's facts, defined once: `events.ts` and `executor.ts` infer their types from these,
// and logs read from outside the engine (run files) are parsed by them. Values the engine passes
// through untouched (inputs, outputs, subjects) are `unknown`, and optional, since JSON drops an
// `undefined` value's key.

/**
 * Something a call needs that only a person can set up: a connection, a secret in the vault, or a
 * model provider (`unlock`: the secret is there but the vault is locked with a passphrase). A node
 * that throws with `needs` makes its run wait, never fail, and runs again once it is set.
 */
export const needSchema = z.strictObject({
  kind: z.enum(['connection', 'secret', 'unlock', 'provider']),
  name: z.string(),
});

/** Errors as data: they cross worker boundaries and land in the event log. */
export const errorDataSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  retryable: z.boolean().optional(),
  status: z.number().optional(),
  /** How long the remote asked to wait before a retry (`Retry-After`). */
  retryAfterMs: z.number().optional(),
  /** Set up by a person, not failed: the run waits until this is there. */
  needs: needSchema.optional(),
});

/** The HTTP request an approved call would send; a credential header shows the secret's name. */
export const outgoingRequestSchema = z.strictObject({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().optional(),
});

const onTimeout = z.enum(['hold', 'reject', 'draft']);

/** What a person is asked to decide. */
export const approvalRequestSchema = z.strictObject({
  /** Stable across retries and resumes: asking again with the same key returns the same decision. */
  key: z.string(),
  runId: z.string(),
  nodeId: z.string(),
  /**
   * `node`: an approval node; `policy`: a rule asked for it; `outcome`: did an effect happen?
   * `setup`: a connection, secret or provider is missing (`need`); approving means "try again".
   */
  reason: z.enum(['node', 'policy', 'outcome', 'setup']),
  /** For `setup`: what is missing; the host decides the request once it is set. */
  need: needSchema.optional(),
  title: z.string(),
  /** Markdown shown to the approver. */
  preview: z.string(),
  /** The value being approved; editable when `allowEdit`. */
  subject: z.unknown().optional(),
  allowEdit: z.boolean(),
  /** Absolute time (clock ms) after which `onTimeout` applies; null waits for ever. */
  expiresAt: z.number().nullable(),
  onTimeout,
  capability: z.string().optional(),
  rule: z.string().nullable().optional(),
  confidence: z.number().optional(),
  /** For a revision: the subject as it was last time this was asked, to show what changed. */
  previous: z.unknown().optional(),
  request: outgoingRequestSchema.optional(),
});

export const approvalDecisionSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected', 'draft']),
  /** The subject as approved (edited when the approver changed it). */
  subject: z.unknown().optional(),
  feedback: z.string().optional(),
  by: z.enum(['user', 'timeout']),
  at: z.number(),
});

const fact = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });
const node = z.string();
const effect = { node, capability: z.string(), key: z.string() };

/** What executors report (policy, effects, models, tools, memory); the run adds the rest. */
export const executorEventSchemas = [
  fact('policy.decided', {
    node,
    capability: z.string(),
    decision: z.enum(['allow', 'approve', 'deny']),
    rule: z.string().nullable(),
    reason: z.string(),
  }),
  fact('effect.started', effect),
  fact('effect.completed', {
    ...effect,
    reused: z.boolean(),
    sideEffect: z.string().optional(),
    /** For money effects: the amount moved, when the remote says. */
    amount: z.number().optional(),
  }),
  fact('effect.unknown', effect),
  fact('llm.called', {
    node,
    model: z.string(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    repair: z.number(),
  }),
  fact('tool.called', {
    node,
    capability: z.string(),
    /** 1, 2, 3… within this visit of the agent; part of the effect's idempotency key. */
    call: z.number(),
    key: z.string(),
    ok: z.boolean(),
    error: z.string().optional(),
  }),
  fact('memory.recalled', { node, query: z.string(), ids: z.array(z.string()) }),
  fact('memory.remembered', { node, id: z.string() }),
  /** What a Code node's script wrote with `console.log` (bounded), whether it succeeded or not. */
  fact('code.logged', { node, lines: z.array(z.string()) }),
] as const;

const compensation = { node, key: z.string(), capability: z.string() };

/** What happened in a run, one fact per event. */
export const runEventBodySchema = z.discriminatedUnion('type', [
  fact('run.started', {
    flowId: z.string(),
    flowName: z.string(),
    input: z.unknown().optional(),
  }),
  fact('run.resumed', { fromSeq: z.number(), reason: z.string() }),
  fact('run.forked', { from: z.string(), atSeq: z.number(), edited: z.array(z.string()) }),
  /** Taken back in place to its checkpoint after event `toSeq`; what came after stays in the log. */
  fact('run.rewound', { toSeq: z.number() }),
  fact('debug.paused', { node, reason: z.enum(['breakpoint', 'step']) }),
  fact('debug.resumed', { node, command: z.enum(['continue', 'step', 'pause']) }),
  fact('run.succeeded', { node, status: z.string(), output: z.unknown().optional() }),
  fact('run.failed', { node: node.nullable(), error: errorDataSchema }),
  fact('run.stopped', { reason: z.string() }),
  fact('node.started', {
    node,
    kind: z.string(),
    input: z.unknown().optional(),
    visit: z.number(),
    attempt: z.number(),
  }),
  fact('node.succeeded', {
    node,
    port: z.string(),
    output: z.unknown().optional(),
    ms: z.number(),
  }),
  fact('node.failed', {
    node,
    error: errorDataSchema,
    attempt: z.number(),
    willRetry: z.boolean(),
  }),
  fact('node.retrying', { node, attempt: z.number(), delayMs: z.number() }),
  fact('node.timedOut', { node, afterMs: z.number() }),
  fact('approval.requested', { node, key: z.string(), request: approvalRequestSchema }),
  fact('approval.decided', { node, key: z.string(), decision: approvalDecisionSchema }),
  fact('approval.timedOut', { node, key: z.string(), applied: onTimeout }),
  /** Its run stopped first: the request is gone from the inbox and refuses a decision. */
  fact('approval.closed', { node, key: z.string(), reason: z.string() }),
  fact('compensation.started', compensation),
  fact('compensation.completed', compensation),
  fact('compensation.failed', { ...compensation, error: errorDataSchema }),
  ...executorEventSchemas,
]);

export const runEventEnvelopeSchema = z.strictObject({
  runId: z.string(),
  /** 1, 2, 3… within the run, without gaps. */
  seq: z.number().int().positive(),
  /** Clock time in ms. */
  at: z.number(),
  /** The event that led to this one. */
  causedBy: z.number().int().nullable(),
});

// One union of the facts with the envelope's fields added, so an event is parsed in one pass
// (parsing envelope and fact apart took seven times as long), strictly: a field that belongs to
// neither is refused, naming it.
const withEnvelope = runEventBodySchema.options.map((option) =>
  option.extend(runEventEnvelopeSchema.shape),
);
const runEventSchema = z.discriminatedUnion(
  'type',
  withEnvelope as [(typeof withEnvelope)[number], ...(typeof withEnvelope)[number][]],
);

/** One event read from outside the engine (a run file, storage). */
export const parseRunEvent = (raw: unknown) => readWith(runEventSchema, raw);
