import * as z from 'zod';
import { openAiCompatible } from '../agents/index.ts';
import { EngineError, systemClock, toErrorData, type Clock, type Engine, type LlmClient, type RunEvent, type RunStore } from '../engine/index.ts';
import { validateFlow } from '../flow/index.ts';
import { VolatileMemory } from '../memory/volatile.ts';
import { catalog } from '../nodes/index.ts';
import { createEngine } from '../nodes/runtime.ts';
import type { EngineApi, Result, RuntimeSettings } from './protocol.ts';

const answerSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected', 'draft']),
  subject: z.unknown().optional(),
  feedback: z.string().max(10_000).optional(),
});

export interface HostOptions {
  readonly store: RunStore;
  readonly fetch: typeof fetch;
  readonly clock?: Clock;
  readonly locks?: { tryAcquire(runId: string): Promise<(() => void) | null> };
}

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const data = error instanceof EngineError ? { code: error.code, message: error.message } : toErrorData(error);
    return { ok: false, error: data };
  }
}

/**
 * The engine as the worker serves it: one engine over the browser's store, resuming on start-up
 * whatever was under way, and answering the UI with data only.
 */
export function createHost(options: HostOptions): EngineApi {
  let settings: RuntimeSettings = { providers: {}, connections: {} };
  // The engine keeps this object; `configure` refills it in place.
  const connections: Record<string, RuntimeSettings['connections'][string]> = {};
  const llm: LlmClient = { complete: (request, signal) => openAiCompatible(settings.providers, options.fetch).complete(request, signal) };
  const engine: Engine = createEngine({
    store: options.store,
    services: {
      clock: options.clock ?? systemClock,
      fetch: (input, init) => options.fetch(input, init),
      llm,
      // Memory in IndexedDB with embeddings replaces this in the memory work; until then it lives as long as the worker.
      memory: new VolatileMemory(),
      connections,
      secrets: { get: () => Promise.resolve(undefined) },
    },
    ...(options.locks ? { locks: options.locks } : {}),
  });
  const listeners = new Map<number, (event: RunEvent) => void>();
  let nextListener = 0;
  engine.onEvent((event) => {
    for (const listener of listeners.values()) void Promise.resolve(listener(event)).catch(() => undefined);
  });
  const booted = attempt(async () => ({ resumed: (await engine.resumeAll('the workspace opened again')).map((r) => r.runId) }));

  return {
    ready: () => booted,
    configure: (next) => {
      settings = next;
      for (const name of Object.keys(connections)) delete connections[name];
      Object.assign(connections, next.connections);
      return Promise.resolve();
    },
    start: (doc, input) =>
      attempt(async () => {
        const checked = validateFlow(doc, catalog);
        if (!checked.ok) {
          const first = checked.issues.find((i) => i.severity === 'error');
          throw new EngineError('invalid-flow', `the flow has errors${first ? `, first at ${first.path || 'the document'}: ${first.message}` : ''}`);
        }
        return { runId: (await engine.start(checked.flow, input)).runId };
      }),
    decide: (key, answer) => attempt(() => engine.decide(key, answerSchema.parse(answer))),
    stop: (runId) => attempt(() => engine.stop(runId)),
    runs: (flowId) => options.store.listRuns(flowId ? { flowId } : {}),
    run: (runId) => options.store.getRun(runId),
    events: (runId, range) => options.store.events(runId, range),
    pending: () => engine.pendingApprovals(),
    subscribe: (listener) => {
      listeners.set(++nextListener, listener);
      return Promise.resolve(nextListener);
    },
    unsubscribe: (id) => {
      listeners.delete(id);
      return Promise.resolve();
    },
  };
}
