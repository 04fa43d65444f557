import { openAiCompatible } from '../../../src/agents/index.ts';
import type { MemoryStore } from '../../../src/engine/index.ts';
import {
  ManualClock,
  type Connection,
  type Answer,
  type ApprovalRecord,
  type Engine,
  type RunRecord,
} from '../../../src/engine/index.ts';
import type { SmtpTransport } from '../../../src/engine/contract/index.ts';
import { VolatileMemory } from '../../../src/memory/volatile.ts';
import { createEngine } from '../../../src/nodes/runtime.ts';
import { flow, link, node } from '../../unit/build.ts';
import { FaultyStore, StoreDied } from '../harness/faultyStore.ts';
import { until } from '../harness/world.ts';

/** A workspace server's engine: `place: 'server'`, the given connections, secrets and SMTP. */
export function serverEngine(world: {
  store: MemoryStore | FaultyStore;
  connections: Record<string, Connection>;
  secrets: Record<string, string>;
  smtp?: SmtpTransport;
}): Engine {
  return createEngine({
    store: world.store,
    services: {
      place: 'server',
      clock: new ManualClock(),
      fetch,
      llm: openAiCompatible({}),
      memory: new VolatileMemory(),
      connections: world.connections,
      secrets: { get: (name) => Promise.resolve(world.secrets[name]) },
      ...(world.smtp ? { smtp: world.smtp } : {}),
    },
  });
}

const allowAll = {
  rules: ['money', 'write', 'external-message'].map((sideEffect) => ({
    id: sideEffect,
    sideEffect,
    decision: 'allow',
  })),
};

/** start → one capability call (retried up to 3 times) → output, or a failing step after it. */
export function callFlow(
  capability: string,
  input: Record<string, unknown>,
  options: { then?: { capability: string; input: Record<string, unknown> } } = {},
) {
  const nodes = [
    node('start', 'start'),
    node('call', 'capability', { capability, input, retry: { attempts: 3 } }),
    ...(options.then ? [node('then', 'capability', options.then)] : []),
    node('end', 'output'),
  ];
  const edges = options.then
    ? [link('start', 'call'), link('call', 'then'), link('then', 'end')]
    : [link('start', 'call'), link('call', 'end')];
  return flow(`call-${capability}`, nodes, edges, { policies: allowAll });
}

/**
 * Runs `doc` on an engine whose store dies (and engine halts) when `kill` is called from inside
 * the call (a stand-in's `onApplied`), then resumes it on a fresh engine over the same store, as
 * a worker restarted after a crash would. Returns the resumed run's record.
 */
export async function runWithCrash(
  world: Omit<Parameters<typeof serverEngine>[0], 'store'> & { store: MemoryStore },
  doc: ReturnType<typeof callFlow>,
  arm: (kill: () => void) => void,
  input: unknown = {},
  /** Answers what the resumed run asks (an unknown outcome), each time it asks. */
  decide?: (approval: ApprovalRecord) => Answer,
): Promise<{ record: RunRecord; died: boolean; asked: ApprovalRecord[] }> {
  const store: FaultyStore = new FaultyStore(world.store, Infinity, () => engine.halt());
  const engine = serverEngine({ ...world, store });
  let died = false;
  arm(() => {
    if (died) return;
    died = true;
    store.dead = true;
    engine.halt();
  });
  const run = await engine.start(doc, input);
  await run.done.catch((error: unknown) => {
    if (!(error instanceof StoreDied) && !died) throw error;
  });
  arm(() => {});
  const again = serverEngine(world);
  const resumed = await again.resume(run.runId, 'crash');
  const asked: ApprovalRecord[] = [];
  let finished = false;
  void resumed.done.finally(() => (finished = true));
  while (decide) {
    const next = await until(
      async () => (finished ? null : (await again.pendingApprovals(run.runId))[0]),
      'a question or the end',
    );
    if (next === null) break;
    asked.push(next);
    await again.decide(next.key, decide(next));
  }
  return { record: await resumed.done, died, asked };
}
