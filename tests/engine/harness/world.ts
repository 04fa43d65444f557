import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLlmClient, openAiCompatible } from '../../../src/agents/index.ts';
import { validateFlow, type Flow } from '../../../src/flow/index.ts';
import {
  ManualClock,
  MemoryStore,
  type Clock,
  type Engine,
  type EngineOptions,
  type RunStore,
  type Services,
} from '../../../src/engine/index.ts';
import { VolatileMemory } from '../../../src/memory/volatile.ts';
import { catalog } from '../../../src/nodes/index.ts';
import { createEngine } from '../../../src/nodes/runtime.ts';
import { TestServer } from './testServer.ts';

export function loadFlow(file: string): Flow {
  const path = join(import.meta.dirname, '..', '..', '..', 'examples', file);
  return parseFlow(JSON.parse(readFileSync(path, 'utf8')));
}

export function parseFlow(doc: unknown): Flow {
  const result = validateFlow(doc, catalog);
  if (!result.ok)
    throw new Error(
      `invalid flow: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.flow;
}

/** Everything a scenario runs against: a real HTTP server, a store, a clock and memory. */
export interface World {
  readonly server: TestServer;
  readonly store: MemoryStore;
  readonly clock: ManualClock;
  readonly memory: VolatileMemory;
  /** Saved flows, by id, that subflow nodes run. */
  readonly saved: Map<string, Flow>;
  /** A new engine on the same store and world, as after a reload. */
  engine(store?: RunStore, locks?: EngineOptions['locks']): Engine;
}

/** What the world's vault holds. */
export const testSecrets: Readonly<Record<string, string>> = {
  BILLING_API_KEY: 'sk_test_123',
  ANTHROPIC_API_KEY: 'sk-ant-test-456',
};

export async function createWorld(
  options: {
    secrets?: { get(name: string): Promise<string | undefined> };
    /** Capabilities beyond the flow's and the built-ins (MCP tools). */
    capabilities?: Services['capabilities'];
  } = {},
): Promise<World> {
  const server = await new TestServer().start();
  const store = new MemoryStore();
  const clock = new ManualClock();
  const memory = new VolatileMemory();
  const saved = new Map<string, Flow>();
  let ids = 0;
  return {
    server,
    store,
    clock,
    memory,
    saved,
    engine: (on: RunStore = store, locks?: EngineOptions['locks']) => {
      const secrets = options.secrets ?? {
        get: (name: string) => Promise.resolve(testSecrets[name]),
      };
      return createEngine({
        ...(locks ? { locks } : {}),
        store: on,
        services: {
          clock,
          fetch,
          llm: createLlmClient(
            {
              default: { baseUrl: `${server.url}/llm`, pricing: { input: 0.15, output: 0.6 } },
              claude: {
                kind: 'anthropic',
                baseUrl: `${server.url}/anthropic/v1`,
                secret: 'ANTHROPIC_API_KEY',
                pricing: { input: 3, output: 15 },
              },
            },
            { secrets },
          ),
          memory,
          connections: server.connections,
          secrets,
          ...(options.capabilities ? { capabilities: options.capabilities } : {}),
        },
        newId: () => `run-${++ids}`,
        random: () => 0.5,
        loadFlow: (id) => Promise.resolve(saved.get(id)),
      });
    },
  };
}

/** Services with no models, connections or secrets. */
export function offlineEngineServices(
  clock: Clock = new ManualClock(),
  fetcher: typeof fetch = fetch,
) {
  return {
    clock,
    fetch: fetcher,
    llm: openAiCompatible({}),
    memory: new VolatileMemory(),
    connections: {},
    secrets: { get: () => Promise.resolve(undefined) },
  };
}

/** An engine with no models, connections or secrets, whose subflow nodes find `flows` by id. */
export function offlineEngine(
  flows: readonly Flow[],
  {
    store = new MemoryStore(),
    clock = new ManualClock(),
    fetch: fetcher = fetch,
  }: { store?: RunStore; clock?: Clock; fetch?: typeof fetch } = {},
): Engine {
  const library = new Map(flows.map((f) => [f.id, f]));
  return createEngine({
    store,
    services: offlineEngineServices(clock, fetcher),
    loadFlow: (id) => Promise.resolve(library.get(id)),
  });
}

/**
 * Polls until `check` returns a value (not undefined), or fails after `ms`. Checks that query a
 * database poll gently (`everyMs`), so as not to starve what they watch.
 */
export async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 5_000,
  everyMs = 2,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
