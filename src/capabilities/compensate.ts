import type { Flow } from '../flow/index.ts';
import { noUsage, type EffectRecord, type Execution, type Services } from '../engine/executor.ts';
import type { RunEventBody } from '../engine/events.ts';
import { performEffect } from './perform.ts';
import { resolveCapability } from './resolve.ts';

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
  const original = resolveCapability(effect.capability, flow);
  if (!original.compensate) return false;
  const undo = resolveCapability(original.compensate, flow);
  const key = `compensate:${effect.key}`;
  const note = { node: effect.nodeId, key, capability: undo.id };
  log({ type: 'compensation.started', ...note });
  const merged = { ...asRecord(effect.input), ...asRecord(effect.output) };
  const x: Execution<unknown> = {
    runId: effect.runId,
    node: { id: effect.nodeId, kind: 'capability', label: `undo ${effect.capability}`, data: {} },
    flow,
    scope: { input: merged, run: { id: effect.runId, input: null }, nodes: {} },
    visit: 1,
    attempt: 1,
    signal: new AbortController().signal,
    services,
    usage: noUsage,
    log,
  };
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

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
