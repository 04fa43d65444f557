import {
  NodeError,
  toErrorData,
  type EffectRecord,
  type Execution,
} from '../engine/contract/index.ts';
import { askOutcome, happened } from './outcome.ts';
import type { Resolved } from './resolve.ts';

/**
 * Performs a capability call through the effects ledger. `started` is written before the call and
 * `completed` after it, each durably, so that on any retry, resume or replay:
 * - a completed effect returns its recorded output and is never performed again;
 * - a started one is retried with the same key when the remote dedupes on it (or the call is
 *   naturally idempotent); otherwise its outcome is unknown, and a person settles it.
 */
export async function performEffect(
  x: Execution<unknown>,
  capability: Resolved,
  key: string,
  input: unknown,
): Promise<unknown> {
  const { ledger, clock } = x.services;
  const note = { node: x.node.id, capability: capability.id, key };
  const existing = await ledger.get(key);
  if (existing?.status === 'completed') {
    x.log({ type: 'effect.completed', ...note, reused: true });
    return existing.output;
  }
  if (existing?.status === 'started' && capability.idempotency === 'none') {
    x.log({ type: 'effect.unknown', ...note });
    const outcome = await askOutcome(
      x,
      capability,
      key,
      `The workspace stopped while this call was under way, and ${capability.id} cannot be safely repeated; rejecting sends it again.`,
    );
    if (outcome.happened) {
      await ledger.put(happened(existing, outcome, clock.now()));
      return outcome.output;
    }
  }
  const started: EffectRecord = {
    key,
    runId: x.runId,
    nodeId: x.node.id,
    capability: capability.id,
    status: 'started',
    input,
    startedAt: clock.now(),
  };
  await ledger.put(started);
  x.log({ type: 'effect.started', ...note });
  let output: unknown;
  try {
    output = await capability.call(input, key, x);
  } catch (error) {
    // An answer from the remote means the call was refused, so it may be tried again; so does a
    // missing connection or secret, which stops the call before it is sent (unless an earlier
    // attempt's outcome is still unknown). Otherwise the outcome is unknown: it stays `started`.
    const refused = error instanceof NodeError && error.extra.status !== undefined;
    const unsent =
      error instanceof NodeError &&
      (error.extra.needs || error.extra.unsent) &&
      existing?.status !== 'started';
    if (refused || unsent) {
      await ledger.put({
        ...started,
        status: 'failed',
        error: toErrorData(error),
        finishedAt: clock.now(),
      });
    }
    throw error;
  }
  await ledger.put({ ...started, status: 'completed', output, finishedAt: clock.now() });
  const amount = capability.sideEffect === 'money' ? amountOf(output) : undefined;
  x.log({
    type: 'effect.completed',
    ...note,
    reused: false,
    sideEffect: capability.sideEffect,
    ...(amount !== undefined ? { amount } : {}),
  });
  return output;
}

/** The amount a money effect moved, from its output's `total` or `amount`. */
function amountOf(output: unknown): number | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const record = output as Record<string, unknown>;
  const value = record['total'] ?? record['amount'];
  return typeof value === 'number' ? value : undefined;
}
