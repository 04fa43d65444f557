import { compensateEffect } from '../capabilities/index.ts';
import { Engine, type EngineOptions } from '../engine/index.ts';
import { executors } from './executors.ts';
import { kindsByName } from './registry.ts';

/**
 * An engine that knows this workspace's node kinds, their executors and how to undo effects.
 * Callers (the worker, the CLI, tests) bring the store and the outside world.
 * @example const engine = createEngine({ store: new MemoryStore(), services });
 */
export function createEngine(
  options: Omit<EngineOptions, 'kinds' | 'executors' | 'compensate'>,
): Engine {
  return new Engine({ ...options, kinds: kindsByName, executors, compensate: compensateEffect });
}
