import type { Flow } from '../flow/index.ts';
import {
  noUsage,
  type EffectRecord,
  type Execution,
  type Services,
} from '../engine/contract/index.ts';
import type { RunEventBody } from '../engine/events.ts';
import { askOutcome, happened } from './outcome.ts';
import { performEffect } from './perform.ts';
import { resolveCapability, type Resolved } from './resolve.ts';

/**
 * Undoes one completed effect with its capability's compensating capability, itself through the
 * ledger (key `compensate:<key>`) so it too happens once. Its input is the original's input and
 * output merged, so `invoice.void` finds the `invoiceId` that `invoice.create` returned.
 */
export async function compensateEffect(
  effect: EffectRecord,
  flow: Flow,
  services: Services,
  log: (event: RunEventBody) => void,
): Promise<boolean> {
  const original = resolveCapability(effect.capability, flow, services.capabilities);
  if (!original.compensate) return false;
  const undo = resolveCapability(original.compensate, flow, services.capabilities);
  const key = `compensate:${effect.key}`;
  const note = { node: effect.nodeId, key, capability: undo.id };
  log({ type: 'compensation.started', ...note });
  const merged = { ...asRecord(effect.input), ...asRecord(effect.output) };
  const x = effectExecution(effect, flow, services, log, `undo ${effect.capability}`, merged);
  try {
    await performEffect(x, undo, key, undo.input.parse(merged));
  } catch (error) {
    log({
      type: 'compensation.failed',
      ...note,
      error: {
        code: 'compensation',
        message: error instanceof Error ? error.message : String(error),
      },
    });
    throw error;
  }
  log({ type: 'compensation.completed', ...note });
  return true;
}

/** The execution a ledger effect is settled or undone in, outside any node's run. */
export function effectExecution(
  effect: EffectRecord,
  flow: Flow,
  services: Services,
  log: (event: RunEventBody) => void,
  label: string,
  input: unknown,
  signal = new AbortController().signal,
): Execution<unknown> {
  return {
    runId: effect.runId,
    node: { id: effect.nodeId, kind: 'capability', label, data: {} },
    flow,
    scope: { input, run: { id: effect.runId, input: null }, nodes: {} },
    visit: 1,
    attempt: 1,
    signal,
    services,
    usage: noUsage,
    log,
  };
}

const SETTLE_RETRY_MS = 30_000;

/**
 * Settles an effect whose outcome is unknown before its run ends: retried with its key when the
 * remote dedupes (or the call is naturally idempotent); otherwise, or when the retry gets no
 * answer either, a person says whether it happened. A "no" leaves it `failed`, not sent again.
 */
export async function settleEffect(
  effect: EffectRecord,
  flow: Flow,
  services: Services,
  log: (event: RunEventBody) => void,
): Promise<void> {
  // A capability no longer offered as it was (an MCP tool gone or changed) cannot be retried:
  // a person still settles what it did.
  let capability: Resolved | undefined;
  try {
    capability = resolveCapability(effect.capability, flow, services.capabilities);
  } catch {
    capability = undefined;
  }
  const label = `settle ${effect.capability}`;
  const x = effectExecution(effect, flow, services, log, label, effect.input);
  const note = { node: effect.nodeId, capability: effect.capability, key: effect.key };
  if (capability && capability.idempotency !== 'none') {
    // A remote that does not answer the retry either must not hold the run for ever.
    const timeout = new AbortController();
    const cancel = services.clock.setTimer(SETTLE_RETRY_MS, () => timeout.abort());
    try {
      const retry = effectExecution(
        effect,
        flow,
        services,
        log,
        label,
        effect.input,
        timeout.signal,
      );
      await performEffect(retry, capability, effect.key, effect.input);
      return;
    } catch {
      // Refused by the remote: settled as failed. No answer at all: still unknown, so ask.
      if ((await services.ledger.get(effect.key))?.status !== 'started') return;
    } finally {
      cancel();
    }
  }
  log({ type: 'effect.unknown', ...note });
  const outcome = await askOutcome(
    x,
    capability ?? { id: effect.capability, title: effect.capability },
    effect.key,
    'The run is ending, but whether this call reached the remote is not known.',
  );
  const now = services.clock.now();
  await services.ledger.put(
    outcome.happened
      ? happened(effect, outcome, now)
      : {
          ...effect,
          status: 'failed',
          error: { code: 'did-not-happen', message: 'a person said this call did not happen' },
          finishedAt: now,
        },
  );
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
