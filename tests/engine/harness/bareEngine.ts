import { openAiCompatible } from '../../../src/agents/index.ts';
import {
  ManualClock,
  type Connection,
  type Engine,
  type EngineOptions,
  type RunStore,
} from '../../../src/engine/index.ts';
import { VolatileMemory } from '../../../src/memory/volatile.ts';
import { createEngine } from '../../../src/nodes/runtime.ts';

/**
 * An engine with no models, over the connections and secrets given (objects a test may fill in
 * later, as a person setting them up would) and a `fetch` a test may wrap to cut calls off.
 */
export function bareEngine(world: {
  store: RunStore;
  connections: Record<string, Connection>;
  secrets: Record<string, string>;
  fetch?: typeof fetch;
  locks?: EngineOptions['locks'];
}): Engine {
  return createEngine({
    store: world.store,
    ...(world.locks ? { locks: world.locks } : {}),
    services: {
      clock: new ManualClock(),
      fetch: world.fetch ?? fetch,
      llm: openAiCompatible({}),
      memory: new VolatileMemory(),
      connections: world.connections,
      secrets: { get: (name) => Promise.resolve(world.secrets[name]) },
    },
  });
}
