import { compensateEffect, settleEffect } from '../capabilities/index.ts';
import { Engine, replayRun, type EngineOptions } from '../engine/index.ts';
import { executors } from './executors.ts';
import { kindsByName } from './registry.ts';

/**
 * An engine that knows this workspace's node kinds, their executors and how to undo effects.
 * Callers (the worker, the CLI, tests) bring the store and the outside world.
 * @example const engine = createEngine({ store: new MemoryStore(), services });
 */
export function createEngine(
  options: Omit<EngineOptions, 'kinds' | 'executors' | 'compensate' | 'settle'>,
): Engine {
  return new Engine({
    ...options,
    kinds: kindsByName,
    executors,
    compensate: compensateEffect,
    settle: settleEffect,
  });
}

/**
 * Replays a run from its log with this workspace's kinds: no effect, model call or approval
 * happens again. See `replayRun`.
 */
export function replay(
  options: Omit<EngineOptions, 'kinds' | 'executors' | 'compensate'>,
  runId: string,
) {
  return replayRun({ ...options, kinds: kindsByName, executors }, runId);
}
